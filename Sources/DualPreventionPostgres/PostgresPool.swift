import DualPrevention
import DualPreventionStore
import Foundation
import Logging
import NIOPosix
import PostgresNIO

/// A PostgreSQL database for a province: a pool of connections (postgres-nio's `PostgresClient`) to one database,
/// with the schema of `Resources/schema.sql` (the SQLite schema's twin: the same tables, constraints, append-only
/// triggers and text representation, so that the audit chain hashes the same bytes on both stores).
///
/// Set up at the edges: `open(url:)` connects and migrates; `close()` ends the pool.
public final class PostgresPool: Sendable {
    public let client: PostgresClient
    public let logger: Logger
    /// Where it connects (with any password: for opening another pool on the same database, never for showing).
    public let url: String
    private let running: Task<Void, Never>
    /// The threads the store's transactions run on (`PostgresPool+Store`): each waits on its connection's statements.
    let threads: NIOThreadPool

    /// Connects to `postgres://user[:password]@host[:port]/database[?sslmode=disable|prefer|require]`.
    public init(url: String, logger: Logger = Logger(label: "dualprev.postgres")) throws(InputError) {
        let configuration = try Self.configuration(url)
        // The pool's own chatter (a lease asked for while its run loop is still starting) stays out of a command's
        // output; its errors are still told.
        var background = logger
        background.logLevel = .error
        let client = PostgresClient(configuration: configuration, backgroundLogger: background)
        self.client = client
        self.logger = logger
        self.url = url
        running = Task { await client.run() }
        threads = NIOThreadPool(numberOfThreads: Self.transactionThreads)
        threads.start()
    }

    /// How many transactions run at once in one process (each holds a connection of the pool).
    static let transactionThreads = 8

    /// Connects and brings the schema up to date (`now`: when, for the schema's record).
    public static func open(url: String, at now: Date, logger: Logger = Logger(label: "dualprev.postgres")) async throws -> PostgresPool {
        let database = try PostgresPool(url: url, logger: logger)
        do {
            try await database.migrate(at: now)
        } catch {
            await database.close()
            throw error
        }
        return database
    }

    /// Ends the pool: its connections close once their queries are done.
    public func close() async {
        running.cancel()
        await running.value
        try? await threads.shutdownGracefully()
    }

    /// Whether a database option names PostgreSQL rather than an SQLite file.
    public static func isURL(_ text: String) -> Bool { text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") }

    /// The pool's configuration from a URL; a URL that cannot be one says what is wrong with it and how to write it.
    static func configuration(_ url: String) throws(InputError) -> PostgresClient.Configuration {
        func refused(_ problem: String) -> InputError {
            InputError(
                rule: "INPUT-DATABASE-URL",
                message: Text("postgresDatabase.badURL", problem),
                hint: Text("postgresDatabase.urlExample")
            )
        }
        // Said back without its password.
        var redacted = URLComponents(string: url)
        if redacted?.password != nil { redacted?.password = "***" }
        let shown = redacted?.string ?? (isURL(url) ? "postgres://…" : url)
        guard isURL(url), let parts = URLComponents(string: url) else { throw refused(shown) }
        guard let host = parts.host, !host.isEmpty else { throw refused(shown) }
        guard let user = parts.user, !user.isEmpty else { throw refused(shown) }
        let database = String(parts.path.drop { $0 == "/" })
        guard !database.isEmpty else { throw refused(shown) }
        let sslmode =
            parts.queryItems?.first { $0.name == "sslmode" }?.value ?? (["127.0.0.1", "localhost", "::1"].contains(host) ? "disable" : "prefer")
        let tls: PostgresClient.Configuration.TLS
        switch sslmode {
        case "disable": tls = .disable
        case "prefer": tls = .prefer(.makeClientConfiguration())
        case "require": tls = .require(.makeClientConfiguration())
        default: throw refused(shown)
        }
        var configuration = PostgresClient.Configuration(
            host: host,
            port: parts.port ?? 5432,
            username: user.removingPercentEncoding ?? user,
            // As psql: the URL's password, else PGPASSWORD.
            password: parts.password?.removingPercentEncoding ?? ProcessInfo.processInfo.environment["PGPASSWORD"],
            database: database,
            tls: tls
        )
        // No JIT compilation: the store's statements are short, and the planner's cost of one over a province's
        // tables (a count across every listing) passes the JIT threshold, where compiling takes far longer than the
        // query (220 ms of 245 for the listed hazards at 5 M hazards).
        configuration.options.additionalStartupParameters = [("jit", "off")]
        return configuration
    }

    /// The schema's version this program writes: `schema.sql` is version 1, and each of `upgrades` one more.
    static var schemaVersion: Int { 1 + upgrades.count }

    /// Creates the schema on an empty database and brings an older one up to `schemaVersion`, once, whichever server
    /// process starts first (an advisory lock held for the transaction): `schema.sql`, then each upgrade the database
    /// lacks, each recorded in `schema_version`. DDL is transactional in PostgreSQL: a failure leaves the database as
    /// it was. A database of a later version than this program's is left as it is.
    public func migrate(at now: Date) async throws {
        let logger = logger
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(2026120101)", logger: logger)
            var version = 0
            let rows = try await connection.query(
                "SELECT CASE WHEN to_regclass('schema_version') IS NULL THEN 0 ELSE 1 END",
                logger: logger
            )
            for try await (found) in rows.decode(Int.self) { version = found }
            if version > 0 {
                for try await (applied) in try await connection.query("SELECT max(version) FROM schema_version", logger: logger).decode(Int.self) {
                    version = applied
                }
            }
            let applied = AuditLog.timestamp(now)
            for next in 1...Self.schemaVersion where next > version {
                // schema.sql is read only for a new database.
                let script = next == 1 ? try Self.schema() : Self.upgrades[next - 2]
                for statement in Self.statements(script) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO schema_version (version, applied_at) VALUES (\(next), \(applied))", logger: logger)
            }
        }
    }

    static func schema() throws -> String {
        guard let url = Bundle.module.url(forResource: "schema", withExtension: "sql") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "DualPreventionPostgres/Resources/schema.sql"])
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// The statements of a script, one at a time (the extended protocol takes one per query): split at a `;` that
    /// ends a line outside a `$$` body, with comment lines left out.
    static func statements(_ script: String) -> [String] {
        var statements: [String] = []
        var current: [Substring] = []
        var inBody = false
        for line in script.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if !inBody && (trimmed.hasPrefix("--") || trimmed.isEmpty) { continue }
            current.append(line)
            if line.components(separatedBy: "$$").count.isMultiple(of: 2) { inBody.toggle() }
            if !inBody && trimmed.hasSuffix(";") {
                statements.append(current.joined(separator: "\n"))
                current = []
            }
        }
        let rest = current.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { statements.append(rest) }
        return statements
    }
}
