import Foundation
import Testing

@testable import DualPrevention

@Suite("What a report and a check must name")
struct InputRulesTests {
    static func point(workshop: Int64) -> RiskPoint {
        RiskPoint(
            id: 7,
            enterpriseID: 1,
            workshopID: workshop,
            dimension: "process",
            controlStage: "注塑",
            name: "注塑温度",
            hazardDescription: "料温过高",
            measures: "每班点检",
            target: "±5℃",
            frequency: .perShift,
            ownerID: 4
        )
    }

    @Test(arguments: [(1 as Int64, 1 as Int64, true), (1, 2, false)])
    func aHazardNamesARiskPointOfItsOwnWorkshop(_ pointWorkshop: Int64, _ hazardWorkshop: Int64, _ allowed: Bool) {
        let refused: InputError? = {
            do throws(InputError) {
                try Self.point(workshop: pointWorkshop).requireWorkshop(hazardWorkshop)
                return nil
            } catch { return error }
        }()
        #expect((refused == nil) == allowed)
        #expect(refused.map { $0.rule == "HAZARD-RISK-POINT-WORKSHOP" && $0.message.zh.contains("注塑温度") } ?? true)
    }

    @Test(arguments: [
        ([String](), [String](), true),
        (["a"], ["a", "b"], true),
        (["b"], ["a"], false),
        (["a", "c"], ["a"], false),
    ])
    func photosGoWithFailedItemsOnly(_ photographed: [String], _ failed: [String], _ allowed: Bool) {
        let refused: InputError? = {
            do throws(InputError) {
                try CheckRun.requirePhotosOfFailures(photographed: Set(photographed), failed: Set(failed))
                return nil
            } catch { return error }
        }()
        #expect((refused == nil) == allowed)
        #expect(refused.map { $0.rule == "CHECK-PHOTO-NOT-FAILED" } ?? true)
    }
}
