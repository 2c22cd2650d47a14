import DualPrevention
import Foundation

/// Warnings and special investigations: issued by a regulator to the enterprises in scope, answered by each.
public protocol WarningStore: Sendable {
    /// Issues a warning and a task for every enterprise in scope, in one transaction.
    func issueWarning(_ draft: WarningRequest, rules: EscalationRules, by actor: Actor, at now: Date) async throws -> (RiskWarning, [WarningTask])
    /// The warnings the viewer follows: issued by its office or one below it, or with a task of an enterprise in sight.
    func warnings(visibleTo viewer: Viewer) async throws -> [RiskWarning]
    /// The warning each of these tasks belongs to, by task id, for the tasks of enterprises in sight (others left out).
    func warnings(ofTasks taskIDs: [Int64], visibleTo viewer: Viewer) async throws -> [Int64: RiskWarning]
    /// One warning with the tasks in sight, each with its enterprise's name and the state of its hazards, and the
    /// rates per district, as of an instant.
    func warningReport(_ id: Int64, asOf now: Date, visibleTo viewer: Viewer) async throws -> WarningReport
    /// The acting person's enterprise acknowledges its task.
    func acknowledgeTask(warningID: Int64, by actor: Actor, at now: Date) async throws -> WarningTask
    /// The acting person's enterprise answers its task item by item; each failed item opens a hazard in `workshopID`.
    func answerTask(
        warningID: Int64,
        results: [WarningTask.ItemResult],
        workshopID: Int64?,
        by actor: Actor,
        at now: Date
    ) async throws -> (WarningTask, [Hazard])
}

/// Inspections, spot checks and complaints recorded by regulators; their failed items open hazards.
public protocol InspectionStore: Sendable {
    func recordInspection(_ draft: InspectionRequest, by actor: Actor, at now: Date) async throws -> (Inspection, [Hazard])
    func inspections(enterpriseID: Int64?, visibleTo viewer: Viewer) async throws -> [Inspection]
}

/// The escalation ladder's outbox and each person's inbox.
public protocol NotificationStore: Sendable {
    /// One pass of the ladder as of an instant (`asOf`, usually now): records every due notification not recorded
    /// before (each object, step and person once) at `now`, with a pending delivery for each of `senders`.
    func escalate(asOf: Date, rules: EscalationRules, senders: [String], at now: Date) async throws -> EscalationPass
    /// What waits for a person: actions theirs to take and the notifications that reached them.
    func inbox(of actor: Actor, at now: Date) async throws -> [InboxItem]
    func markRead(_ key: String, by actor: Actor, at now: Date) async throws
    /// Deliveries of a sender due by now, oldest first.
    func dueDeliveries(sender: String, at now: Date, limit: Int) async throws -> [Delivery]
    /// What came of one delivery attempt.
    func recordDelivery(_ delivery: Delivery, outcome: DeliveryOutcome, at now: Date) async throws
}

/// A warning as a front end asks for it: the enterprises by key, the deadline already read.
public struct WarningRequest: Sendable, Hashable {
    public var kind: WarningKind
    public var title: String
    public var text: String
    public var category: String?
    public var enterpriseIDs: [Int64]
    public var items: [WarningItem]
    public var checklistID: String?
    public var deadline: Date?

    public init(
        kind: WarningKind = .warning,
        title: String,
        text: String,
        category: String?,
        enterpriseIDs: [Int64] = [],
        items: [WarningItem],
        checklistID: String? = nil,
        deadline: Date? = nil
    ) {
        self.kind = kind
        self.title = title
        self.text = text
        self.category = category
        self.enterpriseIDs = enterpriseIDs
        self.items = items
        self.checklistID = checklistID
        self.deadline = deadline
    }
}

/// One task as the regulator's view shows it.
public struct WarningTaskLine: Sendable, Hashable, Codable {
    public var task: WarningTask
    public var enterpriseName: String
    public var districtName: String
    public var openHazards: Int
    /// Not answered by the deadline, or answered after it.
    public var overdue: Bool
}

/// Rates of one district (the enterprise's own jurisdiction) under a warning.
public struct WarningDistrictLine: Sendable, Hashable, Codable {
    public var jurisdictionID: Int64
    public var name: String
    public var tasks: Int
    public var acknowledged: Int
    public var answered: Int
    public var closed: Int
    public var overdue: Int
}

public struct WarningReport: Sendable, Hashable, Codable {
    public var warning: RiskWarning
    public var tasks: [WarningTaskLine]
    public var districts: [WarningDistrictLine]
}

/// An inspection as a regulator records it; the store fills in the number and the enterprise's path.
public struct InspectionRequest: Sendable, Hashable {
    public var kind: InspectionKind
    public var enterpriseID: Int64
    public var performedAt: Date
    public var summary: String
    public var items: [InspectionItem]
    public var delegatesAcceptance: Bool

    public init(
        kind: InspectionKind,
        enterpriseID: Int64,
        performedAt: Date,
        summary: String,
        items: [InspectionItem],
        delegatesAcceptance: Bool = false
    ) {
        self.kind = kind
        self.enterpriseID = enterpriseID
        self.performedAt = performedAt
        self.summary = summary
        self.items = items
        self.delegatesAcceptance = delegatesAcceptance
    }
}

/// A recorded notification.
public struct Notification: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var object: NotifiedObject
    public var objectID: Int64
    public var step: EscalationStep
    /// The check period a missed-check notification is about; empty for the others.
    public var period: String
    public var personID: Int64
    public var enterpriseID: Int64?
    public var dueAt: Date
    public var createdAt: Date
}

public struct EscalationPass: Sendable, Hashable, Codable {
    /// The notifications this pass recorded (none when everything due was recorded before).
    public var created: [Notification]
    /// Due notifications found, recorded before or now.
    public var due: Int
}

/// One sender's delivery of one notification, with what the sender needs to say.
public struct Delivery: Sendable, Hashable, Codable {
    public var notification: Notification
    public var sender: String
    public var attempts: Int
    public var personName: String
    /// The hazard's or the task's number, for the message.
    public var objectNumber: String
}

public enum DeliveryOutcome: Sendable, Hashable {
    case delivered
    /// Try again at the instant given; `dead` when no attempt is left.
    case failed(error: String, retryAt: Date?)
}

/// One line of a person's inbox.
public struct InboxItem: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable, Labelled {
        case acknowledgeNotice, accept, approvePlan, decideExtension, answerWarning, checkDue, escalation

        public var label: Text {
            switch self {
            case .acknowledgeNotice: Text("action.acknowledgeNotice")
            case .accept: Text("stores.acceptRectification")
            case .approvePlan: Text("stores.approvePlan")
            case .decideExtension: Text("stores.decideExtension")
            case .answerWarning: Text("stores.answerWarning")
            case .checkDue: Text("stores.checkDue")
            case .escalation: Text("stores.escalation")
            }
        }
    }
    /// Stable for the same thing waiting, so that marking it read holds.
    public var key: String
    public var kind: Kind
    /// The hazard's number, or the warning's.
    public var number: String
    /// The page of the object.
    public var link: String
    public var summary: String
    public var step: EscalationStep?
    public var since: Date
    public var read: Bool
    /// The enterprise the item is of, in a regional director's one inbox across the enterprises they serve (its
    /// link then first makes them act for that enterprise); nil for everyone else.
    public var enterprise: String? = nil
}
