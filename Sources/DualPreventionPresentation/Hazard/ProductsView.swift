import DualPrevention
import Foundation

/// What a hazard affects in words (DOMAIN.md §12), as its page and `hazard show` tell it: the batches with what came
/// back of each, the production stops, the recall plan with where it stands and the goods recovered. Built once from
/// the hazard's products and the names they mention.
public struct ProductsView: Sendable {
    public struct Batch: Sendable, Hashable {
        public var number: String
        public var product: String
        public var made: String
        public var shipped: String
        public var recovered: String
        public var produced: String
        public var recorded: String
    }

    public struct Stop: Sendable, Hashable {
        public var scope: String
        public var ordered: String
        /// Empty while the stop is in force.
        public var lifted: String
        public var inForce: Bool
    }

    public struct Return: Sendable, Hashable {
        public var batch: String
        public var quantity: String
        public var disposal: String
        public var recorded: String
    }

    public var batches: [Batch] = []
    public var stops: [Stop] = []
    /// The recall plan's lines and its standing, empty before a recall is planned.
    public var recall: [HazardStory.Line] = []
    public var recallStanding = ""
    /// `good` when done, `bad` when overdue or not done, empty otherwise.
    public var recallTone = ""
    public var returns: [Return] = []
    // Stored, not computed: templates see stored properties only.
    public var hasBatches = false
    public var hasStops = false
    public var hasRecall = false
    public var hasReturns = false

    public var isEmpty: Bool { batches.isEmpty && stops.isEmpty && recall.isEmpty }

    /// Everyone the products name, for loading their names with the enterprise's (a regulator is not among its people).
    public static func people(_ products: HazardProducts) -> [Int64] {
        products.batches.map(\.recordedBy) + products.stops.flatMap { [$0.orderedBy] + ($0.liftedBy.map { [$0] } ?? []) }
            + (products.recall.map { [$0.plannedBy] + $0.returns.map(\.recordedBy) + ($0.closure.map { [$0.closedBy] } ?? []) } ?? [])
    }

    public init(_ products: HazardProducts, hazard: Hazard, names: Names, at now: Date, language l: Language) {
        let dates = LocalDates(names.localTime(hazard.enterpriseID), language: l)
        func by(_ person: Int64, _ at: Date) -> String { "\(dates.minute(at)) · \(names.personOrID(person))" }
        let recovered = { (batch: ProductBatch) in products.recall?.recovered(of: batch.id) ?? 0 }
        batches = products.batches.map { batch in
            Batch(
                number: batch.number,
                product: batch.product,
                made: "\(batch.quantityMade)",
                shipped: "\(batch.quantityShipped)",
                recovered: batch.isShipped ? "\(recovered(batch))" : "",
                produced: "\(dates.day(batch.producedFrom)) – \(dates.day(batch.producedTo))",
                recorded: by(batch.recordedBy, batch.recordedAt)
            )
        }
        stops = products.stops.map { stop in
            Stop(
                scope: stop.scope,
                ordered: by(stop.orderedBy, stop.orderedAt),
                lifted: stop.liftedBy.flatMap { who in stop.liftedAt.map { "\(by(who, $0)): \(stop.liftNote)" } } ?? "",
                inForce: stop.isInForce
            )
        }
        (hasBatches, hasStops, hasRecall) = (!batches.isEmpty, !stops.isEmpty, products.recall != nil)
        guard let recall = products.recall else { return }
        let standing = recall.standing(at: now)
        recallStanding = standing.label(l)
        recallTone =
            switch standing {
            case .done: "good"
            case .overdue, .dueNotDone: "bad"
            case .underway: ""
            }
        let shipped = products.shippedBatches.reduce(0) { $0 + $1.quantityShipped }
        let back = recall.returns.reduce(0) { $0 + $1.quantity }
        self.recall = [
            HazardStory.Line(label: Text("productsView.scope")(l), value: recall.plan.scope),
            HazardStory.Line(label: Text("productsView.method")(l), value: recall.plan.method),
            HazardStory.Line(label: Text("productsView.channels")(l), value: recall.plan.channels),
            HazardStory.Line(label: Text("hazardStory.deadline")(l), value: dates.deadline(recall.plan.deadline)),
            HazardStory.Line(label: Text("productsView.disposal")(l), value: recall.plan.disposal),
            HazardStory.Line(label: Text("productsView.planned")(l), value: by(recall.plannedBy, recall.plannedAt)),
            HazardStory.Line(label: Text("productsView.progress")(l), value: Text("productsView.recoveredOf", "\(back)", "\(shipped)")(l)),
        ]
        if let closure = recall.closure {
            self.recall.append(
                HazardStory.Line(label: Text("productsView.closed")(l), value: "\(by(closure.closedBy, closure.closedAt)): \(closure.note)")
            )
        }
        returns = recall.returns.map { given in
            Return(
                batch: products.batches.first { $0.id == given.batchID }?.number ?? "#\(given.batchID)",
                quantity: "\(given.quantity)",
                disposal: given.disposal,
                recorded: by(given.recordedBy, given.recordedAt)
            )
        }
        hasReturns = !returns.isEmpty
    }
}
