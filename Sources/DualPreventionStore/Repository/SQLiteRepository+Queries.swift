import DualPrevention
import Foundation
import GRDB

extension SQLiteRepository {
    public func person(_ key: String) async throws -> Person {
        try await read { db in
            if let id = Int64(key) {
                guard let person = try Person.fetchOne(db, key: id) else { throw NotFoundError(what: "person", key: key) }
                return person
            }
            let matches = try Person.filter(Column("name") == key).fetchAll(db)
            guard matches.count <= 1 else {
                throw StoreError.ambiguous(what: "people", key: key, candidates: matches.map { "#\($0.id) \($0.role.rawValue)" })
            }
            guard let person = matches.first else { throw NotFoundError(what: "person", key: key) }
            return person
        }
    }

    public func jurisdictions() async throws -> [Jurisdiction] {
        try await read { db in try Jurisdiction.order(Column("id")).fetchAll(db) }
    }

    public func jurisdictionPath(of jurisdictionID: Int64) async throws -> [Int64] {
        try await read { db in try Self.path(of: jurisdictionID, in: db) }
    }

    public func enterprise(_ key: String) async throws -> Enterprise {
        try await read { db in
            let matches: [Enterprise]
            if let id = Int64(key) {
                matches = try Enterprise.filter(key: id).fetchAll(db)
            } else {
                matches = try Enterprise.filter(Column("credit_code") == key.uppercased() || Column("name") == key).fetchAll(db)
            }
            guard matches.count <= 1 else { throw StoreError.ambiguous(what: "enterprises", key: key, candidates: matches.map { "#\($0.id)" }) }
            guard let enterprise = matches.first else { throw NotFoundError(what: "enterprise", key: key) }
            return enterprise
        }
    }

    public func enterprises(visibleTo actor: Actor?) async throws -> [Enterprise] {
        try await read { db in
            var request = Enterprise.order(Column("id"))
            if let visible = try Self.visibleEnterprises(actor, in: db) { request = request.filter(visible.contains(Column("id"))) }
            return try request.fetchAll(db)
        }
    }

    public func workshops(enterpriseID: Int64) async throws -> [Workshop] {
        try await read { db in try Workshop.filter(Column("enterprise_id") == enterpriseID).order(Column("id")).fetchAll(db) }
    }

    public func teams(enterpriseID: Int64) async throws -> [Team] {
        try await read { db in
            try Team.fetchAll(db, sql: "SELECT t.* FROM team t JOIN workshop w ON w.id = t.workshop_id WHERE w.enterprise_id = ? ORDER BY t.id", arguments: [enterpriseID])
        }
    }

    public func posts(enterpriseID: Int64) async throws -> [Post] {
        try await read { db in
            try Post.fetchAll(db, sql: """
                SELECT p.* FROM post p JOIN team t ON t.id = p.team_id JOIN workshop w ON w.id = t.workshop_id
                WHERE w.enterprise_id = ? ORDER BY p.id
                """, arguments: [enterpriseID])
        }
    }

    public func people(enterpriseID: Int64?) async throws -> [Person] {
        try await read { db in
            var request = Person.order(Column("id"))
            if let enterpriseID { request = request.filter(Column("enterprise_id") == enterpriseID) }
            return try request.fetchAll(db)
        }
    }

    public func history(objectType: String, objectID: Int64) async throws -> [AuditEntry] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log WHERE object_type = ? AND object_id = ? ORDER BY seq",
                             arguments: [objectType, objectID]).map(AuditLog.entry)
        }
    }

    public func verifyAudit(expectedHead: String?) async throws -> AuditReport {
        try await read { db in
            var report = try AuditLog.verify(db, expectedHead: expectedHead)
            report.mismatches = try RecordCheck.run(db)
            return report
        }
    }
}

extension SQLiteRepository {
    /// True when the first audit entry says the demo built this database.
    public func isDemoDatabase() throws -> Bool {
        try writer.read { db in
            let summary = try String.fetchOne(db, sql: "SELECT summary FROM audit_log ORDER BY seq LIMIT 1")
            return summary?.hasPrefix("demo database") ?? true
        }
    }
}
