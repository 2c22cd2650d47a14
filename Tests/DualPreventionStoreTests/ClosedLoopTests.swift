import DualPrevention
import DualPreventionStore
import Foundation
import GRDB
import Testing

@testable import DualPreventionStore

/// The whole loop through the repository, as the CLI and the server drive it.
@Suite("Closed loop")
struct ClosedLoopTests {
    static let afterPhoto = "after rectification: guard rail refitted\n"
    /// `printf 'after rectification: guard rail refitted\n' | sha256sum`
    static let afterPhotoSHA256 = "dc683065d4eb8484d6ab35a31a26d57f253211327025158b0ddbe16d72f9ca42"

    @Test(arguments: TestStore.all) func generalHazardGoesRoundTheLoopAndCallsForRegrading(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let a = f.a
        let repo = f.repository
        let point = try await f.addRiskPoint(a)
        #expect(point.colour == .orange && !point.regradeDue)

        var times: [Date] = []
        func at(_ hours: Double) -> Date {
            times.append(Clock.hours(hours))
            return Clock.hours(hours)
        }

        let reported = try await f.report(a, riskPointID: point.id, at: at(1))
        #expect(reported.state == .reported && reported.foundBy == a.postWorker.id && reported.riskPointID == point.id)
        let key = reported.number
        var hazard = try await f.notice(reported, a, at: at(2), deadline: Clock.days(7))
        #expect(hazard.state == .notified && hazard.ownerID == a.workshopHead.id && hazard.deadline == Clock.days(7))
        #expect(hazard.notice?.number == "ZG-2026-0001" && hazard.notice?.issuedBy == a.officer.id)
        hazard = try await f.perform(.acknowledgeNotice, on: hazard, by: a.workshopHead, at: at(3))
        #expect(hazard.notice?.acknowledgedAt == Clock.hours(3))
        hazard = try await f.perform(.startRectification, on: hazard, by: a.workshopHead, at: at(4))
        #expect(hazard.state == .rectifying)

        // Extension: asked once by the owner, decided by someone above.
        hazard = try await f.perform(.requestExtension(reason: "防护栏到货延迟", until: Clock.days(14)), on: hazard, by: a.workshopHead, at: at(5))
        #expect(hazard.extensionRequest?.state == .requested)
        let peer = await #expect(throws: Refusal.self) {
            try await f.perform(.decideExtension(grant: true, note: ""), on: hazard, by: a.teamLeader, at: Clock.hours(5.5))
        }
        #expect(peer?.reason == .deciderNotAbove)
        let (extended, extensionTransition) = try await repo.perform(
            .event(.decideExtension(grant: true, note: "同意")),
            on: key,
            by: a.director,
            at: at(6)
        )
        hazard = extended
        #expect(extensionTransition.effects == [.deadlineMoved(to: Clock.days(14))])
        #expect(hazard.deadline == Clock.days(14) && hazard.notice?.deadline == Clock.days(14))
        #expect(hazard.extensionRequest?.state == .granted && hazard.extensionRequest?.decidedBy == a.director.id)

        // Submission with a photo: the store keeps the bytes under their SHA-256.
        let photo = try temporaryFile(named: "after.jpg", contents: Self.afterPhoto)
        (hazard, _) = try await repo.perform(
            .submitRectification(
                measuresTaken: "已加装防护栏",
                completedAt: Clock.hours(20),
                funds: "800元",
                evidence: [EvidenceFile(path: photo.path, label: "after")]
            ),
            on: key,
            by: a.workshopHead,
            at: at(24)
        )
        #expect(hazard.state == .awaitingAcceptance)
        #expect(hazard.submissions.map(\.evidence) == [[Self.afterPhotoSHA256]])
        let storedFile = EvidenceFolder(root: repo.evidenceStore.root).path(of: Self.afterPhotoSHA256)
        #expect(FileManager.default.fileExists(atPath: storedFile.path))
        #expect(try Data(contentsOf: storedFile) == Data(Self.afterPhoto.utf8))
        #expect(repo.evidenceStore.isIntact(Self.afterPhotoSHA256))
        let items = try await repo.evidence(of: hazard.id, visibleTo: .system)
        #expect(items.map(\.sha256) == [Self.afterPhotoSHA256])
        #expect(items.first?.fileName == "after.jpg" && items.first?.attachedTo == "submission" && items.first?.label == "after")
        #expect(items.first?.size == Int64(Self.afterPhoto.utf8.count))
        let (_, kept) = try await repo.evidenceContents(Self.afterPhotoSHA256, of: hazard.id, visibleTo: .system)
        #expect(kept == Data(Self.afterPhoto.utf8))

        // Acceptance fails (by someone else than the rectifier): back to rectification with the reasons.
        (hazard, _) = try await repo.perform(
            .accept(passed: false, criteria: "护栏高度≥1.2米", opinion: "护栏高度不足", evidence: []),
            on: key,
            by: a.officer,
            at: at(30)
        )
        #expect(hazard.state == .rectifying)
        #expect(hazard.acceptances.map(\.passed) == [false] && hazard.acceptances.first?.acceptorID == a.officer.id)
        (hazard, _) = try await repo.perform(
            .submitRectification(measuresTaken: "护栏加高至1.2米", completedAt: Clock.hours(40), funds: "300元", evidence: []),
            on: key,
            by: a.workshopHead,
            at: at(41)
        )
        #expect(hazard.submissions.count == 2 && hazard.state == .awaitingAcceptance)
        let (closed, closing) = try await repo.perform(
            .accept(passed: true, criteria: "护栏高度≥1.2米", opinion: "合格", evidence: []),
            on: key,
            by: a.director,
            at: at(48)
        )
        #expect(closed.state == .closed && closed.closedAt == Clock.hours(48))
        #expect(closing.effects == [.regradeRiskPoint(riskPointID: point.id)])
        #expect(try await repo.hazard(key, visibleTo: .person(a.postWorker)) == closed)

        // The residual risk is due for re-grading; re-grading clears it and keeps both gradings.
        let (due, _) = try await repo.riskPoint(point.id, visibleTo: .person(a.officer))
        #expect(due.regradeDue)
        #expect(try await repo.riskPoints(RiskFilter(regradeDue: true), visibleTo: .person(a.officer)).map(\.id) == [point.id])
        let regrade = try await repo.grade(riskPointID: point.id, .ls(l: 2, s: 2), reason: "隐患闭环后复评", by: a.officer, at: Clock.hours(50))
        #expect(regrade.sequence == 2 && regrade.result.colour == .blue)
        let (regraded, gradings) = try await repo.riskPoint(point.id, visibleTo: .person(a.officer))
        #expect(!regraded.regradeDue && regraded.colour == .blue)
        #expect(gradings.map(\.sequence) == [1, 2])
        #expect(gradings.map(\.result.colour) == [.orange, .blue])
        #expect(gradings.map(\.result.input) == [.lec(l: 3, e: 6, c: 15), .ls(l: 2, s: 2)])
        #expect(try await repo.riskPoints(RiskFilter(regradeDue: true), visibleTo: .person(a.officer)).isEmpty)

        // The history: one entry per action, in order, by the named people, at the times given.
        let history = try await repo.history(objectType: "hazard", objectID: closed.id, visibleTo: .system)
        #expect(
            history.map(\.action) == [
                "hazard.report", "hazard.issueNotice", "hazard.acknowledgeNotice", "hazard.startRectification",
                "hazard.requestExtension", "hazard.approveExtension", "hazard.submitRectification", "hazard.acceptFail",
                "hazard.submitRectification", "hazard.acceptPass",
            ]
        )
        #expect(
            history.map(\.actorID) == [
                a.postWorker.id, a.officer.id, a.workshopHead.id, a.workshopHead.id, a.workshopHead.id, a.director.id,
                a.workshopHead.id, a.officer.id, a.workshopHead.id, a.director.id,
            ]
        )
        #expect(history.map(\.at) == times)
        #expect(zip(history, history.dropFirst()).allSatisfy { $0.seq < $1.seq })
        #expect(history[6].evidence == [Self.afterPhotoSHA256])
        #expect(history.enumerated().allSatisfy { $0.offset == 6 || $0.element.evidence.isEmpty })
        #expect(history.last?.summary == "\(key) awaitingAcceptance → closed")
        #expect(history.allSatisfy { $0.enterpriseID == a.enterprise.id && $0.objectType == "hazard" })
        let pointHistory = try await repo.history(objectType: "risk_point", objectID: point.id, visibleTo: .system)
        // Closing records the call for re-grading in the same transaction, then the re-grading follows.
        #expect(pointHistory.map(\.action) == ["riskPoint.add", "riskPoint.regradeDue", "riskPoint.grade"])
        #expect(pointHistory[1].seq == (history.last?.seq ?? 0) + 1)
        #expect(pointHistory.last?.seq == (history.last?.seq ?? 0) + 2)
        #expect(try await repo.verifyAudit(expectedHead: pointHistory.last?.hash).isIntact)
    }

    @Test(arguments: TestStore.all) func majorHazardNeedsAnApprovedPlanAndIsListedByItsOwnRegulator(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let a = f.a
        let repo = f.repository
        let reported = try await f.report(a, grade: .major, by: a.officer)
        _ = try await f.notice(reported, a)
        var hazard = try await f.perform(.acknowledgeNotice, on: reported, by: a.workshopHead, at: Clock.hours(3))

        let incomplete = await #expect(throws: Refusal.self) {
            try await f.perform(
                .submitPlan(
                    PlanDraft(
                        target: "消除隐患",
                        methods: "更换设备",
                        funds: "",
                        organisation: "车间",
                        timeLimit: Clock.days(20),
                        safetyMeasures: "停机"
                    )
                ),
                on: hazard,
                by: a.workshopHead,
                at: Clock.hours(4)
            )
        }
        #expect(incomplete?.reason == .planIncomplete(missing: ["经费物资/funds"]))
        let plan = PlanDraft(
            target: "消除防护缺失隐患",
            methods: "更换整套防护装置",
            funds: "专项资金5万元",
            organisation: "注塑车间，车间主任负责",
            timeLimit: Clock.days(20),
            safetyMeasures: "停机挂牌，设置警戒区"
        )
        hazard = try await f.perform(.submitPlan(plan), on: hazard, by: a.workshopHead, at: Clock.hours(5))
        #expect(hazard.currentPlan?.state == .submitted && hazard.currentPlan?.authorID == a.workshopHead.id)
        let early = await #expect(throws: Refusal.self) {
            try await f.perform(.startRectification, on: hazard, by: a.workshopHead, at: Clock.hours(6))
        }
        #expect(early?.reason == .planRequired)
        hazard = try await f.perform(.approvePlan(note: "同意"), on: hazard, by: a.director, at: Clock.hours(7))
        #expect(hazard.currentPlan?.state == .approved && hazard.currentPlan?.decidedBy == a.director.id)
        hazard = try await f.perform(.startRectification, on: hazard, by: a.workshopHead, at: Clock.hours(8))
        #expect(hazard.state == .rectifying)

        // The regulator of the other district does not even see it.
        await #expect(throws: NotFoundError.self) {
            try await f.perform(.list(order: "限期整改"), on: hazard, by: f.regulator2, at: Clock.hours(9))
        }
        await #expect(throws: NotFoundError.self) {
            _ = try await repo.hazard("\(hazard.id)", visibleTo: .person(f.regulator2))
        }
        // The rule itself, on the hazard as loaded: not a regulator of this jurisdiction.
        var loaded = try await repo.hazard("\(hazard.id)", visibleTo: .system)
        #expect(loaded.jurisdictionPath == [f.district1.id, f.city.id, f.province.id])
        #expect(throws: Refusal(.notRegulatorOfJurisdiction)) {
            try loaded.apply(.list(order: "限期整改"), by: f.regulator2, at: Clock.hours(9))
        }
        // People of the enterprise may not list their own hazard either.
        let own = await #expect(throws: Refusal.self) {
            try await f.perform(.list(order: "限期整改"), on: hazard, by: a.director, at: Clock.hours(9))
        }
        #expect(own?.reason == .notRegulatorOfJurisdiction)

        // Its own district's regulator lists it; then nobody in the enterprise can cancel it.
        let before = try await f.snapshot()
        hazard = try await f.perform(.list(order: "挂牌督办，限30日内整改完毕"), on: hazard, by: f.regulator1, at: Clock.hours(10))
        #expect(hazard.isListed && hazard.activeListing?.listedBy == f.regulator1.id)
        #expect(try await f.snapshot().counts["supervision_listing"] == (before.counts["supervision_listing"] ?? 0) + 1)
        let cancel = await #expect(throws: Refusal.self) {
            try await f.perform(.cancel(reason: "误报"), on: hazard, by: a.director, at: Clock.hours(11))
        }
        #expect(cancel?.reason == .listedCannotBeCancelled)
        let stored = try await repo.hazard("\(hazard.id)", visibleTo: .person(f.regulator1))
        #expect(stored.state == .rectifying && stored.cancellation == nil && stored.isListed)
        // A regulator higher up the tree sees it too.
        #expect(try await repo.hazard("\(hazard.id)", visibleTo: .person(f.cityRegulator)) == stored)

        let history = try await repo.history(objectType: "hazard", objectID: hazard.id, visibleTo: .system)
        #expect(
            history.map(\.action) == [
                "hazard.report", "hazard.issueNotice", "hazard.acknowledgeNotice", "hazard.submitPlan", "hazard.approvePlan",
                "hazard.startRectification", "hazard.list",
            ]
        )
        #expect(history.last?.actorID == f.regulator1.id)
    }
}
