import DualPrevention
import DualPreventionPresentation

/// The four-colour risk chart: one stacked bar per workshop, red · orange · yellow · blue, as inline SVG.
enum FourColourChart {
    struct Row {
        var label: String
        var counts: [RiskColour: Int]
    }

    /// One row per workshop, counting its graded risk points by colour.
    static func rows(_ workshops: [Workshop], _ points: [RiskPoint]) -> [Row] {
        workshops.map { workshop in
            Row(
                label: workshop.name,
                counts: Dictionary(grouping: points.filter { $0.workshopID == workshop.id }.compactMap(\.colour), by: { $0 })
                    .mapValues(\.count)
            )
        }
    }

    static let fill: [RiskColour: String] = [.red: "#d7263d", .orange: "#f49d37", .yellow: "#f6d743", .blue: "#1b74d1"]

    static func svg(_ rows: [Row], language l: Language) -> String {
        let labelWidth = 150.0
        let barWidth = 420.0
        let rowHeight = 34.0
        let top = 34.0
        let most = max(1, rows.map { $0.counts.values.reduce(0, +) }.max() ?? 1)
        let height = top + rowHeight * Double(max(rows.count, 1)) + 10
        var parts: [String] = []
        let title = Text("fourColourChart.riskPointsColourPer")(l)
        parts.append(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(labelWidth + barWidth + 60)) \(Int(height))\" role=\"img\" aria-label=\"\(escape(title))\" class=\"chart\">"
        )
        var x = labelWidth
        for colour in RiskColour.allCases {
            parts.append("<rect x=\"\(Int(x))\" y=\"6\" width=\"14\" height=\"14\" fill=\"\(fill[colour] ?? "#999")\"/>")
            parts.append("<text x=\"\(Int(x + 18))\" y=\"18\" font-size=\"12\">\(escape(colour.label(l)))</text>")
            x += l == .zh ? 110 : 105
        }
        for (index, row) in rows.enumerated() {
            let y = top + rowHeight * Double(index)
            parts.append("<text x=\"\(Int(labelWidth - 8))\" y=\"\(Int(y + 20))\" font-size=\"13\" text-anchor=\"end\">\(escape(row.label))</text>")
            var cursor = labelWidth
            for colour in RiskColour.allCases {
                let count = row.counts[colour] ?? 0
                guard count > 0 else { continue }
                let width = barWidth * Double(count) / Double(most)
                parts.append(
                    "<rect x=\"\(fmt(cursor))\" y=\"\(Int(y + 4))\" width=\"\(fmt(width))\" height=\"\(Int(rowHeight - 10))\" fill=\"\(fill[colour] ?? "#999")\"><title>\(escape(row.label)) · \(escape(colour.label(l))): \(count)</title></rect>"
                )
                parts.append(
                    "<text x=\"\(fmt(cursor + width / 2))\" y=\"\(Int(y + 21))\" font-size=\"12\" text-anchor=\"middle\" fill=\"\(colour == .yellow ? "#222" : "#fff")\">\(count)</text>"
                )
                cursor += width
            }
            let total = row.counts.values.reduce(0, +)
            parts.append("<text x=\"\(fmt(cursor + 6))\" y=\"\(Int(y + 21))\" font-size=\"12\">\(total)</text>")
        }
        parts.append("</svg>")
        return parts.joined()
    }

    static func fmt(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String { BenchmarkReportHTML.escape(text) }
}
