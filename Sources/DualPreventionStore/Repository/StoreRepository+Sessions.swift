import DualPrevention
import Foundation
import GRDB

// Logins in the database file: every server process on it shares them. A database opened read-only keeps them in
// this process's memory instead (nothing may be written there, and a read-only copy is looked at by one process).

extension StoreRepository {
    public func saveSession(token: String, _ grant: SessionGrant) async throws {
        if database.isReadOnly { return await memorySessions.saveSession(token: token, grant) }
        try await sessionWrite { db in
            try db.execute(
                sql: """
                    INSERT INTO web_session (token_hash, person_id, opened_at, last_used_at, credential)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [
                    SessionToken.hash(token), grant.personID, DateText.database(grant.openedAt), DateText.database(grant.lastUsedAt),
                    grant.credential,
                ]
            )
        }
    }

    public func session(token: String) async throws -> SessionGrant? {
        if database.isReadOnly { return await memorySessions.session(token: token) }
        return try await read { db in
            let row = try Row.fetchOne(
                db,
                sql: "SELECT person_id, opened_at, last_used_at, credential FROM web_session WHERE token_hash = ?",
                arguments: [SessionToken.hash(token)]
            )
            guard let row, let opened = DateText.instant(row[1] as String), let used = DateText.instant(row[2] as String) else { return nil }
            return SessionGrant(personID: row[0], openedAt: opened, lastUsedAt: used, credential: row[3])
        }
    }

    public func touchSession(token: String, at now: Date) async throws {
        if database.isReadOnly { return await memorySessions.touchSession(token: token, at: now) }
        try await sessionWrite { db in
            try db.execute(
                sql: "UPDATE web_session SET last_used_at = ? WHERE token_hash = ?",
                arguments: [DateText.database(now), SessionToken.hash(token)]
            )
        }
    }

    public func deleteSession(token: String) async throws {
        if database.isReadOnly { return await memorySessions.deleteSession(token: token) }
        try await sessionWrite { db in try db.execute(sql: "DELETE FROM web_session WHERE token_hash = ?", arguments: [SessionToken.hash(token)]) }
    }

    public func deleteSessions(openedBefore: Date) async throws {
        if database.isReadOnly { return await memorySessions.deleteSessions(openedBefore: openedBefore) }
        try await sessionWrite { db in
            try db.execute(sql: "DELETE FROM web_session WHERE opened_at < ?", arguments: [DateText.database(openedBefore)])
        }
    }

    public func recordLoginFailure(_ key: String, at now: Date, forgetBefore: Date) async throws {
        if database.isReadOnly { return await memorySessions.recordLoginFailure(key, at: now, forgetBefore: forgetBefore) }
        try await sessionWrite { db in
            try db.execute(sql: "DELETE FROM login_failure WHERE at < ?", arguments: [DateText.database(forgetBefore)])
            try db.execute(sql: "INSERT INTO login_failure (login_key, at) VALUES (?, ?)", arguments: [key, DateText.database(now)])
        }
    }

    public func loginFailures(_ key: String, since: Date) async throws -> Int {
        if database.isReadOnly { return await memorySessions.loginFailures(key, since: since) }
        return try await read { db in
            try Int.fetchOne(
                db,
                sql: "SELECT count(*) FROM login_failure WHERE login_key = ? AND at >= ?",
                arguments: [key, DateText.database(since)]
            ) ?? 0
        }
    }

    public func clearLoginFailures(_ keys: [String]) async throws {
        if database.isReadOnly { return await memorySessions.clearLoginFailures(keys) }
        try await sessionWrite { db in
            for key in keys { try db.execute(sql: "DELETE FROM login_failure WHERE login_key = ?", arguments: [key]) }
        }
    }

    /// A write of the login tables: not an action of anyone's, so no audit entry.
    private func sessionWrite(_ body: @escaping @Sendable (any SQLContext) throws -> Void) async throws {
        try await database.writeAside(body)
    }
}
