import Foundation

/// 隐患: a hazard and its whole life. A value type; the store loads it, applies one event, saves it.
public struct Hazard: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    /// Per-enterprise, per-year number such as `YH-2026-0007`.
    public var number: String
    public var enterpriseID: Int64
    /// The enterprise's jurisdiction and its ancestors; filled in by whoever loads the hazard.
    public var jurisdictionPath: [Int64]
    public var workshopID: Int64
    public var teamID: Int64?
    public var postID: Int64?
    public var riskPointID: Int64?
    public var checkItemRef: String?
    public var source: HazardSource
    public var grade: HazardGrade
    public var description: String
    public var location: String
    public var foundBy: Int64
    public var foundAt: Date
    public var state: HazardState
    public var ownerID: Int64?
    public var ownerRole: Role?
    public var deadline: Date?
    public var closedAt: Date?
    public var notice: RectificationNotice?
    public var plans: [GovernancePlan]
    public var extensionRequest: ExtensionRequest?
    public var submissions: [RectificationSubmission]
    public var acceptances: [AcceptanceRecord]
    public var listings: [SupervisionListing]
    public var cancellation: Cancellation?
    /// The regulator's record (an inspection, a warning) that opened it, if any.
    public var origin: HazardOrigin?

    public init(
        id: Int64,
        number: String,
        enterpriseID: Int64,
        jurisdictionPath: [Int64],
        workshopID: Int64,
        teamID: Int64?,
        postID: Int64?,
        riskPointID: Int64?,
        checkItemRef: String?,
        source: HazardSource,
        grade: HazardGrade,
        description: String,
        location: String,
        foundBy: Int64,
        foundAt: Date,
        state: HazardState,
        ownerID: Int64?,
        ownerRole: Role?,
        deadline: Date?,
        closedAt: Date?,
        notice: RectificationNotice?,
        plans: [GovernancePlan],
        extensionRequest: ExtensionRequest?,
        submissions: [RectificationSubmission],
        acceptances: [AcceptanceRecord],
        listings: [SupervisionListing],
        cancellation: Cancellation?,
        origin: HazardOrigin? = nil
    ) {
        self.id = id
        self.number = number
        self.enterpriseID = enterpriseID
        self.jurisdictionPath = jurisdictionPath
        self.workshopID = workshopID
        self.teamID = teamID
        self.postID = postID
        self.riskPointID = riskPointID
        self.checkItemRef = checkItemRef
        self.source = source
        self.grade = grade
        self.description = description
        self.location = location
        self.foundBy = foundBy
        self.foundAt = foundAt
        self.state = state
        self.ownerID = ownerID
        self.ownerRole = ownerRole
        self.deadline = deadline
        self.closedAt = closedAt
        self.notice = notice
        self.plans = plans
        self.extensionRequest = extensionRequest
        self.submissions = submissions
        self.acceptances = acceptances
        self.listings = listings
        self.cancellation = cancellation
        self.origin = origin
    }

    public var currentPlan: GovernancePlan? { plans.last }
    public var activeListing: SupervisionListing? { listings.last.flatMap { $0.isActive ? $0 : nil } }
    public var isListed: Bool { activeListing != nil }

    /// True for a regulator of the office that set the active listing, or of one above it: who may lift the listing
    /// and consent to what it holds up.
    public func isListingOfficeOrAbove(_ actor: Actor) -> Bool {
        guard let listing = activeListing, actor.role == .regulator, let own = actor.jurisdictionID else { return false }
        return jurisdictionPath.drop { $0 != listing.jurisdictionID }.contains(own)
    }

    /// At or past the deadline (deadlines are exclusive: `LocalTime.parseDeadline`) and not yet submitted or closed
    /// (the submission time counts if submitted late).
    public func isOverdue(at now: Date) -> Bool {
        guard let deadline else { return false }
        switch state {
        case .notified, .rectifying: return now >= deadline
        case .awaitingAcceptance, .closed:
            let doneAt = submissions.last?.submittedAt ?? closedAt ?? now
            return doneAt >= deadline
        case .reported, .cancelled: return false
        }
    }

    /// Whole days past the deadline (0 when on time), counted to now or to the submission.
    public func daysOverdue(at now: Date) -> Int {
        guard let deadline, isOverdue(at: now) else { return 0 }
        let end = state.isOpen && state != .awaitingAcceptance ? now : (submissions.last?.submittedAt ?? now)
        return max(1, Int((end.timeIntervalSince(deadline) / 86_400).rounded(.up)))
    }

    /// Where the hazard stands against its deadline as people should see it now: overdue only while the work is still
    /// to be done; a rectification submitted or closed after its deadline was late, which is history, not an alarm.
    public func deadlineStanding(at now: Date, soon: TimeInterval = 3 * 86_400) -> DeadlineStanding {
        guard let deadline, state != .reported, state != .cancelled else { return .none }
        let days = daysOverdue(at: now)
        switch state {
        case .notified, .rectifying:
            if now >= deadline { return .overdue(days: days) }
            return deadline.timeIntervalSince(now) <= soon ? .dueSoon : .onTrack
        default:
            return isOverdue(at: now) ? .late(days: days) : .onTime
        }
    }

    /// The tier responsible now: the owner's tier, one tier up when overdue (DOMAIN.md §4).
    public func responsibleTier(at now: Date) -> ControlTier? {
        guard let tier = ownerRole?.controlTier else { return nil }
        return isOverdue(at: now) && state.isOpen ? tier.above : tier
    }
}

/// What the reporter supplies; the number comes from the store's counter.
public struct HazardDraft: Sendable, Hashable {
    public var number: String
    public var enterpriseID: Int64
    public var jurisdictionPath: [Int64]
    public var workshopID: Int64
    public var teamID: Int64?
    public var postID: Int64?
    public var riskPointID: Int64?
    public var checkItemRef: String?
    public var source: HazardSource
    public var grade: HazardGrade
    public var description: String
    public var location: String
    public var foundAt: Date

    public init(
        number: String,
        enterpriseID: Int64,
        jurisdictionPath: [Int64],
        workshopID: Int64,
        teamID: Int64? = nil,
        postID: Int64? = nil,
        riskPointID: Int64? = nil,
        checkItemRef: String? = nil,
        source: HazardSource,
        grade: HazardGrade,
        description: String,
        location: String = "",
        foundAt: Date
    ) {
        self.number = number
        self.enterpriseID = enterpriseID
        self.jurisdictionPath = jurisdictionPath
        self.workshopID = workshopID
        self.teamID = teamID
        self.postID = postID
        self.riskPointID = riskPointID
        self.checkItemRef = checkItemRef
        self.source = source
        self.grade = grade
        self.description = description
        self.location = location
        self.foundAt = foundAt
    }
}

/// The events of the hazard machine, with what each needs.
public enum HazardEvent: Sendable, Hashable {
    case issueNotice(NoticeDraft)
    case acknowledgeNotice
    case submitPlan(PlanDraft)
    case approvePlan(note: String)
    case rejectPlan(reason: String)
    case startRectification
    case requestExtension(reason: String, until: Date)
    case decideExtension(grant: Bool, note: String)
    case submitRectification(SubmissionDraft)
    case accept(AcceptanceDraft)
    case list(order: String)
    case liftListing(note: String)
    case cancel(reason: String)

    public var action: Action {
        switch self {
        case .issueNotice: .issueNotice
        case .acknowledgeNotice: .acknowledgeNotice
        case .submitPlan: .submitPlan
        case .approvePlan: .approvePlan
        case .rejectPlan: .rejectPlan
        case .startRectification: .startRectification
        case .requestExtension: .requestExtension
        case .decideExtension(let grant, _): grant ? .approveExtension : .denyExtension
        case .submitRectification: .submitRectification
        case .accept(let draft): draft.passed ? .acceptPass : .acceptFail
        case .list: .list
        case .liftListing: .liftListing
        case .cancel: .cancel
        }
    }
}

/// What a transition did, for the audit entry and for the caller's follow-up work.
public struct Transition: Sendable, Hashable, Codable {
    public let action: Action
    public let from: HazardState
    public let to: HazardState
    public let effects: [Effect]

    public enum Effect: Sendable, Hashable, Codable {
        /// A closed hazard calls for re-grading the residual risk of its risk point.
        case regradeRiskPoint(riskPointID: Int64)
        /// A major hazard stops the affected production until it is dealt with.
        case stopAffectedProduction
        case deadlineMoved(to: Date)
    }
}

/// A hazard against its deadline, as lists and pages show it (`Hazard.deadlineStanding`).
public enum DeadlineStanding: Sendable, Hashable {
    /// No deadline yet, or cancelled.
    case none
    /// Open, the deadline more than the warning window away.
    case onTrack
    /// Open, the deadline within the warning window.
    case dueSoon
    /// Open and past its deadline: the only standing that calls for action.
    case overdue(days: Int)
    /// Submitted (or closed) after the deadline.
    case late(days: Int)
    /// Submitted (or closed) by the deadline.
    case onTime

    public var isOverdue: Bool { if case .overdue = self { true } else { false } }
}
