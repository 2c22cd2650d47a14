import Foundation
import GRDB

/// Where the store keeps its rows: the embedded SQLite file (`AppDatabase`) or a PostgreSQL database
/// (`DualPreventionPostgres`). The feature stores run the same code on either, through `SQLContext`.
public protocol StoreDatabase: Sendable {
    var dialect: SQLDialect { get }
    /// True when changes are refused (an SQLite file opened read-only).
    var isReadOnly: Bool { get }
    /// One transaction that changes the database. Writers take turns: each sees every change committed before it, and
    /// no other writer's change happens during it (what an action's checks and the audit chain rely on). A thrown
    /// error rolls it back whole.
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLContext) throws -> T) async throws -> T
    /// One transaction on rows no action's checks read (logins and failed logins): it need not wait for the writers'
    /// turn where the database lets it go beside them (PostgreSQL); on SQLite it is a write like any other.
    func writeAside<T: Sendable>(_ body: @escaping @Sendable (any SQLContext) throws -> T) async throws -> T
    /// One read of a consistent state of the database (a snapshot), concurrent with other reads and with a writer.
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLContext) throws -> T) async throws -> T
}

extension AppDatabase: StoreDatabase {
    public var dialect: SQLDialect { .sqlite }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLContext) throws -> T) async throws -> T {
        do {
            return try await writer.write { db in try body(db) }
        } catch {
            throw StoreError.wrap(error)
        }
    }

    public func writeAside<T: Sendable>(_ body: @escaping @Sendable (any SQLContext) throws -> T) async throws -> T {
        try await write(body)
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLContext) throws -> T) async throws -> T {
        do {
            return try await writer.read { db in try body(db) }
        } catch {
            throw StoreError.wrap(error)
        }
    }
}
