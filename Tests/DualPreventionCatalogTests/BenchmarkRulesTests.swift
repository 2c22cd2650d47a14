import DualPrevention
import Foundation
import Testing

@testable import DualPreventionCatalog

@Suite("Benchmark rules file")
struct BenchmarkRulesTests {
    static func shipped() throws -> BenchmarkRules {
        let file = CatalogLoaderTests.folder.appendingPathComponent("benchmark-rules.yaml").path
        guard case .benchmarkRules(let rules) = try CatalogLoader.load(file: file) else { throw CatalogError(issues: []) }
        return rules
    }

    @Test func theShippedRulesAreTheDefaults() throws {
        let rules = try Self.shipped()
        #expect(rules.problems().isEmpty)
        #expect(rules.items.map(\.points) == [15, 20, 15, 20, 20, 10])
        #expect(rules.items.map(\.measure) == BenchmarkMeasure.allCases)
        #expect(rules.items.allSatisfy { !$0.name.zh.isEmpty && !$0.name.en.isEmpty })
        #expect(rules.passScore == 85)
        #expect(rules.minimumItemShare == 0.6)
        #expect(rules.indicatorsImprovedAtLeast == 4)
        #expect(rules.referenceEnterprises == 45)
        #expect(
            rules.reference
                == BenchmarkRules.Reference(
                    nonconformityRate: -0.52,
                    hazardDiscoveryRate: 0.77,
                    hazardsResolved: 4128,
                    qualityCostRate: -0.0746,
                    qualityLossRate: -0.1235,
                    complaintRate: -0.0446
                )
        )
    }

    /// A valid file, one line per field, so that each broken variant below knows its lines.
    static let valid = """
        kind: benchmarkRules
        version: 1
        name: { zh: 测试规则, en: test rules }
        items:
          - { code: organisation, name: { zh: 组织, en: organisation }, points: 15, measure: organisation }
          - { code: riskIdentification, name: { zh: 辨识, en: identification }, points: 20, measure: riskIdentification }
          - { code: gradingCurrent, name: { zh: 分级, en: grading }, points: 15, measure: gradingCurrent }
          - { code: checkRecords, name: { zh: 记录, en: records }, points: 20, measure: checkRecords }
          - { code: closedLoop, name: { zh: 闭环, en: closed loop }, points: 20, measure: closedLoop }
          - { code: improvement, name: { zh: 改进, en: improvement }, points: 10, measure: improvement }
        passScore: 85
        minimumItemShare: 0.6
        indicatorsImprovedAtLeast: 4
        referenceEnterprises: 45
        reference: { nonconformityRate: -0.52, hazardDiscoveryRate: 0.77, hazardsResolved: 4128, qualityCostRate: -0.0746, qualityLossRate: -0.1235, complaintRate: -0.0446 }
        """

    @Test func theValidFileLoads() throws {
        guard case .benchmarkRules(let rules) = try CatalogLoader.parse(Self.valid, file: "rules.yaml") else {
            Issue.record("not benchmark rules")
            return
        }
        #expect(rules.items.count == 6 && rules.name.en == "test rules")
    }

    @Test(arguments: [
        // replaced, by, path, line, what the issue says
        ("points: 10, measure: improvement", "points: 15, measure: improvement", "items", 5, "add up to 105, not 100"),
        ("measure: closedLoop", "measure: checkRecords", "items", 5, "measure checkRecords is used by more than one item"),
        ("measure: gradingCurrent }", "measure: grading }", "items[2].measure", 7, "one of organisation, riskIdentification"),
        (", measure: closedLoop", "", "items[4].measure", 9, "required"),
        ("points: 20, measure: checkRecords", "points: -20, measure: checkRecords", "items[3].points", 8, "above 0"),
        ("passScore: 85\n", "", "passScore", 1, "required"),
        ("passScore: 85", "passScore: 120", "passScore", 11, "from 0 to 100"),
        ("minimumItemShare: 0.6", "minimumItemShare: 60", "minimumItemShare", 12, "from 0 to 1"),
        ("indicatorsImprovedAtLeast: 4", "indicatorsImprovedAtLeast: 7", "indicatorsImprovedAtLeast", 13, "from 0 to 6"),
        ("hazardsResolved: 4128", "hazardsResolved: many", "reference.hazardsResolved", 15, "a count"),
        ("complaintRate: -0.0446 }", "complaint: -0.0446 }", "reference.complaintRate", 15, "required"),
        ("referenceEnterprises: 45", "referenceEnterprises: 45\nbonus: 5", "bonus", 15, "one of kind"),
    ])
    func aBrokenFileReportsTheRightLine(_ old: String, _ new: String, _ path: String, _ line: Int, _ says: String) throws {
        let yaml = Self.valid.replacingOccurrences(of: old, with: new)
        #expect(yaml != Self.valid)
        let error = try #require(throws: CatalogError.self) { try CatalogLoader.parse(yaml, file: "rules.yaml") }
        let issue = try #require(error.issues.first { $0.path == path }, "no issue at \(path): \(error.issues)")
        #expect(issue.line == line, "\(issue)")
        #expect(issue.file == "rules.yaml" && issue.column > 0)
        #expect((issue.found + " " + issue.expected).contains(says), "\(issue)")
    }

    @Test func everyErrorOfAFileIsReportedAtOnce() throws {
        let yaml = Self.valid
            .replacingOccurrences(of: "measure: gradingCurrent }", with: "measure: grading }")
            .replacingOccurrences(of: "passScore: 85", with: "passScore: high")
            .replacingOccurrences(of: "kind: benchmarkRules", with: "kind: benchmarkRules\nversion2: 1")
        let error = try #require(throws: CatalogError.self) { try CatalogLoader.parse(yaml, file: "rules.yaml") }
        #expect(error.issues.map(\.path) == ["version2", "items[2].measure", "passScore"])
        #expect(error.issues.map(\.line) == [2, 8, 12])
    }
}
