import DualPrevention
import Foundation
import Testing

@testable import DualPreventionStore

/// `verifyAudit` compares the tables with what the log recorded: edits, additions and deletions made behind
/// the program's back (triggers dropped, foreign keys off, as the sqlite3 shell has them) are all reported.
@Suite("Record check")
struct RecordCheckTests {
    static func recorded() async throws -> (Fixture, Hazard, RiskPoint) {
        let f = try await Fixture.inMemory()
        let point = try await f.addRiskPoint(f.a)
        let photo = try temporaryFile(named: "before.jpg", contents: "before-photo-bytes")
        let hazard = try await f.report(f.a, riskPointID: point.id, evidence: [EvidenceFile(path: photo.path, label: "before")])
        #expect(try await f.repository.verifyAudit(expectedHead: nil).isIntact)
        return (f, hazard, point)
    }

    @Test func aDeletedRowIsReported() async throws {
        let (f, hazard, _) = try await Self.recorded()
        try await f.execute("PRAGMA foreign_keys = OFF")
        try await f.execute("DELETE FROM evidence_link")
        try await f.execute("DELETE FROM hazard WHERE id = ?", [hazard.id])
        let report = try await f.repository.verifyAudit(expectedHead: nil)
        #expect(report.firstBroken == nil)
        #expect(report.mismatches.contains { $0.objectType == "hazard" && $0.objectID == hazard.id && $0.problem.contains("deleted") })
    }

    /// Rows and entries are compared as two streams in id order: an edited row, a row with no entry and a deleted
    /// row of the same kind are each reported, in id order, the deleted ones last.
    @Test func editedAddedAndDeletedRowsOfOneKindAreReportedInOrder() async throws {
        let (f, _, _) = try await Self.recorded()
        try await f.execute("PRAGMA foreign_keys = OFF")
        try await f.execute("UPDATE person SET phone = '0576-1' WHERE id = (SELECT min(id) FROM person)")
        try await f.execute("DELETE FROM account WHERE person_id = (SELECT max(id) FROM person)")
        try await f.execute("DELETE FROM person WHERE id = (SELECT max(id) FROM person)")
        try await f.execute("INSERT INTO person (id, name, role) VALUES (999999, '幽灵专家', 'assessor')")
        let report = try await f.repository.verifyAudit(expectedHead: nil)
        let people = report.mismatches.filter { $0.objectType == "person" }
        #expect(people.count == 3, "\(people)")
        guard people.count == 3 else { return }
        #expect(people[0].problem.contains("edited") && people[1].problem.contains("added") && people[2].problem.contains("deleted"))
        #expect(people[0].objectID < people[2].objectID && people[1].objectID == 999_999)
        #expect(report.mismatches.allSatisfy { $0.objectType == "person" }, "\(report.mismatches)")
    }

    /// The parts of the check run in reads of their own, several at once and largest first; what they find is
    /// still reported in one order: the kinds as listed, then the gradings, then the evidence files.
    @Test func mismatchesOfEveryPartAreReportedInTheKindsOrderWhateverOrderThePartsEnd() async throws {
        let (f, hazard, point) = try await Self.recorded()
        try await f.execute("PRAGMA foreign_keys = OFF")
        try await f.execute("DROP TRIGGER risk_grading_no_update")
        try await f.execute("UPDATE risk_grading SET c = 7, score = 126, colour = 'yellow' WHERE risk_point_id = ?", [point.id])
        try await f.execute("UPDATE hazard SET description = '改过的描述' WHERE id = ?", [hazard.id])
        try await f.execute("UPDATE person SET phone = '0576-1' WHERE id = (SELECT min(id) FROM person)")
        try await f.execute("UPDATE enterprise SET name = '改过的企业' WHERE id = ?", [f.a.enterprise.id])
        let sha = try #require(try await f.repository.evidence(of: hazard.id, visibleTo: .system).first?.sha256)
        try Data("a different photo".utf8).write(to: EvidenceFolder(root: f.repository.evidenceStore.root).path(of: sha))
        let report = try await f.repository.verifyAudit(expectedHead: nil)
        #expect(report.firstBroken == nil)
        #expect(report.mismatches.map(\.objectType) == ["enterprise", "person", "hazard", "risk_grading", "evidence"], "\(report.mismatches)")
        #expect(RecordCheck.Part.largestFirst.first == .kind(RecordCheck.kinds().firstIndex { $0.objectType == "check_run" } ?? -1))
        #expect(Set(RecordCheck.Part.largestFirst) == Set(RecordCheck.Part.all) && RecordCheck.Part.all.count == RecordCheck.kinds().count + 2)
    }

    @Test func anEditedGradingIsReported() async throws {
        let (f, _, point) = try await Self.recorded()
        try await f.execute("DROP TRIGGER risk_grading_no_update")
        try await f.execute("UPDATE risk_grading SET c = 7, score = 126, colour = 'yellow' WHERE risk_point_id = ?", [point.id])
        let report = try await f.repository.verifyAudit(expectedHead: nil)
        #expect(report.mismatches.map(\.objectType) == ["risk_grading"])
    }

    @Test func aReplacedEvidenceFileIsReported() async throws {
        let (f, hazard, _) = try await Self.recorded()
        let sha = try #require(try await f.repository.evidence(of: hazard.id, visibleTo: .system).first?.sha256)
        try Data("a different photo".utf8).write(to: EvidenceFolder(root: f.repository.evidenceStore.root).path(of: sha))
        let report = try await f.repository.verifyAudit(expectedHead: nil)
        #expect(report.mismatches.count == 1)
        #expect(report.mismatches.first?.objectType == "evidence")
        #expect(report.mismatches.first?.problem.contains(sha) == true)
    }

    @Test func anUnreadableValueIsReportedNotThrown() async throws {
        let (f, _, _) = try await Self.recorded()
        try await f.execute("UPDATE enterprise SET credit_code = '91331002MA2B0000X0' WHERE id = ?", [f.a.enterprise.id])
        let report = try await f.repository.verifyAudit(expectedHead: nil)
        #expect(report.mismatches.contains { $0.objectType == "enterprise" })
    }

    @Test(arguments: TestStore.all) func anInstantJustBeforeASecondVerifies(store: TestStore) async throws {
        // Stored to the millisecond, 0.9996 s rounds up to the next second; the log must record the same instant.
        let f = try await Fixture.on(store)
        let at = Clock.t0.addingTimeInterval(3_600.9996)
        _ = try await f.addRiskPoint(f.a, at: at)
        _ = try await f.report(f.a, at: at)
        #expect(try await f.repository.verifyAudit(expectedHead: nil).isIntact)
    }
}
