import DualPrevention
import Foundation
import GRDB

extension StoreRepository {
    public func issueWarning(
        _ request: WarningRequest,
        rules: EscalationRules,
        by actor: Actor,
        at now: Date
    ) async throws -> (RiskWarning, [WarningTask]) {
        try await actRecordingAll(at: now) { db in
            let actor = try Self.current(actor, at: now, in: db)
            let viewer = Viewer.person(actor)
            var candidates: [ScopeCandidate] = []
            let chosen: SQLText
            if let category = request.category?.trimmingCharacters(in: .whitespacesAndNewlines) {
                chosen = "product_category = \(category)"
            } else {
                chosen = "id IN (\(sql: db.idSet, arguments: [IDSet.json(request.enterpriseIDs)]))"
            }
            var rows: [(Int64, Int64, String)] = []
            try Self.eachRow(db, "SELECT id, jurisdiction_id, product_category FROM enterprise WHERE \(viewer.sees("id")) AND \(chosen) ORDER BY id")
            {
                rows.append(($0[0], $0[1], $0[2]))
            }
            let paths = try Self.enterprisePaths(rows.map(\.0), in: db)
            candidates = rows.map { ScopeCandidate(enterpriseID: $0.0, jurisdictionPath: paths[$0.0] ?? [], productCategory: $0.2) }
            let office = actor.jurisdictionID ?? 0
            let time = try LocalTime(timeZoneID: Enterprise.defaultTimeZoneID)
            let scope: WarningScope = request.category.map { .category($0) } ?? .enterprises(request.enterpriseIDs)
            let draft = WarningDraft(
                number: "",
                kind: request.kind,
                title: request.title,
                text: request.text,
                scope: scope,
                items: request.items,
                checklistID: request.checklistID,
                deadline: request.deadline
            )
            var (warning, tasks) = try RiskWarning.issue(draft, candidates: candidates, by: actor, at: now, rules: rules, time: time)
            // The number is drawn once the rules allow the warning, so a refusal leaves no gap.
            warning.number = try Self.nextOfficeNumber("YJ", office: office, year: time.year(of: now), in: db)
            warning.id = try Self.nextID("warning", in: db)
            try warning.insert(db)
            var drafts = [
                AuditDraft(
                    actor: actor,
                    action: "warning.issue",
                    objectType: "warning",
                    objectID: warning.id,
                    enterpriseID: nil,
                    summary: "\(warning.number) \(warning.title) → \(tasks.count)",
                    payload: Self.payload(warning)
                )
            ]
            var nextTask = try Self.nextID("warning_task", in: db)
            for index in tasks.indices {
                (tasks[index].id, tasks[index].warningID) = (nextTask, warning.id)
                nextTask += 1
                let row = WarningTaskRow(tasks[index])
                try row.insert(db)
                drafts.append(Self.audit(row, action: "warningTask.issue", summary: "\(warning.number) → enterprise #\(row.enterpriseID)", by: actor))
            }
            return ((warning, tasks), drafts)
        }
    }

    public func warnings(ofTasks taskIDs: [Int64], visibleTo viewer: Viewer) async throws -> [Int64: RiskWarning] {
        guard !taskIDs.isEmpty else { return [:] }
        return try await read { db in
            var warningOfTask: [Int64: Int64] = [:]
            try Self.eachRow(
                db,
                """
                SELECT id, warning_id FROM warning_task
                WHERE id IN (\(sql: db.idSet, arguments: [IDSet.json(taskIDs)])) AND \(viewer.sees("enterprise_id"))
                """
            ) { warningOfTask[$0[0]] = $0[1] }
            let ids = Array(Set(warningOfTask.values))
            let warnings = try RiskWarning.fetchAll(
                db,
                sql: "SELECT * FROM warning WHERE id IN (\(db.idSet))",
                arguments: [IDSet.json(ids)]
            )
            let byID = Dictionary(warnings.map { ($0.id, Self.redacted($0, for: viewer)) }, uniquingKeysWith: { first, _ in first })
            return warningOfTask.compactMapValues { byID[$0] }
        }
    }

    public func warnings(visibleTo viewer: Viewer) async throws -> [RiskWarning] {
        try await read { db in
            try RiskWarning.fetchAll(
                db,
                """
                SELECT * FROM warning w WHERE \(Self.followsWarning(viewer, warning: "w"))
                OR w.id IN (SELECT t.warning_id FROM warning_task t WHERE \(viewer.sees("t.enterprise_id")))
                ORDER BY w.issued_at DESC, w.id DESC
                """ as SQLText
            ).map { Self.redacted($0, for: viewer) }
        }
    }

    /// A warning as the viewer sees it (`RiskWarning.seen(by:)`).
    static func redacted(_ warning: RiskWarning, for viewer: Viewer) -> RiskWarning {
        guard case .person(let actor) = viewer else { return warning }
        return warning.seen(by: actor)
    }

    public func warningReport(_ id: Int64, asOf now: Date, visibleTo viewer: Viewer) async throws -> WarningReport {
        try await read { db in
            let taskInSight: SQLText = "(\(Self.followsWarning(viewer, warning: "w")) OR \(viewer.sees("t.enterprise_id")))"
            guard let warning = try RiskWarning.byID(id, in: db),
                try Bool.fetchOne(
                    db,
                    "SELECT EXISTS (SELECT 1 FROM warning w JOIN warning_task t ON t.warning_id = w.id WHERE w.id = \(id) AND \(taskInSight))"
                        as SQLText
                ) == true
            else { throw NotFoundError(what: "warning", key: "\(id)") }
            var lines: [WarningTaskLine] = []
            let rows = try Row.fetchAll(
                db,
                """
                SELECT t.*, e.name AS enterprise_name, j.name AS district_name, e.jurisdiction_id AS district_id,
                  (SELECT count(*) FROM hazard h WHERE h.id IN (\(sql: db.ids(inColumn: "t.hazard_ids")))
                     AND h.state NOT IN ('closed','cancelled')) AS open_hazards
                FROM warning w JOIN warning_task t ON t.warning_id = w.id
                JOIN enterprise e ON e.id = t.enterprise_id JOIN jurisdiction j ON j.id = e.jurisdiction_id
                WHERE w.id = \(id) AND \(taskInSight)
                ORDER BY t.enterprise_id
                """ as SQLText
            )
            var districts: [Int64: WarningDistrictLine] = [:]
            for row in rows {
                let task = try WarningTaskRow(row: row).task(path: [])
                let overdue = task.missedDeadline(at: now)
                lines.append(
                    WarningTaskLine(
                        task: task,
                        enterpriseName: row["enterprise_name"],
                        districtName: row["district_name"],
                        openHazards: row["open_hazards"],
                        overdue: overdue
                    )
                )
                let districtID: Int64 = row["district_id"]
                var line =
                    districts[districtID]
                    ?? WarningDistrictLine(
                        jurisdictionID: districtID,
                        name: row["district_name"],
                        tasks: 0,
                        acknowledged: 0,
                        answered: 0,
                        closed: 0,
                        overdue: 0
                    )
                line.tasks += 1
                if task.state != .issued { line.acknowledged += 1 }
                if task.answeredAt != nil { line.answered += 1 }
                if task.state == .closed { line.closed += 1 }
                if overdue { line.overdue += 1 }
                districts[districtID] = line
            }
            return WarningReport(
                warning: Self.redacted(warning, for: viewer),
                tasks: lines,
                districts: districts.values.sorted { $0.jurisdictionID < $1.jurisdictionID }
            )
        }
    }

    public func acknowledgeTask(warningID: Int64, by actor: Actor, at now: Date) async throws -> WarningTask {
        try await actRecordingAll(at: now) { db in
            let actor = try Self.current(actor, at: now, in: db)
            let (warning, own) = try Self.ownTask(warningID, of: actor, in: db)
            var task = own
            try task.apply(.acknowledge, of: warning, by: actor, at: now)
            let row = WarningTaskRow(task)
            try row.update(db)
            return (
                task,
                [Self.audit(row, action: "warningTask.acknowledge", summary: "\(try Self.warningNumber(warningID, in: db)) acknowledged", by: actor)]
            )
        }
    }

    public func answerTask(
        warningID: Int64,
        results: [WarningTask.ItemResult],
        workshopID: Int64?,
        by actor: Actor,
        at now: Date
    ) async throws -> (WarningTask, [Hazard]) {
        try await actRecordingAll(at: now) { db in
            let actor = try Self.current(actor, at: now, in: db)
            let (warning, own) = try Self.ownTask(warningID, of: actor, in: db)
            var task = own
            let failed = try task.apply(.answer(results), of: warning, by: actor, at: now)
            var drafts: [AuditDraft] = []
            var hazards: [Hazard] = []
            let findings = try WarningTask.findings(failed, of: warning, workshopID: workshopID)
            if !findings.isEmpty {
                let origin = HazardOrigin(kind: .warning, recordID: warning.id, recordNumber: warning.number, acceptingOffice: nil)
                for finding in findings {
                    let (hazard, found) = try Self.openFoundHazard(
                        enterpriseID: task.enterpriseID,
                        workshopID: finding.workshopID,
                        checkItemRef: finding.ref,
                        source: .warning,
                        grade: .general,
                        description: finding.description,
                        foundAt: now,
                        origin: origin,
                        by: actor,
                        at: now,
                        in: db
                    ) { draft, actor, now throws(Refusal) in try Hazard.reportForWarning(draft, origin: origin, by: actor, at: now) }
                    hazards.append(hazard)
                    drafts += found
                }
                try task.apply(.link(hazardIDs: hazards.map(\.id)), of: warning, by: actor, at: now)
            }
            let row = WarningTaskRow(task)
            try row.update(db)
            let verdict = failed.isEmpty ? "no hazard found" : "\(failed.count) failed"
            drafts.insert(Self.audit(row, action: "warningTask.answer", summary: "\(warning.number) answered: \(verdict)", by: actor), at: 0)
            return ((task, hazards), drafts)
        }
    }

    /// After a hazard a warning opened moved: its task closes once none of its hazards is open.
    static func settleTask(after hazard: Hazard, by actor: Actor, at now: Date, in db: any SQLContext) throws -> [AuditDraft] {
        guard let origin = hazard.origin, origin.kind == .warning, !hazard.state.isOpen else { return [] }
        guard
            let row = try WarningTaskRow.fetchOne(
                db,
                sql: "SELECT * FROM warning_task WHERE warning_id = ? AND enterprise_id = ?",
                arguments: [origin.recordID, hazard.enterpriseID]
            ),
            let warning = try RiskWarning.byID(origin.recordID, in: db)
        else { return [] }
        var task = row.task(path: hazard.jurisdictionPath)
        let states = try HazardState.fetchAll(
            db,
            sql: "SELECT state FROM hazard WHERE id IN (\(db.idSet))",
            arguments: [IDSet.json(task.hazardIDs)]
        )
        try task.apply(.settle(hazardStates: states), of: warning, by: actor, at: now)
        let new = WarningTaskRow(task)
        guard new != row else { return [] }
        try new.update(db)
        return [Self.audit(new, action: "warningTask.close", summary: "\(warning.number) closed after \(hazard.number)", by: actor)]
    }

    /// The warning and the acting person's own enterprise's task under it; another enterprise's is not found.
    static func ownTask(_ warningID: Int64, of actor: Actor, in db: any SQLContext) throws -> (RiskWarning, WarningTask) {
        guard let enterpriseID = actor.enterpriseID,
            let row = try WarningTaskRow.fetchOne(
                db,
                sql: "SELECT * FROM warning_task WHERE warning_id = ? AND enterprise_id = ?",
                arguments: [warningID, enterpriseID]
            ),
            let warning = try RiskWarning.byID(warningID, in: db)
        else { throw NotFoundError(what: "warning task of your enterprise", key: "\(warningID)") }
        return (warning, row.task(path: try Self.enterprisePaths([enterpriseID], in: db)[enterpriseID] ?? []))
    }

    static func warningNumber(_ id: Int64, in db: any SQLContext) throws -> String {
        try String.fetchOne(db, sql: "SELECT number FROM warning WHERE id = ?", arguments: [id]) ?? "#\(id)"
    }

    /// True for a regulator at the warning's issuing office or above it: it follows every task.
    static func followsWarning(_ viewer: Viewer, warning alias: String) -> SQLText {
        guard case .person(let actor) = viewer else { return "1 = 1" }
        switch actor.role {
        case .admin: return "1 = 1"
        case .regulator:
            guard let root = actor.jurisdictionID else { return "1 = 0" }
            return """
                \(sql: alias).jurisdiction_id IN (
                  WITH RECURSIVE sub(id) AS (SELECT CAST(\(root) AS BIGINT) UNION SELECT j.id FROM jurisdiction j JOIN sub ON j.parent_id = sub.id)
                  SELECT id FROM sub)
                """
        default: return "1 = 0"
        }
    }

    static func audit(_ row: WarningTaskRow, action: String, summary: String, by actor: Actor) -> AuditDraft {
        AuditDraft(
            actor: actor,
            action: action,
            objectType: "warning_task",
            objectID: row.id,
            enterpriseID: row.enterpriseID,
            summary: summary,
            payload: payload(row)
        )
    }

    /// The next number of a regulator's document (`YJ` warnings, `JC` inspections) for an office and year, gapless.
    static func nextOfficeNumber(_ kind: String, office: Int64, year: Int, in db: any SQLContext) throws -> String {
        let sequence =
            try Int.fetchOne(
                db,
                sql: """
                    INSERT INTO office_counter (jurisdiction_id, kind, year, last) VALUES (?, ?, ?, 1)
                    ON CONFLICT (jurisdiction_id, kind, year) DO UPDATE SET last = office_counter.last + 1
                    RETURNING last
                    """,
                arguments: [office, kind, year]
            ) ?? 1
        return String(format: "%@-%04d-%04d", kind, year, sequence)
    }

    /// Opens a hazard a regulator's record or a warning found, in the enterprise's register, with its origin part.
    static func openFoundHazard(
        enterpriseID: Int64,
        workshopID: Int64,
        checkItemRef: String?,
        source: HazardSource,
        grade: HazardGrade,
        description: String,
        foundAt: Date,
        origin: HazardOrigin,
        by actor: Actor,
        at now: Date,
        in db: any SQLContext,
        decide: (HazardDraft, Actor, Date) throws(Refusal) -> (Hazard, Transition)
    ) throws -> (Hazard, [AuditDraft]) {
        guard let enterprise = try Lookup.enterprisePlace(enterpriseID, in: db) else {
            throw NotFoundError(what: "enterprise", key: "\(enterpriseID)")
        }
        try Self.checkPlace(enterpriseID: enterpriseID, workshopID: workshopID, teamID: nil, postID: nil, in: db)
        let local = try LocalTime(timeZoneID: enterprise.timeZoneID)
        let draft = HazardDraft(
            number: try HazardStorage.nextNumber(.hazard, enterpriseID: enterpriseID, year: local.year(of: now), in: db),
            enterpriseID: enterpriseID,
            jurisdictionPath: try Self.path(of: enterprise.jurisdictionID, in: db),
            workshopID: workshopID,
            checkItemRef: checkItemRef,
            source: source,
            grade: grade,
            description: description,
            foundAt: foundAt
        )
        var (hazard, transition) = try decide(draft, actor, now)
        hazard.id = try Self.nextID("hazard", in: db)
        try HazardStorage.insert(hazard, in: db)
        let stop = try Self.stopOnReport(hazard, transition, scope: nil, by: actor, at: now, in: db)
        return (hazard, [Self.audit(hazard, transition, by: actor, evidence: [])] + (stop.map { [$0] } ?? []))
    }
}
