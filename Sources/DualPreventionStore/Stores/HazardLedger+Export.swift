import DualPrevention
import Foundation

extension HazardLedger {
    /// Hazards handed over per export batch: large enough that a statement's cost is spread, small enough that a
    /// province's ledger never sits in memory whole.
    public static let exportBatch = 1_000

    /// Every hazard in sight that matches, a batch at a time in id order, each with the names it mentions. Each batch
    /// is its own read: a hazard changed while a long export runs is written as it was when its batch was read.
    /// The next batch is read while `body` handles this one (two batches in memory at most).
    public static func eachBatch(
        from store: any HazardStore,
        _ filter: HazardFilter,
        visibleTo viewer: Viewer,
        batchSize: Int = exportBatch,
        _ body: (HazardBatch) async throws -> Void
    ) async throws {
        func read(after: Int64) -> Task<HazardBatch, any Error> {
            Task { try await store.hazardBatch(filter, after: after, limit: batchSize, visibleTo: viewer) }
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

    /// The ledger as CSV, written as it is produced: byte for byte `csv` of the whole list, with one batch in memory.
    /// `progress` hears how many rows are written so far. Returns the number of rows.
    @discardableResult
    public static func exportCSV(
        from store: any HazardStore,
        _ filter: HazardFilter,
        visibleTo viewer: Viewer,
        now: Date,
        batchSize: Int = exportBatch,
        progress: (Int) -> Void = { _ in },
        write: (String) async throws -> Void
    ) async throws -> Int {
        try await write(CSV.byteOrderMark + CSV.line(header))
        var written = 0
        try await eachBatch(from: store, filter, visibleTo: viewer, batchSize: batchSize) { batch in
            let rows = rows(batch.hazards, names: batch.names, now: now, numberedFrom: written + 1)
            try await write(rows.map(CSV.line).joined())
            written += rows.count
            progress(written)
        }
        return written
    }
}
