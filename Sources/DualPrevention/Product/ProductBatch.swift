import Foundation

/// 产品批次: a product batch a hazard may affect (DOMAIN.md §12), as the enterprise names it. A shipped batch calls for
/// a recall plan before the hazard can be accepted.
public struct ProductBatch: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var hazardID: Int64
    public var number: String
    public var product: String
    public var quantityMade: Int
    public var quantityShipped: Int
    public var producedFrom: Date
    public var producedTo: Date
    public var recordedBy: Int64
    public var recordedAt: Date

    public init(
        id: Int64 = 0,
        hazardID: Int64,
        number: String,
        product: String,
        quantityMade: Int,
        quantityShipped: Int,
        producedFrom: Date,
        producedTo: Date,
        recordedBy: Int64,
        recordedAt: Date
    ) {
        self.id = id
        self.hazardID = hazardID
        self.number = number
        self.product = product
        self.quantityMade = quantityMade
        self.quantityShipped = quantityShipped
        self.producedFrom = producedFrom
        self.producedTo = producedTo
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }

    public var isShipped: Bool { quantityShipped > 0 }

    /// The most a batch is taken to hold: a billion units. Sums of many batches' quantities stay far inside the
    /// integers, however many batches a hazard names.
    public static let largestQuantity = 1_000_000_000

    /// The shipped batches of one hazard among `batches`, in their order.
    public static func shipped(of hazardID: Int64, in batches: [ProductBatch]) -> [ProductBatch] {
        batches.filter { $0.hazardID == hazardID && $0.isShipped }
    }
}

/// What a person types to name a batch.
public struct BatchDraft: Sendable, Hashable, Codable {
    public var number: String
    public var product: String
    public var quantityMade: Int
    public var quantityShipped: Int
    public var producedFrom: Date
    public var producedTo: Date

    public init(number: String, product: String, quantityMade: Int, quantityShipped: Int, producedFrom: Date, producedTo: Date) {
        self.number = number
        self.product = product
        self.quantityMade = quantityMade
        self.quantityShipped = quantityShipped
        self.producedFrom = producedFrom
        self.producedTo = producedTo
    }
}

extension ProductBatch {
    /// Names one more batch of an open hazard: by the enterprise's managers, a batch number not named on it before,
    /// no more shipped than made, produced from one date to a later one, not in the future.
    public static func record(
        _ draft: BatchDraft,
        on hazard: Hazard,
        besides named: [ProductBatch],
        by actor: Actor,
        at now: Date
    ) throws(Refusal) -> ProductBatch {
        let action = ProductAction.recordBatch
        try action.permit(on: hazard, by: actor)
        try action.requireOpen(hazard)
        let number = try Refusal.Reason.requireText(draft.number, "batch number", zh: "批次号")
        let product = try Refusal.Reason.requireText(draft.product, "product", zh: "产品")
        guard !named.contains(where: { $0.hazardID == hazard.id && $0.number == number }) else {
            throw Refusal(.rule(code: "BATCH-ONCE", message: Text("productBatch.alreadyNamed", number, hazard.number)))
        }
        guard draft.quantityMade > 0, draft.quantityMade <= largestQuantity, draft.quantityShipped >= 0,
            draft.quantityShipped <= draft.quantityMade
        else {
            throw Refusal(
                .rule(
                    code: "BATCH-QUANTITY",
                    message: Text("productBatch.quantities", "\(draft.quantityMade)", "\(draft.quantityShipped)")
                )
            )
        }
        guard draft.producedFrom <= draft.producedTo, draft.producedTo <= now else {
            throw Refusal(.rule(code: "BATCH-DATES", message: Text("productBatch.dates")))
        }
        return ProductBatch(
            hazardID: hazard.id,
            number: number,
            product: product,
            quantityMade: draft.quantityMade,
            quantityShipped: draft.quantityShipped,
            producedFrom: draft.producedFrom,
            producedTo: draft.producedTo,
            recordedBy: actor.id,
            recordedAt: now
        )
    }
}
