import Testing

@testable import DualPrevention

@Suite("Credit scoring")
struct CreditScorerTests {
    /// One 100-point item that gives as many points as the metric's value.
    static let simple = CreditRules(
        version: 1,
        name: Text(zh: "测试", en: "test"),
        groups: [
            .init(
                code: "all",
                name: Text(zh: "全部", en: "all"),
                points: 100,
                items: [.init(code: "all.x", name: Text(zh: "x", en: "x"), points: 100, metric: "x", scoring: .linear(zeroAt: 0, fullAt: 100))]
            )
        ],
        deductions: .init(
            code: "violations",
            name: Text(zh: "扣分", en: "deductions"),
            points: 20,
            items: [.init(code: "violations.n", name: Text(zh: "违法", en: "violations"), points: 30, metric: "n", scoring: .perCount(10))]
        ),
        bonus: .init(
            code: "awards",
            name: Text(zh: "加分", en: "bonus"),
            points: 5,
            items: [
                .init(code: "awards.n", name: Text(zh: "省级奖", en: "provincial awards"), points: 5, metric: "award", scoring: .perCount(5)),
                .init(code: "awards.m", name: Text(zh: "市级奖", en: "municipal awards"), points: 5, metric: "award2", scoring: .perCount(5)),
            ]
        ),
        bands: [.init(grade: .a, from: 90), .init(grade: .b, from: 80), .init(grade: .c, from: 60), .init(grade: .d, from: 0)],
        vetoes: [.init(code: "veto", name: Text(zh: "否决", en: "veto"), metric: "veto")],
        measures: [.init(grade: .d, text: Text(zh: "黑名单", en: "blacklist"))]
    )

    @Test(arguments: [
        (90.0, 90.0, CreditGrade.a), (89.95, 90.0, .a), (89.94, 89.9, .b), (89.9, 89.9, .b), (80.0, 80.0, .b), (79.9, 79.9, .c),
        (60.0, 60.0, .c), (59.95, 60.0, .c), (59.9, 59.9, .d), (0, 0, .d), (100, 100, .a),
    ])
    func bandEdgesAfterRoundingToOneDecimal(_ value: Double, _ score: Double, _ grade: CreditGrade) {
        let result = CreditScorer.assess(["x": MetricValue(value)], rules: Self.simple)
        #expect(result.score == score)
        #expect(result.grade == grade)
    }

    @Test func theTotalIsRoundedOnceNotEachItem() {
        // Seven items at 8.96 each: rounded one by one they would make 63.0; the total 62.72 rounds to 62.7.
        let items = (1...7).map {
            CreditRules.Item(code: "g.i\($0)", name: Text(zh: "i", en: "i"), points: 10, metric: "m\($0)", scoring: .linear(zeroAt: 0, fullAt: 10))
        }
        var rules = Self.simple
        rules.groups = [
            .init(code: "g", name: Text(zh: "g", en: "g"), points: 70, items: items),
            .init(
                code: "h",
                name: Text(zh: "h", en: "h"),
                points: 30,
                items: [.init(code: "h.x", name: Text(zh: "x", en: "x"), points: 30, metric: "x", scoring: .atLeast(99))]
            ),
        ]
        var metrics: [String: MetricValue] = [:]
        for n in 1...7 { metrics["m\(n)"] = MetricValue(8.96) }
        let result = CreditScorer.assess(metrics, rules: rules)
        #expect(result.score == 62.7)
        #expect(result.lines.last?.item == "total.rounding")
        #expect(abs(result.lines.reduce(0) { $0 + $1.points } - result.score) < 1e-9)
    }

    @Test func aVetoForcesDWhateverTheScoreAndNamesItsEvidence() {
        let result = CreditScorer.assess(["x": MetricValue(100), "veto": MetricValue(1, evidence: ["violation#7"])], rules: Self.simple)
        #expect(result.score == 100)
        #expect(result.gradeByScore == .a)
        #expect(result.grade == .d)
        #expect(result.vetoes.map(\.evidence) == [["violation#7"]])
        #expect(result.measure?.zh == "黑名单")
    }

    @Test func capsAndTheClampAreLinesSoTheExplanationAddsUp() {
        // 5 violations deduct 50 (30 by the item's own cap, then 20 by the group's); two awards add 10, capped at 5.
        let capped = CreditScorer.assess(
            ["x": MetricValue(100), "n": MetricValue(5), "award": MetricValue(1), "award2": MetricValue(1)],
            rules: Self.simple
        )
        #expect(capped.score == 85)
        #expect(capped.lines.contains { $0.item == "violations.cap" && $0.points == 10 })
        #expect(capped.lines.contains { $0.item == "awards.cap" && $0.points == -5 })
        // A perfect score with a bonus is kept at 100 by a clamp line.
        let clamped = CreditScorer.assess(["x": MetricValue(100), "award": MetricValue(1)], rules: Self.simple)
        #expect(clamped.score == 100)
        #expect(clamped.lines.last?.item == "total.clamp")
        for result in [capped, clamped] {
            #expect(abs(result.lines.reduce(0) { $0 + $1.points } - result.score) < 1e-9)
        }
    }

    @Test(arguments: [
        (CreditRules.Scoring.linear(zeroAt: 0.6, fullAt: 1), 0.8, 5.0), (.linear(zeroAt: 0.6, fullAt: 1), 0.5, 0),
        (.linear(zeroAt: 10, fullAt: 0), 5, 5),
        (.atLeast(1), 1, 10), (.atLeast(1), 0, 0), (.atMost(0), 0, 10), (.atMost(0), 2, 0), (.perCount(3), 2, 6), (.perCount(3), 9, 10),
    ])
    func scoringTurnsValuesIntoPoints(_ scoring: CreditRules.Scoring, _ value: Double, _ points: Double) {
        let item = CreditRules.Item(code: "g.i", name: Text(zh: "i", en: "i"), points: 10, metric: "m", scoring: scoring)
        #expect(abs(CreditScorer.points(item, value: value) - points) < 1e-9)
    }

    @Test func inconsistentRulesAreNamed() {
        var rules = Self.simple
        rules.groups[0].points = 90
        rules.bands.swapAt(0, 1)
        let problems = rules.problems()
        #expect(problems.contains { $0.contains("add up to 90") })
        #expect(problems.contains { $0.contains("highest grade down") })
        #expect(Self.simple.problems().isEmpty)
    }
}
