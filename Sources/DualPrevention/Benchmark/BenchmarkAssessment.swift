import Foundation

/// Everything the benchmark assessment of one enterprise reads. The caller loads it; the assessor only computes.
public struct BenchmarkInputs: Sendable {
    public var enterprise: Enterprise
    public var workshops: [Workshop]
    public var people: [Person]
    /// When each person was added (from the audit log).
    public var peopleAddedAt: [Int64: Date]
    /// Its regional directors' appointments (DOMAIN.md §13): one in office is its director.
    public var directorAppointments: [DirectorAppointment] = []
    public var riskPoints: [RiskPoint]
    public var gradings: [GradingRecord]
    /// When each risk point was added (from its first audit entry).
    public var riskPointAddedAt: [Int64: Date]
    public var hazards: [Hazard]
    public var plans: [CheckPlan]
    public var runs: [CheckRun]
    public var records: [QualityRecord]
    public var dimensions: DimensionCatalog
    public var local: LocalTime

    public init(
        enterprise: Enterprise,
        workshops: [Workshop],
        people: [Person],
        peopleAddedAt: [Int64: Date],
        riskPoints: [RiskPoint],
        gradings: [GradingRecord],
        riskPointAddedAt: [Int64: Date],
        hazards: [Hazard],
        plans: [CheckPlan],
        runs: [CheckRun],
        records: [QualityRecord],
        dimensions: DimensionCatalog,
        local: LocalTime
    ) {
        self.enterprise = enterprise
        self.workshops = workshops
        self.people = people
        self.peopleAddedAt = peopleAddedAt
        self.riskPoints = riskPoints
        self.gradings = gradings
        self.riskPointAddedAt = riskPointAddedAt
        self.hazards = hazards
        self.plans = plans
        self.runs = runs
        self.records = records
        self.dimensions = dimensions
        self.local = local
    }

    /// Only what belongs to the enterprise, whatever the caller passed in.
    var scoped: BenchmarkInputs {
        let id = enterprise.id
        var copy = self
        copy.workshops = workshops.filter { $0.enterpriseID == id }
        copy.people = people.filter { $0.enterpriseID == id }
        copy.riskPoints = riskPoints.filter { $0.enterpriseID == id }
        let points = Set(copy.riskPoints.map(\.id))
        copy.gradings = gradings.filter { points.contains($0.riskPointID) }
        copy.hazards = hazards.filter { $0.enterpriseID == id }
        copy.plans = plans.filter { $0.enterpriseID == id }
        copy.runs = runs.filter { $0.enterpriseID == id }
        copy.records = records.filter { $0.enterpriseID == id }
        return copy
    }
}

/// Whether the enterprise qualifies as a benchmark enterprise (标杆企业).
public enum BenchmarkVerdict: String, Sendable, Codable, CaseIterable, Labelled {
    case benchmark, notBenchmark

    public var label: Text {
        switch self {
        case .benchmark: Text("benchmarkAssessment.benchmarkEnterprise")
        case .notBenchmark: Text("benchmarkAssessment.notBenchmarkEnterprise")
        }
    }
}

/// A benchmark assessment with its explanation: the compliance lines add up to the score, every indicator shows its
/// baseline, its value, its trend and the records behind it, and every reason for the verdict is named.
public struct BenchmarkAssessment: Sendable, Hashable, Codable {
    public var rulesVersion: Int
    public var rulesName: Text
    public var enterpriseID: Int64
    public var period: ReportingPeriod
    public var baseline: ReportingPeriod
    /// The compliance score, in thousandths of a point exactly as the lines add up.
    public var score: Double
    public var passScore: Double
    public var minimumItemShare: Double
    public var verdict: BenchmarkVerdict
    public var compliance: [ComplianceLine]
    public var indicators: [IndicatorLine]
    public var indicatorsImproved: Int
    public var indicatorsImprovedAtLeast: Int
    /// How many enterprises Taizhou's absolute figures are for.
    public var referenceEnterprises: Int
    /// Every reason for the verdict: the score, each item below its minimum, the indicators, each against Taizhou.
    public var reasons: [Text]
    public var rule: Text

    /// One compliance item: its points are the item's points times its share, kept in thousandths.
    public struct ComplianceLine: Sendable, Hashable, Codable {
        public var code: String
        public var name: Text
        public var measure: BenchmarkMeasure
        public var points: Double
        public var maximum: Double
        /// The measured share, 0 to 1.
        public var share: Double
        /// The points needed to pass this item (its points times the minimum share).
        public var minimum: Double
        public var passedMinimum: Bool
        /// Records behind the share (`person#4`, `risk_point#3`, `check_plan#2:2026-W14`, `QR-7`…); what is
        /// missing is named too (`missed:check_plan#2:2026-W15`, `no-plan:weekly`, `missing:workshop#1:environment`).
        public var evidence: [String]
    }

    /// One before/after indicator.
    public struct IndicatorLine: Sendable, Hashable, Codable {
        public var key: BenchmarkIndicator
        public var name: Text
        public var higherIsBetter: Bool
        public var baseline: Double?
        public var value: Double?
        /// (value − baseline) / baseline; nil when either is missing or the baseline is 0.
        public var change: Double?
        /// Moved the good way from the baseline.
        public var improved: Bool
        /// Which input is missing, when the baseline or the period has no value.
        public var missing: Text?
        /// Taizhou's figure as published: a relative change, or for `hazardsResolved` the count across its enterprises.
        public var reference: Double
        /// The relative change compared with `change` (nil for `hazardsResolved`).
        public var referenceChange: Double?
        /// For `hazardsResolved`: Taizhou's count per enterprise, pro rata for the length of the period, compared with `value`.
        public var referenceValue: Double?
        /// At least as good as Taizhou's figure; nil when it cannot be compared.
        public var betterThanReference: Bool?
        /// The baseline's and the period's quarters (or months, for a quarter), in order.
        public var trend: [TrendPoint]
        public var evidence: [String]
    }

    public struct TrendPoint: Sendable, Hashable, Codable {
        /// `2026Q1`, or `2026-07` for a month.
        public var label: String
        public var value: Double?
        /// True for a point of the baseline, false for one of the assessed period.
        public var inBaseline: Bool
    }
}

/// Assesses an enterprise against the benchmark rules (Taizhou model). Pure: the records come in, the assessment goes out.
public enum BenchmarkAssessor {
    /// A risk point counts as re-graded after a closure when graded again within this many days.
    public static let regradeWithinDays = DualPreventionPerformance.regradeWithinDays

    /// Compliance at the end of `period` (or at `now`, for a period still running), the six indicators of `period`
    /// against `baseline`, and the verdict.
    public static func assess(
        _ inputs: BenchmarkInputs,
        rules: BenchmarkRules,
        period: ReportingPeriod,
        baseline: ReportingPeriod,
        at now: Date = .distantFuture
    ) throws(InputError) -> BenchmarkAssessment {
        let local = inputs.local
        guard period.start(in: local) <= now else {
            throw InputError(
                rule: "BENCHMARK-PERIOD",
                message: Text("benchmarkAssessment.periodHasNotStarted", "\(period)"),
                hint: Text("benchmarkAssessment.assessPeriodThatHas")
            )
        }
        guard baseline.end(in: local) < period.start(in: local) else {
            throw InputError(
                rule: "BENCHMARK-BASELINE",
                message: Text("benchmarkAssessment.baselineDoesNotEnd", "\(baseline)", "\(period)"),
                hint: Text("benchmarkAssessment.chooseEarlierBaselineUsually", "\(period.yearBefore)")
            )
        }
        let scoped = inputs.scoped
        var assessment = assess(
            measures: measures(scoped, period: period, at: now),
            indicators: indicators(scoped, rules: rules, period: period, baseline: baseline),
            rules: rules,
            period: period,
            baseline: baseline,
            enterpriseID: inputs.enterprise.id
        )
        if now < period.end(in: local) {
            assessment.reasons.insert(
                Text("benchmarkAssessment.periodStillUnderWay", "\(period)"),
                at: 0
            )
        }
        return assessment
    }

    /// Combines the measured shares and the indicators under the rules. Lines are kept in thousandths of a point so
    /// they add up exactly to the score; the pass score and each item's minimum are compared in thousandths too.
    public static func assess(
        measures: [BenchmarkMeasure: MetricValue],
        indicators: [BenchmarkAssessment.IndicatorLine],
        rules: BenchmarkRules,
        period: ReportingPeriod,
        baseline: ReportingPeriod,
        enterpriseID: Int64
    ) -> BenchmarkAssessment {
        func milli(_ points: Double) -> Int { points.isFinite ? Int((points * 1_000).rounded()) : 0 }
        var total = 0
        var reasons: [Text] = []
        let lines = rules.items.map { item -> BenchmarkAssessment.ComplianceLine in
            let metric = measures[item.measure] ?? MetricValue(0)
            let share = metric.value.isFinite ? min(max(metric.value, 0), 1) : 0
            let points = milli(item.points * share)
            let minimum = milli(item.points * rules.minimumItemShare)
            total += points
            return .init(
                code: item.code,
                name: item.name,
                measure: item.measure,
                points: Double(points) / 1_000,
                maximum: item.points,
                share: share,
                minimum: Double(minimum) / 1_000,
                passedMinimum: points >= minimum,
                evidence: metric.evidence
            )
        }
        let score = Double(total) / 1_000
        let scorePassed = total >= milli(rules.passScore)
        let s = BenchmarkNumber.plain(score, decimals: 3)
        let pass = BenchmarkNumber.plain(rules.passScore, decimals: 3)
        reasons.append(
            scorePassed
                ? Text("benchmarkAssessment.complianceScoreReachesPass", "\(s)", "\(pass)")
                : Text("benchmarkAssessment.complianceScoreBelowPass", "\(s)", "\(pass)")
        )
        let share = BenchmarkNumber.percent(rules.minimumItemShare)
        let below = lines.filter { !$0.passedMinimum }
        for line in below {
            let got = BenchmarkNumber.plain(line.points, decimals: 3)
            let max = BenchmarkNumber.plain(line.maximum, decimals: 3)
            let needed = BenchmarkNumber.plain(line.minimum, decimals: 3)
            reasons.append(
                Text("benchmarkAssessment.scoresBelowPoints", line.name, "\(got)", "\(max)", "\(share)", "\(needed)")
            )
        }
        if below.isEmpty, !lines.isEmpty {
            reasons.append(Text("benchmarkAssessment.everyItemScoresAt", "\(share)"))
        }
        let improved = indicators.filter(\.improved).count
        let enough = improved >= rules.indicatorsImprovedAtLeast
        let names = indicators.filter(\.improved).map(\.name)
        let list = Text(
            zh: names.isEmpty ? "" : "（\(names.map(\.zh).joined(separator: "、"))）",
            en: names.isEmpty ? "" : " (\(names.map(\.en).joined(separator: ", ")))"
        )
        reasons.append(
            Text(
                zh: "\(indicators.count)项指标中\(improved)项较基期改善\(list.zh)，\(enough ? "达到" : "未达到")至少\(rules.indicatorsImprovedAtLeast)项的要求",
                en:
                    "\(improved) of \(indicators.count) indicators improved on the baseline\(list.en); at least \(rules.indicatorsImprovedAtLeast) \(enough ? "are" : "were") required"
            )
        )
        reasons += indicators.map { comparison($0, baseline: baseline, period: period, enterprises: rules.referenceEnterprises) }
        let verdict: BenchmarkVerdict = scorePassed && below.isEmpty && enough ? .benchmark : .notBenchmark
        return BenchmarkAssessment(
            rulesVersion: rules.version,
            rulesName: rules.name,
            enterpriseID: enterpriseID,
            period: period,
            baseline: baseline,
            score: score,
            passScore: rules.passScore,
            minimumItemShare: rules.minimumItemShare,
            verdict: verdict,
            compliance: lines,
            indicators: indicators,
            indicatorsImproved: improved,
            indicatorsImprovedAtLeast: rules.indicatorsImprovedAtLeast,
            referenceEnterprises: rules.referenceEnterprises,
            reasons: reasons,
            rule: Text(
                "benchmarkAssessment.benchmarkEnterpriseScoresAt",
                "\(pass)",
                "\(share)",
                "\(indicators.count)",
                "\(rules.indicatorsImprovedAtLeast)"
            )
        )
    }

    /// One indicator against Taizhou's figure, in words.
    static func comparison(_ line: BenchmarkAssessment.IndicatorLine, baseline: ReportingPeriod, period: ReportingPeriod, enterprises: Int) -> Text {
        let name = line.name
        let verdict = line.betterThanReference.map {
            $0
                ? Text("benchmarkAssessment.asGoodAsTaizhou")
                : Text("benchmarkAssessment.shortTaizhouSBenchmark")
        }
        if let target = line.referenceValue, let value = line.value {
            let total = BenchmarkNumber.plain(line.reference, decimals: 0)
            let each = BenchmarkNumber.plain(target, decimals: 1)
            return Text(
                zh:
                    "\(name.zh)：\(period)共\(BenchmarkNumber.plain(value, decimals: 0))项；台州\(enterprises)家标杆企业共\(total)项，按本期时长折合每家\(each)项：\(verdict?.zh ?? "")",
                en:
                    "\(name.en): \(BenchmarkNumber.plain(value, decimals: 0)) in \(period); Taizhou's \(enterprises) benchmark enterprises resolved \(total), \(each) each for a period this long: \(verdict?.en ?? "")"
            )
        }
        let reference = BenchmarkNumber.percent(line.referenceChange ?? line.reference, signed: true)
        guard let value = line.value, let before = line.baseline else {
            let missing = line.missing ?? Text("benchmarkAssessment.dataMissing")
            return Text("benchmarkAssessment.cannotComputedTaizhouS", name, missing, "\(reference)")
        }
        let from = line.key.formatted(before)
        let to = line.key.formatted(value)
        guard let change = line.change, let verdict else {
            return Text("benchmarkAssessment.baseline0SoNo", name, "\(baseline)", from, "\(period)", to, "\(reference)")
        }
        let moved = BenchmarkNumber.percent(change, signed: true)
        return Text(
            "benchmarkAssessment.taizhouSBenchmarkEnterprises",
            name,
            "\(baseline)",
            from,
            "\(period)",
            to,
            "\(moved)",
            "\(reference)",
            verdict
        )
    }
}
