import Foundation

/// One enterprise's task under a warning: acknowledged by a named person, answered item by item, closed when every
/// hazard its failed items opened is closed (DOMAIN.md §10). A value; the store loads it, applies one event, saves it.
public struct WarningTask: Sendable, Hashable, Codable {
    public var id: Int64
    public var warningID: Int64
    public var enterpriseID: Int64
    /// The enterprise's jurisdiction and its ancestors; filled in by whoever loads the task.
    public var jurisdictionPath: [Int64]
    public var deadline: Date
    public var state: WarningTaskState
    public var acknowledgedBy: Int64?
    public var acknowledgedAt: Date?
    public var answeredBy: Int64?
    public var answeredAt: Date?
    public var results: [ItemResult]
    /// The hazards its failed items opened, in item order.
    public var hazardIDs: [Int64]
    public var closedAt: Date?

    public init(
        id: Int64 = 0,
        warningID: Int64,
        enterpriseID: Int64,
        jurisdictionPath: [Int64],
        deadline: Date,
        state: WarningTaskState = .issued,
        acknowledgedBy: Int64? = nil,
        acknowledgedAt: Date? = nil,
        answeredBy: Int64? = nil,
        answeredAt: Date? = nil,
        results: [ItemResult] = [],
        hazardIDs: [Int64] = [],
        closedAt: Date? = nil
    ) {
        self.id = id
        self.warningID = warningID
        self.enterpriseID = enterpriseID
        self.jurisdictionPath = jurisdictionPath
        self.deadline = deadline
        self.state = state
        self.acknowledgedBy = acknowledgedBy
        self.acknowledgedAt = acknowledgedAt
        self.answeredBy = answeredBy
        self.answeredAt = answeredAt
        self.results = results
        self.hazardIDs = hazardIDs
        self.closedAt = closedAt
    }

    /// One item's answer: passed, or failed with what was found (the failed item's hazard description).
    public struct ItemResult: Sendable, Hashable, Codable {
        public var ref: String
        public var passed: Bool
        public var note: String

        public init(ref: String, passed: Bool, note: String = "") {
            self.ref = ref
            self.passed = passed
            self.note = note
        }

        /// A passed item needs no note: one left out reads as empty.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                ref: try c.decode(String.self, forKey: .ref),
                passed: try c.decode(Bool.self, forKey: .passed),
                note: try c.decodeIfPresent(String.self, forKey: .note) ?? ""
            )
        }
    }

    /// Answered after the deadline, or not answered by it: the flag the credit grade reads.
    public func missedDeadline(at now: Date) -> Bool {
        WarningTaskStamp(taskID: id, deadline: deadline, answeredAt: answeredAt).missed(asOf: now, since: .distantPast)
    }
}

public enum WarningTaskState: String, Sendable, Codable, CaseIterable, Labelled {
    case issued, acknowledged, rectifying, closed

    public var label: Text {
        switch self {
        case .issued: Text("warningTask.notYetAcknowledged")
        case .acknowledged: Text("warningTask.checking")
        case .rectifying: Text("warningTask.hazardsOpen")
        case .closed: Text("hazardParts.closed")
        }
    }
}

/// The events of the task machine.
public enum WarningTaskEvent: Sendable, Hashable {
    case acknowledge
    /// The self-check: one result per item of the warning.
    case answer([WarningTask.ItemResult])
    /// The hazards the answer opened, once the store has numbered them.
    case link(hazardIDs: [Int64])
    /// The states of the task's hazards, after one of them moved.
    case settle(hazardStates: [HazardState])
}

extension WarningTask {
    /// Roles that act for the enterprise on a warning (the hazard managers).
    public static let answerers: [Role] = Hazard.managers

    /// Applies one event, or throws the rule that refused it; nothing changes when it throws. Returns the failed
    /// items of an answer (each opens a hazard), empty otherwise.
    @discardableResult
    public mutating func apply(
        _ event: WarningTaskEvent,
        of warning: RiskWarning,
        by actor: Actor,
        at now: Date
    ) throws(Refusal) -> [WarningTask.ItemResult] {
        func enterprisePerson() throws(Refusal) {
            guard actor.belongs(to: enterpriseID) else { throw Refusal(.notInEnterprise) }
            guard Self.answerers.contains(actor.role) else {
                throw Refusal.warning(
                    "WARNING-ROLE",
                    zh: "只有主要负责人、质量安全总监、质量安全员或车间主任可以签收或答复预警",
                    en: "only the principal, the director, an officer or a workshop head acknowledges or answers a warning"
                )
            }
        }
        func inState(_ allowed: WarningTaskState) throws(Refusal) {
            guard state == allowed else {
                throw Refusal.warning(
                    "WARNING-STATE",
                    zh: "任务当前为「\(state.label(.zh))」，不能这样操作",
                    en: "the task is \(state.label(.en)); that is not possible now"
                )
            }
        }
        switch event {
        case .acknowledge:
            try enterprisePerson()
            try inState(.issued)
            (state, acknowledgedBy, acknowledgedAt) = (.acknowledged, actor.id, now)
            return []
        case .answer(let answers):
            try enterprisePerson()
            try inState(.acknowledged)
            let expected = warning.items.map(\.ref)
            let given = answers.map(\.ref)
            guard Set(given).count == given.count, Set(given) == Set(expected) else {
                let missing = expected.filter { !given.contains($0) }
                let unknown = given.filter { !expected.contains($0) }
                throw Refusal.warning(
                    "WARNING-ANSWER-ITEMS",
                    zh: "每个排查项须答复一次（缺：\(missing.joined(separator: "、"))；多余：\(unknown.joined(separator: "、"))）",
                    en: "answer every item once (missing: \(missing.joined(separator: ", ")); unknown: \(unknown.joined(separator: ", ")))"
                )
            }
            for answer in answers where !answer.passed {
                try Refusal.Reason.requireText(answer.note, "what was found at item \(answer.ref)", zh: "排查项 \(answer.ref) 发现的问题")
            }
            let ordered = expected.compactMap { ref in answers.first { $0.ref == ref } }
            let failed = ordered.filter { !$0.passed }
            (answeredBy, answeredAt, results) = (actor.id, now, ordered)
            if failed.isEmpty {
                (state, closedAt) = (.closed, now)
            } else {
                state = .rectifying
            }
            return failed
        case .link(let ids):
            guard state == .rectifying, hazardIDs.isEmpty, ids.count == results.filter({ !$0.passed }).count else {
                throw Refusal.warning("WARNING-LINK", zh: "隐患须与不合格项一一对应", en: "one hazard per failed item")
            }
            hazardIDs = ids
            return []
        case .settle(let states):
            guard state == .rectifying, !states.contains(where: \.isOpen) else { return [] }
            (state, closedAt) = (.closed, now)
            return []
        }
    }
}

extension WarningTask {
    /// The hazard each failed item of an answer opens: in the workshop the answer names (required when any item
    /// failed), described by what was found and the item of the warning it was found at.
    public static func findings(
        _ failed: [ItemResult],
        of warning: RiskWarning,
        workshopID: Int64?
    ) throws(Refusal) -> [(ref: String, workshopID: Int64, description: String)] {
        guard !failed.isEmpty else { return [] }
        guard let workshopID else {
            throw Refusal.warning("WARNING-WORKSHOP", zh: "有不合格项时须指明隐患所在车间", en: "name the workshop where the failed items' hazards lie")
        }
        return failed.map { item in
            let text = warning.items.first { $0.ref == item.ref }?.text ?? item.ref
            return (item.ref, workshopID, Hazard.findingDescription(item.note, record: warning.number, item: text))
        }
    }
}
