import Foundation

public enum HazardGrade: String, Sendable, Codable, CaseIterable, Labelled {
    case general, major

    public var label: Text {
        switch self {
        case .general: Text("hazardParts.general")
        case .major: Text("hazardParts.major")
        }
    }
}

public enum HazardSource: String, Sendable, Codable, CaseIterable, Labelled {
    case dailyCheck, weeklyCheck, monthlyCheck, spotCheck, complaint, report, inspection, warning

    public var label: Text {
        switch self {
        case .dailyCheck: Text("hazardParts.dailyCheck")
        case .weeklyCheck: Text("checkKind.weeklyInvestigation")
        case .monthlyCheck: Text("checkKind.monthlyScheduling")
        case .spotCheck: Text("qualityRecord.spotCheck")
        case .complaint: Text("hazardParts.complaint")
        case .report: Text("hazardParts.report")
        case .inspection: Text("hazardParts.regulatorSInspection")
        case .warning: Text("hazardParts.warningSelfCheck")
        }
    }
}

public enum HazardState: String, Sendable, Codable, CaseIterable, Labelled {
    case reported, notified, rectifying, awaitingAcceptance, closed, cancelled

    public var isOpen: Bool { self != .closed && self != .cancelled }

    public var label: Text {
        switch self {
        case .reported: Text("hazardParts.reported")
        case .notified: Text("hazardParts.noticeIssued")
        case .rectifying: Text("hazardParts.underRectification")
        case .awaitingAcceptance: Text("hazardParts.awaitingAcceptance")
        case .closed: Text("hazardParts.closed")
        case .cancelled: Text("hazardParts.cancelled")
        }
    }
}

/// 隐患整改通知单. A small machine of its own: issued → acknowledged.
public struct RectificationNotice: Sendable, Hashable, Codable {
    public var number: String
    public var issuedBy: Int64
    public var issuedAt: Date
    public var receiverID: Int64
    public var responsibleUnit: String
    /// Nature and possible consequence of the hazard.
    public var nature: String
    public var requiredMeasures: String
    public var deadline: Date
    public var acknowledgedAt: Date?

    /// Every stored field, for a store that reads the part back column by column.
    public init(
        number: String,
        issuedBy: Int64,
        issuedAt: Date,
        receiverID: Int64,
        responsibleUnit: String,
        nature: String,
        requiredMeasures: String,
        deadline: Date,
        acknowledgedAt: Date? = nil
    ) {
        self.number = number
        self.issuedBy = issuedBy
        self.issuedAt = issuedAt
        self.receiverID = receiverID
        self.responsibleUnit = responsibleUnit
        self.nature = nature
        self.requiredMeasures = requiredMeasures
        self.deadline = deadline
        self.acknowledgedAt = acknowledgedAt
    }

    public var isAcknowledged: Bool { acknowledgedAt != nil }

    mutating func acknowledge(by actor: Actor, at now: Date) throws(Refusal) {
        guard actor.id == receiverID else { throw Refusal(.notReceiver) }
        acknowledgedAt = now
    }
}

/// What the issuer supplies; the number comes from the store's gap-free counter.
public struct NoticeDraft: Sendable, Hashable {
    public var number: String
    public var receiver: Actor
    public var responsibleUnit: String
    public var nature: String
    public var requiredMeasures: String
    public var deadline: Date

    public init(number: String, receiver: Actor, responsibleUnit: String, nature: String, requiredMeasures: String, deadline: Date) {
        self.number = number
        self.receiver = receiver
        self.responsibleUnit = responsibleUnit
        self.nature = nature
        self.requiredMeasures = requiredMeasures
        self.deadline = deadline
    }
}

public enum PlanState: String, Sendable, Codable, CaseIterable {
    case submitted, approved, rejected
}

/// 治理方案 for a major hazard: the five elements (五落实) plus safety and emergency measures.
public struct GovernancePlan: Sendable, Hashable, Codable {
    public var sequence: Int
    public var target: String
    public var methods: String
    public var funds: String
    public var organisation: String
    public var timeLimit: Date
    public var safetyMeasures: String
    public var authorID: Int64
    public var submittedAt: Date
    public var state: PlanState
    public var decidedBy: Int64?
    public var decidedAt: Date?
    public var decisionNote: String

    /// Every stored field, for a store that reads the part back column by column.
    public init(
        sequence: Int,
        target: String,
        methods: String,
        funds: String,
        organisation: String,
        timeLimit: Date,
        safetyMeasures: String,
        authorID: Int64,
        submittedAt: Date,
        state: PlanState,
        decidedBy: Int64? = nil,
        decidedAt: Date? = nil,
        decisionNote: String
    ) {
        self.sequence = sequence
        self.target = target
        self.methods = methods
        self.funds = funds
        self.organisation = organisation
        self.timeLimit = timeLimit
        self.safetyMeasures = safetyMeasures
        self.authorID = authorID
        self.submittedAt = submittedAt
        self.state = state
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.decisionNote = decisionNote
    }

    /// Names of missing elements, in both languages' order of the form.
    static func missingElements(_ draft: PlanDraft) -> [String] {
        [
            ("目标任务/target", draft.target), ("方法措施/methods", draft.methods), ("经费物资/funds", draft.funds),
            ("责任机构人员/organisation", draft.organisation), ("安全应急措施/safety measures", draft.safetyMeasures),
        ]
        .filter { $0.1.nonBlank == nil }
        .map(\.0)
    }
}

public struct PlanDraft: Sendable, Hashable {
    public var target: String
    public var methods: String
    public var funds: String
    public var organisation: String
    public var timeLimit: Date
    public var safetyMeasures: String

    public init(target: String, methods: String, funds: String, organisation: String, timeLimit: Date, safetyMeasures: String) {
        self.target = target
        self.methods = methods
        self.funds = funds
        self.organisation = organisation
        self.timeLimit = timeLimit
        self.safetyMeasures = safetyMeasures
    }
}

public enum ExtensionState: String, Sendable, Codable, CaseIterable {
    case requested, granted, denied
}

/// 延期申请: once per hazard, before the deadline, decided by someone above.
public struct ExtensionRequest: Sendable, Hashable, Codable {
    public var requestedBy: Int64
    public var requesterRole: Role
    public var requestedAt: Date
    public var reason: String
    public var previousDeadline: Date
    public var requestedDeadline: Date
    public var state: ExtensionState
    public var decidedBy: Int64?
    public var decidedAt: Date?
    public var decisionNote: String

    /// Every stored field, for a store that reads the part back column by column.
    public init(
        requestedBy: Int64,
        requesterRole: Role,
        requestedAt: Date,
        reason: String,
        previousDeadline: Date,
        requestedDeadline: Date,
        state: ExtensionState,
        decidedBy: Int64? = nil,
        decidedAt: Date? = nil,
        decisionNote: String
    ) {
        self.requestedBy = requestedBy
        self.requesterRole = requesterRole
        self.requestedAt = requestedAt
        self.reason = reason
        self.previousDeadline = previousDeadline
        self.requestedDeadline = requestedDeadline
        self.state = state
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.decisionNote = decisionNote
    }
}

/// What the rectifier reports as done (提交整改).
public struct RectificationSubmission: Sendable, Hashable, Codable {
    public var sequence: Int
    public var rectifierID: Int64
    public var submittedAt: Date
    public var measuresTaken: String
    public var completedAt: Date
    public var funds: String
    /// SHA-256 of the evidence files attached.
    public var evidence: [String]

    /// Every stored field, for a store that reads the part back column by column.
    public init(
        sequence: Int,
        rectifierID: Int64,
        submittedAt: Date,
        measuresTaken: String,
        completedAt: Date,
        funds: String,
        evidence: [String]
    ) {
        self.sequence = sequence
        self.rectifierID = rectifierID
        self.submittedAt = submittedAt
        self.measuresTaken = measuresTaken
        self.completedAt = completedAt
        self.funds = funds
        self.evidence = evidence
    }
}

public struct SubmissionDraft: Sendable, Hashable {
    public var measuresTaken: String
    public var completedAt: Date
    public var funds: String
    public var evidence: [String]

    public init(measuresTaken: String, completedAt: Date, funds: String = "", evidence: [String] = []) {
        self.measuresTaken = measuresTaken
        self.completedAt = completedAt
        self.funds = funds
        self.evidence = evidence
    }
}

/// 验收: one check by a named acceptor against the criteria.
public struct AcceptanceRecord: Sendable, Hashable, Codable {
    public var sequence: Int
    public var acceptorID: Int64
    public var acceptedAt: Date
    public var passed: Bool
    public var criteria: String
    /// The opinion on a pass; the reasons on a fail.
    public var opinion: String
    public var evidence: [String]

    /// Every stored field, for a store that reads the part back column by column.
    public init(
        sequence: Int,
        acceptorID: Int64,
        acceptedAt: Date,
        passed: Bool,
        criteria: String,
        opinion: String,
        evidence: [String]
    ) {
        self.sequence = sequence
        self.acceptorID = acceptorID
        self.acceptedAt = acceptedAt
        self.passed = passed
        self.criteria = criteria
        self.opinion = opinion
        self.evidence = evidence
    }
}

public struct AcceptanceDraft: Sendable, Hashable {
    public var passed: Bool
    public var criteria: String
    public var opinion: String
    public var evidence: [String]

    public init(passed: Bool, criteria: String, opinion: String, evidence: [String] = []) {
        self.passed = passed
        self.criteria = criteria
        self.opinion = opinion
        self.evidence = evidence
    }
}

/// 挂牌督办 by a regulator; only a regulator of the jurisdiction lifts it.
public struct SupervisionListing: Sendable, Hashable, Codable {
    public var sequence: Int
    public var listedBy: Int64
    /// The lister's jurisdiction: the listing is lifted there or above, not by a lower office.
    public var jurisdictionID: Int64
    public var listedAt: Date
    public var order: String
    public var liftedBy: Int64?
    public var liftedAt: Date?
    public var liftNote: String

    /// Every stored field, for a store that reads the part back column by column.
    public init(
        sequence: Int,
        listedBy: Int64,
        jurisdictionID: Int64,
        listedAt: Date,
        order: String,
        liftedBy: Int64? = nil,
        liftedAt: Date? = nil,
        liftNote: String
    ) {
        self.sequence = sequence
        self.listedBy = listedBy
        self.jurisdictionID = jurisdictionID
        self.listedAt = listedAt
        self.order = order
        self.liftedBy = liftedBy
        self.liftedAt = liftedAt
        self.liftNote = liftNote
    }

    public var isActive: Bool { liftedAt == nil }
}

public struct Cancellation: Sendable, Hashable, Codable {
    public var cancelledBy: Int64
    public var cancelledAt: Date
    public var reason: String

    /// Every stored field, for a store that reads the part back column by column.
    public init(
        cancelledBy: Int64,
        cancelledAt: Date,
        reason: String
    ) {
        self.cancelledBy = cancelledBy
        self.cancelledAt = cancelledAt
        self.reason = reason
    }
}
