import Foundation
import Testing

@testable import DualPrevention

/// The individual rules of DOMAIN.md §4, one behaviour per test.
@Suite struct HazardRuleTests {
    let officer = Who.officer.actor
    let director = Who.director.actor
    let principal = Who.principal.actor

    // MARK: Reporting and the notice

    @Test func reportRecordsTheReporterAndStopsProductionForMajor() throws {
        let (major, transition) = try Hazard.report(Payload.draft(grade: .major), by: Who.teamLeader.actor, at: Clock.hours(1))
        #expect(major.state == .reported)
        #expect(major.foundBy == Who.teamLeader.actor.id)
        #expect(major.ownerID == nil && major.deadline == nil)
        #expect(transition.effects == [.stopAffectedProduction])
        let (_, general) = try Hazard.report(Payload.draft(grade: .general), by: Who.postWorker.actor, at: Clock.hours(1))
        #expect(general.effects.isEmpty)
    }

    @Test(arguments: [Who.outsider, .regulatorOnPath, .admin, .assessor])
    func onlyMembersReport(_ who: Who) {
        #expect(throws: Refusal(.notInEnterprise)) {
            try Hazard.report(Payload.draft(grade: .general), by: who.actor, at: Clock.hours(1))
        }
    }

    @Test func reportNeedsADescriptionAndAPastFindingTime() {
        var blank = Payload.draft(grade: .general)
        blank.description = " \n "
        #expect(throws: Refusal(.textRequired(field: "description", zh: "隐患描述"))) {
            try Hazard.report(blank, by: officer, at: Clock.hours(1))
        }
        var future = Payload.draft(grade: .general)
        future.foundAt = Clock.hours(2)
        #expect(throws: Refusal(.foundInFuture)) {
            try Hazard.report(future, by: officer, at: Clock.hours(1))
        }
    }

    @Test func issuingTheNoticeNamesOwnerAndDeadline() throws {
        var hazard = try Fixture.gReported.build()
        try hazard.apply(.issueNotice(Payload.notice(receiver: Who.teamLeader.actor)), by: Who.workshopHead.actor, at: Clock.hours(2))
        #expect(hazard.state == .notified)
        #expect(hazard.ownerID == Who.teamLeader.actor.id)
        #expect(hazard.ownerRole == .teamLeader)
        #expect(hazard.deadline == Clock.deadline)
        #expect(hazard.notice?.issuedBy == Who.workshopHead.actor.id)
        #expect(hazard.notice?.issuedAt == Clock.hours(2))
        #expect(hazard.notice?.isAcknowledged == false)
    }

    @Test func noticePayloadIsChecked() throws {
        let hazard = try Fixture.gReported.build()
        var copy = hazard
        #expect(refusalReason(.issueNotice(Payload.notice(receiver: Who.outsider.actor)), on: &copy, by: .director) == .receiverNotInEnterprise)
        #expect(
            refusalReason(.issueNotice(Payload.notice(receiver: Who.regulatorOnPath.actor)), on: &copy, by: .director) == .receiverNotInEnterprise
        )
        var blank = Payload.notice()
        blank.requiredMeasures = "  "
        #expect(refusalReason(.issueNotice(blank), on: &copy, by: .director) == .textRequired(field: "required measures", zh: "整改措施要求"))
        #expect(refusalReason(.issueNotice(Payload.notice(deadline: Clock.now)), on: &copy, by: .director) == .deadlineNotInFuture)
        #expect(copy == hazard)
    }

    @Test func acknowledgingRecordsTheTime() throws {
        var hazard = try Fixture.gNotified.build()
        try hazard.apply(.acknowledgeNotice, by: officer, at: Clock.hours(5))
        #expect(hazard.notice?.acknowledgedAt == Clock.hours(5))
        #expect(hazard.state == .notified)
    }

    // MARK: Governance plans

    @Test func majorHazardCannotStartWithoutAnApprovedPlan() throws {
        var hazard = try Fixture.mAckedNoPlan.build()
        #expect(refusalReason(.startRectification, on: &hazard, by: .officer) == .planRequired)
        try hazard.apply(.submitPlan(Payload.plan()), by: officer, at: Clock.hours(4))
        #expect(refusalReason(.startRectification, on: &hazard, by: .officer) == .planRequired)
        try hazard.apply(.rejectPlan(reason: "安全措施不具体"), by: director, at: Clock.hours(5))
        #expect(hazard.currentPlan?.state == .rejected)
        #expect(refusalReason(.startRectification, on: &hazard, by: .officer) == .planRequired)
        // A rejected plan may be replaced by a new one, which then gets approved.
        try hazard.apply(.submitPlan(Payload.plan(safety: "停机、断电、挂牌、专人监护")), by: officer, at: Clock.hours(6))
        #expect(hazard.plans.map(\.sequence) == [1, 2])
        try hazard.apply(.approvePlan(note: "同意"), by: principal, at: Clock.hours(7))
        try hazard.apply(.startRectification, by: officer, at: Clock.hours(8))
        #expect(hazard.state == .rectifying)
    }

    static let planElements: [(String, @Sendable (inout PlanDraft) -> Void)] = [
        ("目标任务/target", { $0.target = "" }),
        ("方法措施/methods", { $0.methods = "  " }),
        ("经费物资/funds", { $0.funds = "\n" }),
        ("责任机构人员/organisation", { $0.organisation = "" }),
        ("安全应急措施/safety measures", { $0.safetyMeasures = " " }),
    ]

    @Test(arguments: 0..<5)
    func planMissingAnyElementIsRefusedNamingIt(_ index: Int) throws {
        let (name, blank) = Self.planElements[index]
        var draft = Payload.plan()
        blank(&draft)
        var hazard = try Fixture.mAckedNoPlan.build()
        let before = hazard
        #expect(refusalReason(.submitPlan(draft), on: &hazard, by: .officer) == .planIncomplete(missing: [name]))
        #expect(hazard == before)
    }

    @Test func planMissingEverythingListsAllFiveInFormOrder() throws {
        var hazard = try Fixture.mAckedNoPlan.build()
        let draft = PlanDraft(target: "", methods: "", funds: "", organisation: "", timeLimit: Clock.days(20), safetyMeasures: "")
        #expect(
            refusalReason(.submitPlan(draft), on: &hazard, by: .officer)
                == .planIncomplete(missing: Self.planElements.map(\.0))
        )
        var late = Payload.plan()
        late.timeLimit = Clock.now
        #expect(refusalReason(.submitPlan(late), on: &hazard, by: .officer) == .deadlineNotInFuture)
    }

    @Test func planAuthorCannotDecideOwnPlan() throws {
        var hazard = try Fixture.mAckedNoPlan.build()
        try hazard.apply(.submitPlan(Payload.plan()), by: director, at: Clock.hours(4))
        #expect(hazard.currentPlan?.authorID == director.id)
        #expect(refusalReason(.approvePlan(note: "同意"), on: &hazard, by: .director) == .approverIsAuthor)
        #expect(refusalReason(.rejectPlan(reason: "重写"), on: &hazard, by: .director) == .approverIsAuthor)
        #expect(!hazard.availableActions(for: director, at: Clock.now).contains(.approvePlan))
        #expect(refusalReason(.rejectPlan(reason: " "), on: &hazard, by: .principal) == .textRequired(field: "reason", zh: "退回理由"))
        try hazard.apply(.approvePlan(note: "同意实施"), by: principal, at: Clock.hours(5))
        #expect(hazard.currentPlan?.state == .approved)
        #expect(hazard.currentPlan?.decidedBy == principal.id)
        #expect(hazard.currentPlan?.decidedAt == Clock.hours(5))
        #expect(hazard.currentPlan?.decisionNote == "同意实施")
    }

    // MARK: Extensions

    @Test func grantedExtensionMovesTheDeadlineAndIsUsedOnce() throws {
        var hazard = try Fixture.gRectifying.build()
        try hazard.apply(.requestExtension(reason: "备件未到", until: Clock.days(40)), by: officer, at: Clock.days(5))
        #expect(hazard.extensionRequest?.state == .requested)
        #expect(hazard.extensionRequest?.previousDeadline == Clock.deadline)
        #expect(hazard.deadline == Clock.deadline)
        let transition = try hazard.apply(.decideExtension(grant: true, note: "同意"), by: director, at: Clock.days(6))
        #expect(transition.action == .approveExtension)
        #expect(transition.effects == [.deadlineMoved(to: Clock.days(40))])
        #expect(hazard.deadline == Clock.days(40))
        #expect(hazard.notice?.deadline == Clock.days(40))
        #expect(hazard.extensionRequest?.state == .granted)
        #expect(hazard.extensionRequest?.decidedBy == director.id)
        #expect(!hazard.isOverdue(at: Clock.days(35)))
        #expect(
            refusalReason(.requestExtension(reason: "再延", until: Clock.days(50)), on: &hazard, by: .officer, at: Clock.days(7))
                == .extensionAlreadyUsed
        )
    }

    @Test func deniedExtensionKeepsTheDeadlineAndStillCountsAsTheOneRequest() throws {
        var hazard = try Fixture.gRectifyingExtensionPending.build()
        #expect(
            refusalReason(.decideExtension(grant: false, note: ""), on: &hazard, by: .director)
                == .textRequired(field: "reason", zh: "驳回理由")
        )
        let transition = try hazard.apply(.decideExtension(grant: false, note: "不同意"), by: director, at: Clock.days(6))
        #expect(transition.action == .denyExtension)
        #expect(transition.effects.isEmpty)
        #expect(hazard.deadline == Clock.deadline)
        #expect(hazard.extensionRequest?.state == .denied)
        #expect(
            refusalReason(.requestExtension(reason: "再申请", until: Clock.days(40)), on: &hazard, by: .officer)
                == .extensionAlreadyUsed
        )
        // With the request decided, the rectification can be submitted again.
        try hazard.apply(.submitRectification(Payload.submission), by: officer, at: Clock.days(7))
        #expect(hazard.state == .awaitingAcceptance)
    }

    @Test func extensionOnlyBeforeTheDeadline() throws {
        let hazard = try Fixture.gRectifying.build()
        let event = HazardEvent.requestExtension(reason: "备件未到", until: Clock.days(40))
        var late = hazard
        // The deadline is exclusive: at it, the time is up.
        #expect(refusalReason(event, on: &late, by: .officer, at: Clock.deadline) == .extensionAfterDeadline(deadline: Clock.deadline))
        #expect(!hazard.availableActions(for: officer, at: Clock.deadline).contains(.requestExtension))
        var onTime = hazard
        let justBefore = Clock.deadline.addingTimeInterval(-1)
        #expect(hazard.availableActions(for: officer, at: justBefore).contains(.requestExtension))
        try onTime.apply(event, by: officer, at: justBefore)
        #expect(onTime.extensionRequest?.requestedAt == justBefore)
    }

    @Test func extendedDeadlineMustBeLaterAndReasoned() throws {
        var hazard = try Fixture.gRectifying.build()
        #expect(refusalReason(.requestExtension(reason: "备件未到", until: Clock.deadline), on: &hazard, by: .officer) == .extensionNotLater)
        #expect(refusalReason(.requestExtension(reason: "备件未到", until: Clock.days(20)), on: &hazard, by: .officer) == .extensionNotLater)
        #expect(
            refusalReason(.requestExtension(reason: "", until: Clock.days(40)), on: &hazard, by: .officer)
                == .textRequired(field: "reason", zh: "延期理由")
        )
        #expect(hazard.extensionRequest == nil)
    }

    /// Builds a rectifying general hazard owned by `owner`, with an extension requested by that owner.
    func extensionRequested(by owner: Actor) throws -> Hazard {
        var hazard = try Fixture.gReported.build()
        try hazard.apply(.issueNotice(Payload.notice(receiver: owner)), by: director, at: Clock.hours(2))
        try hazard.apply(.acknowledgeNotice, by: owner, at: Clock.hours(3))
        try hazard.apply(.startRectification, by: owner, at: Clock.hours(4))
        try hazard.apply(.requestExtension(reason: "设备检修", until: Clock.days(40)), by: owner, at: Clock.hours(5))
        return hazard
    }

    @Test func extensionIsDecidedBySomeoneAboveTheRequester() throws {
        let grant = HazardEvent.decideExtension(grant: true, note: "同意")
        // Requested by a post worker: the team leader is above but does not manage hazards; the workshop head does.
        var byWorker = try extensionRequested(by: Who.postWorker.actor)
        #expect(refusalReason(grant, on: &byWorker, by: .postWorker) == .deciderNotAbove)
        #expect(refusalReason(grant, on: &byWorker, by: .teamLeader) == .deciderNotAbove)
        try byWorker.apply(grant, by: Who.workshopHead.actor, at: Clock.days(1))
        #expect(byWorker.deadline == Clock.days(40))

        // Requested by the director: the principal decides, the officer and the director himself may not.
        var byDirector = try extensionRequested(by: director)
        #expect(refusalReason(grant, on: &byDirector, by: .director) == .deciderNotAbove)
        #expect(refusalReason(grant, on: &byDirector, by: .officer) == .deciderNotAbove)
        try byDirector.apply(grant, by: principal, at: Clock.days(1))
        #expect(byDirector.extensionRequest?.decidedBy == principal.id)

        // Requested by a principal: nobody ranks higher, so another principal decides; never the requester.
        var byPrincipal = try extensionRequested(by: principal)
        #expect(refusalReason(grant, on: &byPrincipal, by: .principal) == .deciderNotAbove)
        #expect(refusalReason(grant, on: &byPrincipal, by: .director) == .deciderNotAbove)
        let secondPrincipal = Actor(id: 12, name: "副总经理", role: .principal, enterpriseID: 1)
        try byPrincipal.apply(grant, by: secondPrincipal, at: Clock.days(1))
        #expect(byPrincipal.extensionRequest?.state == .granted)
    }

    // MARK: Acceptance

    @Test func failedAcceptanceNeedsReasonsAndReturnsToRectification() throws {
        var hazard = try Fixture.gAwaiting.build()
        #expect(
            refusalReason(.accept(Payload.acceptance(passed: false, opinion: "  ")), on: &hazard, by: .director)
                == .textRequired(field: "reasons", zh: "不通过理由")
        )
        var noCriteria = Payload.acceptance(passed: false)
        noCriteria.criteria = ""
        #expect(refusalReason(.accept(noCriteria), on: &hazard, by: .director) == .textRequired(field: "acceptance criteria", zh: "验收标准"))
        #expect(hazard.state == .awaitingAcceptance && hazard.acceptances.isEmpty)

        let failed = try hazard.apply(.accept(Payload.acceptance(passed: false, opinion: "第三批仍渗漏")), by: director, at: Clock.days(2))
        #expect(failed.to == .rectifying && failed.effects.isEmpty)
        #expect(hazard.state == .rectifying)
        #expect(hazard.closedAt == nil)
        #expect(hazard.acceptances.last?.passed == false)
        #expect(hazard.acceptances.last?.opinion == "第三批仍渗漏")
        #expect(hazard.acceptances.last?.acceptorID == director.id)

        try hazard.apply(.submitRectification(Payload.submission), by: officer, at: Clock.days(3))
        #expect(hazard.submissions.map(\.sequence) == [1, 2])
        #expect(refusalReason(.accept(Payload.acceptance(passed: true)), on: &hazard, by: .officer) == .acceptorIsRectifier)
        let passed = try hazard.apply(.accept(Payload.acceptance(passed: true)), by: Who.workshopHead.actor, at: Clock.days(4))
        #expect(passed.to == .closed)
        #expect(passed.effects == [.regradeRiskPoint(riskPointID: 77)])
        #expect(hazard.closedAt == Clock.days(4))
        #expect(hazard.acceptances.map(\.passed) == [false, true])
    }

    @Test func passWithoutRiskPointClosesWithoutRegrading() throws {
        var hazard = try Hazard.report(Payload.draft(grade: .general, riskPointID: nil), by: officer, at: Clock.hours(1)).0
        try hazard.apply(.issueNotice(Payload.notice(receiver: Who.teamLeader.actor)), by: officer, at: Clock.hours(2))
        try hazard.apply(.acknowledgeNotice, by: Who.teamLeader.actor, at: Clock.hours(3))
        try hazard.apply(.startRectification, by: Who.teamLeader.actor, at: Clock.hours(4))
        try hazard.apply(.submitRectification(Payload.submission), by: Who.teamLeader.actor, at: Clock.hours(8))
        let transition = try hazard.apply(.accept(Payload.acceptance(passed: true)), by: officer, at: Clock.hours(9))
        #expect(transition.effects.isEmpty)
        #expect(hazard.state == .closed && hazard.closedAt == Clock.hours(9))
    }

    @Test func submissionCannotBeCompletedInTheFutureOrBlank() throws {
        var hazard = try Fixture.gRectifying.build()
        var future = Payload.submission
        future.completedAt = Clock.days(11)
        #expect(refusalReason(.submitRectification(future), on: &hazard, by: .officer) == .completionInFuture)
        var blank = Payload.submission
        blank.measuresTaken = ""
        #expect(
            refusalReason(.submitRectification(blank), on: &hazard, by: .officer)
                == .textRequired(field: "measures taken", zh: "已采取的整改措施")
        )
        #expect(hazard.state == .rectifying)
    }

    // MARK: Listing for supervision

    @Test(arguments: [
        (Int64(10), true), (20, true), (30, true), (21, false), (31, false),
    ])
    func listingOnlyByARegulatorOnThePath(_ jurisdiction: Int64, _ allowed: Bool) throws {
        var hazard = try Fixture.mAckedNoPlan.build()
        let regulator = Actor(id: 40, name: "监管员", role: .regulator, jurisdictionID: jurisdiction)
        let result = attempt(.list(order: "限期整改"), on: &hazard, by: regulator, at: Clock.now)
        switch result {
        case .success:
            #expect(allowed)
            #expect(hazard.activeListing?.listedBy == 40)
        case .failure(let refusal):
            #expect(!allowed)
            #expect(refusal.reason == .notRegulatorOfJurisdiction)
        }
    }

    @Test func listingNeedsARegulatorRoleAnOrderAndAMajorHazard() throws {
        var hazard = try Fixture.mAckedNoPlan.build()
        let assessorWithJurisdiction = Actor(id: 41, name: "评估员", role: .assessor, jurisdictionID: 20)
        let regulatorWithoutJurisdiction = Actor(id: 42, name: "监管员", role: .regulator)
        for actor in [assessorWithJurisdiction, regulatorWithoutJurisdiction, director] {
            guard case .failure(let refusal) = attempt(.list(order: "督办"), on: &hazard, by: actor, at: Clock.now) else {
                Issue.record("\(actor.name) listed the hazard")
                continue
            }
            #expect(refusal.reason == .notRegulatorOfJurisdiction)
        }
        #expect(
            refusalReason(.list(order: " "), on: &hazard, by: .regulatorOnPath)
                == .textRequired(field: "supervision order", zh: "督办要求")
        )
        var general = try Fixture.gRectifying.build()
        #expect(refusalReason(.list(order: "督办"), on: &general, by: .regulatorOnPath) == .listingOnlyForMajor)
        #expect(!hazard.isListed && !general.isListed)
    }

    @Test func onlyTheRegulatorLiftsAndThenTheHazardMayBeCancelled() throws {
        var hazard = try Fixture.mRectifyingListed.build()
        #expect(refusalReason(.cancel(reason: "误报"), on: &hazard, by: .principal) == .listedCannotBeCancelled)
        for who in [Who.principal, .director, .regulatorOffPath, .admin] {
            #expect(refusalReason(.liftListing(note: "摘牌"), on: &hazard, by: who) == .notRegulatorOfJurisdiction, "\(who)")
        }
        #expect(refusalReason(.liftListing(note: ""), on: &hazard, by: .regulatorOnPath) == .textRequired(field: "note", zh: "摘牌说明"))
        #expect(hazard.isListed)

        try hazard.apply(.liftListing(note: "整改到位"), by: Who.regulatorOnPath.actor, at: Clock.days(11))
        #expect(!hazard.isListed)
        #expect(hazard.listings.count == 1)
        #expect(hazard.listings[0].liftedBy == Who.regulatorOnPath.actor.id)
        #expect(hazard.listings[0].liftedAt == Clock.days(11))
        #expect(refusalReason(.liftListing(note: "再摘"), on: &hazard, by: .regulatorOnPath, at: Clock.days(12)) == .notListed)

        try hazard.apply(.cancel(reason: "经复核为误报"), by: principal, at: Clock.days(12))
        #expect(hazard.state == .cancelled)
    }

    @Test func aLiftedHazardCanBeListedAgain() throws {
        var hazard = try Fixture.mRectifyingListed.build()
        try hazard.apply(.liftListing(note: "阶段性完成"), by: Who.regulatorOnPath.actor, at: Clock.days(11))
        try hazard.apply(.list(order: "再次督办"), by: Who.regulatorOnPath.actor, at: Clock.days(12))
        #expect(hazard.listings.map(\.sequence) == [1, 2])
        #expect(hazard.activeListing?.order == "再次督办")
    }

    // MARK: Cancellation

    @Test func cancellationNeedsAReasonAndKeepsTheRecord() throws {
        var hazard = try Fixture.gAcknowledged.build()
        #expect(refusalReason(.cancel(reason: "   "), on: &hazard, by: .director) == .textRequired(field: "reason", zh: "撤销理由"))
        #expect(hazard.state == .notified)
        try hazard.apply(.cancel(reason: "重复上报"), by: director, at: Clock.days(2))
        #expect(hazard.state == .cancelled)
        #expect(hazard.cancellation == Cancellation(cancelledBy: director.id, cancelledAt: Clock.days(2), reason: "重复上报"))
        #expect(hazard.notice?.number == "ZG-2026-0001")
        #expect(hazard.description == "封口机温控失灵，热封强度不足")
    }

    // MARK: Overdue and escalation

    @Test func overdueIsDerivedFromTheDeadlineAndTheGivenClock() throws {
        for fixture in [Fixture.gNotified, .gRectifying] {
            let hazard = try fixture.build()
            // Deadlines are exclusive: the last instant before one is in time, the deadline itself is late.
            #expect(!hazard.isOverdue(at: Clock.now))
            #expect(!hazard.isOverdue(at: Clock.deadline.addingTimeInterval(-0.001)))
            #expect(hazard.isOverdue(at: Clock.deadline))
            #expect(hazard.daysOverdue(at: Clock.deadline.addingTimeInterval(-1)) == 0)
            #expect(hazard.daysOverdue(at: Clock.deadline) == 1)
            #expect(hazard.daysOverdue(at: Clock.deadline.addingTimeInterval(1)) == 1)
            #expect(hazard.daysOverdue(at: Clock.deadline.addingTimeInterval(3 * 86_400)) == 3)
            #expect(hazard.daysOverdue(at: Clock.deadline.addingTimeInterval(3 * 86_400 + 1)) == 4)
            // The officer controls the department tier; overdue escalates one tier up.
            #expect(hazard.responsibleTier(at: Clock.deadline.addingTimeInterval(-1)) == .department)
            #expect(hazard.responsibleTier(at: Clock.deadline) == .enterprise)
        }
    }

    @Test(arguments: [
        (Role.postWorker, ControlTier.team, ControlTier.workshop),
        (.teamLeader, .team, .workshop),
        (.workshopHead, .workshop, .department),
        (.officer, .department, .enterprise),
        (.director, .enterprise, .enterprise),
        (.principal, .enterprise, .enterprise),
    ])
    func overdueEscalatesOneTierAboveTheOwner(_ role: Role, _ onTime: ControlTier, _ late: ControlTier) throws {
        var hazard = try Fixture.gReported.build()
        let owner = Actor(id: 50, name: "责任人", role: role, enterpriseID: 1)
        try hazard.apply(.issueNotice(Payload.notice(receiver: owner)), by: Who.workshopHead.actor, at: Clock.hours(2))
        #expect(hazard.responsibleTier(at: Clock.now) == onTime)
        #expect(hazard.responsibleTier(at: Clock.days(31)) == late)
    }

    @Test func hazardsWithoutAnOpenDeadlineAreNotOverdue() throws {
        let reported = try Fixture.gReported.build()
        #expect(!reported.isOverdue(at: Clock.days(100)))
        #expect(reported.responsibleTier(at: Clock.days(100)) == nil)
        let cancelled = try Fixture.gCancelled.build()
        #expect(!cancelled.isOverdue(at: Clock.days(100)))
        #expect(cancelled.daysOverdue(at: Clock.days(100)) == 0)
        // Submitted on time: waiting for acceptance past the deadline is not the rectifier's delay.
        let awaiting = try Fixture.gAwaiting.build()
        #expect(!awaiting.isOverdue(at: Clock.days(100)))
        #expect(awaiting.responsibleTier(at: Clock.days(100)) == .department)
        let closed = try Fixture.gClosed.build()
        #expect(!closed.isOverdue(at: Clock.days(100)))
    }

    @Test func lateSubmissionIsCountedToTheSubmissionAndClosingStopsEscalation() throws {
        var hazard = try Fixture.gReported.build()
        try hazard.apply(.issueNotice(Payload.notice(deadline: Clock.days(1))), by: director, at: Clock.hours(2))
        try hazard.apply(.acknowledgeNotice, by: officer, at: Clock.hours(3))
        try hazard.apply(.startRectification, by: officer, at: Clock.hours(4))
        try hazard.apply(.submitRectification(Payload.submission), by: officer, at: Clock.days(3.5))
        #expect(hazard.isOverdue(at: Clock.days(10)))
        #expect(hazard.daysOverdue(at: Clock.days(10)) == 3)  // 2.5 days late, counted up, not to "now"
        #expect(hazard.responsibleTier(at: Clock.days(10)) == .enterprise)
        try hazard.apply(.accept(Payload.acceptance(passed: true)), by: director, at: Clock.days(4))
        #expect(hazard.isOverdue(at: Clock.days(10)))
        #expect(hazard.daysOverdue(at: Clock.days(10)) == 3)
        #expect(hazard.responsibleTier(at: Clock.days(10)) == .department)
    }
}
