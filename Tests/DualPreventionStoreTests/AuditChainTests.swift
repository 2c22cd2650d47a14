import DualPrevention
import Foundation
import GRDB
import Testing

@testable import DualPreventionStore

/// The hash chain catches edits, deletions and reorderings made behind the program's back.
@Suite("Audit chain")
struct AuditChainTests {
    /// A fixture plus five hazard actions, all recorded; returns the fixture and the number of entries.
    static func recorded(_ store: TestStore) async throws -> (Fixture, Int) {
        let f = try await Fixture.on(store)
        _ = try await f.addRiskPoint(f.a)
        _ = try await f.awaitingAcceptance(f.a)
        let actions = f.setupActions + 1 + 5
        return (f, actions)
    }

    /// Removes the append-only triggers, as someone with the file and the sqlite3 shell could.
    static func dropGuards(_ f: Fixture) async throws {
        try await f.dropTrigger("audit_log_no_update", on: "audit_log")
        try await f.dropTrigger("audit_log_no_delete", on: "audit_log")
    }

    @Test(arguments: TestStore.all) func untouchedChainIsIntactWithOneEntryPerAction(store: TestStore) async throws {
        let (f, actions) = try await Self.recorded(store)
        let report = try await f.repository.verifyAudit(expectedHead: nil)
        #expect(report.isIntact)
        #expect(report.entries == actions)
        #expect(try await f.count("audit_log") == actions)
        let head = try await f.snapshot().auditHead
        #expect(report.headHash == head)
        #expect(try await f.repository.verifyAudit(expectedHead: head).isIntact)
        // Each entry names the one before it.
        let entries = try await f.repository.database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY seq").map(AuditLog.entry)
        }
        #expect(entries.first?.prevHash == AuditLog.genesis)
        #expect(zip(entries, entries.dropFirst()).allSatisfy { $1.prevHash == $0.hash })
        #expect(entries.map(\.seq) == Array(1...Int64(actions)))
    }

    @Test(arguments: TestStore.all) func editedSummaryIsTheFirstBrokenEntry(store: TestStore) async throws {
        let (f, actions) = try await Self.recorded(store)
        try await Self.dropGuards(f)
        let target: Int64 = 7
        try await f.execute("UPDATE audit_log SET summary = summary || ' (edited)' WHERE seq = ?", [target])
        let report = try await f.repository.verifyAudit(expectedHead: nil)
        #expect(report.firstBroken?.seq == target)
        #expect(report.firstBroken?.problem.contains("edited") == true)
        #expect(report.entries < actions)
    }

    @Test(arguments: TestStore.all) func editedPayloadOfTheLastEntryIsCaught(store: TestStore) async throws {
        let (f, actions) = try await Self.recorded(store)
        try await Self.dropGuards(f)
        try await f.execute("UPDATE audit_log SET payload = '{}' WHERE seq = ?", [actions])
        let report = try await f.repository.verifyAudit(expectedHead: nil)
        #expect(report.firstBroken?.seq == Int64(actions))
    }

    @Test(arguments: TestStore.all) func deletedMiddleEntryIsReported(store: TestStore) async throws {
        let (f, actions) = try await Self.recorded(store)
        try await Self.dropGuards(f)
        let middle = Int64(actions / 2)
        try await f.execute("DELETE FROM audit_log WHERE seq = ?", [middle])
        let report = try await f.repository.verifyAudit(expectedHead: nil)
        #expect(!report.isIntact)
        #expect(report.firstBroken?.seq == middle + 1)
        #expect(report.firstBroken?.problem.contains("entry \(middle) is missing") == true)
    }

    @Test(arguments: TestStore.all) func deletedMiddleEntryWithRenumberingIsStillReported(store: TestStore) async throws {
        let (f, actions) = try await Self.recorded(store)
        try await Self.dropGuards(f)
        // A careful forger closes the gap in the numbering; the hashes still give it away.
        try await f.execute("DELETE FROM audit_log WHERE seq = 5")
        for seq in 6...actions {
            try await f.execute("UPDATE audit_log SET seq = ? WHERE seq = ?", [seq - 1, seq])
        }
        let report = try await f.repository.verifyAudit(expectedHead: nil)
        #expect(report.firstBroken?.seq == 5)
    }

    @Test(arguments: TestStore.all) func swappedEntriesAreReported(store: TestStore) async throws {
        let (f, _) = try await Self.recorded(store)
        try await Self.dropGuards(f)
        try await f.execute("UPDATE audit_log SET seq = 1000 WHERE seq = 6")
        try await f.execute("UPDATE audit_log SET seq = 6 WHERE seq = 7")
        try await f.execute("UPDATE audit_log SET seq = 7 WHERE seq = 1000")
        let report = try await f.repository.verifyAudit(expectedHead: nil)
        #expect(report.firstBroken?.seq == 6)
        #expect(report.firstBroken?.problem.contains("reordered") == true)
    }

    @Test(arguments: TestStore.all) func deletedLastEntryIsCaughtAgainstTheRecordsAndTheRecordedHead(store: TestStore) async throws {
        let (f, actions) = try await Self.recorded(store)
        let recordedHead = try await f.repository.verifyAudit(expectedHead: nil).headHash
        try await Self.dropGuards(f)
        try await f.execute("DELETE FROM audit_log WHERE seq = ?", [actions])
        // On its own the shortened chain is consistent, but the hazard no longer matches its last recorded state ...
        let alone = try await f.repository.verifyAudit(expectedHead: nil)
        #expect(alone.firstBroken == nil)
        #expect(alone.entries == actions - 1)
        #expect(alone.headHash != recordedHead)
        #expect(alone.mismatches.map(\.objectType) == ["hazard"])
        // ... but not against the head recorded before.
        let checked = try await f.repository.verifyAudit(expectedHead: recordedHead)
        #expect(!checked.isIntact)
        #expect(checked.firstBroken?.seq == Int64(actions))
    }
}
