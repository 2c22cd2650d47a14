import DualPreventionPostgres
import Foundation
import Logging
import PostgresNIO

/// The PostgreSQL server of the conformance tests: `DUALPREV_POSTGRES_URL` (`.ci/run` starts a throwaway cluster and
/// sets it; `bash .ci/postgres.sh start /tmp/pg` does the same by hand). Each test gets a database of its own,
/// dropped after it.
enum TestPostgres {
    static let url = ProcessInfo.processInfo.environment["DUALPREV_POSTGRES_URL"]
    static let why = "DUALPREV_POSTGRES_URL names a PostgreSQL server (.ci/postgres.sh starts one)"

    /// A new empty database on the server, migrated, for the length of `body`.
    static func withDatabase<T: Sendable>(at now: Date, _ body: (PostgresPool) async throws -> T) async throws -> T {
        guard let url, var parts = URLComponents(string: url) else { throw CocoaError(.featureUnsupported) }
        let name = "dualprev_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let admin = try PostgresPool(url: url)
        do {
            try await admin.client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
            parts.path = "/" + name
            let database = try await PostgresPool.open(url: parts.string ?? url, at: now)
            let result: T
            do {
                result = try await body(database)
            } catch {
                await database.close()
                throw error
            }
            await database.close()
            try await admin.client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
            await admin.close()
            return result
        } catch {
            _ = try? await admin.client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
            await admin.close()
            throw error
        }
    }
}
