import DualPrevention
import Foundation

/// The products a hazard affects (DOMAIN.md §12): the batches it names, the production stops, the recall of what was
/// shipped. Each action finds the hazard in the actor's sight by id, hazard number or notice number.
public protocol ProductStore: Sendable {
    /// One product action on the hazard of `key` (id, hazard number or notice number) in the actor's sight.
    func perform(_ command: ProductCommand, on key: String, by actor: Actor, at now: Date) async throws -> ProductOutcome
    /// What a hazard in sight affects.
    func products(of hazardKey: String, visibleTo viewer: Viewer) async throws -> HazardProducts
    /// The next batches in sight in id order after `afterID` (0 to start), at most `limit`: a ledger of any length a
    /// page at a time.
    func batchLedger(enterpriseID: Int64?, after afterID: Int64, limit: Int, visibleTo viewer: Viewer) async throws -> [BatchLedgerLine]
    /// The next recalls in sight in id order after `afterID`, at most `limit`.
    func recallLedger(enterpriseID: Int64?, after afterID: Int64, limit: Int, visibleTo viewer: Viewer) async throws -> [RecallLedgerLine]
}

/// A product action as a front end names it (DOMAIN.md §12), for the store to decide and save.
public enum ProductCommand: Sendable, Hashable {
    case recordBatch(BatchDraft)
    case orderStop(scope: String)
    case liftStop(note: String)
    case planRecall(RecallPlan)
    /// Goods of one shipped batch, by its number, that came back.
    case recordReturn(batch: String, quantity: Int, disposal: String)
    case closeRecall(done: Bool, note: String)
}

/// What a product action recorded.
public struct ProductOutcome: Sendable, Hashable {
    public var batch: ProductBatch?
    public var stop: ProductionStop?
    public var recall: Recall?
    /// The quality record a closed recall became.
    public var qualityRecord: QualityRecord?
}

/// Each action by its own name, returning what it recorded.
extension ProductStore {
    public func recordBatch(_ draft: BatchDraft, hazard key: String, by actor: Actor, at now: Date) async throws -> ProductBatch {
        try Self.recorded(try await perform(.recordBatch(draft), on: key, by: actor, at: now).batch)
    }

    public func orderStop(scope: String, hazard key: String, by actor: Actor, at now: Date) async throws -> ProductionStop {
        try Self.recorded(try await perform(.orderStop(scope: scope), on: key, by: actor, at: now).stop)
    }

    public func liftStop(note: String, hazard key: String, by actor: Actor, at now: Date) async throws -> ProductionStop {
        try Self.recorded(try await perform(.liftStop(note: note), on: key, by: actor, at: now).stop)
    }

    public func planRecall(_ plan: RecallPlan, hazard key: String, by actor: Actor, at now: Date) async throws -> Recall {
        try Self.recorded(try await perform(.planRecall(plan), on: key, by: actor, at: now).recall)
    }

    public func recordRecallReturn(
        batch number: String,
        quantity: Int,
        disposal: String,
        hazard key: String,
        by actor: Actor,
        at now: Date
    ) async throws -> Recall {
        let command = ProductCommand.recordReturn(batch: number, quantity: quantity, disposal: disposal)
        return try Self.recorded(try await perform(command, on: key, by: actor, at: now).recall)
    }

    public func closeRecall(done: Bool, note: String, hazard key: String, by actor: Actor, at now: Date) async throws -> (Recall, QualityRecord) {
        let outcome = try await perform(.closeRecall(done: done, note: note), on: key, by: actor, at: now)
        return (try Self.recorded(outcome.recall), try Self.recorded(outcome.qualityRecord))
    }

    /// What each action always records; nil only if an action's branch below forgot to set it.
    static func recorded<T>(_ value: T?) throws -> T {
        guard let value else { throw StoreError.io(Text(zh: "动作未返回其记录", en: "the action returned no record"), underlying: "\(T.self)") }
        return value
    }
}
