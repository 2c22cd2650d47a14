import DualPrevention
import Foundation
import GRDB

/// Compares each record with the state its latest audit entry recorded. The chain proves the log was not
/// edited; this proves the tables were not edited behind the log's back (nor rows added without an entry).
enum RecordCheck {
    /// Where the recorded state sits in a payload: under a key, or the whole payload.
    struct Kind {
        var objectType: String
        var payloadKey: String?
        var current: (Database) throws -> [Int64: String]
    }

    static func kinds() -> [Kind] {
        func rows<R: FetchableRecord & TableRecord & Encodable & Identifiable>(_ type: R.Type) -> (Database) throws -> [Int64: String] where R.ID == Int64 {
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
            Kind(objectType: "hazard", payloadKey: "hazard", current: { db in
                let hazards = try HazardStorage.assemble(HazardRow.fetchAll(db), in: db)
                return Dictionary(uniqueKeysWithValues: hazards.map { ($0.id, SQLiteRepository.payload($0)) })
            }),
        ]
    }

    static func run(_ db: Database) throws -> [AuditReport.RecordMismatch] {
        var mismatches: [AuditReport.RecordMismatch] = []
        for kind in kinds() {
            let recorded = try Row.fetchAll(db, sql: """
                SELECT object_id, payload FROM audit_log
                WHERE seq IN (SELECT max(seq) FROM audit_log WHERE object_type = ? GROUP BY object_id)
                """, arguments: [kind.objectType])
            var snapshots: [Int64: Any] = [:]
            for row in recorded {
                let payload = try? JSONSerialization.jsonObject(with: Data((row["payload"] as String).utf8))
                snapshots[row["object_id"]] = kind.payloadKey.map { (payload as? [String: Any])?[$0] as Any } ?? payload
            }
            for (id, encoded) in try kind.current(db).sorted(by: { $0.key < $1.key }) {
                guard let snapshot = snapshots[id] else {
                    mismatches.append(.init(objectType: kind.objectType, objectID: id, problem: "the row has no audit entry: it was added behind the program's back"))
                    continue
                }
                let current = try? JSONSerialization.jsonObject(with: Data(encoded.utf8))
                if !same(current, snapshot) {
                    mismatches.append(.init(objectType: kind.objectType, objectID: id, problem: "the row differs from the state its latest audit entry recorded: it was edited behind the program's back"))
                }
            }
        }
        return mismatches
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
