import DualPrevention
import DualPreventionStore
import Foundation
import GRDB
import Testing

@testable import DualPreventionStore

@Suite("Migrations from empty")
struct MigrationTests {
    static let tables: Set<String> = [
        "jurisdiction", "enterprise", "check_plan", "check_run", "workshop", "team", "post", "person", "risk_point", "risk_grading",
        "document_counter", "hazard", "rectification_notice", "governance_plan", "extension_request",
        "rectification_submission", "acceptance", "supervision_listing", "hazard_cancellation", "evidence",
        "evidence_link", "audit_log", "quality_record", "credit_grade", "list_entry", "account", "assessment_assignment",
        "office_counter", "warning", "warning_task", "inspection", "hazard_origin", "notification", "notification_delivery", "inbox_read",
        "web_session", "login_failure", "product_batch", "production_stop", "recall", "recall_return", "director_appointment",
    ]

    /// Our tables (not SQLite's nor GRDB's bookkeeping) and whether each is STRICT.
    static func strictness(_ db: Database) throws -> [String: Bool] {
        let rows = try Row.fetchAll(db, sql: "PRAGMA table_list")
        var result: [String: Bool] = [:]
        for row in rows {
            let name: String = row["name"]
            let schema: String = row["schema"]
            let type: String = row["type"]
            guard schema == "main", type == "table", !name.hasPrefix("sqlite_"), name != "grdb_migrations" else { continue }
            result[name] = (row["strict"] as Int) == 1
        }
        return result
    }

    static func checkSchema(_ writer: any DatabaseWriter) throws {
        let (strict, readerKeys) = try writer.read { db in
            (try strictness(db), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(Set(strict.keys) == tables)
        #expect(strict.filter { !$0.value }.keys.sorted() == [], "tables that are not STRICT")
        #expect(readerKeys == 1)
        // The writer connection enforces foreign keys too, not only the readers.
        let writerKeys = try writer.write { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") }
        #expect(writerKeys == 1)
    }

    @Test func inMemoryDatabaseIsMigratedStrictWithForeignKeys() throws {
        let database = try AppDatabase.inMemory()
        #expect(try database.appliedMigrations().first == "v1-closed-loop")
        #expect(try database.appliedMigrations() == AppDatabase.migrator.migrations)
        try Self.checkSchema(database.writer)
    }

    @Test func fileDatabaseIsMigratedInWALMode() throws {
        // The parent folders do not exist yet: open creates them.
        let path = try Fixture.temporaryDirectory().appendingPathComponent("nested/dir/dualprev.sqlite").path
        let database = try AppDatabase.open(path: path)
        #expect(database.writer is DatabasePool)
        #expect(try database.appliedMigrations().first == "v1-closed-loop")
        #expect(try database.appliedMigrations() == AppDatabase.migrator.migrations)
        let mode = try database.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode?.lowercased() == "wal")
        try Self.checkSchema(database.writer)
    }

    @Test func openingTwiceKeepsDataAndDoesNotRerunMigrations() async throws {
        let path = try Fixture.temporaryDirectory().appendingPathComponent("dualprev.sqlite").path
        do {
            let repository = try StoreRepository.open(path: path)
            _ = try await repository.bootstrap(adminName: "管理员", demo: false, at: Clock.t0)
        }
        let reopened = try StoreRepository.open(path: path)
        #expect(try reopened.sqlite!.appliedMigrations() == AppDatabase.migrator.migrations)
        let recorded = try await reopened.sqlite!.writer.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
        }
        #expect(recorded == AppDatabase.migrator.migrations.sorted())
        // The data written before survives: migrations did not recreate the tables.
        let admin = try await reopened.person("管理员")
        #expect(admin.role == .admin)
        let report = try await reopened.verifyAudit(expectedHead: nil)
        #expect(report.entries == 1 && report.isIntact)
        // And the database knows it is initialised.
        await #expect(throws: StoreError.self) {
            _ = try await reopened.bootstrap(adminName: "另一个管理员", demo: false, at: Clock.hours(1))
        }
    }
}
