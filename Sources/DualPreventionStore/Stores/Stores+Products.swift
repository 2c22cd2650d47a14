import DualPrevention
import Foundation

/// The products a hazard affects (DOMAIN.md §12): the batches it names, the production stops, the recall of what was
/// shipped. Each action finds the hazard in the actor's sight by id, hazard number or notice number.
public protocol ProductStore: Sendable {
    func recordBatch(_ draft: BatchDraft, hazard key: String, by actor: Actor, at now: Date) async throws -> ProductBatch
    func orderStop(scope: String, hazard key: String, by actor: Actor, at now: Date) async throws -> ProductionStop
    /// Lifts the stop in force.
    func liftStop(note: String, hazard key: String, by actor: Actor, at now: Date) async throws -> ProductionStop
    func planRecall(_ plan: RecallPlan, hazard key: String, by actor: Actor, at now: Date) async throws -> Recall
    /// Goods of one shipped batch (by its number) that came back.
    func recordRecallReturn(
        batch number: String,
        quantity: Int,
        disposal: String,
        hazard key: String,
        by actor: Actor,
        at now: Date
    ) async throws -> Recall
    /// Closes the recall, done or not done, with the quality record it becomes (the credit grade's recall input).
    func closeRecall(done: Bool, note: String, hazard key: String, by actor: Actor, at now: Date) async throws -> (Recall, QualityRecord)
    /// What a hazard in sight affects.
    func products(of hazardKey: String, visibleTo viewer: Viewer) async throws -> HazardProducts
    /// The next batches in sight in id order after `afterID` (0 to start), at most `limit`: a ledger of any length a
    /// page at a time.
    func batchLedger(enterpriseID: Int64?, after afterID: Int64, limit: Int, visibleTo viewer: Viewer) async throws -> [BatchLedgerLine]
    /// The next recalls in sight in id order after `afterID`, at most `limit`.
    func recallLedger(enterpriseID: Int64?, after afterID: Int64, limit: Int, visibleTo viewer: Viewer) async throws -> [RecallLedgerLine]
}

/// A batch with its hazard and enterprise and what came back of it: a line of the batch ledger.
public struct BatchLedgerLine: Sendable, Hashable, Codable {
    public var batch: ProductBatch
    public var hazardNumber: String
    public var hazardState: HazardState
    public var enterpriseID: Int64
    public var enterpriseName: String
    /// Goods of the batch recovered by its hazard's recall so far.
    public var recovered: Int

    public init(batch: ProductBatch, hazardNumber: String, hazardState: HazardState, enterpriseID: Int64, enterpriseName: String, recovered: Int) {
        self.batch = batch
        self.hazardNumber = hazardNumber
        self.hazardState = hazardState
        self.enterpriseID = enterpriseID
        self.enterpriseName = enterpriseName
        self.recovered = recovered
    }
}

/// A recall with its hazard, enterprise and batches' totals: a line of the recall ledger.
public struct RecallLedgerLine: Sendable, Hashable, Codable {
    public var recall: Recall
    public var hazardNumber: String
    public var enterpriseName: String
    /// Goods shipped of the hazard's batches, in all.
    public var shipped: Int

    public init(recall: Recall, hazardNumber: String, enterpriseName: String, shipped: Int) {
        self.recall = recall
        self.hazardNumber = hazardNumber
        self.enterpriseName = enterpriseName
        self.shipped = shipped
    }

    public var recovered: Int { recall.returns.reduce(0) { $0 + $1.quantity } }
}
