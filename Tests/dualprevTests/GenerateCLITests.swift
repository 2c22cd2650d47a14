import Foundation
import HummingbirdBcrypt
import Testing

/// `dualprev generate` through the binary: a small province, its summary, its logins, an intact chain, and the
/// refusals a person would hit.
@Suite("generate end to end", .serialized)
struct GenerateCLITests {
    @Test func aSmallProvinceWithLoginsAndAnIntactChain() throws {
        let cli = try CLI()
        let out = try cli.ok([
            "generate", "--enterprises", "4", "--years", "1", "--hazards-per-enterprise", "6", "--seed", "9",
            "--as-of", "2026-09-30", "--password", "province-pass-1", "--format", "json",
        ])
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(summary["enterprises"] as? Int == 4)
        #expect(summary["hazards"] as? Int == 24)
        #expect(summary["provinceRegulator"] as? String == "合成省监管员")
        #expect(summary["administrator"] as? String == "系统管理员")
        #expect((summary["rowsPerSecond"] as? Double ?? 0) > 0)
        #expect((summary["auditEntries"] as? Int ?? 0) > 100)
        // The province's regulator sees every enterprise; the password given works.
        let seen = try cli.json(["enterprise", "list", "--as", "合成省监管员"]) as? [[String: Any]] ?? []
        #expect(seen.count == 4)
        let verified = try cli.ok(["audit", "verify"])
        #expect(verified.contains("intact"), "\(verified)")
        let hash = try #require(try UserCLITests.hash(cli, person: 1)?.0)
        #expect(Bcrypt.verify("province-pass-1", hash: hash))
    }

    @Test func refusesWhatWouldLoseDataOrMakeNoSense() throws {
        let cli = try CLI()
        try cli.ok(["demo"])
        let again = try cli.run(["generate", "--enterprises", "2"])
        #expect(again.status == 65)
        #expect(again.stderr.contains("will not be overwritten"))
        // A failure part-way leaves no half-built database behind.
        let empty = cli.directory.appendingPathComponent("no-checklists")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let fresh = try CLI()
        let failed = try fresh.run(["generate", "--enterprises", "2", "--checklists", empty.path])
        #expect(failed.status == 65)
        #expect(failed.stderr.contains("checklist"))
        #expect(!FileManager.default.fileExists(atPath: fresh.db))
        #expect(try cli.run(["generate", "--enterprises", "0"]).status == 64)
        #expect(try cli.run(["generate", "--password", "short"]).status == 64)
    }
}
