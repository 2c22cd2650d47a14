import DualPrevention
import DualPreventionStore
import Foundation
import NIOPosix
import PostgresNIO

// The store's transactions on PostgreSQL (`StoreDatabase`): the same feature stores as on SQLite, the same code.

extension PostgresPool: StoreDatabase {
    public var dialect: SQLDialect { .postgres }
    public var isReadOnly: Bool { false }

    /// Writers take turns, as SQLite's one writer does: each write transaction first takes one advisory lock, held
    /// to its end, so an action's checks (a state, a number drawn, a uniqueness) hold until it commits, and the audit
    /// chain grows one entry after another, whichever server process writes. Under READ COMMITTED every statement
    /// after the lock sees every write committed before it. Reads do not wait for it.
    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLContext) throws -> T) async throws -> T {
        try await transaction("BEGIN ISOLATION LEVEL READ COMMITTED", lock: true, body)
    }

    /// Logins and failed logins: their own transaction, without the writers' lock, so that a request's login is not
    /// held up by a long import.
    public func writeAside<T: Sendable>(_ body: @escaping @Sendable (any SQLContext) throws -> T) async throws -> T {
        try await transaction("BEGIN ISOLATION LEVEL READ COMMITTED", lock: false, body)
    }

    /// One snapshot of the database for the whole read.
    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLContext) throws -> T) async throws -> T {
        try await transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", lock: false, body)
    }

    /// The advisory lock of writers (any number unused by other programs on the database).
    static let writeLock: Int64 = 2_026_120_102

    private func transaction<T: Sendable>(
        _ begin: String,
        lock: Bool,
        _ body: @escaping @Sendable (any SQLContext) throws -> T
    ) async throws -> T {
        let logger = logger
        let threads = threads
        do {
            return try await client.withConnection { connection in
                try await threads.runIfActive {
                    let context = PostgresContext(connection: connection, logger: logger)
                    try context.run(begin, [])
                    do {
                        if lock { try context.run("SELECT pg_advisory_xact_lock(?)", [Self.writeLock.databaseValue]) }
                        let value = try body(context)
                        try context.run("COMMIT", [])
                        return value
                    } catch {
                        // A connection that cannot roll back is not handed back to the pool in an aborted transaction.
                        do { try context.run("ROLLBACK", []) } catch { context.close() }
                        throw error
                    }
                }
            }
        } catch {
            throw Self.wrap(error)
        }
    }

    /// A database error as the user can act on it, in the same kinds as SQLite's (`StoreError.wrap`).
    static func wrap(_ error: any Error) -> any Error {
        guard let failure = error as? PSQLError else { return error }
        let state = failure.serverInfo?[.sqlState] ?? ""
        let message = failure.serverInfo?[.message] ?? "\(failure.code)"
        switch state {
        case let code where code.hasPrefix("23"):
            return StoreError.constraint(Text("storeError.dataBreaksConstraintDuplicate"), underlying: message)
        case "40001", "40P01", "55P03":
            return StoreError.busy
        case "53100":
            return StoreError.full
        case "25006":
            return StoreError.readOnly(path: "")
        default:
            return StoreError.io(Text("storeError.databaseError"), underlying: message)
        }
    }
}
