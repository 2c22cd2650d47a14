import DualPrevention
import DualPreventionStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import DualPreventionServer

/// Batches, stops and recalls over the API and on the hazard page (issue 16): the same rules, by the same names as the
/// CLI, refused where the rules refuse, out of sight of another enterprise, and the ledgers as CSV with a BOM.
@Suite("Products over HTTP")
struct ProductRouteTests {
    /// A major hazard of enterprise A, rectified by its workshop head under an approved plan, awaiting acceptance.
    static func majorAwaiting(_ world: ServerTests.World) async throws -> Hazard {
        let repo = world.repository
        let at = Date(timeIntervalSince1970: 1_790_000_000)
        func hours(_ n: Double) -> Date { at.addingTimeInterval(n * 3_600) }
        let hazard = try await repo.reportHazard(
            HazardReport(
                workshopID: world.workshopA.id,
                source: .spotCheck,
                grade: .major,
                description: "胶粘剂原料混入异物",
                location: "2号混料线"
            ),
            by: world.a.actor,
            at: hours(1)
        )
        func perform(_ command: HazardCommand, by person: Person, _ n: Double) async throws {
            _ = try await repo.perform(command, on: "\(hazard.id)", by: person.actor, at: hours(n))
        }
        try await perform(
            .issueNotice(receiverID: world.headA.id, responsibleUnit: "", nature: "", requiredMeasures: "清理混料线", deadline: hours(24 * 30)),
            by: world.a,
            2
        )
        try await perform(.event(.acknowledgeNotice), by: world.headA, 3)
        let plan = PlanDraft(target: "消除异物", methods: "加装过滤", funds: "1万元", organisation: "车间", timeLimit: hours(24 * 20), safetyMeasures: "停线")
        try await perform(.event(.submitPlan(plan)), by: world.headA, 4)
        try await perform(.event(.approvePlan(note: "同意")), by: world.a, 5)
        try await perform(.event(.startRectification), by: world.headA, 6)
        try await perform(.submitRectification(measuresTaken: "加装过滤网", completedAt: hours(7), funds: "", evidence: []), by: world.headA, 8)
        return hazard
    }

    @Test func aRecallIsPlannedOverTheAPIBeforeTheAcceptanceAndTheLedgersComeAsCSV() async throws {
        let world = try await ServerTests.world()
        let hazard = try await Self.majorAwaiting(world)
        let app = try buildApplication(repository: world.repository, configuration: .init())
        try await app.test(.router) { client in
            let director = try await ServerTests.login(client, world.a.name)
            let other = try await ServerTests.login(client, world.b.name)
            let regulator = try await ServerTests.login(client, world.regulatorA.name)
            func post(_ uri: String, _ cookie: HTTPFields, _ json: String) async throws -> (HTTPResponse.Status, [String: Any]) {
                var headers = cookie
                headers[.contentType] = "application/json"
                let response = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: json))
                return (response.status, ServerTests.object(response.body))
            }
            let base = "/api/v1/hazards/\(hazard.id)"
            for (number, shipped) in [("B-01", 300), ("B-02", 200)] {
                let (status, done) = try await post(
                    base + "/products/batch",
                    director,
                    #"{"number": "\#(number)", "product": "聚氨酯胶粘剂", "quantityMade": 1000, "quantityShipped": \#(shipped), "producedFrom": "2026-09-01"}"#
                )
                #expect(status == .ok, "\(done)")
                #expect((done["batch"] as? [String: Any])?["number"] as? String == number)
            }
            let foreign = #"{"number": "X", "product": "胶", "quantityMade": 1, "quantityShipped": 0, "producedFrom": "2026-09-01"}"#
            #expect(try await post(base + "/products/batch", other, foreign).0 == .notFound, "out of sight")
            #expect(try await post(base + "/products/fly", director, "{}").0 == .notFound)
            let (missing, problem) = try await post(base + "/products/recall-plan", director, #"{"scope": "两批次"}"#)
            #expect(missing == .unprocessableContent && problem["rule"] as? String == "INPUT-REQUIRED")

            let (held, refusal) = try await post(base + "/accept", director, #"{"criteria": "无异物", "opinion": "同意"}"#)
            #expect(held == .forbidden)
            #expect(refusal["rule"] as? String == "RECALL-PLAN-BEFORE-ACCEPTANCE")
            let actions = ServerTests.object(try await client.execute(uri: base + "/products/actions", method: .get, headers: director).body)
            #expect((actions["items"] as? [String])?.contains("recall-plan") == true)

            let (planned, recall) = try await post(
                base + "/products/recall-plan",
                director,
                #"{"scope": "B-01、B-02", "method": "上门回收", "channels": "电话、官网", "deadline": "2099-12-31", "disposal": "销毁"}"#
            )
            #expect(planned == .ok, "\(recall)")
            #expect(try await post(base + "/accept", director, #"{"criteria": "无异物", "opinion": "同意"}"#).0 == .ok)
            let (returned, _) = try await post(
                base + "/products/recall-return",
                director,
                #"{"batch": "B-01", "quantity": 120, "disposal": "封存"}"#
            )
            #expect(returned == .ok)

            let products = ServerTests.object(try await client.execute(uri: base + "/products", method: .get, headers: regulator).body)
            #expect((products["batches"] as? [Any])?.count == 2 && (products["stops"] as? [Any])?.count == 1)
            #expect(((products["recall"] as? [String: Any])?["returns"] as? [Any])?.count == 1)

            let csv = try await client.execute(uri: "/api/v1/ledgers/batches.csv", method: .get, headers: regulator)
            #expect(csv.status == .ok && csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let text = String(buffer: csv.body)
            #expect(text.hasPrefix("\u{FEFF}序号,企业,隐患编号"))
            #expect(text.contains(",B-01,聚氨酯胶粘剂,1000,300,120,") && text.contains(",B-02,聚氨酯胶粘剂,1000,200,0,"))
            let recalls = String(buffer: try await client.execute(uri: "/api/v1/ledgers/recalls.csv", method: .get, headers: director).body)
            #expect(recalls.hasPrefix("\u{FEFF}序号") && recalls.contains(",500,120,召回进行中,"), "\(recalls)")
            let none = String(buffer: try await client.execute(uri: "/api/v1/ledgers/batches.csv", method: .get, headers: other).body)
            #expect(none.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1, "only the header for another enterprise")
            let page = ServerTests.object(try await client.execute(uri: "/api/v1/ledgers/batches?limit=1", method: .get, headers: director).body)
            #expect((page["items"] as? [Any])?.count == 1 && page["next"] is Int)
            #expect(try await world.repository.verifyAudit(expectedHead: nil).isIntact)
        }
    }

    @Test func theHazardPageShowsWhatItAffectsAndARefusedProductFormKeepsWhatWasTyped() async throws {
        let world = try await ServerTests.world()
        let hazard = try await Self.majorAwaiting(world)
        let app = try buildApplication(repository: world.repository, configuration: .init())
        try await app.test(.router) { client in
            let director = try await PageTests.login(client, world.a.name)
            var (_, page) = try await PageTests.get(client, "/hazards/\(hazard.id)", director)
            #expect(page.contains("停产令") && page.contains("2号混料线"), "the stop the report ordered")
            #expect(page.contains("action=\"/hazards/\(hazard.id)/products/batch\""), "the batch form")
            #expect(!page.contains("/products/recall-plan\""), "no recall to plan before a shipped batch")

            let done = try await PageTests.post(
                client,
                "/hazards/\(hazard.id)/products/batch",
                director,
                ["number": "B-07", "product": "胶粘剂", "quantityMade": "500", "quantityShipped": "500", "producedFrom": "2026-09-01"]
            )
            #expect(done.status == .seeOther, "\(String(buffer: done.body))")
            (_, page) = try await PageTests.get(client, "/hazards/\(hazard.id)", director)
            #expect(page.contains("B-07") && page.contains("/products/recall-plan\""))

            // More shipped than made: the form again, open, with what was typed and the reason in words.
            let refused = try await PageTests.post(
                client,
                "/hazards/\(hazard.id)/products/batch",
                director,
                ["number": "B-08", "product": "胶粘剂", "quantityMade": "10", "quantityShipped": "11", "producedFrom": "2026-09-01"]
            )
            #expect(refused.status == .forbidden)
            let form = String(buffer: refused.body)
            #expect(form.contains("value=\"B-08\"") && form.contains("<details class=\"action\" open>"))
            #expect(!PageTests.visibleText(form).contains("BATCH-QUANTITY"))
            #expect(PageTests.visibleText(form).contains("发货数量须在 0 与生产数量之间（生产 10，发货 11）"), "the reason in words")

            // Acceptance waits for the plan, said in words on the page.
            let held = try await PageTests.post(client, "/hazards/\(hazard.id)/accept", director, ["criteria": "无异物", "opinion": "同意"])
            #expect(held.status == .forbidden, "\(String(buffer: held.body).prefix(3000))")
            #expect(PageTests.visibleText(String(buffer: held.body)).contains("B-07"))
            let other = try await PageTests.login(client, world.b.name)
            #expect(try await PageTests.get(client, "/hazards/\(hazard.id)", other).0 == .notFound)
        }
    }
}
