import DualPrevention
import DualPreventionStore
import Foundation
import PostgresNIO

// Logins in the database, shared by every server process on it (`SessionStorage`).

extension PostgresPool: SessionStorage {
    public func saveSession(token: String, _ grant: SessionGrant) async throws {
        try await client.query(
            """
            INSERT INTO web_session (token_hash, person_id, opened_at, last_used_at, credential)
            VALUES (\(SessionToken.hash(token)), \(grant.personID), \(StoredDate.text(grant.openedAt)),
                    \(StoredDate.text(grant.lastUsedAt)), \(grant.credential))
            """,
            logger: logger
        )
    }

    public func session(token: String) async throws -> SessionGrant? {
        let rows = try await client.query(
            "SELECT person_id, opened_at, last_used_at, credential FROM web_session WHERE token_hash = \(SessionToken.hash(token))",
            logger: logger
        )
        for try await (personID, opened, used, credential) in rows.decode((Int64, String, String, String).self) {
            guard let openedAt = StoredDate.date(opened), let lastUsedAt = StoredDate.date(used) else { return nil }
            return SessionGrant(personID: personID, openedAt: openedAt, lastUsedAt: lastUsedAt, credential: credential)
        }
        return nil
    }

    public func touchSession(token: String, at now: Date) async throws {
        try await client.query(
            "UPDATE web_session SET last_used_at = \(StoredDate.text(now)) WHERE token_hash = \(SessionToken.hash(token))",
            logger: logger
        )
    }

    public func deleteSession(token: String) async throws {
        try await client.query("DELETE FROM web_session WHERE token_hash = \(SessionToken.hash(token))", logger: logger)
    }

    public func deleteSessions(openedBefore: Date) async throws {
        try await client.query("DELETE FROM web_session WHERE opened_at < \(StoredDate.text(openedBefore))", logger: logger)
    }

    public func recordLoginFailure(_ key: String, at now: Date, forgetBefore: Date) async throws {
        let logger = logger
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("DELETE FROM login_failure WHERE at < \(StoredDate.text(forgetBefore))", logger: logger)
            try await connection.query("INSERT INTO login_failure (login_key, at) VALUES (\(key), \(StoredDate.text(now)))", logger: logger)
        }
    }

    public func loginFailures(_ key: String, since: Date) async throws -> Int {
        let rows = try await client.query(
            "SELECT count(*) FROM login_failure WHERE login_key = \(key) AND at >= \(StoredDate.text(since))",
            logger: logger
        )
        for try await count in rows.decode(Int64.self) { return Int(count) }
        return 0
    }

    public func clearLoginFailures(_ keys: [String]) async throws {
        try await client.query("DELETE FROM login_failure WHERE login_key = ANY(\(keys))", logger: logger)
    }
}
