import Foundation
import Testing

@testable import DualPrevention

/// Fixed instants: nothing in these tests reads the real clock.
enum Clock {
    /// 2026-09-21T00:00:00Z.
    static let base = Date(timeIntervalSince1970: 1_789_948_800)
    static func hours(_ h: Double) -> Date { base.addingTimeInterval(h * 3_600) }
    static func days(_ d: Double) -> Date { base.addingTimeInterval(d * 86_400) }
    /// The instant at which the table is judged: well before the deadline.
    static let now = days(10)
    static let deadline = days(30)
}

/// Jurisdictions: province 10 → city 20 → district 30 (the enterprise's); city 21 is a sibling of 20.
let enterprisePath: [Int64] = [30, 20, 10]

/// One person per role of enterprise 1, plus people who are not members of it.
enum Who: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case principal, director, officer, workshopHead, teamLeader, postWorker
    case assessor, admin, outsider, regulatorOnPath, regulatorOffPath

    var testDescription: String { rawValue }

    static let members: [Who] = [.principal, .director, .officer, .workshopHead, .teamLeader, .postWorker]
    static let nonMembers: [Who] = [.assessor, .admin, .outsider, .regulatorOnPath, .regulatorOffPath]

    var actor: Actor {
        switch self {
        case .principal: Actor(id: 1, name: "王总", role: .principal, enterpriseID: 1)
        case .director: Actor(id: 2, name: "李总监", role: .director, enterpriseID: 1)
        case .officer: Actor(id: 3, name: "张安全员", role: .officer, enterpriseID: 1)
        case .workshopHead: Actor(id: 4, name: "陈主任", role: .workshopHead, enterpriseID: 1, workshopID: 1)
        case .teamLeader: Actor(id: 5, name: "刘班长", role: .teamLeader, enterpriseID: 1, workshopID: 1)
        case .postWorker: Actor(id: 6, name: "赵工", role: .postWorker, enterpriseID: 1, workshopID: 1)
        case .assessor: Actor(id: 7, name: "评估员", role: .assessor)
        case .admin: Actor(id: 8, name: "管理员", role: .admin)
        case .outsider: Actor(id: 9, name: "外企总监", role: .director, enterpriseID: 2)
        case .regulatorOnPath: Actor(id: 10, name: "市局监管", role: .regulator, jurisdictionID: 20)
        case .regulatorOffPath: Actor(id: 11, name: "邻市监管", role: .regulator, jurisdictionID: 21)
        }
    }
}

/// Valid payloads for every event, so that in the table only the rules of `permit` decide.
enum Payload {
    static func draft(grade: HazardGrade, riskPointID: Int64? = 77) -> HazardDraft {
        HazardDraft(
            number: "YH-2026-0001",
            enterpriseID: 1,
            jurisdictionPath: enterprisePath,
            workshopID: 1,
            riskPointID: riskPointID,
            source: .dailyCheck,
            grade: grade,
            description: "封口机温控失灵，热封强度不足",
            location: "二车间封口工位",
            foundAt: Clock.hours(0)
        )
    }

    static func notice(receiver: Actor = Who.officer.actor, deadline: Date = Clock.deadline) -> NoticeDraft {
        NoticeDraft(
            number: "ZG-2026-0001",
            receiver: receiver,
            responsibleUnit: "质量部",
            nature: "热封不良，可能导致包装渗漏",
            requiredMeasures: "更换温控器并复测热封强度",
            deadline: deadline
        )
    }

    static func plan(
        target: String = "恢复热封强度达标",
        methods: String = "更换温控器，复测三批",
        funds: String = "5000元",
        organisation: String = "质量部张安全员",
        safety: String = "停机挂牌，断电作业"
    ) -> PlanDraft {
        PlanDraft(
            target: target,
            methods: methods,
            funds: funds,
            organisation: organisation,
            timeLimit: Clock.days(25),
            safetyMeasures: safety
        )
    }

    static let submission = SubmissionDraft(
        measuresTaken: "已更换温控器，三批热封强度复测合格",
        completedAt: Clock.hours(7),
        funds: "4800元",
        evidence: ["9f86d081"]
    )

    static func acceptance(passed: Bool, opinion: String? = nil) -> AcceptanceDraft {
        AcceptanceDraft(
            passed: passed,
            criteria: "热封强度≥15N/15mm",
            opinion: opinion ?? (passed ? "复测合格，同意闭环" : "第三批仍有渗漏")
        )
    }

    /// The event that performs an action, with a valid payload.
    static func event(for action: Action) -> HazardEvent {
        switch action {
        case .issueNotice: .issueNotice(notice())
        case .acknowledgeNotice: .acknowledgeNotice
        case .submitPlan: .submitPlan(plan())
        case .approvePlan: .approvePlan(note: "同意")
        case .rejectPlan: .rejectPlan(reason: "经费未落实")
        case .startRectification: .startRectification
        case .requestExtension: .requestExtension(reason: "温控器到货延迟", until: Clock.days(40))
        case .approveExtension: .decideExtension(grant: true, note: "同意延期")
        case .denyExtension: .decideExtension(grant: false, note: "不同意，另行采购")
        case .submitRectification: .submitRectification(submission)
        case .acceptPass: .accept(acceptance(passed: true))
        case .acceptFail: .accept(acceptance(passed: false))
        case .list: .list(order: "限期整改，每周报告进展")
        case .liftListing: .liftListing(note: "整改到位，予以摘牌")
        case .cancel: .cancel(reason: "经复核不构成隐患")
        case .report, .grade: preconditionFailure("not a hazard event")
        }
    }
}

/// A hazard in a known situation, reached only through the public API.
enum Fixture: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case gReported, gNotified, gAcknowledged, gRectifying, gRectifyingExtensionPending, gAwaiting, gClosed, gCancelled
    case mReportedListed, mAckedNoPlan, mAckedPlanSubmitted, mAckedPlanApproved
    case mRectifyingListed, mAwaitingListed, mClosedListed

    var testDescription: String { rawValue }

    enum Stage: Int, Comparable {
        case reported, notified, acknowledged, cancelled, planSubmitted, planApproved, rectifying, extensionRequested, awaiting, closed
        static func < (lhs: Stage, rhs: Stage) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    var grade: HazardGrade { rawValue.hasPrefix("g") ? .general : .major }
    var listed: Bool { rawValue.hasSuffix("Listed") }

    /// The state each fixture must be in (checked by a test of its own).
    var state: HazardState {
        switch self {
        case .gReported, .mReportedListed: .reported
        case .gNotified, .gAcknowledged, .mAckedNoPlan, .mAckedPlanSubmitted, .mAckedPlanApproved: .notified
        case .gRectifying, .gRectifyingExtensionPending, .mRectifyingListed: .rectifying
        case .gAwaiting, .mAwaitingListed: .awaitingAcceptance
        case .gClosed, .mClosedListed: .closed
        case .gCancelled: .cancelled
        }
    }

    var stage: Stage {
        switch self {
        case .gReported, .mReportedListed: .reported
        case .gNotified: .notified
        case .gAcknowledged, .mAckedNoPlan: .acknowledged
        case .gCancelled: .cancelled
        case .mAckedPlanSubmitted: .planSubmitted
        case .mAckedPlanApproved: .planApproved
        case .gRectifying, .mRectifyingListed: .rectifying
        case .gRectifyingExtensionPending: .extensionRequested
        case .gAwaiting, .mAwaitingListed: .awaiting
        case .gClosed, .mClosedListed: .closed
        }
    }

    func build() throws(Refusal) -> Hazard {
        var h = try Hazard.report(Payload.draft(grade: grade), by: Who.postWorker.actor, at: Clock.hours(1)).0
        if listed { try h.apply(.list(order: "挂牌督办"), by: Who.regulatorOnPath.actor, at: Clock.hours(1.5)) }
        guard stage >= .notified else { return h }
        try h.apply(.issueNotice(Payload.notice()), by: Who.director.actor, at: Clock.hours(2))
        guard stage >= .acknowledged else { return h }
        try h.apply(.acknowledgeNotice, by: Who.officer.actor, at: Clock.hours(3))
        if stage == .cancelled {
            try h.apply(.cancel(reason: "重复上报"), by: Who.director.actor, at: Clock.hours(4))
            return h
        }
        if grade == .major, stage >= .planSubmitted {
            try h.apply(.submitPlan(Payload.plan()), by: Who.officer.actor, at: Clock.hours(4))
            guard stage >= .planApproved else { return h }
            try h.apply(.approvePlan(note: "同意"), by: Who.director.actor, at: Clock.hours(5))
        }
        guard stage >= .rectifying else { return h }
        try h.apply(.startRectification, by: Who.officer.actor, at: Clock.hours(6))
        if stage == .extensionRequested {
            try h.apply(.requestExtension(reason: "备件未到", until: Clock.days(40)), by: Who.officer.actor, at: Clock.hours(7))
            return h
        }
        guard stage >= .awaiting else { return h }
        try h.apply(.submitRectification(Payload.submission), by: Who.officer.actor, at: Clock.hours(8))
        guard stage >= .closed else { return h }
        try h.apply(.accept(Payload.acceptance(passed: true)), by: Who.director.actor, at: Clock.hours(9))
        return h
    }
}

/// Applies an event and returns the transition or the refusal.
func attempt(_ event: HazardEvent, on hazard: inout Hazard, by actor: Actor, at now: Date) -> Result<Transition, Refusal> {
    do throws(Refusal) {
        return .success(try hazard.apply(event, by: actor, at: now))
    } catch {
        return .failure(error)
    }
}

/// The reason of a refusal, or nil when the event was applied.
func refusalReason(_ event: HazardEvent, on hazard: inout Hazard, by who: Who, at now: Date = Clock.now) -> Refusal.Reason? {
    if case .failure(let refusal) = attempt(event, on: &hazard, by: who.actor, at: now) { return refusal.reason }
    return nil
}
