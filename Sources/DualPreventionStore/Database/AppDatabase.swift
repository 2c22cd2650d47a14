import Foundation
import GRDB

/// The database: one `DatabaseWriter` (a WAL pool on disk, a queue in memory for tests) and its migrations.
public struct AppDatabase: Sendable {
    let writer: any DatabaseWriter

    public init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
    }

    /// Opens (creating if needed) a database file in WAL mode with foreign keys on.
    public static func open(path: String) throws -> AppDatabase {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        return try AppDatabase(DatabasePool(path: path, configuration: configuration()))
    }

    /// An empty in-memory database, for tests.
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: configuration()))
    }

    static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        return config
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-closed-loop") { db in
            try db.execute(sql: Schema.v1)
        }
        migrator.registerMigration("v2-risk-point-templates") { db in
            try db.execute(sql: Schema.v2)
        }
        migrator.registerMigration("v3-scheduled-checks") { db in
            try db.execute(sql: Schema.v3)
        }
        migrator.registerMigration("v4-credit-and-lists") { db in
            try db.execute(sql: Schema.v4)
        }
        migrator.registerMigration("v5-accounts") { db in
            try db.execute(sql: Schema.v5)
        }
        migrator.registerMigration("v6-assessment-assignments") { db in
            try db.execute(sql: Schema.v6)
        }
        // Migrations that only add or rebuild indexes cannot break a foreign key: they skip GRDB's check of every key
        // after them, which on a province's database takes longer than building the index.
        migrator.registerMigration("v7-overview-indexes", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: Schema.v7)
        }
        migrator.registerMigration("v8-grading-indexes", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: Schema.v8)
        }
        migrator.registerMigration("v9-overview-current-state", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: Schema.v9)
        }
        migrator.registerMigration("v10-check-runs-by-instant", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: Schema.v10)
        }
        return migrator
    }

    /// Names of the applied migrations, oldest first.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try Self.migrator.appliedMigrations(db) }
    }
}
