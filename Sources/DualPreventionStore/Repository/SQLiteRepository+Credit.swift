import DualPrevention
import Foundation
import GRDB

extension SQLiteRepository {
    public func performance(enterpriseID: Int64, asOf: Date, since: Date, visibleTo viewer: Viewer) async throws -> [String: MetricValue] {
        try await read { db in
            try Self.requireVisible(enterpriseID, to: viewer, what: "enterprise", key: String(enterpriseID), in: db)
            guard let enterprise = try Enterprise.fetchOne(db, key: enterpriseID) else { throw NotFoundError(what: "enterprise", key: String(enterpriseID)) }
            let hazards = try HazardStorage.assemble(HazardRow.filter(Column("enterprise_id") == enterpriseID).order(Column("id")).fetchAll(db), in: db)
            let points = try RiskPoint.filter(Column("enterprise_id") == enterpriseID).order(Column("id")).fetchAll(db)
            let gradings = try GradingRow.filter(points.map(\.id).contains(Column("risk_point_id"))).fetchAll(db).map(\.record)
            // When each risk point was added: its first audit entry.
            var addedAt: [Int64: Date] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT object_id, min(at) AS at FROM audit_log WHERE object_type = 'risk_point' AND enterprise_id = ? GROUP BY object_id
                """, arguments: [enterpriseID]) {
                let text: String = row["at"]
                addedAt[row["object_id"]] = try? Date(text, strategy: .iso8601)
            }
            let performance = DualPreventionPerformance(
                hazards: hazards, plans: try CheckPlan.filter(Column("enterprise_id") == enterpriseID).fetchAll(db),
                runs: try CheckRun.filter(Column("enterprise_id") == enterpriseID).fetchAll(db), riskPoints: points, gradings: gradings,
                riskPointAddedAt: addedAt, local: try LocalTime(timeZoneID: enterprise.timeZoneID))
            return performance.metrics(asOf: asOf, since: since)
        }
    }
}
