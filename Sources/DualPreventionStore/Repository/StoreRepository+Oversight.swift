import DualPrevention
import Foundation
import GRDB

// The regulator's figures as SQL aggregates: the database counts, Swift only adds up per jurisdiction. Each
// condition below is the SQL twin of `DualPreventionPerformance.loopCounts`; a test holds them equal.

extension StoreRepository {
    public func enterpriseFigures(asOf: Date, since: Date, visibleTo viewer: Viewer) async throws -> [EnterpriseFigures] {
        // Two reads side by side on the pool's readers, so a province's figures use both cores: the hazards' loop
        // tallies, and the enterprises with their missed checks and latest grades. They count different tables.
        async let loopsRead = read { db in try Self.loopTallies(asOf: asOf, since: since, viewer: viewer, in: db) }
        let (enterprises, missed, latest) = try await read { db in
            var enterprises: [(id: Int64, jurisdictionID: Int64, name: String, timeZoneID: String)] = []
            try Self.eachRow(db, "SELECT id, jurisdiction_id, name, time_zone_id FROM enterprise WHERE \(viewer.sees("id")) ORDER BY id") {
                row in enterprises.append((row[0], row[1], row[2], row[3]))
            }
            let zones = Dictionary(enterprises.map { ($0.id, $0.timeZoneID) }, uniquingKeysWith: { first, _ in first })
            let missed = try Self.missedChecks(asOf: asOf, since: since, viewer: viewer, zones: zones, in: db)
            var latest: [Int64: (CreditGrade?, Double)] = [:]
            try Self.eachRow(
                db,
                """
                SELECT g.enterprise_id, g.grade, g.score FROM credit_grade g
                WHERE \(viewer.sees("g.enterprise_id")) AND g.id = (
                  SELECT id FROM credit_grade WHERE enterprise_id = g.enterprise_id ORDER BY computed_at DESC, id DESC LIMIT 1)
                """
            ) { row in
                let id: Int64 = row[0]
                if latest[id] == nil { latest[id] = (CreditGrade(rawValue: row[1]), row[2]) }
            }
            return (enterprises, missed, latest)
        }
        let loops = try await loopsRead
        return enterprises.map { e in
            let loop = loops[e.id] ?? (.zero, 0)
            return EnterpriseFigures(
                enterpriseID: e.id,
                jurisdictionID: e.jurisdictionID,
                name: e.name,
                loop: loop.0,
                open: loop.1,
                missedChecks: missed[e.id] ?? CheckKind.allCases.count,
                grade: latest[e.id]?.0,
                score: latest[e.id]?.1
            )
        }
    }

    /// Per enterprise: the loop tally over the window, and the hazards open now.
    ///
    /// Two statements. A hazard closed by `asOf` has not changed since (closing is final, and nothing is decided on a
    /// closed hazard), so its own row holds everything it counts for: found and closed in the window, its deadline due,
    /// on time or not. The first statement counts those from `hazard_by_enterprise` alone, without reading a row or
    /// joining a part; most of a province's hazards are such. The second counts the rest (open at `asOf`, or
    /// cancelled). When every recorded action is before `asOf` (the overview of now), their rows are as they stood
    /// then too, and the index alone counts them, reading listings for major ones only; for an earlier instant they
    /// are read with their notice, extension, cancellation and listings as they stood at `asOf`.
    static func loopTallies(
        asOf: Date,
        since: Date,
        viewer: Viewer,
        in db: any SQLContext
    ) throws
        -> [Int64: (DualPreventionPerformance.LoopTally, Int)]
    {
        var tallies: [Int64: (DualPreventionPerformance.LoopTally, Int)] = [:]
        try Self.eachRow(
            db,
            """
            SELECT enterprise_id AS e, count(*) AS closed, count(deadline) AS due,
              count(*) FILTER (WHERE closed_at < deadline) AS on_time
            FROM hazard
            WHERE state = 'closed' AND closed_at <= \(asOf) AND found_at >= \(since) AND found_at <= \(asOf)
              AND \(viewer.sees("enterprise_id"))
            GROUP BY enterprise_id
            """
        ) { row in
            let closed: Int = row[1]
            let tally = DualPreventionPerformance.LoopTally(
                found: closed,
                closed: closed,
                due: row[2],
                onTime: row[3],
                overdueOrListedMajor: 0,
                overdue: 0
            )
            tallies[row[0]] = (tally, 0)
        }
        // Every action on a hazard appends an audit entry at its instant (truncated to the millisecond) in the same
        // transaction, so nothing has changed after `asOf` when the latest entry is a whole millisecond before it.
        let latest = try String.fetchOne(db, sql: "SELECT max(at) FROM audit_log").flatMap(DateText.instant)
        let unchangedSince = latest.map { $0.addingTimeInterval(0.001) <= asOf } ?? true
        try Self.eachRow(
            db,
            unchangedSince ? Self.openNow(asOf: asOf, since: since, viewer: viewer) : Self.openThen(asOf: asOf, since: since, viewer: viewer)
        ) {
            row in
            let tally = DualPreventionPerformance.LoopTally(
                found: row[1],
                closed: row[2],
                due: row[3],
                onTime: row[4],
                overdueOrListedMajor: row[6],
                overdue: row[5]
            )
            let e: Int64 = row[0]
            let before = tallies[e] ?? (.zero, 0)
            tallies[e] = (before.0 + tally, row[7])
        }
        return tallies
    }

    /// Whether hazard `h` was listed for supervision at `asOf`: listed by then, and not lifted by then. Both tallies of
    /// open hazards ask it, of major ones only.
    static func listed(at asOf: Date) -> SQLText {
        """
        EXISTS (SELECT 1 FROM supervision_listing l WHERE l.hazard_id = h.id AND l.listed_at <= \(asOf)
                AND (l.lifted_at IS NULL OR l.lifted_at > \(asOf)))
        """
    }

    /// The loop tally of the hazards not closed, when none has changed since `asOf`: each as its row is now.
    static func openNow(asOf: Date, since: Date, viewer: Viewer) -> SQLText {
        """
        SELECT enterprise_id AS e,
          count(*) FILTER (WHERE found_at >= \(since)) AS found,
          0 AS closed,
          count(*) FILTER (WHERE found_at >= \(since) AND deadline <= \(asOf)) AS due,
          0 AS on_time,
          count(*) FILTER (WHERE deadline <= \(asOf)) AS overdue,
          count(*) FILTER (WHERE grade = 'major' AND (deadline <= \(asOf) OR \(listed(at: asOf)))) AS bad_major,
          count(*) AS open
        FROM hazard h
        -- A hazard cancelled by then counts nowhere.
        WHERE state IN ('reported', 'notified', 'rectifying', 'awaitingAcceptance') AND found_at <= \(asOf)
          AND \(viewer.sees("enterprise_id"))
        GROUP BY enterprise_id
        """
    }

    /// The loop tally of the hazards not closed by `asOf`, each with its parts as they stood then.
    static func openThen(asOf: Date, since: Date, viewer: Viewer) -> SQLText {
        """
        WITH h AS (
          SELECT h.enterprise_id AS e, h.grade, h.found_at, h.state,
            CASE WHEN h.closed_at <= \(asOf) THEN h.closed_at END AS closed_at,
            -- Only a cancelled hazard has a cancellation. Flags are 0 or 1 (not booleans, which PostgreSQL keeps apart
            -- from numbers), and tested with `= 1`.
            CASE WHEN h.state = 'cancelled' THEN coalesce(
              (SELECT CASE WHEN c.cancelled_at <= \(asOf) THEN 1 ELSE 0 END FROM hazard_cancellation c WHERE c.hazard_id = h.id), 0)
              ELSE 0 END AS cancelled,
            CASE WHEN n.issued_at IS NULL OR n.issued_at > \(asOf) THEN NULL
                 WHEN x.hazard_id IS NULL THEN n.deadline
                 WHEN x.state = 'granted' AND x.decided_at <= \(asOf) THEN x.requested_deadline
                 ELSE x.previous_deadline END AS dl,
            -- Only a major hazard's listing counts.
            CASE WHEN h.grade = 'major' AND \(listed(at: asOf)) THEN 1 ELSE 0 END AS listed
          FROM hazard h
          LEFT JOIN rectification_notice n ON n.hazard_id = h.id
          LEFT JOIN extension_request x ON x.hazard_id = h.id
          -- A hazard found before the window and closed by its end counts nowhere: skip it before the joins.
          -- One closed in the window was counted above.
          WHERE h.found_at <= \(asOf) AND (h.closed_at IS NULL OR h.closed_at > \(asOf))
            AND \(viewer.sees("h.enterprise_id"))
        ), f AS (
          SELECT *, (found_at >= \(since) AND cancelled = 0) AS in_window, (closed_at IS NULL AND cancelled = 0) AS open_at FROM h
        )
        SELECT e,
          count(*) FILTER (WHERE in_window) AS found,
          count(*) FILTER (WHERE in_window AND closed_at IS NOT NULL) AS closed,
          count(*) FILTER (WHERE in_window AND dl IS NOT NULL AND (dl <= \(asOf) OR closed_at IS NOT NULL)) AS due,
          count(*) FILTER (WHERE in_window AND closed_at IS NOT NULL AND dl IS NOT NULL AND closed_at <= dl) AS on_time,
          count(*) FILTER (WHERE open_at AND dl < \(asOf)) AS overdue,
          count(*) FILTER (WHERE open_at AND grade = 'major' AND (listed = 1 OR dl < \(asOf))) AS bad_major,
          count(*) FILTER (WHERE state NOT IN ('closed', 'cancelled')) AS open
        FROM f GROUP BY e
        """
    }

    /// Per enterprise: the check periods missed in the window, plus one per kind of check with no plan in force.
    /// The periods are worked out once per time zone and kind; the database counts the records that cover them.
    static func missedChecks(asOf: Date, since: Date, viewer: Viewer, zones: [Int64: String], in db: any SQLContext) throws -> [Int64: Int] {
        // Only the columns the count needs, without decoding whole records: a province has tens of thousands of plans.
        var plans: [CheckPlan] = []
        try Self.eachRow(
            db,
            "SELECT id, enterprise_id, kind, starts_on FROM check_plan WHERE starts_on <= \(asOf) AND \(viewer.sees("enterprise_id"))"
        ) { row in
            guard let kind = CheckKind(rawValue: row[2]) else { return }
            plans.append(CheckPlan(id: row[0], enterpriseID: row[1], kind: kind, responsibleID: 0, startsOn: try row.decode(forColumn: "starts_on")))
        }
        var ended: [String: [CheckKind: [CheckSchedule.Period]]] = [:]
        for zone in Set(zones.values) {
            let schedule = CheckSchedule(local: try (try? LocalTime(timeZoneID: zone)) ?? LocalTime())
            ended[zone] = Dictionary(uniqueKeysWithValues: CheckKind.allCases.map { ($0, schedule.endedPeriods($0, since: since, asOf: asOf)) })
        }
        // Records of each plan for the periods of its kind in the window (any zone: keys sort the same in each).
        // An enterprise has one plan of each kind (`UNIQUE (enterprise_id, kind)`, and a plan with records stays), so
        // the records are counted per enterprise and kind: in `check_run_by_enterprise`'s own order, with no sort.
        struct PlanKey: Hashable {
            var enterpriseID: Int64
            var kind: CheckKind
        }
        var done: [PlanKey: Int] = [:]
        for kind in CheckKind.allCases {
            let keys = ended.values.compactMap { $0[kind] }.flatMap { $0 }.map(\.key)
            guard let first = keys.min(), let last = keys.max() else { continue }
            try Self.eachRow(
                db,
                """
                SELECT enterprise_id, count(*) AS n FROM check_run
                WHERE kind = \(kind.rawValue) AND period BETWEEN \(first) AND \(last) AND performed_at <= \(asOf)
                  AND \(viewer.sees("enterprise_id"))
                GROUP BY enterprise_id
                """
            ) { row in done[PlanKey(enterpriseID: row[0], kind: kind)] = row[1] }
        }
        var missed = Dictionary(zones.keys.map { ($0, 0) }, uniquingKeysWith: { a, _ in a })
        var planned: [Int64: Set<CheckKind>] = [:]
        for plan in plans {
            let zone = zones[plan.enterpriseID] ?? Enterprise.defaultTimeZoneID
            guard let periods = ended[zone]?[plan.kind] else { continue }
            missed[plan.enterpriseID, default: 0] += DualPreventionPerformance.missedCount(
                plan: plan,
                ended: periods,
                done: done[PlanKey(enterpriseID: plan.enterpriseID, kind: plan.kind)] ?? 0
            )
            planned[plan.enterpriseID, default: []].insert(plan.kind)
        }
        for id in zones.keys { missed[id, default: 0] += CheckKind.allCases.count - (planned[id]?.count ?? 0) }
        return missed
    }

    public func hazardPage(_ filter: HazardFilter, page: PageRequest, visibleTo viewer: Viewer) async throws -> Paged<Hazard> {
        try await read { db in
            var unsorted = filter
            unsorted.sort = .oldest
            let rows = try Self.paged(page, for: viewer, everyRow: unsorted == HazardFilter(), in: db) { sight in
                Self.hazardRequest(filter, visibleTo: viewer, sight: sight, in: db)
            }
            return Paged(items: try HazardStorage.assemble(rows.items, in: db), total: rows.total)
        }
    }

    public func hazardBatch(_ filter: HazardFilter, after afterID: Int64, limit: Int, visibleTo viewer: Viewer) async throws -> HazardBatch {
        try await read { db in
            // Keyset paging on the primary key: the thousandth batch costs what the first does.
            var inIDOrder = filter
            inIDOrder.sort = .oldest
            let rows = try Self.hazardRequest(inIDOrder, visibleTo: viewer, sight: try viewer.sight(in: db), in: db)
                .filter("id > \(afterID)").limit(max(1, limit)).fetchAll(db)
            let hazards = try HazardStorage.assemble(rows, in: db)
            return HazardBatch(hazards: hazards, names: try Self.names(enterpriseIDs: Array(Set(hazards.map(\.enterpriseID))), in: db))
        }
    }

    /// The names of the enterprises and of their people, workshops, teams and posts: one statement per table.
    static func names(enterpriseIDs: [Int64], in db: any SQLContext) throws -> Names {
        var names = Names()
        guard !enterpriseIDs.isEmpty else { return names }
        let set = IDSet.json(enterpriseIDs)
        let among = db.idSet
        for e in try Enterprise.fetchAll(db, sql: "SELECT * FROM enterprise WHERE id IN (\(among))", arguments: [set]) { names.enterprises[e.id] = e }
        for p in try Person.fetchAll(db, sql: "SELECT * FROM person WHERE enterprise_id IN (\(among))", arguments: [set]) { names.people[p.id] = p }
        // Regional directors who served these enterprises, for their names and sign-offs.
        names.appointments = try DirectorAppointment.fetchAll(
            db,
            sql: "SELECT * FROM director_appointment WHERE enterprise_id IN (\(among)) ORDER BY id",
            arguments: [set]
        )
        for id in Set(names.appointments.map(\.directorID)) where names.people[id] == nil {
            names.people[id] = try Person.byID(id, in: db)
        }
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

    /// The hazards in sight that match a filter, in id order, as a query for the database to page and count, read
    /// as the viewer's `sight` makes fastest (`forCounting` for a count).
    static func hazardRequest(
        _ filter: HazardFilter,
        visibleTo viewer: Viewer,
        sight: Viewer.Sight = .little,
        in db: any SQLContext
    ) -> TableQuery<HazardRow> {
        var request = TableQuery<HazardRow>().visible(to: viewer, sight: sight)
        if let id = filter.enterpriseID { request = request.filter("enterprise_id", is: id) }
        if let state = filter.state { request = request.filter("state", is: state.rawValue) }
        if let owner = filter.ownerID { request = request.filter("owner_id", is: owner) }
        if let grade = filter.grade { request = request.filter("grade", is: grade.rawValue) }
        if let at = filter.overdueAt {
            // `Hazard.isOverdue(at:)` of an open hazard: past the deadline, or submitted after it. One condition on the
            // state (not two joined by OR), so the database finds the hazards through `hazard_by_enterprise` and
            // compares their deadlines there, reading a submission only for a hazard awaiting acceptance.
            request = request.filter(
                """
                state IN ('notified', 'rectifying', 'awaitingAcceptance') AND deadline <= CASE WHEN state = 'awaitingAcceptance'
                  THEN coalesce((SELECT s.submitted_at FROM rectification_submission s WHERE s.hazard_id = hazard.id
                                 ORDER BY s.sequence DESC LIMIT 1), \(at))
                  ELSE \(at) END
                """
            )
        }
        if let listed = filter.listed {
            // `Hazard.isListed`: its latest listing is not lifted. Asked from the listings' side (a province has far
            // fewer listings than hazards), so a province's list reads the listed hazards, not every hazard.
            let active: SQLText = """
                hazard.id IN (SELECT l.hazard_id FROM supervision_listing l WHERE l.lifted_at IS NULL
                              AND l.sequence = (SELECT max(sequence) FROM supervision_listing WHERE hazard_id = l.hazard_id))
                """
            request = request.filter(listed ? active : "NOT (\(active))")
        }
        if let text = filter.text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
            // A plain substring (no wildcards of the viewer's): found in any of the three.
            let needle: SQLText = "\(text)"
            request = request.filter(SQLText.joined(["number", "description", "location"].map { db.contains($0, needle) }, separator: " OR "))
        }
        if let workshop = filter.workshopID { request = request.filter("workshop_id", is: workshop) }
        if filter.openOnly {
            let open = HazardState.allCases.filter(\.isOpen).map { (state: HazardState) -> SQLText in "\(state.rawValue)" }
            request = request.filter("state IN (\(SQLText.joined(open, separator: ", ")))")
        }
        if let root = filter.jurisdictionID {
            request = request.filter(
                """
                enterprise_id IN (SELECT id FROM enterprise WHERE jurisdiction_id IN (
                  WITH RECURSIVE sub(id) AS (SELECT CAST(\(root) AS BIGINT) UNION SELECT j.id FROM jurisdiction j JOIN sub ON j.parent_id = sub.id)
                  SELECT id FROM sub))
                """
            )
        }
        if let at = filter.stillOverdueAt {
            request = request.filter("state IN ('notified', 'rectifying') AND deadline <= \(at)")
        }
        if let window = filter.dueSoon {
            request = request.filter("state IN ('notified', 'rectifying') AND deadline > \(window.from) AND deadline <= \(window.until)")
        }
        return switch filter.sort {
        case .oldest: request.order("id")
        case .newest: request.order("id DESC")
        // `deadline` is NULL for a hazard not yet notified: those come last, as they always did.
        case .deadline: request.order("deadline ASC NULLS LAST, id")
        }
    }
}

extension StoreRepository {
    /// One page of a viewer's rows and their total, each read as the viewer's sight makes fastest (`request` gives the
    /// same rows for any sight); `everyRow` when nothing but visibility filters them.
    static func paged<R: FetchableRecord & TableRecord & Sendable>(
        _ page: PageRequest,
        for viewer: Viewer,
        everyRow: Bool,
        in db: any SQLContext,
        _ request: (Viewer.Sight) -> TableQuery<R>
    ) throws -> Paged<R> {
        let sight = try viewer.sight(in: db)
        return try Paged(request(sight.forCounting(everyRow: everyRow)), page, itemsFrom: request(sight), in: db)
    }

    /// Each row of a statement, in the statement's order. The callers read columns by index where they can: a row
    /// finds a column by name only by comparing it with each of its columns' names.
    static func eachRow(_ db: any SQLContext, _ text: SQLText, _ body: (Row) throws -> Void) throws {
        for row in try Row.fetchAll(db, text) { try body(row) }
    }
}
