import DualPrevention
import DualPreventionStore
import Foundation
import GRDB
import Testing

@testable import DualPreventionStore

/// Actions that bring the same new bytes at once, some refused and some accepted: no accepted action loses its file,
/// a refused one leaves nothing behind, and each attachment keeps its own name.
@Suite("Evidence under concurrent actions")
struct EvidenceRaceTests {
    /// The race as it happened: a refused action had copied the file in, an accepted one with the same bytes committed
    /// meanwhile, and the refused one's clean-up then removed the accepted one's file.
    @Test(arguments: TestStore.all) func refusalAfterAnotherCommittedTheSameBytesKeepsTheFile(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let photo = try temporaryFile(named: "guard.jpg", contents: "the same photo, taken twice")
        let file = EvidenceFile(path: photo.path, label: "before")
        var committed: Hazard?
        await #expect(throws: Refusal.self) {
            try await f.repository.evidenceStore.withIngested([file], releasingIn: f.repository.database) { _ in
                committed = try await f.report(f.a, by: f.a.officer, evidence: [file])
                throw Refusal(.acceptorIsRectifier)
            }
        }
        let hazard = try #require(committed)
        let sha = try #require(try await f.repository.evidence(of: hazard.id, visibleTo: .system).first?.sha256)
        #expect(f.repository.evidenceStore.isIntact(sha))
        let report = try await f.repository.verifyAudit(expectedHead: nil)
        #expect(report.firstBroken == nil && report.mismatches.isEmpty)
    }

    /// Two connections to one database file, as two processes hold: per round a new file, one action refused
    /// (the rectifier accepting their own work) and one accepted (a report), started together.
    @Test func twoHundredRacesLoseNoFile() async throws {
        let folder = try Fixture.temporaryDirectory()
        let path = folder.appendingPathComponent("race.sqlite").path
        let first = try StoreRepository.open(path: path)
        let f = try await Fixture.make(first)
        let second = try StoreRepository.open(path: path)
        let pending = try await f.awaitingAcceptance(f.a)
        let rounds = 200
        for round in 0..<rounds {
            let photo = try temporaryFile(named: "round-\(round).jpg", contents: "photo of round \(round)")
            let file = EvidenceFile(path: photo.path, label: "after")
            async let refused: Void = {
                do {
                    _ = try await second.perform(
                        .accept(passed: true, criteria: "护栏齐全", opinion: "合格", evidence: [file]),
                        on: "\(pending.id)",
                        by: f.a.workshopHead,
                        at: Clock.hours(7)
                    )
                    Issue.record("round \(round): the rectifier's own acceptance was not refused")
                } catch let refusal as Refusal {
                    #expect(refusal.reason == .acceptorIsRectifier)
                } catch {
                    Issue.record("round \(round): \(error)")
                }
            }()
            async let accepted = f.report(f.a, by: f.a.officer, evidence: [file], at: Clock.hours(8))
            _ = await refused
            _ = try await accepted
        }
        let hashes = try await first.sqlite!.writer.read { db in
            try String.fetchAll(db, sql: "SELECT sha256 FROM evidence_link WHERE object_type = 'hazard' ORDER BY sha256")
        }
        #expect(hashes.count == rounds)
        #expect(hashes.filter { !first.evidenceStore.isIntact($0) }.isEmpty)
        let report = try await second.verifyAudit(expectedHead: nil)
        #expect(report.firstBroken == nil && report.mismatches.isEmpty)
        let staging = first.evidenceStore.stagingFolder.path
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: staging)) ?? []).isEmpty)
    }

    @Test(arguments: TestStore.all) func aRefusedActionLeavesNoFileBehind(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let hazard = try await f.awaitingAcceptance(f.a)
        let photo = try temporaryFile(named: "own-check.jpg", contents: "only the refused action ever had these bytes")
        await #expect(throws: Refusal.self) {
            _ = try await f.repository.perform(
                .accept(passed: true, criteria: "护栏齐全", opinion: "合格", evidence: [EvidenceFile(path: photo.path, label: "after")]),
                on: "\(hazard.id)",
                by: f.a.workshopHead,
                at: Clock.hours(7)
            )
        }
        let root = f.repository.evidenceStore.root.path
        let left = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        #expect(left.filter { !$0.hasSuffix("staging") && !$0.contains("/") }.isEmpty, "left behind: \(left)")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: f.repository.evidenceStore.stagingFolder.path)) ?? []).isEmpty)
    }

    /// The same bytes attached in two enterprises: each shows the name its own attachment gave, so the second learns
    /// nothing of the first's file.
    @Test(arguments: TestStore.all) func eachAttachmentKeepsItsOwnName(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let bytes = "a common supplier's certificate"
        let inA = try temporaryFile(named: "收购方案-机密.pdf", contents: bytes)
        let inB = try temporaryFile(named: "certificate.pdf", contents: bytes)
        let hazardA = try await f.report(f.a, by: f.a.officer, evidence: [EvidenceFile(path: inA.path)])
        let hazardB = try await f.report(f.b, by: f.b.officer, evidence: [EvidenceFile(path: inB.path)])
        let seenByB = try await f.repository.evidence(of: hazardB.id, visibleTo: .person(f.b.officer))
        let seenByA = try await f.repository.evidence(of: hazardA.id, visibleTo: .person(f.a.officer))
        #expect(seenByB.map(\.fileName) == ["certificate.pdf"])
        #expect(seenByA.map(\.fileName) == ["收购方案-机密.pdf"])
        #expect(seenByA.map(\.sha256) == seenByB.map(\.sha256))
        let (item, data) = try await f.repository.evidenceContents(seenByB[0].sha256, of: hazardB.id, visibleTo: .person(f.b.officer))
        #expect(item.fileName == "certificate.pdf" && data == Data(bytes.utf8))
    }
}
