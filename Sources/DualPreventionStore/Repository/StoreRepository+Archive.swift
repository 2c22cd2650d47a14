import DualPrevention
import Foundation
import GRDB

extension StoreRepository {
    public func enterpriseFile(_ key: String, visibleTo viewer: Viewer) async throws -> (file: EnterpriseFile, timelines: [Int64: [AuditEntry]]) {
        let id = try await enterprise(key, visibleTo: viewer).id
        return try await read { db in
            // Checked again inside the snapshot, which every part below reads.
            try Self.requireVisible(id, to: viewer, what: "enterprise", key: key, in: db)
            guard let enterprise = try Enterprise.byID(id, in: db) else { throw NotFoundError(what: "enterprise", key: key) }
            let path = try Self.path(of: enterprise.jurisdictionID, in: db)
            // The jurisdictions on its path only, not the province's whole tree.
            let tree = Dictionary(
                try Jurisdiction.fetchAll(db, "SELECT * FROM jurisdiction WHERE id IN (\(sql: db.idSet, arguments: [IDSet.json(path)]))").map {
                    ($0.id, $0)
                },
                uniquingKeysWith: { a, _ in a }
            )
            var names = try Self.names(enterpriseIDs: [id], in: db)
            // Its people are those `names` read, before the others its records name join them below.
            let people = names.people.values.filter { $0.enterpriseID == id }.sorted { $0.id < $1.id }
            let points = try RiskPoint.fetchAll(db, sql: "SELECT * FROM risk_point WHERE enterprise_id = ? ORDER BY workshop_id, id", arguments: [id])
            let gradings = Dictionary(
                grouping: try GradingRow.fetchAll(
                    db,
                    sql:
                        "SELECT g.* FROM risk_grading g JOIN risk_point p ON p.id = g.risk_point_id WHERE p.enterprise_id = ? ORDER BY g.risk_point_id, g.sequence",
                    arguments: [id]
                ),
                by: \.riskPointID
            ).mapValues { $0.map(\.record) }
            let plans = try CheckPlan.fetchAll(db, sql: "SELECT * FROM check_plan WHERE enterprise_id = ? ORDER BY id", arguments: [id])
            let runs = try CheckRun.fetchAll(db, sql: "SELECT * FROM check_run WHERE enterprise_id = ? ORDER BY performed_at, id", arguments: [id])
            let hazards = try HazardStorage.assemble(
                try HazardRow.fetchAll(db, sql: "SELECT * FROM hazard WHERE enterprise_id = ? ORDER BY id", arguments: [id]),
                in: db
            )
            var timelines: [Int64: [AuditEntry]] = [:]
            var evidence: [Int64: [EvidenceItem]] = [:]
            var products: [Int64: HazardProducts] = [:]
            for hazard in hazards {
                timelines[hazard.id] = try Row.fetchAll(
                    db,
                    sql: "SELECT * FROM audit_log WHERE object_type = 'hazard' AND object_id = ? ORDER BY seq",
                    arguments: [hazard.id]
                ).map(AuditLog.entry)
                evidence[hazard.id] = try Self.evidenceItems(hazardID: hazard.id, in: db)
                products[hazard.id] = try Self.products(of: hazard.id, in: db)
            }
            let records = try QualityRecord.fetchAll(
                db,
                sql: "SELECT * FROM quality_record WHERE enterprise_id = ? ORDER BY occurred_on, id",
                arguments: [id]
            )
            let grades = try CreditGradeRecord.fetchAll(
                db,
                sql: "SELECT * FROM credit_grade WHERE enterprise_id = ? ORDER BY computed_at, id",
                arguments: [id]
            )
            let entries = try ListEntry.fetchAll(db, sql: "SELECT * FROM list_entry WHERE enterprise_id = ? ORDER BY quarter, id", arguments: [id])
            // The regulators and others its records name, beside its own people.
            let named = Set(timelines.values.flatMap { $0.map(\.actorID) } + grades.map(\.computedBy) + records.map(\.recordedBy))
            let others = named.filter { names.people[$0] == nil }
            if !others.isEmpty {
                for person in try Person.fetchAll(db, "SELECT * FROM person WHERE id IN (\(sql: db.idSet, arguments: [IDSet.json(Array(others))]))") {
                    names.people[person.id] = person
                }
            }
            let head = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
            let file = EnterpriseFile(
                enterprise: enterprise,
                jurisdictions: path.compactMap { tree[$0] },
                names: names,
                people: people,
                riskPoints: points,
                gradings: gradings,
                checkPlans: plans,
                checkRuns: runs,
                hazards: hazards,
                evidence: evidence,
                products: products,
                qualityRecords: records,
                creditGrades: grades,
                listEntries: entries,
                auditEntries: head.map { $0["seq"] } ?? 0,
                auditHead: head.map { $0["hash"] } ?? ""
            )
            return (file, timelines)
        }
    }
}
