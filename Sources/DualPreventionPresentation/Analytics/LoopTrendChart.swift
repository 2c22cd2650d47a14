import DualPrevention
import Foundation

/// The monthly closed-loop and on-time rates of each district as one self-contained SVG (issue 16): a small chart per
/// district, side by side, on the same 0–100 % scale, so a province's many districts stay readable. A month with
/// nothing to count has no point (the line breaks there) rather than a made-up 100 %.
public enum LoopTrendChart {
    static let panelWidth = 260.0
    static let panelHeight = 150.0
    static let columns = 3
    static let plot = (left: 34.0, right: 10.0, top: 28.0, bottom: 24.0)
    static let closedColour = "#1565c0"
    static let onTimeColour = "#e65100"

    public static func svg(_ trend: LoopTrend, title: String, language l: Language) -> String {
        let rows = max(1, (trend.series.count + columns - 1) / columns)
        let width = panelWidth * Double(min(columns, max(1, trend.series.count)))
        let height = 56 + panelHeight * Double(rows)
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(number(width)) \(number(height))" width="\(number(width))" \
            height="\(number(height))" font-family="sans-serif" font-size="11" role="img" aria-label="\(escape(title))">
            <title>\(escape(title))</title>
            <text x="8" y="18" font-size="14" font-weight="bold">\(escape(title))</text>
            <g font-size="11">\
            <line x1="8" y1="36" x2="28" y2="36" stroke="\(closedColour)" stroke-width="2"/>\
            <text x="32" y="40">\(escape(Text("loopTrendChart.closedLoopRate")(l)))</text>\
            <line x1="150" y1="36" x2="170" y2="36" stroke="\(onTimeColour)" stroke-width="2" stroke-dasharray="4 3"/>\
            <text x="174" y="40">\(escape(Text("loopTrendChart.onTimeRate")(l)))</text></g>

            """
        if trend.series.isEmpty {
            out += "<text x=\"8\" y=\"80\">\(escape(Text("loopTrendChart.nothing")(l)))</text>\n"
        }
        for (index, series) in trend.series.enumerated() {
            let x0 = panelWidth * Double(index % columns)
            let y0 = 56 + panelHeight * Double(index / columns)
            out += panel(series, months: trend.months, x: x0, y: y0)
        }
        return out + "</svg>\n"
    }

    /// One district's chart at (x, y).
    static func panel(_ series: LoopTrend.Series, months: [LoopTrend.Month], x: Double, y: Double) -> String {
        let left = x + plot.left
        let right = x + panelWidth - plot.right
        let top = y + plot.top
        let bottom = y + panelHeight - plot.bottom
        let step = months.count > 1 ? (right - left) / Double(months.count - 1) : 0
        func px(_ i: Int) -> Double { months.count > 1 ? left + step * Double(i) : (left + right) / 2 }
        func py(_ rate: Double) -> Double { bottom - (bottom - top) * min(1, max(0, rate)) }
        var out = "<g>\n<text x=\"\(number(x + 8))\" y=\"\(number(y + 16))\" font-weight=\"bold\">\(escape(series.name))</text>\n"
        for rate in [0.0, 0.5, 1.0] {
            out += "<line x1=\"\(number(left))\" y1=\"\(number(py(rate)))\" x2=\"\(number(right))\" y2=\"\(number(py(rate)))\" stroke=\"#ddd\"/>"
            out += "<text x=\"\(number(left - 4))\" y=\"\(number(py(rate) + 4))\" text-anchor=\"end\" fill=\"#666\">\(Int(rate * 100))%</text>\n"
        }
        if let first = months.first, let last = months.last {
            out += "<text x=\"\(number(left))\" y=\"\(number(bottom + 16))\" fill=\"#666\">\(escape(first.key))</text>"
            out += "<text x=\"\(number(right))\" y=\"\(number(bottom + 16))\" text-anchor=\"end\" fill=\"#666\">\(escape(last.key))</text>\n"
        }
        let closed = series.months.map { $0.found == 0 ? nil : $0.closedLoopRate }
        let onTime = series.months.map { $0.due == 0 ? nil : $0.onTimeRate }
        out += line(closed, colour: closedColour, dashed: false, px: px, py: py)
        out += line(onTime, colour: onTimeColour, dashed: true, px: px, py: py)
        return out + "</g>\n"
    }

    /// A line through the months with a value, broken where one has none; a lone value is a dot.
    static func line(_ values: [Double?], colour: String, dashed: Bool, px: (Int) -> Double, py: (Double) -> Double) -> String {
        var runs: [[(Int, Double)]] = [[]]
        for (i, value) in values.enumerated() {
            if let value { runs[runs.count - 1].append((i, value)) } else if !(runs.last?.isEmpty ?? true) { runs.append([]) }
        }
        var out = ""
        for run in runs where !run.isEmpty {
            if run.count == 1, let (i, v) = run.first {
                out += "<circle cx=\"\(number(px(i)))\" cy=\"\(number(py(v)))\" r=\"2.5\" fill=\"\(colour)\"/>\n"
                continue
            }
            let points = run.map { "\(number(px($0.0))),\(number(py($0.1)))" }.joined(separator: " ")
            out +=
                "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"\(dashed ? " stroke-dasharray=\"4 3\"" : "")/>\n"
        }
        return out
    }

    static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
