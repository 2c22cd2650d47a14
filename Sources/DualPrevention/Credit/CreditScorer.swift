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
    /// Every line is kept in tenths of a point, so the lines add up to the score exactly and the score is
    /// already rounded to one decimal before banding (89.95 → 90.0 → A).
    public static func assess(_ metrics: [String: MetricValue], rules: CreditRules) -> CreditAssessment {
        var lines: [CreditAssessment.Line] = []
        func tenths(_ points: Double) -> Int { Int((points * 10).rounded()) }
        func line(_ group: CreditRules.Group, _ item: CreditRules.Item, sign: Int) -> (CreditAssessment.Line, Int) {
            let metric = metrics[item.metric]
            let raw = points(item, value: metric?.value ?? 0)
            let t = sign * tenths(raw)
            return (CreditAssessment.Line(group: group.code, item: item.code, name: item.name, points: Double(t) / 10,
                                          maximum: Double(sign) * item.points, value: metric?.value, evidence: metric?.evidence ?? []), t)
        }
        var total = 0
        for group in rules.groups {
            for item in group.items {
                let (l, t) = line(group, item, sign: 1)
                lines.append(l)
                total += t
            }
        }
        for (group, sign) in [(rules.deductions, -1), (rules.bonus, 1)] {
            var groupTotal = 0
            for item in group.items {
                let (l, t) = line(group, item, sign: sign)
                lines.append(l)
                groupTotal += t
            }
            // A group's cap is a line of its own, so the explanation still adds up.
            let cap = tenths(group.points)
            if abs(groupTotal) > cap {
                let excess = abs(groupTotal) - cap
                lines.append(CreditAssessment.Line(group: group.code, item: group.code + ".cap", name: Text(zh: "\(group.name.zh)上限", en: "\(group.name.en) cap"),
                                                   points: Double(-sign * excess) / 10, maximum: 0, value: nil, evidence: []))
                groupTotal -= sign * excess
            }
            total += groupTotal
        }
        // The score stays within 0…100, again as a line of its own.
        let clamped = min(max(total, 0), 1_000)
        if clamped != total {
            lines.append(CreditAssessment.Line(group: "total", item: "total.clamp", name: Text(zh: "总分限定在0–100分", en: "score kept within 0–100"),
                                               points: Double(clamped - total) / 10, maximum: 0, value: nil, evidence: []))
        }
        let score = Double(clamped) / 10
        let byScore = rules.bands.first { tenths($0.from) <= clamped }?.grade ?? .d
        let hits = rules.vetoes.compactMap { veto -> CreditAssessment.VetoHit? in
            guard let metric = metrics[veto.metric], metric.value >= 1 else { return nil }
            return CreditAssessment.VetoHit(code: veto.code, name: veto.name, evidence: metric.evidence)
        }
        let grade: CreditGrade = hits.isEmpty ? byScore : .d
        return CreditAssessment(
            rulesVersion: rules.version, score: score, grade: grade, gradeByScore: byScore, lines: lines, vetoes: hits,
            measure: rules.measures.first { $0.grade == grade }?.text,
            rule: Text(zh: "各项得分取一位小数后相加，总分限定在0–100分后分级；存在否决行为的直接评为D级",
                       en: "each item is rounded to one decimal and added; the total, kept within 0–100, is banded; any veto behaviour makes it D"))
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
