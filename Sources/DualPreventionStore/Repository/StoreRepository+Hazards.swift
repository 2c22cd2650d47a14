import DualPrevention
import Foundation
import GRDB

extension StoreRepository {
    public func reportHazard(_ report: HazardReport, by actor: Actor, at now: Date) async throws -> Hazard {
        try requireWritable()
        return try await evidenceStore.withIngested(report.evidence, releasingIn: database) { files in
            try await actRecordingAll(at: now) { db in
                try Self.reportHazard(report, files: files, by: actor, at: now, in: db)
            }
        }
    }

    /// Reports a hazard inside the caller's transaction; returns it with its audit entry and, for a major hazard, the
    /// production stop's.
    static func reportHazard(
        _ report: HazardReport,
        files: [(EvidenceFile, EvidenceStore.Stored)],
        by actor: Actor,
        at now: Date,
        in db: any SQLContext
    ) throws -> (Hazard, [AuditDraft]) {
        let actor = try Self.current(actor, at: now, in: db)
        let enterpriseID = try Hazard.reportingEnterprise(of: actor)
        guard let enterprise = try Lookup.enterprisePlace(enterpriseID, in: db) else {
            throw NotFoundError(what: "enterprise", key: "\(enterpriseID)")
        }
        try Self.checkPlace(enterpriseID: enterpriseID, workshopID: report.workshopID, teamID: report.teamID, postID: report.postID, in: db)
        if let riskPointID = report.riskPointID {
            guard let point = try RiskPoint.byID(riskPointID, in: db), point.enterpriseID == enterpriseID else {
                throw NotFoundError(what: "risk point of this enterprise", key: "\(riskPointID)")
            }
            try point.requireWorkshop(report.workshopID)
        }
        let local = try LocalTime(timeZoneID: enterprise.timeZoneID)
        let number = try HazardStorage.nextNumber(.hazard, enterpriseID: enterpriseID, year: local.year(of: now), in: db)
        let draft = HazardDraft(
            number: number,
            enterpriseID: enterpriseID,
            jurisdictionPath: try Self.path(of: enterprise.jurisdictionID, in: db),
            workshopID: report.workshopID,
            teamID: report.teamID,
            postID: report.postID,
            riskPointID: report.riskPointID,
            source: report.source,
            grade: report.grade,
            description: report.description,
            location: report.location,
            foundAt: report.foundAt ?? now
        )
        var (hazard, transition) = try Hazard.report(draft, by: actor, at: now)
        hazard.id = try Self.nextID("hazard", in: db)
        try HazardStorage.insert(hazard, in: db)
        let hashes = try Self.link(files, to: "hazard", hazardID: hazard.id, by: actor, at: now, in: db)
        let stop = try Self.stopOnReport(hazard, transition, scope: report.stopScope, by: actor, at: now, in: db)
        return (hazard, [Self.audit(hazard, transition, by: actor, evidence: hashes)] + (stop.map { [$0] } ?? []))
    }

    public func perform(_ command: HazardCommand, on hazardKey: String, by actor: Actor, at now: Date) async throws -> (Hazard, Transition) {
        let evidence: [EvidenceFile]
        switch command {
        case .submitRectification(_, _, _, let files), .accept(_, _, _, let files):
            evidence = files
        case .issueNotice, .event:
            evidence = []
        }
        try requireWritable()
        return try await evidenceStore.withIngested(evidence, releasingIn: database) { files in
            try await actRecordingAll(at: now) { db in
                try Self.perform(command, on: hazardKey, files: files, by: actor, at: now, in: db)
            }
        }
    }

    /// One hazard action inside the caller's transaction; returns the hazard, the transition and their audit entries.
    static func perform(
        _ command: HazardCommand,
        on hazardKey: String,
        files: [(EvidenceFile, EvidenceStore.Stored)],
        by actor: Actor,
        at now: Date,
        in db: any SQLContext
    ) throws -> ((Hazard, Transition), [AuditDraft]) {
        let actor = try Self.current(actor, at: now, in: db)
        var hazard = try Self.findHazard(hazardKey, visibleTo: .person(actor), in: db)
        let (transition, drafts) = try Self.apply(command, to: &hazard, files: files, by: actor, at: now, in: db)
        return ((hazard, transition), drafts)
    }

    /// Decides and saves one action on a hazard already loaded (by `perform`, or held by the generator): the machine
    /// decides, the store saves the change, links the evidence, and returns the audit entries of the action and of
    /// what it brings about.
    static func apply(
        _ command: HazardCommand,
        to hazard: inout Hazard,
        files: [(EvidenceFile, EvidenceStore.Stored)],
        by actor: Actor,
        at now: Date,
        in db: any SQLContext
    ) throws -> (Transition, [AuditDraft]) {
        let old = hazard
        let event: HazardEvent
        var attachedTo = "hazard"
        switch command {
        case .issueNotice(let receiverID, let unit, let nature, let measures, let deadline):
            guard let receiver = try Self.actor(receiverID, in: db) else { throw NotFoundError(what: "person", key: "\(receiverID)") }
            let enterprise = try Lookup.enterprisePlace(hazard.enterpriseID, in: db)
            let local = try LocalTime(timeZoneID: enterprise?.timeZoneID ?? Enterprise.defaultTimeZoneID)
            // The number is drawn only once the rules allow the notice, so a refusal leaves no gap.
            try hazard.permitIssue(by: actor, at: now)
            let number = try HazardStorage.nextNumber(.notice, enterpriseID: hazard.enterpriseID, year: local.year(of: now), in: db)
            event = .issueNotice(
                NoticeDraft(
                    number: number,
                    receiver: receiver,
                    responsibleUnit: unit,
                    nature: nature,
                    requiredMeasures: measures,
                    deadline: deadline
                )
            )
        case .submitRectification(let measures, let completedAt, let funds, _):
            event = .submitRectification(
                SubmissionDraft(measuresTaken: measures, completedAt: completedAt, funds: funds, evidence: files.map(\.1.sha256))
            )
            attachedTo = "submission"
        case .accept(let passed, let criteria, let opinion, _):
            event = .accept(AcceptanceDraft(passed: passed, criteria: criteria, opinion: opinion, evidence: files.map(\.1.sha256)))
            attachedTo = "acceptance"
        case .event(let plain):
            event = plain
        }
        let transition = try hazard.apply(event, by: actor, at: now)
        if case .accept = event { try Self.products(of: old.id, in: db).admit(event, on: old) }
        try HazardStorage.save(hazard, old: old, in: db)
        let hashes = try Self.link(files, to: attachedTo, hazardID: hazard.id, by: actor, at: now, in: db)
        return (
            transition,
            [Self.audit(hazard, transition, old: old, by: actor, evidence: hashes)]
                + (try Self.carryOut(transition, of: hazard, by: actor, at: now, in: db))
        )
    }

    public func hazard(_ key: String, visibleTo viewer: Viewer) async throws -> Hazard {
        try await read { db in try Self.findHazard(key, visibleTo: viewer, in: db) }
    }

    public func hazards(_ filter: HazardFilter, visibleTo viewer: Viewer) async throws -> [Hazard] {
        try await read { db in
            try HazardStorage.assemble(Self.hazardRequest(filter, visibleTo: viewer, in: db).fetchAll(db), in: db)
        }
    }

    public func evidence(of hazardID: Int64, visibleTo viewer: Viewer) async throws -> [EvidenceItem] {
        try await read { db in
            _ = try Self.findHazard(String(hazardID), visibleTo: viewer, in: db)
            return try Self.evidenceItems(hazardID: hazardID, in: db)
        }
    }

    public func evidenceContents(_ sha256: String, of hazardID: Int64, visibleTo viewer: Viewer) async throws -> (EvidenceItem, Data) {
        let store = evidenceStore
        return try await read { db in
            _ = try Self.findHazard(String(hazardID), visibleTo: viewer, in: db)
            guard let item = try Self.evidenceItems(hazardID: hazardID, in: db).first(where: { $0.sha256 == sha256 }) else {
                throw NotFoundError(what: "evidence", key: sha256)
            }
            return (item, try store.contents(of: sha256))
        }
    }

    /// The files attached to a hazard, each under the name it was attached with (not another attachment's of the same
    /// bytes, which may be another enterprise's).
    static func evidenceItems(hazardID: Int64, in db: any SQLContext) throws -> [EvidenceItem] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT l.sha256, l.file_name, e.size, l.object_type, l.label, l.attached_at
                FROM evidence_link l JOIN evidence e ON e.sha256 = l.sha256
                WHERE l.hazard_id = ? ORDER BY l.attached_at, l.sha256
                """,
            arguments: [hazardID]
        ).map { row in
            EvidenceItem(
                sha256: row["sha256"],
                fileName: row["file_name"],
                size: row["size"],
                attachedTo: row["object_type"],
                label: row["label"],
                attachedAt: row["attached_at"]
            )
        }
    }

    /// A hazard by id, hazard number or notice number, if the actor may see it.
    static func findHazard(_ key: String, visibleTo viewer: Viewer, in db: any SQLContext) throws -> Hazard {
        var ids: [Int64] = []
        if let id = Int64(key) {
            ids = [id]
        } else {
            ids = try Int64.fetchAll(
                db,
                sql: """
                    SELECT id FROM hazard WHERE number = ? UNION SELECT hazard_id FROM rectification_notice WHERE number = ?
                    """,
                arguments: [key, key]
            )
            if let visible = viewer.visibleEnterpriseIDs {
                ids = try Int64.fetchAll(
                    db,
                    "SELECT id FROM hazard WHERE id IN (\(sql: db.idSet, arguments: [IDSet.json(ids)])) AND enterprise_id IN (\(visible)) ORDER BY id"
                )
            }
        }
        guard ids.count <= 1 else {
            throw StoreError.ambiguous(what: "hazards", key: key, candidates: ["\(ids.count) enterprises"])
        }
        guard let id = ids.first, let hazard = try HazardStorage.load(id, in: db) else { throw NotFoundError(what: "hazard", key: key) }
        try requireVisible(hazard.enterpriseID, to: viewer, what: "hazard", key: key, in: db)
        return hazard
    }

    /// Records evidence files and links them to the hazard; returns their hashes for the audit entry.
    static func link(
        _ files: [(EvidenceFile, EvidenceStore.Stored)],
        to objectType: String,
        hazardID: Int64,
        by actor: Actor,
        at now: Date,
        in db: any SQLContext
    ) throws -> [String] {
        for (file, stored) in files {
            guard ["before", "after", "document"].contains(file.label) else {
                throw InputError(
                    rule: "EVIDENCE-LABEL",
                    message: Text("sQLiteRepository.evidenceLabelNotKnown", "\(file.label)"),
                    hint: Text("sQLiteRepository.useBeforeAfterDocument")
                )
            }
            try stored.place()
            try db.execute(
                sql: "INSERT INTO evidence (sha256, file_name, size, stored_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                arguments: [stored.sha256, stored.fileName, stored.size, now]
            )
            try db.execute(
                sql: """
                    INSERT INTO evidence_link (sha256, object_type, hazard_id, label, attached_by, attached_at, file_name)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING
                    """,
                arguments: [stored.sha256, objectType, hazardID, file.label, actor.id, now, stored.fileName]
            )
        }
        return files.map(\.1.sha256)
    }

    /// The audit entry of a hazard action: the report records the whole hazard, every later action only what it
    /// changed since `old` (`HazardChanges`).
    static func audit(_ hazard: Hazard, _ transition: Transition, old: Hazard? = nil, by actor: Actor, evidence: [String]) -> AuditDraft {
        struct Reported: Encodable {
            var transition: Transition
            var hazard: Hazard
        }
        struct Changed: Encodable {
            var transition: Transition
            var changes: HazardChanges
        }
        return AuditDraft(
            actor: actor,
            action: "hazard.\(transition.action.rawValue)",
            objectType: "hazard",
            objectID: hazard.id,
            enterpriseID: hazard.enterpriseID,
            summary: "\(hazard.number) \(transition.from.rawValue) → \(transition.to.rawValue)",
            payload: old.map { payload(Changed(transition: transition, changes: HazardChanges(old: $0, new: hazard))) }
                ?? payload(Reported(transition: transition, hazard: hazard)),
            evidence: evidence
        )
    }
}

extension StoreRepository {
    /// What a transition brings about beyond the hazard (a risk point due for re-grading), each with its own audit
    /// entry, so that the other record's recorded state keeps matching its row.
    static func carryOut(_ transition: Transition, of hazard: Hazard, by actor: Actor, at now: Date, in db: any SQLContext) throws -> [AuditDraft] {
        var drafts: [AuditDraft] = []
        for effect in transition.effects {
            if case .regradeRiskPoint(let riskPointID) = effect, var point = try RiskPoint.byID(riskPointID, in: db) {
                point.regradeDue = true
                try point.update(db)
                drafts.append(
                    AuditDraft(
                        actor: actor,
                        action: "riskPoint.regradeDue",
                        objectType: "risk_point",
                        objectID: riskPointID,
                        enterpriseID: point.enterpriseID,
                        summary: "re-grading due after \(hazard.number) closed",
                        payload: payload(["riskPoint": point])
                    )
                )
            }
        }
        return drafts + (try settleTask(after: hazard, by: actor, at: now, in: db))
    }
}
