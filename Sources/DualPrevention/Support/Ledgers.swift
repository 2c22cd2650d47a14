import Foundation

extension GradingInput {
    /// A factor or score as printed: whole numbers without decimals, others to two places.
    public static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }
}

// Tables in and out of the store for the CLI and the API alike: the risk analysis table and the hazard ledger as CSV,
// and quality records read from CSV. Pure functions over what the repository returns for a viewer.

extension RiskTable {
    /// The register as the paper table's CSV (the columns `read` takes back), with a byte-order mark.
    public static func exportCSV(
        _ points: [RiskPoint],
        names: Names,
        gradings: [Int64: GradingRecord],
        dimensions: DimensionCatalog,
        progress: (Int, Int) -> Void = { _, _ in }
    ) -> String {
        var rows: [[String]] = []
        for (index, p) in points.enumerated() {
            let g = gradings[p.id]
            var inputs = ["", "", "", "", ""]
            switch g?.result.input {
            case .lec(let l, let e, let c)?: inputs = ["LEC", GradingInput.format(l), GradingInput.format(e), GradingInput.format(c), ""]
            case .ls(let l, let s)?: inputs = ["LS", String(l), "", "", String(s)]
            case nil: break
            }
            let team: String = p.teamID.flatMap { names.teams[$0]?.name } ?? ""
            let post: String = p.postID.flatMap { names.posts[$0]?.name } ?? ""
            let dimension: String = (try? dimensions.resolve(p.dimension).label.zh) ?? p.dimension
            let place: [String] = [String(index + 1), names.workshop(p.workshopID), team, post, p.productCategory, dimension, p.controlStage, p.name]
            let control: [String] = [p.hazardDescription, p.measures, p.target, p.frequency.label.zh, names.person(p.ownerID)]
            let score: String = g.map { GradingInput.format($0.result.score) } ?? ""
            let result: [String] = [score, p.colour?.label.zh ?? "", p.colour?.controlTier.label.zh ?? ""]
            rows.append(place + control + inputs + result)
            progress(index + 1, points.count)
        }
        return CSV.document(header: exportHeader, rows: rows)
    }
}

/// The hazard ledger (隐患台账): one row per hazard, the columns of the paper ledger.
public enum HazardLedger {
    public static let header = [
        "序号", "隐患编号", "发现日期", "发现人", "车间/位置", "隐患描述", "隐患等级", "隐患来源", "整改措施", "整改责任人",
        "整改期限", "整改资金", "完成日期", "验收人", "验收日期", "状态", "逾期天数",
    ]

    public static func csv(_ hazards: [Hazard], names: Names, now: Date) -> String {
        CSV.document(header: header, rows: rows(hazards, names: names, now: now))
    }

    /// The ledger's rows, numbered (序号) from `first`: a ledger written in batches numbers on from the last.
    public static func rows(_ hazards: [Hazard], names: Names, now: Date, numberedFrom first: Int = 1) -> [[String]] {
        hazards.enumerated().map { index, h in
            let local = names.localTime(h.enterpriseID)
            let passed = h.acceptances.last { $0.passed }
            let funds = h.submissions.last?.funds.nonBlank ?? h.currentPlan?.funds ?? ""
            let place: String = [names.place(workshop: h.workshopID, team: h.teamID, post: h.postID), h.location].filter { !$0.isEmpty }.joined(
                separator: " · "
            )
            let measures: String = h.submissions.last?.measuresTaken ?? h.notice?.requiredMeasures ?? ""
            let found: [String] = [
                String(first + index), h.number, local.day(h.foundAt), names.person(h.foundBy), place,
                h.description, h.grade.label.zh, h.source.label.zh, measures,
            ]
            let completed: String = h.submissions.last.map { local.day($0.completedAt) } ?? ""
            let rectified: [String] = [names.person(h.ownerID), h.deadline.map(local.deadline) ?? "", funds, completed]
            let accepted: [String] = [
                passed.map { names.person($0.acceptorID) } ?? "", passed.map { local.day($0.acceptedAt) } ?? "", h.state.label.zh,
                h.isOverdue(at: now) ? String(h.daysOverdue(at: now)) : "",
            ]
            return found + rectified + accepted
        }
    }
}

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
    /// Records out of a CSV text, every row checked first (veto codes against the rules included): the drafts to add,
    /// each dated as `record add` dates it, or every bad row named.
    public static func drafts(
        _ text: String,
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
        let rows = try read(text, defaultEnterprise: defaultEnterprise, enterprise: lookup, local: local, now: endOfToday).get()
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
