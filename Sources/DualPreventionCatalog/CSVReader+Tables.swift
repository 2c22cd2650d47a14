import DualPrevention
import Foundation

// The imported tables read from CSV text: the cells by `CSVReader`, then checked by the domain. A quoted cell that
// never closes is one error for the whole file, located at its line.

extension CSVReader {
    /// The records of `text`, or the file's one error when a quoted cell never closes.
    static func records(_ text: String, unclosed problem: String) -> Result<[ImportedRow], TableErrors> {
        do {
            return .success(try parse(text))
        } catch {
            return .failure(TableErrors(errors: [RiskTable.RowError(row: 0, line: error.line, column: "(file)", problem: problem)]))
        }
    }
}

extension RiskTable {
    /// The risk analysis table from CSV text.
    public static func read(csv text: String, enterpriseID: Int64, lookup: Lookup, dimensions: DimensionCatalog) -> Result<[Row], TableErrors> {
        CSVReader.records(text, unclosed: "a quoted field starting on this line is never closed; nothing after it can be read")
            .flatMap { read($0, enterpriseID: enterpriseID, lookup: lookup, dimensions: dimensions) }
    }
}

extension QualityRecordTable {
    /// Quality records from CSV text.
    public static func read(
        csv text: String,
        defaultEnterprise: Int64?,
        enterprise: (String) -> Int64?,
        local: LocalTime,
        now: Date
    ) -> Result<[(line: Int, record: QualityRecord)], TableErrors> {
        CSVReader.records(text, unclosed: "a quoted field starting on this line is never closed")
            .flatMap { read($0, defaultEnterprise: defaultEnterprise, enterprise: enterprise, local: local, now: now) }
    }

    /// The drafts of a CSV text, every row checked first.
    public static func drafts(
        csv text: String,
        visible: [Enterprise],
        defaultEnterprise: Int64?,
        rules: CreditRules,
        now: Date
    ) throws -> [QualityRecord] {
        let records = try CSVReader.records(text, unclosed: "a quoted field starting on this line is never closed").get()
        return try drafts(records, visible: visible, defaultEnterprise: defaultEnterprise, rules: rules, now: now)
    }
}
