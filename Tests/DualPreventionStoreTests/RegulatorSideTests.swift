import DualPrevention
import DualPreventionStore
import Foundation
import GRDB
import Testing

/// The regulator's side of the loop through the store: a warning to a category reaches every maker of the
/// jurisdiction and no other, its tasks close with their hazards, a regulator's findings open hazards it accepts,
/// and the escalation ladder records each notification once.
@Suite("Warnings, inspections and escalation")
struct RegulatorSideTests {
    static let items = [WarningItem(ref: "B1", text: "蓄电池仓库温湿度与消防设施"), WarningItem(ref: "B2", text: "充电区与成品区隔离")]

    /// A third enterprise of district 1 that makes something else: never in a food-contact warning's scope.
    static func otherCategory(_ f: Fixture) async throws -> Enterprise {
        try await f.repository.addEnterprise(
            Enterprise(
                id: 0,
                name: "丙电动车有限公司",
                creditCode: try CreditCode.completing("91331002MA2B00003"),
                jurisdictionID: f.district1.id,
                productCategory: "电动自行车"
            ),
            by: f.admin,
            at: Clock.t0
        )
    }

    static func warning(_ f: Fixture, by actor: Actor, deadline: Date = Clock.days(10)) async throws -> (RiskWarning, [WarningTask]) {
        try await f.repository.issueWarning(
            WarningRequest(title: "塑料制品迁移风险预警", text: "请排查", category: "食品相关产品", items: items, deadline: deadline),
            rules: .defaults,
            by: actor,
            at: Clock.hours(1)
        )
    }

    /// Acknowledged at hour 2 and answered "no hazard found" at hour 3.
    static func answerClean(_ f: Fixture, _ warning: RiskWarning, by actor: Actor) async throws {
        _ = try await f.repository.acknowledgeTask(warningID: warning.id, by: actor, at: Clock.hours(2))
        _ = try await f.repository.answerTask(
            warningID: warning.id,
            results: items.map { .init(ref: $0.ref, passed: true) },
            workshopID: nil,
            by: actor,
            at: Clock.hours(3)
        )
    }

    @Test(arguments: TestStore.all) func aWarningToACategoryReachesEveryMakerOfTheJurisdictionAndNoOther(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let other = try await Self.otherCategory(f)
        let (cityWide, cityTasks) = try await Self.warning(f, by: f.cityRegulator)
        #expect(Set(cityTasks.map(\.enterpriseID)) == [f.a.enterprise.id, f.b.enterprise.id])
        let (districtWide, districtTasks) = try await Self.warning(f, by: f.regulator1)
        #expect(districtTasks.map(\.enterpriseID) == [f.a.enterprise.id])
        #expect(!districtTasks.map(\.enterpriseID).contains(other.id))
        #expect(cityWide.number == "YJ-2026-0001" && districtWide.number == "YJ-2026-0001", "numbered per office")
        // An enterprise role cannot issue one, and nothing is written when refused.
        let before = try await f.count("warning")
        await #expect(throws: Refusal.self) { _ = try await Self.warning(f, by: f.a.director) }
        #expect(try await f.count("warning") == before)
    }

    @Test(arguments: TestStore.all) func eachSeesWhatTheRulesSay(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let (warning, _) = try await Self.warning(f, by: f.cityRegulator)
        let city = try await f.repository.warningReport(warning.id, asOf: Clock.hours(2), visibleTo: .person(f.cityRegulator))
        #expect(city.tasks.count == 2 && city.districts.count == 2)
        let district = try await f.repository.warningReport(warning.id, asOf: Clock.hours(2), visibleTo: .person(f.regulator2))
        #expect(district.tasks.map(\.task.enterpriseID) == [f.b.enterprise.id])
        let own = try await f.repository.warningReport(warning.id, asOf: Clock.hours(2), visibleTo: .person(f.a.officer))
        #expect(own.tasks.map(\.task.enterpriseID) == [f.a.enterprise.id])
        #expect(try await f.repository.warnings(visibleTo: .person(f.b.postWorker)).map(\.id) == [warning.id])
        // A district warning is out of the other district's sight altogether.
        let (local, _) = try await Self.warning(f, by: f.regulator1)
        await #expect(throws: NotFoundError.self) {
            _ = try await f.repository.warningReport(local.id, asOf: Clock.hours(2), visibleTo: .person(f.regulator2))
        }
        await #expect(throws: NotFoundError.self) {
            _ = try await f.repository.acknowledgeTask(warningID: local.id, by: f.b.director, at: Clock.hours(2))
        }
    }

    @Test(arguments: TestStore.all) func aFailedItemOpensAHazardAndClosingItClosesTheTask(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let (warning, _) = try await Self.warning(f, by: f.cityRegulator)
        _ = try await f.repository.acknowledgeTask(warningID: warning.id, by: f.a.director, at: Clock.hours(2))
        let (task, hazards) = try await f.repository.answerTask(
            warningID: warning.id,
            results: [.init(ref: "B1", passed: true), .init(ref: "B2", passed: false, note: "充电区与成品仓库未隔离")],
            workshopID: f.a.workshop.id,
            by: f.a.director,
            at: Clock.hours(3)
        )
        #expect(task.state == .rectifying && hazards.count == 1 && task.hazardIDs == hazards.map(\.id))
        let hazard = try #require(hazards.first)
        #expect(hazard.source == .warning && hazard.origin?.recordNumber == warning.number && hazard.origin?.acceptingOffice == nil)
        #expect(try await f.repository.hazard("\(hazard.id)", visibleTo: .person(f.a.officer)).origin == hazard.origin)
        // The other enterprise answers that nothing is wrong: closed at once.
        _ = try await f.repository.acknowledgeTask(warningID: warning.id, by: f.b.officer, at: Clock.hours(2))
        let (clean, none) = try await f.repository.answerTask(
            warningID: warning.id,
            results: Self.items.map { .init(ref: $0.ref, passed: true) },
            workshopID: nil,
            by: f.b.officer,
            at: Clock.hours(3)
        )
        #expect(clean.state == .closed && none.isEmpty)
        // The hazard goes round the loop; its acceptance closes the task.
        _ = try await f.notice(hazard, f.a, at: Clock.hours(4))
        try await f.perform(.acknowledgeNotice, on: hazard, by: f.a.workshopHead, at: Clock.hours(5))
        try await f.perform(.startRectification, on: hazard, by: f.a.workshopHead, at: Clock.hours(6))
        _ = try await f.repository.perform(
            .submitRectification(measuresTaken: "加装隔离墙", completedAt: Clock.hours(7), funds: "", evidence: []),
            on: "\(hazard.id)",
            by: f.a.workshopHead,
            at: Clock.hours(8)
        )
        var report = try await f.repository.warningReport(warning.id, asOf: Clock.hours(9), visibleTo: .person(f.cityRegulator))
        #expect(report.tasks.first { $0.task.enterpriseID == f.a.enterprise.id }?.openHazards == 1)
        _ = try await f.repository.perform(
            .accept(passed: true, criteria: "隔离到位", opinion: "通过", evidence: []),
            on: "\(hazard.id)",
            by: f.a.officer,
            at: Clock.hours(10)
        )
        report = try await f.repository.warningReport(warning.id, asOf: Clock.hours(11), visibleTo: .person(f.cityRegulator))
        #expect(report.tasks.map(\.task.state) == [.closed, .closed])
        #expect(report.districts.map(\.closed) == [1, 1])
        #expect(try await f.repository.verifyAudit(expectedHead: nil).isIntact)
    }

    @Test(arguments: TestStore.all) func aTaskNotAnsweredByItsDeadlineIsFlaggedOverdue(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let (warning, _) = try await Self.warning(f, by: f.cityRegulator, deadline: Clock.days(2))
        try await Self.answerClean(f, warning, by: f.a.director)
        let before = try await f.repository.warningReport(warning.id, asOf: Clock.days(1), visibleTo: .person(f.cityRegulator))
        #expect(before.tasks.map(\.overdue) == [false, false])
        let after = try await f.repository.warningReport(warning.id, asOf: Clock.days(3), visibleTo: .person(f.cityRegulator))
        #expect(after.tasks.map(\.overdue) == [false, true])
        #expect(after.tasks.map(\.task.state) == [.closed, .issued])
    }

    @Test(arguments: TestStore.all) func aFailedSpotCheckOpensAHazardTheFindingOfficeAccepts(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let (inspection, hazards) = try await f.repository.recordInspection(
            InspectionRequest(
                kind: .spotCheck,
                enterpriseID: f.a.enterprise.id,
                performedAt: Clock.hours(1),
                summary: "监督抽查",
                items: [
                    InspectionItem(ref: "S1", text: "总迁移量", passed: false, finding: "总迁移量超标", workshopID: f.a.workshop.id),
                    InspectionItem(ref: "S2", text: "标签标识", passed: true),
                ]
            ),
            by: f.regulator1,
            at: Clock.hours(2)
        )
        let hazard = try #require(hazards.first)
        #expect(hazards.count == 1 && inspection.items.first?.hazardID == hazard.id)
        #expect(hazard.source == .spotCheck && hazard.enterpriseID == f.a.enterprise.id && hazard.foundBy == f.regulator1.id)
        #expect(
            hazard.origin
                == HazardOrigin(kind: .inspection, recordID: inspection.id, recordNumber: inspection.number, acceptingOffice: f.district1.id)
        )
        // In the enterprise's register, with the record linked.
        let register = try await f.repository.hazards(HazardFilter(), visibleTo: .person(f.a.officer))
        #expect(register.contains { $0.id == hazard.id && $0.origin?.recordNumber == inspection.number })
        #expect(try await f.repository.inspections(enterpriseID: nil, visibleTo: .person(f.a.officer)).map(\.id) == [inspection.id])
        #expect(try await f.repository.inspections(enterpriseID: nil, visibleTo: .person(f.b.officer)).isEmpty)
        // The enterprise rectifies; its officer may not accept, the finding district may.
        _ = try await f.notice(hazard, f.a, at: Clock.hours(3))
        try await f.perform(.acknowledgeNotice, on: hazard, by: f.a.workshopHead, at: Clock.hours(4))
        try await f.perform(.startRectification, on: hazard, by: f.a.workshopHead, at: Clock.hours(5))
        _ = try await f.repository.perform(
            .submitRectification(measuresTaken: "更换原料", completedAt: Clock.hours(6), funds: "", evidence: []),
            on: "\(hazard.id)",
            by: f.a.workshopHead,
            at: Clock.hours(7)
        )
        let refusal = await #expect(throws: Refusal.self) {
            _ = try await f.repository.perform(
                .accept(passed: true, criteria: "复检合格", opinion: "合格", evidence: []),
                on: "\(hazard.id)",
                by: f.a.officer,
                at: Clock.hours(8)
            )
        }
        #expect(refusal?.rule == "ACCEPT-FINDING-REGULATOR")
        #expect(try await f.repository.inbox(of: f.regulator1, at: Clock.hours(8)).map(\.kind) == [.accept])
        let (closed, _) = try await f.repository.perform(
            .accept(passed: true, criteria: "复检合格", opinion: "合格", evidence: []),
            on: "\(hazard.id)",
            by: f.regulator1,
            at: Clock.hours(8)
        )
        #expect(closed.state == .closed)
        #expect(try await f.repository.verifyAudit(expectedHead: nil).isIntact)
    }

    @Test(arguments: TestStore.all) func anInspectionOutOfSightIsNotFoundAndWritesNothing(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let before = try await f.snapshot()
        await #expect(throws: NotFoundError.self) {
            _ = try await f.repository.recordInspection(
                InspectionRequest(
                    kind: .random,
                    enterpriseID: f.b.enterprise.id,
                    performedAt: Clock.hours(1),
                    summary: "双随机",
                    items: [InspectionItem(ref: "R1", text: "记录", passed: false, finding: "无记录", workshopID: f.b.workshop.id)]
                ),
                by: f.regulator1,
                at: Clock.hours(2)
            )
        }
        #expect(try await f.snapshot() == before)
    }

    @Test(arguments: TestStore.all) func theDirectorHearsOfAnOverdueHazardExactlyOnce(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let local = try LocalTime()
        // Due by the end of 2026-09-25 (Shanghai): the deadline is the start of the 26th.
        let deadline = try local.parseDeadline("2026-09-25")
        let hazard = try await f.report(f.a)
        _ = try await f.notice(hazard, f.a, deadline: deadline)
        let dayAfter = try local.parse("2026-09-26")
        let first = try await f.repository.escalate(asOf: dayAfter, rules: .defaults, senders: ["webhook"], at: dayAfter)
        #expect(first.created.map(\.step) == [.director] && first.created.map(\.personID) == [f.a.director.id])
        let again = try await f.repository.escalate(asOf: dayAfter, rules: .defaults, senders: ["webhook"], at: dayAfter)
        #expect(again.created.isEmpty && again.due == 1)
        let inbox = try await f.repository.inbox(of: f.a.director, at: dayAfter).filter { $0.kind == .escalation }
        #expect(inbox.map(\.step) == [.director] && inbox.map(\.number) == [hazard.number])
        #expect(try await f.repository.inbox(of: f.a.principal, at: dayAfter).filter { $0.kind == .escalation }.isEmpty)
        try await f.repository.markRead(try #require(inbox.first?.key), by: f.a.director, at: dayAfter)
        #expect(try await f.repository.inbox(of: f.a.director, at: dayAfter).first { $0.kind == .escalation }?.read == true)
        // One pending webhook delivery, taken once.
        let due = try await f.repository.dueDeliveries(sender: "webhook", at: dayAfter, limit: 10)
        #expect(due.map(\.notification.personID) == [f.a.director.id])
        try await f.repository.recordDelivery(try #require(due.first), outcome: .delivered, at: dayAfter)
        #expect(try await f.repository.dueDeliveries(sender: "webhook", at: dayAfter, limit: 10).isEmpty)
        // Three days after the last day the principal hears too; before the deadline, the owner was reminded.
        let later = try await f.repository.escalate(asOf: try local.parse("2026-09-28"), rules: .defaults, senders: [], at: dayAfter)
        #expect(later.created.map(\.step) == [.principal])
        #expect(try await f.repository.verifyAudit(expectedHead: nil).isIntact)
    }

    @Test(arguments: TestStore.all) func theOwnerIsRemindedBeforeTheDeadline(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let local = try LocalTime()
        let hazard = try await f.report(f.a)
        _ = try await f.notice(hazard, f.a, deadline: try local.parseDeadline("2026-09-30"))
        let early = try await f.repository.escalate(asOf: try local.parse("2026-09-26"), rules: .defaults, senders: [], at: Clock.days(1))
        #expect(early.created.isEmpty)
        let reminded = try await f.repository.escalate(asOf: try local.parse("2026-09-27"), rules: .defaults, senders: [], at: Clock.days(1))
        #expect(reminded.created.map(\.step) == [.remindOwner] && reminded.created.map(\.personID) == [f.a.workshopHead.id])
    }

    @Test(arguments: TestStore.all) func missedDailyChecksRemindTheOfficerAndDirectorAndThreeInARowTheRegulator(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let plan = try await f.repository.addCheckPlan(
            enterpriseID: f.a.enterprise.id,
            kind: .daily,
            responsibleID: f.a.officer.id,
            startsOn: Clock.days(-3),
            by: f.a.director,
            at: Clock.days(-3)
        )
        // Three whole days passed unrecorded since the plan started (in the evening, so its first day is not one).
        let pass = try await f.repository.escalate(asOf: Clock.days(1), rules: .defaults, senders: [], at: Clock.days(1))
        let missed = pass.created.filter { $0.step == .checkMissed }
        #expect(Set(missed.map(\.personID)) == [f.a.officer.id, f.a.director.id])
        #expect(missed.count == Set(missed.map(\.period)).count * 2 && missed.count >= 6)
        #expect(pass.created.filter { $0.step == .checksMissedToRegulator }.map(\.personID) == [f.regulator1.id])
        #expect(pass.created.allSatisfy { $0.object == .checkPlan && $0.objectID == plan.id })
        let again = try await f.repository.escalate(asOf: Clock.days(1), rules: .defaults, senders: [], at: Clock.days(1))
        #expect(again.created.isEmpty)
        #expect(try await f.repository.inbox(of: f.a.officer, at: Clock.days(1)).contains { $0.kind == .checkDue && $0.link == "/checks/\(plan.id)" })
    }

    @Test(arguments: TestStore.all) func anUnansweredWarningReachesItsIssuer(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let (warning, _) = try await Self.warning(f, by: f.regulator1, deadline: Clock.days(10))
        let pass = try await f.repository.escalate(asOf: Clock.days(4), rules: .defaults, senders: [], at: Clock.days(4))
        #expect(pass.created.map(\.step) == [.warningUnacknowledged] && pass.created.map(\.personID) == [f.regulator1.id])
        let late = try await f.repository.escalate(asOf: Clock.days(11), rules: .defaults, senders: [], at: Clock.days(11))
        #expect(late.created.map(\.step) == [.warningUnanswered])
        let inbox = try await f.repository.inbox(of: f.regulator1, at: Clock.days(11))
        #expect(inbox.filter { $0.kind == .escalation }.allSatisfy { $0.number == warning.number && $0.link == "/warnings/\(warning.id)" })
        #expect(try await f.repository.inbox(of: f.a.director, at: Clock.days(11)).map(\.kind) == [.answerWarning])
    }
}

/// What the regulator's side feeds into the grade and the lists, derived from the records and never typed in.
@Suite("Warnings and listed hazards in the grade and the lists")
struct RegulatorInputsTests {
    @Test(arguments: TestStore.all) func aWarningNotAnsweredByItsDeadlineCountsAgainstTheEnterprise(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let (warning, tasks) = try await RegulatorSideTests.warning(f, by: f.cityRegulator, deadline: Clock.days(3))
        try await RegulatorSideTests.answerClean(f, warning, by: f.a.director)
        func missed(_ staff: Staff, asOf: Date) async throws -> MetricValue? {
            try await f.repository.performance(enterpriseID: staff.enterprise.id, asOf: asOf, since: Clock.days(-30), visibleTo: .system)[
                "dualPrevention.warningsMissed"
            ]
        }
        let taskB = try #require(tasks.first { $0.enterpriseID == f.b.enterprise.id })
        #expect(try await missed(f.a, asOf: Clock.days(4))?.value == 0)
        #expect(try await missed(f.b, asOf: Clock.days(2))?.value == 0, "not yet due")
        let late = try await missed(f.b, asOf: Clock.days(4))
        #expect(late?.value == 1 && late?.evidence == ["warning_task#\(taskB.id)"])
    }

    /// A listed major hazard at its deadline, notified to the workshop head: left overdue unless submitted in time.
    static func listedMajor(_ f: Fixture, deadline: Date) async throws -> Hazard {
        let hazard = try await f.report(f.a, grade: .major)
        _ = try await f.notice(hazard, f.a, deadline: deadline)
        return try await f.perform(.list(order: "督办令"), on: hazard, by: f.regulator1, at: Clock.hours(3))
    }

    @Test(arguments: TestStore.all) func aListedMajorHazardLeftOverdueProposesTheBlackListEntry(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let hazard = try await Self.listedMajor(f, deadline: Clock.days(4))
        let quarter = try ReportingPeriod("2026Q3", field: "quarter")
        let proposed = try await f.repository.evaluateLists(
            quarter: quarter,
            rules: try CreditAndListsTests.listRules(),
            by: f.cityRegulator,
            at: Clock.days(12)
        )
        let entry = try #require(proposed.first { $0.criterion == "refusedSupervision" })
        #expect(entry.enterpriseID == f.a.enterprise.id && entry.evidence == ["hazard#\(hazard.id)"])
        #expect(!proposed.contains { $0.enterpriseID == f.b.enterprise.id })
    }

    @Test(arguments: TestStore.all) func aListedMajorHazardSubmittedInTimeProposesNothing(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let hazard = try await Self.listedMajor(f, deadline: Clock.days(4))
        try await f.perform(.acknowledgeNotice, on: hazard, by: f.a.workshopHead, at: Clock.hours(4))
        try await f.perform(
            .submitPlan(PlanDraft(target: "整改", methods: "更换", funds: "1万元", organisation: "车间", timeLimit: Clock.days(3), safetyMeasures: "停机")),
            on: hazard,
            by: f.a.workshopHead,
            at: Clock.hours(5)
        )
        try await f.perform(.approvePlan(note: "同意"), on: hazard, by: f.a.director, at: Clock.hours(6))
        try await f.perform(.startRectification, on: hazard, by: f.a.workshopHead, at: Clock.hours(7))
        _ = try await f.repository.perform(
            .submitRectification(measuresTaken: "已更换", completedAt: Clock.hours(8), funds: "", evidence: []),
            on: "\(hazard.id)",
            by: f.a.workshopHead,
            at: Clock.hours(9)
        )
        let quarter = try ReportingPeriod("2026Q3", field: "quarter")
        let proposed = try await f.repository.evaluateLists(
            quarter: quarter,
            rules: try CreditAndListsTests.listRules(),
            by: f.cityRegulator,
            at: Clock.days(12)
        )
        #expect(!proposed.contains { $0.criterion == "refusedSupervision" }, "waiting for acceptance since before its deadline")
    }
}

/// After an extension, the new deadline's rungs are news again; the old deadline's are not repeated.
@Suite("Escalation after an extension")
struct EscalationAfterExtensionTests {
    @Test(arguments: TestStore.all) func anExtendedDeadlineClimbsTheLadderAgain(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let local = try LocalTime()
        let hazard = try await f.report(f.a)
        _ = try await f.notice(hazard, f.a, deadline: try local.parseDeadline("2026-09-25"))
        let first = try await f.repository.escalate(asOf: try local.parse("2026-09-23"), rules: .defaults, senders: [], at: Clock.days(2))
        #expect(first.created.map(\.step) == [.remindOwner])
        try await f.perform(.acknowledgeNotice, on: hazard, by: f.a.workshopHead, at: Clock.days(2))
        try await f.perform(
            .requestExtension(reason: "等待备件", until: try local.parseDeadline("2026-10-05")),
            on: hazard,
            by: f.a.workshopHead,
            at: Clock.days(2)
        )
        try await f.perform(.decideExtension(grant: true, note: "同意"), on: hazard, by: f.a.director, at: Clock.days(2))
        let again = try await f.repository.escalate(asOf: try local.parse("2026-10-03"), rules: .defaults, senders: [], at: Clock.days(12))
        #expect(again.created.map(\.step) == [.remindOwner], "reminded again before the new deadline")
        let twice = try await f.repository.escalate(asOf: try local.parse("2026-10-03"), rules: .defaults, senders: [], at: Clock.days(12))
        #expect(twice.created.isEmpty)
    }
}
