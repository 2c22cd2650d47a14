import Foundation
import Testing

@testable import DualPrevention

@Suite("Scheduled checks")
struct CheckScheduleTests {
    static func point(_ frequency: ControlFrequency, _ colour: RiskColour?) -> RiskPoint {
        RiskPoint(
            id: 1,
            enterpriseID: 1,
            workshopID: 1,
            dimension: "process",
            controlStage: "注塑",
            name: "温度",
            hazardDescription: "降解",
            measures: "点检",
            target: "偏差小",
            frequency: frequency,
            ownerID: 1,
            colour: colour
        )
    }

    @Test(arguments: [
        (ControlFrequency.perShift, RiskColour.blue, [CheckKind.daily]),
        (.daily, .yellow, [.daily]),
        (.weekly, .blue, [.weekly]),
        (.weekly, .orange, [.weekly]),
        (.monthly, .orange, [.weekly, .monthly]),
        (.quarterly, .blue, [.monthly]),
        (.monthly, .red, [.daily, .weekly, .monthly]),
    ])
    func coverageFollowsFrequencyAndColour(_ frequency: ControlFrequency, _ colour: RiskColour, _ kinds: [CheckKind]) {
        #expect(CheckKind.allCases.filter { $0.covers(Self.point(frequency, colour)) } == kinds)
    }

    @Test(arguments: [
        (CheckKind.daily, Role.officer, true), (.daily, .director, true), (.daily, .workshopHead, false), (.daily, .postWorker, false),
        (.weekly, .director, true), (.weekly, .officer, false), (.monthly, .principal, true), (.monthly, .officer, false),
    ])
    func whoRecordsEachKind(_ kind: CheckKind, _ role: Role, _ allowed: Bool) {
        let actor = Actor(id: 1, name: "某人", role: role, enterpriseID: 1)
        #expect(((try? CheckRun.authorize(actor, kind: kind, enterpriseID: 1)) != nil) == allowed)
        #expect((try? CheckRun.authorize(Actor(id: 2, name: "外企", role: role, enterpriseID: 2), kind: kind, enterpriseID: 1)) == nil)
    }

    @Test func periodsAreDoneDueOrMissed() throws {
        let local = try LocalTime()
        let schedule = CheckSchedule(local: local)
        // Monday 2026-11-16 00:00 Shanghai = 2026-11-15T16:00Z; now is Thursday 2026-11-19 10:00 Shanghai.
        let start = try local.parse("2026-11-16 00:00")
        let now = try local.parse("2026-11-19 10:00")
        let plan = CheckPlan(id: 7, enterpriseID: 1, kind: .daily, responsibleID: 1, startsOn: start)
        let run = CheckRun(
            id: 1,
            planID: 7,
            enterpriseID: 1,
            kind: .daily,
            period: "2026-11-17",
            performedBy: 1,
            performedAt: now,
            results: [],
            minutes: nil
        )
        let entries = schedule.entries(for: plan, runs: [run], at: now)
        #expect(entries.map(\.period) == ["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19"])
        #expect(entries.map(\.status) == [.missed, .done, .missed, .due])
        #expect(schedule.period(.weekly, containing: now).key == "2026-W47")
        #expect(schedule.period(.monthly, containing: now).key == "2026-11")
        // A run with no failure is a "no risk found" record.
        #expect(run.noRiskFound)
    }

    @Test func theRecordedPeriodsOfManyPlansGiveTheSameEntriesAsTheirRecords() throws {
        let local = try LocalTime()
        let schedule = CheckSchedule(local: local)
        let start = try local.parse("2026-11-16 00:00")
        let now = try local.parse("2026-11-19 10:00")
        func run(_ id: Int64, plan: Int64, _ period: String) -> CheckRun {
            CheckRun(id: id, planID: plan, enterpriseID: 1, kind: .daily, period: period, performedBy: 1, performedAt: now, results: [], minutes: nil)
        }
        let runs = [run(1, plan: 7, "2026-11-17"), run(2, plan: 8, "2026-11-16"), run(3, plan: 8, "2026-11-19"), run(4, plan: 7, "2026-11-17")]
        let done = CheckSchedule.donePeriods(runs)
        #expect(done == [7: ["2026-11-17"], 8: ["2026-11-16", "2026-11-19"]])
        for id: Int64 in [7, 8, 9] {
            let plan = CheckPlan(id: id, enterpriseID: 1, kind: .daily, responsibleID: 1, startsOn: start)
            #expect(schedule.entries(for: plan, done: done[id] ?? [], at: now) == schedule.entries(for: plan, runs: runs, at: now))
        }
        #expect(
            schedule.entries(for: CheckPlan(id: 8, enterpriseID: 1, kind: .daily, responsibleID: 1, startsOn: start), done: done[8]!, at: now).map(
                \.status
            ) == [.done, .missed, .missed, .done]
        )
    }
}
