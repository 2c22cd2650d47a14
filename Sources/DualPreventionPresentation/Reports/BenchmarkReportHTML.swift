import DualPrevention
import Foundation

/// The benchmark assessment report as one self-contained HTML document: inline CSS and SVG, no script, every text from
/// the records escaped. On screen it fits a phone's width; printed, it is an A4 assessment form ending in signature lines.
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
        static let back = Text("benchmarkReportHTML.backToBenchmark")
        static let signatures = Text("benchmarkReportHTML.signatures")
        static let assessorSide = Text("benchmarkReportHTML.assessorSide")
        static let assessorSignature = Text("benchmarkReportHTML.assessorSignature")
        static let enterpriseSide = Text("benchmarkReportHTML.enterpriseSide")
        static let principalSignature = Text("benchmarkReportHTML.enterprisePrincipalSignature")
        static let seal = Text("benchmarkReportHTML.enterpriseSeal")
        static let date = Text("benchmarkReportHTML.date")
    }

    /// `appLink` is where the on-screen link back into the application goes; a file written by the CLI has none. The
    /// link is not printed.
    public static func render(_ assessment: BenchmarkAssessment, enterpriseName: String, language l: Language, appLink: String?) -> String {
        let name = escape(enterpriseName)
        let back = appLink.map { "<nav class=\"back\"><a href=\"\(escape($0))\">← \(escape(Label.back(l)))</a></nav>\n" } ?? ""
        var html = """
            <!DOCTYPE html>
            <html lang="\(l == .zh ? "zh-CN" : "en")">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(Label.title(l))) – \(name)</title>
            <style>\(style)</style>
            </head>
            <body>
            \(back)<header>
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
        html += signatures(l)
        html += "</body>\n</html>\n"
        return html
    }

    static func verdict(_ a: BenchmarkAssessment, _ l: Language) -> String {
        let passed = a.verdict == .benchmark
        return """
            <section class="verdict \(passed ? "pass" : "fail")">
            <h2>\(escape(Label.verdict(l)))</h2>
            <p class="outcome">\(escape(a.verdict.label(l)))</p>
            <p>\(escape(Label.score(l))) <strong>\(escape(points(a.score)))</strong> / 100 · \(escape(Label.passScore(l))) \(escape(points(a.passScore)))</p>
            <h3>\(escape(Label.reasons(l)))</h3>
            <ul>
            \(reasons(a).map { "<li>\(escape($0(l)))</li>" }.joined(separator: "\n"))
            </ul>
            <p class="rule">\(escape(a.rule(l)))</p>
            </section>

            """
    }

    /// The verdict's reasons as the assessment words them, but with their scores to one decimal like every other score
    /// here: the assessment writes thousandths, the precision its lines add up in.
    static func reasons(_ a: BenchmarkAssessment) -> [Text] {
        let share = BenchmarkNumber.percent(a.minimumItemShare)
        func worded(_ number: (Double) -> String) -> [Text] {
            var texts = [
                Text("benchmarkAssessment.complianceScoreBelowPass", number(a.score), number(a.passScore)),
                Text("benchmarkAssessment.complianceScoreReachesPass", number(a.score), number(a.passScore)),
            ]
            for line in a.compliance where !line.passedMinimum {
                texts.append(
                    Text("benchmarkAssessment.scoresBelowPoints", line.name, number(line.points), number(line.maximum), share, number(line.minimum))
                )
            }
            return texts
        }
        func exact(_ value: Double) -> String { BenchmarkNumber.plain(value, decimals: 3) }
        let shown = Dictionary(zip(worded(exact), worded(points)), uniquingKeysWith: { first, _ in first })
        return a.reasons.map { shown[$0] ?? $0 }
    }

    static func compliance(_ a: BenchmarkAssessment, _ l: Language) -> String {
        let columns = [Label.item, Label.points, Label.share, Label.minimum, Label.evidence].map { $0(l) }
        let rows = a.compliance.map { line -> String in
            let kind = line.passedMinimum ? "" : " class=\"below\""
            let cells = [
                cell(columns[0], "\(escape(line.name(l)))<div class=\"small\">\(escape(line.measure.explanation(l)))</div>"),
                cell(columns[1], "\(escape(points(line.points))) / \(escape(points(line.maximum)))", kind: "num"),
                cell(columns[2], escape(BenchmarkNumber.percent(line.share)), kind: "num"),
                cell(columns[3], "\(escape(points(line.minimum))) · \(escape((line.passedMinimum ? Label.met : Label.notMet)(l)))"),
                cell(columns[4], evidence(line.evidence, l), kind: "codes"),
            ]
            return "<tr\(kind)>\(cells.joined())</tr>"
        }
        let maximum = a.compliance.reduce(0) { $0 + $1.maximum }
        // The total is the body's last row, not a footer: a printed table repeats its footer on every page.
        let total = cell(columns[1], "\(escape(points(a.score))) / \(escape(points(maximum)))", kind: "num")
        return """
            <section>
            <h2>\(escape(Label.compliance(l)))</h2>
            <table class="compliance">
            <colgroup><col class="item"><col class="points"><col class="share"><col class="minimum"><col class="evidence"></colgroup>
            <thead><tr>\(columns.map { "<th scope=\"col\">\(escape($0))</th>" }.joined())</tr></thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            <tr class="total"><th scope="row">\(escape(Label.total(l)))</th>\(total)<td class="filler" colspan="3"></td></tr>
            </tbody>
            </table>
            </section>

            """
    }

    static func indicators(_ a: BenchmarkAssessment, _ l: Language) -> String {
        let columns = [
            Label.indicator(l),
            "\(Label.baseline(l)) \(a.baseline.description)",
            "\(Label.period(l)) \(a.period.description)",
            Label.change(l),
            Label.improved(l),
            Label.taizhou(l),
        ]
        let rows = a.indicators.map { line -> String in
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
            let direction = escape((line.higherIsBetter ? Label.higher : Label.lower)(l))
            let cells = [
                cell(columns[0], "\(escape(line.name(l)))<div class=\"small\">\(direction)</div>\(missing)"),
                cell(columns[1], line.baseline.map { escape(line.key.formatted($0)(l)) } ?? dash, kind: "num"),
                cell(columns[2], line.value.map { escape(line.key.formatted($0)(l)) } ?? dash, kind: "num"),
                cell(columns[3], change, kind: "num"),
                cell(columns[4], escape((line.improved ? Label.yes : Label.no)(l))),
                cell(columns[5], "\(reference)<div class=\"small\">\(better)</div>", kind: "num"),
            ]
            return "<tr>\(cells.joined())</tr>"
        }
        // The trends sit in a grid of their own rather than in a table column, which would squeeze the indicator names.
        let charts = a.indicators.map { "<figure>\(chart($0, l))<figcaption>\(escape($0.name(l)))</figcaption></figure>" }
        let sources = a.indicators.map { "<dt>\(escape($0.name(l)))</dt><dd>\(evidence($0.evidence, l))</dd>" }
        return """
            <section>
            <h2>\(escape(Label.indicators(l)))</h2>
            <table class="indicators">
            <colgroup><col class="indicator"><col class="value"><col class="value"><col class="change"><col class="improved"><col class="reference"></colgroup>
            <thead><tr>\(columns.map { "<th scope=\"col\">\(escape($0))</th>" }.joined())</tr></thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody>
            </table>
            <h3>\(escape(Label.trend(l)))</h3>
            <div class="charts">
            \(charts.joined(separator: "\n"))
            </div>
            <p class="small">\(escape(Label.legend(l)))</p>
            <h3>\(escape(Label.indicatorEvidence(l)))</h3>
            <dl class="sources">
            \(sources.joined(separator: "\n"))
            </dl>
            </section>

            """
    }

    /// The lines a paper assessment form ends with: the assessor signs and dates it, the enterprise's principal signs,
    /// seals and dates it.
    static func signatures(_ l: Language) -> String {
        func line(_ label: Text, _ kind: String = "line") -> String { "<p class=\"\(kind)\"><span>\(escape(label(l)))</span></p>" }
        return """
            <section class="signatures" aria-label="\(escape(Label.signatures(l)))">
            <div class="party">
            <h3>\(escape(Label.assessorSide(l)))</h3>
            \(line(Label.assessorSignature))
            \(line(Label.date))
            </div>
            <div class="party">
            <h3>\(escape(Label.enterpriseSide(l)))</h3>
            \(line(Label.principalSignature))
            \(line(Label.seal, "line seal"))
            \(line(Label.date))
            </div>
            </section>

            """
    }

    /// A table cell that names its column: on a phone, where each row becomes a card, the name shows beside the value.
    static func cell(_ column: String, _ content: String, kind: String? = nil) -> String {
        let attribute = kind.map { " class=\"\($0)\"" } ?? ""
        return "<td\(attribute) data-label=\"\(escape(column))\">\(content)</td>"
    }

    /// A line chart of the trend: the baseline's points in grey, the period's in blue, each part joined on its own;
    /// points without data are left out. Axes carry the period labels and the value range. Only the viewBox sets its
    /// size, so it scales to its box: the width of a phone, or a third of an A4 page.
    static func chart(_ line: BenchmarkAssessment.IndicatorLine, _ l: Language) -> String {
        let trend = line.trend
        // More than four period labels do not fit side by side at this width: every other one drops to a second row.
        let crowded = trend.count > 4
        let width = 300.0
        let left = 42.0
        let right = 6.0
        let top = 8.0
        let plotHeight = 72.0
        let height = top + plotHeight + (crowded ? 34 : 22)
        let plotWidth = width - left - right
        let values = trend.compactMap(\.value)
        let low = min(values.min() ?? 0, 0)
        var high = values.max() ?? 1
        if high <= low { high = low + 1 }
        high += (high - low) * 0.1
        // The first and last points stand in from the ends, so that their labels are not cut off.
        let inset = 18.0
        func x(_ index: Int) -> Double {
            left + (trend.count <= 1 ? plotWidth / 2 : inset + (plotWidth - 2 * inset) * Double(index) / Double(trend.count - 1))
        }
        func y(_ value: Double) -> Double { top + plotHeight * (1 - (value - low) / (high - low)) }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        let label = "\(line.name(l)) – \(Label.trend(l))"
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(escape(label))\">"
        svg += "<line class=\"axis\" x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(top + plotHeight))\"/>"
        svg += "<line class=\"axis\" x1=\"\(f(left))\" y1=\"\(f(top + plotHeight))\" x2=\"\(f(width - right))\" y2=\"\(f(top + plotHeight))\"/>"
        for value in [low, high] {
            svg += "<text class=\"tick\" x=\"\(f(left - 4))\" y=\"\(f(y(value) + 4))\" text-anchor=\"end\">\(escape(axis(line.key, value)))</text>"
        }
        for (index, point) in trend.enumerated() {
            let row = crowded && index % 2 == 1 ? 12.0 : 0
            svg +=
                "<text class=\"tick\" x=\"\(f(x(index)))\" y=\"\(f(top + plotHeight + 15 + row))\" text-anchor=\"middle\">\(escape(point.label))</text>"
        }
        if let split = trend.firstIndex(where: { !$0.inBaseline }), split > 0 {
            let middle = (x(split - 1) + x(split)) / 2
            svg += "<line class=\"divider\" x1=\"\(f(middle))\" y1=\"\(f(top))\" x2=\"\(f(middle))\" y2=\"\(f(top + plotHeight))\"/>"
        }
        for part in [true, false] {
            let drawn = trend.enumerated().compactMap { index, point in point.inBaseline == part ? point.value.map { (x(index), y($0)) } : nil }
            let kind = part ? "baseline" : "period"
            if drawn.count > 1 {
                svg += "<polyline class=\"\(kind)\" points=\"\(drawn.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " "))\"/>"
            }
        }
        for (index, point) in trend.enumerated() {
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

    /// Points to one decimal, cut rather than rounded, so that a score just short of a mark never shows as reaching it
    /// (84.96 against 85 shows as 84.9). Points are whole thousandths, so the cut is exact.
    static func points(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e12 else { return BenchmarkNumber.plain(value, decimals: 1) }
        let thousandths = Int((value * 1_000).rounded())
        return BenchmarkNumber.plain(Double(thousandths / 100) / 10, decimals: 1)
    }

    static func number(_ value: Double, decimals: Int) -> String { escape(BenchmarkNumber.plain(value, decimals: decimals)) }

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

    /// Three layouts in one sheet: the desk's; a phone's, where tables turn into cards and nothing is wider than the
    /// screen; and A4 paper, where fixed column widths, small type and no page-breaking inside a row keep it short.
    static let style = """
        *{box-sizing:border-box}
        body{font-family:"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0 auto;padding:1em;max-width:64em;color:#222;line-height:1.45}
        .back{margin:0 0 1em}.back a{color:#1f5fa8}
        h1{margin:0 0 .2em;font-size:1.7em}h2{font-size:1.3em;border-bottom:2px solid #1f5fa8;padding-bottom:.2em;margin:1.6em 0 .6em}
        h3{font-size:1.05em;margin:1em 0 .4em}.enterprise{font-size:1.3em;font-weight:bold;margin:.2em 0}
        dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.2em 1em}dt{font-weight:bold}dd{margin:0}
        .verdict{padding:.2em 1em 1em;border-radius:6px}.verdict.pass{background:#eaf6ec;border:1px solid #3c9a4f}
        .verdict.fail{background:#fbeceb;border:1px solid #c0392b}.verdict h2{margin-top:.6em}.outcome{font-size:1.4em;font-weight:bold;margin:.3em 0}
        table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.35em .5em;vertical-align:top;text-align:left}
        thead th{background:#f0f3f7}.num{text-align:right}tr.below td{background:#fdf1f0}tr.total>*{font-weight:bold;background:#f7f9fb}
        col.item{width:33%}col.points{width:10%}col.share{width:9%}col.minimum{width:11%}
        col.indicator{width:23%}col.value{width:17%}col.change{width:11%}col.improved{width:10%}col.reference{width:22%}
        .small{font-size:.82em;color:#555}.rule{font-size:.9em;color:#444}
        code{font-size:.85em;background:#f4f4f4;padding:0 .2em;white-space:nowrap}
        .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(17em,1fr));gap:.6em 1.2em}
        figure{margin:0}figcaption{font-size:.85em;text-align:center}svg.chart{display:block;width:100%;height:auto}
        .chart .axis{stroke:#444;stroke-width:1}.chart .divider{stroke:#999;stroke-dasharray:4 3}
        .chart .tick{font-size:11px;fill:#444}.chart polyline{fill:none;stroke-width:2}
        .chart polyline.baseline{stroke:#999}.chart polyline.period{stroke:#1f5fa8}
        .chart circle.baseline{fill:#999}.chart circle.period{fill:#1f5fa8}
        .sources dd{margin-bottom:.4em}
        .signatures{display:grid;grid-template-columns:repeat(auto-fit,minmax(16em,1fr));gap:.5em 3em;margin-top:2em;padding-top:.5em;border-top:2px solid #1f5fa8}
        .party h3{margin:.3em 0 .8em}.line{display:flex;align-items:flex-end;gap:.5em;margin:0 0 1em;min-height:2.2em}
        .line::after{content:"";flex:1;border-bottom:1px solid #222}.line.seal{min-height:5.5em}
        @media screen and (max-width:40em){
        body{padding:.75em}
        table,tbody,tr,th,td{display:block}thead,colgroup{display:none}
        tr{border:1px solid #ccc;border-radius:6px;margin:0 0 .8em;padding:.4em .7em}tr.below{background:#fdf1f0}
        th,td{border:0;padding:.15em 0}.num{text-align:left}td.filler{display:none}
        td[data-label]::before{content:attr(data-label);display:inline-block;min-width:7.5em;margin-right:.5em;font-size:.85em;color:#555}
        td.codes::before{display:block}td:first-child{font-weight:bold}td:first-child::before{display:none}td:first-child .small{font-weight:normal}
        .sources{grid-template-columns:minmax(0,1fr)}
        }
        @page{size:A4;margin:10mm 12mm}
        @media print{
        body{max-width:none;padding:0;font-size:8.5pt;line-height:1.35}
        .back{display:none}
        h1{font-size:15pt}h2{font-size:11.5pt;margin:1.1em 0 .4em}h3{font-size:9.5pt;margin:.7em 0 .3em}h2,h3{break-after:avoid}
        .verdict{padding:.1em .8em .4em}ul{margin:.3em 0;padding-left:1.5em}header dl{margin:.4em 0}
        table{table-layout:fixed}th,td{padding:.2em .35em}
        tr,figure,.signatures,.sources dd{break-inside:avoid}
        .charts{grid-template-columns:repeat(3,1fr);gap:.2em 1em}
        code{font-size:1em;background:none;padding:0}td.codes,.sources dd{font-size:6.5pt;line-height:1.4}.rule,.small{font-size:7.5pt}
        .signatures{margin-top:1em}.party h3{margin:.1em 0 .2em}.line{min-height:1.8em;margin-bottom:.2em}.line.seal{min-height:3.4em}
        summary{list-style:none}summary::-webkit-details-marker{display:none}
        .verdict,thead th,tr.below td,tr.total>*{print-color-adjust:exact;-webkit-print-color-adjust:exact}
        }
        """
}
