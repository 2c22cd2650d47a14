import DualPrevention
import Foundation
import GRDB

extension StoreRepository {
    /// The sender every notification has: the person's inbox, delivered when recorded.
    public static let inboxSender = "inbox"
    /// Who the audit log names for a pass of the ladder: the clock, not a person.
    static let ladder = Actor(id: 0, name: "dualprev escalate", role: .admin)

    public func escalate(asOf: Date, rules: EscalationRules, senders: [String], at now: Date) async throws -> EscalationPass {
        try await actRecordingAll(at: now) { db in
            let due = try Self.dueNotifications(asOf: asOf, rules: rules, in: db)
            var created: [Notification] = []
            // One statement for every notification of the pass (prepared once per connection on SQLite).
            let insert = """
                INSERT INTO notification (object_type, object_id, step, period, person_id, enterprise_id, due_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id
                """
            // What was recorded before, read once for the objects now due, so that a pass over a province where little
            // changed writes nothing and tries no insert per notification; the unique key still guards the rest.
            let recorded = try Self.recordedKeys(for: due, in: db)
            var people: [Recipient: [Int64]] = [:]
            for notice in due {
                let recipients: [Int64]
                if let known = people[notice.recipient] {
                    recipients = known
                } else {
                    // A person named twice (the officer responsible who is also the director) hears once.
                    recipients = Set(try Self.people(notice.recipient, at: asOf, in: db)).sorted()
                    people[notice.recipient] = recipients
                }
                for person in recipients {
                    let key = NotificationKey(
                        object: notice.object.rawValue,
                        objectID: notice.objectID,
                        step: notice.step.rawValue,
                        period: notice.period,
                        personID: person
                    )
                    guard !recorded.contains(key) else { continue }
                    let enterpriseID: Int64? = notice.enterpriseID
                    guard
                        let id = try Int64.fetchOne(
                            db,
                            sql: insert,
                            arguments: [
                                notice.object.rawValue, notice.objectID, notice.step.rawValue, notice.period, person, enterpriseID,
                                DateText.value(notice.due), DateText.value(now),
                            ]
                        )
                    else { continue }
                    created.append(
                        Notification(
                            id: id,
                            object: notice.object,
                            objectID: notice.objectID,
                            step: notice.step,
                            period: notice.period,
                            personID: person,
                            enterpriseID: enterpriseID,
                            dueAt: notice.due,
                            createdAt: now
                        )
                    )
                    for sender in [Self.inboxSender] + senders.filter({ $0 != Self.inboxSender }) {
                        let delivered = sender == Self.inboxSender
                        try db.execute(
                            sql: """
                                INSERT INTO notification_delivery (notification_id, sender, state, attempts, next_attempt_at, delivered_at)
                                VALUES (?, ?, ?, ?, ?, ?)
                                """,
                            arguments: [
                                id, sender, delivered ? "delivered" : "pending", delivered ? 1 : 0, DateText.value(now),
                                delivered ? DateText.value(now) : nil,
                            ]
                        )
                    }
                }
            }
            let pass = EscalationPass(created: created, due: due.count)
            guard let first = created.first else { return (pass, []) }
            struct Recorded: Encodable {
                var asOf: Date
                var notifications: [Notification]
            }
            let entry = AuditDraft(
                actor: Self.ladder,
                action: "notification.escalate",
                objectType: "notification",
                objectID: first.id,
                enterpriseID: nil,
                summary: "\(created.count) notifications as of \(DateText.iso8601(asOf))",
                payload: Self.payload(Recorded(asOf: asOf, notifications: created))
            )
            return (pass, [entry])
        }
    }

    struct NotificationKey: Hashable {
        var object: String
        var objectID: Int64
        var step: String
        var period: String
        var personID: Int64
    }

    /// The keys of the notifications already recorded about the objects of `due`, a statement per kind of object.
    static func recordedKeys(for due: [DueNotification], in db: any SQLContext) throws -> Set<NotificationKey> {
        var keys: Set<NotificationKey> = []
        for (object, notices) in Dictionary(grouping: due, by: \.object) {
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT object_id, step, period, person_id FROM notification
                    WHERE object_type = ? AND object_id IN (\(db.idSet))
                    """,
                arguments: [object.rawValue, IDSet.json(Set(notices.map(\.objectID)))]
            )
            for row in rows {
                keys.insert(NotificationKey(object: object.rawValue, objectID: row[0], step: row[1], period: row[2], personID: row[3]))
            }
        }
        return keys
    }

    /// Every notification the ladder makes due at an instant, from the hazards being rectified near or past their
    /// deadlines and the warning tasks not acknowledged or not answered in time.
    static func dueNotifications(asOf now: Date, rules: EscalationRules, in db: any SQLContext) throws -> [DueNotification] {
        var subjects: [EscalationSubject] = []
        var jurisdictions: [Int64: Int64] = [:]
        // Only hazards whose deadline is at most the owner's reminder away can have a rung due.
        let horizon = now.addingTimeInterval(Double(rules.remindOwnerDaysBefore + 1) * 86_400)
        let hazards = try Row.fetchAll(
            db,
            sql: """
                SELECT h.id, h.enterprise_id, e.jurisdiction_id, h.state, h.grade, h.owner_id, h.deadline,
                  EXISTS (SELECT 1 FROM supervision_listing l WHERE l.hazard_id = h.id AND l.lifted_at IS NULL) AS listed
                FROM hazard h JOIN enterprise e ON e.id = h.enterprise_id
                WHERE h.state IN ('notified','rectifying') AND h.deadline <= ?
                ORDER BY h.id
                """,
            arguments: [DateText.value(horizon)]
        )
        for row in hazards {
            jurisdictions[row[1]] = row[2]
            subjects.append(
                EscalationSubject(
                    hazardID: row[0],
                    enterpriseID: row[1],
                    jurisdictionPath: [],
                    state: row[3],
                    grade: row[4],
                    isListed: row[7],
                    ownerID: row[5],
                    deadline: try row.decode(atIndex: 6)
                )
            )
        }
        let paths = try enterprisePaths(Array(jurisdictions.keys), in: db)
        var due = subjects.flatMap { subject in
            var subject = subject
            subject.jurisdictionPath = paths[subject.enterpriseID] ?? []
            return EscalationLadder.steps(for: subject, at: now, rules: rules)
        }
        let tasks = try WarningTaskRow.fetchAll(
            db,
            sql: "SELECT * FROM warning_task WHERE state IN ('issued','acknowledged') ORDER BY id"
        )
        let warnings = Dictionary(
            try RiskWarning.fetchAll(
                db,
                sql: "SELECT * FROM warning WHERE id IN (\(db.idSet))",
                arguments: [IDSet.json(Set(tasks.map(\.warningID)))]
            ).map { ($0.id, $0) },
            uniquingKeysWith: { first, _ in first }
        )
        for row in tasks {
            guard let warning = warnings[row.warningID] else { continue }
            due += EscalationLadder.steps(for: row.task(path: []), of: warning, at: now, rules: rules)
        }
        return due + (try dueCheckNotifications(asOf: now, rules: rules, in: db))
    }

    /// Daily checks missed over the lookback: the plans in force, and the days each recorded, read from the index of
    /// check records by kind and period (`check_run_by_kind_period`), a statement per time zone.
    static func dueCheckNotifications(asOf now: Date, rules: EscalationRules, in db: any SQLContext) throws -> [DueNotification] {
        guard rules.missedCheckLookbackDays > 0 else { return [] }
        var plans: [(CheckPlan, Int64, String)] = []
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT p.id, p.enterprise_id, p.responsible_id, p.starts_on, e.jurisdiction_id, e.time_zone_id
                FROM check_plan p JOIN enterprise e ON e.id = p.enterprise_id
                WHERE p.kind = 'daily' AND p.starts_on <= ? ORDER BY p.id
                """,
            arguments: [DateText.value(now)]
        )
        for row in rows {
            let plan = CheckPlan(id: row[0], enterpriseID: row[1], kind: .daily, responsibleID: row[2], startsOn: try row.decode(atIndex: 3))
            plans.append((plan, row[4], row[5]))
        }
        guard !plans.isEmpty else { return [] }
        let paths = try enterprisePaths(Array(Set(plans.map(\.0.enterpriseID))), in: db)
        var due: [DueNotification] = []
        for (zone, group) in Dictionary(grouping: plans, by: \.2) {
            let local = try LocalTime(timeZoneID: zone)
            let since = now.addingTimeInterval(-Double(rules.missedCheckLookbackDays + rules.missedDailyChecksToRegulator + 1) * 86_400)
            let days = CheckSchedule(local: local).endedPeriods(.daily, since: since, asOf: now)
            let keys = days.map(\.key)
            var done: [Int64: Set<String>] = [:]
            let runs = try Row.fetchAll(
                db,
                sql: "SELECT plan_id, period FROM check_run WHERE kind = 'daily' AND period IN (\(db.textSet))",
                arguments: [IDSet.jsonStrings(keys)]
            )
            for row in runs { done[row[0], default: []].insert(row[1]) }
            for (plan, _, _) in group {
                due += EscalationLadder.steps(
                    forDaily: plan,
                    jurisdictionPath: paths[plan.enterpriseID] ?? [],
                    done: done[plan.id] ?? [],
                    days: days,
                    at: now,
                    rules: rules
                )
            }
        }
        return due
    }

    /// The people a recipient names: the person, the enterprise's holders of a role (its director may be a regional
    /// one in office at `now`; the principal when it has none, so an overdue hazard never goes unheard), or the
    /// regulators of an office.
    static func people(_ recipient: Recipient, at now: Date, in db: any SQLContext) throws -> [Int64] {
        switch recipient {
        case .person(let id):
            return [id]
        case .role(let role, let enterpriseID):
            var holders = try Int64.fetchAll(
                db,
                sql: "SELECT id FROM person WHERE enterprise_id = ? AND role = ? ORDER BY id",
                arguments: [enterpriseID, role.rawValue]
            )
            if role == .director {
                holders += try Self.liveAppointments("enterprise_id", enterpriseID, in: db).filter { $0.inOffice(at: now) }.map(\.directorID)
            }
            if holders.isEmpty, role == .director { return try people(.role(.principal, enterpriseID: enterpriseID), at: now, in: db) }
            return holders
        case .office(let jurisdictionID):
            // An office with no regulator accounts (a town) passes it to the nearest office above that has some.
            var office: Int64? = jurisdictionID
            while let current = office {
                let regulators = try Int64.fetchAll(
                    db,
                    sql: "SELECT id FROM person WHERE role = 'regulator' AND jurisdiction_id = ? ORDER BY id",
                    arguments: [current]
                )
                if !regulators.isEmpty { return regulators }
                office = try Lookup.column("SELECT parent_id FROM jurisdiction WHERE id = ?", current, in: db) ?? nil
            }
            return []
        }
    }

    public func inbox(of actor: Actor, at now: Date) async throws -> [InboxItem] {
        try await read { db in
            let actor = try Self.current(actor, at: now, in: db)
            // A regional director's one inbox: the work of every enterprise they serve now, each under its own
            // appointment, its link making them act for that enterprise first. Everyone else: their own work.
            var serving: [Int64: (appointment: DirectorAppointment, enterprise: String)] = [:]
            var items: [InboxItem] = []
            let isRegional = actor.role == .regionalDirector || actor.appointment != nil
            if isRegional, let stored = try Person.byID(actor.id, in: db) {
                for (appointment, enterprise) in try Self.appointmentsInOffice(of: actor.id, at: now, in: db) {
                    serving[enterprise.id] = (appointment, enterprise.name)
                    let acting = try appointment.acting(stored, enterpriseName: enterprise.name, at: now).actor
                    items += try Self.enterpriseWork(of: acting, at: now, in: db).map { Self.placed($0, under: appointment, enterprise.name) }
                }
            } else {
                items = try Self.enterpriseWork(of: actor, at: now, in: db)
            }
            // Checks of the current period that are the person's to record and not yet recorded.
            let plans = try CheckPlan.fetchAll(
                db,
                sql: "SELECT * FROM check_plan WHERE responsible_id = ? AND starts_on <= ? ORDER BY id",
                arguments: [actor.id, DateText.value(now)]
            )
            if !plans.isEmpty {
                let schedule = CheckSchedule(
                    local: try LocalTime(
                        timeZoneID: try Lookup.enterprisePlace(plans[0].enterpriseID, in: db)?.timeZoneID ?? Enterprise.defaultTimeZoneID
                    )
                )
                for plan in plans {
                    let period = schedule.period(plan.kind, containing: now)
                    let place = serving[plan.enterpriseID]
                    if isRegional, place == nil { continue }
                    let recorded =
                        try Bool.fetchOne(
                            db,
                            sql: "SELECT EXISTS (SELECT 1 FROM check_run WHERE plan_id = ? AND period = ?)",
                            arguments: [plan.id, period.key]
                        ) ?? false
                    if !recorded {
                        let item = Self.item(
                            "check:\(plan.id):\(period.key)",
                            .checkDue,
                            period.key,
                            "/checks/\(plan.id)",
                            plan.kind.rawValue,
                            since: period.start
                        )
                        items.append(place.map { Self.placed(item, under: $0.appointment, $0.enterprise) } ?? item)
                    }
                }
            }
            let notifications = try Row.fetchAll(
                db,
                sql: """
                    SELECT n.id, n.object_type, n.object_id, n.step, n.due_at,
                      CASE n.object_type WHEN 'hazard' THEN (SELECT number FROM hazard WHERE id = n.object_id)
                        WHEN 'checkPlan' THEN n.period
                        ELSE (SELECT w.number FROM warning_task t JOIN warning w ON w.id = t.warning_id WHERE t.id = n.object_id) END,
                      CASE n.object_type WHEN 'hazard' THEN (SELECT description FROM hazard WHERE id = n.object_id)
                        WHEN 'checkPlan' THEN (SELECT e.name FROM check_plan p JOIN enterprise e ON e.id = p.enterprise_id WHERE p.id = n.object_id)
                        ELSE (SELECT w.title FROM warning_task t JOIN warning w ON w.id = t.warning_id WHERE t.id = n.object_id) END,
                      (SELECT warning_id FROM warning_task WHERE id = n.object_id),
                      CASE n.object_type WHEN 'hazard' THEN (SELECT enterprise_id FROM hazard WHERE id = n.object_id)
                        WHEN 'checkPlan' THEN (SELECT enterprise_id FROM check_plan WHERE id = n.object_id)
                        ELSE (SELECT enterprise_id FROM warning_task WHERE id = n.object_id) END
                    FROM notification n WHERE n.person_id = ? ORDER BY n.id DESC LIMIT 200
                    """,
                arguments: [actor.id]
            )
            for row in notifications {
                let object = NotifiedObject(rawValue: row[1]) ?? .hazard
                let objectID: Int64 = row[2]
                let link =
                    switch object {
                    case .hazard: "/hazards/\(objectID)"
                    case .warningTask: "/warnings/\((row[7] as Int64?) ?? 0)"
                    case .checkPlan: "/checks"
                    }
                var item = Self.item(
                    "notification:\(row[0] as Int64)",
                    .escalation,
                    row[5] ?? "",
                    link,
                    row[6] ?? "",
                    since: try row.decode(atIndex: 4)
                )
                item.step = EscalationStep(rawValue: row[3])
                let enterprise: Int64? = row[8]
                // A regional director hears only of the enterprises they serve now: an ended appointment takes its
                // notifications out of the inbox with it.
                if isRegional, enterprise.map({ serving[$0] == nil }) ?? false { continue }
                let place = enterprise.flatMap { serving[$0] }
                items.append(place.map { Self.placed(item, under: $0.appointment, $0.enterprise) } ?? item)
            }
            let read = Set(
                try String.fetchAll(
                    db,
                    sql: "SELECT item_key FROM inbox_read WHERE person_id = ? AND item_key IN (\(db.textSet))",
                    arguments: [actor.id, IDSet.jsonStrings(items.map(\.key))]
                )
            )
            return items.map { item in
                var item = item
                item.read = read.contains(item.key)
                return item
            }
        }
    }

    /// What waits in one enterprise for an actor as they act there: hazard actions, warnings to answer.
    static func enterpriseWork(of actor: Actor, at now: Date, in db: any SQLContext) throws -> [InboxItem] {
        var items: [InboxItem] = []
        // Hazard actions that wait for this person, as the machine itself decides (`availableActions`), over the
        // few hazards where something can wait: their own enterprise's, or for a regulator those it accepts.
        let candidates: [HazardRow]
        if let enterpriseID = actor.enterpriseID, actor.role.isEnterpriseRole {
            candidates = try HazardRow.fetchAll(
                db,
                sql: "SELECT * FROM hazard WHERE enterprise_id = ? AND state IN ('notified','rectifying','awaitingAcceptance') ORDER BY id",
                arguments: [enterpriseID]
            )
        } else if actor.role == .regulator, let office = actor.jurisdictionID {
            candidates = try HazardRow.fetchAll(
                db,
                sql: """
                    SELECT h.* FROM hazard h JOIN hazard_origin o ON o.hazard_id = h.id
                    WHERE h.state = 'awaitingAcceptance' AND o.accepting_office IN (
                      WITH RECURSIVE sub(id) AS (SELECT CAST(? AS BIGINT) UNION SELECT j.id FROM jurisdiction j JOIN sub ON j.parent_id = sub.id)
                      SELECT id FROM sub)
                    ORDER BY h.id
                    """,
                arguments: [office]
            )
        } else {
            candidates = []
        }
        for hazard in try HazardStorage.assemble(candidates, in: db) {
            let allowed = Set(hazard.availableActions(for: actor, at: now))
            let link = "/hazards/\(hazard.id)"
            if allowed.contains(.acknowledgeNotice) {
                items.append(
                    Self.item(
                        "notice:\(hazard.id)",
                        .acknowledgeNotice,
                        hazard.number,
                        link,
                        hazard.description,
                        since: hazard.notice?.issuedAt ?? hazard.foundAt
                    )
                )
            }
            if allowed.contains(.acceptPass), let submission = hazard.submissions.last {
                items.append(
                    Self.item(
                        "accept:\(hazard.id):\(submission.sequence)",
                        .accept,
                        hazard.number,
                        link,
                        hazard.description,
                        since: submission.submittedAt
                    )
                )
            }
            if allowed.contains(.approvePlan), let plan = hazard.currentPlan {
                items.append(
                    Self.item("plan:\(hazard.id):\(plan.sequence)", .approvePlan, hazard.number, link, plan.target, since: plan.submittedAt)
                )
            }
            if allowed.contains(.approveExtension), let request = hazard.extensionRequest {
                items.append(
                    Self.item("extension:\(hazard.id)", .decideExtension, hazard.number, link, request.reason, since: request.requestedAt)
                )
            }
        }
        if let enterpriseID = actor.enterpriseID, WarningTask.answerers.contains(actor.role) {
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT t.id, t.state, w.id, w.number, w.title, w.issued_at FROM warning_task t JOIN warning w ON w.id = t.warning_id
                    WHERE t.enterprise_id = ? AND t.state IN ('issued','acknowledged') ORDER BY w.deadline, t.id
                    """,
                arguments: [enterpriseID]
            )
            for row in rows {
                let state: String = row[1]
                let warningID: Int64 = row[2]
                items.append(
                    Self.item(
                        "warning:\(row[0] as Int64):\(state)",
                        .answerWarning,
                        row[3],
                        "/warnings/\(warningID)",
                        row[4],
                        since: try row.decode(atIndex: 5)
                    )
                )
            }
        }
        return items
    }

    /// An item of an enterprise a regional director serves: named by the enterprise, reached through the page that
    /// makes them act for it.
    static func placed(_ item: InboxItem, under appointment: DirectorAppointment, _ enterprise: String) -> InboxItem {
        var item = item
        item.enterprise = enterprise
        item.link = "/acting?appointment=\(appointment.id)&next=" + (item.link.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")
        return item
    }

    static func item(_ key: String, _ kind: InboxItem.Kind, _ number: String, _ link: String, _ summary: String, since: Date) -> InboxItem {
        InboxItem(key: key, kind: kind, number: number, link: link, summary: summary, step: nil, since: since, read: false)
    }

    public func markRead(_ key: String, by actor: Actor, at now: Date) async throws {
        guard !key.isEmpty, key.count <= 100, key.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
            throw InputError(rule: "INBOX-ITEM", message: Text("sQLiteRepository.notInboxItemKey"))
        }
        try requireWritable()
        do {
            try await database.write { db in
                let actor = try Self.current(actor, at: now, in: db)
                try db.execute(
                    sql: "INSERT INTO inbox_read (person_id, item_key, read_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    arguments: [actor.id, key, DateText.value(now)]
                )
            }
        } catch {
            throw StoreError.wrap(error)
        }
    }

    public func dueDeliveries(sender: String, at now: Date, limit: Int) async throws -> [Delivery] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT n.*, d.sender, d.attempts, p.name AS person_name,
                      CASE n.object_type WHEN 'hazard' THEN (SELECT number FROM hazard WHERE id = n.object_id)
                        WHEN 'checkPlan' THEN n.period
                        ELSE (SELECT w.number FROM warning_task t JOIN warning w ON w.id = t.warning_id WHERE t.id = n.object_id) END AS object_number
                    FROM notification_delivery d JOIN notification n ON n.id = d.notification_id JOIN person p ON p.id = n.person_id
                    WHERE d.sender = ? AND d.state = 'pending' AND d.next_attempt_at <= ?
                    ORDER BY d.next_attempt_at, n.id LIMIT ?
                    """,
                arguments: [sender, DateText.value(now), limit]
            ).map { row in
                Delivery(
                    notification: Notification(
                        id: row["id"],
                        object: NotifiedObject(rawValue: row["object_type"]) ?? .hazard,
                        objectID: row["object_id"],
                        step: EscalationStep(rawValue: row["step"]) ?? .director,
                        period: row["period"],
                        personID: row["person_id"],
                        enterpriseID: row["enterprise_id"],
                        dueAt: try row.decode(forColumn: "due_at"),
                        createdAt: try row.decode(forColumn: "created_at")
                    ),
                    sender: row["sender"],
                    attempts: row["attempts"],
                    personName: row["person_name"],
                    objectNumber: row["object_number"] ?? ""
                )
            }
        }
    }

    public func recordDelivery(_ delivery: Delivery, outcome: DeliveryOutcome, at now: Date) async throws {
        try requireWritable()
        do {
            try await database.write { db in
                switch outcome {
                case .delivered:
                    try db.execute(
                        sql: """
                            UPDATE notification_delivery SET state = 'delivered', attempts = attempts + 1, delivered_at = ?, last_error = ''
                            WHERE notification_id = ? AND sender = ? AND state = 'pending'
                            """,
                        arguments: [DateText.value(now), delivery.notification.id, delivery.sender]
                    )
                case .failed(let error, let retryAt):
                    try db.execute(
                        sql: """
                            UPDATE notification_delivery SET state = ?, attempts = attempts + 1, next_attempt_at = ?, last_error = ?
                            WHERE notification_id = ? AND sender = ? AND state = 'pending'
                            """,
                        arguments: [
                            retryAt == nil ? "dead" : "pending", DateText.value(retryAt ?? now), String(error.prefix(500)),
                            delivery.notification.id, delivery.sender,
                        ]
                    )
                }
            }
        } catch {
            throw StoreError.wrap(error)
        }
    }
}
