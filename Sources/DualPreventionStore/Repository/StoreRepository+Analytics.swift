import DualPrevention
import Foundation
import GRDB

// The regulator's analytics (issue 16) as SQL aggregates over the hazards in sight: the database counts per risk
// point, per category and per enterprise; the domain says what a repeat is and adds months up per district.

extension StoreRepository {
    public func repeatPoints(since: Date, asOf: Date, limit: Int, visibleTo viewer: Viewer) async throws -> [RepeatHazards.Point] {
        try await read { db in
            try Row.fetchAll(
                db,
                """
                SELECT r.id, r.name, e.id, e.name, e.product_category, t.n, t.first_found, t.last_found
                FROM (
                  SELECT risk_point_id AS point, count(*) AS n, min(found_at) AS first_found, max(found_at) AS last_found
                  FROM hazard
                  WHERE risk_point_id IS NOT NULL AND state <> 'cancelled' AND found_at >= \(since) AND found_at <= \(asOf)
                    AND \(viewer.sees("enterprise_id"))
                  GROUP BY risk_point_id
                  HAVING count(*) > 1
                ) AS t
                JOIN risk_point r ON r.id = t.point
                JOIN enterprise e ON e.id = r.enterprise_id
                ORDER BY t.n DESC, r.id
                LIMIT \(max(1, limit))
                """
            ).map { row in
                RepeatHazards.Point(
                    riskPointID: row[0],
                    riskPoint: row[1],
                    enterpriseID: row[2],
                    enterprise: row[3],
                    category: row[4],
                    hazards: row[5],
                    firstFound: try row.decode(atIndex: 6),
                    lastFound: try row.decode(atIndex: 7)
                )
            }
        }
    }

    public func repeatBuckets(since: Date, asOf: Date, visibleTo viewer: Viewer) async throws -> [RepeatHazards.Bucket] {
        try await read { db in
            try Row.fetchAll(
                db,
                """
                SELECT category, on_point, n, count(*) AS points
                FROM (
                  SELECT e.product_category AS category, CASE WHEN h.risk_point_id IS NULL THEN 0 ELSE 1 END AS on_point,
                    h.risk_point_id, count(*) AS n
                  FROM hazard h JOIN enterprise e ON e.id = h.enterprise_id
                  WHERE h.state <> 'cancelled' AND h.found_at >= \(since) AND h.found_at <= \(asOf) AND \(viewer.sees("h.enterprise_id"))
                  GROUP BY e.product_category, h.risk_point_id
                ) AS per_point
                GROUP BY category, on_point, n
                ORDER BY category, on_point, n
                """
            ).map { row in
                RepeatHazards.Bucket(category: row[0], hazards: row[2], points: row[3], onRiskPoint: (row[1] as Int) == 1)
            }
        }
    }

    public func loopTrend(months: [LoopTrend.Month], visibleTo viewer: Viewer) async throws -> LoopTrend {
        try await read { db in
            var jurisdictionOf: [Int64: Int64] = [:]
            try Self.eachRow(db, "SELECT id, jurisdiction_id FROM enterprise WHERE \(viewer.sees("id"))") { row in jurisdictionOf[row[0]] = row[1] }
            // Each month as the overview counts it (`loopTallies`), added up per enterprise jurisdiction as read.
            let tallies = try months.map { month in
                var sums: [Int64: DualPreventionPerformance.LoopTally] = [:]
                for (enterprise, tally) in try Self.loopTallies(asOf: month.end, since: month.start, viewer: viewer, in: db) {
                    guard let jurisdiction = jurisdictionOf[enterprise] else { continue }
                    sums[jurisdiction] = (sums[jurisdiction] ?? .zero) + tally.0
                }
                return sums
            }
            var tree: [Int64: Jurisdiction] = [:]
            for j in try Jurisdiction.all(db) { tree[j.id] = j }
            let trend = LoopTrend.build(months: months, tallies: tallies, tree: tree, seen: Set(jurisdictionOf.values))
            return trend
        }
    }
}
