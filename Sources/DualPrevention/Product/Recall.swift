import Foundation

/// 召回: the recall of a hazard's shipped batches (DOMAIN.md §12). The plan (scope, method, channels, deadline,
/// disposal of what comes back) is required before the hazard can be accepted; what comes back is recorded per batch;
/// the recall is closed as done, or recorded as not done once its deadline has passed. Its quality record (done, or
/// due and not done) feeds the credit grade's recall veto.
public struct Recall: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var hazardID: Int64
    public var enterpriseID: Int64
    public var plan: RecallPlan
    public var plannedBy: Int64
    public var plannedAt: Date
    public var returns: [RecallReturn]
    public var closure: Closure?

    public init(
        id: Int64 = 0,
        hazardID: Int64,
        enterpriseID: Int64,
        plan: RecallPlan,
        plannedBy: Int64,
        plannedAt: Date,
        returns: [RecallReturn] = [],
        closure: Closure? = nil
    ) {
        self.id = id
        self.hazardID = hazardID
        self.enterpriseID = enterpriseID
        self.plan = plan
        self.plannedBy = plannedBy
        self.plannedAt = plannedAt
        self.returns = returns
        self.closure = closure
    }

    /// How a recall ended: done, or recorded as not done by its deadline.
    public struct Closure: Sendable, Hashable, Codable {
        public var done: Bool
        public var closedBy: Int64
        public var closedAt: Date
        public var note: String

        public init(done: Bool, closedBy: Int64, closedAt: Date, note: String) {
            self.done = done
            self.closedBy = closedBy
            self.closedAt = closedAt
            self.note = note
        }
    }

    /// Where a recall stands at an instant.
    public enum Standing: String, Sendable, Hashable, Codable, Labelled {
        /// Planned, before its deadline.
        case underway
        /// Its deadline has passed and it is not closed.
        case overdue
        /// Closed as done by its deadline.
        case done
        /// Closed after its deadline, or recorded as not done: the credit grade's recall veto.
        case dueNotDone

        public var label: Text {
            switch self {
            case .underway: Text("recall.underway")
            case .overdue: Text("recall.overdue")
            case .done: Text("recall.done")
            case .dueNotDone: Text("recall.dueNotDone")
            }
        }
    }

    public func standing(at now: Date) -> Standing {
        guard let closure else { return now >= plan.deadline ? .overdue : .underway }
        return closure.done && closure.closedAt < plan.deadline ? .done : .dueNotDone
    }

    /// The quantity recovered so far of one batch.
    public func recovered(of batchID: Int64) -> Int {
        returns.filter { $0.batchID == batchID }.reduce(0) { $0 + $1.quantity }
    }
}

/// The recall plan's elements, as the enterprise gives them.
public struct RecallPlan: Sendable, Hashable, Codable {
    /// Which goods, where: the batches and the customers or regions reached.
    public var scope: String
    /// How: notice to customers, exchange, refund, repair.
    public var method: String
    /// Through which channels customers are told.
    public var channels: String
    /// Exclusive, like every deadline (`LocalTime.parseDeadline`).
    public var deadline: Date
    /// What happens to recovered goods.
    public var disposal: String

    public init(scope: String, method: String, channels: String, deadline: Date, disposal: String) {
        self.scope = scope
        self.method = method
        self.channels = channels
        self.deadline = deadline
        self.disposal = disposal
    }
}

/// Goods of one batch recovered, and what was done with them.
public struct RecallReturn: Sendable, Hashable, Codable {
    public var batchID: Int64
    public var quantity: Int
    public var disposal: String
    public var recordedBy: Int64
    public var recordedAt: Date

    public init(batchID: Int64, quantity: Int, disposal: String, recordedBy: Int64, recordedAt: Date) {
        self.batchID = batchID
        self.quantity = quantity
        self.disposal = disposal
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}

extension Recall {
    /// Plans the recall of an open hazard with a shipped batch: by the enterprise's managers, once, every element
    /// given, the deadline ahead.
    public static func plan(
        _ plan: RecallPlan,
        for hazard: Hazard,
        batches: [ProductBatch],
        existing: Recall?,
        by actor: Actor,
        at now: Date
    ) throws(Refusal) -> Recall {
        let action = ProductAction.planRecall
        try action.permit(on: hazard, by: actor)
        try action.requireOpen(hazard)
        guard existing == nil else { throw Refusal(.rule(code: "RECALL-ONCE", message: Text("recall.alreadyPlanned", hazard.number))) }
        guard !ProductBatch.shipped(of: hazard.id, in: batches).isEmpty else {
            throw Refusal(.rule(code: "RECALL-SHIPPED", message: Text("recall.noShippedBatch", hazard.number)))
        }
        var given = plan
        given.scope = try Refusal.Reason.requireText(plan.scope, "recall scope", zh: "召回范围")
        given.method = try Refusal.Reason.requireText(plan.method, "recall method", zh: "召回方式")
        given.channels = try Refusal.Reason.requireText(plan.channels, "channels", zh: "告知渠道")
        given.disposal = try Refusal.Reason.requireText(plan.disposal, "disposal of recovered goods", zh: "召回产品处置")
        guard given.deadline > now else { throw Refusal(.deadlineNotInFuture) }
        return Recall(hazardID: hazard.id, enterpriseID: hazard.enterpriseID, plan: given, plannedBy: actor.id, plannedAt: now)
    }

    /// Records goods recovered of one shipped batch of the hazard, while the recall is open: never more, in all, than
    /// was shipped. Returns what it recorded.
    @discardableResult
    public mutating func recordReturn(
        of batch: ProductBatch,
        quantity: Int,
        disposal: String,
        hazard: Hazard,
        by actor: Actor,
        at now: Date
    ) throws(Refusal) -> RecallReturn {
        try ProductAction.recordReturn.permit(on: hazard, by: actor)
        try requireNotClosed(hazard)
        guard batch.hazardID == hazardID, batch.isShipped else {
            throw Refusal(.rule(code: "RECALL-BATCH", message: Text("recall.batchNotShipped", batch.number, hazard.number)))
        }
        let already = recovered(of: batch.id)
        // Compared as what is left, so that no quantity typed can overflow the sum.
        guard quantity > 0, quantity <= batch.quantityShipped - already else {
            throw Refusal(
                .rule(
                    code: "RECALL-QUANTITY",
                    message: Text("recall.quantityBeyondShipped", batch.number, "\(batch.quantityShipped)", "\(already)", "\(quantity)")
                )
            )
        }
        let disposal = try Refusal.Reason.requireText(disposal, "disposal", zh: "处置方式")
        let given = RecallReturn(batchID: batch.id, quantity: quantity, disposal: disposal, recordedBy: actor.id, recordedAt: now)
        returns.append(given)
        return given
    }

    /// Closes the recall. As done: by the enterprise's leaders, once a return is recorded for every shipped batch. As
    /// not done: by them or a regulator over the enterprise, and only once the deadline has passed. Returns the quality
    /// record the closed recall becomes (`qualityRecord`).
    @discardableResult
    public mutating func close(
        done: Bool,
        note: String,
        batches: [ProductBatch],
        hazard: Hazard,
        by actor: Actor,
        at now: Date
    ) throws(Refusal) -> QualityRecord {
        try ProductAction.closeRecall.permit(on: hazard, by: actor, regulatorMay: !done)
        try requireNotClosed(hazard)
        if done {
            let missing = ProductBatch.shipped(of: hazardID, in: batches).filter { recovered(of: $0.id) == 0 }.map(\.number)
            guard missing.isEmpty else {
                throw Refusal(.rule(code: "RECALL-RETURNS", message: Text("recall.returnsMissing", missing.joined(separator: ", "))))
            }
        } else {
            guard now >= plan.deadline else {
                throw Refusal(.rule(code: "RECALL-NOT-DUE", message: Text("recall.notDueYet")))
            }
        }
        let note = try Refusal.Reason.requireText(note, "note", zh: "说明")
        let closure = Closure(done: done, closedBy: actor.id, closedAt: now, note: note)
        self.closure = closure
        return record(of: closure, batches: batches, hazardNumber: hazard.number)
    }

    private func requireNotClosed(_ hazard: Hazard) throws(Refusal) {
        guard closure == nil else { throw Refusal(.rule(code: "RECALL-CLOSED", message: Text("recall.alreadyClosed", hazard.number))) }
    }

    /// The credit input the closed recall becomes (DOMAIN.md §6's recall veto): `done`, or `dueNotDone` dated at the
    /// deadline. Nil while it is open. `id` 0: the store numbers it.
    public func qualityRecord(batches: [ProductBatch], hazardNumber: String) -> QualityRecord? {
        closure.map { record(of: $0, batches: batches, hazardNumber: hazardNumber) }
    }

    /// The products of the shipped batches, each once, as a record names them.
    private func products(_ batches: [ProductBatch]) -> String {
        ProductBatch.shipped(of: hazardID, in: batches).map(\.product).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            .joined(separator: "、")
    }

    /// While a recall stands overdue it is the credit grade's recall veto before anyone closes it (DOMAIN.md §12: "a
    /// recall past its deadline and not done"): a record nobody types in, never stored (its negative id marks it
    /// derived, its key names the hazard), dated at the deadline, and withdrawn at the closure, from which instant the
    /// stored record (`qualityRecord`) stands in its place. Nil for a recall closed before its deadline.
    public func overdueRecord(batches: [ProductBatch], hazardNumber: String) -> QualityRecord? {
        if let closure, closure.closedAt < plan.deadline { return nil }
        var record = QualityRecord(
            id: -hazardID,
            enterpriseID: enterpriseID,
            kind: .recall,
            subtype: "dueNotDone",
            occurredOn: plan.deadline,
            product: products(batches),
            reference: hazardNumber,
            note: "召回逾期未完成 / a recall past its deadline, not closed",
            recordedBy: plannedBy,
            recordedAt: plan.deadline
        )
        record.withdrawnAt = closure?.closedAt
        record.withdrawnBy = closure?.closedBy
        record.withdrawalReason = closure.map { _ in "召回已结束，以结束记录为准 / closed: its closing record stands instead" }
        return record
    }

    private func record(of closure: Closure, batches: [ProductBatch], hazardNumber: String) -> QualityRecord {
        let standing = standing(at: closure.closedAt)
        return QualityRecord(
            enterpriseID: enterpriseID,
            kind: .recall,
            subtype: standing == .done ? "done" : "dueNotDone",
            occurredOn: standing == .done ? closure.closedAt : plan.deadline,
            product: products(batches),
            reference: hazardNumber,
            note: closure.note,
            recordedBy: closure.closedBy,
            recordedAt: closure.closedAt
        )
    }
}

extension Recall {
    /// A hazard whose batches include a shipped one cannot be accepted as rectified before its recall is planned.
    public static func requirePlanBeforeAcceptance(of hazard: Hazard, batches: [ProductBatch], recall: Recall?) throws(Refusal) {
        let shipped = ProductBatch.shipped(of: hazard.id, in: batches)
        guard !shipped.isEmpty, recall == nil else { return }
        throw Refusal(
            .rule(
                code: "RECALL-PLAN-BEFORE-ACCEPTANCE",
                message: Text("recall.planBeforeAcceptance", hazard.number, shipped.map(\.number).joined(separator: ", "))
            )
        )
    }
}
