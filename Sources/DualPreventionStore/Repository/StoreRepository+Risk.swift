import DualPrevention
import Foundation
import GRDB

extension StoreRepository {
    public func addRiskPoint(_ draft: RiskPoint, grading: GradingInput?, by actor: Actor, at now: Date) async throws -> RiskPoint {
        let bands = bands
        let dimensions = dimensions
        return try await act(at: now) { db in
            let actor = try Self.current(actor, at: now, in: db)
            return try Self.insertRiskPoint(draft, grading: grading, by: actor, at: now, bands: bands, dimensions: dimensions, in: db)
        }
    }

    public func addRiskPoints(
        _ rows: [(RiskPoint, GradingInput?)],
        by actor: Actor,
        at now: Date,
        progress: @escaping @Sendable (Int, Int) -> Void
    ) async throws -> [RiskPoint] {
        let bands = bands
        let dimensions = dimensions
        return try await actRecordingAll(at: now) { db in
            let actor = try Self.current(actor, at: now, in: db)
            var points: [RiskPoint] = []
            var drafts: [AuditDraft] = []
            for (index, (draft, grading)) in rows.enumerated() {
                let (point, audit) = try Self.insertRiskPoint(
                    draft,
                    grading: grading,
                    by: actor,
                    at: now,
                    bands: bands,
                    dimensions: dimensions,
                    in: db
                )
                points.append(point)
                drafts.append(audit)
                progress(index + 1, rows.count)
            }
            return (points, drafts)
        }
    }

    /// One risk point with its first grading, checked and written inside the caller's transaction.
    static func insertRiskPoint(
        _ draft: RiskPoint,
        grading: GradingInput?,
        by actor: Actor,
        at now: Date,
        bands: GradingBands,
        dimensions: DimensionCatalog,
        in db: any SQLContext
    ) throws -> (RiskPoint, AuditDraft) {
        try GradingRecord.authorize(actor, enterpriseID: draft.enterpriseID)
        try draft.validate(dimensions: dimensions)
        try checkPlace(enterpriseID: draft.enterpriseID, workshopID: draft.workshopID, teamID: draft.teamID, postID: draft.postID, in: db)
        guard try Self.member(draft.ownerID, of: draft.enterpriseID, at: now, in: db) != nil else {
            throw NotFoundError(what: "owner in this enterprise", key: "\(draft.ownerID)")
        }
        var point = draft
        point.id = try nextID("risk_point", in: db)
        point.dimension = try dimensions.resolve(draft.dimension).code
        point.colour = nil
        point.regradeDue = false
        var graded: GradingRecord?
        if let grading {
            let result = try Grader.grade(grading, bands: bands)
            point.colour = result.colour
            graded = GradingRecord(riskPointID: point.id, sequence: 1, result: result, gradedBy: actor.id, gradedAt: now, reason: "initial grading")
        }
        try point.insert(db)
        if let graded { try GradingRow(graded).insert(db) }
        struct Added: Encodable {
            var riskPoint: RiskPoint
            var grading: GradingRecord?
        }
        return (
            point,
            AuditDraft(
                actor: actor,
                action: "riskPoint.add",
                objectType: "risk_point",
                objectID: point.id,
                enterpriseID: point.enterpriseID,
                summary: point.name + (point.colour.map { " → \($0.rawValue)" } ?? ""),
                payload: payload(Added(riskPoint: point, grading: graded))
            )
        )
    }

    public func grade(riskPointID: Int64, _ input: GradingInput, reason: String, by actor: Actor, at now: Date) async throws -> GradingRecord {
        let bands = bands
        return try await act(at: now) { db in
            let actor = try Self.current(actor, at: now, in: db)
            guard var point = try RiskPoint.byID(riskPointID, in: db) else { throw NotFoundError(what: "risk point", key: "\(riskPointID)") }
            try GradingRecord.authorize(actor, enterpriseID: point.enterpriseID)
            guard reason.nonBlank != nil else { throw InputError.required("reason", zh: "评级原因") }
            let result = try Grader.grade(input, bands: bands)
            let sequence =
                (try Int.fetchOne(db, sql: "SELECT max(sequence) FROM risk_grading WHERE risk_point_id = ?", arguments: [riskPointID]) ?? 0) + 1
            let record = GradingRecord(
                riskPointID: riskPointID,
                sequence: sequence,
                result: result,
                gradedBy: actor.id,
                gradedAt: now,
                reason: reason
            )
            try GradingRow(record).insert(db)
            let before = point.colour
            point.colour = result.colour
            point.regradeDue = false
            try point.update(db)
            struct Graded: Encodable {
                var grading: GradingRecord
                var riskPoint: RiskPoint
            }
            return (
                record,
                AuditDraft(
                    actor: actor,
                    action: "riskPoint.grade",
                    objectType: "risk_point",
                    objectID: riskPointID,
                    enterpriseID: point.enterpriseID,
                    summary: "\(input.summary) → \(result.colour.rawValue) (was \(before?.rawValue ?? "ungraded"))",
                    payload: Self.payload(Graded(grading: record, riskPoint: point))
                )
            )
        }
    }

    public func riskPoints(_ filter: RiskFilter, visibleTo viewer: Viewer) async throws -> [RiskPoint] {
        try await read { db in try Self.riskPointRequest(filter, visibleTo: viewer).fetchAll(db) }
    }

    public func riskPointPage(_ filter: RiskFilter, page: PageRequest, visibleTo viewer: Viewer) async throws -> Paged<RiskPoint> {
        try await read { db in try Paged(Self.riskPointRequest(filter, visibleTo: viewer), page, in: db) }
    }

    /// The risk points in sight that match, in register order, for the database to page and count.
    static func riskPointRequest(_ filter: RiskFilter, visibleTo viewer: Viewer) -> TableQuery<RiskPoint> {
        var request = TableQuery<RiskPoint>()
        if let id = filter.enterpriseID { request = request.filter("enterprise_id", is: id) }
        if let id = filter.workshopID { request = request.filter("workshop_id", is: id) }
        if let colour = filter.colour { request = request.filter("colour", is: colour.rawValue) }
        if let dimension = filter.dimension { request = request.filter("dimension", is: dimension) }
        if let due = filter.regradeDue { request = request.filter("regrade_due", is: due) }
        if let list = filter.controlList {
            request = request.filter("enterprise_id", is: list.enterpriseID).filter(Self.carried(by: list))
        }
        return request.visible(to: viewer).order("enterprise_id, workshop_id, id")
    }

    /// The SQL of `ControlList.conditions`, one condition per colour the list carries, word for word.
    static func carried(by list: ControlList) -> SQLText {
        let each: [SQLText] = list.conditions.map { condition in
            var parts: [SQLText] = ["colour = \(condition.colour.rawValue)"]
            if let id = condition.workshopID { parts.append("workshop_id = \(id)") }
            if let id = condition.teamID { parts.append("(team_id IS NULL OR team_id = \(id))") }
            if let id = condition.postID { parts.append("(post_id IS NULL OR post_id = \(id))") }
            return "(" + SQLText.joined(parts, separator: " AND ") + ")"
        }
        return "(" + SQLText.joined(each, separator: " OR ") + ")"
    }

    public func latestGradings(riskPointIDs: [Int64], visibleTo viewer: Viewer) async throws -> [Int64: GradingRecord] {
        try await read { db in
            let ids = IDSet.json(riskPointIDs)
            var inSight: SQLText = "SELECT id FROM risk_point WHERE id IN (\(sql: db.idSet, arguments: [ids]))"
            if let visible = viewer.visibleEnterpriseIDs { inSight = inSight + " AND enterprise_id IN (\(visible))" }
            let sql: SQLText = """
                SELECT g.* FROM risk_grading g
                JOIN (SELECT risk_point_id, MAX(sequence) AS latest FROM risk_grading WHERE risk_point_id IN (\(inSight))
                      GROUP BY risk_point_id) AS m
                  ON g.risk_point_id = m.risk_point_id AND g.sequence = m.latest
                """
            let rows = try GradingRow.fetchAll(db, sql)
            return Dictionary(rows.map { ($0.riskPointID, $0.record) }, uniquingKeysWith: { first, _ in first })
        }
    }

    public func riskPoint(_ id: Int64, visibleTo viewer: Viewer) async throws -> (RiskPoint, [GradingRecord]) {
        try await read { db in
            guard let point = try RiskPoint.byID(id, in: db) else { throw NotFoundError(what: "risk point", key: "\(id)") }
            try Self.requireVisible(point.enterpriseID, to: viewer, what: "risk point", key: "\(id)", in: db)
            let gradings = try GradingRow.fetchAll(db, where: "risk_point_id", is: id, orderedBy: "sequence").map(\.record)
            return (point, gradings)
        }
    }

    /// Workshop, team and post must nest inside each other and inside the enterprise.
    static func checkPlace(enterpriseID: Int64, workshopID: Int64, teamID: Int64?, postID: Int64?, in db: any SQLContext) throws {
        guard try Lookup.enterpriseID(ofRowIn: "workshop", id: workshopID, in: db) == enterpriseID else {
            throw NotFoundError(what: "workshop of this enterprise", key: "\(workshopID)")
        }
        if let teamID {
            guard try Lookup.column("SELECT workshop_id FROM team WHERE id = ?", teamID, in: db) == .some(workshopID) else {
                throw NotFoundError(what: "team of this workshop", key: "\(teamID)")
            }
        }
        if let postID {
            guard let team = try Lookup.column("SELECT team_id FROM post WHERE id = ?", postID, in: db), team == teamID else {
                throw NotFoundError(what: "post of this team", key: "\(postID)")
            }
        }
    }
}

extension StoreRepository {
    public func importChecklist(
        _ checklist: Checklist,
        enterpriseID: Int64,
        workshopID: Int64,
        by actor: Actor,
        at now: Date
    ) async throws -> ImportReport {
        let bands = bands
        let dimensions = dimensions
        return try await actRecordingAll(at: now) { db in
            try Self.importChecklist(
                checklist,
                enterpriseID: enterpriseID,
                workshopID: workshopID,
                by: actor,
                at: now,
                bands: bands,
                dimensions: dimensions,
                in: db
            )
        }
    }

    static func importChecklist(
        _ checklist: Checklist,
        enterpriseID: Int64,
        workshopID: Int64,
        by actor: Actor,
        at now: Date,
        bands: GradingBands,
        dimensions: DimensionCatalog,
        in db: any SQLContext
    ) throws -> (ImportReport, [AuditDraft]) {
        let actor = try Self.current(actor, at: now, in: db)
        try GradingRecord.authorize(actor, enterpriseID: enterpriseID)
        try Self.checkPlace(enterpriseID: enterpriseID, workshopID: workshopID, teamID: nil, postID: nil, in: db)
        // The workshop's points made from this checklist: their template reference starts with its category and a
        // slash (compared as text, with no pattern: a category may hold `%` or `_`).
        let prefix = "\(checklist.category)/"
        let existing = Dictionary(
            uniqueKeysWithValues:
                try TableQuery<RiskPoint>()
                .filter("workshop_id", is: workshopID)
                // Stated, so that the partial index on (workshop_id, template_ref) is used: without it each import
                // read every risk point of the province (1.5 M at 50,000 enterprises).
                .filter("template_ref IS NOT NULL")
                .filter("substr(template_ref, 1, length(\(prefix))) = \(prefix)")
                .fetchAll(db).compactMap { point in point.templateRef.map { ($0, point) } }
        )
        let people = try Person.fetchAll(db, where: "enterprise_id", is: enterpriseID, orderedBy: "id")
        var report = ImportReport(category: checklist.category, version: checklist.version)
        var drafts: [AuditDraft] = []
        for template in checklist.riskPoints {
            let ref = "\(checklist.category)/\(template.code)"
            let snapshot = Self.payload(template)
            if let point = existing[ref] {
                let before = point.templateSnapshot.flatMap { try? JSONDecoder().decode(TemplateRiskPoint.self, from: Data($0.utf8)) }
                let fields = before.map { template.differences(from: $0) } ?? ["(unreadable snapshot)"]
                if fields.isEmpty {
                    report.unchanged.append(template.code)
                } else {
                    report.changed.append(.init(code: template.code, riskPointID: point.id, fields: fields))
                }
                continue
            }
            // The owner is the person of the template's role in this workshop (enterprise-level roles: in the enterprise);
            // failing that, the importer, flagged, rather than someone of another workshop.
            let enterpriseLevel: Set<Role> = [.principal, .director, .officer]
            let owner = people.first { $0.role == template.responsibleRole && (enterpriseLevel.contains($0.role) || $0.workshopID == workshopID) }
            var point = template.instantiate(
                enterpriseID: enterpriseID,
                workshopID: workshopID,
                ownerID: owner?.id ?? actor.id,
                category: checklist.name.zh
            )
            point.dimension = try dimensions.resolve(point.dimension).code
            try point.validate(dimensions: dimensions)
            let result = try Grader.grade(template.grading, bands: bands)
            point.id = try Self.nextID("risk_point", in: db)
            point.colour = result.colour
            point.templateRef = ref
            point.templateSnapshot = snapshot
            try point.insert(db)
            let grading = GradingRecord(
                riskPointID: point.id,
                sequence: 1,
                result: result,
                gradedBy: actor.id,
                gradedAt: now,
                reason: "suggested by checklist \(checklist.category) v\(checklist.version)"
            )
            try GradingRow(grading).insert(db)
            report.added.append(
                .init(code: template.code, riskPointID: point.id, colour: result.colour, ownerID: point.ownerID, ownerByDefault: owner == nil)
            )
            struct Imported: Encodable {
                var riskPoint: RiskPoint
                var grading: GradingRecord
            }
            drafts.append(
                AuditDraft(
                    actor: actor,
                    action: "riskPoint.import",
                    objectType: "risk_point",
                    objectID: point.id,
                    enterpriseID: enterpriseID,
                    summary: "\(ref) → \(result.colour.rawValue)",
                    payload: Self.payload(Imported(riskPoint: point, grading: grading))
                )
            )
        }
        let codes = Set(checklist.riskPoints.map { "\(checklist.category)/\($0.code)" })
        report.removed = existing.keys.filter { !codes.contains($0) }.map { String($0.dropFirst(checklist.category.count + 1)) }.sorted()
        drafts.append(
            AuditDraft(
                actor: actor,
                action: "checklist.import",
                objectType: "checklist_import",
                objectID: workshopID,
                enterpriseID: enterpriseID,
                summary:
                    "\(checklist.category) v\(checklist.version): \(report.added.count) added, \(report.unchanged.count) unchanged, \(report.changed.count) changed in the template",
                payload: Self.payload(report)
            )
        )
        return (report, drafts)
    }
}
