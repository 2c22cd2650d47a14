import DualPrevention
import DualPreventionStore
import Foundation
import GRDB
import Testing

@testable import DualPreventionStore

/// Who may do and see what, checked by the store itself whatever the caller claims.
@Suite("Access")
struct AccessTests {
    @Test(arguments: TestStore.all) func nobodyAppointsTheirOwnApprover(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let e = f.a.enterprise.id
        // An officer may not create a director (who could then approve the officer's own plan) ...
        await #expect(throws: Refusal.self) {
            _ = try await f.repository.addPerson(Person(id: 0, name: "假总监", role: .director, enterpriseID: e), by: f.a.officer, at: Clock.hours(1))
        }
        // ... nor a director another director; the principal and an administrator may.
        await #expect(throws: Refusal.self) {
            _ = try await f.repository.addPerson(Person(id: 0, name: "副总监", role: .director, enterpriseID: e), by: f.a.director, at: Clock.hours(1))
        }
        let byPrincipal = try await f.repository.addPerson(
            Person(id: 0, name: "新总监", role: .director, enterpriseID: e),
            by: f.a.principal,
            at: Clock.hours(1)
        )
        #expect(byPrincipal.role == .director)
        let officer = try await f.repository.addPerson(
            Person(id: 0, name: "新安全员", role: .officer, enterpriseID: e),
            by: f.a.director,
            at: Clock.hours(1)
        )
        #expect(officer.role == .officer)
        await #expect(throws: Refusal.self) {
            _ = try await f.repository.addPerson(Person(id: 0, name: "二把手", role: .principal, enterpriseID: e), by: f.a.principal, at: Clock.hours(1))
        }
        _ = try await f.repository.addPerson(Person(id: 0, name: "法人", role: .principal, enterpriseID: e), by: f.admin, at: Clock.hours(1))
    }

    @Test(arguments: TestStore.all) func aForgedRoleCountsForNothing(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let hazard = try await f.report(f.a)
        // A post worker claiming to be a director is judged as the post worker the database knows.
        var forged = f.a.postWorker
        forged.role = .director
        let before = try await f.snapshot()
        await #expect(throws: Refusal.self) {
            _ = try await f.perform(.cancel(reason: "误报"), on: hazard, by: forged, at: Clock.hours(2))
        }
        #expect(try await f.snapshot() == before)
        // Someone who is not in the database at all is not found.
        await #expect(throws: NotFoundError.self) {
            _ = try await f.perform(
                .cancel(reason: "误报"),
                on: hazard,
                by: Actor(id: 9_999, name: "外人", role: .principal, enterpriseID: f.a.enterprise.id),
                at: Clock.hours(2)
            )
        }
    }

    @Test(arguments: TestStore.all) func aListingIsLiftedWhereItWasSetOrAbove(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let hazard = try await f.report(f.a, grade: .major, by: f.a.officer)
        try await f.perform(.list(order: "市局挂牌督办"), on: hazard, by: f.cityRegulator, at: Clock.hours(2))
        // The district office below the city may not lift the city's listing.
        await #expect(throws: Refusal.self) {
            _ = try await f.perform(.liftListing(note: "已整改"), on: hazard, by: f.regulator1, at: Clock.hours(3))
        }
        let lifted = try await f.perform(.liftListing(note: "已整改"), on: hazard, by: f.cityRegulator, at: Clock.hours(3))
        #expect(!lifted.isListed)
        // A district listing may be lifted by the district or the city.
        try await f.perform(.list(order: "区局挂牌督办"), on: hazard, by: f.regulator1, at: Clock.hours(4))
        let again = try await f.perform(.liftListing(note: "市局复核"), on: hazard, by: f.cityRegulator, at: Clock.hours(5))
        #expect(!again.isListed)
    }

    @Test(arguments: TestStore.all) func listingsAndHistoryStayInsideTheViewersReach(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let hazard = try await f.report(f.a)
        let inB = Viewer.person(f.b.director)
        await #expect(throws: NotFoundError.self) { _ = try await f.repository.workshops(enterpriseID: f.a.enterprise.id, visibleTo: inB) }
        await #expect(throws: NotFoundError.self) { _ = try await f.repository.people(enterpriseID: f.a.enterprise.id, visibleTo: inB) }
        await #expect(throws: NotFoundError.self) { _ = try await f.repository.enterprise(String(f.a.enterprise.id), visibleTo: inB) }
        await #expect(throws: NotFoundError.self) { _ = try await f.repository.evidence(of: hazard.id, visibleTo: inB) }
        #expect(try await f.repository.history(objectType: "hazard", objectID: hazard.id, visibleTo: inB).isEmpty)
        #expect(try await f.repository.history(objectType: "hazard", objectID: hazard.id, visibleTo: .person(f.a.officer)).count == 1)
        // Everyone B's director may list belongs to B, apart from herself.
        let people = try await f.repository.people(enterpriseID: nil, visibleTo: inB)
        #expect(!people.isEmpty && people.allSatisfy { $0.enterpriseID == f.b.enterprise.id })
        // The other district's regulator sees neither enterprise A nor its people; the city sees both enterprises.
        #expect(try await f.repository.enterprises(visibleTo: .person(f.regulator2)).map(\.id) == [f.b.enterprise.id])
        #expect(try await f.repository.enterprises(visibleTo: .person(f.cityRegulator)).count == 2)
        // An assessor sees no enterprise until one is assigned.
        let assessor = try await f.repository.addPerson(Person(id: 0, name: "评估员", role: .assessor), by: f.admin, at: Clock.hours(1))
        let asAssessor = Viewer.person(assessor.actor)
        #expect(try await f.repository.enterprises(visibleTo: asAssessor).isEmpty)
        await #expect(throws: NotFoundError.self) {
            _ = try await f.repository.benchmarkInputs(enterprise: String(f.a.enterprise.id), visibleTo: asAssessor)
        }
        // Appointed to A by A's district: A and its hazards come into sight, B stays out.
        await #expect(throws: Refusal.self) {
            _ = try await f.repository.assignAssessor(assessor.id, enterpriseID: f.a.enterprise.id, by: f.regulator2, at: Clock.hours(2))
        }
        await #expect(throws: Refusal.self) {
            _ = try await f.repository.assignAssessor(f.a.officer.id, enterpriseID: f.a.enterprise.id, by: f.admin, at: Clock.hours(2))
        }
        _ = try await f.repository.assignAssessor(assessor.id, enterpriseID: f.a.enterprise.id, by: f.regulator1, at: Clock.hours(2))
        #expect(try await f.repository.enterprises(visibleTo: asAssessor).map(\.id) == [f.a.enterprise.id])
        let seen = try await f.repository.hazards(HazardFilter(), visibleTo: asAssessor)
        #expect(seen.contains { $0.id == hazard.id } && seen.allSatisfy { $0.enterpriseID == f.a.enterprise.id })
        #expect(
            try await f.repository.benchmarkInputs(enterprise: String(f.a.enterprise.id), visibleTo: asAssessor).enterprise.id == f.a.enterprise.id
        )
        await #expect(throws: NotFoundError.self) {
            _ = try await f.repository.benchmarkInputs(enterprise: String(f.b.enterprise.id), visibleTo: asAssessor)
        }
        await #expect(throws: Refusal.self) {
            _ = try await f.repository.assignAssessor(assessor.id, enterpriseID: f.a.enterprise.id, by: f.admin, at: Clock.hours(3))
        }
        #expect(try await f.repository.assignments(visibleTo: .person(f.regulator2)).isEmpty, "B's district sees no appointment to A")
        // Ended: out of sight again, and the appointment is kept.
        let ended = try await f.repository.endAssignment(assessor.id, enterpriseID: f.a.enterprise.id, by: f.admin, at: Clock.hours(4))
        #expect(ended.endedBy == f.admin.id)
        #expect(try await f.repository.enterprises(visibleTo: asAssessor).isEmpty)
        #expect(try await f.repository.assignments(visibleTo: asAssessor).map(\.isLive) == [false])
        #expect(try await f.repository.verifyAudit(expectedHead: nil).isIntact)
    }

    @Test func theDemoNeverDeletesAForeignDatabase() throws {
        let directory = try Fixture.temporaryDirectory()
        let foreign = directory.appendingPathComponent("ledger.sqlite").path
        let queue = try DatabaseQueue(path: foreign)
        try queue.write { db in try db.execute(sql: "CREATE TABLE ledger (id INTEGER PRIMARY KEY, amount REAL); INSERT INTO ledger VALUES (1, 9.5)") }
        #expect(!StoreRepository.isDemoDatabase(path: foreign))
        // Looking did not migrate it either.
        #expect(try queue.read { db in try db.tableExists("audit_log") } == false)
        #expect(!StoreRepository.isDemoDatabase(path: directory.appendingPathComponent("missing.sqlite").path))
    }
}

/// `audit verify` tells each regulator of the records in their jurisdiction only; the chain is one for all.
@Suite("Audit verify by jurisdiction")
struct AuditVerifyScopeTests {
    @Test(arguments: TestStore.all) func aDistrictRegulatorIsToldOfItsOwnDistrictsRecordsOnly(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let hazardA = try await f.report(f.a)
        let hazardB = try await f.report(f.b)
        let photo = try temporaryFile(named: "b.jpg", contents: "B's photo")
        let withPhoto = try await f.report(f.b, evidence: [EvidenceFile(path: photo.path)])
        try await f.execute("UPDATE hazard SET description = '改过' WHERE id IN (?, ?)", [hazardA.id, hazardB.id])
        let sha = try #require(try await f.repository.evidence(of: withPhoto.id, visibleTo: .system).first?.sha256)
        try Data("swapped".utf8).write(to: EvidenceFolder(root: f.repository.evidenceStore.root).path(of: sha))

        let all = try await f.repository.verifyAudit(expectedHead: nil).mismatches
        #expect(Set(all.map(\.objectType)) == ["hazard", "evidence"] && all.count == 3)
        let district1 = try await f.repository.verifyAudit(expectedHead: nil, visibleTo: .person(f.regulator1)).mismatches
        #expect(district1.map(\.objectID) == [hazardA.id] && district1.map(\.objectType) == ["hazard"])
        let district2 = try await f.repository.verifyAudit(expectedHead: nil, visibleTo: .person(f.regulator2)).mismatches
        #expect(Set(district2.map(\.objectType)) == ["hazard", "evidence"] && district2.count == 2)
        #expect(district2.filter { $0.objectType == "hazard" }.map(\.objectID) == [hazardB.id])
        let city = try await f.repository.verifyAudit(expectedHead: nil, visibleTo: .person(f.cityRegulator)).mismatches
        #expect(city.count == 3)
    }
}
