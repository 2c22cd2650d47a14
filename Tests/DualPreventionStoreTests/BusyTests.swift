import DualPrevention
import DualPreventionStore
import Foundation
import GRDB
import Synchronization
import Testing

@testable import DualPreventionStore

/// Writers beside another process's long transaction (a large import) wait, say so, and succeed; past their limit
/// they fail with the store's own "busy", having changed nothing.
@Suite("Writers while another holds the database")
struct BusyTests {
    /// Holds the write lock of the file from another connection pool, as another process's import does: a write
    /// transaction that has written, then goes on for `seconds`, or until `release` says so (checked every 10 ms),
    /// whichever comes first.
    static func hold(
        _ f: Fixture,
        for seconds: Double,
        until release: @escaping @Sendable () -> Bool = { false }
    ) async throws -> Task<Void, any Error> {
        let started = Mutex(false)
        let writer = f.repository.sqlite!.writer
        let task = Task.detached {
            try await writer.write { db in
                try db.execute(sql: "UPDATE enterprise SET name = name")
                started.withLock { $0 = true }
                let end = Date().addingTimeInterval(seconds)
                while Date() < end && !release() { Thread.sleep(forTimeInterval: 0.01) }
            }
        }
        while !started.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(5)) }
        return task
    }

    @Test func aWriterWaitsSaysSoOnceAndSucceeds() async throws {
        let path = try Fixture.temporaryDirectory().appendingPathComponent("busy.sqlite").path
        let f = try await Fixture.make(try StoreRepository.open(path: path))
        let notices = Mutex(0)
        let waiting = try StoreRepository.open(path: path, busy: BusyWait(limit: 30, noticeAfter: 0.3, notice: { notices.withLock { $0 += 1 } }))
        // The lock is held until the writer has said it waits, and 0.6 s longer (two more notice periods), so that a slow
        // machine cannot let the writer through before it ever waited, and a second notice would be seen.
        let noticedAt = Mutex<Date?>(nil)
        let holder = try await Self.hold(f, for: 30) {
            if notices.withLock({ $0 }) > 0 { noticedAt.withLock { $0 = $0 ?? Date() } }
            return noticedAt.withLock { $0.map { Date().timeIntervalSince($0) > 0.6 } ?? false }
        }
        let hazard = try await waiting.reportHazard(
            HazardReport(workshopID: f.a.workshop.id, source: .dailyCheck, grade: .general, description: "导入期间上报"),
            by: f.a.officer,
            at: Clock.hours(2)
        )
        try await holder.value
        #expect(hazard.number.hasSuffix("0001"))
        #expect(notices.withLock { $0 } == 1)
    }

    @Test func pastItsLimitAWriterFailsAsBusyAndChangesNothing() async throws {
        let path = try Fixture.temporaryDirectory().appendingPathComponent("busy.sqlite").path
        let f = try await Fixture.make(try StoreRepository.open(path: path))
        let impatient = try StoreRepository.open(path: path, busy: BusyWait(limit: 0.2))
        let before = try await f.snapshot()
        // Held until the writer has given up (at most 30 s), however late a loaded machine lets it start.
        let gaveUp = Mutex(false)
        let holder = try await Self.hold(f, for: 30) { gaveUp.withLock { $0 } }
        let failure = await #expect(throws: StoreError.self) {
            _ = try await impatient.reportHazard(
                HazardReport(workshopID: f.a.workshop.id, source: .dailyCheck, grade: .general, description: "等不及"),
                by: f.a.officer,
                at: Clock.hours(2)
            )
        }
        gaveUp.withLock { $0 = true }
        try await holder.value
        #expect(failure?.kind == .busy && failure?.rule == "STORE-BUSY")
        #expect(try await f.snapshot() == before)
    }
}
