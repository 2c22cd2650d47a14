import DualPrevention
import Foundation
import PostgresNIO
import Testing

@testable import DualPreventionPostgres
@testable import DualPreventionStore

/// Logins and failed logins as two server processes see them through one database: each process holds its own
/// handle on it (an SQLite file opened twice; two PostgreSQL pools), and what one writes the other reads.
struct SessionConformanceTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    /// The same checks on whichever store: `one` and `other` are two handles on one database; `personID` exists.
    static func shared(_ one: any SessionStorage, _ other: any SessionStorage, personID: Int64) async throws {
        let grant = SessionGrant(personID: personID, openedAt: now, lastUsedAt: now, credential: "$2b$04$abcdefghijklmnopqrstuv")
        try await one.saveSession(token: "token-a", grant)
        try await one.saveSession(
            token: "token-b",
            SessionGrant(personID: personID, openedAt: now.addingTimeInterval(-9 * 86_400), lastUsedAt: now, credential: "x")
        )
        #expect(try await other.session(token: "token-a") == grant, "a login made on one process is honoured by the other")
        #expect(try await other.session(token: "no-such-token") == nil)
        try await other.touchSession(token: "token-a", at: now.addingTimeInterval(90))
        #expect(try await one.session(token: "token-a")?.lastUsedAt == now.addingTimeInterval(90))
        try await one.deleteSessions(openedBefore: now.addingTimeInterval(-7 * 86_400))
        #expect(try await other.session(token: "token-b") == nil, "logins past their lifetime are forgotten")
        try await other.deleteSession(token: "token-a")
        #expect(try await one.session(token: "token-a") == nil, "a logout on one process ends the login on the other")

        let window = now.addingTimeInterval(-900)
        for second in 0..<3 { try await one.recordLoginFailure("林晓燕", at: now.addingTimeInterval(Double(second)), forgetBefore: window) }
        try await other.recordLoginFailure("#7", at: now, forgetBefore: window)
        #expect(try await other.loginFailures("林晓燕", since: window) == 3, "failures count across processes")
        #expect(try await one.loginFailures("林晓燕", since: now.addingTimeInterval(1)) == 2)
        // A failure an hour later forgets the old ones.
        try await one.recordLoginFailure("#7", at: now.addingTimeInterval(3_600), forgetBefore: now.addingTimeInterval(2_700))
        #expect(try await other.loginFailures("林晓燕", since: .distantPast) == 0)
        #expect(try await other.loginFailures("#7", since: .distantPast) == 1)
        try await other.clearLoginFailures(["#7", "林晓燕"])
        #expect(try await one.loginFailures("#7", since: .distantPast) == 0)
    }

    @Test func onSQLite() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dualprev-sessions-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let one = try StoreRepository.open(path: path)
        let admin = try await one.bootstrap(adminName: "管理员", demo: false, at: Self.now)
        let other = try StoreRepository.open(path: path)
        try await Self.shared(one, other, personID: admin.id)
        // The token itself is nowhere in the file.
        try await one.saveSession(
            token: "a-secret-token",
            SessionGrant(personID: admin.id, openedAt: Self.now, lastUsedAt: Self.now, credential: "c")
        )
        let stored = try await one.sqlite!.writer.read { try String.fetchAll($0, sql: "SELECT token_hash FROM web_session") }
        #expect(stored == [SessionToken.hash("a-secret-token")])
    }

    @Test(.enabled(if: TestPostgres.url != nil, Comment(rawValue: TestPostgres.why)))
    func onPostgreSQL() async throws {
        try await TestPostgres.withDatabase(at: Self.now) { one in
            // Two server processes: each its own pool on the database, and the store over it.
            let evidence = EvidenceStore(root: FileManager.default.temporaryDirectory.appendingPathComponent("dualprev-sessions-\(UUID())"))
            let first = StoreRepository(database: one, evidenceStore: evidence)
            let admin = try await first.bootstrap(adminName: "管理员", demo: false, at: Self.now)
            let other = try PostgresPool(url: one.url)
            do {
                try await Self.shared(first, StoreRepository(database: other, evidenceStore: evidence), personID: admin.id)
            } catch {
                await other.close()
                throw error
            }
            await other.close()
        }
    }

    @Test func aReadOnlyCopyKeepsItsLoginsInMemory() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dualprev-sessions-ro-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let writable = try StoreRepository.open(path: path)
        let admin = try await writable.bootstrap(adminName: "管理员", demo: false, at: Self.now)
        let copy = StoreRepository(database: try AppDatabase.openReadOnly(path: path), evidenceStore: writable.evidenceStore)
        let grant = SessionGrant(personID: admin.id, openedAt: Self.now, lastUsedAt: Self.now, credential: "c")
        try await copy.saveSession(token: "t", grant)
        #expect(try await copy.session(token: "t") == grant)
        #expect(try await writable.session(token: "t") == nil, "nothing was written to the file")
    }
}
