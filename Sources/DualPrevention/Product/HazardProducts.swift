import Foundation

/// What a hazard affects (DOMAIN.md §12), as the rules read it: the batches it names, its production stops in the order
/// they were ordered, and its recall, if one is planned.
public struct HazardProducts: Sendable, Hashable, Codable {
    public var batches: [ProductBatch]
    public var stops: [ProductionStop]
    public var recall: Recall?

    public init(batches: [ProductBatch] = [], stops: [ProductionStop] = [], recall: Recall? = nil) {
        self.batches = batches
        self.stops = stops
        self.recall = recall
    }

    /// The stop in force, if any (at most one: `ProductionStop.order`).
    public var stopInForce: ProductionStop? { stops.last { $0.isInForce } }

    public var shippedBatches: [ProductBatch] { batches.filter(\.isShipped) }

    /// The stop in force, to lift: refused when there is none.
    public func requireStopInForce(of hazard: Hazard) throws(Refusal) -> ProductionStop {
        guard let stop = stopInForce else { throw Refusal(.rule(code: "STOP-NONE", message: Text("productionStop.notInForce", hazard.number))) }
        return stop
    }

    /// The recall, to record what came back or to close it: refused when none is planned.
    public func requireRecall(of hazard: Hazard) throws(Refusal) -> Recall {
        guard let recall else { throw Refusal(.rule(code: "RECALL-NONE", message: Text("recall.notPlanned", hazard.number))) }
        return recall
    }

    /// A batch the hazard names, by its number as typed.
    public func requireBatch(_ number: String, of hazard: Hazard) throws(Refusal) -> ProductBatch {
        let wanted = number.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let batch = batches.first(where: { $0.number == wanted }) else {
            throw Refusal(
                .rule(
                    code: "BATCH-UNKNOWN",
                    message: Text("productBatch.notNamed", wanted, hazard.number, batches.map(\.number).joined(separator: ", "))
                )
            )
        }
        return batch
    }

    /// The gate an event on the hazard passes first: a passing acceptance waits for the recall plan when a named batch
    /// was shipped; a failing one sends the hazard back to rectification and needs none; no other event is held here.
    public func admit(_ event: HazardEvent, on hazard: Hazard) throws(Refusal) {
        guard case .accept(let draft) = event, draft.passed else { return }
        try Recall.requirePlanBeforeAcceptance(of: hazard, batches: batches, recall: recall)
    }
}

extension ProductionStop {
    /// The order a report brings about (`Transition.Effect.stopAffectedProduction`: a major hazard stops the production
    /// it affects at once): ordered by whoever reported it, at the report, over the lines or products they name, or,
    /// when they name none, the hazard's workshop and location. Nil when the report calls for no stop.
    public static func onReport(
        _ hazard: Hazard,
        _ transition: Transition,
        scope: String?,
        workshopName: String,
        at now: Date
    ) -> ProductionStop? {
        guard transition.action == .report, transition.effects.contains(.stopAffectedProduction) else { return nil }
        let given = scope?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let place = [workshopName, hazard.location].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        let named = given.isEmpty ? place.joined(separator: " ") : given
        return ProductionStop(hazardID: hazard.id, scope: named.isEmpty ? hazard.number : named, orderedBy: hazard.foundBy, orderedAt: now)
    }
}

extension HazardProducts {
    /// The product actions a person may take on the hazard now, for the front ends to offer: each one whose role and
    /// state rules pass (the values typed are still checked when it is taken).
    public func availableActions(on hazard: Hazard, for actor: Actor, at now: Date) -> [ProductAction] {
        ProductAction.allCases.filter { action in
            let regulatorMay = [.orderStop, .liftStop, .closeRecall].contains(action)
            guard (try? action.permit(on: hazard, by: actor, regulatorMay: regulatorMay)) != nil else { return false }
            switch action {
            case .recordBatch:
                return hazard.state.isOpen
            case .orderStop:
                return hazard.state.isOpen && hazard.grade == .major && stopInForce == nil
            case .liftStop:
                guard var stop = stopInForce else { return false }
                return (try? stop.lift(note: "-", hazard: hazard, by: actor, at: now)) != nil
            case .planRecall:
                return hazard.state.isOpen && recall == nil && !shippedBatches.isEmpty
            case .recordReturn:
                return recall?.closure == nil && recall != nil
            case .closeRecall:
                guard var recall, recall.closure == nil else { return false }
                let asDone = (try? recall.close(done: true, note: "-", batches: batches, hazard: hazard, by: actor, at: now)) != nil
                return asDone || (try? recall.close(done: false, note: "-", batches: batches, hazard: hazard, by: actor, at: now)) != nil
            }
        }
    }
}
