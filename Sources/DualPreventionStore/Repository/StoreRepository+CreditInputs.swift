import DualPrevention
import Foundation
import GRDB

/// The records a grade reads, loaded for many enterprises at once: one statement per table for a whole chunk of
/// enterprises, never one per enterprise or per metric. Grading every enterprise of a province then costs a
/// bounded number of statements per chunk, and a chunk bounds what is held in memory at once.
enum CreditInputLoader {
    /// Enterprises loaded together.
    static let chunkSize = 250

    /// The inputs of each request, in the order of the requests; an unknown enterprise is not found.
    static func inputs(_ requests: some Collection<CreditGradeRequest>, in db: any SQLContext) throws -> [CreditInputs] {
        let ids = Array(Set(requests.map(\.enterpriseID))).sorted()
        // One window that starts and ends no later than any request's: a hazard that counts in it only by its
        // closure counts in each request's window only by its closure.
        let window = requests.isEmpty ? nil : (since: requests.map(\.since).min() ?? .distantPast, asOf: requests.map(\.asOf).min() ?? .distantPast)
        let performances = try performances(ids, closuresFor: window, in: db)
        let records = try recordMetrics(ids, in: db)
        let previous = try previousGrades(requests, in: db)
        let black = Dictionary(
            grouping: try ListEntry.fetchAll(
                db,
                sql: "SELECT * FROM list_entry WHERE enterprise_id IN (\(db.idSet)) AND list = ? ORDER BY id",
                arguments: [IDSet.json(ids), ListKind.black.rawValue]
            ),
            by: \.enterpriseID
        )
        // The check periods of each window and time zone, worked out once for every enterprise that shares them.
        var periods: [CheckWindow: CheckSchedule.EndedPeriods] = [:]
        return try requests.map { request in
            guard var performance = performances[request.enterpriseID] else {
                throw NotFoundError(what: "enterprise", key: String(request.enterpriseID))
            }
            let window = CheckWindow(timeZone: performance.local.timeZone, since: request.since, asOf: request.asOf)
            if periods[window] == nil {
                periods[window] = CheckSchedule.EndedPeriods(local: performance.local, since: request.since, asOf: request.asOf)
            }
            performance.endedPeriods = periods[window]
            return CreditInputs(
                enterpriseID: request.enterpriseID,
                performance: performance,
                records: records[request.enterpriseID] ?? QualityRecordMetrics(records: [], people: [], peopleAddedAt: [:]),
                previous: previous[request],
                blackListEntries: black[request.enterpriseID] ?? []
            )
        }
    }

    /// A time zone and a grading window: what a set of check periods depends on.
    struct CheckWindow: Hashable {
        var timeZone: TimeZone
        var since: Date
        var asOf: Date
    }

    /// Dual-prevention performance of each enterprise: what the figures read of its hazards (`HazardFacts`), check
    /// plans and records, risk points with their gradings and when each point was added.
    ///
    /// With a window, a hazard that counts in it only by its closure (`countsOnlyByItsClosure`: most of the history
    /// of an enterprise that has been reporting for years) is read as a `ClosureStamp` from its row, not with its
    /// facts. The bounds are taken a second inside the window, so a hazard near either edge, whose stored
    /// millisecond might fall either side of it, is read whole and judged by the domain.
    static func performances(
        _ ids: [Int64],
        closuresFor window: (since: Date, asOf: Date)? = nil,
        in db: any SQLContext
    ) throws -> [Int64: DualPreventionPerformance] {
        let set = IDSet.json(ids)
        let enterprises = try Enterprise.fetchAll(db, sql: "SELECT * FROM enterprise WHERE id IN (\(db.idSet))", arguments: [set])
        let foundBefore = window.map { Date(timeIntervalSince1970: $0.since.timeIntervalSince1970.rounded(.down) - 1) } ?? .distantPast
        let closedBy = window.map { Date(timeIntervalSince1970: $0.asOf.timeIntervalSince1970.rounded(.down) - 1) } ?? .distantPast
        let among = SQLText(sql: db.idSet, arguments: [set])
        let stamped: SQLText = "h.found_at < \(foundBefore) AND h.closed_at IS NOT NULL AND h.closed_at <= \(closedBy)"
        let hazards = try facts(among: among, excluding: stamped, in: db)
        var closures: [Int64: [ClosureStamp]] = [:]
        if window != nil {
            let rows = try Row.fetchAll(
                db,
                """
                SELECT h.enterprise_id, h.risk_point_id, h.closed_at FROM hazard h
                WHERE h.enterprise_id IN (\(among)) AND \(stamped) AND h.risk_point_id IS NOT NULL
                """
            )
            for row in rows {
                let stamp = ClosureStamp(riskPointID: try row.decode(atIndex: 1), closedAt: try row.decode(atIndex: 2))
                closures[try row.decode(atIndex: 0), default: []].append(stamp)
            }
        }
        // Risk points and gradings as the figures read them: ids and dates, not every column decoded.
        var pointsByEnterprise: [Int64: [Int64]] = [:]
        var pointOwner: [Int64: Int64] = [:]
        // Columns by their position in the statement's own list: a name costs a lookup (in a fetched row, a lower-casing
        // of every name) on every read of hundreds of thousands of rows.
        let points = try Row.fetchAll(
            db,
            sql: "SELECT id, enterprise_id FROM risk_point WHERE enterprise_id IN (\(db.idSet)) ORDER BY id",
            arguments: [set]
        )
        for row in points {
            // Throwing reads: a value edited into something unreadable is an error, never a crash.
            let id: Int64 = try row.decode(atIndex: 0)
            let owner: Int64 = try row.decode(atIndex: 1)
            pointsByEnterprise[owner, default: []].append(id)
            pointOwner[id] = owner
        }
        var gradings: [Int64: [GradingStamp]] = [:]
        let gradingRows = try Row.fetchAll(
            db,
            sql: """
                SELECT risk_point_id, graded_at FROM risk_grading
                WHERE risk_point_id IN (SELECT id FROM risk_point WHERE enterprise_id IN (\(db.idSet)))
                ORDER BY risk_point_id, sequence
                """,
            arguments: [set]
        )
        for row in gradingRows {
            let stamp = GradingStamp(riskPointID: try row.decode(atIndex: 0), gradedAt: try row.decode(atIndex: 1))
            gradings[pointOwner[stamp.riskPointID] ?? 0, default: []].append(stamp)
        }
        let plans = try grouped("check_plan", set, by: { (plan: CheckPlan) in plan.enterpriseID }, in: db)
        // Only what the schedule reads, from the index that holds it (`check_run_by_enterprise`): reading each record
        // with its item results would cost most of the load. Their order does not matter to the schedule.
        var runs: [Int64: [CheckStamp]] = [:]
        let runRows = try Row.fetchAll(db, sql: checkStampsSQL(in: db), arguments: [set])
        for row in runRows {
            let stamp = CheckStamp(
                planID: try row.decode(atIndex: 0),
                enterpriseID: try row.decode(atIndex: 1),
                period: try row.decode(atIndex: 2),
                performedAt: try row.decode(atIndex: 3)
            )
            runs[stamp.enterpriseID, default: []].append(stamp)
        }
        let pointsAdded = try addedAt("risk_point", set, in: db)
        var warningTasks: [Int64: [WarningTaskStamp]] = [:]
        let taskRows = try Row.fetchAll(
            db,
            sql: "SELECT id, enterprise_id, deadline, answered_at FROM warning_task WHERE enterprise_id IN (\(db.idSet)) ORDER BY id",
            arguments: [set]
        )
        for row in taskRows {
            let stamp = WarningTaskStamp(
                taskID: try row.decode(atIndex: 0),
                deadline: try row.decode(atIndex: 2),
                answeredAt: try row.decode(atIndex: 3)
            )
            warningTasks[try row.decode(atIndex: 1), default: []].append(stamp)
        }
        var result: [Int64: DualPreventionPerformance] = [:]
        for enterprise in enterprises {
            let own = pointsByEnterprise[enterprise.id] ?? []
            var performance = DualPreventionPerformance(
                hazards: hazards[enterprise.id] ?? [],
                plans: plans[enterprise.id] ?? [],
                runs: runs[enterprise.id] ?? [],
                riskPointIDs: own,
                gradings: gradings[enterprise.id] ?? [],
                riskPointAddedAt: own.reduce(into: [:]) { added, point in added[point] = pointsAdded[enterprise.id]?[point] },
                local: try LocalTime(timeZoneID: enterprise.timeZoneID)
            )
            performance.earlierClosures = closures[enterprise.id] ?? []
            performance.warningTasks = warningTasks[enterprise.id] ?? []
            result[enterprise.id] = performance
        }
        return result
    }

    /// What the figures read of the hazards of a set of enterprises, but for those `stamped`, by enterprise, each in id
    /// order: the hazard with its notice, extension and cancellation in one statement (each part keyed by its hazard),
    /// its listings in another. Neither text nor plans, submissions or acceptances are read.
    static func facts(among: SQLText, excluding stamped: SQLText, in db: any SQLContext) throws -> [Int64: [HazardFacts]] {
        let chosen: SQLText = "h.enterprise_id IN (\(among)) AND NOT (\(stamped))"
        var listings: [Int64: [HazardFacts.Listing]] = [:]
        let listingRows = try Row.fetchAll(
            db,
            """
            SELECT l.hazard_id, l.listed_at, l.lifted_at FROM supervision_listing l JOIN hazard h ON h.id = l.hazard_id
            WHERE \(chosen) ORDER BY l.hazard_id, l.sequence
            """
        )
        for row in listingRows {
            listings[try row.decode(atIndex: 0), default: []].append(
                HazardFacts.Listing(listedAt: try row.decode(atIndex: 1), liftedAt: try row.decode(atIndex: 2))
            )
        }
        var result: [Int64: [HazardFacts]] = [:]
        let rows = try Row.fetchAll(
            db,
            """
            SELECT h.id, h.enterprise_id, h.grade, h.risk_point_id, h.found_at, h.closed_at, c.cancelled_at,
                n.issued_at, n.deadline, e.state, e.decided_at, e.previous_deadline, e.requested_deadline
            FROM hazard h
            LEFT JOIN rectification_notice n ON n.hazard_id = h.id
            LEFT JOIN extension_request e ON e.hazard_id = h.id
            LEFT JOIN hazard_cancellation c ON c.hazard_id = h.id
            WHERE \(chosen) ORDER BY h.id
            """
        )
        for row in rows {
            let id: Int64 = try row.decode(atIndex: 0)
            // Throwing reads: a value edited into something unreadable is an error, never a crash.
            let state: ExtensionState? = try row.decode(atIndex: 9)
            var extensionRequest: HazardFacts.Extension?
            if let state {
                extensionRequest = HazardFacts.Extension(
                    state: state,
                    decidedAt: try row.decode(atIndex: 10),
                    previousDeadline: try row.decode(atIndex: 11),
                    requestedDeadline: try row.decode(atIndex: 12)
                )
            }
            let enterpriseID: Int64 = try row.decode(atIndex: 1)
            let facts = HazardFacts(
                id: id,
                enterpriseID: enterpriseID,
                grade: try row.decode(atIndex: 2),
                riskPointID: try row.decode(atIndex: 3),
                foundAt: try row.decode(atIndex: 4),
                closedAt: try row.decode(atIndex: 5),
                cancelledAt: try row.decode(atIndex: 6),
                noticeIssuedAt: try row.decode(atIndex: 7),
                noticeDeadline: try row.decode(atIndex: 8),
                extensionRequest: extensionRequest,
                listings: listings[id] ?? []
            )
            result[enterpriseID, default: []].append(facts)
        }
        return result
    }

    /// The input records, people and appointments of each enterprise.
    static func recordMetrics(_ ids: [Int64], in db: any SQLContext) throws -> [Int64: QualityRecordMetrics] {
        let set = IDSet.json(ids)
        var records = try grouped("quality_record", set, by: { (record: QualityRecord) in record.enterpriseID }, in: db)
        for record in try overdueRecalls(set, in: db) { records[record.enterpriseID, default: []].append(record) }
        let people = try grouped("person", set, by: { (person: Person) in person.enterpriseID }, in: db)
        let added = try addedAt("person", set, in: db)
        let appointments = try grouped("director_appointment", set, by: { (a: DirectorAppointment) in a.enterpriseID }, in: db)
        var result: [Int64: QualityRecordMetrics] = [:]
        for id in ids {
            result[id] = QualityRecordMetrics(
                records: records[id] ?? [],
                people: people[id] ?? [],
                peopleAddedAt: added[id] ?? [:],
                directorAppointments: appointments[id] ?? []
            )
        }
        return result
    }

    /// The recall veto's records that the enterprises' recalls establish while overdue (`Recall.overdueRecord`), read
    /// through `recall_by_enterprise` with the shipped batches they name.
    static func overdueRecalls(_ set: String, in db: any SQLContext) throws -> [QualityRecord] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT r.*, h.number AS hazard_number FROM recall r JOIN hazard h ON h.id = r.hazard_id
                WHERE r.enterprise_id IN (\(db.idSet)) AND (r.closed_at IS NULL OR r.closed_at >= r.deadline)
                """,
            arguments: [set]
        )
        guard !rows.isEmpty else { return [] }
        let recalls = try rows.map { try RecallRow(row: $0) }
        let batches = try ProductBatch.fetchAll(
            db,
            "SELECT * FROM product_batch WHERE hazard_id IN (\(sql: db.idSet, arguments: [IDSet.json(recalls.map(\.hazardID))])) ORDER BY id"
        )
        return zip(rows, recalls).compactMap { row, recall in
            recall.recall(returns: []).overdueRecord(batches: batches, hazardNumber: row["hazard_number"])
        }
    }

    /// The rows of a table that belong to the enterprises, by enterprise, each in id order.
    private static func grouped<R: FetchableRecord>(
        _ table: String,
        _ set: String,
        by owner: (R) -> Int64?,
        in db: any SQLContext
    ) throws -> [Int64: [R]] {
        Dictionary(
            grouping: try R.fetchAll(db, sql: "SELECT * FROM \(table) WHERE enterprise_id IN (\(db.idSet)) ORDER BY id", arguments: [set]),
            by: { owner($0) ?? 0 }
        )
    }

    /// The check records of a set of enterprises as the schedule reads them (argument: the set as `IDSet.json`).
    static func checkStampsSQL(in db: any SQLContext) -> String {
        "SELECT plan_id, enterprise_id, period, performed_at FROM check_run WHERE enterprise_id IN (\(db.idSet))"
    }

    /// The first audit entry's instant of each object of a kind (a table with an `enterprise_id`) that belongs to a set
    /// of enterprises, among the entries filed under its enterprise; NULL for an object with none (arguments: the
    /// object type, then the set). One index probe per object, in the objects' order: no grouping of audit entries.
    static func addedAtSQL(_ objectType: String, in db: any SQLContext) -> String {
        """
        SELECT o.enterprise_id, o.id AS object_id, (
            SELECT min(at) FROM audit_log WHERE object_type = ? AND object_id = o.id AND enterprise_id = o.enterprise_id
        ) AS at
        FROM \(objectType) AS o WHERE o.enterprise_id IN (\(db.idSet))
        """
    }

    /// When each object of a kind was added (its first audit entry), by enterprise and object.
    private static func addedAt(_ objectType: String, _ set: String, in db: any SQLContext) throws -> [Int64: [Int64: Date]] {
        var result: [Int64: [Int64: Date]] = [:]
        let rows = try Row.fetchAll(db, sql: addedAtSQL(objectType, in: db), arguments: [objectType, set])
        for row in rows {
            guard let text: String = try row.decode(atIndex: 2) else { continue }
            let enterpriseID: Int64 = try row.decode(atIndex: 0)
            let objectID: Int64 = try row.decode(atIndex: 1)
            // The audit log's own ISO 8601 text by arithmetic; anything else through Foundation, unreadable as nil.
            result[enterpriseID, default: [:]][objectID] =
                DateText.instant(text) ?? (try? Date(text, strategy: .iso8601))
        }
        return result
    }

    /// The latest stored grade of each request's enterprise as of its instant (latest `as_of`, then latest id).
    private static func previousGrades(
        _ requests: some Collection<CreditGradeRequest>,
        in db: any SQLContext
    ) throws -> [CreditGradeRequest: CreditGradeRecord] {
        let requests = Array(requests)
        guard !requests.isEmpty else { return [:] }
        let pairs = requests.map { "[\($0.enterpriseID),\"\(String.fromDatabaseValue($0.asOf.databaseValue) ?? "")\"]" }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT r.position, g.* FROM (\(requestPairs(in: db))) AS r JOIN credit_grade AS g ON g.id = (
                    SELECT id FROM credit_grade
                    WHERE enterprise_id = r.enterprise_id AND as_of <= r.as_of
                    ORDER BY as_of DESC, id DESC LIMIT 1
                )
                """,
            arguments: ["[" + pairs.joined(separator: ",") + "]"]
        )
        var result: [CreditGradeRequest: CreditGradeRecord] = [:]
        for row in rows {
            let position: Int = try row.decode(forColumn: "position")
            result[requests[position]] = try CreditGradeRecord(row: row)
        }
        return result
    }

    /// Requests bound as one JSON array argument of `[enterpriseID, "asOf"]` pairs (`asOf` as the database stores a
    /// date), as a table of each pair's `position` (from 0), `enterprise_id` and `as_of` (text), to join.
    private static func requestPairs(in db: any SQLContext) -> String {
        switch db.dialect {
        case .sqlite:
            "SELECT key AS position, json_extract(value, '$[0]') AS enterprise_id, json_extract(value, '$[1]') AS as_of FROM json_each(?)"
        case .postgres:
            """
            SELECT CAST(position - 1 AS bigint) AS position, CAST(value ->> 0 AS bigint) AS enterprise_id, value ->> 1 AS as_of \
            FROM jsonb_array_elements(CAST(? AS jsonb)) WITH ORDINALITY AS e(value, position)
            """
        }
    }
}
