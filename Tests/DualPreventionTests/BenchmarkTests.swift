import Foundation
import Testing

@testable import DualPrevention

/// Records for the benchmark assessment, all dated in Asia/Shanghai; nothing reads the clock.
enum BenchmarkFixture {
    static let local = try! LocalTime()
    static func at(_ text: String) -> Date { try! local.parse(text) }
    static let enterprise = Enterprise(
        id: 1,
        name: "台州恒信塑业有限公司",
        creditCode: try! CreditCode("91350100M000100Y43"),
        jurisdictionID: 30,
        productCategory: "食品接触用塑料制品"
    )

    /// The default rules of checklists/benchmark-rules.yaml (the catalog tests check that the file says the same).
    static let rules = BenchmarkRules(
        version: 1,
        name: Text(zh: "标杆企业达标评估规则", en: "benchmark rules"),
        items: zip(BenchmarkMeasure.allCases, [15.0, 20, 15, 20, 20, 10]).map { .init(code: $0.rawValue, name: $0.label, points: $1, measure: $0) },
        passScore: 85,
        minimumItemShare: 0.6,
        indicatorsImprovedAtLeast: 4,
        referenceEnterprises: 45,
        reference: .init(
            nonconformityRate: -0.52,
            hazardDiscoveryRate: 0.77,
            hazardsResolved: 4128,
            qualityCostRate: -0.0746,
            qualityLossRate: -0.1235,
            complaintRate: -0.0446
        )
    )

    static func inputs(
        workshops: [Workshop] = [],
        people: [Person] = [],
        peopleAddedAt: [Int64: Date] = [:],
        riskPoints: [RiskPoint] = [],
        gradings: [GradingRecord] = [],
        riskPointAddedAt: [Int64: Date] = [:],
        hazards: [Hazard] = [],
        plans: [CheckPlan] = [],
        runs: [CheckRun] = [],
        records: [QualityRecord] = []
    ) -> BenchmarkInputs {
        BenchmarkInputs(
            enterprise: enterprise,
            workshops: workshops,
            people: people,
            peopleAddedAt: peopleAddedAt,
            riskPoints: riskPoints,
            gradings: gradings,
            riskPointAddedAt: riskPointAddedAt,
            hazards: hazards,
            plans: plans,
            runs: runs,
            records: records,
            dimensions: DimensionCatalog(),
            local: local
        )
    }

    static func hazard(
        _ id: Int64,
        found: String,
        closed: String? = nil,
        grade: HazardGrade = .general,
        riskPoint: Int64? = nil,
        cancelled: Bool = false,
        enterpriseID: Int64 = 1
    ) -> Hazard {
        let closedAt = closed.map(at)
        return Hazard(
            id: id,
            number: "YH-2026-\(id)",
            enterpriseID: enterpriseID,
            jurisdictionPath: enterprisePath,
            workshopID: 1,
            teamID: nil,
            postID: nil,
            riskPointID: riskPoint,
            checkItemRef: nil,
            source: .dailyCheck,
            grade: grade,
            description: "封口不良",
            location: "",
            foundBy: 3,
            foundAt: at(found),
            state: closedAt != nil ? .closed : (cancelled ? .cancelled : .notified),
            ownerID: 3,
            ownerRole: .officer,
            deadline: nil,
            closedAt: closedAt,
            notice: nil,
            plans: [],
            extensionRequest: nil,
            submissions: [],
            acceptances: [],
            listings: [],
            cancellation: cancelled ? Cancellation(cancelledBy: 2, cancelledAt: at(found), reason: "重复上报") : nil
        )
    }

    static func run(_ id: Int64, plan: Int64 = 1, kind: CheckKind = .daily, period: String, at date: Date) -> CheckRun {
        CheckRun(id: id, planID: plan, enterpriseID: 1, kind: kind, period: period, performedBy: 3, performedAt: date, results: [], minutes: nil)
    }

    static func point(_ id: Int64, _ dimension: String, workshop: Int64 = 1) -> RiskPoint {
        RiskPoint(
            id: id,
            enterpriseID: 1,
            workshopID: workshop,
            dimension: dimension,
            controlStage: "注塑",
            name: "料温",
            hazardDescription: "树脂降解",
            measures: "点检",
            target: "偏差≤5℃",
            frequency: .daily,
            ownerID: 3
        )
    }

    /// Builds records with increasing ids.
    struct Records {
        var list: [QualityRecord] = []
        mutating func add(_ kind: QualityRecordKind, _ subtype: String, on day: String, value: Double? = nil) {
            list.append(
                QualityRecord(
                    id: Int64(list.count + 1),
                    enterpriseID: 1,
                    kind: kind,
                    subtype: subtype,
                    occurredOn: BenchmarkFixture.at(day),
                    value: value
                )
            )
        }
        mutating func indicator(_ indicator: QualityIndicator, _ value: Double, on day: String) {
            add(.indicator, indicator.rawValue, on: day, value: value)
        }
    }

    static let quarterEnds = ["03-31", "06-30", "09-30", "12-31"]

    /// 2025 against 2026, with every input of the six indicators:
    /// nonconformity 2 % → 0.96 %; 10 → 18 hazards per 100 checks; 5 → 8 hazards closed; quality cost 5 % → 4.6 %;
    /// quality loss 2 % → 1.8 %; complaints 2 → 2.5 per 10,000 units sold (worse).
    static func indicatorInputs() -> BenchmarkInputs {
        var r = Records()
        for (year, nonconforming) in [(2025, 50.0), (2026, 24.0)] {
            for end in quarterEnds {
                r.indicator(.unitsProduced, 2_500, on: "\(year)-\(end)")
                r.indicator(.unitsNonconforming, nonconforming, on: "\(year)-\(end)")
            }
        }
        r.indicator(.revenue, 1_000_000, on: "2025-12-31")
        r.indicator(.qualityCost, 50_000, on: "2025-12-31")
        r.indicator(.qualityLoss, 20_000, on: "2025-12-31")
        r.indicator(.unitsSold, 20_000, on: "2025-12-31")
        r.indicator(.revenue, 1_000_000, on: "2026-12-31")
        r.indicator(.qualityCost, 46_000, on: "2026-12-31")
        r.indicator(.qualityLoss, 18_000, on: "2026-12-31")
        r.indicator(.unitsSold, 20_000, on: "2026-12-31")
        for month in 1...4 { r.add(.complaint, "substantiated", on: "2025-0\(month)-15") }
        for month in 1...5 { r.add(.complaint, month == 5 ? "unfounded" : "substantiated", on: "2026-0\(month)-15") }
        // A withdrawn figure counts for nothing.
        r.indicator(.unitsNonconforming, 1_000, on: "2026-06-30")
        r.list[r.list.count - 1].withdrawnAt = at("2026-07-02")

        var hazards = (1...10).map { i in
            hazard(Int64(i), found: String(format: "2025-%02d-15", i), closed: i <= 5 ? String(format: "2025-%02d-20", i) : nil)
        }
        hazards += (1...18).map { i in
            let month = (i - 1) % 12 + 1
            let day = i <= 12 ? 10 : 20
            return hazard(
                Int64(100 + i),
                found: String(format: "2026-%02d-%02d", month, day),
                closed: i <= 8 ? String(format: "2026-%02d-%02d", month, day + 3) : nil
            )
        }
        hazards.append(hazard(200, found: "2026-02-01", cancelled: true))
        // Another enterprise's hazard is not this one's.
        hazards.append(hazard(300, found: "2026-02-01", closed: "2026-02-02", enterpriseID: 2))
        var runs: [CheckRun] = []
        for (year, offset) in [(2025, 0), (2026, 1_000)] {
            let first = at("\(year)-01-01 10:00")
            for day in 0..<100 {
                let date = first.addingTimeInterval(Double(day) * 86_400)
                runs.append(run(Int64(offset + day + 1), period: local.day(date), at: date))
            }
        }
        return inputs(hazards: hazards, runs: runs, records: r.list)
    }

    /// Six indicator lines of which the first `improved` improved.
    static func lines(improved: Int) -> [BenchmarkAssessment.IndicatorLine] {
        BenchmarkIndicator.allCases.enumerated().map { index, key in
            .init(
                key: key,
                name: key.label,
                higherIsBetter: key.higherIsBetter,
                baseline: 1,
                value: 1,
                change: 0,
                improved: index < improved,
                missing: nil,
                reference: rules.reference[key],
                referenceChange: rules.reference[key],
                referenceValue: nil,
                betterThanReference: false,
                trend: [],
                evidence: []
            )
        }
    }

    static func shares(_ values: [Double]) -> [BenchmarkMeasure: MetricValue] {
        Dictionary(uniqueKeysWithValues: zip(BenchmarkMeasure.allCases, values).map { ($0, MetricValue($1, evidence: ["\($0.rawValue)#1"])) })
    }
}

@Suite("Benchmark assessment")
struct BenchmarkTests {
    typealias F = BenchmarkFixture
    static let year2026 = ReportingPeriod(year: 2026, unit: .year, index: 1)
    static let year2025 = ReportingPeriod(year: 2025, unit: .year, index: 1)

    static func verdict(_ shares: [Double], improved: Int = 6) -> BenchmarkAssessment {
        BenchmarkAssessor.assess(
            measures: F.shares(shares),
            indicators: F.lines(improved: improved),
            rules: F.rules,
            period: year2026,
            baseline: year2025,
            enterpriseID: 1
        )
    }

    // MARK: compliance and verdict

    @Test func complianceLinesAddUpToTheTotal() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let shares = (0..<6).map { _ in Double.random(in: 0...1, using: &generator) }
            let result = Self.verdict(shares)
            #expect(abs(result.compliance.reduce(0) { $0 + $1.points } - result.score) < 1e-9)
            #expect(result.compliance.allSatisfy { $0.points == ($0.points * 1_000).rounded() / 1_000 && $0.points <= $0.maximum })
        }
    }

    @Test(arguments: [
        // organisation, risk, grading, checks, closed loop, improvement → score, verdict
        ([0.8, 0.8, 0.8, 0.85, 0.9, 1.0], 85.0, BenchmarkVerdict.benchmark),
        ([0.8, 0.8, 0.8, 0.85, 0.895, 1.0], 84.9, .notBenchmark),
        ([1.0, 1, 1, 1, 1, 1], 100, .benchmark),
        // Exactly 60 % of every item passes each minimum, but 60 points is far from the pass score.
        ([0.6, 0.6, 0.6, 0.6, 0.6, 0.6], 60, .notBenchmark),
    ])
    func passesExactlyAtThePassScore(_ shares: [Double], _ score: Double, _ verdict: BenchmarkVerdict) {
        let result = Self.verdict(shares)
        #expect(result.score == score)
        #expect(result.verdict == verdict)
        #expect(result.compliance.allSatisfy { $0.passedMinimum })
        #expect(result.reasons.first?.en.contains(verdict == .benchmark ? "reaches the pass score 85" : "is below the pass score 85") == true)
    }

    @Test(arguments: BenchmarkMeasure.allCases)
    func anItemBelowItsMinimumFailsEvenAtAHighScore(_ measure: BenchmarkMeasure) throws {
        var shares = [Double](repeating: 1, count: 6)
        let index = try #require(BenchmarkMeasure.allCases.firstIndex(of: measure))
        shares[index] = 0.59
        let result = Self.verdict(shares)
        #expect(result.score >= 90)
        #expect(result.verdict == .notBenchmark)
        let line = try #require(result.compliance.first { $0.measure == measure })
        #expect(!line.passedMinimum)
        #expect(result.compliance.filter { !$0.passedMinimum }.count == 1)
        #expect(result.reasons.contains { $0.zh.contains(measure.label.zh) && $0.zh.contains("低于该项") })
    }

    @Test(arguments: [(6, BenchmarkVerdict.benchmark), (4, .benchmark), (3, .notBenchmark), (0, .notBenchmark)])
    func enoughIndicatorsMustImprove(_ improved: Int, _ verdict: BenchmarkVerdict) {
        let result = Self.verdict([1, 1, 1, 1, 1, 1], improved: improved)
        #expect(result.indicatorsImproved == improved)
        #expect(result.verdict == verdict)
        #expect(result.reasons.contains { $0.en.hasPrefix("\(improved) of 6 indicators improved") })
    }

    @Test func everyReasonIsNamed() {
        let result = Self.verdict([0.5, 1, 1, 1, 0.2, 1], improved: 2)
        // The score, two items below their minimum, the count of indicators, and each of the six against Taizhou.
        #expect(result.reasons.count == 1 + 2 + 1 + 6)
        #expect(result.verdict == .notBenchmark)
    }

    // MARK: the six indicators

    @Test(arguments: [
        // indicator, baseline, period, change, improved, as good as Taizhou
        (BenchmarkIndicator.nonconformityRate, 0.02, 0.0096, -0.52, true, true),
        (.hazardDiscoveryRate, 10, 18, 0.8, true, true),
        (.hazardsResolved, 5, 8, 0.6, true, false),
        (.qualityCostRate, 0.05, 0.046, -0.08, true, true),
        (.qualityLossRate, 0.02, 0.018, -0.1, true, false),
        (.complaintRate, 2, 2.5, 0.25, false, false),
    ])
    func eachIndicatorFromHandMadeRecords(
        _ key: BenchmarkIndicator,
        _ baseline: Double,
        _ value: Double,
        _ change: Double,
        _ improved: Bool,
        _ better: Bool
    ) throws {
        let lines = BenchmarkAssessor.indicators(F.indicatorInputs(), rules: F.rules, period: Self.year2026, baseline: Self.year2025)
        let line = try #require(lines.first { $0.key == key })
        #expect(abs((line.baseline ?? .nan) - baseline) < 1e-12)
        #expect(abs((line.value ?? .nan) - value) < 1e-12)
        #expect(abs((line.change ?? .nan) - change) < 1e-9)
        #expect(line.improved == improved)
        #expect(line.betterThanReference == better)
        #expect(line.missing == nil)
        #expect(!line.evidence.isEmpty)
    }

    @Test func evidenceNamesTheRecordsAndLeavesOutWithdrawnCancelledAndOthers() throws {
        let lines = BenchmarkAssessor.indicators(F.indicatorInputs(), rules: F.rules, period: Self.year2026, baseline: Self.year2025)
        let nonconformity = try #require(lines.first { $0.key == .nonconformityRate })
        // Eight quarters of two figures each; the withdrawn one (QR-34, the last) is not among them.
        #expect(nonconformity.evidence.count == 16)
        #expect(nonconformity.evidence.first == "QR-1")
        #expect(!nonconformity.evidence.contains("QR-34"))
        let discovery = try #require(lines.first { $0.key == .hazardDiscoveryRate })
        #expect(discovery.evidence.contains("hazard#101"))
        #expect(!discovery.evidence.contains("hazard#200"))
        #expect(discovery.evidence.contains("check_plan#1:2026-01-01"))
        let resolved = try #require(lines.first { $0.key == .hazardsResolved })
        #expect(!resolved.evidence.contains("hazard#300"))
        // Taizhou's 4128 across 45 enterprises, for one year.
        #expect(abs((resolved.referenceValue ?? 0) - 4_128.0 / 45) < 1e-9)
        #expect(resolved.referenceChange == nil && resolved.reference == 4_128)
    }

    @Test func aValueWithoutItsDenominatorIsNilAndSaysWhatIsMissing() throws {
        let lines = BenchmarkAssessor.indicators(F.inputs(), rules: F.rules, period: Self.year2026, baseline: Self.year2025)
        let expected: [BenchmarkIndicator: String] = [
            .nonconformityRate: "no unitsProduced indicator records in 2025", .qualityCostRate: "no revenue indicator records in 2025",
            .qualityLossRate: "no revenue indicator records in 2026", .complaintRate: "no unitsSold indicator records in 2025",
            .hazardDiscoveryRate: "no check runs performed in 2026",
        ]
        for (key, text) in expected {
            let line = try #require(lines.first { $0.key == key })
            #expect(line.baseline == nil && line.value == nil && line.change == nil)
            #expect(!line.improved)
            #expect(line.betterThanReference == nil)
            #expect(line.missing?.en.contains(text) == true, "\(key): \(line.missing?.en ?? "nothing")")
        }
        // A count is 0, not missing: nothing closed is a value.
        let resolved = try #require(lines.first { $0.key == .hazardsResolved })
        #expect(resolved.baseline == 0 && resolved.value == 0 && resolved.change == nil && !resolved.improved)
    }

    @Test func aDenominatorThatAddsUpToZeroIsMissingToo() throws {
        var r = F.Records()
        r.indicator(.unitsProduced, 0, on: "2025-12-31")
        r.indicator(.unitsProduced, 1_000, on: "2026-12-31")
        let lines = BenchmarkAssessor.indicators(F.inputs(records: r.list), rules: F.rules, period: Self.year2026, baseline: Self.year2025)
        let line = try #require(lines.first { $0.key == .nonconformityRate })
        #expect(line.baseline == nil && line.value == 0)
        #expect(line.missing?.en == "unitsProduced adds up to 0 in 2025")
    }

    @Test(arguments: [
        (BenchmarkIndicator.nonconformityRate, false), (.hazardDiscoveryRate, true), (.hazardsResolved, true),
        (.qualityCostRate, false), (.qualityLossRate, false), (.complaintRate, false),
    ])
    func eachIndicatorImprovesOneWay(_ key: BenchmarkIndicator, _ higherIsBetter: Bool) throws {
        #expect(key.higherIsBetter == higherIsBetter)
        // The same records with the years swapped: every indicator that improved now worsened, and the reverse.
        let forward = BenchmarkAssessor.indicators(F.indicatorInputs(), rules: F.rules, period: Self.year2026, baseline: Self.year2025)
        let backward = BenchmarkAssessor.indicators(F.indicatorInputs(), rules: F.rules, period: Self.year2025, baseline: Self.year2026)
        let there = try #require(forward.first { $0.key == key })
        let back = try #require(backward.first { $0.key == key })
        #expect(there.improved != back.improved)
        #expect(there.improved == (higherIsBetter ? (there.value ?? 0) > (there.baseline ?? 0) : (there.value ?? 0) < (there.baseline ?? 0)))
    }

    @Test func theTrendHasOnePointPerQuarter() throws {
        let lines = BenchmarkAssessor.indicators(F.indicatorInputs(), rules: F.rules, period: Self.year2026, baseline: Self.year2025)
        for line in lines {
            #expect(line.trend.map(\.label) == ["2025Q1", "2025Q2", "2025Q3", "2025Q4", "2026Q1", "2026Q2", "2026Q3", "2026Q4"])
            #expect(line.trend.map(\.inBaseline) == [true, true, true, true, false, false, false, false])
        }
        let nonconformity = try #require(lines.first { $0.key == .nonconformityRate })
        #expect(nonconformity.trend.compactMap(\.value).map { ($0 * 10_000).rounded() } == [200, 200, 200, 200, 96, 96, 96, 96])
        // Revenue is reported once a year: the quarters before it have no value.
        let cost = try #require(lines.first { $0.key == .qualityCostRate })
        #expect(cost.trend.map { $0.value == nil } == [true, true, true, false, true, true, true, false])
    }

    @Test(arguments: [
        ("2026Q1", "2025Q1", ["2025-01", "2025-02", "2025-03", "2026-01", "2026-02", "2026-03"]),
        ("2026H2", "2025H2", ["2025Q3", "2025Q4", "2026Q3", "2026Q4"]),
        ("2026-07", "2026-06", ["2026-06", "2026-07"]),
    ])
    func shorterPeriodsTrendByQuarterOrMonth(_ period: String, _ baseline: String, _ labels: [String]) throws {
        let lines = BenchmarkAssessor.indicators(
            F.indicatorInputs(),
            rules: F.rules,
            period: try ReportingPeriod(period),
            baseline: try ReportingPeriod(baseline)
        )
        #expect(lines.allSatisfy { $0.trend.map(\.label) == labels })
    }

    @Test(arguments: [("2025", "2026"), ("2026", "2026"), ("2026Q1", "2026"), ("2026-03", "2026Q1")])
    func aBaselineThatDoesNotEndBeforeThePeriodIsRefused(_ period: String, _ baseline: String) throws {
        let error = try #require(throws: InputError.self) {
            try BenchmarkAssessor.assess(F.inputs(), rules: F.rules, period: try ReportingPeriod(period), baseline: try ReportingPeriod(baseline))
        }
        #expect(error.rule == "BENCHMARK-BASELINE")
        #expect(error.message.en.contains("does not end before"))
        #expect(error.hint != nil)
    }

    @Test func theQuarterJustBeforeIsABaseline() throws {
        let result = try BenchmarkAssessor.assess(
            F.inputs(),
            rules: F.rules,
            period: try ReportingPeriod("2026Q1"),
            baseline: try ReportingPeriod("2025Q4")
        )
        #expect(result.baseline.description == "2025Q4")
    }

    // MARK: compliance measured from the records

    /// 2026Q1: principal and director appointed, the officer only in April; three of five dimensions identified;
    /// the daily plan missed its first nine days; no weekly plan; monthly meetings held; one general hazard closed and its
    /// risk point re-graded; one major hazard open without a plan; 80 % of staff trained.
    static func complianceInputs(approvedPlan: Bool = false) throws -> BenchmarkInputs {
        let people = [
            Person(id: 1, name: "郑建国", role: .principal, enterpriseID: 1), Person(id: 2, name: "林晓燕", role: .director, enterpriseID: 1),
            Person(id: 3, name: "王海涛", role: .officer, enterpriseID: 1), Person(id: 4, name: "吴春华", role: .workshopHead, enterpriseID: 1),
        ]
        let added = [1: F.at("2025-12-01"), 2: F.at("2026-02-01"), 3: F.at("2026-04-05"), 4: F.at("2026-01-01")] as [Int64: Date]
        let points = [F.point(1, "process"), F.point(2, "equipment"), F.point(3, "environment"), F.point(4, "personnel")]
        let pointsAdded = [1: F.at("2026-01-05"), 2: F.at("2026-01-05"), 3: F.at("2026-01-05"), 4: F.at("2026-04-10")] as [Int64: Date]
        let result = try Grader.grade(.ls(l: 2, s: 3))
        let gradings = [
            GradingRecord(riskPointID: 1, sequence: 1, result: result, gradedBy: 2, gradedAt: F.at("2026-01-06"), reason: "初评"),
            GradingRecord(riskPointID: 2, sequence: 1, result: result, gradedBy: 2, gradedAt: F.at("2026-01-06"), reason: "初评"),
            GradingRecord(riskPointID: 1, sequence: 2, result: result, gradedBy: 2, gradedAt: F.at("2026-02-10"), reason: "隐患闭环后复评"),
        ]
        var major = F.hazard(2, found: "2026-03-01", grade: .major)
        if approvedPlan {
            major.plans = [
                GovernancePlan(
                    sequence: 1,
                    target: "t",
                    methods: "m",
                    funds: "f",
                    organisation: "o",
                    timeLimit: F.at("2026-04-30"),
                    safetyMeasures: "s",
                    authorID: 3,
                    submittedAt: F.at("2026-03-02"),
                    state: .approved,
                    decidedBy: 2,
                    decidedAt: F.at("2026-03-03"),
                    decisionNote: "同意"
                )
            ]
        }
        let hazards = [F.hazard(1, found: "2026-01-20", closed: "2026-02-01", riskPoint: 1), major]
        let plans = [
            CheckPlan(id: 1, enterpriseID: 1, kind: .daily, responsibleID: 3, startsOn: F.at("2026-01-01 00:00")),
            CheckPlan(id: 2, enterpriseID: 1, kind: .monthly, responsibleID: 1, startsOn: F.at("2026-01-01 00:00")),
        ]
        let first = F.at("2026-01-01 10:00")
        var runs = (9..<90).map { day in
            let date = first.addingTimeInterval(Double(day) * 86_400)
            return F.run(Int64(day), period: F.local.day(date), at: date)
        }
        runs += ["2026-01", "2026-02", "2026-03"].enumerated().map {
            F.run(Int64(100 + $0), plan: 2, kind: .monthly, period: $1, at: F.at("\($1)-25 15:00"))
        }
        var r = F.Records()
        r.indicator(.trainingShare, 0.5, on: "2025-12-31")
        r.indicator(.trainingShare, 0.8, on: "2026-03-31")
        r.indicator(.trainingShare, 1, on: "2026-03-31")
        r.list[2].withdrawnAt = F.at("2026-04-02")
        return F.inputs(
            workshops: [Workshop(id: 1, enterpriseID: 1, name: "注塑车间"), Workshop(id: 9, enterpriseID: 2, name: "别家车间")],
            people: people,
            peopleAddedAt: added,
            riskPoints: points,
            gradings: gradings,
            riskPointAddedAt: pointsAdded,
            hazards: hazards,
            plans: plans,
            runs: runs,
            records: r.list
        )
    }

    @Test func eachMeasureFromTheRecords() throws {
        let m = BenchmarkAssessor.measures(try Self.complianceInputs(), period: try ReportingPeriod("2026Q1"))
        #expect(m[.organisation]?.value == 2.0 / 3)
        #expect(m[.organisation]?.evidence == ["person#1", "person#2", "missing:officer"])
        #expect(m[.riskIdentification]?.value == 0.6)
        #expect(
            m[.riskIdentification]?.evidence == [
                "risk_point#1", "risk_point#2", "risk_point#3", "missing:workshop#1:personnel", "missing:workshop#1:management",
            ]
        )
        // Risk point 1 graded and re-graded after its hazard closed, point 2 graded, point 3 never.
        #expect(abs((m[.gradingCurrent]?.value ?? 0) - 2.0 / 3) < 1e-12)
        // Daily 81 of 90 days, weekly none (no plan), monthly 3 of 3.
        let checkShare = m[.checkRecords]?.value ?? 0
        #expect(abs(checkShare - 1.9 / 3) < 1e-12)
        let checks = m[.checkRecords]?.evidence ?? []
        #expect(checks.contains("missed:check_plan#1:2026-01-01") && checks.contains("check_plan#1:2026-03-31") && checks.contains("no-plan:weekly"))
        #expect(checks.filter { $0.hasPrefix("missed:") }.count == 9)
        #expect(m[.closedLoop]?.value == 0)
        #expect(m[.closedLoop]?.evidence == ["no-approved-plan:hazard#2"])
        // Re-graded within 30 days (1) and the latest training figure not withdrawn (0.8).
        #expect(abs((m[.improvement]?.value ?? 0) - 0.9) < 1e-12)
        #expect(m[.improvement]?.evidence == ["hazard#1", "QR-2"])
    }

    @Test func anApprovedPlanLetsTheClosedLoopCount() throws {
        let m = BenchmarkAssessor.measures(try Self.complianceInputs(approvedPlan: true), period: try ReportingPeriod("2026Q1"))
        // One of two found hazards closed; none had a deadline due, so on time counts in full.
        #expect(m[.closedLoop]?.value == 0.75)
        #expect(m[.closedLoop]?.evidence == ["hazard#1"])
    }

    @Test func theWholeAssessmentExplainsItself() throws {
        let result = try BenchmarkAssessor.assess(
            try Self.complianceInputs(),
            rules: F.rules,
            period: try ReportingPeriod("2026Q1"),
            baseline: try ReportingPeriod("2025Q1")
        )
        // 10 + 12 + 10 + 12.667 + 0 + 9.
        #expect(result.score == 53.667)
        #expect(abs(result.compliance.reduce(0) { $0 + $1.points } - result.score) < 1e-9)
        // Risk identification at exactly 60 % passes its minimum; the closed loop at 0 does not.
        #expect(result.compliance.filter { !$0.passedMinimum }.map(\.measure) == [.closedLoop])
        #expect(result.compliance.first { $0.measure == .riskIdentification }?.passedMinimum == true)
        #expect(result.verdict == .notBenchmark)
        #expect(result.indicators.count == 6)
        #expect(result.reasons.count == 1 + 1 + 1 + 6)
    }

    @Test func withoutWorkshopsOrRiskPointsNothingIsIdentified() {
        let m = BenchmarkAssessor.measures(F.inputs(), period: Self.year2026)
        #expect(m[.riskIdentification]?.value == 0)
        #expect(m[.gradingCurrent]?.value == 0)
        #expect(m[.checkRecords]?.value == 0)
        #expect(m[.organisation]?.value == 0)
        // Nothing found and nothing closed: the rates are full, but the training half is missing.
        #expect(m[.closedLoop]?.value == 1)
        #expect(m[.improvement]?.value == 0.5)
    }

    @Test func theRulesNameTheirOwnProblems() {
        #expect(F.rules.problems().isEmpty)
        var broken = F.rules
        broken.items[5].points = 15
        broken.items[4].measure = .checkRecords
        broken.items[4].code = "checkRecords"
        broken.passScore = 120
        broken.minimumItemShare = 1.5
        #expect(
            broken.problems() == [
                "the items' points add up to 105, not 100", "item code checkRecords is used twice",
                "measure checkRecords is used by more than one item",
                "the pass score 120.0 is not within 0–100", "the minimum item share 1.5 is not within 0–1",
            ]
        )
    }
}

@Suite("ReportingPeriod")
struct ReportingPeriodTests {
    static let local = BenchmarkFixture.local
    static func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text) ?? .distantPast }

    @Test(arguments: [
        ("2026Q3", "2026Q3", "2026-06-30T16:00:00Z", "2026-09-30T15:59:59Z"),
        ("2026q3", "2026Q3", "2026-06-30T16:00:00Z", "2026-09-30T15:59:59Z"),
        ("2026", "2026", "2025-12-31T16:00:00Z", "2026-12-31T15:59:59Z"),
        (" 2026H1 ", "2026H1", "2025-12-31T16:00:00Z", "2026-06-30T15:59:59Z"),
        ("2026-02", "2026-02", "2026-01-31T16:00:00Z", "2026-02-28T15:59:59Z"),
        ("2028-02", "2028-02", "2028-01-31T16:00:00Z", "2028-02-29T15:59:59Z"),
        ("2026-12", "2026-12", "2026-11-30T16:00:00Z", "2026-12-31T15:59:59Z"),
    ])
    func parsesAndBoundsInLocalTime(_ text: String, _ canonical: String, _ start: String, _ end: String) throws {
        let period = try ReportingPeriod(text)
        #expect(period.description == canonical)
        #expect(period.start(in: Self.local) == Self.utc(start))
        #expect(period.end(in: Self.local) == Self.utc(end))
        #expect(period.contains(Self.utc(end), in: Self.local))
        #expect(!period.contains(Self.utc(end).addingTimeInterval(1), in: Self.local))
        #expect(!period.contains(Self.utc(start).addingTimeInterval(-1), in: Self.local))
    }

    @Test func theThirdQuarterEndsAtTheLastSecondOfSeptemberInShanghai() throws {
        #expect(try ReportingPeriod("2026Q3").end(in: Self.local) == Self.local.parse("2026-09-30"))
        #expect(Self.local.minute(try ReportingPeriod("2026Q3").end(in: Self.local)) == "2026-09-30 23:59")
    }

    @Test(arguments: [
        "", "26", "abcd", "2026Q5", "2026Q0", "2026Q12", "2026H3", "2026H", "2026-13", "2026-00", "2026-7", "2026X1", "1899", "2026-1-1", "2026-+7",
        "2026Q+",
    ])
    func badPeriodsAreRefused(_ text: String) throws {
        let error = try #require(throws: InputError.self) { try ReportingPeriod(text) }
        #expect(error.rule == "INPUT-PERIOD")
        #expect(error.hint?.en.contains("2026Q3") == true)
    }

    @Test(arguments: [
        ("2026", ReportingPeriod.Unit.quarter, ["2026Q1", "2026Q2", "2026Q3", "2026Q4"]),
        ("2026H2", .quarter, ["2026Q3", "2026Q4"]),
        ("2026H2", .month, ["2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"]),
        ("2026Q3", .month, ["2026-07", "2026-08", "2026-09"]),
        ("2026-08", .quarter, ["2026-08"]),
    ])
    func splitsIntoSmallerPeriods(_ text: String, _ unit: ReportingPeriod.Unit, _ parts: [String]) throws {
        #expect(try ReportingPeriod(text).split(into: unit).map(\.description) == parts)
    }

    @Test func theYearBeforeIsTheUsualBaseline() throws {
        #expect(try ReportingPeriod("2026Q3").yearBefore.description == "2025Q3")
    }
}
