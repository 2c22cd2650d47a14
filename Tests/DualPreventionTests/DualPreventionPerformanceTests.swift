import Foundation
import Testing

@testable import DualPrevention

/// Performance figures derived from the records as of an instant, reproducible whatever comes later.
@Suite("Dual-prevention performance")
struct DualPreventionPerformanceTests {
    static let officer = Who.officer.actor
    static let head = Who.workshopHead.actor
    static let director = Who.director.actor
    static let regulator = Who.regulatorOnPath.actor

    /// A hazard found on day `found` with a notice due on day `due`, owned by the workshop head.
    static func hazard(_ id: Int64, found: Double, due: Double, grade: HazardGrade = .general, riskPoint: Int64? = 1) throws -> Hazard {
        var draft = Payload.draft(grade: grade, riskPointID: riskPoint)
        draft.foundAt = Clock.days(found)
        var (h, _) = try Hazard.report(draft, by: officer, at: Clock.days(found))
        h.id = id
        try h.apply(.issueNotice(Payload.notice(receiver: head, deadline: Clock.days(due))), by: officer, at: Clock.days(found))
        try h.apply(.acknowledgeNotice, by: head, at: Clock.days(found))
        return h
    }

    static func close(_ h: inout Hazard, on day: Double) throws {
        if h.grade == .general {
            try h.apply(.startRectification, by: head, at: Clock.days(day - 0.5))
        }
        try h.apply(
            .submitRectification(SubmissionDraft(measuresTaken: "已整改", completedAt: Clock.days(day - 0.2))),
            by: head,
            at: Clock.days(day - 0.1)
        )
        try h.apply(.accept(AcceptanceDraft(passed: true, criteria: "符合要求", opinion: "同意")), by: director, at: Clock.days(day))
    }

    static func records() throws -> [Hazard] {
        var h1 = try hazard(1, found: 0, due: 5)
        try close(&h1, on: 4)  // closed on time
        var h2 = try hazard(2, found: 6, due: 8)
        try close(&h2, on: 10)  // closed late; a repeat on risk point 1
        var h3 = try hazard(3, found: 2, due: 20, grade: .major, riskPoint: 2)
        try h3.apply(.list(order: "挂牌督办"), by: regulator, at: Clock.days(3))
        var h4 = try hazard(4, found: 7, due: 9, riskPoint: 2)
        try h4.apply(.requestExtension(reason: "配件未到", until: Clock.days(15)), by: head, at: Clock.days(8))
        try h4.apply(.decideExtension(grant: true, note: "同意"), by: director, at: Clock.days(12))
        return [h1, h2, h3, h4]
    }

    static func performance(_ hazards: [Hazard]) throws -> DualPreventionPerformance {
        let point = { (id: Int64) in
            RiskPoint(
                id: id,
                enterpriseID: 1,
                workshopID: 1,
                dimension: "process",
                controlStage: "封口",
                name: "热封",
                hazardDescription: "热封强度不足",
                measures: "点检",
                target: "合格",
                frequency: .daily,
                ownerID: 4
            )
        }
        let grading = GradingRecord(
            riskPointID: 1,
            sequence: 1,
            result: try Grader.grade(.ls(l: 2, s: 3)),
            gradedBy: 2,
            gradedAt: Clock.days(-1),
            reason: "初评"
        )
        let plan = CheckPlan(id: 1, enterpriseID: 1, kind: .daily, responsibleID: 3, startsOn: Clock.days(0))
        let runs = [0.3, 1.3].map {
            CheckRun(
                id: Int64($0 * 10),
                planID: 1,
                enterpriseID: 1,
                kind: .daily,
                period: try! LocalTime().day(Clock.days($0)),
                performedBy: 3,
                performedAt: Clock.days($0),
                results: [],
                minutes: nil
            )
        }
        return DualPreventionPerformance(
            hazards: hazards.map(HazardFacts.init),
            plans: [plan],
            runs: runs.map(CheckStamp.init),
            riskPointIDs: [point(1), point(2)].map(\.id),
            gradings: [GradingStamp(grading)],
            riskPointAddedAt: [1: Clock.days(-1), 2: Clock.days(-1)],
            local: try LocalTime()
        )
    }

    @Test func figuresAsOfDayEleven() throws {
        let m = try Self.performance(Self.records()).metrics(asOf: Clock.days(11), since: Clock.days(-365))
        #expect(m["dualPrevention.closedLoopRate"]?.value == 0.5)
        #expect(m["dualPrevention.closedLoopRate"]?.evidence == ["hazard#1", "hazard#2"])
        // Due by day 11: #1 (on time), #2 (late), #4 (its extension was not granted until day 12).
        #expect(abs((m["dualPrevention.onTimeRate"]?.value ?? 0) - 1.0 / 3) < 1e-9)
        #expect(m["dualPrevention.overdueOrListedMajor"]?.evidence == ["hazard#3"])
        // #2 repeats #1 on risk point 1, #4 repeats #3 on risk point 2.
        #expect(m["dualPrevention.repeatHazards"]?.evidence == ["hazard#2", "hazard#4"])
        // Risk point 1 graded (its closed hazards are within the re-grading limit); risk point 2 never graded.
        #expect(m["dualPrevention.gradedOnTimeShare"]?.value == 0.5)
        // The daily plan ran on days 0 and 1 only: days 2 … 10 are missed, day 11 is still due;
        // there is no weekly and no monthly plan at all, which counts one miss each.
        #expect(m["dualPrevention.missedChecks"]?.value == 11)
        #expect(m["dualPrevention.missedChecks"]?.evidence.suffix(2) == ["no-plan:weekly", "no-plan:monthly"])
    }

    @Test func anExtensionCountsFromTheDayItIsGranted() throws {
        let performance = try Self.performance(Self.records())
        #expect(abs((performance.metrics(asOf: Clock.days(11), since: Clock.days(-365))["dualPrevention.onTimeRate"]?.value ?? 0) - 1.0 / 3) < 1e-9)
        #expect(performance.metrics(asOf: Clock.days(13), since: Clock.days(-365))["dualPrevention.onTimeRate"]?.value == 0.5)
    }

    @Test func aPastDateGivesTheSameFiguresAfterNewRecords() throws {
        let before = try Self.performance(Self.records()).metrics(asOf: Clock.days(11), since: Clock.days(-365))
        var later = try Self.records()
        later.append(try Self.hazard(5, found: 12, due: 14))
        try later[3].apply(.startRectification, by: Self.head, at: Clock.days(13))
        #expect(try Self.performance(later).metrics(asOf: Clock.days(11), since: Clock.days(-365)) == before)
    }

    @Test func anEnterpriseWithNothingFoundHasFullRates() throws {
        let m = try Self.performance([]).metrics(asOf: Clock.days(1), since: Clock.days(-365))
        #expect(m["dualPrevention.closedLoopRate"]?.value == 1)
        #expect(m["dualPrevention.onTimeRate"]?.value == 1)
        #expect(m["dualPrevention.repeatHazards"]?.value == 0)
    }

    /// Missed checks from periods worked out once for the window give what walking each plan's own periods gives:
    /// plans that start before the window, inside it, mid-period, on a period's first instant and after its end;
    /// records inside the window, before it and after its end; a zone with summer time as well as Shanghai's.
    @Test(arguments: ["Asia/Shanghai", "Europe/Berlin"])
    func missedChecksFromSharedPeriodsAreTheSame(_ zone: String) throws {
        let local = try LocalTime(timeZoneID: zone)
        let schedule = CheckSchedule(local: local)
        let day = 86_400.0
        let asOf = Clock.days(400).addingTimeInterval(9 * 3_600)
        let windows = [Clock.days(35), Clock.days(200), Clock.days(399)]
        let starts: [Double] = [-50, 0.3, 36, 120.6, 250, 399.9, 401]
        var plans: [CheckPlan] = []
        for (index, start) in starts.enumerated() {
            for kind in CheckKind.allCases {
                let startsOn = schedule.period(kind, containing: Clock.days(start)).start.addingTimeInterval(index % 2 == 0 ? 0 : 3_600)
                plans.append(CheckPlan(id: Int64(plans.count + 1), enterpriseID: 1, kind: kind, responsibleID: 3, startsOn: startsOn))
            }
        }
        // Every third period of each plan has a record, made an hour into the period; some records come after `asOf`.
        var runs: [CheckStamp] = []
        for plan in plans {
            var period = schedule.period(plan.kind, containing: plan.startsOn)
            var n = 0
            while period.start < asOf.addingTimeInterval(40 * day) {
                if n % 3 == 0 {
                    runs.append(CheckStamp(planID: plan.id, enterpriseID: 1, period: period.key, performedAt: period.start.addingTimeInterval(3_600)))
                }
                n += 1
                period = schedule.period(plan.kind, containing: period.end.addingTimeInterval(1))
            }
        }
        for since in windows {
            let walked = DualPreventionPerformance.missedChecks(plans: plans, runs: runs, local: local, asOf: asOf, since: since)
            let ended = CheckSchedule.EndedPeriods(local: local, since: since, asOf: asOf)
            #expect(ended.fit(local, since: since, asOf: asOf))
            #expect(!ended.fit(local, since: since, asOf: asOf.addingTimeInterval(1)))
            let shared = DualPreventionPerformance.missedChecks(plans: plans, runs: runs, ended: ended)
            #expect(shared == walked, "window from \(since) in \(zone)")
            #expect(walked.contains { $0.hasPrefix("check_plan#") }, "the table has missed periods in the window")
            // A plan that has not started yet has none, and the kinds of plan in force leave no `no-plan:` line.
            #expect(!shared.contains { $0.hasPrefix("no-plan:") })
        }
    }

    @Test(arguments: [
        // found, closed, since, as of → counts only by its closure
        (0.0, 4.0 as Double?, 5.0, 35.0, true), (0, 4, 5, 4, true), (0, 4, 5, 3.9, false), (5, 6, 5, 35, false),
        (0, nil, 5, 35, false), (4.9, 5, 5, 35, true), (0, 36, 5, 35, false),
    ])
    func aHazardCountsOnlyByItsClosureWhenFoundBeforeAndClosedWithin(found: Double, closed: Double?, since: Double, asOf: Double, only: Bool) {
        let result = DualPreventionPerformance.countsOnlyByItsClosure(
            foundAt: Clock.days(found),
            closedAt: closed.map(Clock.days),
            since: Clock.days(since),
            asOf: Clock.days(asOf)
        )
        #expect(result == only)
    }

    /// A loader may give a hazard found before the window and closed by its end by its closure alone: every figure of
    /// the window, and its evidence, is then what the whole hazard gives.
    @Test(arguments: [(-365.0, 11.0), (1, 11), (5, 11), (5, 35), (7, 35), (11, 60), (3, 4), (5, 80)])
    func hazardsGivenByTheirClosureCountAsTheWholeHazards(since: Double, asOf: Double) throws {
        let all = try Self.records()
        let (start, end) = (Clock.days(since), Clock.days(asOf))
        let whole = try Self.performance(all).metrics(asOf: end, since: start)
        let byClosure = all.filter {
            DualPreventionPerformance.countsOnlyByItsClosure(foundAt: $0.foundAt, closedAt: $0.closedAt, since: start, asOf: end)
        }
        var split = try Self.performance(all.filter { !byClosure.contains($0) })
        split.earlierClosures = byClosure.compactMap { h in
            h.riskPointID.flatMap { p in h.closedAt.map { ClosureStamp(riskPointID: p, closedAt: $0) } }
        }
        #expect(split.metrics(asOf: end, since: start) == whole)
        // Where a hazard is given by its closure, leaving the closure out would change the share: the stamps count.
        if since == 5 && asOf == 35 {
            #expect(byClosure.map(\.id) == [1])
            split.earlierClosures = []
            #expect(split.metrics(asOf: end, since: start)["dualPrevention.gradedOnTimeShare"] != whole["dualPrevention.gradedOnTimeShare"])
        }
    }

    /// What the figures read of a hazard, day by day: the deadline its notice set (none before the notice), moved only
    /// once an extension is granted, and whether it stood listed.
    @Test(arguments: [
        // day, deadline of h3 (due day 20, listed day 3, never lifted), deadline of h4 (due day 9; asked on day 8 for
        // day 15, granted on day 12), h3 listed
        (-1.0, nil, nil, false), (2.5, 20.0, nil, false), (3, 20, nil, true), (7, 20, 9, true), (11.9, 20, 9, true),
        (12, 20, 15, true), (40, 20, 15, true),
    ])
    func factsGiveTheDeadlineAndTheListingAsTheyStood(day: Double, h3Due: Double?, h4Due: Double?, listed: Bool) throws {
        let all = try Self.records().map(HazardFacts.init)
        let (h3, h4) = (all[2], all[3])
        #expect(h3.deadline(at: Clock.days(day)) == h3Due.map(Clock.days))
        #expect(h4.deadline(at: Clock.days(day)) == h4Due.map(Clock.days))
        #expect(h3.isListed(at: Clock.days(day)) == listed)
        #expect(h4.isListed(at: Clock.days(day)) == false)
        // The facts carry what the hazard holds, and nothing the figures would need is lost on the way.
        let hazards = try Self.records()
        for (facts, hazard) in zip(all, hazards) {
            #expect(facts.id == hazard.id && facts.enterpriseID == hazard.enterpriseID && facts.grade == hazard.grade)
            #expect(facts.isClosed(by: Clock.days(day)) == (hazard.closedAt.map { $0 <= Clock.days(day) } ?? false))
        }
    }

    /// A denied or pending extension leaves the notice's deadline.
    @Test func anExtensionNotGrantedLeavesTheDeadline() throws {
        var pending = try Self.hazard(5, found: 0, due: 9)
        try pending.apply(.requestExtension(reason: "配件未到", until: Clock.days(15)), by: Self.head, at: Clock.days(8))
        var denied = pending
        try denied.apply(.decideExtension(grant: false, note: "不同意"), by: Self.director, at: Clock.days(10))
        for day in [8.5, 10.0, 20.0] {
            #expect(HazardFacts(pending).deadline(at: Clock.days(day)) == Clock.days(9))
            #expect(HazardFacts(denied).deadline(at: Clock.days(day)) == Clock.days(9))
        }
    }

    @Test func sharedPeriodsAreUsedOnlyWhenTheyFit() throws {
        let local = try LocalTime()
        let plan = CheckPlan(id: 1, enterpriseID: 1, kind: .daily, responsibleID: 3, startsOn: Clock.days(0))
        var performance = DualPreventionPerformance(
            hazards: [],
            plans: [plan],
            runs: [],
            riskPointIDs: [],
            gradings: [],
            riskPointAddedAt: [:],
            local: local
        )
        let expected = performance.metrics(asOf: Clock.days(11), since: Clock.days(-365))["dualPrevention.missedChecks"]
        // Periods of another window are ignored, not misapplied.
        performance.endedPeriods = CheckSchedule.EndedPeriods(local: local, since: Clock.days(5), asOf: Clock.days(11))
        #expect(performance.metrics(asOf: Clock.days(11), since: Clock.days(-365))["dualPrevention.missedChecks"] == expected)
        performance.endedPeriods = CheckSchedule.EndedPeriods(local: local, since: Clock.days(-365), asOf: Clock.days(11))
        #expect(performance.metrics(asOf: Clock.days(11), since: Clock.days(-365))["dualPrevention.missedChecks"] == expected)
    }
}
