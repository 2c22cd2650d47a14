import DualPrevention
import Foundation
import GRDB
import PostgresNIO
import Testing

@testable import DualPreventionPostgres
@testable import DualPreventionStore

/// The audit chain on both stores: the same entries give the same hashes and head, an edit is refused by each
/// database, a tampered entry is named the same way by each, and concurrent writers on PostgreSQL leave no gap.
@Suite(.enabled(if: TestPostgres.url != nil, Comment(rawValue: TestPostgres.why)))
struct AuditChainConformanceTests {
    static let start = Date(timeIntervalSince1970: 1_790_000_000.125)

    /// Entries with everything the canonical encoding must get right: Chinese, slashes, quotes, control characters,
    /// no enterprise, evidence out of order.
    static func drafts(_ count: Int) -> [AuditDraft] {
        let names = ["林晓燕", "王海涛", "Zhang \"Wei\"", "a/b\\c", "tab\there"]
        let actions = ["hazard.report", "hazard.notice", "hazard.accept"]
        let files: [String] = ["f" + String(repeating: "e", count: 63), "0" + String(repeating: "a", count: 63)]
        return (1...count).map { (i: Int) -> AuditDraft in
            let actor = Actor(id: Int64(i % 5 + 1), name: names[i % 5], role: .director)
            let enterpriseID: Int64? = i.isMultiple(of: 6) ? nil : Int64(i % 3 + 1)
            let summary = "第\(i)条：整改/验收 \u{1} “引号” \n换行"
            let payload = #"{"deadline":"2026-12-0\#(i % 9 + 1)","note":"a\/b","n":\#(i)}"#
            return AuditDraft(
                actor: actor,
                action: actions[i % 3],
                objectType: i.isMultiple(of: 4) ? "enterprise" : "hazard",
                objectID: Int64(i % 7 + 1),
                enterpriseID: enterpriseID,
                summary: summary,
                payload: payload,
                evidence: i.isMultiple(of: 3) ? files : []
            )
        }
    }

    static func sqlite(_ drafts: [AuditDraft]) async throws -> StoreRepository {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dualprev-conformance-\(UUID().uuidString)")
        let repository = StoreRepository(database: try AppDatabase.inMemory(), evidenceStore: EvidenceStore(root: directory))
        try await repository.sqlite!.writer.write { db in
            for (index, draft) in drafts.enumerated() {
                try AuditLog.append(draft, at: start.addingTimeInterval(Double(index) * 61.5), in: db)
            }
        }
        return repository
    }

    /// One transaction per entry, as actions append them.
    static func append(_ drafts: [AuditDraft], to database: PostgresPool) async throws {
        for (index, draft) in drafts.enumerated() {
            _ = try await database.write { db in try AuditLog.append(draft, at: start.addingTimeInterval(Double(index) * 61.5), in: db) }
        }
    }

    static func chain(_ database: PostgresPool, expectedHead: String? = nil) async throws -> AuditReport {
        try await database.read { try AuditLog.verify($0, expectedHead: expectedHead) }
    }

    /// The chain alone (`verifyAudit` also compares the records with the log, and these entries name no records).
    static func chain(_ repository: StoreRepository) async throws -> AuditReport {
        try await repository.sqlite!.writer.read { try AuditLog.verify($0, expectedHead: nil) }
    }

    @Test func theSameEntriesChainToTheSameHeadOnBothStores() async throws {
        let drafts = Self.drafts(40)
        let sqlite = try await Self.sqlite(drafts)
        let lite = try await Self.chain(sqlite)
        try await TestPostgres.withDatabase(at: Self.start) { postgres in
            try await Self.append(drafts, to: postgres)
            let pg = try await Self.chain(postgres, expectedHead: lite.headHash)
            #expect(lite.isIntact && pg.isIntact)
            #expect(lite.entries == 40 && pg.entries == 40)
            #expect(pg.headHash == lite.headHash, "one chain, whichever store holds it")
            for objectID: Int64 in [1, 4] {
                let fromSQLite = try await sqlite.history(objectType: "hazard", objectID: objectID, visibleTo: .system)
                let fromPostgres = try await StoreRepository(database: postgres, evidenceStore: sqlite.evidenceStore)
                    .history(objectType: "hazard", objectID: objectID, visibleTo: .system)
                #expect(!fromSQLite.isEmpty && fromPostgres == fromSQLite)
            }
        }
    }

    @Test func anEditIsRefusedByEachDatabaseAndATamperedEntryIsNamedTheSameWay() async throws {
        let drafts = Self.drafts(12)
        let sqlite = try await Self.sqlite(drafts)
        try await TestPostgres.withDatabase(at: Self.start) { postgres in
            try await Self.append(drafts, to: postgres)
            // The append-only triggers: neither an edit nor a deletion gets through.
            for statement in ["UPDATE audit_log SET summary = 'x' WHERE seq = 7", "DELETE FROM audit_log WHERE seq = 12"] {
                await #expect(throws: (any Error).self) { try await postgres.client.query(PostgresQuery(unsafeSQL: statement)) }
                #expect(throws: (any Error).self) { try sqlite.sqlite!.writer.write { try $0.execute(sql: statement) } }
            }
            #expect(try await Self.chain(postgres).isIntact)
            // Someone with the database's keys goes round the triggers and rewrites entry 7.
            try await postgres.client.query("ALTER TABLE audit_log DISABLE TRIGGER USER")
            try await postgres.client.query("UPDATE audit_log SET summary = '已整改' WHERE seq = 7")
            try await sqlite.sqlite!.writer.write { db in
                try db.execute(sql: "DROP TRIGGER audit_log_no_update")
                try db.execute(sql: "UPDATE audit_log SET summary = '已整改' WHERE seq = 7")
            }
            let pg = try await Self.chain(postgres)
            let lite = try await Self.chain(sqlite)
            #expect(pg.firstBroken?.seq == 7 && pg.firstBroken == lite.firstBroken)
            #expect(pg.firstBroken?.problem.contains("edited after it was written") == true)
        }
    }

    @Test func concurrentWritersOnPostgreSQLChainWithoutAGap() async throws {
        try await TestPostgres.withDatabase(at: Self.start) { postgres in
            let drafts = Self.drafts(10)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<8 {
                    group.addTask {
                        for (index, draft) in drafts.enumerated() {
                            let at = Self.start.addingTimeInterval(Double(writer * 100 + index))
                            _ = try await postgres.write { db in try AuditLog.append(draft, at: at, in: db) }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let report = try await Self.chain(postgres)
            #expect(report.isIntact && report.entries == 80, "\(report)")
        }
    }
}

/// What needs no server: the database URL and the schema script's statements.
struct PostgresSetupTests {
    @Test(arguments: [
        "postgres://dualprev@127.0.0.1:5432/dualprev", "postgresql://u:p%40ss@db.example:6543/province?sslmode=require",
    ])
    func aUsableURLGivesItsParts(_ url: String) throws {
        _ = try PostgresPool.configuration(url)
        #expect(PostgresPool.isURL(url))
    }

    @Test(arguments: [
        "mysql://u@h/d", "postgres://127.0.0.1/dualprev", "postgres://u@/dualprev", "postgres://u@h:5432/", "postgres://u@h/d?sslmode=maybe",
        "postgres://u:secret@h/d?sslmode=maybe",
    ])
    func anUnusableURLIsRefusedWithoutItsPassword(_ url: String) {
        #expect {
            _ = try PostgresPool.configuration(url)
        } throws: { error in
            let message = (error as? InputError)?.message(.en) ?? ""
            return (error as? InputError)?.rule == "INPUT-DATABASE-URL" && !message.contains("secret")
        }
    }

    @Test func theSchemaScriptSplitsIntoItsStatements() throws {
        let script = """
            -- a comment; not a statement
            CREATE TABLE a (x BIGINT);

            CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION 'no; never';
            END;
            $$;
            CREATE TRIGGER t BEFORE UPDATE ON a
              FOR EACH ROW EXECUTE FUNCTION f();
            """
        let statements = PostgresPool.statements(script)
        #expect(statements.count == 3)
        #expect(statements[1].hasPrefix("CREATE FUNCTION") && statements[1].hasSuffix("$$;") && statements[1].contains("'no; never';"))
        #expect(statements[2].hasSuffix("f();"))
        let shipped = PostgresPool.statements(try PostgresPool.schema())
        #expect(shipped.count > 80, "every table, index and trigger of the schema")
        #expect(shipped.allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix(";") })
    }
}
