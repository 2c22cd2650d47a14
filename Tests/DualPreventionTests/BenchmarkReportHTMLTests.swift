import Foundation
import Testing

@testable import DualPrevention
@testable import DualPreventionPresentation

@Suite("Benchmark report HTML")
struct BenchmarkReportHTMLTests {
    static let hostile = "<script>alert('x')</script>恒信&塑业"

    static func assessment() throws -> BenchmarkAssessment {
        try BenchmarkAssessor.assess(
            BenchmarkFixture.indicatorInputs(),
            rules: BenchmarkFixture.rules,
            period: ReportingPeriod("2026"),
            baseline: ReportingPeriod("2025")
        )
    }

    static func render(_ language: Language) throws -> String {
        BenchmarkReportHTML.render(try assessment(), enterpriseName: hostile, language: language)
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
        let zh = BenchmarkReportHTML.render(assessment, enterpriseName: "台州恒信塑业有限公司", language: .zh)
        #expect(zh.contains("标杆企业评估报告"))
        #expect(zh.contains("<dd>2026</dd>") && zh.contains("<dd>2025</dd>"))
        #expect(zh.contains(BenchmarkFixture.rules.name.zh))
        #expect(zh.contains(assessment.verdict.label.zh))
        for reason in assessment.reasons { #expect(zh.contains(BenchmarkReportHTML.escape(reason.zh))) }
        for line in assessment.compliance { #expect(zh.contains(BenchmarkReportHTML.escape(line.name.zh))) }
        // Nonconformity 2 % → 0.96 %, −52 %, against Taizhou's −52 %.
        #expect(zh.contains("2%") && zh.contains("0.96%") && zh.contains("-52%"))
        let en = BenchmarkReportHTML.render(assessment, enterpriseName: "Hengxin", language: .en)
        #expect(en.contains("Benchmark enterprise assessment") && en.contains("lang=\"en\""))
        #expect(en.contains("QR-1"))
    }

    @Test(arguments: [("a<b", "a&lt;b"), ("\"q\"", "&quot;q&quot;"), ("x&y", "x&amp;y"), ("it's", "it&#39;s"), ("普通文字", "普通文字")])
    func escaping(_ raw: String, _ escaped: String) {
        #expect(BenchmarkReportHTML.escape(raw) == escaped)
    }
}
