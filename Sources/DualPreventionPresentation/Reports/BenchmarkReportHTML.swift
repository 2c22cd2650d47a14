import DualPrevention
import Foundation

/// The benchmark assessment report as one self-contained HTML document: inline CSS and SVG, no script, no link to
/// anything outside, every text from the records escaped. It prints as it shows.
public enum BenchmarkReportHTML {
    /// The report's fixed wording, in both languages.
    enum Label {
        static let title = Text("benchmarkReportHTML.benchmarkEnterpriseAssessment")
        static let period = Text("benchmarkReportHTML.period")
        static let baseline = Text("benchmarkReportHTML.baseline")
        static let rules = Text("benchmarkReportHTML.rules")
        static let version = Text("benchmarkReportHTML.version")
        static let verdict = Text("benchmarkReportHTML.verdict")
        static let score = Text("benchmarkReportHTML.complianceScore")
        static let passScore = Text("benchmarkReportHTML.passScore")
        static let reasons = Text("benchmarkReportHTML.reasons")
        static let compliance = Text("benchmarkReportHTML.compliance")
        static let item = Text("benchmarkReportHTML.item")
        static let points = Text("benchmarkReportHTML.pointsMaximum")
        static let share = Text("benchmarkReportHTML.share")
        static let minimum = Text("benchmarkReportHTML.minimum")
        static let evidence = Text("benchmarkReportHTML.evidence")
        static let total = Text("benchmarkReportHTML.total")
        static let met = Text("benchmarkReportHTML.met")
        static let notMet = Text("benchmarkReportHTML.notMet")
        static let indicators = Text("benchmarkReportHTML.indicators")
        static let indicator = Text("benchmarkReportHTML.indicator")
        static let change = Text("benchmarkReportHTML.change")
        static let improved = Text("benchmarkReportHTML.improved")
        static let yes = Text("benchmarkReportHTML.yes")
        static let no = Text("benchmarkReportHTML.no")
        static let taizhou = Text("benchmarkReportHTML.taizhouBenchmarkEnterprises")
        static let trend = Text("benchmarkReportHTML.trend")
        static let noData = Text("benchmarkReportHTML.noData")
        static let higher = Text("benchmarkReportHTML.higherBetter")
        static let lower = Text("benchmarkReportHTML.lowerBetter")
        static let perEnterprise = Text("benchmarkReportHTML.perEnterpriseThisPeriod")
        static let across = Text("benchmarkReportHTML.enterprisesAll")
        static let indicatorEvidence = Text("benchmarkReportHTML.evidenceIndicators")
        static let more = Text("benchmarkReportHTML.and")
        static let moreSuffix = Text("benchmarkReportHTML.more")
        static let legend = Text("benchmarkReportHTML.greyBaselineBluePeriod")
    }

    public static func render(_ assessment: BenchmarkAssessment, enterpriseName: String, language l: Language) -> String {
        let name = escape(enterpriseName)
        var html = """
            <!DOCTYPE html>
            <html lang="\(l == .zh ? "zh-CN" : "en")">
            <head>
            <meta charset="utf-8">
            <title>\(escape(Label.title(l))) – \(name)</title>
            <style>\(style)</style>
            </head>
            <body>
            <header>
            <h1>\(escape(Label.title(l)))</h1>
            <p class="enterprise">\(name)</p>
            <dl>
            <dt>\(escape(Label.period(l)))</dt><dd>\(escape(assessment.period.description))</dd>
            <dt>\(escape(Label.baseline(l)))</dt><dd>\(escape(assessment.baseline.description))</dd>
            <dt>\(escape(Label.rules(l)))</dt><dd>\(escape(assessment.rulesName(l))) (\(escape(Label.version(l))) \(assessment.rulesVersion))</dd>
            </dl>
            </header>

            """
        html += verdict(assessment, l)
        html += compliance(assessment, l)
        html += indicators(assessment, l)
        html += "</body>\n</html>\n"
        return html
    }

    static func verdict(_ a: BenchmarkAssessment, _ l: Language) -> String {
        let passed = a.verdict == .benchmark
        return """
            <section class="verdict \(passed ? "pass" : "fail")">
            <h2>\(escape(Label.verdict(l)))</h2>
            <p class="outcome">\(escape(a.verdict.label(l)))</p>
            <p>\(escape(Label.score(l))) <strong>\(number(a.score))</strong> / 100 · \(escape(Label.passScore(l))) \(number(a.passScore))</p>
            <h3>\(escape(Label.reasons(l)))</h3>
            <ul>
            \(a.reasons.map { "<li>\(escape($0(l)))</li>" }.joined(separator: "\n"))
            </ul>
            <p class="rule">\(escape(a.rule(l)))</p>
            </section>

            """
    }

    static func compliance(_ a: BenchmarkAssessment, _ l: Language) -> String {
        let rows = a.compliance.map { line in
            """
            <tr class="\(line.passedMinimum ? "" : "below")">
            <td>\(escape(line.name(l)))<div class="small">\(escape(line.measure.explanation(l)))</div></td>
            <td class="num">\(number(line.points)) / \(number(line.maximum))</td>
            <td class="num">\(escape(BenchmarkNumber.percent(line.share)))</td>
            <td>\(number(line.minimum)) · \(escape((line.passedMinimum ? Label.met : Label.notMet)(l)))</td>
            <td>\(evidence(line.evidence, l))</td>
            </tr>
            """
        }
        let maximum = a.compliance.reduce(0) { $0 + $1.maximum }
        return """
            <section>
            <h2>\(escape(Label.compliance(l)))</h2>
            <table>
            <thead><tr><th>\(escape(Label.item(l)))</th><th>\(escape(Label.points(l)))</th><th>\(escape(Label.share(l)))</th><th>\(escape(Label.minimum(l)))</th><th>\(escape(Label.evidence(l)))</th></tr></thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody>
            <tfoot><tr><th>\(escape(Label.total(l)))</th><th class="num">\(number(a.score)) / \(number(maximum))</th><th colspan="3"></th></tr></tfoot>
            </table>
            </section>

            """
    }

    static func indicators(_ a: BenchmarkAssessment, _ l: Language) -> String {
        let rows = a.indicators.map { line in
            let dash = "—"
            let change = line.change.map { escape(BenchmarkNumber.percent($0, signed: true)) } ?? dash
            let reference: String =
                if let target = line.referenceValue {
                    "\(number(line.reference, decimals: 0)) (\(a.referenceEnterprises)\(escape(Label.across(l))))<br>\(escape(Label.perEnterprise(l))) \(number(target, decimals: 1))"
                } else {
                    escape(BenchmarkNumber.percent(line.referenceChange ?? line.reference, signed: true))
                }
            let better = line.betterThanReference.map { escape(($0 ? Label.met : Label.notMet)(l)) } ?? dash
            let missing = line.missing.map { "<div class=\"small\">\(escape($0(l)))</div>" } ?? ""
            return """
                <tr>
                <td>\(escape(line.name(l)))<div class="small">\(escape((line.higherIsBetter ? Label.higher : Label.lower)(l)))</div>\(missing)</td>
                <td class="num">\(line.baseline.map { escape(line.key.formatted($0)(l)) } ?? dash)</td>
                <td class="num">\(line.value.map { escape(line.key.formatted($0)(l)) } ?? dash)</td>
                <td class="num">\(change)</td>
                <td>\(escape((line.improved ? Label.yes : Label.no)(l)))</td>
                <td class="num">\(reference)<div class="small">\(better)</div></td>
                <td>\(chart(line, l))</td>
                </tr>
                """
        }
        let sources = a.indicators.map { "<dt>\(escape($0.name(l)))</dt><dd>\(evidence($0.evidence, l))</dd>" }
        return """
            <section>
            <h2>\(escape(Label.indicators(l)))</h2>
            <table>
            <thead><tr><th>\(escape(Label.indicator(l)))</th><th>\(escape(Label.baseline(l))) \(escape(a.baseline.description))</th><th>\(escape(Label.period(l))) \(escape(a.period.description))</th><th>\(escape(Label.change(l)))</th><th>\(escape(Label.improved(l)))</th><th>\(escape(Label.taizhou(l)))</th><th>\(escape(Label.trend(l)))</th></tr></thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody>
            </table>
            <p class="small">\(escape(Label.legend(l)))</p>
            <h3>\(escape(Label.indicatorEvidence(l)))</h3>
            <dl class="sources">
            \(sources.joined(separator: "\n"))
            </dl>
            </section>

            """
    }

    /// A line chart of the trend: the baseline's points in grey, the period's in blue, each part joined on its own;
    /// points without data are left out. Axes carry the period labels and the value range.
    static func chart(_ line: BenchmarkAssessment.IndicatorLine, _ l: Language) -> String {
        let width = 360.0
        let height = 150.0
        let left = 56.0
        let right = 10.0
        let top = 12.0
        let bottom = 30.0
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let points = line.trend
        let values = points.compactMap(\.value)
        let low = min(values.min() ?? 0, 0)
        var high = values.max() ?? 1
        if high <= low { high = low + 1 }
        high += (high - low) * 0.1
        // The first and last points stand in from the ends, so that their labels are not cut off.
        let inset = 20.0
        func x(_ index: Int) -> Double {
            left + (points.count <= 1 ? plotWidth / 2 : inset + (plotWidth - 2 * inset) * Double(index) / Double(points.count - 1))
        }
        func y(_ value: Double) -> Double { top + plotHeight * (1 - (value - low) / (high - low)) }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        let label = "\(line.name(l)) – \(Label.trend(l))"
        var svg =
            "<svg class=\"chart\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(escape(label))\">"
        svg += "<line class=\"axis\" x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(top + plotHeight))\"/>"
        svg += "<line class=\"axis\" x1=\"\(f(left))\" y1=\"\(f(top + plotHeight))\" x2=\"\(f(width - right))\" y2=\"\(f(top + plotHeight))\"/>"
        for value in [low, high] {
            svg += "<text class=\"tick\" x=\"\(f(left - 4))\" y=\"\(f(y(value) + 3))\" text-anchor=\"end\">\(escape(axis(line.key, value)))</text>"
        }
        for (index, point) in points.enumerated() {
            svg += "<text class=\"tick\" x=\"\(f(x(index)))\" y=\"\(f(height - 12))\" text-anchor=\"middle\">\(escape(point.label))</text>"
        }
        if let split = points.firstIndex(where: { !$0.inBaseline }), split > 0 {
            let middle = (x(split - 1) + x(split)) / 2
            svg += "<line class=\"divider\" x1=\"\(f(middle))\" y1=\"\(f(top))\" x2=\"\(f(middle))\" y2=\"\(f(top + plotHeight))\"/>"
        }
        for part in [true, false] {
            let drawn = points.enumerated().compactMap { index, point in point.inBaseline == part ? point.value.map { (x(index), y($0)) } : nil }
            let kind = part ? "baseline" : "period"
            if drawn.count > 1 {
                svg += "<polyline class=\"\(kind)\" points=\"\(drawn.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " "))\"/>"
            }
        }
        for (index, point) in points.enumerated() {
            guard let value = point.value else { continue }
            svg += "<circle class=\"\(point.inBaseline ? "baseline" : "period")\" cx=\"\(f(x(index)))\" cy=\"\(f(y(value)))\" r=\"3\">"
            svg += "<title>\(escape(point.label)): \(escape(line.key.formatted(value)(l)))</title></circle>"
        }
        if values.isEmpty {
            svg +=
                "<text class=\"tick\" x=\"\(f(left + plotWidth / 2))\" y=\"\(f(top + plotHeight / 2))\" text-anchor=\"middle\">\(escape(Label.noData(l)))</text>"
        }
        return svg + "</svg>"
    }

    /// A short axis label: rates as percentages, the rest as plain numbers.
    static func axis(_ key: BenchmarkIndicator, _ value: Double) -> String {
        switch key {
        case .nonconformityRate, .qualityCostRate, .qualityLossRate: BenchmarkNumber.percent(value)
        case .hazardDiscoveryRate, .complaintRate, .hazardsResolved: BenchmarkNumber.plain(value, decimals: 2)
        }
    }

    /// Evidence ids, the first dozen shown and the rest folded away (a `details` element needs no script).
    static func evidence(_ ids: [String], _ l: Language) -> String {
        guard !ids.isEmpty else { return "—" }
        let shown = ids.prefix(12).map { "<code>\(escape($0))</code>" }.joined(separator: " ")
        guard ids.count > 12 else { return shown }
        let rest = ids.dropFirst(12).map { "<code>\(escape($0))</code>" }.joined(separator: " ")
        return "\(shown) <details><summary>\(escape(Label.more(l))) \(ids.count - 12) \(escape(Label.moreSuffix(l)))</summary>\(rest)</details>"
    }

    static func number(_ value: Double, decimals: Int = 3) -> String { escape(BenchmarkNumber.plain(value, decimals: decimals)) }

    /// Escapes the five characters that could end an element or an attribute.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static let style = """
        body{font-family:"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:72em;color:#222;line-height:1.45}
        h1{margin:0 0 .2em}h2{border-bottom:2px solid #1f5fa8;padding-bottom:.2em;margin-top:1.6em}
        .enterprise{font-size:1.3em;font-weight:bold;margin:.2em 0}
        dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dt{font-weight:bold}dd{margin:0}
        .verdict{padding:.2em 1em 1em;border-radius:6px}.verdict.pass{background:#eaf6ec;border:1px solid #3c9a4f}
        .verdict.fail{background:#fbeceb;border:1px solid #c0392b}.outcome{font-size:1.4em;font-weight:bold}
        table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.35em .5em;vertical-align:top;text-align:left}
        thead th{background:#f0f3f7}.num{text-align:right;white-space:nowrap}tr.below td{background:#fdf1f0}
        .small{font-size:.82em;color:#555}.rule{font-size:.9em;color:#444}code{font-size:.85em;background:#f4f4f4;padding:0 .2em}
        .chart .axis{stroke:#444;stroke-width:1}.chart .divider{stroke:#999;stroke-dasharray:4 3}
        .chart .tick{font-size:9px;fill:#444}.chart polyline{fill:none;stroke-width:2}
        .chart polyline.baseline{stroke:#999}.chart polyline.period{stroke:#1f5fa8}
        .chart circle.baseline{fill:#999}.chart circle.period{fill:#1f5fa8}
        .sources dd{margin-bottom:.4em}
        @media print{body{margin:0;max-width:none}details{display:block}}
        """
}
