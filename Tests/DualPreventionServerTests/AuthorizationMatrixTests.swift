import DualPrevention
import DualPreventionCatalog
import DualPreventionStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import DualPreventionServer

/// Every role × every endpoint, aimed at enterprise A (district 1): the exact set of people who may read or act,
/// and nothing of A in any answer to anyone outside A's reach. Each action runs on a fresh world, so that what one
/// person did never decides what the next may do.
@Suite("Authorization matrix")
struct AuthorizationMatrixTests {
    /// Enterprise A in district 1 with a person in every enterprise role; enterprise B in district 2 with its director;
    /// a regulator per district and one at city level; an assessor appointed to A and one appointed to nothing; the administrator.
    struct World {
        let repository: StoreRepository
        let people: [String: Person]
        let a: Enterprise
        let b: Enterprise
        let workshopA: Workshop
        let teamA: Team
        let hazardA: Hazard
        let majorA: Hazard
        let pointA: RiskPoint
        let planA: CheckPlan
        let recordA: QualityRecord
        let district1: Jurisdiction
        /// A district-1 investigation of A alone, and one A's director has acknowledged.
        let warningA: RiskWarning
        let acknowledgedA: RiskWarning
    }

    static let roles = [
        "principalA", "directorA", "officerA", "workshopHeadA", "teamLeaderA", "postWorkerA", "directorB",
        "regulator1", "regulator2", "cityRegulator", "assessorA", "assessorNone", "admin",
    ]
    /// Who is outside A's reach: nothing of A may reach them.
    static let outsiders: Set<String> = ["directorB", "regulator2", "assessorNone"]
    static let markers = ["甲厂", "91331002MA2B00001", "甲厂防护栏缺失", "甲厂温控", "甲厂重大隐患", "甲厂餐盒"]

    static func world() async throws -> World {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dualprev-matrix-\(UUID().uuidString)")
        let repository = StoreRepository(database: try AppDatabase.inMemory(), evidenceStore: EvidenceStore(root: directory))
        let at = Date().addingTimeInterval(-86_400)
        let admin = try await repository.bootstrap(adminName: "管理员", demo: false, at: at)
        let province = try await repository.addJurisdiction(name: "浙江省", level: .province, parentID: nil, by: admin.actor, at: at)
        let city = try await repository.addJurisdiction(name: "台州市", level: .city, parentID: province.id, by: admin.actor, at: at)
        let d1 = try await repository.addJurisdiction(name: "椒江区", level: .district, parentID: city.id, by: admin.actor, at: at)
        let d2 = try await repository.addJurisdiction(name: "黄岩区", level: .district, parentID: city.id, by: admin.actor, at: at)
        let a = try await repository.addEnterprise(
            Enterprise(
                id: 0,
                name: "甲厂",
                creditCode: try CreditCode.completing("91331002MA2B00001"),
                jurisdictionID: d1.id,
                productCategory: "食品相关产品"
            ),
            by: admin.actor,
            at: at
        )
        let b = try await repository.addEnterprise(
            Enterprise(
                id: 0,
                name: "乙厂",
                creditCode: try CreditCode.completing("91331003MA2B00002"),
                jurisdictionID: d2.id,
                productCategory: "食品相关产品"
            ),
            by: admin.actor,
            at: at
        )
        var people: [String: Person] = ["admin": admin]
        func add(_ key: String, _ role: Role, enterprise: Enterprise? = nil, workshop: Int64? = nil, jurisdiction: Jurisdiction? = nil) async throws {
            people[key] = try await repository.addPerson(
                Person(
                    id: 0,
                    name: key,
                    role: role,
                    enterpriseID: enterprise?.id,
                    workshopID: workshop,
                    jurisdictionID: jurisdiction?.id
                ),
                by: admin.actor,
                at: at
            )
        }
        try await add("principalA", .principal, enterprise: a)
        let workshopA = try await repository.addWorkshop(enterpriseID: a.id, name: "甲厂注塑车间", by: admin.actor, at: at)
        let teamA = try await repository.addTeam(workshopID: workshopA.id, name: "甲厂一班", by: admin.actor, at: at)
        let workshopB = try await repository.addWorkshop(enterpriseID: b.id, name: "乙厂车间", by: admin.actor, at: at)
        try await add("directorA", .director, enterprise: a)
        try await add("officerA", .officer, enterprise: a)
        try await add("workshopHeadA", .workshopHead, enterprise: a, workshop: workshopA.id)
        try await add("teamLeaderA", .teamLeader, enterprise: a, workshop: workshopA.id)
        try await add("postWorkerA", .postWorker, enterprise: a, workshop: workshopA.id)
        try await add("directorB", .director, enterprise: b)
        try await add("regulator1", .regulator, jurisdiction: d1)
        try await add("regulator2", .regulator, jurisdiction: d2)
        try await add("cityRegulator", .regulator, jurisdiction: city)
        try await add("assessorA", .assessor)
        try await add("assessorNone", .assessor)
        let director = try #require(people["directorA"]).actor
        _ = try await repository.assignAssessor(try #require(people["assessorA"]).id, enterpriseID: a.id, by: admin.actor, at: at)
        let point = try await repository.addRiskPoint(
            RiskPoint(
                id: 0,
                enterpriseID: a.id,
                workshopID: workshopA.id,
                dimension: "process",
                controlStage: "注塑",
                name: "甲厂温控",
                hazardDescription: "料温过高",
                measures: "每班点检",
                target: "±5℃",
                frequency: .perShift,
                ownerID: try #require(people["workshopHeadA"]).id
            ),
            grading: .lec(l: 3, e: 6, c: 15),
            by: director,
            at: at
        )
        let plan = try await repository.addCheckPlan(
            enterpriseID: a.id,
            kind: .daily,
            responsibleID: try #require(people["officerA"]).id,
            startsOn: at,
            by: director,
            at: at
        )
        let hazard = try await repository.reportHazard(
            HazardReport(workshopID: workshopA.id, source: .report, grade: .general, description: "甲厂防护栏缺失"),
            by: director,
            at: at
        )
        let major = try await repository.reportHazard(
            HazardReport(workshopID: workshopA.id, source: .report, grade: .major, description: "甲厂重大隐患"),
            by: director,
            at: at
        )
        let records = try await repository.addQualityRecords(
            [
                QualityRecord(
                    enterpriseID: a.id,
                    kind: .spotCheck,
                    subtype: "failed",
                    occurredOn: at,
                    product: "甲厂餐盒"
                )
            ],
            by: try #require(people["regulator1"]).actor,
            at: at
        ) { _, _ in }
        _ = try await repository.reportHazard(
            HazardReport(workshopID: workshopB.id, source: .report, grade: .general, description: "乙厂标签错误"),
            by: try #require(people["directorB"]).actor,
            at: at
        )
        func investigation(_ title: String) async throws -> RiskWarning {
            try await repository.issueWarning(
                WarningRequest(
                    kind: .investigation,
                    title: title,
                    text: "请排查",
                    category: nil,
                    enterpriseIDs: [a.id],
                    items: [WarningItem(ref: "T1", text: "温控")]
                ),
                rules: .defaults,
                by: try #require(people["regulator1"]).actor,
                at: at
            ).0
        }
        let warningA = try await investigation("甲厂温控专项排查")
        let acknowledgedA = try await investigation("甲厂温控专项排查（已签收）")
        _ = try await repository.acknowledgeTask(warningID: acknowledgedA.id, by: director, at: at)
        _ = try await repository.recordInspection(
            InspectionRequest(
                kind: .spotCheck,
                enterpriseID: a.id,
                performedAt: at,
                summary: "甲厂餐盒抽查",
                items: [InspectionItem(ref: "S1", text: "迁移量", passed: true)]
            ),
            by: try #require(people["regulator1"]).actor,
            at: at
        )
        return World(
            repository: repository,
            people: people,
            a: a,
            b: b,
            workshopA: workshopA,
            teamA: teamA,
            hazardA: hazard,
            majorA: major,
            pointA: point,
            planA: plan,
            recordA: try #require(records.first),
            district1: d1,
            warningA: warningA,
            acknowledgedA: acknowledgedA
        )
    }

    static let rules: ServerRules = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("checklists")
        func load(_ name: String) -> CatalogLoader.Document? { try? CatalogLoader.load(file: folder.appendingPathComponent(name).path) }
        var rules = ServerRules()
        if case .creditRules(let r) = load("credit-rules.yaml") { rules.credit = r }
        if case .listRules(let r) = load("list-rules.yaml") { rules.lists = r }
        if case .benchmarkRules(let r) = load("benchmark-rules.yaml") { rules.benchmark = r }
        if case .checklist(let c) = load("food-contact-plastics.yaml") { rules.checklists = [c] }
        return rules
    }()

    /// Runs requests as people of the world, with sessions opened directly (no bcrypt in a matrix).
    @discardableResult
    static func run<T: Sendable>(
        _ world: World,
        _ body:
            @Sendable @escaping (_ call: @Sendable (String, HTTPRequest.Method, String, String?) async throws -> (HTTPResponse.Status, String))
            async throws -> T
    ) async throws -> T {
        let sessions = SessionStore()
        let router = try buildRouter(repository: world.repository, sessions: sessions, rules: rules)
        var accounts: [String: Account] = [:]
        for (key, person) in world.people {
            accounts[key] = try await world.repository.setPassword(
                personID: person.id,
                passwordHash: "$2b$04$" + String(repeating: "a", count: 53),
                by: try #require(world.people["admin"]).actor,
                at: Date()
            )
        }
        let opened = accounts
        let app = Application(router: router)
        return try await app.test(.router) { client in
            var tokens: [String: String] = [:]
            for (key, account) in opened { tokens[key] = try await sessions.open(account, at: Date()) }
            let frozen = tokens
            return try await body { who, method, uri, json in
                var headers: HTTPFields = [.cookie: "dp_session=\(frozen[who] ?? "")"]
                if json != nil { headers[.contentType] = "application/json" }
                let response = try await client.execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
                return (response.status, String(buffer: response.body))
            }
        }
    }

    /// Reads aimed at A: exactly A's people, the regulators over A, A's assessor and the administrator see them; the
    /// rest are told it does not exist.
    @Test func readsOfAReachExactlyThosePeople() async throws {
        let w = try await Self.world()
        let a = w.a.id
        let hazard = w.hazardA.id
        let point = w.pointA.id
        let plan = w.planA.id
        let reads = [
            "/api/v1/enterprises/\(a)/workshops", "/api/v1/enterprises/\(a)/teams", "/api/v1/enterprises/\(a)/posts",
            "/api/v1/hazards/\(hazard)", "/api/v1/hazards/\(hazard)/evidence", "/api/v1/hazards/\(hazard)/actions",
            "/api/v1/risk-points/\(point)", "/api/v1/check-plans/\(plan)/items", "/api/v1/performance?enterprise=\(a)",
            "/api/v1/credit-grades/assess?enterprise=\(a)", "/api/v1/benchmark?enterprise=\(a)&period=2026",
            "/api/v1/hazards?enterprise=\(a)", "/api/v1/risk-points?enterprise=\(a)", "/api/v1/people?enterprise=\(a)",
            "/api/v1/check-plans?enterprise=\(a)", "/api/v1/check-schedule?enterprise=\(a)",
            "/api/v1/risk-points/export?enterprise=\(a)", "/api/v1/hazards/export?enterprise=\(a)", "/api/v1/hazards/\(hazard)/print/notice",
            "/hazards/\(hazard)", "/hazards/\(hazard)/print/notice", "/enterprises/\(a)", "/credit/\(a)", "/risks?enterprise=\(a)",
            "/api/v1/warnings/\(w.warningA.id)", "/warnings/\(w.warningA.id)", "/api/v1/inspections?enterprise=\(a)",
        ]
        try await Self.run(w) { call in
            for who in Self.roles {
                for uri in reads {
                    let (status, body) = try await call(who, .get, uri, nil)
                    if Self.outsiders.contains(who) {
                        #expect(status == .notFound, "\(who) GET \(uri) → \(status)")
                        for marker in Self.markers { #expect(!body.contains(marker), "\(who) GET \(uri) shows \(marker)") }
                    } else if uri.hasSuffix("/\(hazard)/print/notice") {
                        #expect(status == .notFound, "no notice issued yet: \(who)")
                    } else {
                        #expect(status == .ok, "\(who) GET \(uri) → \(status): \(body.prefix(200))")
                    }
                }
            }
        }
    }

    /// Every list in the API and every page, asked by each person outside A's reach, holds nothing of A.
    @Test func noListOrPageShowsAToThoseOutside() async throws {
        let w = try await Self.world()
        let lists = [
            "/api/v1/enterprises", "/api/v1/hazards", "/api/v1/risk-points", "/api/v1/check-plans", "/api/v1/check-runs", "/api/v1/records",
            "/api/v1/credit-grades", "/api/v1/list-entries", "/api/v1/people", "/api/v1/check-schedule", "/api/v1/assessment-assignments",
            "/api/v1/history/hazard/\(w.hazardA.id)", "/api/v1/history/enterprise/\(w.a.id)",
            "/api/v1/risk-points/export", "/api/v1/hazards/export", "/api/v1/record-kinds", "/api/v1/checklists",
            "/api/v1/checklists/food-contact-plastics",
            "/", "/hazards", "/risks", "/checks", "/credit", "/lists", "/benchmark",
            "/api/v1/warnings", "/api/v1/inspections", "/api/v1/inbox", "/warnings", "/inbox", "/inspections",
        ]
        try await Self.run(w) { call in
            for who in Self.outsiders.sorted() {
                for uri in lists {
                    let (status, body) = try await call(who, .get, uri, nil)
                    #expect(status == .ok || status == .seeOther, "\(who) GET \(uri) → \(status)")
                    for marker in Self.markers { #expect(!body.contains(marker), "\(who) GET \(uri) shows \(marker)") }
                }
            }
            // And A's own people do see A there: the lists are not simply empty.
            let (_, own) = try await call("directorA", .get, "/api/v1/hazards", nil)
            #expect(own.contains("甲厂防护栏缺失") && !own.contains("乙厂标签错误"))
        }
    }

    /// Each action aimed at A, by each person, on a fresh world: the people it succeeds for, exactly.
    @Test(arguments: Self.actions)
    func actionsOnAAreAllowedToExactlyThesePeople(_ action: ActionProbe) async throws {
        var allowed: Set<String> = []
        for who in Self.roles {
            let w = try await Self.world()
            let (method, uri, body) = action.request(w)
            let succeeded = try await Self.run(w) { call in
                let (status, response) = try await call(who, method, uri, body)
                #expect(status.code < 500, "\(who) \(action.name) → \(status): \(response.prefix(300))")
                if Self.outsiders.contains(who) {
                    for marker in Self.markers { #expect(!response.contains(marker), "\(who) \(action.name) answers with \(marker)") }
                }
                return (200..<300).contains(status.code)
            }
            if succeeded { allowed.insert(who) }
        }
        #expect(allowed == action.allowed, "\(action.name): allowed \(allowed.sorted()), expected \(action.allowed.sorted())")
    }

    struct ActionProbe: Sendable, CustomTestStringConvertible {
        let name: String
        let allowed: Set<String>
        let request: @Sendable (World) -> (HTTPRequest.Method, String, String?)
        var testDescription: String { name }
    }

    /// Set-up inside an enterprise: its principal, director and officer (and the administrator).
    static let enterpriseManagers: Set<String> = ["principalA", "directorA", "officerA", "admin"]
    /// Risk identification and grading: the enterprise's managers and the workshop and team leaders.
    static let riskIdentifiers: Set<String> = ["principalA", "directorA", "officerA", "workshopHeadA", "teamLeaderA"]

    static let actions: [ActionProbe] = [
        ActionProbe(name: "report a hazard in A", allowed: ["principalA", "directorA", "officerA", "workshopHeadA", "teamLeaderA", "postWorkerA"]) {
            w in
            (.post, "/api/v1/hazards", #"{"workshopID":\#(w.workshopA.id),"source":"report","grade":"general","description":"新隐患"}"#)
        },
        ActionProbe(name: "issue A's notice", allowed: ["principalA", "directorA", "officerA", "workshopHeadA"]) { w in
            (
                .post, "/api/v1/hazards/\(w.hazardA.id)/notice",
                #"{"receiverID":\#(w.people["workshopHeadA"]?.id ?? 0),"measures":"整改","deadline":"\#(Self.inAWeek)"}"#
            )
        },
        ActionProbe(name: "cancel A's hazard", allowed: ["principalA", "directorA"]) { w in
            (.post, "/api/v1/hazards/\(w.hazardA.id)/cancel", #"{"reason":"重复"}"#)
        },
        ActionProbe(name: "list A's hazard for supervision", allowed: ["regulator1", "cityRegulator"]) { w in
            (.post, "/api/v1/hazards/\(w.majorA.id)/list-supervision", #"{"order":"督办令"}"#)
        },
        ActionProbe(name: "add a risk point in A", allowed: riskIdentifiers) { w in
            (
                .post, "/api/v1/risk-points",
                #"{"enterpriseID":\#(w.a.id),"workshopID":\#(w.workshopA.id),"dimension":"process","controlStage":"包装","name":"封口","hazardDescription":"漏气","measures":"抽检","target":"无漏","frequency":"daily","ownerID":\#(w.people["officerA"]?.id ?? 0),"grading":{"method":"ls","l":2,"s":3}}"#
            )
        },
        ActionProbe(name: "grade A's risk point", allowed: riskIdentifiers) { w in
            (.post, "/api/v1/risk-points/\(w.pointA.id)/grade", #"{"method":"lec","l":6,"e":6,"c":15,"reason":"复评"}"#)
        },
        ActionProbe(name: "add a workshop to A", allowed: enterpriseManagers) { w in
            (.post, "/api/v1/workshops", #"{"enterpriseID":\#(w.a.id),"name":"新车间"}"#)
        },
        ActionProbe(name: "add a team to A's workshop", allowed: enterpriseManagers) { w in
            (.post, "/api/v1/teams", #"{"workshopID":\#(w.workshopA.id),"name":"新班组"}"#)
        },
        ActionProbe(name: "import a template into A's workshop", allowed: riskIdentifiers) { w in
            (.post, "/api/v1/risk-points/import", #"{"enterpriseID":\#(w.a.id),"workshopID":\#(w.workshopA.id),"checklist":"food-contact-plastics"}"#)
        },
        ActionProbe(name: "import A's risk analysis table", allowed: riskIdentifiers) { w in
            let csv = "车间,风险维度,风险控制环节,风险点,风险描述,管控措施,管控目标,管控频次,责任人\\n甲厂注塑车间,process,包装,封口,漏气,抽检,无漏,每日,officerA\\n"
            return (.post, "/api/v1/risk-points/import-table", #"{"enterpriseID":\#(w.a.id),"csv":"\#(csv)"}"#)
        },
        ActionProbe(name: "import spot checks of A from CSV", allowed: ["regulator1", "cityRegulator"]) { w in
            let csv = "企业,记录类别,类型,日期,产品,文书编号\\n\(w.a.id),spotCheck,failed,\(Self.today),甲厂饭盒,CJ-2026-9\\n"
            return (.post, "/api/v1/records/import", #"{"csv":"\#(csv)"}"#)
        },
        ActionProbe(name: "add a post to A's team", allowed: enterpriseManagers) { w in
            (.post, "/api/v1/posts", #"{"teamID":\#(w.teamA.id),"name":"新岗位"}"#)
        },
        ActionProbe(name: "add a town under district 1", allowed: ["admin"]) { w in
            (.post, "/api/v1/jurisdictions", #"{"name":"新街道","level":"town","parentID":\#(w.district1.id)}"#)
        },
        ActionProbe(name: "withdraw the district's spot check of A", allowed: ["regulator1", "cityRegulator"]) { w in
            (.post, "/api/v1/records/\(w.recordA.id)/withdraw", #"{"reason":"录入错误"}"#)
        },
        ActionProbe(name: "end A's assessor's appointment", allowed: ["regulator1", "cityRegulator", "admin"]) { w in
            (.post, "/api/v1/assessment-assignments/end", #"{"assessorID":\#(w.people["assessorA"]?.id ?? 0),"enterpriseID":\#(w.a.id)}"#)
        },
        ActionProbe(name: "add a person to A", allowed: enterpriseManagers) { w in
            (.post, "/api/v1/people", #"{"name":"新员工","role":"postWorker","enterpriseID":\#(w.a.id),"workshopID":\#(w.workshopA.id)}"#)
        },
        ActionProbe(name: "plan A's weekly checks", allowed: enterpriseManagers) { w in
            (
                .post, "/api/v1/check-plans",
                #"{"enterpriseID":\#(w.a.id),"kind":"weekly","responsibleID":\#(w.people["directorA"]?.id ?? 0),"startsOn":"\#(Self.today)"}"#
            )
        },
        ActionProbe(name: "record A's daily check (日管控: the officer or the director)", allowed: ["officerA", "directorA"]) { w in
            (.post, "/api/v1/check-plans/\(w.planA.id)/runs", #"{"failures":{}}"#)
        },
        ActionProbe(name: "record a spot check of A", allowed: ["regulator1", "cityRegulator"]) { w in
            (
                .post, "/api/v1/records",
                #"{"enterpriseID":\#(w.a.id),"kind":"spotCheck","subtype":"failed","occurredOn":"\#(Self.today)","product":"餐盒"}"#
            )
        },
        ActionProbe(name: "store A's credit grade", allowed: ["regulator1", "cityRegulator"]) { w in
            (.post, "/api/v1/credit-grades", #"{"enterpriseID":\#(w.a.id)}"#)
        },
        ActionProbe(name: "appoint an assessor to A", allowed: ["regulator1", "cityRegulator", "admin"]) { w in
            (.post, "/api/v1/assessment-assignments", #"{"assessorID":\#(w.people["assessorNone"]?.id ?? 0),"enterpriseID":\#(w.a.id)}"#)
        },
        ActionProbe(name: "set A's officer's password", allowed: ["officerA", "admin"]) { w in
            (.post, "/api/v1/accounts/\(w.people["officerA"]?.id ?? 0)/password", #"{"password":"a-long-enough-phrase"}"#)
        },
        ActionProbe(name: "disable A's officer's account", allowed: ["admin"]) { w in
            (.post, "/api/v1/accounts/\(w.people["officerA"]?.id ?? 0)/disable", "{}")
        },
        ActionProbe(name: "add an enterprise in district 1", allowed: ["regulator1", "cityRegulator", "admin"]) { w in
            (
                .post, "/api/v1/enterprises",
                #"{"name":"丙厂","creditCode":"\#((try? CreditCode.completing("91331002MA2B00009").value) ?? "")","jurisdictionID":\#(w.district1.id),"productCategory":"食品相关产品"}"#
            )
        },
        ActionProbe(name: "issue an investigation to A", allowed: ["regulator1", "cityRegulator"]) { w in
            (.post, "/api/v1/warnings", #"{"title":"排查","text":"请排查","enterprises":[\#(w.a.id)],"items":[{"ref":"X1","text":"温控"}]}"#)
        },
        ActionProbe(name: "acknowledge A's task", allowed: ["principalA", "directorA", "officerA", "workshopHeadA"]) { w in
            (.post, "/api/v1/warnings/\(w.warningA.id)/acknowledge", "{}")
        },
        ActionProbe(name: "answer A's task", allowed: ["principalA", "directorA", "officerA", "workshopHeadA"]) { w in
            (.post, "/api/v1/warnings/\(w.acknowledgedA.id)/answer", #"{"results":[{"ref":"T1","passed":true}]}"#)
        },
        ActionProbe(name: "record a failed inspection of A", allowed: ["regulator1", "cityRegulator"]) { w in
            (
                .post, "/api/v1/inspections",
                #"{"kind":"random","enterprise":\#(w.a.id),"performedAt":"\#(Self.today)","summary":"双随机","items":[{"ref":"R1","text":"记录","passed":false,"finding":"无记录","workshopID":\#(w.workshopA.id),"grade":"general"}]}"#
            )
        },
        ActionProbe(name: "verify the audit chain", allowed: ["regulator1", "regulator2", "cityRegulator", "admin"]) { _ in
            (.get, "/api/v1/audit/verify", nil)
        },
    ]

    static var today: String { (try? LocalTime().day(Date())) ?? "" }
    static var inAWeek: String { (try? LocalTime().day(Date().addingTimeInterval(7 * 86_400))) ?? "" }

    /// The quarter before the current one (ended), and a day inside it.
    static func lastQuarter() -> (String, String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .current
        let now = Date()
        var year = calendar.component(.year, from: now)
        var quarter = (calendar.component(.month, from: now) - 1) / 3
        if quarter == 0 {
            quarter = 4
            year -= 1
        }
        return ("\(year)Q\(quarter)", String(format: "%04d-%02d-15", year, quarter * 3 - 1))
    }

    /// Lists over the API: a district's finding proposes a black entry, another regulator reviews it, the district
    /// publishes, and the public lists show it; an enterprise may do none of it.
    @Test func listsGoFromEvaluationToPublicationOverTheAPI() async throws {
        let w = try await Self.world()
        let (quarter, day) = Self.lastQuarter()
        try await Self.run(w) { call in
            var (status, body) = try await call(
                "regulator1",
                .post,
                "/api/v1/records",
                #"{"enterpriseID":\#(w.a.id),"kind":"violation","subtype":"counterfeiting","occurredOn":"\#(day)","reference":"台市监罚〔2026〕12号"}"#
            )
            #expect(status == .created, "\(body)")
            #expect(try await call("directorA", .post, "/api/v1/list-entries/evaluate", #"{"quarter":"\#(quarter)"}"#).0 == .forbidden)
            (status, body) = try await call("regulator1", .post, "/api/v1/list-entries/evaluate", #"{"quarter":"\#(quarter)"}"#)
            #expect(status == .created, "\(body)")
            let entries = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [[String: Any]] ?? []
            let black = try #require(entries.first { $0["criterion"] as? String == "counterfeiting" })
            let id = try #require(black["id"] as? Int)
            (status, body) = try await call("regulator1", .post, "/api/v1/list-entries/publish", #"{"quarter":"\#(quarter)"}"#)
            #expect(status == .forbidden, "nothing is published while an entry waits for review: \(body)")
            #expect(
                try await call("regulator1", .post, "/api/v1/list-entries/\(id)/review", #"{"approve":true}"#).0 == .forbidden,
                "not by its proposer"
            )
            #expect(
                try await call("regulator2", .post, "/api/v1/list-entries/\(id)/review", #"{"approve":true}"#).0 == .notFound,
                "not by another district"
            )
            for other in entries.compactMap({ $0["id"] as? Int }) where other != id {
                _ = try await call("cityRegulator", .post, "/api/v1/list-entries/\(other)/review", #"{"approve":false,"note":"证据不足"}"#)
            }
            (status, body) = try await call("cityRegulator", .post, "/api/v1/list-entries/\(id)/review", #"{"approve":true,"note":"属实"}"#)
            #expect(status == .ok, "\(body)")
            (status, body) = try await call("regulator1", .post, "/api/v1/list-entries/publish", #"{"quarter":"\#(quarter)"}"#)
            #expect(status == .ok, "\(body)")
            (status, body) = try await call("directorB", .get, "/api/v1/public-lists", nil)
            #expect(status == .ok)
            #expect(body.contains("counterfeiting") && body.contains("\(w.a.id)"), "the published black entry is public: \(body.prefix(300))")
            (status, body) = try await call("regulator1", .post, "/api/v1/records/\(w.recordA.id)/withdraw", #"{"reason":"录入错误"}"#)
            #expect(status == .ok && body.contains("录入错误"))
            let (_, tree) = try await call("directorB", .get, "/api/v1/jurisdictions", nil)
            #expect(tree.contains("椒江区") && !tree.contains("甲厂"), "the tree names regions, not enterprises")
        }
    }
}
