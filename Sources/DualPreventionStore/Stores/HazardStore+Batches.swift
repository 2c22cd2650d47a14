import DualPrevention
import Foundation

extension HazardStore {
    /// Every hazard in sight that matches, a batch at a time in id order, each with the names it mentions: what a
    /// ledger export reads. Each batch is its own read: a hazard changed while a long export runs is written as it
    /// was when its batch was read. The next batch is read while `body` handles this one (two batches in memory at
    /// most).
    public func eachHazardBatch(
        _ filter: HazardFilter,
        visibleTo viewer: Viewer,
        batchSize: Int = HazardBatch.exportSize,
        _ body: (HazardBatch) async throws -> Void
    ) async throws {
        func read(after: Int64) -> Task<HazardBatch, any Error> {
            Task { try await hazardBatch(filter, after: after, limit: batchSize, visibleTo: viewer) }
        }
        var next = read(after: 0)
        // A body that fails leaves no read running behind it.
        defer { next.cancel() }
        while true {
            let batch = try await next.value
            guard let last = batch.hazards.last else { return }
            next = read(after: last.id)
            try await body(batch)
        }
    }
}

extension HazardBatch {
    /// Hazards handed over per export batch: large enough that a statement's cost is spread, small enough that a
    /// province's ledger never sits in memory whole.
    public static let exportSize = 1_000
}
