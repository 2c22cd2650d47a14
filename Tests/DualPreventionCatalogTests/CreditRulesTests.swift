import DualPrevention
import Foundation
import Testing

@testable import DualPreventionCatalog

@Suite("Credit rules file")
struct CreditRulesTests {
    static func shipped() throws -> CreditRules {
        let file = CatalogLoaderTests.folder.appendingPathComponent("credit-rules.yaml").path
        guard case .creditRules(let rules) = try CatalogLoader.load(file: file) else { throw CatalogError(issues: []) }
        return rules
    }

    @Test func theShippedRulesHaveTheDefaultWeights() throws {
        let rules = try Self.shipped()
        #expect(rules.problems().isEmpty)
        #expect(rules.groups.map(\.points) == [10, 15, 10, 10, 10, 10, 20, 15])
        #expect(rules.deductions.points == 20 && rules.bonus.points == 5)
        #expect(rules.bands.map(\.from) == [90, 80, 60, 0])
        #expect(rules.vetoes.count == 6)
        #expect(Set(rules.measures.map(\.grade)) == Set(CreditGrade.allCases))
    }

    @Test(arguments: ["unlicensedProduction", "recallNotDone", "majorAccident", "majorViolation", "falseCertification", "jointPunishment"])
    func everyVetoForcesD(_ code: String) throws {
        let rules = try Self.shipped()
        let veto = try #require(rules.vetoes.first { $0.code == code })
        var metrics = Self.perfect(rules)
        metrics[veto.metric] = MetricValue(1, evidence: ["record#1"])
        let result = CreditScorer.assess(metrics, rules: rules)
        #expect(result.score >= 90)
        #expect(result.grade == .d)
        #expect(result.vetoes.map(\.code) == [code])
    }

    /// Values that give every base item its full points.
    static func perfect(_ rules: CreditRules) -> [String: MetricValue] {
        var metrics: [String: MetricValue] = [:]
        for item in rules.groups.flatMap(\.items) {
            let value: Double =
                switch item.scoring {
                case .linear(_, let full): full
                case .atLeast(let x): x
                case .atMost(let x): x
                case .perCount(let each): item.points / each
                }
            metrics[item.metric] = MetricValue(value, evidence: ["\(item.metric)#1"])
        }
        return metrics
    }

    @Test func theLinesAlwaysAddUpToTheScore() throws {
        let rules = try Self.shipped()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var metrics: [String: MetricValue] = [:]
            for key in CreditMetric.catalog.keys where !key.hasPrefix("veto.") {
                metrics[key] = MetricValue(
                    Bool.random(using: &generator) ? Double.random(in: 0...1, using: &generator) : Double(Int.random(in: 0...12, using: &generator))
                )
            }
            let result = CreditScorer.assess(metrics, rules: rules)
            #expect(abs(result.lines.reduce(0) { $0 + $1.points } - result.score) < 1e-9)
            #expect((0...100).contains(result.score))
            #expect(result.score == (result.score * 10).rounded() / 10)
        }
    }

    @Test func aBrokenRulesFileGetsEveryErrorLocated() throws {
        let yaml = """
            kind: creditRules
            version: 1
            name: { zh: 测试, en: test }
            groups:
              - code: only
                name: { zh: 唯一, en: only }
                points: 90
                items:
                  - { code: only.x, name: { zh: x, en: x }, points: 90, metric: no.suchMetric, scoring: { linear: { zeroAt: 0, fullAt: 1 } } }
            deductions: { code: violations, name: { zh: 扣, en: d }, points: 20, items: [ { code: violations.g, name: { zh: g, en: g }, points: 20, metric: violations.general, scoring: { sometimes: 1 } } ] }
            bonus: { code: awards, name: { zh: 加, en: b }, points: 5, items: [ { code: awards.p, name: { zh: p, en: p }, points: 5, metric: awards.provincial, scoring: { perCount: 5 } } ] }
            bands: [ { grade: A, from: 90 }, { grade: B, from: 80 }, { grade: C, from: 60 }, { grade: E, from: 0 } ]
            vetoes: []
            measures: []
            """
        let error = try #require(throws: CatalogError.self) { try CatalogLoader.parse(yaml, file: "rules.yaml") }
        let issues = error.issues
        let paths = Set(issues.map(\.path))
        #expect(paths.contains("groups[0].items[0].metric"))
        #expect(paths.contains("deductions.items[0].scoring"))
        #expect(paths.contains("bands[3].grade"))
        #expect(issues.first { $0.path == "groups[0].items[0].metric" }?.line == 9)
    }
}
