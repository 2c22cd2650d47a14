import DualPrevention
import DualPreventionStore
import Foundation
import HTTPTypes
import HummingbirdBcrypt
import HummingbirdTesting
import NIOCore
import Testing

@testable import DualPreventionServer

/// The pages through the router: login by form, CSRF on every form, the hazard loop by forms with a photo,
/// printable forms, and nothing of another tenant on any page.
@Suite("Pages")
struct PageTests {
    /// A browser's cookies: the CSRF cookie a first page sets, and the session after the login form.
    struct Browser {
        var cookies: [String: String] = [:]

        var header: HTTPFields {
            cookies.isEmpty ? [:] : [.cookie: cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")]
        }
        var csrf: String { cookies["dp_csrf"] ?? "" }

        mutating func keep(_ response: TestResponse) {
            for value in response.headers[values: .setCookie] {
                let pair = value.prefix { $0 != ";" }.split(separator: "=", maxSplits: 1).map(String.init)
                if pair.count == 2 { cookies[pair[0]] = pair[1].isEmpty ? nil : pair[1] }
            }
        }
    }

    static func form(_ fields: [String: String]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return ByteBuffer(
            string: fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
        )
    }

    static let urlEncoded: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// Logs in through the login form, as a browser does: first the page (for the CSRF cookie), then the form.
    static func login(_ client: some TestClientProtocol, _ name: String) async throws -> Browser {
        var browser = Browser()
        browser.keep(try await client.execute(uri: "/login", method: .get))
        #expect(browser.csrf.count == 64, "the login page sets the CSRF cookie")
        var headers = urlEncoded
        headers[.cookie] = "dp_csrf=\(browser.csrf)"
        let response = try await client.execute(
            uri: "/login",
            method: .post,
            headers: headers,
            body: form(["_csrf": browser.csrf, "login": name, "password": ServerTests.World.password, "next": "/hazards"])
        )
        #expect(response.status == .seeOther, "\(name) logs in by the form")
        #expect(response.headers[.location] == "/hazards")
        browser.keep(response)
        #expect(browser.cookies["dp_session"] != nil)
        return browser
    }

    static func get(_ client: some TestClientProtocol, _ uri: String, _ browser: Browser) async throws -> (HTTPResponse.Status, String) {
        let response = try await client.execute(uri: uri, method: .get, headers: browser.header)
        return (response.status, String(buffer: response.body))
    }

    static func post(
        _ client: some TestClientProtocol,
        _ uri: String,
        _ browser: Browser,
        _ fields: [String: String],
        csrf: String? = nil
    ) async throws -> TestResponse {
        var headers = browser.header
        headers[.contentType] = "application/x-www-form-urlencoded"
        var fields = fields
        fields["_csrf"] = csrf ?? browser.csrf
        return try await client.execute(uri: uri, method: .post, headers: headers, body: form(fields))
    }

    /// A multipart form with one file, as a phone's camera input sends it.
    static func multipart(_ fields: [String: String], file: (name: String, fileName: String, bytes: [UInt8])) -> (HTTPFields, ByteBuffer) {
        let boundary = "----dualprev\(UUID().uuidString)"
        var body = ByteBuffer()
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        body.writeString(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.fileName)\"\r\nContent-Type: image/png\r\n\r\n"
        )
        body.writeBytes(file.bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        return ([.contentType: "multipart/form-data; boundary=\(boundary)"], body)
    }

    @Test func anonymousPagesGoToTheLoginFormAndOnlyToLocalPaths() async throws {
        let world = try await ServerTests.world()
        let app = try buildApplication(repository: world.repository, configuration: .init())
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/hazards?state=reported", method: .get)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/login?next=%2Fhazards%3Fstate%3Dreported")
            #expect(Pages.localPath("//evil.example/x") == nil)
            #expect(Pages.localPath("https://evil.example") == nil)
            #expect(Pages.localPath("/\\evil.example") == nil)
            #expect(Pages.localPath("/\t/evil.example") == nil, "a browser drops the tab and follows //evil.example")
            #expect(Pages.localPath("/\n/evil.example") == nil)
            let lang = try await client.execute(uri: "/lang/en?back=/%09/evil.example", method: .get)
            #expect(lang.headers[.location] == "/")
            #expect(Pages.localPath("/hazards/3") == "/hazards/3")
            let page = try await client.execute(uri: "/login", method: .get)
            #expect(page.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            let css = try await client.execute(uri: "/static/app.css", method: .get)
            #expect(
                css.status == .ok && css.headers[.contentType]?.hasPrefix("text/css") == true && String(buffer: css.body).contains("@media print")
            )
            #expect(try await client.execute(uri: "/static/../Package.swift", method: .get).status == .notFound)
        }
    }

    @Test func everyFormNeedsItsCSRFToken() async throws {
        let world = try await ServerTests.world()
        let app = try buildApplication(repository: world.repository, configuration: .init())
        try await app.test(.router) { client in
            // The login form itself: without the token, or with another browser's, the password is never looked at.
            let bare = try await client.execute(
                uri: "/login",
                method: .post,
                headers: Self.urlEncoded,
                body: Self.form(["login": world.a.name, "password": ServerTests.World.password])
            )
            #expect(bare.status == .forbidden)
            #expect(String(buffer: bare.body).contains("CSRF"))
            let browser = try await Self.login(client, world.a.name)
            let forms: [(String, [String: String])] = [
                ("/hazards/new", ["workshopID": String(world.workshopA.id), "source": "report", "grade": "general", "description": "伪造"]),
                ("/hazards/\(world.hazardA.id)/cancel", ["reason": "伪造"]),
                ("/checks/1", [:]),
                ("/lists/1/review", ["decision": "approve"]),
                ("/lists/publish", ["quarter": "2026Q3"]),
                ("/logout", [:]),
            ]
            for (uri, fields) in forms {
                for token in ["", String(repeating: "0", count: 64)] {
                    let response = try await Self.post(client, uri, browser, fields, csrf: token)
                    #expect(response.status == .forbidden, "\(uri) with the token \(token.isEmpty ? "missing" : "wrong")")
                    #expect(String(buffer: response.body).contains("CSRF"))
                }
            }
            let hazards = try await world.repository.hazards(HazardFilter(), visibleTo: .system)
            #expect(hazards.count == 2 && hazards.allSatisfy { $0.state == .reported }, "no forged form changed anything")
        }
    }

    @Test func aHazardGoesRoundTheLoopByFormsWithPhotos() async throws {
        let world = try await ServerTests.world()
        let app = try buildApplication(repository: world.repository, configuration: .init())
        try await app.test(.router) { client in
            let director = try await Self.login(client, world.a.name)
            let head = try await Self.login(client, world.headA.name)
            let photo: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("a photo of the guard rail".utf8)
            // Reported by the workshop head, with a photo from the camera input.
            var (headers, body) = Self.multipart(
                [
                    "_csrf": head.csrf, "workshopID": String(world.workshopA.id), "source": "report", "grade": "general",
                    "description": "护栏螺栓松动", "location": "一号线",
                ],
                file: ("photo", "IMG_0001.png", photo)
            )
            headers[.cookie] = head.header[.cookie]
            let reported = try await client.execute(uri: "/hazards/new", method: .post, headers: headers, body: body)
            #expect(reported.status == .seeOther)
            let location = try #require(reported.headers[.location])
            let id = try #require(Int64(location.dropFirst("/hazards/".count)))
            let hazard = try await world.repository.hazard(String(id), visibleTo: .system)
            #expect(hazard.description == "护栏螺栓松动")
            let evidence = try await world.repository.evidence(of: id, visibleTo: .system)
            #expect(evidence.map(\.label) == ["before"])
            #expect(evidence.first?.fileName == "IMG_0001.png")

            // The page shows the photo and, to the director, the notice form; the photo is served to those who see the hazard.
            let (status, page) = try await Self.get(client, location, director)
            #expect(status == .ok)
            #expect(page.contains("/hazards/\(id)/evidence/\(evidence[0].sha256)"))
            #expect(page.contains("action=\"/hazards/\(id)/notice\""))
            #expect(!page.contains("action=\"/hazards/\(id)/accept\""), "nothing to accept yet")
            let image = try await client.execute(uri: "/hazards/\(id)/evidence/\(evidence[0].sha256)", method: .get, headers: director.header)
            #expect(image.status == .ok)
            #expect(Array(image.body.readableBytesView) == photo)
            #expect(image.headers[.contentType] == "image/png")

            // Notice to the workshop head, who acknowledges, starts and submits with an "after" photo.
            let deadline = try LocalTime().day(Date().addingTimeInterval(7 * 86_400))
            var done = try await Self.post(
                client,
                "/hazards/\(id)/notice",
                director,
                ["receiverID": String(world.headA.id), "measures": "紧固螺栓", "deadline": deadline, "nature": "护栏失效"]
            )
            #expect(done.status == .seeOther, "\(String(buffer: done.body))")
            for action in ["acknowledge", "start"] {
                done = try await Self.post(client, "/hazards/\(id)/\(action)", head, [:])
                #expect(done.status == .seeOther, "\(action): \(String(buffer: done.body))")
            }
            (headers, body) = Self.multipart(["_csrf": head.csrf, "measuresTaken": "螺栓已紧固并加防松垫圈"], file: ("photo", "after.png", photo + [1]))
            headers[.cookie] = head.header[.cookie]
            done = try await client.execute(uri: "/hazards/\(id)/submit", method: .post, headers: headers, body: body)
            #expect(done.status == .seeOther, "\(String(buffer: done.body))")
            #expect(try await world.repository.evidence(of: id, visibleTo: .system).map(\.label).sorted() == ["after", "before"])

            // The rectifier may not accept: refused by the rule, shown as a page naming it.
            let own = try await Self.post(client, "/hazards/\(id)/accept", head, ["criteria": "牢固"])
            #expect(own.status == .forbidden)
            #expect(String(buffer: own.body).contains("<html"))
            done = try await Self.post(client, "/hazards/\(id)/accept", director, ["criteria": "螺栓牢固", "opinion": "同意"])
            #expect(done.status == .seeOther, "\(String(buffer: done.body))")
            #expect(try await world.repository.hazard(String(id), visibleTo: .system).state == .closed)

            // The printed forms carry every field of the paper ones.
            let (_, notice) = try await Self.get(client, "/hazards/\(id)/print/notice", director)
            for field in [
                "受检单位", "隐患编号", "隐患等级", "发现时间", "发现人", "隐患部位", "隐患描述", "隐患性质及可能后果", "整改要求",
                "整改期限", "责任单位", "整改责任人", "签发人", "接收人签字", "护栏螺栓松动", "紧固螺栓", world.headA.name,
            ] {
                #expect(notice.contains(field), "the notice carries \(field)")
            }
            #expect(notice.contains("/static/print.css"))
            let (_, acceptance) = try await Self.get(client, "/hazards/\(id)/print/acceptance", director)
            for field in ["整改措施", "验收标准", "验收结果", "验收意见", "验收人签字", "螺栓已紧固并加防松垫圈", "☑ 通过", world.a.name] {
                #expect(acceptance.contains(field), "the acceptance form carries \(field)")
            }
            let text = try await client.execute(uri: "/api/v1/hazards/\(id)/print/notice", method: .get, headers: director.header)
            #expect(text.status == .ok && String(buffer: text.body).contains("隐患整改通知单") && String(buffer: text.body).contains("紧固螺栓"))
            let form = try await client.execute(uri: "/api/v1/hazards/\(id)/print/acceptance", method: .get, headers: director.header)
            #expect(form.status == .ok && String(buffer: form.body).contains("质量隐患治理验收表"))
            #expect(
                try await client.execute(uri: "/api/v1/hazards/\(world.hazardA.id)/print/notice", method: .get, headers: director.header).status
                    == .notFound,
                "no notice issued for that one yet"
            )
            #expect(try await world.repository.verifyAudit(expectedHead: nil).isIntact)
        }
    }

    /// The text a person sees: tags, scripts and closed `<details>` (where rule codes may sit) left out.
    static func visibleText(_ html: String) -> String {
        var text = html
        for pattern in ["<details class=\"code\">[\\s\\S]*?</details>", "<script[\\s\\S]*?</script>", "<style[\\s\\S]*?</style>", "<[^>]+>"] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        return text
    }

    @Test func theRejectedRectifierSeesTheReasonsFirstAndARefusedFormKeepsWhatWasTyped() async throws {
        let world = try await ServerTests.world()
        let app = try buildApplication(repository: world.repository, configuration: .init())
        try await app.test(.router) { client in
            let director = try await Self.login(client, world.a.name)
            let head = try await Self.login(client, world.headA.name)
            let id = world.hazardA.id
            let deadline = try LocalTime().day(Date().addingTimeInterval(7 * 86_400))
            var done = try await Self.post(
                client,
                "/hazards/\(id)/notice",
                director,
                ["receiverID": String(world.headA.id), "measures": "更换温控器", "deadline": deadline]
            )
            #expect(done.status == .seeOther, "\(String(buffer: done.body))")
            for action in ["acknowledge", "start"] {
                done = try await Self.post(client, "/hazards/\(id)/\(action)", head, [:])
                #expect(done.status == .seeOther, "\(action): \(String(buffer: done.body))")
            }
            done = try await Self.post(client, "/hazards/\(id)/submit", head, ["measuresTaken": "已更换温控器并复测"])
            #expect(done.status == .seeOther, "\(String(buffer: done.body))")

            // The acceptor sees the measures taken on the page itself, without printing the form.
            var (_, page) = try await Self.get(client, "/hazards/\(id)", director)
            #expect(page.contains("已更换温控器并复测"))
            done = try await Self.post(client, "/hazards/\(id)/reject", director, ["criteria": "温差≤2℃", "reason": "复测仍偏差8℃"])
            #expect(done.status == .seeOther, "\(String(buffer: done.body))")

            // The rectifier: the reasons above the actions, and a timeline in words.
            (_, page) = try await Self.get(client, "/hazards/\(id)", head)
            let reasons = try #require(page.range(of: "复测仍偏差8℃"))
            let actions = try #require(page.range(of: "<h2>您可以执行的操作</h2>"))
            #expect(reasons.lowerBound < actions.lowerBound, "the reasons come before the actions")
            let seen = Self.visibleText(page)
            #expect(seen.contains("验收不通过：复测仍偏差8℃"), "the timeline says it in words")
            #expect(seen.contains("下达整改通知单"))
            for code in ["hazard.", "acceptFail", "→ rectifying", "rectifying →"] { #expect(!seen.contains(code), "no event code \(code)") }

            // A refused form comes back with what was typed, the reason in words beside it, and no code in sight.
            let typed = "备件需从厂家调货，预计两周"
            let refused = try await Self.post(client, "/hazards/\(id)/extend", head, ["reason": typed, "until": "2020-01-01"])
            #expect(refused.status == .unprocessableContent)
            let form = String(buffer: refused.body)
            #expect(form.contains(">\(typed)</textarea>"), "the reason typed is kept")
            #expect(form.contains("value=\"2020-01-01\""), "the date typed is kept")
            #expect(form.contains("<details class=\"action\" open>"), "the refused form is open")
            let shown = Self.visibleText(form)
            #expect(shown.contains("延期后的期限必须晚于原期限") || shown.contains("整改期限必须晚于当前时间"), "\(shown)")
            for code in ["EXTENSION-LATER", "DEADLINE-FUTURE", "dualprev", "--"] { #expect(!shown.contains(code), "no \(code) in sight") }
            #expect(try await world.repository.hazard(String(id), visibleTo: .system).extensionRequest == nil, "nothing was changed")
        }
    }

    @Test func aRefusedReportComesBackWithWhatWasTypedAndTheRiskPointMustBeOfTheWorkshop() async throws {
        let world = try await ServerTests.world()
        let director = world.a.actor
        let enterpriseID = try #require(world.a.enterpriseID)
        let other = try await world.repository.addWorkshop(enterpriseID: enterpriseID, name: "包装车间", by: director, at: Date())
        let point = try await world.repository.addRiskPoint(
            RiskPoint(
                id: 0,
                enterpriseID: enterpriseID,
                workshopID: world.workshopA.id,
                dimension: "process",
                controlStage: "注塑",
                name: "注塑温度",
                hazardDescription: "料温过高",
                measures: "每班点检温控仪",
                target: "±5℃",
                frequency: .perShift,
                ownerID: world.headA.id
            ),
            grading: .lec(l: 3, e: 6, c: 15),
            by: director,
            at: Date()
        )
        let app = try buildApplication(repository: world.repository, configuration: .init())
        try await app.test(.router) { client in
            let browser = try await Self.login(client, world.a.name)
            let before = try await world.repository.hazards(HazardFilter(), visibleTo: .system).count
            let refused = try await Self.post(
                client,
                "/hazards/new",
                browser,
                [
                    "workshopID": String(other.id), "riskPointID": String(point.id), "source": "report", "grade": "general",
                    "description": "封口处有漏液痕迹", "location": "包装线 2 号位",
                ]
            )
            #expect(refused.status == .unprocessableContent)
            let page = String(buffer: refused.body)
            #expect(page.contains(">封口处有漏液痕迹</textarea>") && page.contains("value=\"包装线 2 号位\""), "what was typed is kept")
            #expect(Self.visibleText(page).contains("不属于所选车间"), "the reason in words")
            #expect(!Self.visibleText(page).contains("HAZARD-RISK-POINT-WORKSHOP"))
            #expect(try await world.repository.hazards(HazardFilter(), visibleTo: .system).count == before, "nothing was reported")
        }
    }

    /// Every other form of the walk answers a refusal the same way: the form again, what was typed kept, the reason in
    /// words, the code only in a details element, and nothing written.
    @Test func refusedPlansWarningsAnswersAndInspectionsComeBackAsTyped() async throws {
        let world = try await ServerTests.world()
        let app = try buildApplication(repository: world.repository, configuration: .init())
        @Sendable func refusal(_ response: TestResponse, _ code: String, keeps typed: [String]) -> Bool {
            let page = String(buffer: response.body)
            let visible = Self.visibleText(page)
            return [.unprocessableContent, .forbidden].contains(response.status) && page.contains("role=\"alert\"")
                && page.contains("<code>\(code)</code>") && !visible.contains(code) && typed.allSatisfy { page.contains($0) }
        }
        try await app.test(.router) { client in
            let director = try await Self.login(client, world.a.name)
            var response = try await Self.post(
                client,
                "/check-plans",
                director,
                ["kind": "weekly", "responsibleID": String(world.a.id), "startsOn": "2026-13-45"]
            )
            #expect(
                refusal(
                    response,
                    "INPUT-DATE",
                    keeps: ["<option value=\"weekly\" selected>", "value=\"2026-13-45\"", "<details class=\"action\" open"]
                )
            )
            #expect(Self.visibleText(String(buffer: response.body)).contains("开始日期“2026-13-45”不是有效日期"), "the field by its label")
            #expect(try await world.repository.checkPlans(enterpriseID: nil, visibleTo: .system).isEmpty)

            let regulator = try await Self.login(client, world.regulatorA.name)
            let warning = [
                "kind": "investigation", "title": "食品接触材料专项排查", "text": "排查迁移试验记录", "category": "食品相关产品",
                "items": "F1=迁移试验报告", "deadline": "2020-01-01",
            ]
            response = try await Self.post(client, "/warnings", regulator, warning)
            #expect(
                refusal(
                    response,
                    "DEADLINE-FUTURE",
                    keeps: ["value=\"食品接触材料专项排查\"", ">排查迁移试验记录</textarea>", "F1=迁移试验报告</textarea>", "value=\"investigation\" selected"]
                )
            )
            #expect(try await world.repository.warnings(visibleTo: .system).isEmpty)

            response = try await Self.post(
                client,
                "/inspections",
                regulator,
                ["kind": "random", "enterprise": "甲厂", "date": "2026-11-20", "summary": "抽查注塑件", "items": "S1=外观\nS1=尺寸=超差"]
            )
            #expect(refusal(response, "INSPECTION-ITEM-REFS", keeps: ["value=\"抽查注塑件\"", "S1=尺寸=超差</textarea>", "value=\"甲厂\""]))
            #expect(try await world.repository.inspections(enterpriseID: nil, visibleTo: .system).isEmpty)

            // A warning issued and acknowledged; its answer with a failed item but no workshop is refused as sent.
            var issued = warning
            issued["deadline"] = try LocalTime().day(Date().addingTimeInterval(10 * 86_400))
            response = try await Self.post(client, "/warnings", regulator, issued)
            #expect(response.status == .seeOther)
            let id = try #require(try await world.repository.warnings(visibleTo: .system).first?.id)
            response = try await Self.post(client, "/warnings/\(id)/acknowledge", director, [:])
            #expect(response.status == .seeOther)
            response = try await Self.post(client, "/warnings/\(id)/answer", director, ["item.F1": "fail", "note.F1": "缺少迁移试验报告"])
            #expect(refusal(response, "WARNING-WORKSHOP", keeps: ["value=\"fail\" checked", "value=\"缺少迁移试验报告\""]))
        }
    }

    @Test func eachPersonsHomeShowsWhatWaitsForThemWithTheCountInTheHeader() async throws {
        let world = try await ServerTests.world()
        let app = try buildApplication(repository: world.repository, configuration: .init())
        try await app.test(.router) { client in
            let director = try await Self.login(client, world.a.name)
            let head = try await Self.login(client, world.headA.name)
            // The reported hazard waits for the director's notice: on her home, and counted in every page's header.
            var (_, home) = try await Self.get(client, "/", director)
            #expect(home.contains("待我处理") && home.contains("下达整改通知单") && home.contains("甲厂防护栏缺失"))
            let (_, list) = try await Self.get(client, "/hazards", director)
            #expect(list.contains("aria-label=\"waiting\">1<"), "the count in the header")
            // The workshop head of that workshop may issue the notice too.
            (_, home) = try await Self.get(client, "/", head)
            #expect(home.contains("下达整改通知单") && home.contains("aria-label=\"waiting\">1<"))

            // Once the notice names the head, it is his to acknowledge and rectify, and no longer the director's.
            let deadline = try LocalTime().day(Date().addingTimeInterval(2 * 86_400))
            let done = try await Self.post(
                client,
                "/hazards/\(world.hazardA.id)/notice",
                director,
                ["receiverID": String(world.headA.id), "measures": "补装护栏", "deadline": deadline]
            )
            #expect(done.status == .seeOther)
            (_, home) = try await Self.get(client, "/", head)
            #expect(home.contains("签收整改通知单") && home.contains("aria-label=\"waiting\">1<"))
            let owned = try #require(home.range(of: "我负责整改"))
            #expect(home[owned.upperBound...].contains("甲厂防护栏缺失"))
            (_, home) = try await Self.get(client, "/", director)
            #expect(!home.contains("aria-label=\"waiting\""))
        }
    }

    @Test func aRegulatorFindsTheListedHazardsOfOneDistrictAndExportsThem() async throws {
        let world = try await ServerTests.world()
        let repository = world.repository
        let regions = try await repository.jurisdictions()
        let city = try #require(regions.first { $0.name == "台州市" })
        let jiaojiang = try #require(regions.first { $0.name == "椒江区" })
        let huangyan = try #require(regions.first { $0.name == "黄岩区" })
        let everyone = try await repository.people(enterpriseID: nil, visibleTo: .system)
        let admin = try #require(everyone.first { $0.role == .admin }).actor
        let now = Date()
        let cityRegulator = try await repository.addPerson(
            Person(id: 0, name: "台州市局", role: .regulator, jurisdictionID: city.id),
            by: admin,
            at: now
        )
        _ = try await repository.setPassword(
            personID: cityRegulator.id,
            passwordHash: Bcrypt.hash(ServerTests.World.password, cost: 4),
            by: admin,
            at: now
        )
        let people = try await repository.people(enterpriseID: nil, visibleTo: .system)
        let b = try #require(people.first { $0.id == world.b.id })
        let enterpriseB = try #require(b.enterpriseID)
        let workshopB = try #require(try await repository.workshops(enterpriseID: enterpriseB, visibleTo: .system).first)
        // Two listed majors in 椒江, one in 黄岩, and an unlisted major in 椒江.
        var listed: [Hazard] = []
        for (by, workshop, text, list) in [
            (world.a, world.workshopA.id, "甲厂重大一", true), (world.a, world.workshopA.id, "甲厂重大二", true),
            (b, workshopB.id, "乙厂重大", true), (world.a, world.workshopA.id, "甲厂未挂牌", false),
        ] {
            let hazard = try await repository.reportHazard(
                HazardReport(workshopID: workshop, source: .report, grade: .major, description: text),
                by: by.actor,
                at: now
            )
            if list {
                _ = try await repository.perform(.event(.list(order: "督办〔2026〕1号")), on: String(hazard.id), by: cityRegulator.actor, at: now)
                listed.append(hazard)
            }
        }
        let app = try buildApplication(repository: repository, configuration: .init())
        try await app.test(.router) { [listed] client in
            let regulator = try await Self.login(client, cityRegulator.name)
            // One interaction: the district's "listed" link on the overview.
            let (_, overview) = try await Self.get(client, "/", regulator)
            #expect(overview.contains("/hazards?district=\(jiaojiang.id)&amp;listed=1"))
            #expect(!overview.contains("其余企业"), "no row for zero more enterprises")
            let (status, page) = try await Self.get(client, "/hazards?district=\(jiaojiang.id)&listed=1", regulator)
            #expect(status == .ok)
            #expect(listed.count == 3)
            for hazard in listed { #expect(page.contains(hazard.description) == (hazard.description != "乙厂重大"), "\(hazard.description)") }
            #expect(!page.contains("甲厂未挂牌") && !page.contains("甲厂防护栏缺失"))
            // The second: the export button, the same filters.
            #expect(page.contains("href=\"/hazards/export.csv?"))
            let response = try await client.execute(
                uri: "/hazards/export.csv?district=\(jiaojiang.id)&listed=1",
                method: .get,
                headers: regulator.header
            )
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/csv") == true)
            let rows = String(buffer: response.body).split(separator: "\r\n")
            #expect(rows.count == 3, "the header and the two listed hazards of 椒江")
            #expect(rows.dropFirst().allSatisfy { $0.contains("甲厂重大") })

            // Search over number, description and location; a district outside the regulator's own is not found.
            let (_, found) = try await Self.get(client, "/hazards?q=%E9%98%B2%E6%8A%A4%E6%A0%8F", regulator)
            #expect(found.contains("甲厂防护栏缺失") && !found.contains("甲厂重大一"))
            // A page far past the end is an empty page, not an overflow.
            let (deep, _) = try await Self.get(client, "/hazards?offset=9223372036854775807", regulator)
            #expect(deep == .ok)
            let district = try await Self.login(client, world.regulatorA.name)
            let (foreign, _) = try await Self.get(client, "/hazards?district=\(huangyan.id)", district)
            #expect(foreign == .notFound)
            let (own, mine) = try await Self.get(client, "/hazards?district=\(jiaojiang.id)&listed=1", district)
            #expect(own == .ok && mine.contains("甲厂重大一"))
        }
    }

    /// The register is read a page at a time: the count is the whole register's, the links keep the filters, and a
    /// regulator sees each point's enterprise and may name only an enterprise in sight.
    @Test func theRiskRegisterIsPagedWithItsFiltersKept() async throws {
        let world = try await ServerTests.world()
        let director = world.a.actor
        let enterpriseID = try #require(world.a.enterpriseID)
        for index in 1...(EnterprisePages.riskPageSize + 5) {
            _ = try await world.repository.addRiskPoint(
                RiskPoint(
                    id: 0,
                    enterpriseID: enterpriseID,
                    workshopID: world.workshopA.id,
                    dimension: "process",
                    controlStage: "注塑",
                    name: String(format: "温控点%03d", index),
                    hazardDescription: "料温过高",
                    measures: "每班点检温控仪",
                    target: "±5℃",
                    frequency: .perShift,
                    ownerID: world.headA.id
                ),
                grading: index.isMultiple(of: 2) ? .lec(l: 6, e: 6, c: 15) : .lec(l: 1, e: 1, c: 1),
                by: director,
                at: Date()
            )
        }
        let red = try await world.repository.riskPointPage(
            RiskFilter(enterpriseID: enterpriseID, colour: .red),
            page: PageRequest(limit: 0),
            visibleTo: .system
        ).total
        let app = try buildApplication(repository: world.repository, configuration: .init())
        try await app.test(.router) { client in
            let regulator = try await Self.login(client, world.regulatorA.name)
            let (_, first) = try await Self.get(client, "/risks", regulator)
            #expect(first.contains("55 条 · 1–50"))
            #expect(first.contains("温控点050") && !first.contains("温控点051"))
            #expect(first.contains("<td data-label=\"企业\">甲厂</td>"), "a regulator sees each point's enterprise")
            #expect(first.contains("href=\"/risks?offset=50\""))
            let enterprise = "%E7%94%B2%E5%8E%82"
            let (_, last) = try await Self.get(client, "/risks?enterprise=\(enterprise)&offset=50", regulator)
            #expect(last.contains("温控点051") && last.contains("温控点055") && !last.contains("温控点050"))
            #expect(last.contains("href=\"/risks?enterprise=\(enterprise)&amp;offset=0\""), "the way back keeps the enterprise")
            let (_, reds) = try await Self.get(client, "/risks?colour=red", regulator)
            #expect(red > 0 && reds.contains("\(red) 条"))
            // Another district's enterprise is not found, as one that does not exist.
            let (foreign, _) = try await Self.get(client, "/risks?enterprise=%E4%B9%99%E5%8E%82", regulator)
            #expect(foreign == .notFound)
            // The export button gives the whole register the page shows, every page of it, as the CLI writes it.
            #expect(first.contains("href=\"/risks/export.csv\""))
            let export = try await client.execute(uri: "/risks/export.csv?enterprise=\(enterprise)", method: .get, headers: regulator.header)
            #expect(export.status == .ok && export.headers[.contentType]?.hasPrefix("text/csv") == true)
            let lines = String(buffer: export.body).split(separator: "\r\n")
            #expect(lines.count == 56 && lines.dropFirst().allSatisfy { $0.contains("温控点") }, "the header and 55 points")
            let foreignExport = try await client.execute(
                uri: "/risks/export.csv?enterprise=%E4%B9%99%E5%8E%82",
                method: .get,
                headers: regulator.header
            )
            #expect(foreignExport.status == .notFound)
            // The enterprise's own people see their register without an enterprise column.
            let own = try await Self.login(client, world.a.name)
            let (_, mine) = try await Self.get(client, "/risks", own)
            #expect(mine.contains("55 条") && !mine.contains("<td data-label=\"企业\">"))
        }
    }

    @Test func aPlanIsMadeAndACheckIsRecordedByFormsWithAPhotoOfTheFailedItemThenConfirmedAndPrinted() async throws {
        let world = try await ServerTests.world()
        let director = world.a.actor
        let at = Date().addingTimeInterval(-3_600)
        _ = try await world.repository.addRiskPoint(
            RiskPoint(
                id: 0,
                enterpriseID: world.a.enterpriseID ?? 0,
                workshopID: world.workshopA.id,
                dimension: "process",
                controlStage: "注塑",
                name: "注塑温度",
                hazardDescription: "料温过高",
                measures: "每班点检温控仪",
                target: "±5℃",
                frequency: .perShift,
                ownerID: world.headA.id
            ),
            grading: .lec(l: 3, e: 6, c: 15),
            by: director,
            at: at
        )
        let app = try buildApplication(repository: world.repository, configuration: .init())
        try await app.test(.router) { client in
            let browser = try await Self.login(client, world.a.name)
            // No plan yet: the checks page says so and offers the form.
            var (status, page) = try await Self.get(client, "/checks", browser)
            #expect(status == .ok && page.contains("还没有检查计划") && page.contains("action=\"/check-plans\""))
            let today = try LocalTime().day(at)
            let made = try await Self.post(
                client,
                "/check-plans",
                browser,
                ["kind": "daily", "responsibleID": String(world.a.id), "startsOn": today]
            )
            #expect(made.status == .seeOther, "\(String(buffer: made.body))")
            let plan = try #require(try await world.repository.checkPlans(enterpriseID: world.a.enterpriseID, visibleTo: .system).first)
            #expect(plan.kind == .daily && plan.responsibleID == world.a.id)
            let item = try #require(try await world.repository.checkItems(planID: plan.id, visibleTo: .system).first)

            (status, page) = try await Self.get(client, "/checks/\(plan.id)", browser)
            #expect(status == .ok)
            #expect(page.contains("name=\"fail:\(item.ref)\"") && page.contains(item.item))
            #expect(page.contains("name=\"photo:\(item.ref)\"") && page.contains("capture=\"environment\""), "a photo per item")
            let photo: [UInt8] = [0x89, 0x50, 0x4E, 0x47] + Array("the gauge reads 8 degrees high".utf8)
            // A photo of an item not ticked as failing is refused, and the form comes back as it was sent.
            var (headers, body) = Self.multipart(
                ["_csrf": browser.csrf, "note:\(item.ref)": "读数待复核"],
                file: ("photo:\(item.ref)", "gauge.png", photo)
            )
            headers[.cookie] = browser.header[.cookie]
            let refused = try await client.execute(uri: "/checks/\(plan.id)", method: .post, headers: headers, body: body)
            #expect(refused.status == .unprocessableContent)
            let again = String(buffer: refused.body)
            #expect(again.contains("value=\"读数待复核\""), "the note typed is kept")
            #expect(Self.visibleText(again).contains("照片只附在不合格项上") && !Self.visibleText(again).contains("CHECK-PHOTO"))
            #expect(try await world.repository.checkRuns(enterpriseID: nil, visibleTo: .system).isEmpty, "nothing was recorded")
            (headers, body) = Self.multipart(
                ["_csrf": browser.csrf, "fail:\(item.ref)": "1", "note:\(item.ref)": "温控仪读数偏高 8℃"],
                file: ("photo:\(item.ref)", "gauge.png", photo)
            )
            headers[.cookie] = browser.header[.cookie]
            let done = try await client.execute(uri: "/checks/\(plan.id)", method: .post, headers: headers, body: body)
            #expect(done.status == .seeOther, "\(String(buffer: done.body))")
            let runs = try await world.repository.checkRuns(enterpriseID: nil, visibleTo: .system)
            let run = try #require(runs.first)
            #expect(runs.count == 1 && run.performedBy == world.a.id)
            #expect(done.headers[.location] == "/checks/runs/\(run.id)?recorded=1")
            let hazardID = try #require(run.failures.first?.hazardID)
            let hazard = try await world.repository.hazard(String(hazardID), visibleTo: .system)
            #expect(hazard.description.contains("温控仪读数偏高 8℃") && hazard.source == .dailyCheck)
            let evidence = try await world.repository.evidence(of: hazardID, visibleTo: .system)
            #expect(evidence.map(\.fileName) == ["gauge.png"], "the failed item's photo is its hazard's evidence")

            // The confirmation: a summary, the failure, its hazard and photo; the same record opens again and prints.
            (status, page) = try await Self.get(client, "/checks/runs/\(run.id)?recorded=1", browser)
            #expect(status == .ok && page.contains("检查已记录") && page.contains("1 项不合格"))
            #expect(page.contains("/hazards/\(hazardID)\"") && page.contains(hazard.number))
            #expect(page.contains("/hazards/\(hazardID)/evidence/\(evidence[0].sha256)"))
            (_, page) = try await Self.get(client, "/checks", browser)
            #expect(page.contains("/checks/runs/\(run.id)"), "past records are listed with a link")
            (status, page) = try await Self.get(client, "/checks/runs/\(run.id)/print", browser)
            #expect(status == .ok && page.contains("/static/print.css") && page.contains("检查人签字") && page.contains("温控仪读数偏高 8℃"))
            let other = try await Self.login(client, world.b.name)
            #expect(try await Self.get(client, "/checks/runs/\(run.id)", other).0 == .notFound, "another enterprise's record")
            let printed = try await client.execute(uri: "/api/v1/check-runs/\(run.id)/print", method: .get, headers: browser.header)
            #expect(printed.status == .ok && printed.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(String(buffer: printed.body).contains("每日质量安全检查记录") && String(buffer: printed.body).contains("温控仪读数偏高 8℃"))
        }
    }

    @Test func noPageShowsAnythingOfAnotherTenant() async throws {
        let world = try await ServerTests.world()
        let app = try buildApplication(repository: world.repository, configuration: .init())
        try await app.test(.router) { client in
            let b = try await Self.login(client, world.b.name)
            for uri in ["/", "/risks", "/checks", "/hazards", "/hazards/new", "/credit", "/lists", "/benchmark"] {
                let (status, page) = try await Self.get(client, uri, b)
                #expect(status == .ok, "\(uri)")
                #expect(!page.contains("甲厂"), "\(uri) shows nothing of the other enterprise")
            }
            for uri in [
                "/hazards/\(world.hazardA.id)", "/hazards/\(world.hazardA.id)/print/notice", "/enterprises/\(world.a.enterpriseID ?? 0)",
                "/credit/\(world.a.enterpriseID ?? 0)", "/risks?enterprise=\(world.a.enterpriseID ?? 0)",
                "/hazards?enterprise=\(world.a.enterpriseID ?? 0)",
            ] {
                let (status, page) = try await Self.get(client, uri, b)
                #expect(status == .notFound, "\(uri) by a guessed id")
                #expect(!page.contains("甲厂防护栏缺失"))
            }
            let acted = try await Self.post(client, "/hazards/\(world.hazardA.id)/cancel", b, ["reason": "不是我的"])
            #expect(acted.status == .notFound)
            #expect(try await world.repository.hazard(String(world.hazardA.id), visibleTo: .system).state == .reported)

            // The district regulator: its own district's enterprise and hazards, never the other district's.
            let regulator = try await Self.login(client, world.regulatorA.name)
            let (status, overview) = try await Self.get(client, "/", regulator)
            #expect(status == .ok)
            #expect(overview.contains("甲厂") && !overview.contains("乙厂"))
            // Asking the overview for a region out of reach shows the regulator's own tree, nothing of the other.
            let otherDistrict = try await world.repository.enterprise(String(world.b.enterpriseID ?? 0), visibleTo: .system).jurisdictionID
            let (focusStatus, focused) = try await Self.get(client, "/?node=\(otherDistrict)", regulator)
            #expect(focusStatus == .ok)
            #expect(focused.contains("甲厂") && !focused.contains("乙厂") && !focused.contains("黄岩区"))
            #expect(try await Self.get(client, "/enterprises/\(world.a.enterpriseID ?? 0)", regulator).0 == .ok)
            #expect(try await Self.get(client, "/enterprises/\(world.b.enterpriseID ?? 0)", regulator).0 == .notFound)
            let (_, hazards) = try await Self.get(client, "/hazards", regulator)
            #expect(hazards.contains("甲厂防护栏缺失") && !hazards.contains("乙厂标签错误"))
        }
    }

    @Test func theEnglishSwitchKeepsThePage() async throws {
        let world = try await ServerTests.world()
        let app = try buildApplication(repository: world.repository, configuration: .init())
        try await app.test(.router) { client in
            var browser = try await Self.login(client, world.a.name)
            let (_, chinese) = try await Self.get(client, "/hazards", browser)
            #expect(chinese.contains("<html lang=\"zh\">") && chinese.contains("隐患排查治理"))
            let switched = try await client.execute(uri: "/lang/en?back=/hazards", method: .get, headers: browser.header)
            #expect(switched.status == .seeOther)
            #expect(switched.headers[.location] == "/hazards")
            browser.keep(switched)
            let (_, english) = try await Self.get(client, "/hazards", browser)
            #expect(english.contains("<html lang=\"en\">") && english.contains("Report a hazard"))
            let away = try await client.execute(uri: "/lang/en?back=//evil.example", method: .get, headers: browser.header)
            #expect(away.headers[.location] == "/")
        }
    }

    @Test func everyWordingATemplateUsesIsTranslated() throws {
        let sources = try PageAssets.templateSources()
        #expect(sources.count >= 15)
        let pattern = try Regex(#"chrome\.t\.([A-Za-z]+)"#)
        var used: Set<String> = []
        for (_, text) in sources {
            for match in text.matches(of: pattern) { used.insert(String(text[match.range].dropFirst("chrome.t.".count))) }
        }
        #expect(!used.isEmpty)
        #expect(used.subtracting(PageText.table.keys).sorted() == [], "used in templates but not translated")
        for (key, text) in PageText.table {
            #expect(!text.zh.isEmpty && !text.en.isEmpty, "\(key) has both wordings")
        }
    }

    @Test func regionsSortUnderTheirParents() {
        // Ids in creation order: the town (7) of the first district came after the third district (6).
        let all = [
            Jurisdiction(id: 1, name: "省", level: .province, parentID: nil), Jurisdiction(id: 2, name: "市", level: .city, parentID: 1),
            Jurisdiction(id: 4, name: "椒江", level: .district, parentID: 2), Jurisdiction(id: 5, name: "黄岩", level: .district, parentID: 2),
            Jurisdiction(id: 6, name: "路桥", level: .district, parentID: 2), Jurisdiction(id: 7, name: "洪家", level: .town, parentID: 4),
        ]
        let paths = RegulatorPages.rootPaths(all)
        #expect(paths[7] == [1, 2, 4, 7])
        let order = all.sorted { (paths[$0.id] ?? []).lexicographicallyPrecedes(paths[$1.id] ?? []) }.map(\.name)
        #expect(order == ["省", "市", "椒江", "洪家", "黄岩", "路桥"])
    }

    @Test func theFourColourChartDrawsEveryCountItIsGiven() {
        let svg = FourColourChart.svg(
            [.init(label: "注塑<车间>", counts: [.red: 2, .blue: 3]), .init(label: "包装", counts: [.yellow: 1])],
            language: .zh
        )
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>"))
        #expect(svg.contains("注塑&lt;车间&gt;"), "labels are escaped")
        #expect(svg.contains("注塑&lt;车间&gt; · 红色（重大风险）: 2"))
        #expect(svg.contains("注塑&lt;车间&gt; · 蓝色（低风险）: 3"))
        #expect(svg.contains("包装 · 黄色（一般风险）: 1"))
        #expect(!svg.contains("橙色（较大风险）: "), "no bar for a colour with no points")
    }
}

/// A form past what the server reads is 413 with the limit, on a page, not 500.
@Suite("Oversized forms")
struct OversizedFormTests {
    @Test func aFormPastTheLimitIs413() async throws {
        let world = try await ServerTests.world()
        let app = try buildApplication(repository: world.repository, configuration: .init())
        try await app.test(.router) { client in
            let head = try await PageTests.login(client, world.headA.name)
            let tooLong = String(repeating: "长", count: PageForm.maxFieldBytes / 3 + 10)
            let response = try await PageTests.post(
                client,
                "/hazards/new",
                head,
                ["workshopID": String(world.workshopA.id), "source": "report", "grade": "general", "description": tooLong]
            )
            #expect(response.status == .contentTooLarge)
            #expect(String(buffer: response.body).contains("256 KiB"))
            #expect(try await world.repository.hazards(HazardFilter(), visibleTo: .system).count == 2, "nothing was reported")
        }
    }
}
