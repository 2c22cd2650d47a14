import DualPrevention
import DualPreventionStore
import Foundation
import Logging
import PostgresNIO

/// The hash-chained audit log on PostgreSQL: the same chain as SQLite's (`AuditLog.link` and `AuditLog.Walk`), the
/// same columns, and the same append-only triggers in the database.
public enum PostgresAuditLog {
    /// Appends one entry inside the caller's transaction. The table is locked against other writers first (readers
    /// go on), so that two server processes never chain onto the same last entry; the lock ends with the transaction.
    @discardableResult
    public static func append(_ draft: AuditDraft, at now: Date, on connection: PostgresConnection, logger: Logger) async throws -> AuditEntry {
        try await connection.query("LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE", logger: logger)
        var last: (seq: Int64, hash: String)?
        let rows = try await connection.query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", logger: logger)
        for try await (seq, hash) in rows.decode((Int64, String).self) { last = (seq, hash) }
        let linked = AuditLog.link(after: last, draft, at: now)
        let c = linked.canonical
        let evidence = AuditLog.jsonArray(c.evidence)
        try await connection.query(
            """
            INSERT INTO audit_log (seq, at, actor_id, actor_name, action, object_type, object_id, enterprise_id,
                                   summary, payload, evidence, prev_hash, hash)
            VALUES (\(c.seq), \(c.at), \(c.actorID), \(c.actorName), \(c.action), \(c.objectType), \(c.objectID),
                    \(c.enterpriseID), \(c.summary), \(c.payload), \(evidence), \(linked.prevHash), \(linked.hash))
            """,
            logger: logger
        )
        var entry = linked.entry
        entry.at = now
        return entry
    }

    /// The columns `link` reads, in its order.
    static let columns = """
        seq, at, actor_id, actor_name, action, object_type, object_id, enterprise_id, summary, payload, evidence, \
        prev_hash, hash
        """

    /// One stored entry as the chain sees it.
    static func link(_ row: PostgresRow) throws -> AuditLog.Link {
        let c = row.makeRandomAccess()
        let canonical = AuditLog.Canonical(
            seq: try c[0].decode(Int64.self),
            at: try c[1].decode(String.self),
            actorID: try c[2].decode(Int64.self),
            actorName: try c[3].decode(String.self),
            action: try c[4].decode(String.self),
            objectType: try c[5].decode(String.self),
            objectID: try c[6].decode(Int64.self),
            enterpriseID: try c[7].decode(Int64?.self),
            summary: try c[8].decode(String.self),
            payload: try c[9].decode(String.self),
            evidence: AuditLog.decodeArray(try c[10].decode(String.self))
        )
        return AuditLog.Link(canonical: canonical, prevHash: try c[11].decode(String.self), hash: try c[12].decode(String.self))
    }

    /// Walks the whole chain in order, streamed, and names the first entry that does not hold.
    public static func verify(_ database: PostgresPool, expectedHead: String?) async throws -> AuditReport {
        let logger = database.logger
        return try await database.client.withConnection { connection in
            var walk = AuditLog.Walk()
            let rows = try await connection.query("SELECT \(unescaped: columns) FROM audit_log ORDER BY seq", logger: logger)
            for try await row in rows {
                let stored = try Self.link(row)
                guard walk.step(stored.canonical, prevHash: stored.prevHash, hash: stored.hash) else { break }
            }
            return walk.report(expectedHead: expectedHead)
        }
    }

    /// The entries about one object, in order.
    public static func history(objectType: String, objectID: Int64, _ database: PostgresPool) async throws -> [AuditEntry] {
        let logger = database.logger
        return try await database.client.withConnection { connection in
            let query: PostgresQuery =
                "SELECT \(unescaped: columns) FROM audit_log WHERE object_type = \(objectType) AND object_id = \(objectID) ORDER BY seq"
            var entries: [AuditEntry] = []
            for try await row in try await connection.query(query, logger: logger) { entries.append(try Self.link(row).entry) }
            return entries
        }
    }
}
