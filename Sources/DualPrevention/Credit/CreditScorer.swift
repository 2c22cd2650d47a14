/// A measured value and the records it came from (ids, so that every point can be traced).
public struct MetricValue: Sendable, Hashable, Codable {
    public var value: Double
    public var evidence: [String]

    public init(_ value: Double, evidence: [String] = []) {
        self.value = value
        self.evidence = evidence
    }
}

/// A graded enterprise with its explanation: the lines always add up to the score.
public struct CreditAssessment: Sendable, Hashable, Codable {
    public var rulesVersion: Int
    public var score: Double
    public var grade: CreditGrade
    /// The grade the score alone would give, before any veto.
    public var gradeByScore: CreditGrade
    public var lines: [Line]
    public var vetoes: [VetoHit]
    public var measure: Text?
    public var rule: Text

    public struct Line: Sendable, Hashable, Codable {
        public var group: String
        public var item: String
        public var name: Text
        /// Points this line gives (negative for a deduction or the cap).
        public var points: Double
        public var maximum: Double
        public var value: Double?
        public var evidence: [String]
    }

    public struct VetoHit: Sendable, Hashable, Codable {
        public var code: String
        public var name: Text
        public var evidence: [String]
    }
}

/// Scores an enterprise's metrics under a region's rules. Pure: the metrics come in, the assessment goes out.
public enum CreditScorer {
    /// Lines are kept in thousandths of a point, so they add up exactly. The total is clamped to 0–100 and rounded
    /// to one decimal once, before banding (89.95 → 90.0 → A), and that rounding is a line of its own.
    public static func assess(_ metrics: [String: MetricValue], rules: CreditRules) -> CreditAssessment {
        var lines: [CreditAssessment.Line] = []
        func milli(_ points: Double) -> Int { Int((points * 1_000).rounded()) }
        func add(_ group: String, _ item: String, _ name: Text, _ points: Int, maximum: Double = 0, value: Double? = nil, evidence: [String] = []) {
            lines.append(
                CreditAssessment.Line(
                    group: group,
                    item: item,
                    name: name,
                    points: Double(points) / 1_000,
                    maximum: maximum,
                    value: value,
                    evidence: evidence
                )
            )
        }
        func score(_ group: CreditRules.Group, _ item: CreditRules.Item, sign: Int) -> Int {
            let metric = metrics[item.metric]
            let points = sign * milli(points(item, value: metric?.value ?? 0))
            add(group.code, item.code, item.name, points, maximum: Double(sign) * item.points, value: metric?.value, evidence: metric?.evidence ?? [])
            return points
        }
        var total = 0
        for group in rules.groups {
            for item in group.items { total += score(group, item, sign: 1) }
        }
        for (group, sign) in [(rules.deductions, -1), (rules.bonus, 1)] {
            var groupTotal = group.items.reduce(0) { $0 + score(group, $1, sign: sign) }
            // A group's cap is a line of its own, so the explanation still adds up.
            let excess = abs(groupTotal) - milli(group.points)
            if excess > 0 {
                add(group.code, group.code + ".cap", Text("creditScorer.cap", group.name), -sign * excess)
                groupTotal -= sign * excess
            }
            total += groupTotal
        }
        let clamped = min(max(total, 0), 100_000)
        if clamped != total {
            add("total", "total.clamp", Text("creditScorer.scoreKeptWithin0"), clamped - total)
        }
        let tenths = Int((Double(clamped) / 100).rounded())
        if tenths * 100 != clamped {
            add("total", "total.rounding", Text("creditScorer.scoreRoundedOneDecimal"), tenths * 100 - clamped)
        }
        let byScore = rules.bands.first { Int((($0.from) * 10).rounded()) <= tenths }?.grade ?? .d
        let hits = rules.vetoes.compactMap { veto -> CreditAssessment.VetoHit? in
            guard let metric = metrics[veto.metric], metric.value >= 1 else { return nil }
            return CreditAssessment.VetoHit(code: veto.code, name: veto.name, evidence: metric.evidence)
        }
        let grade: CreditGrade = hits.isEmpty ? byScore : .d
        return CreditAssessment(
            rulesVersion: rules.version,
            score: Double(tenths) / 10,
            grade: grade,
            gradeByScore: byScore,
            lines: lines,
            vetoes: hits,
            measure: rules.measures.first { $0.grade == grade }?.text,
            rule: Text("creditScorer.itemsAddedTotalKept")
        )
    }

    /// Points of one item for a value, between 0 and the item's points.
    static func points(_ item: CreditRules.Item, value: Double) -> Double {
        guard value.isFinite else { return 0 }
        switch item.scoring {
        case .linear(let zeroAt, let fullAt):
            guard zeroAt != fullAt else { return value >= fullAt ? item.points : 0 }
            let share = (value - zeroAt) / (fullAt - zeroAt)
            return item.points * min(max(share, 0), 1)
        case .atLeast(let threshold):
            return value >= threshold ? item.points : 0
        case .atMost(let threshold):
            return value <= threshold ? item.points : 0
        case .perCount(let each):
            return min(max(value, 0) * each, item.points)
        }
    }
}
