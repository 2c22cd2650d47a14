import DualPrevention
import Foundation
import GRDB

extension StoreRepository {
    public func addCheckPlan(
        enterpriseID: Int64,
        kind: CheckKind,
        responsibleID: Int64,
        startsOn: Date,
        by actor: Actor,
        at now: Date
    ) async throws -> CheckPlan {
        try await act(at: now) { db in
            try Self.addCheckPlan(
                enterpriseID: enterpriseID,
                kind: kind,
                responsibleID: responsibleID,
                startsOn: startsOn,
                by: actor,
                at: now,
                in: db
            )
        }
    }

    static func addCheckPlan(
        enterpriseID: Int64,
        kind: CheckKind,
        responsibleID: Int64,
        startsOn: Date,
        by actor: Actor,
        at now: Date,
        in db: any SQLContext
    ) throws -> (CheckPlan, AuditDraft) {
        let actor = try Self.current(actor, at: now, in: db)
        try SetupPolicy.mayOrganise(actor, enterpriseID: enterpriseID)
        // One of its people, or its regional director in office.
        guard let responsible = try Self.member(responsibleID, of: enterpriseID, at: now, in: db) else {
            throw NotFoundError(what: "person", key: String(responsibleID))
        }
        try CheckRun.authorize(responsible, kind: kind, enterpriseID: enterpriseID)
        // A start far back would fill the record with misses no one can undo; far ahead, it would opt out of checks.
        guard startsOn >= now.addingTimeInterval(-366 * 86_400), startsOn <= now.addingTimeInterval(31 * 86_400) else {
            throw InputError(
                rule: "CHECK-PLAN-START",
                message: Text("sQLiteRepository.planStartsBetweenYear"),
                hint: Text("sQLiteRepository.exampleFromTodayS")
            )
        }
        if try TableQuery<CheckPlan>().filter("enterprise_id", is: enterpriseID).filter("kind", is: kind.rawValue).fetchCount(db) > 0 {
            throw StoreError.constraint(
                Text("sQLiteRepository.thisEnterpriseAlreadyHas", kind.label),
                underlying: kind.rawValue
            )
        }
        let plan = CheckPlan(
            id: try Self.nextID("check_plan", in: db),
            enterpriseID: enterpriseID,
            kind: kind,
            responsibleID: responsibleID,
            startsOn: startsOn
        )
        try plan.insert(db)
        return (
            plan,
            AuditDraft(
                actor: actor,
                action: "check.plan",
                objectType: "check_plan",
                objectID: plan.id,
                enterpriseID: enterpriseID,
                summary: "\(kind.rawValue) by \(responsible.name)",
                payload: Self.payload(plan)
            )
        )
    }

    public func checkPlans(enterpriseID: Int64?, visibleTo viewer: Viewer) async throws -> [CheckPlan] {
        try await read { db in try Self.checkPlanRequest(enterpriseID: enterpriseID, visibleTo: viewer).fetchAll(db) }
    }

    public func checkPlanPage(enterpriseID: Int64?, page: PageRequest, visibleTo viewer: Viewer) async throws -> Paged<CheckPlan> {
        try await read { db in try Paged(Self.checkPlanRequest(enterpriseID: enterpriseID, visibleTo: viewer), page, in: db) }
    }

    static func checkPlanRequest(enterpriseID: Int64?, visibleTo viewer: Viewer) -> TableQuery<CheckPlan> {
        var request = TableQuery<CheckPlan>(orderedBy: "enterprise_id, id")
        if let enterpriseID { request = request.filter("enterprise_id", is: enterpriseID) }
        return request.visible(to: viewer)
    }

    public func checkPlan(_ id: Int64, visibleTo viewer: Viewer) async throws -> CheckPlan {
        try await read { db in try Self.plan(id, visibleTo: viewer, in: db) }
    }

    public func checkItems(planID: Int64, visibleTo viewer: Viewer) async throws -> [PlannedItem] {
        try await read { db in
            let plan = try Self.plan(planID, visibleTo: viewer, in: db)
            return try Self.items(of: plan, in: db)
        }
    }

    public func recordCheck(
        planID: Int64,
        failures: [String: String],
        minutes: CheckMinutes?,
        evidence: [String: [EvidenceFile]],
        by actor: Actor,
        at now: Date
    ) async throws -> (CheckRun, [Hazard]) {
        try requireWritable()
        try CheckRun.requirePhotosOfFailures(
            photographed: Set(evidence.filter { !$0.value.isEmpty }.keys),
            failed: Set(failures.keys)
        )
        let refs = evidence.keys.sorted()
        let files = refs.flatMap { evidence[$0] ?? [] }
        let owners = refs.flatMap { ref in (evidence[ref] ?? []).map { _ in ref } }
        return try await evidenceStore.withIngested(files, releasingIn: database) { stored in
            let byRef = Dictionary(grouping: zip(owners, stored), by: \.0).mapValues { $0.map(\.1) }
            return try await actRecordingAll(at: now) { db in
                try Self.recordCheck(planID: planID, failures: failures, minutes: minutes, files: byRef, by: actor, at: now, in: db)
            }
        }
    }

    public func checkRun(_ id: Int64, visibleTo viewer: Viewer) async throws -> CheckRun {
        try await read { db in
            guard let run = try Self.checkRunRequest(enterpriseID: nil, visibleTo: viewer).filter("id", is: id).fetchOne(db) else {
                throw NotFoundError(what: "check record", key: String(id))
            }
            return run
        }
    }

    static func recordCheck(
        planID: Int64,
        failures: [String: String],
        minutes: CheckMinutes?,
        files: [String: [(EvidenceFile, EvidenceStore.Stored)]] = [:],
        by actor: Actor,
        at now: Date,
        in db: any SQLContext
    ) throws -> ((CheckRun, [Hazard]), [AuditDraft]) {
        let actor = try Self.current(actor, at: now, in: db)
        let plan = try Self.plan(planID, visibleTo: .person(actor), in: db)
        try CheckRun.authorize(actor, kind: plan.kind, enterpriseID: plan.enterpriseID)
        guard let enterprise = try Enterprise.byID(plan.enterpriseID, in: db) else {
            throw NotFoundError(what: "enterprise", key: String(plan.enterpriseID))
        }
        let local = try LocalTime(timeZoneID: enterprise.timeZoneID)
        let period = CheckSchedule(local: local).period(plan.kind, containing: now)
        guard now >= plan.startsOn else {
            throw InputError(rule: "CHECK-NOT-STARTED", message: Text("sQLiteRepository.planHasNotStarted"))
        }
        if try TableQuery<CheckRun>().filter("plan_id", is: plan.id).filter("period", is: period.key).fetchCount(db) > 0 {
            throw InputError(
                rule: "CHECK-ONCE-PER-PERIOD",
                message: Text("sQLiteRepository.alreadyRecorded", "\(period.key)", plan.kind.label),
                hint: Text("sQLiteRepository.oneRecordPerPeriod")
            )
        }
        if plan.kind == .monthly {
            guard let minutes, minutes.chair.nonBlank != nil, minutes.situation.nonBlank != nil, minutes.decisions.nonBlank != nil else {
                throw InputError(
                    rule: "CHECK-MINUTES",
                    message: Text("sQLiteRepository.monthlyMinutesNeedChair"),
                    hint: Text("sQLiteRepository.giveChairSituationDecisions")
                )
            }
        }
        let items = try Self.items(of: plan, in: db)
        guard !items.isEmpty else {
            throw InputError(
                rule: "CHECK-EMPTY",
                message: Text("sQLiteRepository.noRiskPointScope", plan.kind.label),
                hint: Text("sQLiteRepository.addImportRiskPoints")
            )
        }
        let unknown = Set(failures.keys).subtracting(items.map(\.ref))
        guard unknown.isEmpty else {
            throw InputError(
                rule: "CHECK-ITEM",
                message: Text(
                    zh: "本次检查没有这些项目：\(unknown.sorted().joined(separator: "、"))",
                    en: "this check has no items \(unknown.sorted().joined(separator: ", "))"
                ),
                hint: Text("sQLiteRepository.listItemRefsWith")
            )
        }
        let runID = try Self.nextID("check_run", in: db)
        var results: [ItemResult] = []
        var hazards: [Hazard] = []
        var drafts: [AuditDraft] = []
        let path = try Self.path(of: enterprise.jurisdictionID, in: db)
        for item in items {
            guard let note = failures[item.ref] else {
                results.append(ItemResult(ref: item.ref, riskPointID: item.riskPointID, item: item.item, passed: true, note: ""))
                continue
            }
            guard let point = try RiskPoint.byID(item.riskPointID, in: db) else { continue }
            let number = try HazardStorage.nextNumber(.hazard, enterpriseID: plan.enterpriseID, year: local.year(of: now), in: db)
            let description = item.item + (note.nonBlank.map { "：\($0)" } ?? "")
            var (hazard, transition) = try Hazard.report(
                HazardDraft(
                    number: number,
                    enterpriseID: plan.enterpriseID,
                    jurisdictionPath: path,
                    workshopID: point.workshopID,
                    teamID: point.teamID,
                    postID: point.postID,
                    riskPointID: point.id,
                    checkItemRef: "check:\(runID):\(item.ref)",
                    source: plan.kind.hazardSource,
                    grade: .general,
                    description: description,
                    location: point.controlStage,
                    foundAt: now
                ),
                by: actor,
                at: now
            )
            hazard.id = try Self.nextID("hazard", in: db)
            try HazardStorage.insert(hazard, in: db)
            hazards.append(hazard)
            let hashes = try Self.link(files[item.ref] ?? [], to: "hazard", hazardID: hazard.id, by: actor, at: now, in: db)
            drafts.append(Self.audit(hazard, transition, by: actor, evidence: hashes))
            results.append(ItemResult(ref: item.ref, riskPointID: item.riskPointID, item: item.item, passed: false, note: note, hazardID: hazard.id))
        }
        let run = CheckRun(
            id: runID,
            planID: plan.id,
            enterpriseID: plan.enterpriseID,
            kind: plan.kind,
            period: period.key,
            performedBy: actor.id,
            performedAt: now,
            results: results,
            minutes: minutes
        )
        drafts.insert(try Self.save(run, by: actor, in: db), at: 0)
        return ((run, hazards), drafts)
    }

    public func checkRuns(enterpriseID: Int64?, visibleTo viewer: Viewer) async throws -> [CheckRun] {
        try await read { db in try Self.checkRunRequest(enterpriseID: enterpriseID, visibleTo: viewer).fetchAll(db) }
    }

    public func checkRunPage(enterpriseID: Int64?, page: PageRequest, visibleTo viewer: Viewer) async throws -> Paged<CheckRun> {
        try await read { db in
            try Self.paged(page, for: viewer, everyRow: enterpriseID == nil, in: db) { sight in
                Self.checkRunRequest(enterpriseID: enterpriseID, visibleTo: viewer, sight: sight)
            }
        }
    }

    public func latestCheckRuns(enterpriseID: Int64?, limit: Int, visibleTo viewer: Viewer) async throws -> [CheckRun] {
        try await read { db in
            var request = TableQuery<CheckRun>(orderedBy: "performed_at DESC, id DESC")
            if let enterpriseID { request = request.filter("enterprise_id", is: enterpriseID) }
            // Walks `check_run_by_instant` backwards and stops at the limit, whatever the viewer sees.
            return try request.visible(to: viewer, sight: enterpriseID == nil ? try viewer.sight(in: db) : .little).limit(max(0, limit)).fetchAll(db)
        }
    }

    public func donePeriods(planIDs: [Int64], visibleTo viewer: Viewer) async throws -> [Int64: Set<String>] {
        try await read { db in
            var done: [Int64: Set<String>] = [:]
            // The plans' enterprises first, so that `check_run_by_enterprise` finds the records of these plans alone.
            var sql: SQLText = """
                SELECT plan_id, period FROM check_run
                WHERE enterprise_id IN (SELECT enterprise_id FROM check_plan WHERE id IN (\(sql: db.idSet, arguments: [IDSet.json(planIDs)])))
                  AND plan_id IN (\(sql: db.idSet, arguments: [IDSet.json(planIDs)]))
                """
            if let visible = viewer.visibleEnterpriseIDs { sql = sql + " AND enterprise_id IN (\(visible))" }
            for row in try Row.fetchAll(db, sql) { done[row[0], default: []].insert(row[1]) }
            return done
        }
    }

    /// The check records in sight, in the order they were performed, read as the viewer's `sight` makes fastest:
    /// a page of a viewer who sees much walks `check_run_by_instant`.
    static func checkRunRequest(enterpriseID: Int64?, visibleTo viewer: Viewer, sight: Viewer.Sight = .little) -> TableQuery<CheckRun> {
        var request = TableQuery<CheckRun>(orderedBy: "performed_at, id")
        if let enterpriseID { request = request.filter("enterprise_id", is: enterpriseID) }
        return request.visible(to: viewer, sight: sight)
    }

    static func plan(_ id: Int64, visibleTo viewer: Viewer, in db: any SQLContext) throws -> CheckPlan {
        guard let plan = try CheckPlan.byID(id, in: db) else { throw NotFoundError(what: "check plan", key: String(id)) }
        try requireVisible(plan.enterpriseID, to: viewer, what: "check plan", key: String(id), in: db)
        return plan
    }

    static func items(of plan: CheckPlan, in db: any SQLContext) throws -> [PlannedItem] {
        try RiskPoint.fetchAll(db, where: "enterprise_id", is: plan.enterpriseID, orderedBy: "id")
            .filter(plan.kind.covers).flatMap(PlannedItem.items)
    }
}

extension StoreRepository {
    /// Saves a check record decided elsewhere; returns its audit entry.
    static func save(_ run: CheckRun, by actor: Actor, in db: any SQLContext) throws -> AuditDraft {
        try run.insert(db)
        let summary =
            run.noRiskFound
            ? "\(run.period): \(run.results.count) items, no risk found"
            : "\(run.period): \(run.results.count) items, \(run.failures.count) failed"
        return AuditDraft(
            actor: actor,
            action: "check.\(run.kind.rawValue)",
            objectType: "check_run",
            objectID: run.id,
            enterpriseID: run.enterpriseID,
            summary: summary,
            payload: payload(run)
        )
    }
}
