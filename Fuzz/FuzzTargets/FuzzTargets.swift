import DualPrevention
import DualPreventionCatalog
import DualPreventionPresentation
import Foundation

/// What the fuzzers feed arbitrary bytes to, and what the regression test feeds every kept input to: the YAML rules
/// loader and the CSV importers, as the program reads a file it was given. (The API's JSON bodies go to
/// `DualPreventionServer.BodyProbe`, in a target of their own so that these two build without the server.) Each must answer any
/// input with a value or a located error, never a crash; libFuzzer (with AddressSanitizer) reports anything else.
public enum FuzzTargets {
    public static let now = Date(timeIntervalSince1970: 1_790_000_000)

    /// A checklist, dimensions, grading bands, credit, list or benchmark rules file.
    public static func rules(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        _ = try? CatalogLoader.parse(text, file: "fuzz.yaml")
    }

    static let lookup = RiskTable.Lookup(
        workshops: ["注塑车间": 10],
        teams: [10: ["注塑一班": 20]],
        posts: [20: ["操作岗": 30]],
        people: ["吴春华": [5], "张伟": [6, 7]],
        defaultCategory: "食品接触用塑料制品",
        existing: [RiskTable.RowKey(workshopID: 10, controlStage: "包装", name: "已有风险点"): 99]
    )

    /// The risk analysis table and the quality records table, and the CSV reader beneath them.
    public static func csv(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        if let records = try? CSVReader.parse(text) {
            // Whatever was read writes back as a document that reads again (the ledgers' export path).
            let rows = records.map(\.fields)
            if let header = rows.first {
                let again = try? CSVReader.parse(CSVWriter.document(header: header, rows: Array(rows.dropFirst())))
                precondition(again?.count == rows.count, "a CSV document written from \(rows.count) records read back differently")
            }
        }
        _ = RiskTable.read(csv: text, enterpriseID: 1, lookup: lookup, dimensions: DimensionCatalog())
        if let local = try? LocalTime() {
            _ = QualityRecordTable.read(csv: text, defaultEnterprise: 1, enterprise: { $0 == "1" ? 1 : nil }, local: local, now: now)
        }
    }
}
