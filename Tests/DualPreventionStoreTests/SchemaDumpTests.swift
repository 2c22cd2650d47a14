import Foundation
import GRDB
import Testing

@testable import DualPreventionStore

/// `schemas/schema.sql` is the SQL schema as the migrations build it; this fails when they drift apart.
/// After changing a migration, regenerate it with `DUALPREV_UPDATE_SCHEMA=1 swift test --filter SchemaDumpTests`.
@Suite("SQL schema dump")
struct SchemaDumpTests {
    static let file = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("schemas/schema.sql")

    static func dump() throws -> String {
        let database = try AppDatabase.inMemory()
        let statements = try database.writer.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT sql FROM sqlite_master
                    WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'
                    ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, name
                    """
            )
        }
        let header =
            "-- The SQL schema as the migrations build it (\(try database.appliedMigrations().joined(separator: ", "))).\n"
            + "-- Generated; a test fails when it drifts from the migrations.\n\n"
        return header + statements.map { $0 + ";" }.joined(separator: "\n\n") + "\n"
    }

    @Test func schemaFileMatchesTheMigrations() throws {
        let expected = try Self.dump()
        if ProcessInfo.processInfo.environment["DUALPREV_UPDATE_SCHEMA"] == "1" {
            try Data(expected.utf8).write(to: Self.file)
        }
        let onDisk = try String(contentsOf: Self.file, encoding: .utf8)
        #expect(
            onDisk == expected,
            "schemas/schema.sql differs from the migrations; regenerate it with DUALPREV_UPDATE_SCHEMA=1 swift test --filter SchemaDumpTests"
        )
    }
}
