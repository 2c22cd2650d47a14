import Foundation
import Testing

@testable import DualPrevention

/// Whose grade would fall at the next grading if nothing changes (issue 16): the grade as of now against the last one
/// stored, with the items that lost points and the vetoes that came in.
@Suite struct CreditFallTests {
    static func grade(_ metrics: [String: MetricValue], enterprise: Int64 = 1, at day: Double) -> CreditGradeRecord {
        CreditGradeRecord(
            enterpriseID: enterprise,
            asOf: Date(timeIntervalSince1970: day * 86_400),
            since: .distantPast,
            computedBy: 9,
            computedAt: Date(timeIntervalSince1970: day * 86_400),
            assessment: CreditScorer.assess(metrics, rules: CreditScorerTests.simple),
            previous: nil,
            honoursToRevoke: []
        )
    }

    /// (case, stored metrics, metrics now, falls, the items named).
    static let cases: [(String, [String: MetricValue], [String: MetricValue], Bool, [String])] = [
        ("unchanged", ["x": MetricValue(95)], ["x": MetricValue(95)], false, []),
        ("fewer points, same grade", ["x": MetricValue(99)], ["x": MetricValue(91)], false, []),
        ("up a grade", ["x": MetricValue(85)], ["x": MetricValue(95)], false, []),
        ("down a grade by an item", ["x": MetricValue(95)], ["x": MetricValue(85)], true, ["all.x"]),
        (
            "down by a deduction, an award kept", ["x": MetricValue(95), "award": MetricValue(1)],
            ["x": MetricValue(95), "award": MetricValue(1), "n": MetricValue(2, evidence: ["QR-4", "QR-5"])], true, ["violations.n"]
        ),
        ("down to D by a veto", ["x": MetricValue(95)], ["x": MetricValue(95), "veto": MetricValue(1, evidence: ["hazard#7"])], true, ["veto.veto"]),
        (
            "an award lost and an item up: only what fell", ["x": MetricValue(88), "award": MetricValue(2)], ["x": MetricValue(89)], true,
            ["awards.n"]
        ),
    ]

    @Test(arguments: cases)
    func aGradeFallsOnlyBelowTheStoredOneAndNamesWhatFell(
        _ label: String,
        _ before: [String: MetricValue],
        _ after: [String: MetricValue],
        _ falls: Bool,
        _ items: [String]
    ) {
        let stored = Self.grade(before, at: 10)
        let now = Self.grade(after, at: 40)
        let fall = CreditFall.between(stored: stored, now: now)
        #expect((fall != nil) == falls, "\(label): \(stored.grade) → \(now.grade)")
        #expect(fall?.items.map(\.item) ?? [] == items, "\(label)")
        if let fall {
            #expect(fall.stored == stored.grade && fall.now == now.grade && fall.storedAsOf == stored.asOf && fall.now < fall.stored)
        }
    }

    @Test func anotherEnterprisesGradeIsNoComparison() {
        #expect(
            CreditFall.between(stored: Self.grade(["x": MetricValue(95)], at: 10), now: Self.grade(["x": MetricValue(50)], enterprise: 2, at: 40))
                == nil
        )
    }

    @Test func aVetoNamesItsRecords() throws {
        let fall = try #require(
            CreditFall.between(
                stored: Self.grade(["x": MetricValue(95)], at: 10),
                now: Self.grade(["x": MetricValue(95), "veto": MetricValue(1, evidence: ["hazard#7"])], at: 40)
            )
        )
        #expect(fall.now == .d && fall.items.first?.newEvidence == ["hazard#7"])
    }
}
