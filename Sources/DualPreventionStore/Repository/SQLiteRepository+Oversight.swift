import DualPrevention
import Foundation
import GRDB

// The regulator's figures as SQL aggregates: the database counts, Swift only adds up per jurisdiction. Each
// condition below is the SQL twin of `DualPreventionPerformance.loopCounts`; a test holds them equal.

extension SQLiteRepository {
    public func enterpriseFigures(asOf: Date, since: Date, visibleTo viewer: Viewer) async throws -> [EnterpriseFigures] {
        try await read { db in
            let enterprises = try Self.rows(
                db,
                """
                SELECT id, jurisdiction_id, name, time_zone_id FROM enterprise WHERE \(viewer.sees("id")) ORDER BY id
                """
            )
            let loops = try Self.loopTallies(asOf: asOf, since: since, viewer: viewer, in: db)
            let missed = try Self.missedChecks(asOf: asOf, since: since, viewer: viewer, enterprises: enterprises, in: db)
            let grades = try Self.rows(
                db,
                """
                SELECT g.enterprise_id, g.grade, g.score FROM credit_grade g
                WHERE \(viewer.sees("g.enterprise_id")) AND g.id = (
                  SELECT id FROM credit_grade WHERE enterprise_id = g.enterprise_id ORDER BY computed_at DESC, id DESC LIMIT 1)
                """
            )
            let latest = Dictionary(
                grades.map { row -> (Int64, (CreditGrade?, Double)) in
                    (row["enterprise_id"], (CreditGrade(rawValue: row["grade"]), row["score"]))
                },
                uniquingKeysWith: { first, _ in first }
            )
            return enterprises.map { row in
                let id: Int64 = row["id"]
                let loop = loops[id] ?? (.zero, 0)
                return EnterpriseFigures(
                    enterpriseID: id,
                    jurisdictionID: row["jurisdiction_id"],
                    name: row["name"],
                    loop: loop.0,
                    open: loop.1,
                    missedChecks: missed[id] ?? CheckKind.allCases.count,
                    grade: latest[id]?.0,
                    score: latest[id]?.1
                )
            }
        }
    }

    /// Per enterprise: the loop tally over the window, and the hazards open now.
    static func loopTallies(
        asOf: Date,
        since: Date,
        viewer: Viewer,
        in db: Database
    ) throws
        -> [Int64: (DualPreventionPerformance.LoopTally, Int)]
    {
        let rows = try Self.rows(
            db,
            """
            WITH h AS (
              SELECT h.enterprise_id AS e, h.grade, h.found_at, h.state,
                CASE WHEN h.closed_at <= \(asOf) THEN h.closed_at END AS closed_at,
                coalesce(c.cancelled_at <= \(asOf), 0) AS cancelled,
                CASE WHEN n.issued_at IS NULL OR n.issued_at > \(asOf) THEN NULL
                     WHEN x.hazard_id IS NULL THEN n.deadline
                     WHEN x.state = 'granted' AND x.decided_at <= \(asOf) THEN x.requested_deadline
                     ELSE x.previous_deadline END AS dl,
                EXISTS (SELECT 1 FROM supervision_listing l WHERE l.hazard_id = h.id AND l.listed_at <= \(asOf)
                        AND (l.lifted_at IS NULL OR l.lifted_at > \(asOf))) AS listed
              FROM hazard h
              LEFT JOIN rectification_notice n ON n.hazard_id = h.id
              LEFT JOIN extension_request x ON x.hazard_id = h.id
              LEFT JOIN hazard_cancellation c ON c.hazard_id = h.id
              -- A hazard found before the window and closed by its end counts nowhere: skip it before the joins.
              WHERE h.found_at <= \(asOf) AND (h.found_at >= \(since) OR h.closed_at IS NULL OR h.closed_at > \(asOf))
                AND \(viewer.sees("h.enterprise_id"))
            ), f AS (
              SELECT *, (found_at >= \(since) AND NOT cancelled) AS in_window, (closed_at IS NULL AND NOT cancelled) AS open_at FROM h
            )
            SELECT e,
              count(*) FILTER (WHERE in_window) AS found,
              count(*) FILTER (WHERE in_window AND closed_at IS NOT NULL) AS closed,
              count(*) FILTER (WHERE in_window AND dl IS NOT NULL AND (dl <= \(asOf) OR closed_at IS NOT NULL)) AS due,
              count(*) FILTER (WHERE in_window AND closed_at IS NOT NULL AND dl IS NOT NULL AND closed_at <= dl) AS on_time,
              count(*) FILTER (WHERE open_at AND dl < \(asOf)) AS overdue,
              count(*) FILTER (WHERE open_at AND grade = 'major' AND (listed OR dl < \(asOf))) AS bad_major,
              count(*) FILTER (WHERE state NOT IN ('closed', 'cancelled')) AS open
            FROM f GROUP BY e
            """
        )
        var tallies: [Int64: (DualPreventionPerformance.LoopTally, Int)] = [:]
        for row in rows {
            let tally = DualPreventionPerformance.LoopTally(
                found: row["found"],
                closed: row["closed"],
                due: row["due"],
                onTime: row["on_time"],
                overdueOrListedMajor: row["bad_major"],
                overdue: row["overdue"]
            )
            tallies[row["e"]] = (tally, row["open"])
        }
        return tallies
    }

    /// Per enterprise: the check periods missed in the window, plus one per kind of check with no plan in force.
    /// The periods are worked out once per time zone and kind; the database counts the records that cover them.
    static func missedChecks(asOf: Date, since: Date, viewer: Viewer, enterprises: [Row], in db: Database) throws -> [Int64: Int] {
        let zones = Dictionary(enterprises.map { (row: Row) -> (Int64, String) in (row["id"], row["time_zone_id"]) }, uniquingKeysWith: { a, _ in a })
        // Only the columns the count needs, without decoding whole records: a province has tens of thousands of plans.
        let plans = try Self.rows(
            db,
            "SELECT id, enterprise_id, kind, starts_on FROM check_plan WHERE starts_on <= \(asOf) AND \(viewer.sees("enterprise_id"))"
        )
        .compactMap { row -> CheckPlan? in
            guard let kind = CheckKind(rawValue: row["kind"]) else { return nil }
            return CheckPlan(id: row["id"], enterpriseID: row["enterprise_id"], kind: kind, responsibleID: 0, startsOn: row["starts_on"])
        }
        var ended: [String: [CheckKind: [CheckSchedule.Period]]] = [:]
        for zone in Set(zones.values) {
            let schedule = CheckSchedule(local: try (try? LocalTime(timeZoneID: zone)) ?? LocalTime())
            ended[zone] = Dictionary(uniqueKeysWithValues: CheckKind.allCases.map { ($0, schedule.endedPeriods($0, since: since, asOf: asOf)) })
        }
        // Records of each plan for the periods of its kind in the window (any zone: keys sort the same in each).
        var done: [Int64: Int] = [:]
        for kind in CheckKind.allCases {
            let keys = ended.values.compactMap { $0[kind] }.flatMap { $0 }.map(\.key)
            guard let first = keys.min(), let last = keys.max() else { continue }
            let rows = try Self.rows(
                db,
                """
                SELECT plan_id, count(*) AS n FROM check_run
                WHERE kind = \(kind.rawValue) AND period BETWEEN \(first) AND \(last) AND performed_at <= \(asOf)
                  AND \(viewer.sees("enterprise_id"))
                GROUP BY plan_id
                """
            )
            for row in rows { done[row["plan_id"]] = row["n"] }
        }
        var missed = Dictionary(zones.keys.map { ($0, 0) }, uniquingKeysWith: { a, _ in a })
        var planned: [Int64: Set<CheckKind>] = [:]
        for plan in plans {
            let zone = zones[plan.enterpriseID] ?? Enterprise.defaultTimeZoneID
            guard let periods = ended[zone]?[plan.kind] else { continue }
            missed[plan.enterpriseID, default: 0] += DualPreventionPerformance.missedCount(plan: plan, ended: periods, done: done[plan.id] ?? 0)
            planned[plan.enterpriseID, default: []].insert(plan.kind)
        }
        for id in zones.keys { missed[id, default: 0] += CheckKind.allCases.count - (planned[id]?.count ?? 0) }
        return missed
    }

    public func hazardPage(_ filter: HazardFilter, page: PageRequest, visibleTo viewer: Viewer) async throws -> Paged<Hazard> {
        try await read { db in
            let rows = try Self.paged(Self.hazardRequest(filter, visibleTo: viewer), page, in: db)
            return Paged(items: try HazardStorage.assemble(rows.items, in: db), total: rows.total)
        }
    }

    public func hazardBatch(_ filter: HazardFilter, after afterID: Int64, limit: Int, visibleTo viewer: Viewer) async throws -> HazardBatch {
        try await read { db in
            // Keyset paging on the primary key: the thousandth batch costs what the first does.
            let rows = try Self.hazardRequest(filter, visibleTo: viewer).filter(Column("id") > afterID).limit(max(1, limit)).fetchAll(db)
            let hazards = try HazardStorage.assemble(rows, in: db)
            return HazardBatch(hazards: hazards, names: try Self.names(enterpriseIDs: Array(Set(hazards.map(\.enterpriseID))), in: db))
        }
    }

    /// The names of the enterprises and of their people, workshops, teams and posts: one statement per table.
    static func names(enterpriseIDs: [Int64], in db: Database) throws -> Names {
        var names = Names()
        guard !enterpriseIDs.isEmpty else { return names }
        let set = IDSet.json(enterpriseIDs)
        let among = IDSet.sql
        for e in try Enterprise.fetchAll(db, sql: "SELECT * FROM enterprise WHERE id IN (\(among))", arguments: [set]) { names.enterprises[e.id] = e }
        for p in try Person.fetchAll(db, sql: "SELECT * FROM person WHERE enterprise_id IN (\(among))", arguments: [set]) { names.people[p.id] = p }
        for w in try Workshop.fetchAll(db, sql: "SELECT * FROM workshop WHERE enterprise_id IN (\(among))", arguments: [set]) {
            names.workshops[w.id] = w
        }
        for t in try Team.fetchAll(
            db,
            sql: "SELECT * FROM team WHERE workshop_id IN (SELECT id FROM workshop WHERE enterprise_id IN (\(among)))",
            arguments: [set]
        ) {
            names.teams[t.id] = t
        }
        for p in try Post.fetchAll(
            db,
            sql: """
                SELECT * FROM post WHERE team_id IN (
                    SELECT t.id FROM team AS t JOIN workshop AS w ON w.id = t.workshop_id WHERE w.enterprise_id IN (\(among)))
                """,
            arguments: [set]
        ) {
            names.posts[p.id] = p
        }
        return names
    }

    /// The hazards in sight that match a filter, in id order, as a request for the database to page and count.
    static func hazardRequest(_ filter: HazardFilter, visibleTo viewer: Viewer) -> QueryInterfaceRequest<HazardRow> {
        var request = HazardRow.all().visible(to: viewer)
        if let id = filter.enterpriseID { request = request.filter(Column("enterprise_id") == id) }
        if let state = filter.state { request = request.filter(Column("state") == state.rawValue) }
        if let owner = filter.ownerID { request = request.filter(Column("owner_id") == owner) }
        if let grade = filter.grade { request = request.filter(Column("grade") == grade.rawValue) }
        if let at = filter.overdueAt {
            // `Hazard.isOverdue(at:)` of an open hazard: past the deadline, or submitted after it.
            request = request.filter(
                literal: """
                    (state IN ('notified', 'rectifying') AND deadline < \(at))
                    OR (state = 'awaitingAcceptance' AND deadline < coalesce(
                      (SELECT s.submitted_at FROM rectification_submission s WHERE s.hazard_id = hazard.id ORDER BY s.sequence DESC LIMIT 1), \(at)))
                    """
            )
        }
        if let listed = filter.listed {
            // `Hazard.isListed`: its latest listing is not lifted. Asked from the listings' side (a province has far
            // fewer listings than hazards), so a province's list reads the listed hazards, not every hazard.
            let active: SQL = """
                hazard.id IN (SELECT l.hazard_id FROM supervision_listing l WHERE l.lifted_at IS NULL
                              AND l.sequence = (SELECT max(sequence) FROM supervision_listing WHERE hazard_id = l.hazard_id))
                """
            request = request.filter(literal: listed ? active : "NOT \(active)")
        }
        return request.order(Column("id"))
    }
}

extension SQLiteRepository {
    /// One page of a request and the size of the whole, both from the database.
    static func paged<R: FetchableRecord & TableRecord & Sendable>(
        _ request: QueryInterfaceRequest<R>,
        _ page: PageRequest,
        in db: Database
    ) throws -> Paged<R> {
        Paged(items: try request.limit(page.limit, offset: page.offset).fetchAll(db), total: try request.fetchCount(db))
    }

    static func rows(_ db: Database, _ sql: SQL) throws -> [Row] {
        try Row.fetchAll(db, SQLRequest(literal: sql))
    }
}
