import DualPrevention
import DualPreventionStore
import Foundation
import GRDB
import Testing

@testable import DualPreventionStore

/// A refused or failed action leaves nothing half-written: the hazard, its parts, the counters and the log.
@Suite("Rollback")
struct RollbackTests {
    @Test(arguments: TestStore.all) func rectifierAcceptingOwnWorkChangesNothing(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let hazard = try await f.awaitingAcceptance(f.a)
        let before = try await f.snapshot()
        let evidence = try temporaryFile(named: "self-check.jpg", contents: "photo taken by the rectifier")
        let refusal = await #expect(throws: Refusal.self) {
            _ = try await f.repository.perform(
                .accept(passed: true, criteria: "护栏齐全", opinion: "合格", evidence: [EvidenceFile(path: evidence.path, label: "after")]),
                on: "\(hazard.id)",
                by: f.a.workshopHead,
                at: Clock.hours(7)
            )
        }
        #expect(refusal?.reason == .acceptorIsRectifier)
        #expect(try await f.snapshot() == before)
        #expect(try await f.repository.hazard("\(hazard.id)", visibleTo: .system) == hazard)
        #expect(try await f.repository.evidence(of: hazard.id, visibleTo: .system).isEmpty)
    }

    @Test(arguments: TestStore.all) func startingMajorHazardWithoutPlanChangesNothing(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let reported = try await f.report(f.a, grade: .major, by: f.a.officer)
        _ = try await f.notice(reported, f.a)
        let hazard = try await f.perform(.acknowledgeNotice, on: reported, by: f.a.workshopHead, at: Clock.hours(3))
        let before = try await f.snapshot()
        let refusal = await #expect(throws: Refusal.self) {
            try await f.perform(.startRectification, on: hazard, by: f.a.workshopHead, at: Clock.hours(4))
        }
        #expect(refusal?.reason == .planRequired)
        #expect(refusal?.allowedNow.contains(.submitPlan) == true)
        #expect(try await f.snapshot() == before)
        let stored = try await f.repository.hazard("\(hazard.id)", visibleTo: .system)
        #expect(stored == hazard)
        #expect(stored.state == .notified)
    }

    @Test(arguments: TestStore.all) func refusedNoticeDoesNotConsumeANumber(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let hazard = try await f.report(f.a)
        let before = try await f.snapshot()
        // Refused by the rules after the number was drawn: a deadline already past.
        let late = await #expect(throws: Refusal.self) {
            _ = try await f.notice(hazard, f.a, at: Clock.hours(2), deadline: Clock.hours(1))
        }
        #expect(late?.reason == .deadlineNotInFuture)
        // Refused after the number was drawn: a receiver of another enterprise.
        let outsider = await #expect(throws: Refusal.self) {
            _ = try await f.repository.perform(
                .issueNotice(
                    receiverID: f.b.workshopHead.id,
                    responsibleUnit: "外企业",
                    nature: "",
                    requiredMeasures: "加装防护栏",
                    deadline: Clock.days(7)
                ),
                on: "\(hazard.id)",
                by: f.a.officer,
                at: Clock.hours(2)
            )
        }
        #expect(outsider?.reason == .receiverNotInEnterprise)
        // Refused before: a post worker may not issue notices.
        let worker = await #expect(throws: Refusal.self) {
            _ = try await f.repository.perform(
                .issueNotice(
                    receiverID: f.a.workshopHead.id,
                    responsibleUnit: "注塑车间",
                    nature: "",
                    requiredMeasures: "加装防护栏",
                    deadline: Clock.days(7)
                ),
                on: "\(hazard.id)",
                by: f.a.postWorker,
                at: Clock.hours(2)
            )
        }
        guard case .roleNotAllowed(.issueNotice, .postWorker, _) = worker?.reason else {
            Issue.record("expected a role refusal, got \(String(describing: worker?.reason))")
            return
        }
        #expect(try await f.snapshot() == before)
        #expect(!before.counters.contains { $0.contains("/ZG/") })

        let issued = try await f.notice(hazard, f.a, at: Clock.hours(3))
        #expect(issued.notice?.number == "ZG-2026-0001")
        #expect(issued.state == .notified)
    }

    @Test(arguments: TestStore.all) func missingEvidenceFileFailsWithIOAndWritesNothing(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let missing = try Fixture.temporaryDirectory().appendingPathComponent("no-such-photo.jpg").path
        let before = try await f.snapshot()
        let reportError = await #expect(throws: StoreError.self) {
            _ = try await f.report(f.a, evidence: [EvidenceFile(path: missing, label: "before")])
        }
        guard case .io = reportError else {
            Issue.record("expected an I/O error, got \(String(describing: reportError))")
            return
        }
        #expect(try await f.snapshot() == before)

        let hazard = try await f.rectifying(f.a)
        let rectifying = try await f.snapshot()
        let submitError = await #expect(throws: StoreError.self) {
            _ = try await f.repository.perform(
                .submitRectification(
                    measuresTaken: "已加装防护栏",
                    completedAt: Clock.hours(5),
                    funds: "",
                    evidence: [EvidenceFile(path: missing, label: "after")]
                ),
                on: "\(hazard.id)",
                by: f.a.workshopHead,
                at: Clock.hours(6)
            )
        }
        guard case .io = submitError else {
            Issue.record("expected an I/O error, got \(String(describing: submitError))")
            return
        }
        #expect(try await f.snapshot() == rectifying)
        #expect(try await f.repository.hazard("\(hazard.id)", visibleTo: .system).state == .rectifying)
        // The store's evidence folder holds no file either.
        let kept = (try? FileManager.default.subpathsOfDirectory(atPath: f.repository.evidenceStore.root.path)) ?? []
        #expect(kept.isEmpty)
    }

    @Test(arguments: TestStore.all) func refusedActionRemovesTheEvidenceItBroughtIn(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let hazard = try await f.awaitingAcceptance(f.a)
        let photo = try Fixture.temporaryDirectory().appendingPathComponent("acceptance.jpg")
        try Data("photo taken at acceptance".utf8).write(to: photo)
        let before = try await f.snapshot()
        let keptBefore = Set((try? FileManager.default.subpathsOfDirectory(atPath: f.repository.evidenceStore.root.path)) ?? [])
        // The rectifier may not accept their own work: the refusal must not leave the photo in the store.
        await #expect(throws: Refusal.self) {
            _ = try await f.repository.perform(
                .accept(passed: true, criteria: "防护栏高度≥1.2m", opinion: "合格", evidence: [EvidenceFile(path: photo.path, label: "after")]),
                on: "\(hazard.id)",
                by: f.a.workshopHead,
                at: Clock.hours(7)
            )
        }
        #expect(try await f.snapshot() == before)
        // Only the (empty) folder where actions stage their files may be new.
        let keptAfter = Set((try? FileManager.default.subpathsOfDirectory(atPath: f.repository.evidenceStore.root.path)) ?? [])
        #expect(keptAfter.subtracting(["staging"]) == keptBefore)
        // The same photo with an allowed acceptor is kept.
        _ = try await f.repository.perform(
            .accept(passed: true, criteria: "防护栏高度≥1.2m", opinion: "合格", evidence: [EvidenceFile(path: photo.path, label: "after")]),
            on: "\(hazard.id)",
            by: f.a.director,
            at: Clock.hours(7)
        )
        let keptAccepted = Set((try? FileManager.default.subpathsOfDirectory(atPath: f.repository.evidenceStore.root.path)) ?? [])
        #expect(keptAccepted.count > keptBefore.count)
    }

    @Test(arguments: TestStore.all) func failureAfterTheHazardRowWasWrittenRollsItBack(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let first = try await f.report(f.a)
        #expect(first.number == "YH-2026-0001")
        let before = try await f.snapshot()
        // The hazard row and its number are written before the bad evidence label is noticed.
        let photo = try temporaryFile(named: "photo.jpg", contents: "before")
        let error = await #expect(throws: InputError.self) {
            _ = try await f.report(f.a, evidence: [EvidenceFile(path: photo.path, label: "selfie")])
        }
        #expect(error?.rule == "EVIDENCE-LABEL")
        #expect(try await f.snapshot() == before)
        // And a report found in the future is refused without using a number.
        let future = await #expect(throws: Refusal.self) {
            _ = try await f.repository.reportHazard(
                HazardReport(workshopID: f.a.workshop.id, source: .complaint, grade: .general, description: "投诉", foundAt: Clock.days(1)),
                by: f.a.officer,
                at: Clock.hours(2)
            )
        }
        #expect(future?.reason == .foundInFuture)
        #expect(try await f.snapshot() == before)
        #expect(try await f.report(f.a, at: Clock.hours(3)).number == "YH-2026-0002")
    }
}
