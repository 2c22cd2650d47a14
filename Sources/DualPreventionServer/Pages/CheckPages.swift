import DualPrevention
import DualPreventionPresentation
import DualPreventionStore
import Foundation
import Hummingbird

/// Checks on the web: the plans and where each stands, a plan made, a check recorded item by item with a photo of each
/// failed one, the record it leaves (a summary to confirm it, printable), and any past record opened again.
struct CheckPages {
    let pages: Pages
    var repository: any Repository { pages.repository }

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.get("checks", use: checks)
        group.post("check-plans", use: addPlan)
        group.get("checks/runs/{id}", use: record)
        group.get("checks/runs/{id}/print", use: printRecord)
        group.get("checks/{plan}", use: checkForm)
        group.post("checks/{plan}", use: runCheck)
    }

    /// Plans per page: a province regulator sees thousands.
    static let pageSize = 50

    /// Check plans and where each stands in its current period, a page at a time (paged and counted by the database,
    /// with only the page's plans' records read), and the latest records.
    @Sendable func checks(_ request: Request, context: ServerContext) async throws -> HTML {
        try await checks(refused: nil, request: request, context: context)
    }

    /// The checks page; with a refused plan, its form open again with what was typed and the reason beside it.
    func checks(refused: FormRefusal?, request: Request, context: ServerContext) async throws -> HTML {
        let viewer = try context.requireViewer()
        let l = context.language
        let offset = ListPaging.offset(request)
        let found = try await repository.checkPlanPage(enterpriseID: nil, page: PageRequest(offset: offset, limit: Self.pageSize), visibleTo: viewer)
        let plans = found.items
        let done = try await repository.donePeriods(planIDs: plans.map(\.id), visibleTo: viewer)
        let runs = try await repository.latestCheckRuns(enterpriseID: nil, limit: 15, visibleTo: viewer)
        let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: plans.map(\.enterpriseID) + runs.map(\.enterpriseID))
        let now = context.now
        struct Row {
            var id: Int64
            var enterprise: String
            var kind: String
            var responsible: String
            var period: String
            var due: Bool
            var status: String
            var missed: Int
        }
        let rows = plans.map { plan in
            let entries = CheckSchedule(local: names.localTime(plan.enterpriseID)).entries(for: plan, done: done[plan.id] ?? [], at: now)
            let current = entries.last
            let status: Text =
                switch current?.status {
                case .done: Text("enterprisePages.doneThisPeriod")
                case .due: Text("enterprisePages.dueThisPeriod")
                default: Text("enterprisePages.notStarted")
                }
            return Row(
                id: plan.id,
                enterprise: names.enterprise(plan.enterpriseID),
                kind: plan.kind.label(l),
                responsible: names.person(plan.responsibleID),
                period: current.map { LocalDates(names.localTime(plan.enterpriseID), language: l).period($0.period) } ?? "",
                due: current?.status == .due,
                status: status(l),
                missed: entries.filter { $0.status == .missed }.count
            )
        }
        struct Recent {
            var id: Int64
            var period: String
            var kind: String
            var by: String
            var at: String
            var failures: Int
        }
        let recent = runs.map { run in
            Recent(
                id: run.id,
                period: LocalDates(names.localTime(run.enterpriseID), language: l).period(run.period),
                kind: run.kind.label(l),
                by: names.person(run.performedBy),
                at: names.localTime(run.enterpriseID).minute(run.performedAt),
                failures: run.results.filter { !$0.passed }.count
            )
        }
        // A plan is made by the enterprise's own people, for one of them (the store checks who may record which kind).
        var people: [EnterprisePages.Option] = []
        let person = try context.requirePerson()
        if let enterpriseID = person.enterpriseID, [.principal, .director, .officer].contains(person.role) {
            people = try await repository.people(enterpriseID: enterpriseID, visibleTo: viewer)
                .map { p in
                    let selected = refused.map { $0["responsibleID"] == String(p.id) } ?? (p.id == person.id)
                    return EnterprisePages.Option(value: String(p.id), label: "\(p.name) · \(p.role.label(l))", selected: selected)
                }
        }
        let kind = refused.flatMap { CheckKind(rawValue: $0["kind"]) } ?? .daily
        let kinds = CheckKind.allCases.map { EnterprisePages.Option(value: $0.rawValue, label: $0.label(l), selected: $0 == kind) }
        struct Model {
            var rows: [Row]
            var recent: [Recent]
            var canPlan: Bool
            var people: [EnterprisePages.Option]
            var kinds: [EnterprisePages.Option]
            var today: String
            var noPlans: Bool
            var paging: ListPaging
            var refusal: FormRefusal?
        }
        return try pages.page(
            "checks",
            title: Text("enterprisePages.checks"),
            Model(
                rows: rows,
                recent: recent,
                canPlan: !people.isEmpty,
                people: people,
                kinds: kinds,
                today: refused?["startsOn"] ?? person.enterpriseID.map { names.localTime($0).day(now) } ?? "",
                noPlans: found.total == 0,
                paging: ListPaging(total: found.total, offset: offset, size: Self.pageSize, path: "/checks", request: request),
                refusal: refused
            ),
            request: request,
            context: context,
            status: refused?.status ?? .ok
        )
    }

    struct ItemView {
        var ref: String
        var riskPoint: String
        var item: String
        var verify: String
        /// As sent, when the form comes back refused.
        var failed = false
        var note = ""
    }

    /// The form of a check: every item of the plan, each passed unless ticked as failing (with a note).
    @Sendable func checkForm(_ request: Request, context: ServerContext) async throws -> HTML {
        try await checkForm(request: request, context: context)
    }

    /// The check's form, empty or as it was sent when refused: every tick, note and the minutes kept, the reason above
    /// (photos must be chosen again: a browser never refills a file field).
    func checkForm(refused: FormRefusal? = nil, request: Request, context: ServerContext) async throws -> HTML {
        let typed = refused?.fields ?? [:]
        let viewer = try context.requireViewer()
        let l = context.language
        let planID = try context.parameters.require("plan", as: Int64.self)
        let plan = try await repository.checkPlan(planID, visibleTo: viewer)
        let items = try await repository.checkItems(planID: planID, visibleTo: viewer)
        let points = Dictionary(
            uniqueKeysWithValues: try await repository.riskPoints(RiskFilter(enterpriseID: plan.enterpriseID), visibleTo: viewer).map { ($0.id, $0) }
        )
        let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: [plan.enterpriseID])
        let views = items.map { item in
            ItemView(
                ref: item.ref,
                riskPoint: points[item.riskPointID].map { "\($0.name) · \(names.workshop($0.workshopID))" } ?? "",
                item: item.item,
                verify: item.verify,
                failed: typed["fail:" + item.ref] != nil,
                note: typed["note:" + item.ref] ?? ""
            )
        }
        struct Model {
            var planID: Int64
            var kind: String
            var enterprise: String
            var items: [ItemView]
            var monthly: Bool
            var period: String
            var typed: [String: String]
            var refusal: FormRefusal?
        }
        let period = LocalDates(names.localTime(plan.enterpriseID), language: l)
            .period(CheckSchedule(local: names.localTime(plan.enterpriseID)).period(plan.kind, containing: context.now).key)
        return try pages.page(
            "check-run",
            title: Text("enterprisePages.runCheck"),
            Model(
                planID: planID,
                kind: plan.kind.label(l),
                enterprise: names.enterprise(plan.enterpriseID),
                items: views,
                monthly: plan.kind == .monthly,
                period: period,
                typed: typed,
                refusal: refused
            ),
            request: request,
            context: context,
            status: refused?.status ?? .ok
        )
    }

    /// Records a check: the ticked items fail (their notes become hazards), the rest pass.
    @Sendable func runCheck(_ request: Request, context: ServerContext) async throws -> Response {
        let actor = try context.requirePerson().actor
        let form = try await PageForm.read(request, context: context)
        let planID = try context.parameters.require("plan", as: Int64.self)
        var failures: [String: String] = [:]
        for (name, _) in form.fields where name.hasPrefix("fail:") {
            let ref = String(name.dropFirst("fail:".count))
            failures[ref] = form["note:" + ref] ?? ""
        }
        let minutes: CheckMinutes? =
            form["chair"] == nil && form["situation"] == nil
            ? nil
            : CheckMinutes(
                chair: form["chair"] ?? "",
                attendees: form["attendees"] ?? "",
                situation: form["situation"] ?? "",
                problems: form["problems"] ?? "",
                decisions: form["decisions"] ?? ""
            )
        return try await FormRefusal.answer(form, request: request, context: context) {
            let (run, _) = try await form.withEvidenceByField(label: "before") { files in
                // `photo:<item>`: the photos of one failed item, evidence of the hazard it opens.
                var evidence: [String: [EvidenceFile]] = [:]
                for (field, list) in files where field.hasPrefix("photo:") { evidence[String(field.dropFirst("photo:".count))] = list }
                return try await repository.recordCheck(
                    planID: planID,
                    failures: failures,
                    minutes: minutes,
                    evidence: evidence,
                    by: actor,
                    at: context.now
                )
            }
            return Response(status: .seeOther, headers: [.location: "/checks/runs/\(run.id)?recorded=1"])
        } again: { refusal in
            try await checkForm(refused: refusal, request: request, context: context)
        }
    }

    /// Makes a check plan: its kind, who records it, from which day.
    @Sendable func addPlan(_ request: Request, context: ServerContext) async throws -> Response {
        let person = try context.requirePerson()
        let form = try await PageForm.read(request, context: context)
        guard let enterpriseID = person.enterpriseID else { throw NotFoundError(what: "enterprise", key: person.name) }
        return try await FormRefusal.answer(form, request: request, context: context) {
            try await addPlan(form, enterpriseID: enterpriseID, person: person, context: context).response(from: request, context: context)
        } again: { refusal in
            try await checks(refused: refusal, request: request, context: context)
        }
    }

    func addPlan(_ form: PageForm, enterpriseID: Int64, person: Person, context: ServerContext) async throws -> SeeOther {
        guard let kind = form["kind"].flatMap(CheckKind.init(rawValue:)) else {
            throw InputError(rule: "INPUT-KIND", message: Text("checkPages.chooseKind"))
        }
        guard let responsible = form["responsibleID"].flatMap(Int64.init) else {
            throw InputError(rule: "INPUT-REQUIRED", message: Text("checkPages.chooseResponsible"))
        }
        let names = try await Names.load(repository, viewer: try context.requireViewer(), enterpriseIDs: [enterpriseID])
        let local = names.localTime(enterpriseID)
        let starts =
            try form["startsOn"].map { try local.parse($0, field: Text("page.startsOn")(context.language)) }.map(local.startOfDay)
            ?? local.startOfDay(context.now)
        _ = try await repository.addCheckPlan(
            enterpriseID: enterpriseID,
            kind: kind,
            responsibleID: responsible,
            startsOn: starts,
            by: person.actor,
            at: context.now
        )
        return SeeOther(location: "/checks")
    }

    /// A check record: what was checked, what failed (with its hazard and photos), the minutes; after recording, the
    /// confirmation.
    @Sendable func record(_ request: Request, context: ServerContext) async throws -> HTML {
        let view = try await recordView(context)
        return try pages.page(
            "check-record",
            title: Text("checkPages.record"),
            RecordModel(record: view, recorded: request.uri.queryParameters.get("recorded") == "1"),
            request: request,
            context: context
        )
    }

    /// The same record as an A4 sheet.
    @Sendable func printRecord(_ request: Request, context: ServerContext) async throws -> HTML {
        let view = try await recordView(context)
        return try pages.page(
            "print-check",
            title: Text("checkPages.record"),
            RecordModel(record: view, recorded: false),
            request: request,
            context: context
        )
    }

    struct RecordModel {
        var record: CheckRecordView
        var recorded: Bool
    }

    func recordView(_ context: ServerContext) async throws -> CheckRecordView {
        let viewer = try context.requireViewer()
        let run = try await repository.checkRun(try context.parameters.require("id", as: Int64.self), visibleTo: viewer)
        let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: [run.enterpriseID], people: [run.performedBy])
        let points = try await repository.riskPoints(RiskFilter(enterpriseID: run.enterpriseID), visibleTo: viewer)
        var hazards: [Int64: Hazard] = [:]
        var photos: [Int64: [EvidenceItem]] = [:]
        for id in run.failures.compactMap(\.hazardID) {
            hazards[id] = try await repository.hazard(String(id), visibleTo: viewer)
            photos[id] = try await repository.evidence(of: id, visibleTo: viewer)
        }
        return CheckRecordView(
            run,
            points: Dictionary(points.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }),
            hazards: hazards,
            photos: photos,
            names: names,
            language: context.language
        )
    }
}
