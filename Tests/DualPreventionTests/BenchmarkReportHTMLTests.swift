import Foundation
import Testing

@testable import DualPrevention
@testable import DualPreventionPresentation

@Suite("Benchmark report HTML")
struct BenchmarkReportHTMLTests {
    static let hostile = "<script>alert('x')</script>恒信&塑业"
    typealias L = BenchmarkReportHTML.Label

    static func assessment() throws -> BenchmarkAssessment {
        try BenchmarkAssessor.assess(
            BenchmarkFixture.indicatorInputs(),
            rules: BenchmarkFixture.rules,
            period: ReportingPeriod("2026"),
            baseline: ReportingPeriod("2025")
        )
    }

    /// The demo enterprise's shares: 19.956 and 14.583 points of 20, 83.339 in all, one item below its minimum.
    static func fractional() -> BenchmarkAssessment {
        BenchmarkAssessor.assess(
            measures: BenchmarkFixture.shares([1, 0.45, 1, 0.9978, 0.72915, 0.98]),
            indicators: BenchmarkFixture.lines(improved: 6),
            rules: BenchmarkFixture.rules,
            period: ReportingPeriod(year: 2026, unit: .year, index: 1),
            baseline: ReportingPeriod(year: 2025, unit: .year, index: 1),
            enterpriseID: 1
        )
    }

    static func render(_ language: Language) throws -> String {
        BenchmarkReportHTML.render(try assessment(), enterpriseName: hostile, language: language, appLink: nil)
    }

    /// A reason as the report shows it: its scores (the numbers before 分) cut to one decimal.
    static func shown(_ reason: String) -> String {
        reason.replacing(/(\d+)\.(\d)\d*(?=分)/) { match in
            match.output.2 == "0" ? String(match.output.1) : "\(match.output.1).\(match.output.2)"
        }
    }

    @Test(arguments: Language.allCases)
    func theDocumentStandsAlone(_ language: Language) throws {
        let html = try Self.render(language)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("http"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(html.contains("<style>"))
        #expect(html.hasSuffix("</html>\n"))
    }

    @Test(arguments: Language.allCases)
    func oneChartPerIndicator(_ language: Language) throws {
        let html = try Self.render(language)
        #expect(html.components(separatedBy: "<svg").count - 1 == BenchmarkIndicator.allCases.count)
        #expect(html.components(separatedBy: "</svg>").count - 1 == BenchmarkIndicator.allCases.count)
        // The charts come in the order of the indicators; points without data are left out:
        // nonconformity has all eight quarters, quality cost only the two year-end ones.
        let charts = html.components(separatedBy: "<svg").dropFirst().map { $0.components(separatedBy: "</svg>")[0] }
        #expect(charts[0].components(separatedBy: "<circle").count - 1 == 8)
        #expect(charts[3].components(separatedBy: "<circle").count - 1 == 2)
        #expect(charts[0].contains(">2025Q1<") && charts[0].contains(">2026Q4<"))
    }

    @Test func theEnterpriseNameIsEscaped() throws {
        let html = try Self.render(.zh)
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;恒信&amp;塑业"))
        #expect(!html.contains(Self.hostile))
    }

    @Test func theReportCarriesHeaderVerdictComplianceAndFigures() throws {
        let assessment = try Self.assessment()
        let zh = BenchmarkReportHTML.render(assessment, enterpriseName: "台州恒信塑业有限公司", language: .zh, appLink: nil)
        #expect(zh.contains("标杆企业评估报告"))
        #expect(zh.contains("<dd>2026</dd>") && zh.contains("<dd>2025</dd>"))
        #expect(zh.contains(BenchmarkFixture.rules.name.zh))
        #expect(zh.contains(assessment.verdict.label.zh))
        for reason in assessment.reasons { #expect(zh.contains(BenchmarkReportHTML.escape(Self.shown(reason.zh)))) }
        for line in assessment.compliance { #expect(zh.contains(BenchmarkReportHTML.escape(line.name.zh))) }
        // Nonconformity 2 % → 0.96 %, −52 %, against Taizhou's −52 %.
        #expect(zh.contains("2%") && zh.contains("0.96%") && zh.contains("-52%"))
        let en = BenchmarkReportHTML.render(assessment, enterpriseName: "Hengxin", language: .en, appLink: nil)
        #expect(en.contains("Benchmark enterprise assessment") && en.contains("lang=\"en\""))
        #expect(en.contains("QR-1"))
    }

    @Test(arguments: Language.allCases)
    func scoresShowOneDecimalCutNotRounded(_ language: Language) {
        let assessment = Self.fractional()
        #expect(assessment.score == 83.339)
        let html = BenchmarkReportHTML.render(assessment, enterpriseName: "Hengxin", language: language, appLink: nil)
        let body = html.components(separatedBy: "</style>")[1]
        // The indicators here are whole numbers, so two decimals anywhere but in a percentage (99.78%) would be a score's.
        #expect(body.firstMatch(of: /\d+\.\d{2,}(?![\d%])/) == nil)
        #expect(body.contains("<strong>83.3</strong> / 100"))
        // 19.956 of 20 is not shown as full marks.
        #expect(body.contains(">19.9 / 20<") && body.contains(">14.5 / 20<") && body.contains(">83.3 / 100<"))
        // The verdict's reasons say the same score as the table.
        #expect(body.contains(BenchmarkReportHTML.escape(Text("benchmarkAssessment.complianceScoreBelowPass", "83.3", "85")(language))))
    }

    @Test(arguments: Language.allCases)
    func theTotalRowComesOnce(_ language: Language) throws {
        let html = try Self.render(language)
        // A table footer would be printed again at the foot of every page the table spans.
        #expect(!html.contains("<tfoot"))
        #expect(html.components(separatedBy: "<tr class=\"total\">").count - 1 == 1)
        #expect(html.components(separatedBy: ">\(BenchmarkReportHTML.escape(L.total(language)))<").count - 1 == 1)
    }

    @Test(arguments: Language.allCases)
    func theFormEndsWithSignatureAndDateLines(_ language: Language) throws {
        let html = try Self.render(language)
        let parts = html.components(separatedBy: "<section class=\"signatures\"")
        #expect(parts.count == 2)
        let block = parts.last ?? ""
        #expect(!block.contains("<section"), "nothing follows the signatures")
        for label in [L.assessorSignature, L.principalSignature, L.seal] {
            #expect(block.contains(">\(BenchmarkReportHTML.escape(label(language)))<"))
        }
        let dates = block.components(separatedBy: ">\(BenchmarkReportHTML.escape(L.date(language)))<").count - 1
        #expect(dates == 2, "the assessor's and the enterprise's")
    }

    @Test(arguments: Language.allCases)
    func theLinkBackShowsOnScreenOnlyWhenGiven(_ language: Language) throws {
        let assessment = try Self.assessment()
        let linked = BenchmarkReportHTML.render(assessment, enterpriseName: "Hengxin", language: language, appLink: "/benchmark?a=1&b=\"2\"")
        #expect(linked.contains("<nav class=\"back\"><a href=\"/benchmark?a=1&amp;b=&quot;2&quot;\">"))
        #expect(linked.contains(BenchmarkReportHTML.escape(L.back(language))))
        let paper = linked.components(separatedBy: "@media print{").dropFirst().joined()
        #expect(paper.contains(".back{display:none}"), "on paper the link leads nowhere")
        let alone = BenchmarkReportHTML.render(assessment, enterpriseName: "Hengxin", language: language, appLink: nil)
        #expect(!alone.contains("class=\"back\"") && !alone.contains("href="))
    }

    @Test func itPrintsOnA4WithoutSplittingARow() throws {
        let html = try Self.render(.zh)
        #expect(html.contains("@page{size:A4"))
        let paper = html.components(separatedBy: "@media print{").dropFirst().joined()
        #expect(paper.contains("tr,figure,.signatures,.sources dd{break-inside:avoid}"))
        #expect(paper.contains("table{table-layout:fixed}"), "the indicator column keeps its width")
    }

    @Test(arguments: Language.allCases)
    func itFitsAPhone(_ language: Language) throws {
        let html = try Self.render(language)
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(html.contains("@media screen and (max-width:40em){"))
        // Charts scale to their box: a viewBox and no fixed size.
        #expect(!html.contains("<svg class=\"chart\" width="))
        #expect(html.contains("svg.chart{display:block;width:100%;height:auto}"))
        // Every cell but the total row's filler names its column, for the cards the rows become.
        let cells = html.components(separatedBy: "<td").count - 1
        #expect(cells > 40)
        #expect(html.components(separatedBy: "data-label=\"").count - 1 == cells - 1)
    }

    @Test(arguments: [("a<b", "a&lt;b"), ("\"q\"", "&quot;q&quot;"), ("x&y", "x&amp;y"), ("it's", "it&#39;s"), ("普通文字", "普通文字")])
    func escaping(_ raw: String, _ escaped: String) {
        #expect(BenchmarkReportHTML.escape(raw) == escaped)
    }
}
