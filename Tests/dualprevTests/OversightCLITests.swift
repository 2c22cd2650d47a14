import Foundation
import Testing

/// The regulator's analytics through the binary (issue 16): repeat hazards per risk point and category, the monthly
/// trend per district as a table, JSON, a CSV file with a byte-order mark and an SVG chart.
@Suite("dualprev oversight end to end", .serialized)
struct OversightCLITests {
    @Test func theDemoCitysRepeatsAndTrendComeAsFiles() throws {
        let cli = try CLI()
        try cli.ok(["demo"])
        let city = "台州市局 孙建华"
        try cli.ok(["oversight", "repeats", "--as", city, "--by", "category", "--format", "csv", "--output", "categories.csv"])
        let bytes = try Data(contentsOf: cli.directory.appendingPathComponent("categories.csv"))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let csv = String(decoding: bytes, as: UTF8.self)
        #expect(csv.contains("序号,产品类别,隐患数") && csv.contains("电动自行车") && csv.contains("食品接触用塑料制品"))

        let trend = try cli.json(["oversight", "trend", "--as", city, "--months", "6", "--svg", "trend.svg"]) as? [String: Any]
        #expect((trend?["months"] as? [Any])?.count == 6)
        let districts = (trend?["series"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
        #expect(Set(districts) == ["临海市", "椒江区", "路桥区", "黄岩区"])
        let svg = try String(contentsOf: cli.directory.appendingPathComponent("trend.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.contains("路桥区") && svg.contains("<polyline"))

        // A district office sees its own district only.
        let own = try cli.json(["oversight", "trend", "--as", "路桥分局 赵敏"]) as? [String: Any]
        #expect((own?["series"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["路桥区"])
        let table = try cli.ok(["oversight", "repeats", "--as", city])
        #expect(table.contains("Risk point"))
        let bad = try cli.run(["oversight", "trend", "--as", city, "--months", "0"])
        #expect(bad.status == 64 && bad.stderr.contains("--months is from 1 to 36"))
    }
}
