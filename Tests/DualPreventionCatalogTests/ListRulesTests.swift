import DualPrevention
import DualPreventionCatalog
import Foundation
import Testing

@Suite("List rules file")
struct ListRulesTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("checklists/list-rules.yaml").path

    @Test func theShippedRulesLoadWithCriteriaForEveryArea() throws {
        guard case .listRules(let rules) = try CatalogLoader.load(file: Self.file) else {
            Issue.record("list-rules.yaml is not a list rules file")
            return
        }
        #expect(rules.redDays == 365)
        #expect(rules.blackPublicMonths == 12)
        #expect(Set(rules.criteria.map(\.area)) == Set(ListArea.allCases))
        #expect(Set(rules.criteria.map(\.list)) == Set(ListKind.allCases))
        let repeated = try #require(rules.criteria.first { $0.code == "repeatedFailures" })
        #expect(repeated.atLeast == 3)
        #expect(repeated.withinMonths == 36)
        #expect(repeated.sameProduct)
        #expect(rules.problems().isEmpty)
    }

    @Test func aBrokenRulesFileGetsEveryErrorWithItsLine() throws {
        let yaml = """
            kind: listRules
            version: 1
            name: { zh: 测试, en: test }
            redDays: 0
            criteria:
              - { code: award, list: red, area: productQuality, name: { zh: 奖, en: award }, kind: award, subtypes: [gold] }
              - { code: failures, list: grey, area: productQuality, name: { zh: 不合格, en: failures }, kind: spotCheck, atLeast: 3 }
              - { code: harm, list: black, area: space, name: { zh: 伤害, en: harm }, kind: injury, within: 12 }
            breaches:
              - { kind: recall, subtypes: [forgotten] }
            """
        let error = try #require(throws: CatalogError.self) { try CatalogLoader.parse(yaml, file: "list-rules.yaml") }
        let byPath = Dictionary(error.issues.map { ($0.path, $0.line) }, uniquingKeysWith: { a, _ in a })
        #expect(byPath["redDays"] == 4)
        #expect(byPath["criteria[0].subtypes[0]"] == 6)
        #expect(byPath["criteria[1].list"] == 7)
        #expect(byPath["criteria[2].area"] == 8)
        #expect(byPath["criteria[2].within"] == 8)
        #expect(byPath["breaches[0].subtypes[0]"] == 10)
        #expect(error.issues.first { $0.path == "criteria[1].list" }?.expected.contains("red, black") == true)
    }

    @Test func rulesWithoutABlackCriterionAreRefused() throws {
        let yaml = """
            kind: listRules
            version: 1
            name: { zh: 测试, en: test }
            criteria:
              - { code: award, list: red, area: productQuality, name: { zh: 奖, en: award }, kind: award, subtypes: [provincial] }
              - { code: award, list: red, area: metrology, name: { zh: 奖, en: award }, kind: award }
            breaches: [ { kind: violation } ]
            """
        let error = try #require(throws: CatalogError.self) { try CatalogLoader.parse(yaml, file: "list-rules.yaml") }
        let found = error.issues.map(\.found).joined(separator: "\n")
        #expect(found.contains("award is used twice"))
        #expect(found.contains("black list"))
    }
}
