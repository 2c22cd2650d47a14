import DualPrevention
import Foundation
import GRDB

extension StoreRepository {
    public func benchmarkInputs(enterprise key: String, visibleTo viewer: Viewer) async throws -> BenchmarkInputs {
        // An assessor reaches the enterprises assigned to them; everyone else their own reach.
        let enterprise = try await self.enterprise(key, visibleTo: viewer)
        let enterpriseID = enterprise.id
        let dimensions = dimensions
        return try await read { db in
            let performance = try Self.performance(enterpriseID: enterpriseID, in: db)
            let records =
                try CreditInputLoader.recordMetrics([enterpriseID], in: db)[enterpriseID]
                ?? QualityRecordMetrics(records: [], people: [], peopleAddedAt: [:])
            var inputs = BenchmarkInputs(
                enterprise: enterprise,
                workshops: try Workshop.fetchAll(db, where: "enterprise_id", is: enterpriseID),
                people: records.people,
                peopleAddedAt: records.peopleAddedAt,
                riskPoints: try RiskPoint.fetchAll(db, where: "enterprise_id", is: enterpriseID),
                gradings: try GradingRow.fetchAll(
                    db,
                    sql: """
                        SELECT * FROM risk_grading WHERE risk_point_id IN (SELECT id FROM risk_point WHERE enterprise_id = ?)
                        ORDER BY risk_point_id, sequence
                        """,
                    arguments: [enterpriseID]
                ).map(\.record),
                riskPointAddedAt: performance.riskPointAddedAt,
                hazards: try HazardStorage.assemble(HazardRow.fetchAll(db, where: "enterprise_id", is: enterpriseID), in: db),
                plans: performance.plans,
                runs: try CheckRun.fetchAll(db, where: "enterprise_id", is: enterpriseID),
                records: records.records,
                dimensions: dimensions,
                local: performance.local
            )
            inputs.directorAppointments = records.directorAppointments
            return inputs
        }
    }

    public func assignAssessor(_ assessorID: Int64, enterpriseID: Int64, by actor: Actor, at now: Date) async throws -> AssessmentAssignment {
        try await act(at: now) { db in try Self.assignAssessor(assessorID, enterpriseID: enterpriseID, by: actor, at: now, in: db) }
    }

    static func assignAssessor(
        _ assessorID: Int64,
        enterpriseID: Int64,
        by actor: Actor,
        at now: Date,
        in db: any SQLContext
    ) throws -> (AssessmentAssignment, AuditDraft) {
        let actor = try Self.current(actor, at: now, in: db)
        guard let assessor = try Person.byID(assessorID, in: db) else { throw NotFoundError(what: "person", key: "#\(assessorID)") }
        guard let enterprise = try Enterprise.byID(enterpriseID, in: db) else {
            throw NotFoundError(what: "enterprise", key: "#\(enterpriseID)")
        }
        let inReach = try Self.sees(enterpriseID, actor, in: db)
        let live =
            try TableQuery<AssessmentAssignment>().filter("assessor_id", is: assessorID).filter("enterprise_id", is: enterpriseID)
            .filter("ended_at IS NULL").fetchCount(db) > 0
        let assignment = try AssessmentAssignment.appoint(
            assessor,
            enterpriseID: enterpriseID,
            enterpriseName: enterprise.name,
            by: actor,
            enterpriseInReach: inReach,
            alreadyLive: live,
            id: try Self.nextID("assessment_assignment", in: db),
            at: now
        )
        try assignment.insert(db)
        return (
            assignment,
            AuditDraft(
                actor: actor,
                action: "assessment.assign",
                objectType: "assessment_assignment",
                objectID: assignment.id,
                enterpriseID: enterpriseID,
                summary: "\(assessor.name) → \(enterprise.name)",
                payload: Self.payload(assignment)
            )
        )
    }

    public func endAssignment(_ assessorID: Int64, enterpriseID: Int64, by actor: Actor, at now: Date) async throws -> AssessmentAssignment {
        try await act(at: now) { db in
            let actor = try Self.current(actor, at: now, in: db)
            guard let assessor = try Person.byID(assessorID, in: db) else { throw NotFoundError(what: "person", key: "#\(assessorID)") }
            let inReach = try Self.sees(enterpriseID, actor, in: db)
            try AssignmentPolicy.mayEnd(actor, enterpriseInReach: inReach)
            guard
                var assignment = try TableQuery<AssessmentAssignment>().filter("assessor_id", is: assessorID)
                    .filter("enterprise_id", is: enterpriseID).filter("ended_at IS NULL").fetchOne(db)
            else {
                throw NotFoundError(what: "assessment assignment", key: "\(assessor.name) #\(enterpriseID)")
            }
            assignment.endedBy = actor.id
            assignment.endedAt = now
            try assignment.update(db)
            return (
                assignment,
                AuditDraft(
                    actor: actor,
                    action: "assessment.end",
                    objectType: "assessment_assignment",
                    objectID: assignment.id,
                    enterpriseID: enterpriseID,
                    summary: assessor.name,
                    payload: Self.payload(assignment)
                )
            )
        }
    }

    public func assignments(visibleTo viewer: Viewer) async throws -> [AssessmentAssignment] {
        try await read { db in
            var request = TableQuery<AssessmentAssignment>()
            if case .person(let actor) = viewer, actor.role == .assessor {
                request = request.filter("assessor_id", is: actor.id)
            } else {
                request = request.visible(to: viewer)
            }
            return try request.fetchAll(db)
        }
    }
}
