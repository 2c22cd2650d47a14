import DualPrevention
import Foundation
import GRDB
import Testing

@testable import DualPreventionStore

/// `dualprev migrate`: a whole database moved to another store, in chunks, taken up again after an interruption,
/// with the same audit head and records on both sides; a target holding another database is refused.
struct DatabaseCopyTests {
    /// A fixture with hazards round the loop, a risk point and its grading, evidence: rows in most tables.
    static func source() async throws -> Fixture {
        let f = try await Fixture.on(.sqlite)
        let point = try await f.addRiskPoint(f.a)
        _ = try await f.awaitingAcceptance(f.a, riskPointID: point.id)
        let photo = try temporaryFile(named: "guard.jpg", contents: "photo-of-the-missing-guard")
        _ = try await f.notice(try await f.report(f.b, evidence: [EvidenceFile(path: photo.path, label: "before")]), f.b)
        return f
    }

    /// A general hazard at enterprise A's post, found on a daily check.
    static func draft(_ f: Fixture, description: String, location: String) -> HazardReport {
        HazardReport(
            workshopID: f.a.workshop.id,
            teamID: f.a.team.id,
            postID: f.a.post.id,
            riskPointID: nil,
            source: .dailyCheck,
            grade: .general,
            description: description,
            location: location
        )
    }

    static func counts(_ database: any StoreDatabase) async throws -> [String: Int] {
        try await database.read { db in
            var counts: [String: Int] = [:]
            for table in DatabaseCopy.tables { counts[table.name] = try DatabaseCopy.count(table.name, in: db) }
            return counts
        }
    }

    @Test(arguments: TestStore.all)
    func anInterruptedCopyIsTakenUpAndEndsWithTheSameHeadAndRecords(store: TestStore) async throws {
        let f = try await Self.source()
        let expected = try await f.repository.verifyAudit(expectedHead: nil)
        let target = try await store.repository(evidence: try Fixture.temporaryDirectory())
        // Stopped after five chunks of three rows, as a lost connection would stop it.
        let first = try await DatabaseCopy(from: f.repository.database, to: target.database, chunk: 3, maxChunks: 5).run { _, _, _ in }
        #expect(!first.complete && first.copied.values.reduce(0, +) == 15)
        // Run again: it goes on after the rows already there, and copies none twice.
        let second = try await DatabaseCopy(from: f.repository.database, to: target.database, chunk: 3).run { _, _, _ in }
        #expect(second.complete && second.alreadyThere == 15)
        #expect(try await Self.counts(target.database) == Self.counts(f.repository.database))
        let named = try await target.database.read { db in try String.fetchAll(db, sql: "SELECT sha256 FROM evidence") }
        #expect(try f.repository.evidenceStore.copyFiles(named, to: target.evidenceStore) == named.count && !named.isEmpty)
        let copied = try await target.verifyAudit(expectedHead: expected.headHash)
        #expect(copied.isIntact && copied.mismatches.isEmpty && copied.headHash == expected.headHash, "\(copied)")
        // What the copy reads back is what the source reads: a hazard with its parts, the lists of a regulator.
        let hazards = try await f.repository.hazards(HazardFilter(), visibleTo: .person(f.cityRegulator))
        #expect(try await target.hazards(HazardFilter(), visibleTo: .person(f.cityRegulator)) == hazards)
        // And it goes on from there: the next action numbers and chains after the copied ones.
        let draft = Self.draft(f, description: "迁移后上报的隐患", location: "注塑车间")
        let next = try await target.reportHazard(draft, by: f.a.postWorker, at: Clock.hours(9))
        #expect(next.id == (hazards.map(\.id).max() ?? 0) + 1)
        #expect(try await target.verifyAudit(expectedHead: nil).isIntact)
        // Moved back to a new SQLite file's store, the head is the same again.
        let back = try await TestStore.sqlite.repository(evidence: try Fixture.temporaryDirectory())
        _ = try await DatabaseCopy(from: target.database, to: back.database).run { _, _, _ in }
        #expect(try await back.verifyAudit(expectedHead: nil).headHash == target.verifyAudit(expectedHead: nil).headHash)
    }

    /// PostgreSQL takes the rows through COPY's text format, where a backslash, tab, newline and carriage return are
    /// escapes and `\N` is NULL: text holding them arrives as it was, and so does the audit entry that quotes it.
    @Test(arguments: TestStore.all)
    func textHoldingCopyEscapesArrivesUnchanged(store: TestStore) async throws {
        let f = try await Fixture.on(.sqlite)
        let awkward = "封口\t不严\\N 第2\\3 批\r\n\\.\n\t末尾\\"
        let draft = Self.draft(f, description: awkward, location: "\\N")
        let reported = try await f.repository.reportHazard(draft, by: f.a.postWorker, at: Clock.hours(9))
        let target = try await store.repository(evidence: try Fixture.temporaryDirectory())
        _ = try await DatabaseCopy(from: f.repository.database, to: target.database).run { _, _, _ in }
        let copied = try await target.hazard(String(reported.id), visibleTo: .person(f.cityRegulator))
        #expect(copied.description == awkward && copied.location == "\\N")
        #expect(copied == reported)
        let expected = try await f.repository.verifyAudit(expectedHead: nil)
        let verified = try await target.verifyAudit(expectedHead: expected.headHash)
        #expect(verified.isIntact && verified.mismatches.isEmpty && verified.headHash == expected.headHash, "\(verified)")
    }

    @Test(arguments: TestStore.all)
    func aTargetHoldingAnotherDatabaseIsRefused(store: TestStore) async throws {
        let first = try await Self.source()
        let other = try await Fixture.on(.sqlite)
        let target = try await store.repository(evidence: try Fixture.temporaryDirectory())
        _ = try await DatabaseCopy(from: first.repository.database, to: target.database).run { _, _, _ in }
        let before = try await Self.counts(target.database)
        await #expect(throws: CopyError.self) {
            _ = try await DatabaseCopy(from: other.repository.database, to: target.database).run { _, _, _ in }
        }
        #expect(try await Self.counts(target.database) == before)
    }

    @Test(arguments: TestStore.all)
    func anInterruptedCopyIsNotTakenUpOnceTheSourceWentOn(store: TestStore) async throws {
        let f = try await Self.source()
        let target = try await store.repository(evidence: try Fixture.temporaryDirectory())
        // The whole log in one chunk, then the jurisdictions: stopped with the log complete and the records begun.
        let first = try await DatabaseCopy(from: f.repository.database, to: target.database, chunk: 1_000, maxChunks: 2).run { _, _, _ in }
        #expect(!first.complete && first.copied["jurisdiction"] == 4)
        // The source goes on meanwhile (a notice changes a hazard already past in a copy that would resume).
        _ = try await f.notice(try await f.report(f.a), f.a, at: Clock.hours(8))
        let before = try await DatabaseCopyTests.counts(target.database)
        await #expect(throws: CopyError.sourceChanged) {
            _ = try await DatabaseCopy(from: f.repository.database, to: target.database).run { _, _, _ in }
        }
        #expect(try await DatabaseCopyTests.counts(target.database) == before)
    }
}
