import Foundation

/// 停产令: the order that stops the production a major hazard affects (DOMAIN.md §12), with who ordered it and when,
/// and who lifted it and when. Lifted only once the rectification is accepted, and, while the hazard is listed for
/// supervision, only by the listing office or one above it (its consent).
public struct ProductionStop: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var hazardID: Int64
    /// The lines or products stopped, in the orderer's words.
    public var scope: String
    public var orderedBy: Int64
    public var orderedAt: Date
    public var liftedBy: Int64?
    public var liftedAt: Date?
    public var liftNote: String

    public init(
        id: Int64 = 0,
        hazardID: Int64,
        scope: String,
        orderedBy: Int64,
        orderedAt: Date,
        liftedBy: Int64? = nil,
        liftedAt: Date? = nil,
        liftNote: String = ""
    ) {
        self.id = id
        self.hazardID = hazardID
        self.scope = scope
        self.orderedBy = orderedBy
        self.orderedAt = orderedAt
        self.liftedBy = liftedBy
        self.liftedAt = liftedAt
        self.liftNote = liftNote
    }

    public var isInForce: Bool { liftedAt == nil }

    /// Orders a stop for an open major hazard: by the enterprise's leaders or a regulator over it, one in force at a
    /// time.
    public static func order(
        scope: String,
        for hazard: Hazard,
        besides stops: [ProductionStop],
        by actor: Actor,
        at now: Date
    ) throws(Refusal) -> ProductionStop {
        let action = ProductAction.orderStop
        try action.permit(on: hazard, by: actor, regulatorMay: true)
        try action.requireOpen(hazard)
        guard hazard.grade == .major else { throw Refusal(.rule(code: "STOP-MAJOR-ONLY", message: Text("productionStop.majorOnly"))) }
        let scope = try Refusal.Reason.requireText(scope, "lines or products stopped", zh: "停产范围")
        if stops.contains(where: { $0.hazardID == hazard.id && $0.isInForce }) {
            throw Refusal(.rule(code: "STOP-ONE-IN-FORCE", message: Text("productionStop.alreadyInForce", hazard.number)))
        }
        return ProductionStop(hazardID: hazard.id, scope: scope, orderedBy: actor.id, orderedAt: now)
    }

    /// Lifts the stop. The hazard must be closed by a passed acceptance (or cancelled: found to be no hazard); while a
    /// supervision listing is active, only a regulator of the listing office or one above it may lift (DOMAIN.md §12:
    /// "only with the consent of the listing regulator"); once the listing is lifted, the enterprise's leaders may.
    public mutating func lift(note: String, hazard: Hazard, by actor: Actor, at now: Date) throws(Refusal) {
        try ProductAction.liftStop.permit(on: hazard, by: actor, regulatorMay: true)
        guard isInForce else {
            throw Refusal(.rule(code: "STOP-NONE", message: Text("productionStop.notInForce", hazard.number)))
        }
        let accepted = hazard.state == .closed && hazard.acceptances.last?.passed == true
        guard accepted || hazard.state == .cancelled else {
            throw Refusal(.rule(code: "STOP-LIFT-ACCEPTED", message: Text("productionStop.liftNeedsAcceptance", hazard.state.label)))
        }
        if hazard.isListed, !hazard.isListingOfficeOrAbove(actor) {
            throw Refusal(.rule(code: "STOP-LIFT-CONSENT", message: Text("productionStop.liftNeedsListingOffice")))
        }
        let note = try Refusal.Reason.requireText(note, "note", zh: "复产说明")
        liftedBy = actor.id
        liftedAt = now
        liftNote = note
    }
}
