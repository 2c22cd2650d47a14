import Foundation
import GRDB
import Testing

@testable import DualPreventionPostgres
@testable import DualPreventionStore

/// The PostgreSQL schema follows SQLite's migrations: the same named indexes, and a database made by an earlier
/// version of the program is brought up to this one when a server process starts on it.
@Suite("PostgreSQL schema")
struct PostgresSchemaTests {
    /// The names after `CREATE [UNIQUE] INDEX` in a script.
    static func indexNames(_ script: String) -> Set<String> {
        Set(
            script.split(separator: "\n").compactMap { line -> String? in
                let words = line.split(separator: " ")
                guard words.first == "CREATE" else { return nil }
                let rest = words.dropFirst().drop { $0 == "UNIQUE" }
                guard rest.first == "INDEX", rest.count > 1 else { return nil }
                return String(rest[rest.startIndex + 1])
            }
        )
    }

    /// The names after `CREATE <kind>` in a script, in order (`TABLE`, `FUNCTION`).
    static func created(_ kind: String, in script: String) -> [String] {
        script.split(separator: "\n").compactMap { line -> String? in
            let words = line.trimmingCharacters(in: .whitespaces).split(separator: " ")
            guard words.count > 2, words[0] == "CREATE", words[1] == kind else { return nil }
            return String(words[2].prefix { $0 != "(" })
        }
    }

    @Test func bothSchemasHaveTheSameNamedIndexes() throws {
        let sqlite = try String(contentsOf: SchemaDumpTests.file, encoding: .utf8)
        let postgres = try ([PostgresPool.schema()] + PostgresPool.upgrades).joined(separator: "\n")
        #expect(Self.indexNames(sqlite).count > 20)
        #expect(Self.indexNames(sqlite) == Self.indexNames(postgres))
        #expect(PostgresPool.schemaVersion == 1 + PostgresPool.upgrades.count)
    }

    @Test(.enabled(if: TestPostgres.url != nil, Comment(rawValue: TestPostgres.why)))
    func aDatabaseOfAnEarlierVersionIsUpgradedOnceWhenAServerStarts() async throws {
        let indexes = Set(PostgresPool.upgrades.flatMap { Self.indexNames($0) })
        let later = PostgresPool.upgrades.joined(separator: "\n")
        let tables = Self.created("TABLE", in: later)
        let functions = Self.created("FUNCTION", in: later)
        #expect(tables.contains("recall_return") && functions.contains("recall_return_within_shipped"))
        try await TestPostgres.withDatabase(at: Clock.t0) { pool in
            @Sendable func state() async throws -> (versions: [Int], indexes: Set<String>) {
                try await pool.read { db in
                    (
                        try Int.fetchAll(db, sql: "SELECT version FROM schema_version ORDER BY version"),
                        Set(try String.fetchAll(db, sql: "SELECT indexname::text FROM pg_indexes WHERE schemaname = 'public'"))
                    )
                }
            }
            let fresh = try await state()
            #expect(fresh.versions == Array(1...PostgresPool.schemaVersion))
            #expect(indexes.isSubset(of: fresh.indexes))
            // As version 1 left a database: without the later versions' tables, functions, indexes and rows.
            try await pool.write { db in
                for name in tables.reversed() { try db.execute(sql: "DROP TABLE \(name)") }
                for name in functions { try db.execute(sql: "DROP FUNCTION \(name)()") }
                for name in indexes { try db.execute(sql: "DROP INDEX IF EXISTS \(name)") }
                try db.execute(sql: "DELETE FROM schema_version WHERE version > 1")
            }
            #expect(try await state().indexes.isDisjoint(with: indexes))
            try await pool.migrate(at: Clock.hours(1))
            try await pool.migrate(at: Clock.hours(2))
            let upgraded = try await state()
            #expect(upgraded.versions == fresh.versions)
            #expect(upgraded.indexes == fresh.indexes)
        }
    }
}
