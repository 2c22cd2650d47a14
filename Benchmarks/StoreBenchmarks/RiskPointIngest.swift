import Benchmark
import DualPrevention
import DualPreventionStore
import Foundation

/// Ingest of `count` risk points, one action each: `StoreRepository.addRiskPoint` (its own
/// transaction with its audit entry) against the raw C API writing the same risk-point row and
/// the same audit row, hash-chained, one transaction per point.
struct RiskPointIngest {
    var count: Int

    static let columns = """
        id, enterprise_id, workshop_id, team_id, post_id, dimension, control_stage, name, hazard_description, \
        measures, target, frequency, owner_id, product_category, colour, regrade_due
        """

    func run(_ benchmark: Benchmark) async throws -> Comparison {
        var fixture = try await Fixture.make("risk-points")
        defer { fixture.remove() }
        try fixture.copyForFloor()
        let setupHead = try fixture.auditHead()

        let actions = Self.actions(count: count, cast: &fixture.cast)

        let repository = fixture.repository
        let officer = fixture.cast.officer
        let clock = ContinuousClock()
        benchmark.startMeasurement()
        let storeStart = clock.now
        for (point, now) in actions {
            _ = try await repository.addRiskPoint(point, grading: nil, by: officer, at: now)
        }
        let store = clock.now - storeStart
        benchmark.stopMeasurement()

        // What the store wrote, read back untimed: the floor writes exactly these values.
        let source = try RawConnection(path: fixture.storePath)
        let points = try source.rows("SELECT \(Self.columns) FROM risk_point ORDER BY id")
        let entries = try source.rows("SELECT \(AuditValues.columns) FROM audit_log WHERE seq > ? ORDER BY seq", [.integer(setupHead)])
            .map(AuditValues.init(row:))
        guard points.count == count, entries.count == count else {
            throw FixtureError.unexpected("\(points.count) risk points and \(entries.count) audit entries for \(count) actions")
        }

        let floor = try RawConnection(path: fixture.floorPath)
        let begin = try floor.prepare("BEGIN IMMEDIATE")
        let commit = try floor.prepare("COMMIT")
        let insert = try floor.prepare(
            "INSERT INTO risk_point (\(Self.columns)) VALUES (\(Array(repeating: "?", count: 16).joined(separator: ", ")))"
        )
        var chain = try FloorAuditChain(connection: floor)
        let floorStart = clock.now
        for index in 0..<count {
            try begin.run()
            try insert.run(points[index])
            try chain.append(entries[index])
            try commit.run()
        }
        let floorTime = clock.now - floorStart

        try fixture.verifyFloorMatchesStore(tables: ["risk_point", "audit_log"])
        return Comparison(label: "risk points", floorName: "raw SQLite", count: count, store: store, floor: floorTime)
    }

    /// The risk points to add, each with its instant: all in the cast's one workshop, owned by its officer.
    static func actions(count: Int, cast: inout Cast) -> [(RiskPoint, Date)] {
        let frequencies = ControlFrequency.allCases
        return (0..<count).map { index in
            let point = RiskPoint(
                id: 0,
                enterpriseID: cast.enterpriseID,
                workshopID: cast.workshopID,
                dimension: Dimension.defaults[index % Dimension.defaults.count].code,
                controlStage: "原料进厂检验 \(index % 17)",
                name: "风险点 \(index)",
                hazardDescription: "原料不合格导致成品检出超标 (\(index))",
                measures: "每批查验合格证明并抽检",
                target: "不合格原料零投用",
                frequency: frequencies[index % frequencies.count],
                ownerID: cast.officer.id,
                productCategory: "食品相关产品"
            )
            return (point, cast.ticks.now())
        }
    }
}
