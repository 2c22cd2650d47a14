import Foundation

/// What waits for one person (the "my work" home and the count in the page header): the hazards they rectify, the
/// decisions only they (or their rank) may take now, and what is due soon or overdue among the hazards in their charge.
public struct MyWork: Sendable, Equatable {
    /// A hazard waiting for a decision of this person, with the decision.
    public struct Decision: Sendable, Equatable {
        public var hazard: Hazard
        public var action: Action
    }

    /// Open hazards this person is responsible for rectifying.
    public var owned: [Hazard] = []
    /// Notices to issue or acknowledge, plans and extensions to decide, rectifications to accept.
    public var decisions: [Decision] = []
    /// In this person's charge, the deadline within the warning window.
    public var dueSoon: [Hazard] = []
    /// In this person's charge and past the deadline.
    public var overdue: [Hazard] = []

    /// Nothing waiting.
    public init() {}

    /// The actions that are someone's decision rather than work on the rectification itself.
    public static let decisionActions: [Action] = [.issueNotice, .acknowledgeNotice, .approvePlan, .approveExtension, .acceptPass]

    /// How many things wait: each hazard once, whether to decide or to rectify (one submitted for acceptance waits
    /// for its acceptor, not its owner).
    public var count: Int {
        Set(owned.filter { $0.state != .awaitingAcceptance }.map(\.id)).union(decisions.map(\.hazard.id)).count
    }

    /// Sorts `hazards` (those in sight) into what waits for `actor` at `now`. A principal or director answers for every
    /// hazard of the enterprise; anyone else for the hazards they own.
    public static func of(_ hazards: [Hazard], for actor: Actor, at now: Date, soon: TimeInterval = 3 * 86_400) -> MyWork {
        var work = MyWork()
        let answersForAll = actor.role == .principal || actor.role == .director
        for hazard in hazards where hazard.state.isOpen {
            let owns = hazard.ownerID == actor.id
            if owns { work.owned.append(hazard) }
            let allowed = hazard.availableActions(for: actor, at: now)
            if let decision = decisionActions.first(where: allowed.contains) {
                work.decisions.append(Decision(hazard: hazard, action: decision))
            }
            guard owns || (answersForAll && hazard.enterpriseID == actor.enterpriseID) else { continue }
            switch hazard.deadlineStanding(at: now, soon: soon) {
            case .dueSoon: work.dueSoon.append(hazard)
            case .overdue: work.overdue.append(hazard)
            default: break
            }
        }
        return work
    }
}
