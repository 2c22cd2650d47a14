import Foundation
import Testing

@testable import DualPrevention

/// The grade decided from one enterprise's loaded inputs: which honours are flagged, and the comparison with the
/// previous grade. No database: the inputs are built here as a store would load them.
@Suite("Credit grade from its inputs")
struct CreditInputsTests {
    /// 100 points while no spot check failed; a major violation is a veto (grade D).
    static let rules = CreditRules(
        version: 1,
        name: Text(zh: "测试", en: "test"),
        groups: [
            .init(
                code: "q",
                name: Text(zh: "质量", en: "quality"),
                points: 100,
                items: [
                    .init(
                        code: "q.pass",
                        name: Text(zh: "抽检", en: "spot checks"),
                        points: 100,
                        metric: "spotChecks.passRate",
                        scoring: .linear(zeroAt: 0, fullAt: 1)
                    )
                ]
            )
        ],
        deductions: .init(code: "d", name: Text(zh: "扣分", en: "deductions"), points: 0, items: []),
        bonus: .init(code: "b", name: Text(zh: "加分", en: "bonus"), points: 0, items: []),
        bands: [.init(grade: .a, from: 90), .init(grade: .b, from: 80), .init(grade: .c, from: 60), .init(grade: .d, from: 0)],
        vetoes: [.init(code: "majorViolation", name: Text(zh: "重大违法", en: "major violation"), metric: "veto.majorViolation")],
        measures: []
    )

    static let asOf = Clock.days(0)
    static let since = Clock.days(-365)

    static func record(_ kind: QualityRecordKind, _ subtype: String, day: Double, id: Int64) -> QualityRecord {
        QualityRecord(id: id, enterpriseID: 1, kind: kind, subtype: subtype, occurredOn: Clock.days(day), recordedBy: 9, recordedAt: Clock.days(day))
    }

    /// A black-list entry in a state, published on a day when `published` is given.
    static func black(_ state: ListEntry.State, published: Double?) -> ListEntry {
        var entry = ListEntry(
            id: 1,
            quarter: "2026Q2",
            enterpriseID: 1,
            criterion: ListRules.Criterion(
                code: "safety",
                list: .black,
                area: .productQuality,
                name: Text(zh: "安全", en: "safety"),
                match: .init(kind: .spotCheck, subtypes: ["failedSafety"])
            ),
            evidence: ["quality_record#9"],
            proposedBy: 10,
            proposedAt: Clock.days(-200)
        )
        entry.state = state
        entry.publishedAt = published.map(Clock.days)
        return entry
    }

    static func inputs(violation: Bool, black: [ListEntry], previous: CreditGradeRecord? = nil) throws -> CreditInputs {
        let honour = record(.award, "provincial", day: -100, id: 1)
        let records = [honour] + (violation ? [record(.violation, "major", day: -10, id: 2)] : [])
        return CreditInputs(
            enterpriseID: 1,
            performance: DualPreventionPerformance(
                hazards: [],
                plans: [],
                runs: [],
                riskPointIDs: [],
                gradings: [],
                riskPointAddedAt: [:],
                local: try LocalTime()
            ),
            records: QualityRecordMetrics(records: records, people: [], peopleAddedAt: [:]),
            previous: previous,
            blackListEntries: black
        )
    }

    /// (case, a major violation in the window, black-list entries, grade, honours flagged).
    static let cases: [(String, Bool, [ListEntry], CreditGrade, Bool)] = [
        ("graded A, on no list", false, [], .a, false),
        ("graded D by a veto", true, [], .d, true),
        ("graded A, published on the black list within the window", false, [black(.published, published: -30)], .a, true),
        ("graded A, published on the black list after the instant", false, [black(.published, published: 5)], .a, false),
        ("graded A, published on the black list before the window", false, [black(.published, published: -400)], .a, false),
        ("graded A, proposed for the black list but not published", false, [black(.proposed, published: nil)], .a, false),
        ("graded A, approved for the black list but not published", false, [black(.approved, published: nil)], .a, false),
    ]

    @Test(arguments: cases)
    func honoursAreFlaggedOnDOrThePublishedBlackList(
        _ label: String,
        _ violation: Bool,
        _ black: [ListEntry],
        _ grade: CreditGrade,
        _ flagged: Bool
    )
        throws
    {
        let inputs = try Self.inputs(violation: violation, black: black)
        // The honour is in force in every case, so an empty list below is the rule at work, not a missing record.
        #expect(inputs.records.honours(at: Self.asOf).map(\.id) == [1], "\(label)")
        let result = inputs.grade(rules: Self.rules, asOf: Self.asOf, since: Self.since, by: 10, at: Self.asOf)
        #expect(result.grade == grade, "\(label)")
        #expect(result.honoursToRevoke == (flagged ? [inputs.records.records[0].key] : []), "\(label)")
        #expect(result.enterpriseID == 1 && result.computedBy == 10 && result.asOf == Self.asOf && result.since == Self.since)
    }

    @Test func theGradeIsComparedWithThePreviousOne() throws {
        let first = try Self.inputs(violation: false, black: []).grade(
            rules: Self.rules,
            asOf: Clock.days(-20),
            since: Self.since,
            by: 10,
            at: Clock.days(-20)
        )
        #expect(first.previousGrade == nil && first.changes.isEmpty && first.gradeChanged)
        var stored = first
        stored.id = 7
        let second = try Self.inputs(violation: true, black: [], previous: stored)
            .grade(rules: Self.rules, asOf: Self.asOf, since: Self.since, by: 10, at: Self.asOf)
        #expect(second.previousID == 7)
        #expect(second.previousGrade == .a)
        #expect(second.grade == .d)
        #expect(second.changes.contains { $0.item == "veto.majorViolation" && $0.before == 0 && $0.after == 1 })
    }
}
