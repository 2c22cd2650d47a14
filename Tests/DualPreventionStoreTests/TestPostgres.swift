import DualPreventionPostgres
import DualPreventionStore
import Foundation
import Logging
import PostgresNIO
import Testing

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

/// The stores a store test runs on: SQLite always, PostgreSQL when `DUALPREV_POSTGRES_URL` names a server.
enum TestStore: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite
    case postgres

    static let all: [TestStore] = TestPostgres.url == nil ? [.sqlite] : [.sqlite, .postgres]

    var testDescription: String { rawValue }

    /// A new empty store of this kind, evidence in `evidence`.
    func repository(evidence: URL) async throws -> StoreRepository {
        switch self {
        case .sqlite:
            return StoreRepository(database: try AppDatabase.inMemory(), evidenceStore: EvidenceStore(root: evidence))
        case .postgres:
            return StoreRepository(database: try await TestPostgresDatabase.make(), evidenceStore: EvidenceStore(root: evidence))
        }
    }
}

/// A PostgreSQL database of its own for one test: created empty and migrated, closed and dropped when the last copy
/// of the repository holding it goes (tests keep no other handle). At most `open` are open at once, so that the tests
/// running side by side stay well inside the server's connections.
final class TestPostgresDatabase: StoreDatabase {
    let pool: PostgresPool
    private let name: String
    static let open = AsyncLimit(8)

    private init(pool: PostgresPool, name: String) {
        self.pool = pool
        self.name = name
    }

    static func make() async throws -> TestPostgresDatabase {
        guard let url = TestPostgres.url, var parts = URLComponents(string: url) else { throw CocoaError(.featureUnsupported) }
        await open.acquire()
        let name = "dualprev_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        do {
            let admin = try PostgresPool(url: url)
            defer { Task { await admin.close() } }
            try await admin.client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
            parts.path = "/" + name
            let pool = try await PostgresPool.open(url: parts.string ?? url, at: Date(timeIntervalSince1970: 0))
            return TestPostgresDatabase(pool: pool, name: String(name))
        } catch {
            await open.release()
            throw error
        }
    }

    deinit {
        let (pool, name, url) = (pool, name, TestPostgres.url ?? "")
        Task {
            await pool.close()
            if let admin = try? PostgresPool(url: url) {
                _ = try? await admin.client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
                await admin.close()
            }
            await Self.open.release()
        }
    }

    var dialect: SQLDialect { pool.dialect }
    var isReadOnly: Bool { false }

    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLContext) throws -> T) async throws -> T { try await pool.write(body) }
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLContext) throws -> T) async throws -> T { try await pool.read(body) }
    func writeAside<T: Sendable>(_ body: @escaping @Sendable (any SQLContext) throws -> T) async throws -> T {
        try await pool.writeAside(body)
    }
}

/// At most `limit` holders at a time; the others wait their turn.
actor AsyncLimit {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ limit: Int) { free = limit }

    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
