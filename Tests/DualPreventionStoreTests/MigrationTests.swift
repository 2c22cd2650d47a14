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

/// v16 rebuilds the person table, which every other table's keys name: a database of v15 with people in it keeps
/// every person, key and index, and takes the regional director's role afterwards.
@Suite("Migration v16 on a database with people")
struct RegionalDirectorMigrationTests {
    @Test func aV15DatabaseKeepsItsPeopleAndTakesTheNewRole() throws {
        let queue = try DatabaseQueue()
        try AppDatabase.migrator.migrate(queue, upTo: "v15-products")
        let hash = "$2b$04$" + String(repeating: "a", count: 53)
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO jurisdiction (id, name, level, parent_id) VALUES (1, '浙江省', 'province', NULL), (2, '台州市', 'city', 1);
                    INSERT INTO enterprise (id, name, credit_code, jurisdiction_id, product_category)
                      VALUES (1, '甲厂', '91331002MA2B000010', 2, '五金制品');
                    INSERT INTO workshop (id, enterprise_id, name) VALUES (1, 1, '冲压车间');
                    INSERT INTO person (id, name, role, enterprise_id, workshop_id, jurisdiction_id, phone) VALUES
                      (1, '管理员', 'admin', NULL, NULL, NULL, ''),
                      (2, '王芳', 'director', 1, NULL, NULL, '138'),
                      (3, '李强', 'workshopHead', 1, 1, NULL, ''),
                      (4, '赵敏', 'regulator', NULL, NULL, 2, '');
                    INSERT INTO account (person_id, password_hash, changed_at) VALUES (2, '\(hash)', '2026-09-21 00:00:00.000');
                    """
            )
        }
        try AppDatabase.migrator.migrate(queue)
        try queue.read { db in
            let people = try Row.fetchAll(
                db,
                sql: "SELECT id, name, role, enterprise_id, workshop_id, jurisdiction_id, phone FROM person ORDER BY id"
            )
            #expect(people.map { $0[2] as String } == ["admin", "director", "workshopHead", "regulator"])
            #expect(people[1][6] as String == "138" && people[2][4] as Int64 == 1 && people[3][5] as Int64 == 2)
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            let indexes = try String.fetchAll(
                db,
                sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'person' AND sql IS NOT NULL"
            )
            #expect(Set(indexes) == ["person_by_enterprise", "person_by_jurisdiction", "person_by_name"])
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM account WHERE person_id = 2") == 1)
        }
        try queue.write { db in
            try db.execute(sql: "INSERT INTO person (id, name, role, jurisdiction_id) VALUES (5, '周丽', 'regionalDirector', 2)")
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "INSERT INTO person (id, name, role) VALUES (6, '无辖区', 'regionalDirector')") }
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(sql: "INSERT INTO person (id, name, role, enterprise_id, jurisdiction_id) VALUES (7, '有企业', 'regionalDirector', 1, 2)")
            }
        }
    }
}
