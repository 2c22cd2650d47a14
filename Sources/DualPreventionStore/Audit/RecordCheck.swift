import DualPrevention
import Foundation
import GRDB

/// Compares each record with the state its audit entries recorded (the latest one's, or for a hazard all of theirs
/// folded in order). The chain proves the log was not
/// edited; this proves the tables were not edited behind the log's back (nor rows added without an entry).
///
/// Each kind's rows and its audit entries are read as two streams in id order, a page at a time (`Pages`), and
/// compared as they pass, so a province's millions of rows and entries never sit in memory together.
enum RecordCheck {
    /// The rows a page holds: as many as `AuditLog.verify` reads at a time.
    static let pageSize = 5000

    /// The rows of a query in key order, handed out one at a time and read a page at a time: `page` reads at most
    /// `pageSize` rows after the last one handed out (`nil` for the first page), so only one page sits in memory.
    /// What a database cursor did, in statements that end (and read the same on SQLite and PostgreSQL).
    struct Pages<Element> {
        private let page: (_ after: Element?) throws -> [Element]
        private var buffer: [Element] = []
        private var index = 0
        private var exhausted = false

        init(_ page: @escaping (_ after: Element?) throws -> [Element]) { self.page = page }

        mutating func next() throws -> Element? {
            if index == buffer.count {
                guard !exhausted else { return nil }
                buffer = try page(buffer.last)
                index = 0
                exhausted = buffer.count < RecordCheck.pageSize
                guard !buffer.isEmpty else { return nil }
            }
            index += 1
            return buffer[index - 1]
        }
    }

    /// The audit entries of one kind of object, in (object, sequence) order, a page at a time.
    static func entries(of objectType: String, in db: any SQLContext) -> Pages<Row> {
        Pages { after in
            var objectID = Int64.min
            var seq = Int64.min
            if let after {
                objectID = after["object_id"]
                seq = after["seq"]
            }
            // The index on (object_type, object_id) finds each page's first entry.
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT object_id, seq, payload FROM audit_log WHERE object_type = ? AND (object_id, seq) > (?, ?)
                    ORDER BY object_id, seq LIMIT \(RecordCheck.pageSize)
                    """,
                arguments: [objectType, objectID, seq]
            )
        }
    }

    /// Where the recorded state sits in a payload: under a key, or the whole payload.
    struct Kind {
        var objectType: String
        var payloadKey: String?
        /// Hands each row, in id order, to `each` as the audit log would record it.
        var rows: (any SQLContext, _ each: (Int64, String) throws -> Void) throws -> Void
        /// The recorded state is all the object's entries folded in order (`HazardChanges`), not its latest entry's.
        var folds = false
    }

    static func kinds() -> [Kind] {
        func rows<R: FetchableRecord & TableRecord & Encodable & Identifiable>(
            _ type: R.Type
        ) -> (any SQLContext, (Int64, String) throws -> Void) throws -> Void where R.ID == Int64 {
            { db, each in
                var records = Pages<R> { after in
                    try R.fetchAll(
                        db,
                        sql: "SELECT * FROM \(R.databaseTableName) WHERE id > ? ORDER BY id LIMIT \(RecordCheck.pageSize)",
                        arguments: [after?.id ?? Int64.min]
                    )
                }
                while let record = try records.next() { try each(record.id, StoreRepository.payload(record)) }
            }
        }
        return [
            Kind(objectType: "jurisdiction", payloadKey: nil, rows: rows(Jurisdiction.self)),
            Kind(objectType: "enterprise", payloadKey: nil, rows: rows(Enterprise.self)),
            Kind(objectType: "workshop", payloadKey: nil, rows: rows(Workshop.self)),
            Kind(objectType: "team", payloadKey: nil, rows: rows(Team.self)),
            Kind(objectType: "post", payloadKey: nil, rows: rows(Post.self)),
            Kind(objectType: "person", payloadKey: nil, rows: rows(Person.self)),
            Kind(objectType: "risk_point", payloadKey: "riskPoint", rows: rows(RiskPoint.self)),
            Kind(objectType: "check_plan", payloadKey: nil, rows: rows(CheckPlan.self)),
            Kind(objectType: "check_run", payloadKey: nil, rows: rows(CheckRun.self)),
            Kind(objectType: "quality_record", payloadKey: nil, rows: rows(QualityRecord.self)),
            Kind(objectType: "credit_grade", payloadKey: nil, rows: rows(CreditGradeRecord.self)),
            Kind(objectType: "list_entry", payloadKey: nil, rows: rows(ListEntry.self)),
            Kind(objectType: "warning", payloadKey: nil, rows: rows(RiskWarning.self)),
            Kind(objectType: "warning_task", payloadKey: nil, rows: rows(WarningTaskRow.self)),
            Kind(objectType: "inspection", payloadKey: nil, rows: rows(InspectionRow.self)),
            Kind(objectType: "product_batch", payloadKey: nil, rows: rows(ProductBatch.self)),
            Kind(objectType: "production_stop", payloadKey: nil, rows: rows(ProductionStop.self)),
            Kind(objectType: "recall", payloadKey: nil, rows: rows(RecallRow.self)),
            Kind(objectType: "recall_return", payloadKey: nil, rows: rows(RecallReturnRow.self)),
            Kind(objectType: "director_appointment", payloadKey: nil, rows: rows(DirectorAppointment.self)),
            Kind(
                objectType: "hazard",
                payloadKey: "hazard",
                rows: { db, each in
                    // A batch of hazards at a time, with their parts.
                    var after = Int64.min
                    while true {
                        let batch = try HazardRow.fetchAll(db, sql: "SELECT * FROM hazard WHERE id > ? ORDER BY id LIMIT 500", arguments: [after])
                        guard let last = batch.last else { break }
                        for hazard in try HazardStorage.assemble(batch, in: db) { try each(hazard.id, StoreRepository.payload(hazard)) }
                        after = last.id
                    }
                },
                folds: true
            ),
        ]
    }

    /// One comparison that stands on its own: a kind's rows against its entries, the gradings against the risk
    /// points' entries, or the evidence files against their hashes. Each reads only its own rows and entries, so each
    /// may run in a read (a snapshot) of its own, beside the others.
    enum Part: Hashable, Sendable {
        case kind(Int)
        case gradings
        case evidence

        /// Every part, in the order their mismatches are reported: the kinds as `kinds()` lists them, the gradings, the evidence.
        static let all: [Part] = kinds().indices.map(Part.kind) + [.gradings, .evidence]

        /// The parts in the order to start them when several run at once: the largest first (check runs and
        /// hazards hold most of a province's rows and entries), so that the others fill in beside them.
        static let largestFirst: [Part] = {
            let large = ["check_run", "hazard", "risk_point"].compactMap { type in kinds().firstIndex { $0.objectType == type } }.map(Part.kind)
            return large + all.filter { !large.contains($0) }
        }()
    }

    static func check(_ part: Part, in db: any SQLContext, evidence: EvidenceStore) throws -> [AuditReport.RecordMismatch] {
        switch part {
        case .kind(let index): try compare(kinds()[index], in: db)
        case .gradings: try gradings(db)
        case .evidence: try evidenceFiles(db, store: evidence)
        }
    }

    /// One kind's rows against their recorded states: rows with no entry, rows that differ (in id order), then
    /// recorded objects whose row is gone.
    static func compare(_ kind: Kind, in db: any SQLContext) throws -> [AuditReport.RecordMismatch] {
        var mismatches: [AuditReport.RecordMismatch] = []
        func mismatch(_ id: Int64, _ problem: String) {
            mismatches.append(.init(objectType: kind.objectType, objectID: id, problem: problem))
        }
        var recorded = try Recorded(kind, in: db)
        var pending = try recorded.next()
        var gone: [Int64] = []
        do {
            try kind.rows(db) { id, encoded in
                while let earlier = pending, earlier.id < id {
                    if recorded.state(of: earlier) != nil { gone.append(earlier.id) }
                    pending = try recorded.next()
                }
                var snapshot: Any?
                if let match = pending, match.id == id {
                    pending = try recorded.next()
                    // The row encodes to the very text its latest entry holds (the canonical encoding of the same
                    // values): equal, with nothing to parse. Else the two are compared as parsed JSON.
                    if match.payload == encoded { return }
                    snapshot = recorded.state(of: match)
                }
                guard let snapshot else {
                    return mismatch(id, "the row has no audit entry: it was added behind the program's back")
                }
                if !same(try? JSONSerialization.jsonObject(with: Data(encoded.utf8)), snapshot) {
                    mismatch(id, "the row differs from the state its latest audit entry recorded: it was edited behind the program's back")
                }
            }
        } catch {
            // A value edited into something the program cannot read (a credit code, a role) is tampering too.
            return [
                .init(
                    objectType: kind.objectType,
                    objectID: 0,
                    problem: "rows cannot be read (\(error)): they were edited behind the program's back"
                )
            ]
        }
        while let left = pending {
            if recorded.state(of: left) != nil { gone.append(left.id) }
            pending = try recorded.next()
        }
        // Nothing is ever deleted through the program, so a recorded object without its row was removed.
        for id in gone { mismatch(id, "the row is gone although the log records it: it was deleted behind the program's back") }
        return mismatches
    }

    /// A kind's recorded states, one object at a time in id order, from its entries read in (object, sequence) order.
    struct Recorded {
        let kind: Kind
        var rows: Pages<Row>
        var ahead: (id: Int64, payload: String)?

        init(_ kind: Kind, in db: any SQLContext) throws {
            self.kind = kind
            rows = RecordCheck.entries(of: kind.objectType, in: db)
            ahead = try rows.next().map { ($0["object_id"], $0["payload"]) }
        }

        /// An object as its entries recorded it: the latest entry's payload when that is the whole recorded state (a
        /// kind that neither folds nor keeps its state under a key), else the state itself.
        struct Object {
            var id: Int64
            var payload: String?
            var state: Any?
        }

        /// The object's recorded state; a `nil` state leaves the object out, as if it had no entry.
        func state(of object: Object) -> Any? {
            object.payload.map(latest) ?? object.state
        }

        /// The next object and what its entries recorded.
        mutating func next() throws -> Object? {
            guard let first = ahead else { return nil }
            var payloads = [first.payload]
            ahead = nil
            while let row = try rows.next() {
                let id: Int64 = row["object_id"]
                guard id == first.id else {
                    ahead = (id, row["payload"])
                    break
                }
                if kind.folds { payloads.append(row["payload"]) } else { payloads = [row["payload"]] }
            }
            if kind.folds { return Object(id: first.id, state: Self.folded(payloads)) }
            if kind.payloadKey == nil { return Object(id: first.id, payload: payloads[0]) }
            return Object(id: first.id, state: latest(payloads[0]))
        }

        /// The state the latest entry recorded.
        func latest(_ text: String) -> Any? {
            let payload = try? JSONSerialization.jsonObject(with: Data(text.utf8))
            return kind.payloadKey.map { (payload as? [String: Any])?[$0] as Any } ?? payload
        }

        /// A hazard's state folded from all its entries in order: the report's whole hazard, then each action's
        /// changes (`HazardChanges.fold`). An entry that cannot be read or applied leaves nothing to compare, so the
        /// hazard is reported as differing.
        static func folded(_ payloads: [String]) -> Any {
            var state: [String: Any]?
            for text in payloads {
                guard
                    let payload = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                    let next = HazardChanges.fold(state, payload: payload)
                else { return NSNull() }
                state = next
            }
            return state ?? NSNull()
        }
    }

    /// Every grading kept must be the one its audit entry recorded: gradings are never overwritten. The recorded
    /// gradings and the kept ones are read as two streams in risk point order and compared a point at a time.
    static func gradings(_ db: any SQLContext) throws -> [AuditReport.RecordMismatch] {
        var entries = Self.entries(of: "risk_point", in: db)
        var kept = Pages<GradingRow> { after in
            try GradingRow.fetchAll(
                db,
                sql: """
                    SELECT * FROM risk_grading WHERE (risk_point_id, sequence) > (?, ?)
                    ORDER BY risk_point_id, sequence LIMIT \(RecordCheck.pageSize)
                    """,
                arguments: [after?.riskPointID ?? Int64.min, after.map { Int64($0.sequence) } ?? Int64.min]
            )
        }
        var entry = try entries.next()
        var row = try kept.next()
        var mismatches: [AuditReport.RecordMismatch] = []
        while entry != nil || row != nil {
            let entryID: Int64? = entry?["object_id"]
            let id = min(entryID ?? .max, row?.riskPointID ?? .max)
            var was: [Any] = []
            while let current = entry, current["object_id"] == id {
                let payload = try? JSONSerialization.jsonObject(with: Data((current["payload"] as String).utf8)) as? [String: Any]
                if let grading = payload?["grading"], !(grading is NSNull) { was.append(grading) }
                entry = try entries.next()
            }
            var now: [Any?] = []
            while let current = row, current.riskPointID == id {
                now.append(try? JSONSerialization.jsonObject(with: Data(StoreRepository.payload(current.record).utf8)))
                row = try kept.next()
            }
            if was.count != now.count || !zip(was, now).allSatisfy({ same($1, $0) }) {
                mismatches.append(
                    .init(
                        objectType: "risk_grading",
                        objectID: id,
                        problem:
                            "the risk point's gradings differ from those its audit entries recorded: a grading was edited, added or removed behind the program's back"
                    )
                )
            }
        }
        return mismatches
    }

    /// The evidence rows numbered from 1 in hash order (`number`, `sha256`), as a table to read or join: the table has no
    /// id of its own, and its number reads the same on every database (SQLite's rowid has no PostgreSQL twin).
    static let numberedEvidence = "SELECT row_number() OVER (ORDER BY sha256) AS number, sha256 FROM evidence"

    /// Every evidence file kept must still hash to its name. The mismatch names the evidence row by its number in
    /// hash order (`numberedEvidence`).
    static func evidenceFiles(_ db: any SQLContext, store: EvidenceStore) throws -> [AuditReport.RecordMismatch] {
        try Row.fetchAll(db, sql: "SELECT number, sha256 FROM (\(numberedEvidence)) AS e ORDER BY sha256").compactMap { row in
            let sha: String = row[1]
            return store.isIntact(sha)
                ? nil
                : .init(objectType: "evidence", objectID: row[0], problem: "evidence file \(sha) is missing or its bytes no longer match its SHA-256")
        }
    }

    /// The enterprises a mismatch concerns, so that a viewer is shown only those about enterprises in their sight:
    /// from the object's audit entries (which outlive a deleted row), else from its row; none for the jurisdiction
    /// tree and the people outside enterprises.
    static func enterprises(of mismatch: AuditReport.RecordMismatch, in db: any SQLContext) throws -> Set<Int64> {
        let id = mismatch.objectID
        switch mismatch.objectType {
        case "evidence":
            return Set(
                try Int64.fetchAll(
                    db,
                    sql: """
                        SELECT h.enterprise_id FROM (\(numberedEvidence)) AS e JOIN evidence_link l ON l.sha256 = e.sha256
                        JOIN hazard h ON h.id = l.hazard_id WHERE e.number = ?
                        """,
                    arguments: [id]
                )
            )
        case "risk_grading":
            return try enterprises(of: .init(objectType: "risk_point", objectID: id, problem: ""), in: db)
        case let type:
            let recorded = try Int64.fetchAll(
                db,
                sql: "SELECT DISTINCT enterprise_id FROM audit_log WHERE object_type = ? AND object_id = ? AND enterprise_id IS NOT NULL",
                arguments: [type, id]
            )
            if !recorded.isEmpty { return Set(recorded) }
            let sql: String? =
                switch type {
                case "enterprise": "SELECT id FROM enterprise WHERE id = ?"
                case "team": "SELECT w.enterprise_id FROM team t JOIN workshop w ON w.id = t.workshop_id WHERE t.id = ?"
                case "post":
                    "SELECT w.enterprise_id FROM post p JOIN team t ON t.id = p.team_id JOIN workshop w ON w.id = t.workshop_id WHERE p.id = ?"
                case "check_run": "SELECT p.enterprise_id FROM check_run r JOIN check_plan p ON p.id = r.plan_id WHERE r.id = ?"
                case "product_batch", "production_stop": "SELECT h.enterprise_id FROM \(type) x JOIN hazard h ON h.id = x.hazard_id WHERE x.id = ?"
                case "recall_return": "SELECT r.enterprise_id FROM recall_return x JOIN recall r ON r.id = x.recall_id WHERE x.id = ?"
                case "workshop", "person", "hazard", "risk_point", "check_plan", "credit_grade", "quality_record", "list_entry", "warning_task",
                    "inspection", "recall":
                    "SELECT enterprise_id FROM \(type) WHERE id = ?"
                default: nil
                }
            guard let sql else { return [] }
            return Set(try Int64.fetchAll(db, sql: sql, arguments: [id]))
        }
    }

    /// Structural equality of two parsed JSON values.
    static func same(_ a: Any?, _ b: Any?) -> Bool {
        switch (a, b) {
        case let (a as [String: Any], b as [String: Any]):
            a.count == b.count && a.allSatisfy { key, value in b[key].map { same(value, $0) } ?? false }
        case let (a as [Any], b as [Any]):
            a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
        case let (a as String, b as String): a == b
        case let (a as NSNumber, b as NSNumber): a == b
        case (nil, nil), (is NSNull, is NSNull): true
        default: false
        }
    }
}
