import Foundation

/// Input records as a table (spot-check results sent by the inspection body, a year of licences…), with Chinese or
/// English headers. Every row is checked before anything is recorded; one bad row stops the file.
public enum QualityRecordTable {
    public enum Column: String, CaseIterable, Sendable {
        case enterprise, kind, subtype, date, area, product, reference, note, value, validUntil

        public var headers: [String] {
            switch self {
            case .enterprise: ["企业", "enterprise"]
            case .kind: ["记录类别", "类别", "kind"]
            case .subtype: ["类型", "结果", "subtype"]
            case .date: ["日期", "date"]
            case .area: ["领域", "area"]
            case .product: ["产品", "product"]
            case .reference: ["文书编号", "编号", "reference"]
            case .note: ["说明", "备注", "note"]
            case .value: ["数值", "value"]
            case .validUntil: ["有效期至", "valid until", "validUntil"]
            }
        }

        static func matching(_ header: String) -> Column? {
            let key = header.trimmingCharacters(in: .whitespaces).lowercased()
            return allCases.first { $0.headers.contains { $0.lowercased() == key } }
        }
    }

    public static let exportHeader = Column.allCases.map { $0.headers[0] }

    /// Every row as a record draft, or every error of every row. `enterprise` resolves the enterprise column
    /// (id, credit code or name); rows without one take `defaultEnterprise`.
    public static func read(
        _ records: [ImportedRow],
        defaultEnterprise: Int64?,
        enterprise: (String) -> Int64?,
        local: LocalTime,
        now: Date
    )
        -> Result<[(line: Int, record: QualityRecord)], TableErrors>
    {
        guard let header = records.first else {
            return .failure(TableErrors(errors: [.init(row: 0, line: 1, column: "(file)", problem: "the file is empty; expected a header row")]))
        }
        var columns: [Column: Int] = [:]
        var errors: [RiskTable.RowError] = []
        for (index, name) in header.fields.enumerated() {
            guard let column = Column.matching(name), columns[column] == nil else {
                errors.append(
                    .init(
                        row: 0,
                        line: header.line,
                        column: name,
                        problem: "unknown or repeated column; expected each of " + Column.allCases.map { $0.headers[0] }.joined(separator: ", ")
                            + " once"
                    )
                )
                continue
            }
            columns[column] = index
        }
        for column in [Column.kind, .subtype, .date] where columns[column] == nil {
            errors.append(.init(row: 0, line: header.line, column: column.headers[0], problem: "the column is missing"))
        }
        if columns[.enterprise] == nil, defaultEnterprise == nil {
            errors.append(
                .init(row: 0, line: header.line, column: Column.enterprise.headers[0], problem: "the column is missing and no --enterprise was given")
            )
        }
        guard errors.isEmpty else { return .failure(TableErrors(errors: errors)) }
        var rows: [(line: Int, record: QualityRecord)] = []
        for (offset, row) in records.dropFirst().enumerated() {
            if row.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            func value(_ column: Column) -> String {
                columns[column].flatMap { $0 < row.fields.count ? row.fields[$0] : nil }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            }
            func fail(_ column: Column, _ problem: String) {
                errors.append(.init(row: offset + 1, line: row.line, column: column.headers[0], problem: problem))
            }
            let enterpriseText = value(.enterprise)
            let enterpriseID = enterpriseText.isEmpty ? defaultEnterprise : enterprise(enterpriseText)
            if enterpriseID == nil {
                fail(.enterprise, enterpriseText.isEmpty ? "no enterprise given" : "no enterprise \"\(enterpriseText)\" that you may see")
            }
            let kind = QualityRecordKind(rawValue: value(.kind))
            if kind == nil { fail(.kind, "\"\(value(.kind))\" is not one of " + QualityRecordKind.allCases.map(\.rawValue).joined(separator: ", ")) }
            let area = value(.area).isEmpty ? .productQuality : ListArea(rawValue: value(.area))
            if area == nil { fail(.area, "\"\(value(.area))\" is not one of " + ListArea.allCases.map(\.rawValue).joined(separator: ", ")) }
            var date: Date?
            do { date = try local.parse(value(.date), field: "date") } catch { fail(.date, error.message.en) }
            var validUntil: Date?
            if !value(.validUntil).isEmpty {
                do { validUntil = try local.parse(value(.validUntil), field: "valid until") } catch { fail(.validUntil, error.message.en) }
            }
            var number: Double?
            if !value(.value).isEmpty {
                number = Double(value(.value).replacingOccurrences(of: ",", with: ""))
                if number == nil { fail(.value, "\"\(value(.value))\" is not a number") }
            }
            guard let enterpriseID, let kind, let area, let date else { continue }
            let record = QualityRecord(
                enterpriseID: enterpriseID,
                kind: kind,
                subtype: value(.subtype),
                occurredOn: date,
                area: area,
                product: value(.product),
                reference: value(.reference),
                note: value(.note),
                value: number,
                validUntil: validUntil
            )
            do {
                try record.validate(now: now)
                rows.append((row.line, record))
            } catch {
                let columnOfRule: [String: Column] = [
                    "RECORD-DATE-FUTURE": .date, "INPUT-REQUIRED": .product, "RECORD-VALIDITY": .validUntil, "RECORD-VALUE": .value,
                ]
                fail(columnOfRule[error.rule] ?? .subtype, error.message.en + (error.hint.map { " (\($0.en))" } ?? ""))
            }
        }
        if rows.isEmpty, errors.isEmpty { errors.append(.init(row: 0, line: header.line, column: "(file)", problem: "no rows under the header")) }
        return errors.isEmpty ? .success(rows) : .failure(TableErrors(errors: errors))
    }
}
