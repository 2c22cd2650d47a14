import DualPrevention
import Foundation
import GRDB

extension SQLiteRepository {
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
            return BenchmarkInputs(
                enterprise: enterprise,
                workshops: try Workshop.filter(Column("enterprise_id") == enterpriseID).order(Column("id")).fetchAll(db),
                people: records.people,
                peopleAddedAt: records.peopleAddedAt,
                riskPoints: try RiskPoint.filter(Column("enterprise_id") == enterpriseID).order(Column("id")).fetchAll(db),
                gradings: try GradingRow.filter(
                    literal: "risk_point_id IN (SELECT id FROM risk_point WHERE enterprise_id = \(enterpriseID))"
                ).order(Column("risk_point_id"), Column("sequence")).fetchAll(db).map(\.record),
                riskPointAddedAt: performance.riskPointAddedAt,
                hazards: try HazardStorage.assemble(
                    HazardRow.filter(Column("enterprise_id") == enterpriseID).order(Column("id")).fetchAll(db),
                    in: db
                ),
                plans: performance.plans,
                runs: try CheckRun.filter(Column("enterprise_id") == enterpriseID).order(Column("id")).fetchAll(db),
                records: records.records,
                dimensions: dimensions,
                local: performance.local
            )
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
        in db: Database
    ) throws -> (AssessmentAssignment, AuditDraft) {
        let actor = try Self.current(actor, in: db)
        guard let assessor = try Person.byID(assessorID, in: db) else { throw NotFoundError(what: "person", key: "#\(assessorID)") }
        guard let enterprise = try Enterprise.byID(enterpriseID, in: db) else {
            throw NotFoundError(what: "enterprise", key: "#\(enterpriseID)")
        }
        let inReach = (try? Self.requireVisible(enterpriseID, to: .person(actor), what: "enterprise", key: "", in: db)) != nil
        let live =
            try AssessmentAssignment.filter(
                Column("assessor_id") == assessorID && Column("enterprise_id") == enterpriseID && Column("ended_at") == nil
            ).fetchCount(db) > 0
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
            let actor = try Self.current(actor, in: db)
            guard let assessor = try Person.byID(assessorID, in: db) else { throw NotFoundError(what: "person", key: "#\(assessorID)") }
            let inReach = (try? Self.requireVisible(enterpriseID, to: .person(actor), what: "enterprise", key: "", in: db)) != nil
            try AssignmentPolicy.mayEnd(actor, enterpriseInReach: inReach)
            guard
                var assignment = try AssessmentAssignment.filter(
                    Column("assessor_id") == assessorID && Column("enterprise_id") == enterpriseID
                        && Column("ended_at") == nil
                ).fetchOne(db)
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
            var request = AssessmentAssignment.order(Column("id"))
            if case .person(let actor) = viewer, actor.role == .assessor {
                request = request.filter(Column("assessor_id") == actor.id)
            } else {
                request = request.visible(to: viewer)
            }
            return try request.fetchAll(db)
        }
    }
}
