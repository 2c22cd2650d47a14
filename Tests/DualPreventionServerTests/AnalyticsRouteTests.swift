import DualPrevention
import DualPreventionStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import DualPreventionServer

/// The regulator's analytics over HTTP (issue 16): the page with its chart and tables, the CSV files with a
/// byte-order mark, the SVG chart, the API's JSON, each only over what the caller may see.
@Suite("Analytics over HTTP")
struct AnalyticsRouteTests {
    @Test func thePageTheFilesAndTheAPIShowTheRepeatsAndTheTrendInSight() async throws {
        let world = try await ServerTests.world()
        let repo = world.repository
        let at = Date(timeIntervalSince1970: 1_790_000_000)
        let point = try await repo.addRiskPoint(
            RiskPoint(
                id: 0,
                enterpriseID: world.a.enterpriseID!,
                workshopID: world.workshopA.id,
                dimension: "process",
                controlStage: "注塑成型",
                name: "料筒温度控制",
                hazardDescription: "温度过高",
                measures: "每班点检",
                target: "≤230℃",
                frequency: .perShift,
                ownerID: world.headA.id
            ),
            grading: .lec(l: 3, e: 6, c: 15),
            by: world.a.actor,
            at: at
        )
        for hours in [1.0, 20] {
            _ = try await repo.reportHazard(
                HazardReport(workshopID: world.workshopA.id, riskPointID: point.id, source: .dailyCheck, grade: .general, description: "料温超限"),
                by: world.a.actor,
                at: at.addingTimeInterval(hours * 3_600)
            )
        }
        let hand = HandClock(at.addingTimeInterval(2 * 86_400))
        let app = try buildApplication(repository: repo, configuration: .init(), clock: hand.clock)
        try await app.test(.router) { client in
            let regulator = try await ServerTests.login(client, world.regulatorA.name)
            let other = try await ServerTests.login(client, world.b.name)

            let page = String(buffer: try await client.execute(uri: "/analytics", method: .get, headers: regulator).body)
            #expect(page.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""), "the chart inline")
            #expect(page.contains("椒江区") && page.contains("料筒温度控制"))
            #expect(page.contains("<td>2</td><td>1</td>"), "two hazards, one repeat")
            #expect(page.contains("href=\"/analytics/repeat-points.csv?months=12\""))

            let csv = try await client.execute(uri: "/analytics/repeat-points.csv", method: .get, headers: regulator)
            #expect(csv.status == .ok && csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let text = String(buffer: csv.body)
            #expect(text.hasPrefix("\u{FEFF}序号,企业,产品类别,风险点,隐患数,重复隐患数"))
            #expect(text.contains(",料筒温度控制,2,1,"))
            let trendCSV = String(
                buffer: try await client.execute(uri: "/api/v1/analytics/trend.csv?months=2", method: .get, headers: regulator).body
            )
            #expect(trendCSV.hasPrefix("\u{FEFF}辖区,月份,发现隐患") && trendCSV.contains("椒江区,"))
            #expect(!trendCSV.contains("黄岩区"), "another district is out of sight")
            let svg = try await client.execute(uri: "/analytics/trend.svg?months=3", method: .get, headers: regulator)
            #expect(svg.headers[.contentType] == "image/svg+xml; charset=utf-8" && String(buffer: svg.body).contains("</svg>"))

            let points = ServerTests.object(try await client.execute(uri: "/api/v1/analytics/repeat-points", method: .get, headers: regulator).body)
            let first = try #require((points["items"] as? [[String: Any]])?.first)
            #expect(first["riskPoint"] as? String == "料筒温度控制" && first["repeats"] as? Int == 1 && first["hazards"] as? Int == 2)
            let categories = ServerTests.object(
                try await client.execute(uri: "/api/v1/analytics/repeat-categories", method: .get, headers: regulator).body
            )
            #expect((categories["items"] as? [[String: Any]])?.first?["repeats"] as? Int == 1)
            let trend = ServerTests.object(try await client.execute(uri: "/api/v1/analytics/trend?months=2", method: .get, headers: regulator).body)
            #expect((trend["months"] as? [Any])?.count == 2 && (trend["series"] as? [Any])?.count == 1)

            // Another enterprise's person sees none of it; bad months are refused with the rule.
            let theirs = ServerTests.object(try await client.execute(uri: "/api/v1/analytics/repeat-points", method: .get, headers: other).body)
            #expect((theirs["items"] as? [Any])?.isEmpty == true)
            let bad = try await client.execute(uri: "/api/v1/analytics/trend?months=40", method: .get, headers: regulator)
            #expect(bad.status == .unprocessableContent && ServerTests.object(bad.body)["rule"] as? String == "INPUT-MONTHS")
            #expect(try await client.execute(uri: "/api/v1/analytics/trend", method: .get).status == .unauthorized)
        }
    }
}
