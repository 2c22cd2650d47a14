import Foundation

extension QualityRecordKind {
    /// A kind with its subtypes and who records it, as `dualprev record kinds` and `GET /api/v1/record-kinds` list them.
    public struct Summary: Sendable, Codable {
        public var kind: String
        public var subtypes: [String]
        public var regulatorOnly: Bool
        public var regulatorOnlySubtypes: [String]
    }

    public static var summaries: [Summary] {
        allCases.map {
            Summary(
                kind: $0.rawValue,
                subtypes: $0.subtypes?.map(\.0) ?? [],
                regulatorOnly: $0.regulatorOnly,
                regulatorOnlySubtypes: $0.regulatorOnly ? [] : $0.regulatorOnlySubtypes
            )
        }
    }
}

extension QualityRecordTable {
    /// Records out of a table, every row checked first (veto codes against the rules included): the drafts to add,
    /// each dated as `record add` dates it, or every bad row named.
    public static func drafts(
        _ records: [ImportedRow],
        visible: [Enterprise],
        defaultEnterprise: Int64?,
        rules: CreditRules,
        now: Date
    ) throws -> [QualityRecord] {
        func lookup(_ key: String) -> Int64? {
            visible.first { String($0.id) == key || $0.creditCode.value == key.uppercased() || $0.name == key }?.id
        }
        let local = try LocalTime()
        // Rows dated today pass the check (their day has not ended) and are then dated now, as with `record add`.
        let endOfToday = try local.parse(local.day(now))
        let rows = try read(records, defaultEnterprise: defaultEnterprise, enterprise: lookup, local: local, now: endOfToday).get()
        try rules.checkVetoCodes(rows)
        return rows.map { row in
            var record = row.record
            record.occurredOn = QualityRecord.occurred(record.occurredOn, now: now, local: local)
            return record
        }
    }
}

extension CreditRules {
    /// Every veto record of a table must name a veto of these rules; a single record gets the plain error.
    public func checkVetoCodes(_ rows: [(line: Int, record: QualityRecord)]) throws {
        let bad = rows.filter { $0.record.kind == .veto && !vetoCodes.contains($0.record.subtype) }
        guard !bad.isEmpty else { return }
        if bad.count == 1, bad[0].line == 0 { try requireKnownVeto(bad[0].record) }
        throw TableErrors(
            errors: bad.map {
                .init(
                    row: 0,
                    line: $0.line,
                    column: QualityRecordTable.Column.subtype.headers[0],
                    problem: "the credit rules have no veto \"\($0.record.subtype)\"; one of: \(vetoCodes.joined(separator: ", "))"
                )
            }
        )
    }
}
