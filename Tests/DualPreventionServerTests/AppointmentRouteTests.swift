import DualPrevention
import DualPreventionStore
import Foundation
import HTTPTypes
import HummingbirdBcrypt
import HummingbirdTesting
import NIOCore
import Testing

@testable import DualPreventionServer

/// The regional quality safety director over HTTP (issue 16, DOMAIN.md §13): a regulator appoints over the API
/// within the cap of the server's rules; the director has one login, chooses the enterprise in the header or through
/// the inbox's links, accepts in each, and an appointment the regulator ends stops working at the next request.
@Suite("Regional directors over HTTP")
struct AppointmentRouteTests {
    static let at = Date(timeIntervalSince1970: 1_790_000_000)
    static func hours(_ n: Double) -> Date { at.addingTimeInterval(n * 3_600) }

    /// Three small enterprises of the world's district, each with a hazard waiting for acceptance, and a regional
    /// director of that district with a password.
    static func smallEnterprises(_ world: ServerTests.World) async throws -> (director: Person, enterprises: [Enterprise], hazards: [Hazard]) {
        let repo = world.repository
        let admin = try await repo.person("1").actor
        let district = try #require(try await repo.enterprise(String(world.a.enterpriseID!), visibleTo: .system).jurisdictionID)
        var enterprises: [Enterprise] = []
        var hazards: [Hazard] = []
        for n in 1...4 {
            let e = try await repo.addEnterprise(
                Enterprise(
                    id: 0,
                    name: "小微厂\(n)",
                    creditCode: try CreditCode.completing("91331002MA2C0030\(n)"),
                    jurisdictionID: district,
                    productCategory: "五金制品"
                ),
                by: admin,
                at: at
            )
            let workshop = try await repo.addWorkshop(enterpriseID: e.id, name: "冲压车间", by: admin, at: at)
            let officer = try await repo.addPerson(Person(id: 0, name: "安全员\(n)", role: .officer, enterpriseID: e.id), by: admin, at: at)
            let head = try await repo.addPerson(
                Person(id: 0, name: "主任\(n)", role: .workshopHead, enterpriseID: e.id, workshopID: workshop.id),
                by: admin,
                at: at
            )
            let hazard = try await repo.reportHazard(
                HazardReport(workshopID: workshop.id, source: .dailyCheck, grade: .general, description: "冲床光电保护失灵\(n)"),
                by: officer.actor,
                at: hours(1)
            )
            func perform(_ command: HazardCommand, by person: Person, _ h: Double) async throws {
                _ = try await repo.perform(command, on: "\(hazard.id)", by: person.actor, at: hours(h))
            }
            try await perform(
                .issueNotice(receiverID: head.id, responsibleUnit: "", nature: "", requiredMeasures: "修复", deadline: hours(24 * 30)),
                by: officer,
                2
            )
            try await perform(.event(.acknowledgeNotice), by: head, 3)
            try await perform(.event(.startRectification), by: head, 4)
            try await perform(.submitRectification(measuresTaken: "更换光电保护", completedAt: hours(5), funds: "", evidence: []), by: head, 6)
            enterprises.append(e)
            hazards.append(hazard)
        }
        let director = try await repo.addPerson(Person(id: 0, name: "周丽", role: .regionalDirector, jurisdictionID: district), by: admin, at: at)
        _ = try await repo.setPassword(personID: director.id, passwordHash: Bcrypt.hash(ServerTests.World.password, cost: 4), by: admin, at: at)
        return (director, enterprises, hazards)
    }

    static func post(
        _ client: some TestClientProtocol,
        _ uri: String,
        _ cookie: HTTPFields,
        _ json: String
    ) async throws -> (HTTPResponse.Status, [String: Any]) {
        var headers = cookie
        headers[.contentType] = "application/json"
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: json))
        return (response.status, ServerTests.object(response.body))
    }

    /// The session cookie with the enterprise chosen.
    static func acting(_ session: HTTPFields, _ appointment: Int64) -> HTTPFields {
        [.cookie: (session[.cookie] ?? "") + "; dp_acting=\(appointment)"]
    }

    @Test func aRegionalDirectorAcceptsInThreeEnterprisesUnderOneLoginAndLosesOneAtTheNextRequestOnceEnded() async throws {
        let world = try await ServerTests.world()
        let (zhou, enterprises, hazards) = try await Self.smallEnterprises(world)
        let hand = HandClock(Self.hours(7))
        let rules = ServerRules(appointments: AppointmentRules(regionalDirectorCap: 3, source: "appointment-rules.yaml"))
        let app = try buildApplication(repository: world.repository, configuration: .init(), rules: rules, clock: hand.clock)
        try await app.test(.router) { client in
            let regulator = try await ServerTests.login(client, world.regulatorA.name)
            var appointments: [Int64] = []
            for e in enterprises.prefix(3) {
                let (status, made) = try await Self.post(
                    client,
                    "/api/v1/appointments",
                    regulator,
                    #"{"directorID": \#(zhou.id), "enterpriseID": \#(e.id), "until": "2099-12-31"}"#
                )
                #expect(status == .created, "\(made)")
                #expect(made["inOffice"] as? Bool == true && (made["number"] as? String)?.hasPrefix("RD-") == true)
                appointments.append(try #require(made["id"] as? Int).int64)
            }
            let (capped, problem) = try await Self.post(
                client,
                "/api/v1/appointments",
                regulator,
                #"{"directorID": \#(zhou.id), "enterpriseID": \#(enterprises[3].id), "until": "2099-12-31"}"#
            )
            #expect(capped == .forbidden && problem["rule"] as? String == "APPOINT-CAP")
            #expect((problem["detail"] as? String)?.contains("regionalDirectorCap = 3") == true, "\(problem)")

            // One login. Serving three and having chosen none, the director sees none of them, and is sent to the inbox.
            let session = try await ServerTests.login(client, zhou.name)
            #expect(try await client.execute(uri: "/api/v1/hazards/\(hazards[0].id)", method: .get, headers: session).status == .notFound)
            let home = try await client.execute(uri: "/", method: .get, headers: session)
            #expect(home.status == .seeOther && home.headers[.location] == "/inbox")
            let inbox = String(buffer: try await client.execute(uri: "/inbox", method: .get, headers: session).body)
            for (index, e) in enterprises.prefix(3).enumerated() {
                #expect(inbox.contains(e.name))
                #expect(
                    inbox.contains("/acting?appointment=\(appointments[index])&amp;next=%2Fhazards%2F\(hazards[index].id)"),
                    "the link acts for it"
                )
                #expect(inbox.contains("<option value=\"\(appointments[index])\""), "the header's switcher offers it")
            }

            // Choosing an enterprise (the inbox's link) and accepting there, for each of the three.
            for index in 0..<3 {
                let chosen = try await client.execute(
                    uri: "/acting?appointment=\(appointments[index])&next=%2Fhazards%2F\(hazards[index].id)",
                    method: .get,
                    headers: session
                )
                #expect(chosen.status == .seeOther && chosen.headers[.location] == "/hazards/\(hazards[index].id)")
                #expect(chosen.headers[.setCookie]?.contains("dp_acting=\(appointments[index])") == true)
                let cookie = Self.acting(session, appointments[index])
                let (accepted, body) = try await Self.post(
                    client,
                    "/api/v1/hazards/\(hazards[index].id)/accept",
                    cookie,
                    #"{"criteria": "光电保护试验有效", "opinion": "同意验收"}"#
                )
                #expect(accepted == .ok, "\(body)")
                let page = String(buffer: try await client.execute(uri: "/hazards/\(hazards[index].id)", method: .get, headers: cookie).body)
                #expect(page.contains("周丽（区域质量安全总监 RD-"), "the timeline names the appointment")
                #expect(page.contains(enterprises[index].name))
            }
            // Acting for the first, the second's hazard is out of sight.
            let firstOnly = Self.acting(session, appointments[0])
            #expect(try await client.execute(uri: "/api/v1/hazards/\(hazards[1].id)", method: .get, headers: firstOnly).status == .notFound)
            // Someone else's appointment cannot be chosen.
            let other = try await ServerTests.login(client, world.a.name)
            #expect(try await client.execute(uri: "/acting?appointment=\(appointments[0])", method: .get, headers: other).status == .notFound)

            // The regulator ends the second: the director's next request for it finds nothing, and it cannot be chosen.
            let secondCookie = Self.acting(session, appointments[1])
            #expect(try await client.execute(uri: "/api/v1/hazards/\(hazards[1].id)", method: .get, headers: secondCookie).status == .ok)
            let (ended, endedBody) = try await Self.post(
                client,
                "/api/v1/appointments/\(appointments[1])/end",
                regulator,
                #"{"reason": "企业已配备专职总监"}"#
            )
            #expect(ended == .ok && endedBody["inOffice"] as? Bool == false, "\(endedBody)")
            #expect(try await client.execute(uri: "/api/v1/hazards/\(hazards[1].id)", method: .get, headers: secondCookie).status == .notFound)
            #expect(try await client.execute(uri: "/acting?appointment=\(appointments[1])", method: .get, headers: session).status == .notFound)
            #expect(try await client.execute(uri: "/api/v1/hazards/\(hazards[0].id)", method: .get, headers: firstOnly).status == .ok)

            // The appointments page: the regulator's with the form, the director's own.
            let list = String(buffer: try await client.execute(uri: "/appointments", method: .get, headers: regulator).body)
            #expect(list.contains("企业已配备专职总监") && list.contains("action=\"/appointments\""))
            let own = ServerTests.object(try await client.execute(uri: "/api/v1/appointments", method: .get, headers: session).body)
            #expect((own["items"] as? [[String: Any]])?.count == 3)
            #expect(try await world.repository.verifyAudit(expectedHead: nil).isIntact)
        }
    }
}

extension Int {
    var int64: Int64 { Int64(self) }
}
