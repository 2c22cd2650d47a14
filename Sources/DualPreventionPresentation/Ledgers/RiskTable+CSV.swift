import DualPrevention
import Foundation

extension GradingInput {
    /// A factor or score as printed: whole numbers without decimals, others to two places.
    public static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }
}

// The risk analysis table as CSV for the CLI and the API alike: a pure function over what the store returns.

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
        return CSVWriter.document(header: exportHeader, rows: rows)
    }
}
