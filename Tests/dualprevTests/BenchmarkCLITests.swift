import DualPrevention
import Foundation
import Testing

/// `dualprev benchmark assess` on the demo: all six indicators with their change, items that add up, the HTML
/// report, and who may assess whom.
@Suite("Benchmark assessment end to end", .serialized)
struct BenchmarkCLITests {
    /// The demo's benchmark period: the half-year holding the day sixty days back, against the same half a year before.
    static func periods() throws -> (String, String) {
        let local = try LocalTime()
        let period = ReportingPeriod.containing(Date().addingTimeInterval(-60 * 86_400), unit: .half, in: local)
        return (period.description, period.yearBefore.description)
    }

    @Test func theDemoReportShowsAllSixIndicatorsWithTheirChange() throws {
        let cli = try OutputSchemaTests.demo()
        let (period, baseline) = try Self.periods()
        let report = cli.directory.appendingPathComponent("标杆评估.html")
        let shown = try OutputSchemaTests.check(
            cli,
            [
                "benchmark", "assess", "--as", "评估专家 马文", "--enterprise", "1", "--period", period,
                "--baseline", baseline, "--report", report.path,
            ],
            "benchmark-assessment.schema.json"
        )
        let assessment = try #require(shown as? [String: Any])
        let indicators = assessment["indicators"] as? [[String: Any]] ?? []
        #expect(indicators.map { $0["key"] as? String ?? "" } == BenchmarkIndicator.allCases.map(\.rawValue))
        for indicator in indicators {
            #expect(indicator["change"] is Double, "\(indicator["key"] ?? "") has no change: \(indicator["missing"] ?? "")")
            #expect((indicator["trend"] as? [Any])?.count ?? 0 >= 2)
        }
        let compliance = assessment["compliance"] as? [[String: Any]] ?? []
        let sum = compliance.reduce(0.0) { $0 + ($1["points"] as? Double ?? 0) }
        #expect(abs(sum - (assessment["score"] as? Double ?? -1)) < 0.001)
        #expect(((assessment["reasons"] as? [Any])?.count ?? 0) >= 7, "the score and each of the six indicators give a reason")

        let html = try String(contentsOf: report, encoding: .utf8)
        #expect(html.components(separatedBy: "<svg").count - 1 == 6)
        #expect(!html.contains("href=\"http") && !html.contains("src=\"http") && !html.contains("url(http"), "self-contained: nothing fetched")
        #expect(!html.contains("<script"))
        #expect(html.contains("台州恒信塑业有限公司"))

        // The table says the same, in English.
        let table = try cli.ok(["benchmark", "assess", "--as", "评估专家 马文", "--enterprise", "1", "--period", period, "--baseline", baseline])
        #expect(table.contains("nonconformity") && table.contains("Taizhou"))
    }

    @Test func onlyThoseWhoMaySeeTheEnterpriseAssessIt() throws {
        let cli = try OutputSchemaTests.demo()
        let (period, baseline) = try Self.periods()
        let arguments = ["benchmark", "assess", "--enterprise", "1", "--period", period, "--baseline", baseline]
        #expect(try cli.run(arguments + ["--as", "黄岩分局 刘洋"]).status == 66, "another district's regulator does not see it")
        #expect(try cli.run(arguments + ["--as", "潘美玲"]).status == 66, "nor does another enterprise")
        #expect(try cli.run(arguments + ["--as", "林晓燕"]).status == 0)
        #expect(try cli.run(arguments + ["--as", "椒江分局 陈刚"]).status == 0)
        let backwards = try cli.run(["benchmark", "assess", "--enterprise", "1", "--period", baseline, "--baseline", period, "--as", "评估专家 马文"])
        #expect(backwards.status == 65)
        #expect(backwards.stderr.contains("BENCHMARK-BASELINE") || backwards.stderr.contains("baseline"))
        #expect(try cli.run(["benchmark", "assess", "--enterprise", "1", "--period", "2026Q5", "--as", "评估专家 马文"]).status == 65)
    }

    @Test func anAssessorSeesOnlyTheEnterprisesAssignedToThem() throws {
        let cli = try OutputSchemaTests.demo()
        let (period, baseline) = try Self.periods()
        let assess = ["benchmark", "assess", "--period", period, "--baseline", baseline, "--as", "评估专家 马文", "--enterprise"]
        #expect(try cli.run(assess + ["2"]).status == 66, "the chemicals maker is not assigned in the demo")
        let listed = OutputSchemaTests.objects(
            try OutputSchemaTests.check(
                cli,
                ["benchmark", "assignments", "--as", "评估专家 马文"],
                "assessment-assignment.schema.json",
                list: true
            )
        )
        #expect(listed.map { $0["enterpriseID"] as? Int } == [1])
        let assign = ["benchmark", "assign", "--assessor", "评估专家 马文", "--enterprise", "2", "--as"]
        #expect(try cli.run(assign + ["潘美玲"]).status == 77, "an enterprise does not choose its assessor")
        #expect(try cli.run(assign + ["椒江分局 陈刚"]).status == 66, "a regulator of another district does not see the enterprise")
        #expect(
            try cli.run(["benchmark", "assign", "--assessor", "潘美玲", "--enterprise", "2", "--as", "黄岩分局 刘洋"]).status == 77,
            "only an assessor is appointed"
        )
        try OutputSchemaTests.check(cli, assign + ["黄岩分局 刘洋"], "assessment-assignment.schema.json")
        #expect(try cli.run(assign + ["1"]).status == 77, "not twice at once")
        #expect(try cli.run(assess + ["2"]).status == 0)
        let seen = OutputSchemaTests.objects(
            try OutputSchemaTests.check(cli, ["enterprise", "list", "--as", "评估专家 马文"], "enterprise.schema.json", list: true)
        )
        #expect(seen.compactMap { $0["id"] as? Int }.sorted() == [1, 2], "both assigned enterprises, and no other")
        try OutputSchemaTests.check(
            cli,
            ["benchmark", "unassign", "--assessor", "评估专家 马文", "--enterprise", "2", "--as", "1"],
            "assessment-assignment.schema.json"
        )
        #expect(try cli.run(assess + ["2"]).status == 66, "the appointment ended")
        #expect(try cli.run(assess + ["3"]).status == 66)
        #expect(try cli.run(["audit", "verify"]).status == 0, "assignments are on the audit chain")
    }
}
