import DualPrevention
import DualPreventionStore
import Foundation
import Testing

@testable import DualPreventionStore

@Suite("Checklist import")
struct ChecklistImportTests {
    static func template(measure: String = "每班首件检验料温") -> Checklist {
        let dimensions = ["process", "equipment", "environment", "personnel", "management"]
        let points = (1...20).map { n in
            TemplateRiskPoint(
                code: "TT-P-\(String(format: "%02d", n))",
                dimension: dimensions[n % 5],
                controlStage: "注塑成型",
                name: "风险点\(n)",
                hazard: "温度过高导致材料降解迁移超标",
                measures: [n == 1 ? measure : "每班点检"],
                target: "偏差≤±5℃",
                frequency: .perShift,
                responsibleRole: n == 1 ? .workshopHead : .officer,
                standard: nil,
                grading: n == 1 ? .lec(l: 6, e: 6, c: 15) : .ls(l: 2, s: 2),
                checkItems: [CheckItem(item: "查看记录", verify: "查阅当班记录")]
            )
        }
        return Checklist(category: "test-template", name: Text(zh: "测试", en: "test"), version: 1, scope: "", standards: [], riskPoints: points)
    }

    @Test(arguments: TestStore.all) func importingTwiceAddsNothingTwiceAndReportsTemplateChanges(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let first = try await f.repository.importChecklist(
            Self.template(),
            enterpriseID: f.a.enterprise.id,
            workshopID: f.a.workshop.id,
            by: f.a.officer,
            at: Clock.hours(1)
        )
        #expect(first.added.count == 20 && first.unchanged.isEmpty && first.changed.isEmpty)
        // Graded with the suggested inputs, owned by the person of the row's role in that workshop.
        let red = try #require(first.added.first { $0.code == "TT-P-01" })
        #expect(red.colour == .red)
        #expect(red.ownerID == f.a.workshopHead.id)
        let (point, gradings) = try await f.repository.riskPoint(red.riskPointID, visibleTo: .system)
        #expect(point.templateRef == "test-template/TT-P-01")
        #expect(gradings.map(\.result.colour) == [.red])

        let again = try await f.repository.importChecklist(
            Self.template(),
            enterpriseID: f.a.enterprise.id,
            workshopID: f.a.workshop.id,
            by: f.a.officer,
            at: Clock.hours(2)
        )
        #expect(again.added.isEmpty && again.unchanged.count == 20)

        let revised = try await f.repository.importChecklist(
            Self.template(measure: "每两小时测料温"),
            enterpriseID: f.a.enterprise.id,
            workshopID: f.a.workshop.id,
            by: f.a.officer,
            at: Clock.hours(3)
        )
        #expect(revised.changed.map(\.code) == ["TT-P-01"])
        #expect(revised.changed.first?.fields == ["measures"])
        #expect(try await f.repository.riskPoints(RiskFilter(workshopID: f.a.workshop.id), visibleTo: .system).count == 20)
        #expect(try await f.repository.verifyAudit(expectedHead: nil).isIntact)
    }

    @Test(arguments: TestStore.all) func aPostWorkerCannotImportAndNothingIsWritten(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let before = try await f.snapshot()
        await #expect(throws: Refusal.self) {
            _ = try await f.repository.importChecklist(
                Self.template(),
                enterpriseID: f.a.enterprise.id,
                workshopID: f.a.workshop.id,
                by: f.a.postWorker,
                at: Clock.hours(1)
            )
        }
        // Another enterprise's workshop is refused too.
        await #expect(throws: (any Error).self) {
            _ = try await f.repository.importChecklist(
                Self.template(),
                enterpriseID: f.a.enterprise.id,
                workshopID: f.b.workshop.id,
                by: f.a.officer,
                at: Clock.hours(1)
            )
        }
        #expect(try await f.snapshot() == before)
    }
}
