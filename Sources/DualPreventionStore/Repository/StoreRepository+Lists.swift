import DualPrevention
import Foundation
import GRDB

extension StoreRepository {
    public func evaluateLists(quarter: ReportingPeriod, rules: ListRules, by actor: Actor, at now: Date) async throws -> [ListEntry] {
        try await actRecordingAll(at: now) { db in try Self.evaluateLists(quarter: quarter, rules: rules, by: actor, at: now, in: db) }
    }

    static func evaluateLists(
        quarter: ReportingPeriod,
        rules: ListRules,
        by actor: Actor,
        at now: Date,
        in db: any SQLContext
    ) throws -> ([ListEntry], [AuditDraft]) {
        let actor = try Self.current(actor, at: now, in: db)
        try ListEntry.mayEvaluate(actor)
        guard quarter.unit == .quarter else {
            throw InputError(
                rule: "LIST-QUARTER",
                message: Text("sQLiteRepository.listsEvaluatedPerQuarter", "\(quarter)"),
                hint: Text("sQLiteRepository.exampleQuarter2026q3")
            )
        }
        var entries: [ListEntry] = []
        var audits: [AuditDraft] = []
        for enterprise in try TableQuery<Enterprise>().visible(to: .person(actor), column: "id").fetchAll(db) {
            let end = quarter.end(in: try LocalTime(timeZoneID: enterprise.timeZoneID))
            guard end <= now else {
                throw InputError(
                    rule: "LIST-QUARTER-OPEN",
                    message: Text("sQLiteRepository.hasNotEndedYet", "\(quarter)"),
                    hint: Text("sQLiteRepository.evaluateQuarterThatHas")
                )
            }
            // With the violations the hazards themselves establish: a listed major hazard left overdue.
            let listedMajors = try HazardRow.fetchAll(
                db,
                sql: "SELECT * FROM hazard WHERE enterprise_id = ? AND grade = 'major' AND id IN (SELECT hazard_id FROM supervision_listing)",
                arguments: [enterprise.id]
            )
            let derived = try HazardStorage.assemble(listedMajors, in: db).compactMap { QualityRecord.refusedRectification($0, asOf: end) }
            let records = try QualityRecord.fetchAll(db, where: "enterprise_id", is: enterprise.id) + derived
            let existing = try ListEntry.fetchAll(db, where: "enterprise_id", is: enterprise.id)
            for proposal in ListEvaluator.evaluate(rules, enterpriseID: enterprise.id, records: records, existing: existing, asOf: end, knownAt: now)
            {
                // A criterion already proposed for this quarter (on other evidence) is left to its review.
                if existing.contains(where: { $0.quarter == quarter.description && $0.criterion == proposal.criterion.code }) { continue }
                var entry = ListEntry(
                    quarter: quarter.description,
                    enterpriseID: enterprise.id,
                    criterion: proposal.criterion,
                    evidence: proposal.evidence,
                    proposedBy: actor.id,
                    proposedAt: now
                )
                entry.id = try Self.nextID("list_entry", in: db)
                try entry.insert(db)
                entries.append(entry)
                audits.append(
                    AuditDraft(
                        actor: actor,
                        action: "list.propose",
                        objectType: "list_entry",
                        objectID: entry.id,
                        enterpriseID: enterprise.id,
                        summary: "\(entry.list.rawValue) \(entry.criterion) \(entry.quarter)",
                        payload: Self.payload(entry)
                    )
                )
            }
        }
        return (entries, audits)
    }

    public func reviewListEntry(_ id: Int64, approve: Bool, note: String, by actor: Actor, at now: Date) async throws -> ListEntry {
        try await act(at: now) { db in try Self.reviewListEntry(id, approve: approve, note: note, by: actor, at: now, in: db) }
    }

    static func reviewListEntry(
        _ id: Int64,
        approve: Bool,
        note: String,
        by actor: Actor,
        at now: Date,
        in db: any SQLContext
    ) throws -> (ListEntry, AuditDraft) {
        let actor = try Self.current(actor, at: now, in: db)
        var entry = try Self.listEntry(id, visibleTo: .person(actor), in: db)
        try entry.review(approve: approve, note: note, by: actor, jurisdictionPath: Self.enterprisePath(entry.enterpriseID, in: db), at: now)
        try entry.update(db)
        return (
            entry,
            AuditDraft(
                actor: actor,
                action: approve ? "list.approve" : "list.reject",
                objectType: "list_entry",
                objectID: entry.id,
                enterpriseID: entry.enterpriseID,
                summary: note,
                payload: Self.payload(entry)
            )
        )
    }

    public func publishLists(quarter: String, by actor: Actor, at now: Date) async throws -> [ListEntry] {
        try await actRecordingAll(at: now) { db in try Self.publishLists(quarter: quarter, by: actor, at: now, in: db) }
    }

    static func publishLists(quarter: String, by actor: Actor, at now: Date, in db: any SQLContext) throws -> ([ListEntry], [AuditDraft]) {
        let actor = try Self.current(actor, at: now, in: db)
        let entries = try TableQuery<ListEntry>().filter("quarter", is: quarter).visible(to: .person(actor)).fetchAll(db)
        var paths: [Int64: [Int64]] = [:]
        for id in Set(entries.map(\.enterpriseID)) { paths[id] = try Self.enterprisePath(id, in: db) }
        let published = try ListEntry.publishing(entries, quarter: quarter, by: actor, paths: paths, at: now)
        var audits: [AuditDraft] = []
        for entry in published {
            try entry.update(db)
            audits.append(
                AuditDraft(
                    actor: actor,
                    action: "list.publish",
                    objectType: "list_entry",
                    objectID: entry.id,
                    enterpriseID: entry.enterpriseID,
                    summary: "\(entry.list.rawValue) \(entry.quarter)",
                    payload: Self.payload(entry)
                )
            )
        }
        return (published, audits)
    }

    public func listEntries(quarter: String?, visibleTo viewer: Viewer) async throws -> [ListEntry] {
        try await read { db in try Self.listEntryRequest(quarter: quarter, visibleTo: viewer).fetchAll(db) }
    }

    public func listEntryPage(quarter: String?, page: PageRequest, visibleTo viewer: Viewer) async throws -> Paged<ListEntry> {
        try await read { db in try Paged(Self.listEntryRequest(quarter: quarter, visibleTo: viewer), page, in: db) }
    }

    static func listEntryRequest(quarter: String?, visibleTo viewer: Viewer) -> TableQuery<ListEntry> {
        var request = TableQuery<ListEntry>(orderedBy: "quarter, id")
        if let quarter { request = request.filter("quarter", is: quarter) }
        return request.visible(to: viewer)
    }

    /// Every published entry and what the public saw of it at `date`. Public information: no viewer needed.
    public func publishedLists(rules: ListRules, at date: Date) async throws -> [ListingLine] {
        try await read { db in
            // A published entry always has its `published_at` (the schema's check): no NULL to place in the order.
            let entries = try TableQuery<ListEntry>(orderedBy: "published_at, id").filter("state", is: ListEntry.State.published.rawValue)
                .fetchAll(db)
            return try Self.listingLines(entries, rules: rules, at: date, in: db)
        }
    }

    public func listingLines(of entries: [ListEntry], rules: ListRules, at date: Date) async throws -> [ListingLine] {
        try await read { db in try Self.listingLines(entries.filter { $0.state == .published }, rules: rules, at: date, in: db) }
    }

    public func publicLists(rules: ListRules, at date: Date, now: Date) async throws -> [ListingLine] {
        try await read { db in
            let window = rules.publicWindow(at: min(date, now))
            let entries = try ListEntry.fetchAll(
                db,
                """
                SELECT * FROM list_entry WHERE state = 'published' AND published_at <= \(window.publishedBy)
                AND ((list = 'red' AND published_at > \(window.redPublishedAfter)) OR (list = 'black' AND quarter >= \(window.blackFromQuarter)))
                ORDER BY published_at, id
                """
            )
            let shown = try Self.listingLines(entries, rules: rules, at: date, in: db).filter(\.visibility.isPublic)
            guard date != now else { return shown }
            let stillShown = Set(
                try Self.listingLines(shown.map(\.entry), rules: rules, at: now, in: db).filter(\.visibility.isPublic).map(\.entry.id)
            )
            return shown.filter { stillShown.contains($0.entry.id) }
        }
    }

    /// Each entry with its enterprise and what the public saw of it at an instant: the enterprises in one read, and the
    /// records of the red entries' enterprises (a breach drops a red entry) in another, however many entries.
    static func listingLines(_ entries: [ListEntry], rules: ListRules, at date: Date, in db: any SQLContext) throws -> [ListingLine] {
        guard !entries.isEmpty else { return [] }
        let enterprises = Dictionary(
            try Enterprise.fetchAll(
                db,
                "SELECT * FROM enterprise WHERE id IN (\(sql: db.idSet, arguments: [IDSet.json(Array(Set(entries.map(\.enterpriseID))))]))"
            ).map { ($0.id, $0) },
            uniquingKeysWith: { first, _ in first }
        )
        let red = Array(Set(entries.filter { $0.list == .red }.map(\.enterpriseID)))
        let records =
            red.isEmpty
            ? [:]
            : Dictionary(
                grouping: try QualityRecord.fetchAll(
                    db,
                    "SELECT * FROM quality_record WHERE enterprise_id IN (\(sql: db.idSet, arguments: [IDSet.json(red)])) ORDER BY id"
                ),
                by: \.enterpriseID
            )
        return try entries.compactMap { entry in
            guard let enterprise = enterprises[entry.enterpriseID] else { return nil }
            let breach = rules.breach(of: entry, in: records[entry.enterpriseID] ?? [], at: date)
            return ListingLine(
                entry: entry,
                enterpriseName: enterprise.name,
                creditCode: enterprise.creditCode.value,
                visibility: entry.visibility(at: date, rules: rules, breach: breach, local: try LocalTime(timeZoneID: enterprise.timeZoneID))
            )
        }
    }

    static func listEntry(_ id: Int64, visibleTo viewer: Viewer, in db: any SQLContext) throws -> ListEntry {
        guard let entry = try ListEntry.byID(id, in: db) else { throw NotFoundError(what: "list entry", key: "#\(id)") }
        try requireVisible(entry.enterpriseID, to: viewer, what: "list entry", key: "#\(id)", in: db)
        return entry
    }
}
