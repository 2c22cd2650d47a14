import DualPrevention
import Foundation
import GRDB

extension StoreRepository {
    public func recordInspection(_ request: InspectionRequest, by actor: Actor, at now: Date) async throws -> (Inspection, [Hazard]) {
        try await actRecordingAll(at: now) { db in
            let actor = try Self.current(actor, at: now, in: db)
            // An enterprise out of the regulator's sight is not found, exactly as one that does not exist.
            guard let enterprise = try Lookup.enterprisePlace(request.enterpriseID, in: db),
                try Bool.fetchOne(db, "SELECT \(Viewer.person(actor).sees(String(request.enterpriseID)))") == true
            else { throw NotFoundError(what: "enterprise", key: "\(request.enterpriseID)") }
            let path = try Self.path(of: enterprise.jurisdictionID, in: db)
            let workshops = Set(try Int64.fetchAll(db, sql: "SELECT id FROM workshop WHERE enterprise_id = ?", arguments: [request.enterpriseID]))
            let draft = Inspection(
                id: 0,
                number: "",
                kind: request.kind,
                enterpriseID: request.enterpriseID,
                jurisdictionPath: path,
                regulatorID: actor.id,
                officeID: actor.jurisdictionID ?? 0,
                performedAt: request.performedAt,
                summary: request.summary,
                items: request.items,
                delegatesAcceptance: request.delegatesAcceptance,
                recordedAt: now
            )
            var (inspection, failed) = try Inspection.record(draft, workshops: workshops, by: actor, at: now)
            let local = try LocalTime(timeZoneID: enterprise.timeZoneID)
            inspection.number = try Self.nextOfficeNumber("JC", office: inspection.officeID, year: local.year(of: now), in: db)
            inspection.id = try Self.nextID("inspection", in: db)
            let origin = inspection.origin
            var hazards: [Hazard] = []
            var hazardDrafts: [AuditDraft] = []
            for item in failed {
                let (hazard, found) = try Self.openFoundHazard(
                    enterpriseID: inspection.enterpriseID,
                    workshopID: item.workshopID ?? 0,
                    checkItemRef: item.ref,
                    source: inspection.kind.hazardSource,
                    grade: item.grade,
                    description: Hazard.findingDescription(item.finding, record: inspection.number, item: item.text),
                    foundAt: inspection.performedAt,
                    origin: origin,
                    by: actor,
                    at: now,
                    in: db
                ) { draft, actor, now throws(Refusal) in try Hazard.reportFinding(draft, origin: origin, by: actor, at: now) }
                hazards.append(hazard)
                hazardDrafts += found
                if let index = inspection.items.firstIndex(where: { $0.ref == item.ref }) { inspection.items[index].hazardID = hazard.id }
            }
            let row = InspectionRow(inspection)
            try row.insert(db)
            let entry = AuditDraft(
                actor: actor,
                action: "inspection.record",
                objectType: "inspection",
                objectID: row.id,
                enterpriseID: row.enterpriseID,
                summary: "\(row.number) \(row.kind.rawValue): \(failed.count) failed of \(row.items.count)",
                payload: Self.payload(row)
            )
            return ((inspection, hazards), [entry] + hazardDrafts)
        }
    }

    public func inspections(enterpriseID: Int64?, visibleTo viewer: Viewer) async throws -> [Inspection] {
        try await read { db in
            let only: SQLText = enterpriseID.map { "AND enterprise_id = \($0)" } ?? ""
            let rows = try InspectionRow.fetchAll(
                db,
                "SELECT * FROM inspection WHERE \(viewer.sees("enterprise_id")) \(only) ORDER BY performed_at DESC, id DESC"
            )
            let paths = try Self.enterprisePaths(Array(Set(rows.map(\.enterpriseID))), in: db)
            return rows.map { $0.inspection(path: paths[$0.enterpriseID] ?? []) }
        }
    }
}
