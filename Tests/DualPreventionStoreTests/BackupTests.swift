import DualPrevention
import DualPreventionStore
import Foundation
import GRDB
import Testing

@testable import DualPreventionStore

/// Backups of a live database, restores that check before they put anything in place, and read-only copies.
@Suite("Backup, restore and read-only copies")
struct BackupTests {
    /// A fixture on a database file, with one hazard carrying a photo.
    static func onDisk() async throws -> (Fixture, String) {
        let path = try Fixture.temporaryDirectory().appendingPathComponent("live.sqlite").path
        let f = try await Fixture.make(try StoreRepository.open(path: path))
        let photo = try temporaryFile(named: "guard.jpg", contents: "a photo of the guard rail")
        _ = try await f.report(f.a, by: f.a.officer, evidence: [EvidenceFile(path: photo.path)])
        return (f, path)
    }

    @Test func aBackupTakenUnderLoadRestoresToItsOwnHead() async throws {
        let (f, _) = try await Self.onDisk()
        let folder = try Fixture.temporaryDirectory().appendingPathComponent("backup")
        let writers = Task {
            for n in 0..<40 { _ = try await f.report(f.b, by: f.b.officer, at: Clock.hours(2 + Double(n) / 100)) }
        }
        let manifest = try await Backup.make(of: f.repository, to: folder, at: Clock.hours(3))
        try await writers.value
        let live = try await f.repository.verifyAudit(expectedHead: nil)
        #expect(live.isIntact && manifest.entries <= live.entries)
        #expect(manifest.evidence.count == 1 && manifest.counts["audit_log"] == manifest.entries)

        let target = try Fixture.temporaryDirectory().appendingPathComponent("restored.sqlite").path
        let restoredManifest = try await Backup.restore(from: folder, to: target)
        #expect(restoredManifest == manifest)
        let restored = try StoreRepository.open(path: target)
        let report = try await restored.verifyAudit(expectedHead: manifest.headHash)
        #expect(report.isIntact && report.headHash == manifest.headHash && report.entries == manifest.entries)
        let hazards = try await restored.hazards(HazardFilter(), visibleTo: .system)
        #expect(hazards.count == manifest.counts["hazard"])
        let withPhoto = try #require(hazards.first)
        #expect(try await restored.evidence(of: withPhoto.id, visibleTo: .system).count == 1)
    }

    @Test func aChangedOrIncompleteBackupIsRefusedAndNothingIsRestored() async throws {
        let (f, _) = try await Self.onDisk()
        let folder = try Fixture.temporaryDirectory().appendingPathComponent("backup")
        let manifest = try await Backup.make(of: f.repository, to: folder, at: Clock.hours(3))
        let target = try Fixture.temporaryDirectory().appendingPathComponent("restored.sqlite").path
        let photo = EvidenceFolder(root: folder.appendingPathComponent("dualprev.sqlite.evidence")).path(of: manifest.evidence[0].sha256)

        try Data("another photo".utf8).write(to: photo)
        await #expect(throws: BackupError.self) { _ = try await Backup.restore(from: folder, to: target) }
        #expect(!FileManager.default.fileExists(atPath: target))
        try FileManager.default.removeItem(at: photo)
        await #expect(throws: BackupError.self) { _ = try await Backup.verify(folder) }

        // Restored photo, but the database edited behind the manifest: its hash no longer matches.
        try Data("a photo of the guard rail".utf8).write(to: photo)
        _ = try await Backup.verify(folder)
        let copy = try DatabaseQueue(path: folder.appendingPathComponent("dualprev.sqlite").path)
        try await copy.write { db in try db.execute(sql: "UPDATE hazard SET description = '改过' WHERE id = 1") }
        try copy.close()
        let refusal = await #expect(throws: BackupError.self) { _ = try await Backup.verify(folder) }
        #expect(refusal?.rule == "BACKUP-INVALID")

        try FileManager.default.removeItem(at: folder.appendingPathComponent(BackupManifest.fileName))
        await #expect(throws: BackupError.self) { _ = try await Backup.verify(folder) }
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func aBackupNeverOverwrites() async throws {
        let (f, path) = try await Self.onDisk()
        let folder = try Fixture.temporaryDirectory()
        try Data("something".utf8).write(to: folder.appendingPathComponent("keep.txt"))
        await #expect(throws: BackupError.wouldOverwrite(folder.path)) { _ = try await Backup.make(of: f.repository, to: folder, at: Clock.hours(3)) }
        let empty = try Fixture.temporaryDirectory()
        _ = try await Backup.make(of: f.repository, to: empty, at: Clock.hours(3))
        await #expect(throws: BackupError.wouldOverwrite(path)) { _ = try await Backup.restore(from: empty, to: path) }
    }

    @Test func aReadOnlyCopyAnswersReadsAndVerifyButTakesNoChange() async throws {
        let (f, path) = try await Self.onDisk()
        let before = try await f.repository.verifyAudit(expectedHead: nil)
        let copy = try StoreRepository(
            database: AppDatabase.openReadOnly(path: path),
            evidenceStore: EvidenceStore(root: URL(fileURLWithPath: path + ".evidence"))
        )
        #expect(copy.database.isReadOnly)
        #expect(try await copy.hazards(HazardFilter(), visibleTo: .system).count == 1)
        let report = try await copy.verifyAudit(expectedHead: before.headHash)
        #expect(report.isIntact && report.headHash == before.headHash)
        let photo = try temporaryFile(named: "late.jpg", contents: "a photo that must not be kept")
        let refusal = await #expect(throws: StoreError.self) {
            _ = try await copy.reportHazard(
                HazardReport(
                    workshopID: f.a.workshop.id,
                    source: .dailyCheck,
                    grade: .general,
                    description: "只读",
                    evidence: [EvidenceFile(path: photo.path)]
                ),
                by: f.a.officer,
                at: Clock.hours(5)
            )
        }
        #expect(refusal?.kind == .cannotWrite && refusal?.rule == "STORE-READ-ONLY")
        let staged = (try? FileManager.default.contentsOfDirectory(atPath: copy.evidenceStore.stagingFolder.path)) ?? []
        #expect(staged.isEmpty)
        await #expect(throws: StoreError.self) {
            _ = try await copy.setPassword(personID: f.a.officer.id, passwordHash: "x", by: f.admin, at: Clock.hours(5))
        }
    }
}
