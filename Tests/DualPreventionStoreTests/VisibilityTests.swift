import DualPrevention
import DualPreventionStore
import Foundation
import GRDB
import Testing

@testable import DualPreventionStore

/// Every read is checked against the actor: an enterprise sees itself, a regulator its subtree.
@Suite("Visibility")
struct VisibilityTests {
    /// Two risk points and three hazards in A, one risk point and two hazards in B.
    static func populated(_ store: TestStore) async throws -> Fixture {
        let f = try await Fixture.on(store)
        let pointA = try await f.addRiskPoint(f.a)
        _ = try await f.addRiskPoint(f.a, name: "原料进厂检验")
        let pointB = try await f.addRiskPoint(f.b)
        _ = try await f.report(f.a, riskPointID: pointA.id)
        _ = try await f.report(f.a)
        _ = try await f.report(f.a, grade: .major, by: f.a.director)
        _ = try await f.report(f.b, riskPointID: pointB.id)
        _ = try await f.report(f.b)
        return f
    }

    @Test(arguments: TestStore.all) func enterpriseStaffSeeOnlyTheirOwnEnterprise(store: TestStore) async throws {
        let f = try await Self.populated(store)
        let repo = f.repository
        for actor in [f.a.principal, f.a.officer, f.a.postWorker] {
            let hazards = try await repo.hazards(HazardFilter(), visibleTo: .person(actor))
            #expect(hazards.count == 3)
            #expect(hazards.allSatisfy { $0.enterpriseID == f.a.enterprise.id })
            // Asking for the other enterprise by filter gives nothing, not its records.
            #expect(try await repo.hazards(HazardFilter(enterpriseID: f.b.enterprise.id), visibleTo: .person(actor)).isEmpty)
            let points = try await repo.riskPoints(RiskFilter(), visibleTo: .person(actor))
            #expect(points.count == 2)
            #expect(points.allSatisfy { $0.enterpriseID == f.a.enterprise.id })
            #expect(try await repo.riskPoints(RiskFilter(enterpriseID: f.b.enterprise.id), visibleTo: .person(actor)).isEmpty)
            #expect(try await repo.enterprises(visibleTo: .person(actor)).map(\.id) == [f.a.enterprise.id])
        }
        let hazardsB = try await repo.hazards(HazardFilter(), visibleTo: .person(f.b.officer))
        #expect(hazardsB.count == 2 && hazardsB.allSatisfy { $0.enterpriseID == f.b.enterprise.id })
        #expect(try await repo.hazards(HazardFilter(grade: .major), visibleTo: .person(f.b.officer)).isEmpty)
        #expect(try await repo.hazards(HazardFilter(grade: .major), visibleTo: .person(f.a.officer)).count == 1)
    }

    @Test(arguments: TestStore.all) func regulatorsSeeTheirSubtreeOnly(store: TestStore) async throws {
        let f = try await Self.populated(store)
        let repo = f.repository
        let first = try await repo.hazards(HazardFilter(), visibleTo: .person(f.regulator1))
        #expect(first.count == 3 && first.allSatisfy { $0.enterpriseID == f.a.enterprise.id })
        #expect(try await repo.riskPoints(RiskFilter(), visibleTo: .person(f.regulator1)).allSatisfy { $0.enterpriseID == f.a.enterprise.id })
        #expect(try await repo.riskPoints(RiskFilter(), visibleTo: .person(f.regulator1)).count == 2)
        #expect(try await repo.enterprises(visibleTo: .person(f.regulator1)).map(\.id) == [f.a.enterprise.id])

        let second = try await repo.hazards(HazardFilter(), visibleTo: .person(f.regulator2))
        #expect(second.count == 2 && second.allSatisfy { $0.enterpriseID == f.b.enterprise.id })
        #expect(try await repo.enterprises(visibleTo: .person(f.regulator2)).map(\.id) == [f.b.enterprise.id])

        // The city regulator sees both districts; the administrator everything.
        #expect(try await repo.hazards(HazardFilter(), visibleTo: .person(f.cityRegulator)).count == 5)
        #expect(try await repo.riskPoints(RiskFilter(), visibleTo: .person(f.cityRegulator)).count == 3)
        #expect(try await repo.hazards(HazardFilter(), visibleTo: .person(f.admin)).count == 5)
    }

    @Test(arguments: TestStore.all) func anotherEnterprisesRecordIsNotFound(store: TestStore) async throws {
        let f = try await Self.populated(store)
        let repo = f.repository
        let hazardB = try #require(try await repo.hazards(HazardFilter(), visibleTo: .person(f.b.officer)).first)
        let error = await #expect(throws: NotFoundError.self) {
            _ = try await repo.hazard("\(hazardB.id)", visibleTo: .person(f.a.officer))
        }
        #expect(error?.what == "hazard")
        await #expect(throws: NotFoundError.self) { _ = try await repo.hazard("\(hazardB.id)", visibleTo: .person(f.regulator1)) }
        #expect(try await repo.hazard("\(hazardB.id)", visibleTo: .person(f.regulator2)) == hazardB)
        // Nor can it be acted on: the action fails as not found and writes nothing.
        let before = try await f.snapshot()
        await #expect(throws: NotFoundError.self) {
            try await f.perform(.cancel(reason: "越权"), on: hazardB, by: f.a.director, at: Clock.hours(2))
        }
        #expect(try await f.snapshot() == before)

        // Both enterprises have a YH-2026-0001: the number resolves within the reader's own enterprise.
        #expect(hazardB.number == "YH-2026-0001")
        let ownA = try await repo.hazard("YH-2026-0001", visibleTo: .person(f.a.officer))
        #expect(ownA.enterpriseID == f.a.enterprise.id)
        #expect(try await repo.hazard("YH-2026-0001", visibleTo: .person(f.b.officer)) == hazardB)
        await #expect(throws: StoreError.self) { _ = try await repo.hazard("YH-2026-0001", visibleTo: .person(f.admin)) }

        let pointB = try #require(try await repo.riskPoints(RiskFilter(), visibleTo: .person(f.b.officer)).first)
        await #expect(throws: NotFoundError.self) { _ = try await repo.riskPoint(pointB.id, visibleTo: .person(f.a.officer)) }
        await #expect(throws: NotFoundError.self) { _ = try await repo.riskPoint(pointB.id, visibleTo: .person(f.regulator1)) }
        #expect(try await repo.riskPoint(pointB.id, visibleTo: .person(f.regulator2)).0 == pointB)
    }
}
