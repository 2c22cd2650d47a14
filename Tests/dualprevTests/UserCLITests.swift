import Foundation
import GRDB
import HummingbirdBcrypt
import Testing

/// `dualprev user`: passwords from standard input, bcrypt in the database, never in the log; who may do what.
@Suite("user accounts end to end", .serialized)
struct UserCLITests {
    static func hash(_ cli: CLI, person: Int64) throws -> (String, String?)? {
        let queue = try DatabaseQueue(path: cli.db)
        return try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT password_hash, disabled_at FROM account WHERE person_id = ?", arguments: [person]).map {
                ($0["password_hash"], $0["disabled_at"])
            }
        }
    }

    @Test func passwordsAreBcryptAndManagedByTheRightPeople() throws {
        let cli = try CLI()
        try cli.ok(["demo"])
        let director = try cli.json(["person", "list", "--enterprise", "1", "--as", "1"]) as? [[String: Any]] ?? []
        let id = try #require((director.first { $0["name"] as? String == "林晓燕" }?["id"] as? NSNumber)?.int64Value)

        #expect(try cli.run(["user", "add", "林晓燕", "--as", "1"], input: "short\n").status == 65, "too short")
        #expect(try cli.run(["user", "add", "林晓燕", "--as", "1"], input: "").status == 65, "nothing on standard input")
        #expect(
            try cli.run(["user", "add", "王海涛", "--as", "林晓燕"], input: "Hengxin-2026-safe\n").status == 77,
            "only an administrator sets another's"
        )
        let added = try cli.run(["user", "add", "林晓燕", "--as", "1"], input: "Hengxin-2026-safe\n")
        #expect(added.status == 0, "\(added.stderr)")
        let (stored, disabled) = try #require(try Self.hash(cli, person: id))
        #expect(stored.hasPrefix("$2b$12$"))
        #expect(Bcrypt.verify("Hengxin-2026-safe", hash: stored))
        #expect(!Bcrypt.verify("Hengxin-2026-saf", hash: stored))
        #expect(disabled == nil)

        // Her own password she changes herself; the log says so, without the hash.
        #expect(try cli.run(["user", "passwd", "--as", "林晓燕"], input: "Another-long-phrase\n").status == 0)
        let (changed, _) = try #require(try Self.hash(cli, person: id))
        #expect(Bcrypt.verify("Another-long-phrase", hash: changed))
        let history = try cli.ok(["history", "account", "\(id)", "--as", "1", "--format", "json"])
        #expect(history.contains("account.add") && history.contains("account.password"))
        #expect(!history.contains("$2b$"), "no hash in the audit log")

        #expect(try cli.run(["user", "disable", "林晓燕", "--as", "林晓燕"]).status == 77)
        #expect(try cli.run(["user", "disable", "林晓燕", "--as", "1"]).status == 0)
        #expect(try Self.hash(cli, person: id)?.1 != nil)
        #expect(
            try cli.run(["user", "passwd", "--as", "林晓燕"], input: "Yet-another-phrase\n").status == 77,
            "a disabled account is re-enabled only by an administrator"
        )
        #expect(try cli.run(["user", "disable", "林晓燕", "--as", "1"]).status == 77, "already disabled")
        #expect(try cli.run(["audit", "verify"]).status == 0)
    }
}
