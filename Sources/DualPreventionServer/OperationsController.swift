import DualPrevention
import DualPreventionStore
import Foundation
import Hummingbird
import HummingbirdBcrypt
import NIOPosix

/// The rest of the CLI over JSON: set-up, risk points, checks, quality records, credit grades, lists, benchmark
/// assessments and appointments, accounts and the audit check. The store checks who may do what, as for the CLI.
struct OperationsController {
    let repository: any Repository
    let rules: ServerRules

    typealias Page = APIController.Page
    static func required<T>(_ value: T?, _ field: String) throws -> T { try HazardActionsController.required(value, field) }
    static func date(_ text: String?, _ field: String) throws -> Date { try HazardActionsController.date(text, field) }

    static func parse<T: RawRepresentable>(_ text: String?, _ field: String) throws -> T where T.RawValue == String, T: CaseIterable {
        let raw = try required(text, field)
        guard let value = T(rawValue: raw) else {
            throw InputError(
                rule: "INPUT-VALUE",
                message: Text(zh: "\(field) 的值 \(raw) 无效", en: "\(field): \(raw) is not a valid value"),
                hint: Text(zh: "可选：", en: "one of: ").appending(T.allCases.map(\.rawValue).joined(separator: ", "))
            )
        }
        return value
    }

    func rule<T>(_ value: T?, _ name: String) throws -> T {
        guard let value else { throw Problem.missingAssets("\(name) rules") }
        return value
    }

    /// Months before `asOf` (1–120, 12 by default), as the CLI counts them.
    static func window(_ request: Request, asOf: Date) throws -> Date {
        let months = request.uri.queryParameters.get("months", as: Int.self) ?? 12
        guard (1...120).contains(months) else {
            throw InputError(rule: "INPUT-MONTHS", message: Text(zh: "months 为 1 至 120", en: "months is from 1 to 120"))
        }
        return Months.before(asOf, months)
    }

    static func asOf(_ request: Request, now: Date) throws -> Date {
        guard let text = request.uri.queryParameters.get("asOf") else { return now }
        return try date(text, "asOf")
    }

    func addRoutes(to group: RouterGroup<ServerContext>) {
        addSetup(to: group)
        addTables(to: group)
        addRiskAndChecks(to: group)
        addRecordsAndGrades(to: group)
        addListsAndBenchmark(to: group)
        addAccountsAndAudit(to: group)
    }

    // MARK: set-up

    struct NewJurisdiction: Decodable {
        var name: String
        var level: String
        var parentID: Int64?
    }
    struct NewEnterprise: Decodable {
        var name: String
        var creditCode: String
        var jurisdictionID: Int64
        var productCategory: String
        var address: String?
        var timeZoneID: String?
    }
    struct NewPlace: Decodable {
        var enterpriseID: Int64?
        var workshopID: Int64?
        var teamID: Int64?
        var name: String
    }
    struct NewPerson: Decodable {
        var name: String
        var role: String
        var enterpriseID: Int64?
        var workshopID: Int64?
        var jurisdictionID: Int64?
    }

    func addSetup(to group: RouterGroup<ServerContext>) {
        group.get("jurisdictions") { request, context in
            _ = try context.requirePerson()
            return try APIController.page(try await repository.jurisdictions(), request)
        }
        group.post("jurisdictions") { request, context -> EditedResponse<Jurisdiction> in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: NewJurisdiction.self, context: context)
            let level: JurisdictionLevel = try Self.parse(body.level, "level")
            return EditedResponse(
                status: .created,
                response: try await repository.addJurisdiction(name: body.name, level: level, parentID: body.parentID, by: actor, at: context.now)
            )
        }
        group.post("enterprises") { request, context -> EditedResponse<Enterprise> in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: NewEnterprise.self, context: context)
            let code: CreditCode
            do { code = try CreditCode(body.creditCode) } catch {
                throw InputError(rule: "INPUT-CREDIT-CODE", message: Text(zh: "统一社会信用代码无效", en: "the credit code is not valid"))
            }
            let draft = Enterprise(
                id: 0,
                name: body.name,
                creditCode: code,
                jurisdictionID: body.jurisdictionID,
                productCategory: body.productCategory,
                address: body.address ?? "",
                timeZoneID: body.timeZoneID ?? Enterprise.defaultTimeZoneID
            )
            return EditedResponse(status: .created, response: try await repository.addEnterprise(draft, by: actor, at: context.now))
        }
        placeList(group, "workshops") { try await repository.workshops(enterpriseID: $0, visibleTo: $1) }
        placeList(group, "teams") { try await repository.teams(enterpriseID: $0, visibleTo: $1) }
        placeList(group, "posts") { try await repository.posts(enterpriseID: $0, visibleTo: $1) }
        group.get("people") { request, context in
            let viewer = try context.requireViewer()
            let enterpriseID = try await APIController(repository: repository).enterpriseID(request, viewer)
            return try APIController.page(try await repository.people(enterpriseID: enterpriseID, visibleTo: viewer), request)
        }
        group.post("workshops") { request, context -> EditedResponse<Workshop> in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: NewPlace.self, context: context)
            return EditedResponse(
                status: .created,
                response: try await repository.addWorkshop(
                    enterpriseID: try Self.required(body.enterpriseID, "enterpriseID"),
                    name: body.name,
                    by: actor,
                    at: context.now
                )
            )
        }
        group.post("teams") { request, context -> EditedResponse<Team> in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: NewPlace.self, context: context)
            return EditedResponse(
                status: .created,
                response: try await repository.addTeam(
                    workshopID: try Self.required(body.workshopID, "workshopID"),
                    name: body.name,
                    by: actor,
                    at: context.now
                )
            )
        }
        group.post("posts") { request, context -> EditedResponse<Post> in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: NewPlace.self, context: context)
            return EditedResponse(
                status: .created,
                response: try await repository.addPost(
                    teamID: try Self.required(body.teamID, "teamID"),
                    name: body.name,
                    by: actor,
                    at: context.now
                )
            )
        }
        group.post("people") { request, context -> EditedResponse<Person> in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: NewPerson.self, context: context)
            let role: Role = try Self.parse(body.role, "role")
            let draft = Person(
                id: 0,
                name: body.name,
                role: role,
                enterpriseID: body.enterpriseID,
                workshopID: body.workshopID,
                jurisdictionID: body.jurisdictionID
            )
            return EditedResponse(status: .created, response: try await repository.addPerson(draft, by: actor, at: context.now))
        }
    }

    /// `GET enterprises/{id}/<what>`: the places of an enterprise the viewer sees, paged.
    func placeList<T: Encodable & Sendable>(
        _ group: RouterGroup<ServerContext>,
        _ what: String,
        _ load: @escaping @Sendable (Int64, Viewer) async throws -> [T]
    ) {
        group.get("enterprises/{id}/\(what)") { request, context in
            let viewer = try context.requireViewer()
            let enterprise = try await repository.enterprise(try context.parameters.require("id"), visibleTo: viewer)
            return try APIController.page(try await load(enterprise.id, viewer), request)
        }
    }

    // MARK: catalogs, imports and exports

    struct TemplateImport: Decodable {
        var enterpriseID: Int64
        var workshopID: Int64
        var checklist: String
    }
    /// A CSV table sent inside JSON (changes are JSON only): UTF-8 text, a byte-order mark allowed.
    struct TableUpload: Decodable {
        var enterpriseID: Int64?
        var csv: String
    }

    func checklist(_ category: String) throws -> Checklist {
        guard let found = rules.checklists.first(where: { $0.category == category }) else {
            throw InputError(
                rule: "CHECKLIST-CATEGORY",
                message: Text(zh: "没有类别“\(category)”的清单", en: "no checklist for category '\(category)'"),
                hint: Text(zh: "可用：", en: "use one of: ").appending(rules.checklists.map(\.category).joined(separator: ", "))
            )
        }
        return found
    }

    static func text(_ form: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: form)))
    }

    static func csv(_ text: String, name: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name).csv\""],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }

    func addTables(to group: RouterGroup<ServerContext>) {
        group.get("record-kinds") { request, context in
            _ = try context.requirePerson()
            return try APIController.page(QualityRecordKind.summaries, request)
        }
        group.get("checklists") { request, context in
            _ = try context.requirePerson()
            return try APIController.page(rules.checklists, request)
        }
        group.get("checklists/{category}") { _, context -> Checklist in
            _ = try context.requirePerson()
            return try checklist(try context.parameters.require("category"))
        }
        group.post("risk-points/import") { request, context -> EditedResponse<ImportReport> in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: TemplateImport.self, context: context)
            let report = try await repository.importChecklist(
                try checklist(body.checklist),
                enterpriseID: body.enterpriseID,
                workshopID: body.workshopID,
                by: actor,
                at: context.now
            )
            return EditedResponse(status: .created, response: report)
        }
        group.post("risk-points/import-table") { request, context -> EditedResponse<[RiskPoint]> in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: TableUpload.self, context: context)
            let enterprise = try await repository.enterprise(String(try Self.required(body.enterpriseID, "enterpriseID")), visibleTo: .person(actor))
            let lookup = try await RiskTable.lookup(repository, viewer: .person(actor), enterprise: enterprise)
            let rows = try RiskTable.read(body.csv, enterpriseID: enterprise.id, lookup: lookup, dimensions: repository.dimensions).get()
            let points = try await repository.addRiskPoints(rows.map { ($0.point, $0.grading) }, by: actor, at: context.now) { _, _ in }
            return EditedResponse(status: .created, response: points)
        }
        group.get("risk-points/export") { request, context -> Response in
            let viewer = try context.requireViewer()
            let enterpriseID = try await APIController(repository: repository).enterpriseID(request, viewer)
            let points = try await repository.riskPoints(RiskFilter(enterpriseID: enterpriseID), visibleTo: viewer)
            let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: points.map(\.enterpriseID))
            let gradings = try await RiskTable.latestGradings(points, repository: repository, viewer: viewer)
            return Self.csv(RiskTable.exportCSV(points, names: names, gradings: gradings, dimensions: repository.dimensions), name: "risk-register")
        }
        group.get("hazards/export") { request, context -> Response in
            let viewer = try context.requireViewer()
            let enterpriseID = try await APIController(repository: repository).enterpriseID(request, viewer)
            let hazards = try await repository.hazards(HazardFilter(enterpriseID: enterpriseID), visibleTo: viewer)
            let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: hazards.map(\.enterpriseID))
            return Self.csv(HazardLedger.csv(hazards, names: names, now: context.now), name: "hazard-ledger")
        }
        // The paper forms as fixed-width text, as `dualprev hazard print-notice|print-acceptance` and `check print` print them.
        group.get("hazards/{key}/print/notice") { _, context -> Response in
            let viewer = try context.requireViewer()
            let hazard = try await repository.hazard(try context.parameters.require("key"), visibleTo: viewer)
            let names = try await Names.load(
                repository,
                viewer: viewer,
                enterpriseIDs: [hazard.enterpriseID],
                people: hazard.notice.map { [$0.issuedBy] } ?? []
            )
            guard let form = PaperForms.notice(hazard, names: names) else { throw NotFoundError(what: "rectification notice", key: hazard.number) }
            return Self.text(form)
        }
        group.get("hazards/{key}/print/acceptance") { _, context -> Response in
            let viewer = try context.requireViewer()
            let hazard = try await repository.hazard(try context.parameters.require("key"), visibleTo: viewer)
            let evidence = try await repository.evidence(of: hazard.id, visibleTo: viewer)
            let names = try await Names.load(
                repository,
                viewer: viewer,
                enterpriseIDs: [hazard.enterpriseID],
                people: hazard.acceptances.map(\.acceptorID)
            )
            guard let form = PaperForms.acceptance(hazard, evidence: evidence, names: names) else {
                throw NotFoundError(what: "rectification submission", key: hazard.number)
            }
            return Self.text(form)
        }
        group.get("check-runs/{id}/print") { _, context -> Response in
            let viewer = try context.requireViewer()
            let id = try context.parameters.require("id", as: Int64.self)
            guard let run = try await repository.checkRuns(enterpriseID: nil, visibleTo: viewer).first(where: { $0.id == id }) else {
                throw NotFoundError(what: "check", key: String(id))
            }
            let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: [run.enterpriseID])
            let hazards = try await repository.hazards(HazardFilter(enterpriseID: run.enterpriseID), visibleTo: viewer)
            let runs = try await repository.checkRuns(enterpriseID: run.enterpriseID, visibleTo: viewer)
            return Self.text(PaperForms.check(run, runs: runs, hazards: hazards, names: names))
        }
        group.post("records/import") { request, context -> EditedResponse<[QualityRecord]> in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: TableUpload.self, context: context)
            let visible = try await repository.enterprises(visibleTo: .person(actor))
            let now = context.now
            let drafts = try QualityRecordTable.drafts(
                body.csv,
                visible: visible,
                defaultEnterprise: body.enterpriseID,
                rules: try rule(rules.credit, "credit"),
                now: now
            )
            return EditedResponse(status: .created, response: try await repository.addQualityRecords(drafts, by: actor, at: now) { _, _ in })
        }
    }

    // MARK: risk points and checks

    struct Grading: Decodable {
        var method: String?
        var l: Double?
        var e: Double?
        var c: Double?
        var s: Int?
        var reason: String?

        func input() throws -> GradingInput? {
            let method: GradingMethodKind? = try self.method.map { try OperationsController.parse($0, "method") }
            return try GradingInput.make(method: method, l: l, e: e, c: c, s: s)
        }
    }
    struct NewRiskPoint: Decodable {
        var enterpriseID: Int64
        var workshopID: Int64
        var teamID: Int64?
        var postID: Int64?
        var dimension: String
        var controlStage: String
        var name: String
        var hazardDescription: String
        var measures: String
        var target: String
        var frequency: String
        var ownerID: Int64
        var productCategory: String?
        var grading: Grading?
    }
    struct NewPlan: Decodable {
        var enterpriseID: Int64
        var kind: String
        var responsibleID: Int64
        var startsOn: String
    }
    struct NewRun: Decodable {
        var failures: [String: String]?
        var minutes: CheckMinutes?
    }
    struct Recorded: ResponseEncodable {
        var run: CheckRun
        var hazards: [Hazard]
    }

    func addRiskAndChecks(to group: RouterGroup<ServerContext>) {
        group.post("risk-points") { request, context -> EditedResponse<RiskPoint> in
            let actor = try context.requirePerson().actor
            let b = try await request.decode(as: NewRiskPoint.self, context: context)
            let frequency: ControlFrequency = try Self.parse(b.frequency, "frequency")
            let draft = RiskPoint(
                id: 0,
                enterpriseID: b.enterpriseID,
                workshopID: b.workshopID,
                teamID: b.teamID,
                postID: b.postID,
                dimension: b.dimension,
                controlStage: b.controlStage,
                name: b.name,
                hazardDescription: b.hazardDescription,
                measures: b.measures,
                target: b.target,
                frequency: frequency,
                ownerID: b.ownerID,
                productCategory: b.productCategory ?? ""
            )
            return EditedResponse(
                status: .created,
                response: try await repository.addRiskPoint(draft, grading: try b.grading?.input(), by: actor, at: context.now)
            )
        }
        group.post("risk-points/{id}/grade") { request, context -> EditedResponse<GradingRecord> in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: Grading.self, context: context)
            let input = try Self.required(try body.input(), "method")
            let record = try await repository.grade(
                riskPointID: try context.parameters.require("id", as: Int64.self),
                input,
                reason: try Self.required(body.reason, "reason"),
                by: actor,
                at: context.now
            )
            return EditedResponse(status: .created, response: record)
        }
        group.post("check-plans") { request, context -> EditedResponse<CheckPlan> in
            let actor = try context.requirePerson().actor
            let b = try await request.decode(as: NewPlan.self, context: context)
            let kind: CheckKind = try Self.parse(b.kind, "kind")
            let plan = try await repository.addCheckPlan(
                enterpriseID: b.enterpriseID,
                kind: kind,
                responsibleID: b.responsibleID,
                startsOn: try Self.date(b.startsOn, "startsOn"),
                by: actor,
                at: context.now
            )
            return EditedResponse(status: .created, response: plan)
        }
        group.get("check-plans/{id}/items") { request, context in
            let viewer = try context.requireViewer()
            return try APIController.page(
                try await repository.checkItems(planID: try context.parameters.require("id", as: Int64.self), visibleTo: viewer),
                request
            )
        }
        group.post("check-plans/{id}/runs") { request, context -> EditedResponse<Recorded> in
            let actor = try context.requirePerson().actor
            let b = try await request.decode(as: NewRun.self, context: context)
            let (run, hazards) = try await repository.recordCheck(
                planID: try context.parameters.require("id", as: Int64.self),
                failures: b.failures ?? [:],
                minutes: b.minutes,
                by: actor,
                at: context.now
            )
            return EditedResponse(status: .created, response: Recorded(run: run, hazards: hazards))
        }
        group.get("check-schedule") { request, context in
            let viewer = try context.requireViewer()
            let enterpriseID = try await APIController(repository: repository).enterpriseID(request, viewer)
            let plans = try await repository.checkPlans(enterpriseID: enterpriseID, visibleTo: viewer)
            let runs = try await repository.checkRuns(enterpriseID: enterpriseID, visibleTo: viewer)
            let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: plans.map(\.enterpriseID))
            let now = context.now
            let entries = plans.flatMap { CheckSchedule(local: names.localTime($0.enterpriseID)).entries(for: $0, runs: runs, at: now) }
            return try APIController.page(entries, request)
        }
        group.get("hazards/{key}/evidence") { request, context in
            let viewer = try context.requireViewer()
            let hazard = try await repository.hazard(try context.parameters.require("key"), visibleTo: viewer)
            return try APIController.page(try await repository.evidence(of: hazard.id, visibleTo: viewer), request)
        }
        group.get("hazards/{key}/actions") { request, context in
            let person = try context.requirePerson()
            let hazard = try await repository.hazard(try context.parameters.require("key"), visibleTo: .person(person.actor))
            return try APIController.page(hazard.availableActions(for: person.actor, at: context.now), request)
        }
    }

    // MARK: quality records and credit grades

    struct NewRecord: Decodable {
        var enterpriseID: Int64
        var kind: String
        var subtype: String
        var occurredOn: String
        var area: String?
        var product: String?
        var reference: String?
        var note: String?
        var value: Double?
        var validUntil: String?
    }
    struct Reason: Decodable { var reason: String }
    struct NewGrade: Decodable {
        var enterpriseID: Int64
        var asOf: String?
        var months: Int?
    }

    func addRecordsAndGrades(to group: RouterGroup<ServerContext>) {
        group.post("records") { request, context -> EditedResponse<QualityRecord> in
            let actor = try context.requirePerson().actor
            let b = try await request.decode(as: NewRecord.self, context: context)
            let kind: QualityRecordKind = try Self.parse(b.kind, "kind")
            let area: ListArea = try b.area.map { try Self.parse($0, "area") } ?? .productQuality
            let local = try LocalTime()
            let now = context.now
            let draft = QualityRecord(
                enterpriseID: b.enterpriseID,
                kind: kind,
                subtype: b.subtype,
                occurredOn: QualityRecord.occurred(try Self.date(b.occurredOn, "occurredOn"), now: now, local: local),
                area: area,
                product: b.product ?? "",
                reference: b.reference ?? "",
                note: b.note ?? "",
                value: b.value,
                validUntil: try b.validUntil.map { try Self.date($0, "validUntil") }
            )
            try rule(rules.credit, "credit").requireKnownVeto(draft)
            let records = try await repository.addQualityRecords([draft], by: actor, at: now) { _, _ in }
            return EditedResponse(status: .created, response: try Self.required(records.first, "record"))
        }
        group.post("records/{id}/withdraw") { request, context -> QualityRecord in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: Reason.self, context: context)
            return try await repository.withdrawQualityRecord(
                try context.parameters.require("id", as: Int64.self),
                reason: body.reason,
                by: actor,
                at: context.now
            )
        }
        group.get("performance") { request, context -> [String: MetricValue] in
            let viewer = try context.requireViewer()
            let enterpriseID = try Self.required(try await APIController(repository: repository).enterpriseID(request, viewer), "enterprise")
            let asOf = try Self.asOf(request, now: context.now)
            return try await repository.performance(
                enterpriseID: enterpriseID,
                asOf: asOf,
                since: try Self.window(request, asOf: asOf),
                visibleTo: viewer
            )
        }
        group.get("credit-grades/assess") { request, context -> CreditGradeRecord in
            let viewer = try context.requireViewer()
            let enterpriseID = try Self.required(try await APIController(repository: repository).enterpriseID(request, viewer), "enterprise")
            let asOf = try Self.asOf(request, now: context.now)
            return try await repository.assessCredit(
                enterpriseID: enterpriseID,
                rules: try rule(rules.credit, "credit"),
                asOf: asOf,
                since: try Self.window(request, asOf: asOf),
                visibleTo: viewer
            )
        }
        group.post("credit-grades") { request, context -> EditedResponse<CreditGradeRecord> in
            let actor = try context.requirePerson().actor
            let b = try await request.decode(as: NewGrade.self, context: context)
            let now = context.now
            let asOf = try b.asOf.map { try Self.date($0, "asOf") } ?? now
            let months = b.months ?? 12
            guard (1...120).contains(months) else {
                throw InputError(rule: "INPUT-MONTHS", message: Text(zh: "months 为 1 至 120", en: "months is from 1 to 120"))
            }
            let grade = try await repository.recordCreditGrade(
                enterpriseID: b.enterpriseID,
                rules: try rule(rules.credit, "credit"),
                asOf: min(asOf, now),
                since: Months.before(asOf, months),
                by: actor,
                at: now
            )
            return EditedResponse(status: .created, response: grade)
        }
    }

    // MARK: lists and benchmark

    struct Quarter: Decodable { var quarter: String }
    struct Review: Decodable {
        var approve: Bool
        var note: String?
    }
    struct Appointment: Decodable {
        var assessorID: Int64
        var enterpriseID: Int64
    }

    func addListsAndBenchmark(to group: RouterGroup<ServerContext>) {
        group.post("list-entries/evaluate") { request, context -> EditedResponse<[ListEntry]> in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: Quarter.self, context: context)
            let entries = try await repository.evaluateLists(
                quarter: try ReportingPeriod(body.quarter, field: "quarter"),
                rules: try rule(rules.lists, "list"),
                by: actor,
                at: context.now
            )
            return EditedResponse(status: .created, response: entries)
        }
        group.post("list-entries/{id}/review") { request, context -> ListEntry in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: Review.self, context: context)
            return try await repository.reviewListEntry(
                try context.parameters.require("id", as: Int64.self),
                approve: body.approve,
                note: body.note ?? "",
                by: actor,
                at: context.now
            )
        }
        group.post("list-entries/publish") { request, context -> [ListEntry] in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: Quarter.self, context: context)
            return try await repository.publishLists(quarter: body.quarter, by: actor, at: context.now)
        }
        group.get("public-lists") { request, context in
            _ = try context.requirePerson()
            return try APIController.page(
                try await repository.publishedLists(rules: try rule(rules.lists, "list"), at: try Self.asOf(request, now: context.now)),
                request
            )
        }
        group.get("benchmark") { request, context -> BenchmarkAssessment in
            let viewer = try context.requireViewer()
            let query = request.uri.queryParameters
            let period = try ReportingPeriod(try Self.required(query.get("period"), "period"), field: "period")
            let baseline = try query.get("baseline").map { try ReportingPeriod($0, field: "baseline") } ?? period.yearBefore
            let inputs = try await repository.benchmarkInputs(enterprise: try Self.required(query.get("enterprise"), "enterprise"), visibleTo: viewer)
            return try BenchmarkAssessor.assess(
                inputs,
                rules: try rule(rules.benchmark, "benchmark"),
                period: period,
                baseline: baseline,
                at: context.now
            )
        }
        group.get("assessment-assignments") { request, context in
            try APIController.page(try await repository.assignments(visibleTo: try context.requireViewer()), request)
        }
        group.post("assessment-assignments") { request, context -> EditedResponse<AssessmentAssignment> in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: Appointment.self, context: context)
            return EditedResponse(
                status: .created,
                response: try await repository.assignAssessor(body.assessorID, enterpriseID: body.enterpriseID, by: actor, at: context.now)
            )
        }
        group.post("assessment-assignments/end") { request, context -> AssessmentAssignment in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: Appointment.self, context: context)
            return try await repository.endAssignment(body.assessorID, enterpriseID: body.enterpriseID, by: actor, at: context.now)
        }
    }

    // MARK: accounts and audit

    struct NewPassword: Decodable { var password: String }

    func addAccountsAndAudit(to group: RouterGroup<ServerContext>) {
        group.post("accounts/{id}/password") { request, context -> Response in
            let actor = try context.requirePerson().actor
            let personID = try context.parameters.require("id", as: Int64.self)
            try AccountPolicy.maySetPassword(actor, of: personID)
            let password = try await request.decode(as: NewPassword.self, context: context).password
            try AccountPolicy.check(password, for: try await repository.person(String(personID)))
            let hash = try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: 12) }
            _ = try await repository.setPassword(personID: personID, passwordHash: hash, by: actor, at: context.now)
            return Response(status: .noContent)
        }
        group.post("accounts/{id}/disable") { _, context -> Response in
            let actor = try context.requirePerson().actor
            _ = try await repository.disableAccount(personID: try context.parameters.require("id", as: Int64.self), by: actor, at: context.now)
            return Response(status: .noContent)
        }
        group.get("audit/verify") { _, context -> AuditReport in
            let person = try context.requirePerson()
            guard person.role == .admin || person.role == .regulator else {
                throw Refusal(
                    .rule(code: "AUDIT-WHO", message: Text(zh: "只有系统管理员和监管人员核验审计链", en: "only administrators and regulators verify the audit chain"))
                )
            }
            return try await repository.verifyAudit(expectedHead: nil)
        }
    }
}

extension Jurisdiction: ResponseEncodable {}
extension Enterprise: ResponseEncodable {}
extension Workshop: ResponseEncodable {}
extension Team: ResponseEncodable {}
extension Post: ResponseEncodable {}
extension Person: ResponseEncodable {}
extension RiskPoint: ResponseEncodable {}
extension GradingRecord: ResponseEncodable {}
extension CheckPlan: ResponseEncodable {}
extension QualityRecord: ResponseEncodable {}
extension CreditGradeRecord: ResponseEncodable {}
extension ListEntry: ResponseEncodable {}
extension BenchmarkAssessment: ResponseEncodable {}
extension AssessmentAssignment: ResponseEncodable {}
extension AuditReport: ResponseEncodable {}
extension Checklist: ResponseEncodable {}
extension ImportReport: ResponseEncodable {}
