import DualPrevention
import Foundation
import GRDB

extension SQLiteRepository {
    public func benchmarkInputs(enterprise key: String, visibleTo viewer: Viewer) async throws -> BenchmarkInputs {
        // Assessors grade benchmark enterprises wherever they are; everyone else within their own reach.
        let reach: Viewer = if case .person(let actor) = viewer, actor.role == .assessor { .system } else { viewer }
        let enterprise = try await self.enterprise(key, visibleTo: reach)
        let enterpriseID = enterprise.id
        let dimensions = dimensions
        return try await read { db in
            let performance = try Self.performance(enterpriseID: enterpriseID, in: db)
            let records = try Self.recordMetrics(enterpriseID: enterpriseID, in: db)
            return BenchmarkInputs(
                enterprise: enterprise, workshops: try Workshop.filter(Column("enterprise_id") == enterpriseID).order(Column("id")).fetchAll(db),
                people: records.people, peopleAddedAt: records.peopleAddedAt, riskPoints: performance.riskPoints, gradings: performance.gradings,
                riskPointAddedAt: performance.riskPointAddedAt, hazards: performance.hazards, plans: performance.plans, runs: performance.runs,
                records: records.records, dimensions: dimensions, local: performance.local)
        }
    }
}
