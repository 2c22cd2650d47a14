import DualPrevention
import Foundation
import GRDB

/// Compares each record with the state its audit entries recorded (the latest one's, or for a hazard all of theirs
/// folded in order). The chain proves the log was not
/// edited; this proves the tables were not edited behind the log's back (nor rows added without an entry).
enum RecordCheck {
    /// Where the recorded state sits in a payload: under a key, or the whole payload.
    struct Kind {
        var objectType: String
        var payloadKey: String?
        var current: (Database) throws -> [Int64: String]
        /// The recorded state of each object, when it is not simply its latest entry's payload.
        var recorded: ((Database) throws -> [Int64: Any])? = nil
    }

    static func kinds() -> [Kind] {
        func rows<R: FetchableRecord & TableRecord & Encodable & Identifiable>(_ type: R.Type) -> (Database) throws -> [Int64: String]
        where R.ID == Int64 {
            { db in Dictionary(uniqueKeysWithValues: try R.fetchAll(db).map { ($0.id, SQLiteRepository.payload($0)) }) }
        }
        return [
            Kind(objectType: "jurisdiction", payloadKey: nil, current: rows(Jurisdiction.self)),
            Kind(objectType: "enterprise", payloadKey: nil, current: rows(Enterprise.self)),
            Kind(objectType: "workshop", payloadKey: nil, current: rows(Workshop.self)),
            Kind(objectType: "team", payloadKey: nil, current: rows(Team.self)),
            Kind(objectType: "post", payloadKey: nil, current: rows(Post.self)),
            Kind(objectType: "person", payloadKey: nil, current: rows(Person.self)),
            Kind(objectType: "risk_point", payloadKey: "riskPoint", current: rows(RiskPoint.self)),
            Kind(objectType: "check_plan", payloadKey: nil, current: rows(CheckPlan.self)),
            Kind(objectType: "check_run", payloadKey: nil, current: rows(CheckRun.self)),
            Kind(objectType: "quality_record", payloadKey: nil, current: rows(QualityRecord.self)),
            Kind(objectType: "credit_grade", payloadKey: nil, current: rows(CreditGradeRecord.self)),
            Kind(objectType: "list_entry", payloadKey: nil, current: rows(ListEntry.self)),
            Kind(
                objectType: "hazard",
                payloadKey: "hazard",
                current: { db in
                    let hazards = try HazardStorage.assemble(HazardRow.fetchAll(db), in: db)
                    return Dictionary(uniqueKeysWithValues: hazards.map { ($0.id, SQLiteRepository.payload($0)) })
                },
                recorded: hazards
            ),
        ]
    }

    static func run(_ db: Database, evidence: EvidenceStore) throws -> [AuditReport.RecordMismatch] {
        var mismatches: [AuditReport.RecordMismatch] = []
        for kind in kinds() {
            let snapshots = try kind.recorded?(db) ?? latest(kind, in: db)
            let current: [Int64: String]
            do {
                current = try kind.current(db)
            } catch {
                // A value edited into something the program cannot read (a credit code, a role) is tampering too.
                mismatches.append(
                    .init(
                        objectType: kind.objectType,
                        objectID: 0,
                        problem: "rows cannot be read (\(error)): they were edited behind the program's back"
                    )
                )
                continue
            }
            for (id, encoded) in current.sorted(by: { $0.key < $1.key }) {
                guard let snapshot = snapshots[id] else {
                    mismatches.append(
                        .init(
                            objectType: kind.objectType,
                            objectID: id,
                            problem: "the row has no audit entry: it was added behind the program's back"
                        )
                    )
                    continue
                }
                let now = try? JSONSerialization.jsonObject(with: Data(encoded.utf8))
                if !same(now, snapshot) {
                    mismatches.append(
                        .init(
                            objectType: kind.objectType,
                            objectID: id,
                            problem: "the row differs from the state its latest audit entry recorded: it was edited behind the program's back"
                        )
                    )
                }
            }
            // Nothing is ever deleted through the program, so a recorded object without its row was removed.
            for id in snapshots.keys.sorted() where current[id] == nil {
                mismatches.append(
                    .init(
                        objectType: kind.objectType,
                        objectID: id,
                        problem: "the row is gone although the log records it: it was deleted behind the program's back"
                    )
                )
            }
        }
        mismatches += try gradings(db)
        mismatches += try evidenceFiles(db, store: evidence)
        return mismatches
    }

    /// Each object's state as its latest entry recorded it.
    static func latest(_ kind: Kind, in db: Database) throws -> [Int64: Any] {
        let recorded = try Row.fetchAll(
            db,
            sql: """
                SELECT object_id, payload FROM audit_log
                WHERE seq IN (SELECT max(seq) FROM audit_log WHERE object_type = ? GROUP BY object_id)
                """,
            arguments: [kind.objectType]
        )
        var snapshots: [Int64: Any] = [:]
        for row in recorded {
            let payload = try? JSONSerialization.jsonObject(with: Data((row["payload"] as String).utf8))
            snapshots[row["object_id"]] = kind.payloadKey.map { (payload as? [String: Any])?[$0] as Any } ?? payload
        }
        return snapshots
    }

    /// Each hazard's state folded from all its entries in order: the report's whole hazard, then each action's
    /// changes (`HazardChanges.fold`). An entry that cannot be read or applied leaves nothing to compare, so the
    /// hazard is reported as differing.
    static func hazards(_ db: Database) throws -> [Int64: Any] {
        var states: [Int64: [String: Any]] = [:]
        var broken: Set<Int64> = []
        let rows = try Row.fetchCursor(db, sql: "SELECT object_id, payload FROM audit_log WHERE object_type = 'hazard' ORDER BY seq")
        while let row = try rows.next() {
            let id: Int64 = row["object_id"]
            guard
                let payload = try? JSONSerialization.jsonObject(with: Data((row["payload"] as String).utf8)) as? [String: Any],
                let state = HazardChanges.fold(states[id], payload: payload)
            else {
                broken.insert(id)
                continue
            }
            states[id] = state
        }
        var snapshots: [Int64: Any] = states
        for id in broken { snapshots[id] = NSNull() }
        return snapshots
    }

    /// Every grading kept must be the one its audit entry recorded: gradings are never overwritten.
    static func gradings(_ db: Database) throws -> [AuditReport.RecordMismatch] {
        var recorded: [Int64: [Any]] = [:]
        let rows = try Row.fetchAll(db, sql: "SELECT object_id, payload FROM audit_log WHERE object_type = 'risk_point' ORDER BY seq")
        for row in rows {
            let payload = try? JSONSerialization.jsonObject(with: Data((row["payload"] as String).utf8)) as? [String: Any]
            if let grading = payload?["grading"], !(grading is NSNull) { recorded[row["object_id"], default: []].append(grading) }
        }
        let kept = try GradingRow.order(Column("risk_point_id"), Column("sequence")).fetchAll(db)
        let current = Dictionary(grouping: kept, by: \.riskPointID).mapValues { rows in
            rows.map { try? JSONSerialization.jsonObject(with: Data(SQLiteRepository.payload($0.record).utf8)) } as [Any?]
        }
        var mismatches: [AuditReport.RecordMismatch] = []
        for id in Set(recorded.keys).union(current.keys).sorted() {
            let was = recorded[id] ?? []
            let now = current[id] ?? []
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

    /// Every evidence file kept must still hash to its name.
    static func evidenceFiles(_ db: Database, store: EvidenceStore) throws -> [AuditReport.RecordMismatch] {
        try String.fetchAll(db, sql: "SELECT sha256 FROM evidence ORDER BY sha256").compactMap { sha in
            store.isIntact(sha)
                ? nil
                : .init(objectType: "evidence", objectID: 0, problem: "evidence file \(sha) is missing or its bytes no longer match its SHA-256")
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
