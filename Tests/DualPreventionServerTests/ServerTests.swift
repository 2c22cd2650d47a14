import DualPrevention
import DualPreventionStore
import Foundation
import HTTPTypes
import HummingbirdBcrypt
import HummingbirdTesting
import NIOCore
import Testing

@testable import DualPreventionServer

/// The server through its router: health, login with throttling, sessions, and reads limited to the person's reach.
@Suite("Server")
struct ServerTests {
    /// Two enterprises in two districts, a regulator of each, and passwords for them (cost 4: tests, not storage).
    struct World {
        let repository: StoreRepository
        let a: Person
        let b: Person
        let regulatorA: Person
        let headA: Person
        let workshopA: Workshop
        let hazardA: Hazard
        static let password = "correct-horse-battery"
    }

    static func world() async throws -> World {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dualprev-server-\(UUID().uuidString)")
        let repository = StoreRepository(database: try AppDatabase.inMemory(), evidenceStore: EvidenceStore(root: directory))
        let at = Date(timeIntervalSince1970: 1_790_000_000)
        let admin = try await repository.bootstrap(adminName: "管理员", demo: false, at: at).actor
        let province = try await repository.addJurisdiction(name: "浙江省", level: .province, parentID: nil, by: admin, at: at)
        let city = try await repository.addJurisdiction(name: "台州市", level: .city, parentID: province.id, by: admin, at: at)
        let d1 = try await repository.addJurisdiction(name: "椒江区", level: .district, parentID: city.id, by: admin, at: at)
        let d2 = try await repository.addJurisdiction(name: "黄岩区", level: .district, parentID: city.id, by: admin, at: at)
        func enterprise(_ name: String, _ code: String, _ district: Jurisdiction) async throws -> (Enterprise, Person, Workshop) {
            let e = try await repository.addEnterprise(
                Enterprise(
                    id: 0,
                    name: name,
                    creditCode: try CreditCode.completing(code),
                    jurisdictionID: district.id,
                    productCategory: "食品相关产品"
                ),
                by: admin,
                at: at
            )
            let director = try await repository.addPerson(Person(id: 0, name: name + "总监", role: .director, enterpriseID: e.id), by: admin, at: at)
            let workshop = try await repository.addWorkshop(enterpriseID: e.id, name: name + "车间", by: admin, at: at)
            return (e, director, workshop)
        }
        let (_, a, workshopA) = try await enterprise("甲厂", "91331002MA2B00001", d1)
        let (_, b, workshopB) = try await enterprise("乙厂", "91331003MA2B00002", d2)
        let regulatorA = try await repository.addPerson(Person(id: 0, name: "椒江监管", role: .regulator, jurisdictionID: d1.id), by: admin, at: at)
        let headA = try await repository.addPerson(
            Person(id: 0, name: "甲厂车间主任", role: .workshopHead, enterpriseID: a.enterpriseID, workshopID: workshopA.id),
            by: admin,
            at: at
        )
        let hazardA = try await repository.reportHazard(
            HazardReport(workshopID: workshopA.id, source: .dailyCheck, grade: .general, description: "甲厂防护栏缺失"),
            by: a.actor,
            at: at
        )
        _ = try await repository.reportHazard(
            HazardReport(workshopID: workshopB.id, source: .dailyCheck, grade: .general, description: "乙厂标签错误"),
            by: b.actor,
            at: at
        )
        for person in [a, b, regulatorA, headA] {
            _ = try await repository.setPassword(personID: person.id, passwordHash: Bcrypt.hash(World.password, cost: 4), by: admin, at: at)
        }
        return World(repository: repository, a: a, b: b, regulatorA: regulatorA, headA: headA, workshopA: workshopA, hazardA: hazardA)
    }

    static func json(_ value: [String: String]) -> ByteBuffer {
        ByteBuffer(bytes: (try? JSONSerialization.data(withJSONObject: value)) ?? Data())
    }

    static func object(_ buffer: ByteBuffer) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView))) as? [String: Any] ?? [:]
    }

    /// Logs in and returns the cookie header to send back.
    static func login(_ client: some TestClientProtocol, _ name: String, password: String = World.password) async throws -> HTTPFields {
        let response = try await client.execute(
            uri: "/api/v1/session",
            method: .post,
            headers: [.contentType: "application/json"],
            body: json(["login": name, "password": password])
        )
        #expect(response.status == .ok, "\(name) could not log in: \(String(buffer: response.body))")
        let cookie = try #require(response.headers[.setCookie])
        #expect(cookie.contains("HttpOnly"))
        #expect(cookie.lowercased().contains("samesite=strict"))
        return [.cookie: String(cookie.prefix { $0 != ";" })]
    }

    @Test func healthAnswersWithARequestID() async throws {
        let world = try await Self.world()
        let app = try buildApplication(repository: world.repository, configuration: .init())
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/health", method: .get)
            #expect(response.status == .ok)
            #expect(Self.object(response.body)["status"] as? String == "ok")
            #expect(response.headers[HTTPField.Name("x-request-id")!]?.isEmpty == false)
        }
    }

    @Test func loginIsNeededAndWrongPasswordsAreThrottled() async throws {
        let world = try await Self.world()
        let app = try buildApplication(repository: world.repository, configuration: .init())
        try await app.test(.router) { client in
            let anonymous = try await client.execute(uri: "/api/v1/hazards", method: .get)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            #expect(Self.object(anonymous.body)["rule"] as? String == "AUTH-REQUIRED")
            for _ in 0..<5 {
                let wrong = try await client.execute(
                    uri: "/api/v1/session",
                    method: .post,
                    headers: [.contentType: "application/json"],
                    body: Self.json(["login": world.a.name, "password": "guess-guess-guess"])
                )
                #expect(wrong.status == .unauthorized)
            }
            let throttled = try await client.execute(
                uri: "/api/v1/session",
                method: .post,
                headers: [.contentType: "application/json"],
                body: Self.json(["login": world.a.name, "password": World.password])
            )
            #expect(throttled.status == .tooManyRequests, "even the right password waits once a name has failed five times")
            let byID = try await client.execute(
                uri: "/api/v1/session",
                method: .post,
                headers: [.contentType: "application/json"],
                body: Self.json(["login": "0\(world.a.id)", "password": World.password])
            )
            #expect(byID.status == .tooManyRequests, "the same person by another spelling of the id shares the budget")
            let unknown = try await client.execute(
                uri: "/api/v1/session",
                method: .post,
                headers: [.contentType: "application/json"],
                body: Self.json(["login": "nobody", "password": World.password])
            )
            #expect(unknown.status == .unauthorized)
        }
    }

    @Test func eachPersonSeesOnlyTheirOwnReach() async throws {
        let world = try await Self.world()
        let app = try buildApplication(repository: world.repository, configuration: .init())
        try await app.test(.router) { client in
            let cookieA = try await Self.login(client, world.a.name)
            let me = Self.object(try await client.execute(uri: "/api/v1/me", method: .get, headers: cookieA).body)
            #expect(me["name"] as? String == world.a.name)
            let own = Self.object(try await client.execute(uri: "/api/v1/hazards", method: .get, headers: cookieA).body)
            let items = own["items"] as? [[String: Any]] ?? []
            #expect(items.map { $0["description"] as? String } == ["甲厂防护栏缺失"])
            #expect(own["total"] as? Int == 1)

            let cookieB = try await Self.login(client, world.b.name)
            let guessed = try await client.execute(uri: "/api/v1/hazards/\(world.hazardA.id)", method: .get, headers: cookieB)
            #expect(guessed.status == .notFound, "another enterprise's hazard, by a guessed id, is not there")
            #expect(!String(buffer: guessed.body).contains("甲厂"))
            let theirs = Self.object(try await client.execute(uri: "/api/v1/hazards", method: .get, headers: cookieB).body)
            #expect((theirs["items"] as? [[String: Any]] ?? []).map { $0["description"] as? String } == ["乙厂标签错误"])

            let cookieRegulator = try await Self.login(client, world.regulatorA.name)
            let district = Self.object(try await client.execute(uri: "/api/v1/enterprises", method: .get, headers: cookieRegulator).body)
            #expect((district["items"] as? [[String: Any]] ?? []).map { $0["name"] as? String } == ["甲厂"])
            let shown = try await client.execute(uri: "/api/v1/hazards/\(world.hazardA.id)", method: .get, headers: cookieRegulator)
            #expect(shown.status == .ok)

            let logout = try await client.execute(uri: "/api/v1/session", method: .delete, headers: cookieA)
            #expect(logout.status == .noContent)
            #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: cookieA).status == .unauthorized, "the session is gone")
            let badPage = try await client.execute(uri: "/api/v1/hazards?limit=0", method: .get, headers: cookieB)
            #expect(badPage.status == .badRequest)
        }
    }

    @Test func aDisabledAccountLosesItsSession() async throws {
        let world = try await Self.world()
        let app = try buildApplication(repository: world.repository, configuration: .init())
        try await app.test(.router) { client in
            let cookie = try await Self.login(client, world.a.name)
            let admin = try await world.repository.person("1").actor
            _ = try await world.repository.disableAccount(personID: world.a.id, by: admin, at: Date())
            #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: cookie).status == .unauthorized)
        }
    }

    /// Two server processes on one database file: a login made on one is honoured by the other, failures counted on
    /// one throttle the other, and a logout on either ends the login on both.
    @Test func twoServersOnOneDatabaseShareLoginsThrottlesAndLogouts() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dualprev-two-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let setup = try StoreRepository.open(path: path)
        let admin = try await setup.bootstrap(adminName: "管理员", demo: false, at: Date()).actor
        let province = try await setup.addJurisdiction(name: "浙江省", level: .province, parentID: nil, by: admin, at: Date())
        var added: [Person] = []
        for name in ["省局甲", "省局乙"] {
            let person = try await setup.addPerson(Person(id: 0, name: name, role: .regulator, jurisdictionID: province.id), by: admin, at: Date())
            _ = try await setup.setPassword(personID: person.id, passwordHash: Bcrypt.hash(World.password, cost: 4), by: admin, at: Date())
            added.append(person)
        }
        let people = added
        let one = try buildApplication(repository: try StoreRepository.open(path: path), configuration: .init())
        let other = try buildApplication(repository: try StoreRepository.open(path: path), configuration: .init())
        try await one.test(.router) { first in
            try await other.test(.router) { second in
                let cookie = try await Self.login(first, people[0].name)
                let me = try await second.execute(uri: "/api/v1/me", method: .get, headers: cookie)
                #expect(me.status == .ok && Self.object(me.body)["name"] as? String == people[0].name)
                for _ in 0..<5 {
                    let wrong = try await first.execute(
                        uri: "/api/v1/session",
                        method: .post,
                        headers: [.contentType: "application/json"],
                        body: Self.json(["login": people[1].name, "password": "guess-guess-guess"])
                    )
                    #expect(wrong.status == .unauthorized)
                }
                let throttled = try await second.execute(
                    uri: "/api/v1/session",
                    method: .post,
                    headers: [.contentType: "application/json"],
                    body: Self.json(["login": people[1].name, "password": World.password])
                )
                #expect(throttled.status == .tooManyRequests, "failures on one server count on the other")
                let logout = try await second.execute(uri: "/api/v1/session", method: .delete, headers: cookie)
                #expect(logout.status == .noContent)
                #expect(try await first.execute(uri: "/api/v1/me", method: .get, headers: cookie).status == .unauthorized)
            }
        }
    }

    @Test func aHazardGoesRoundTheLoopOverTheAPI() async throws {
        let world = try await Self.world()
        let app = try buildApplication(repository: world.repository, configuration: .init())
        try await app.test(.router) { client in
            let director = try await Self.login(client, world.a.name)
            let head = try await Self.login(client, world.headA.name)
            let other = try await Self.login(client, world.b.name)
            func post(_ uri: String, _ cookie: HTTPFields, _ body: [String: String]) async throws -> (HTTPResponse.Status, [String: Any]) {
                var headers = cookie
                headers[.contentType] = "application/json"
                let response = try await client.execute(
                    uri: uri,
                    method: .post,
                    headers: headers,
                    body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
                )
                return (response.status, Self.object(response.body))
            }
            let (created, hazard) = try await post(
                "/api/v1/hazards",
                director,
                [
                    "workshopID": "\(world.workshopA.id)", "source": "dailyCheck", "grade": "general",
                    "description": "注塑机防护门联锁失效",
                ]
            )
            #expect(created == .badRequest, "ids are numbers in JSON, not strings")
            #expect(hazard["rule"] as? String == "INPUT-JSON")
            var headers = director
            headers[.contentType] = "application/json"
            let reported = try await client.execute(
                uri: "/api/v1/hazards",
                method: .post,
                headers: headers,
                body: ByteBuffer(
                    string: """
                        {"workshopID": \(world.workshopA.id), "source": "dailyCheck", "grade": "general", "description": "注塑机防护门联锁失效"}
                        """
                )
            )
            #expect(reported.status == .created, "\(String(buffer: reported.body))")
            let id = try #require(Self.object(reported.body)["id"] as? Int)
            let base = "/api/v1/hazards/\(id)"

            let (forged, _) = try await { () async throws -> (HTTPResponse.Status, Int) in
                var form = director
                form[.contentType] = "application/x-www-form-urlencoded"
                let response = try await client.execute(uri: base + "/cancel", method: .post, headers: form, body: ByteBuffer(string: "reason=x"))
                return (response.status, 0)
            }()
            #expect(forged == .unsupportedMediaType, "a form post (what another site could forge) is refused")
            for slug in ["no-such-action", "report", "grade"] {
                let (status, problem) = try await post(base + "/" + slug, director, ["reason": "x"])
                #expect(status == .notFound, "\(slug) is no action of a hazard")
                #expect(problem["rule"] as? String == "ACTION")
            }
            #expect(Self.object(try await client.execute(uri: base, method: .get, headers: director).body)["state"] as? String == "reported")

            var notice = director
            notice[.contentType] = "application/json"
            let issued = try await client.execute(
                uri: base + "/notice",
                method: .post,
                headers: notice,
                body: ByteBuffer(
                    string: """
                        {"receiverID": \(world.headA.id), "measures": "修复联锁并试验", "deadline": "2099-12-31"}
                        """
                )
            )
            #expect(issued.status == .ok, "\(String(buffer: issued.body))")
            #expect((Self.object(issued.body)["transition"] as? [String: Any])?["to"] as? String == "notified")
            #expect(try await post(base + "/acknowledge", other, [:]).0 == .notFound, "another enterprise cannot even see it")
            #expect(try await post(base + "/acknowledge", head, [:]).0 == .ok)
            #expect(try await post(base + "/start", head, [:]).0 == .ok)
            #expect(try await post(base + "/submit", head, ["measuresTaken": "更换联锁开关，试验10次有效"]).0 == .ok)
            let (selfAccept, problem) = try await post(base + "/accept", head, ["criteria": "联锁有效", "opinion": "好"])
            #expect(selfAccept == .forbidden)
            #expect(problem["rule"] as? String == "ACCEPTANCE-SEPARATION")
            let (accepted, done) = try await post(base + "/accept", director, ["criteria": "联锁有效", "opinion": "同意销号"])
            #expect(accepted == .ok)
            #expect((done["hazard"] as? [String: Any])?["state"] as? String == "closed")
            #expect(try await post(base + "/fly", director, [:]).0 == .notFound)
            #expect(try await world.repository.verifyAudit(expectedHead: nil).isIntact)
        }
    }

    @Test func noListOfTheOtherEnterpriseShowsAnythingOfIt() async throws {
        let world = try await Self.world()
        let app = try buildApplication(repository: world.repository, configuration: .init())
        try await app.test(.router) { client in
            let other = try await Self.login(client, world.b.name)
            let lists = [
                "/api/v1/enterprises", "/api/v1/hazards", "/api/v1/risk-points", "/api/v1/check-plans", "/api/v1/check-runs", "/api/v1/records",
                "/api/v1/credit-grades", "/api/v1/list-entries", "/api/v1/history/hazard/\(world.hazardA.id)", "/api/v1/history/enterprise/1",
            ]
            for uri in lists {
                let response = try await client.execute(uri: uri, method: .get, headers: other)
                #expect(response.status == .ok, "\(uri): \(response.status)")
                #expect(!String(buffer: response.body).contains("甲厂"), "\(uri) shows something of 甲厂")
            }
            let asked = try await client.execute(uri: "/api/v1/hazards?enterprise=1", method: .get, headers: other)
            #expect(asked.status == .notFound, "asking for the other enterprise by id finds nothing")
            #expect(try await client.execute(uri: "/api/v1/risk-points?colour=purple", method: .get, headers: other).status == .badRequest)
        }
    }
}

/// A clock a test moves by hand.
final class HandClock: @unchecked Sendable {
    private let lock = NSLock()
    private var instant: Date

    init(_ instant: Date) { self.instant = instant }

    var clock: AppClock { AppClock { [self] in lock.withLock { instant } } }
    func advance(_ seconds: TimeInterval) { lock.withLock { instant.addTimeInterval(seconds) } }
}

/// Sessions end when the password is set, however it is set, and never last past their absolute lifetime.
@Suite("Sessions")
struct SessionTests {
    @Test func aResetPasswordEndsEveryOneOfThatPersonsSessionsAtTheNextRequest() async throws {
        let world = try await ServerTests.world()
        let app = try buildApplication(repository: world.repository, configuration: .init())
        try await app.test(.router) { client in
            let phone = try await ServerTests.login(client, world.a.name)
            let desk = try await ServerTests.login(client, world.a.name)
            let regulator = try await ServerTests.login(client, world.regulatorA.name)
            // The administrator resets it outside the server (as `dualprev user password` does).
            let admin = try await world.repository.person("1").actor
            _ = try await world.repository.setPassword(
                personID: world.a.id,
                passwordHash: Bcrypt.hash("a-brand-new-password", cost: 4),
                by: admin,
                at: Date(timeIntervalSince1970: 1_790_000_000)
            )
            #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: phone).status == .unauthorized)
            #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: desk).status == .unauthorized)
            #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: regulator).status == .ok, "other people stay logged in")
            let again = try await ServerTests.login(client, world.a.name, password: "a-brand-new-password")
            #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: again).status == .ok)
        }
    }

    @Test func changingOnesOwnPasswordOverTheAPIEndsTheOtherSessions() async throws {
        let world = try await ServerTests.world()
        let app = try buildApplication(repository: world.repository, configuration: .init())
        try await app.test(.router) { client in
            let stolen = try await ServerTests.login(client, world.a.name)
            let own = try await ServerTests.login(client, world.a.name)
            let changed = try await client.execute(
                uri: "/api/v1/accounts/\(world.a.id)/password",
                method: .post,
                headers: own + [.contentType: "application/json"],
                body: ServerTests.json(["password": "another-long-password"])
            )
            #expect(changed.status == .noContent)
            #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: stolen).status == .unauthorized)
        }
    }

    @Test func aBusySessionStillEndsAfterItsAbsoluteLifetime() async throws {
        let world = try await ServerTests.world()
        let hand = HandClock(Date(timeIntervalSince1970: 1_790_000_000))
        let limits = SessionLimits(idle: 8 * 3_600, absolute: 7 * 86_400)
        let app = try buildApplication(repository: world.repository, configuration: .init(sessionLimits: limits), clock: hand.clock)
        try await app.test(.router) { client in
            let cookie = try await ServerTests.login(client, world.a.name)
            let login = try await client.execute(
                uri: "/api/v1/session",
                method: .post,
                headers: [.contentType: "application/json"],
                body: ServerTests.json(["login": world.a.name, "password": ServerTests.World.password])
            )
            #expect(login.headers[.setCookie]?.contains("Max-Age=604800") == true, "the browser keeps it as long as it may last")
            for _ in 0..<23 {  // every 7 hours for 161 hours: never idle for 8
                hand.advance(7 * 3_600)
                #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: cookie).status == .ok)
            }
            hand.advance(7 * 3_600)  // 168 hours: a week since the login
            #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: cookie).status == .unauthorized)
        }
    }

    @Test func anIdleSessionEnds() async throws {
        let world = try await ServerTests.world()
        let hand = HandClock(Date(timeIntervalSince1970: 1_790_000_000))
        let app = try buildApplication(repository: world.repository, configuration: .init(), clock: hand.clock)
        try await app.test(.router) { client in
            let cookie = try await ServerTests.login(client, world.a.name)
            hand.advance(8 * 3_600)
            #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: cookie).status == .unauthorized)
        }
    }

    @Test func behindTLSCookiesAreSecureAndResponsesCarryHSTS() async throws {
        let world = try await ServerTests.world()
        let tls = ServerConfiguration(publicURL: URL(string: "https://dp.example.gov.cn"))
        try await buildApplication(repository: world.repository, configuration: tls).test(.router) { client in
            let login = try await client.execute(
                uri: "/api/v1/session",
                method: .post,
                headers: [.contentType: "application/json"],
                body: ServerTests.json(["login": world.a.name, "password": ServerTests.World.password])
            )
            #expect(login.headers[.setCookie]?.contains("Secure") == true)
            #expect(login.headers[.strictTransportSecurity] == "max-age=31536000; includeSubDomains")
            #expect(try await client.execute(uri: "/health", method: .get).headers[.strictTransportSecurity] != nil)
        }
        try await buildApplication(repository: world.repository, configuration: .init()).test(.router) { client in
            let login = try await client.execute(
                uri: "/api/v1/session",
                method: .post,
                headers: [.contentType: "application/json"],
                body: ServerTests.json(["login": world.a.name, "password": ServerTests.World.password])
            )
            #expect(login.headers[.setCookie]?.contains("Secure") == false, "plain HTTP: a Secure cookie would never come back")
            #expect(login.headers[.strictTransportSecurity] == nil)
        }
    }
}

/// Answers that would tell one tenant about another: the same for unknown and foreign, no server paths.
@Suite("Disclosures")
struct DisclosureTests {
    @Test func anOwnerFilterOnAForeignPersonAnswersAsOnAnUnknownOne() async throws {
        let world = try await ServerTests.world()
        let app = try buildApplication(repository: world.repository, configuration: .init())
        try await app.test(.router) { client in
            let b = try await ServerTests.login(client, world.b.name)
            let foreign = try await client.execute(uri: "/api/v1/hazards?owner=\(world.headA.id)", method: .get, headers: b)
            let unknown = try await client.execute(uri: "/api/v1/hazards?owner=987654", method: .get, headers: b)
            #expect(foreign.status == .notFound && unknown.status == .notFound)
            let shape = { (body: ByteBuffer) in
                String(buffer: body).replacingOccurrences(of: "987654", with: "#").replacingOccurrences(of: "\(world.headA.id)", with: "#")
            }
            #expect(shape(foreign.body) == shape(unknown.body))
            let byName = try await client.execute(
                uri: "/api/v1/hazards?owner=\(world.headA.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")",
                method: .get,
                headers: b
            )
            #expect(byName.status == .notFound)
            let a = try await ServerTests.login(client, world.a.name)
            #expect(try await client.execute(uri: "/api/v1/hazards?owner=\(world.headA.id)", method: .get, headers: a).status == .ok)
        }
    }

    @Test func evidenceItemsCarryNoServerPath() async throws {
        let world = try await ServerTests.world()
        let photo = FileManager.default.temporaryDirectory.appendingPathComponent("dualprev-\(UUID().uuidString).jpg")
        try Data("a photo".utf8).write(to: photo)
        let hazard = try await world.repository.reportHazard(
            HazardReport(
                workshopID: world.workshopA.id,
                source: .dailyCheck,
                grade: .general,
                description: "带照片",
                evidence: [EvidenceFile(path: photo.path)]
            ),
            by: world.a.actor,
            at: Date(timeIntervalSince1970: 1_790_000_000)
        )
        let app = try buildApplication(repository: world.repository, configuration: .init())
        try await app.test(.router) { client in
            let a = try await ServerTests.login(client, world.a.name)
            let response = try await client.execute(uri: "/api/v1/hazards/\(hazard.id)/evidence", method: .get, headers: a)
            #expect(response.status == .ok)
            let body = String(buffer: response.body)
            #expect(body.contains("sha256") && !body.contains("storedPath") && !body.contains(world.repository.evidenceStore.root.path))
        }
    }

    @Test func loginTakesAsLongForAnUnknownNameAsForAKnownOne() async throws {
        let world = try await ServerTests.world()
        let app = try buildApplication(repository: world.repository, configuration: .init())
        try await app.test(.router) { client in
            // The work done is what is compared: an unknown name is checked against a stand-in bcrypt hash.
            let known = try await client.execute(
                uri: "/api/v1/session",
                method: .post,
                headers: [.contentType: "application/json"],
                body: ServerTests.json(["login": world.a.name, "password": "not-the-password"])
            )
            let unknown = try await client.execute(
                uri: "/api/v1/session",
                method: .post,
                headers: [.contentType: "application/json"],
                body: ServerTests.json(["login": "nobody-at-all", "password": "not-the-password"])
            )
            #expect(known.status == .unauthorized && unknown.status == .unauthorized)
            #expect(String(buffer: known.body) == String(buffer: unknown.body))
        }
        #expect(Authenticator.standIn.hasPrefix("$2b$12$") && Authenticator.standIn.count == 60)
    }
}
