import Foundation
import Testing

/// The regulator's side through the built binary on the demo: a warning to a category and its answer, a failed
/// spot check, and passes of the ladder that record each notification once.
@Suite("Warnings, inspections and escalation from the command line")
struct RegulatorCLITests {
    static func day(_ offset: Double) -> String {
        let formatter = DateFormatter()
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date().addingTimeInterval(offset * 86_400))
    }

    @Test("a warning to the e-bike makers reaches the e-bike maker only; its failed item opens a hazard")
    func warningToACategory() throws {
        let cli = try CLI()
        try cli.ok(["demo"])
        let issued = try #require(
            try cli.json([
                "warning", "issue", "--as", "路桥分局 赵敏", "--category", "电动自行车", "--title", "充电安全预警", "--text", "请排查",
                "--item", "W1=充电器与蓄电池匹配", "--item", "W2=电池仓通风", "--deadline", Self.day(10),
            ]) as? [String: Any]
        )
        let tasks = try #require(issued["tasks"] as? [[String: Any]])
        #expect(tasks.map { $0["enterpriseName"] as? String } == ["台州路桥安驰电动车有限公司"])
        let warning = try #require((issued["warning"] as? [String: Any])?["id"] as? Int)
        // Another district's regulator does not see it; the maker's director acknowledges and answers.
        #expect(try cli.run(["warning", "show", "\(warning)", "--as", "椒江分局 陈刚"]).status != 0)
        try cli.ok(["warning", "ack", "\(warning)", "--as", "何丽"])
        let answered = try #require(
            try cli.json([
                "warning", "answer", "\(warning)", "--as", "何丽", "--pass", "W1", "--fail", "W2=电池仓排风扇损坏", "--workshop", "电气装配车间",
            ]) as? [String: Any]
        )
        let hazards = try #require(answered["hazards"] as? [[String: Any]])
        #expect(hazards.count == 1 && hazards.first?["source"] as? String == "warning")
        #expect((answered["task"] as? [String: Any])?["state"] as? String == "rectifying")
        // A second answer is refused with its rule.
        let refused = try cli.run(["warning", "answer", "\(warning)", "--as", "何丽", "--pass", "W1"])
        #expect(refused.status != 0 && refused.stderr.contains("WARNING-STATE"))
    }

    @Test("a failed spot check opens a hazard in the enterprise's register with the record linked")
    func spotCheck() throws {
        let cli = try CLI()
        try cli.ok(["demo"])
        let recorded = try #require(
            try cli.json([
                "inspection", "record", "--as", "路桥分局 赵敏", "--enterprise", "3", "--kind", "spotCheck", "--date", Self.day(0),
                "--summary", "监督抽查", "--fail", "S9=整车质量=整车质量超过 55 kg", "--workshop", "总装车间",
            ]) as? [String: Any]
        )
        let number = try #require((recorded["inspection"] as? [String: Any])?["number"] as? String)
        let hazard = try #require((recorded["hazards"] as? [[String: Any]])?.first)
        let id = try #require(hazard["id"] as? Int)
        let shown = try #require(try cli.json(["hazard", "show", "\(id)", "--as", "何丽"]) as? [String: Any])
        let origin = (shown["hazard"] as? [String: Any] ?? shown)["origin"] as? [String: Any]
        #expect(origin?["recordNumber"] as? String == number && origin?["kind"] as? String == "inspection")
        // The enterprise may not record one.
        #expect(
            try cli.run([
                "inspection", "record", "--as", "何丽", "--enterprise", "3", "--kind", "random", "--date", Self.day(0), "--summary", "自查",
                "--pass", "R1=记录",
            ]).status != 0
        )
    }

    @Test("escalate twice records each notification once, and the inbox lists it once")
    func escalateTwice() throws {
        let cli = try CLI()
        try cli.ok(["demo"])
        let asOf = Self.day(30)
        let first = try #require(try cli.json(["escalate", "--as-of", asOf]) as? [String: Any])
        let created = ((first["pass"] as? [String: Any])?["created"] as? [[String: Any]]) ?? []
        #expect(!created.isEmpty, "a month on, the demo's open hazards are overdue")
        let second = try #require(try cli.json(["escalate", "--as-of", asOf]) as? [String: Any])
        #expect(((second["pass"] as? [String: Any])?["created"] as? [[String: Any]])?.isEmpty == true)
        let inbox = try #require(try cli.json(["inbox", "--as", "何丽"]) as? [[String: Any]])
        let keys = inbox.compactMap { $0["key"] as? String }
        #expect(Set(keys).count == keys.count && keys.contains { $0.hasPrefix("notification:") })
        #expect(try cli.run(["escalate", "--webhook", "ftp://example"]).status == 64)
    }
}
