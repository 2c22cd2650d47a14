import DualPrevention
import DualPreventionStore
import Foundation
import Hummingbird

/// The enterprise's pages: the dashboard, the risk register and running a check. What is shown is what the store
/// lets this person see; nothing here filters by tenant on its own.
struct EnterprisePages {
    let pages: Pages
    var repository: any Repository { pages.repository }

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.get("risks", use: risks)
        group.get("checks", use: checks)
        group.get("checks/{plan}", use: checkForm)
        group.post("checks/{plan}", use: runCheck)
    }

    struct HazardRow {
        var key: String
        var number: String
        var description: String
        var enterprise: String
        var state: String
        var grade: String
        var major: Bool
        var deadline: String
        var overdue: Bool
        var owner: String
        var listed: Bool
    }

    static func row(_ hazard: Hazard, names: Names, now: Date, language l: Language) -> HazardRow {
        let local = names.localTime(hazard.enterpriseID)
        return HazardRow(
            key: String(hazard.id),
            number: hazard.number,
            description: hazard.description,
            enterprise: names.enterprise(hazard.enterpriseID),
            state: hazard.state.label(l),
            grade: hazard.grade.label(l),
            major: hazard.grade == .major,
            deadline: hazard.deadline.map(local.deadline) ?? "",
            overdue: hazard.deadlineStanding(at: now).isOverdue,
            owner: names.person(hazard.ownerID),
            listed: hazard.isListed
        )
    }

    struct Count {
        var label: String
        var count: Int
        var href: String
    }

    /// A hazard waiting for the person's decision, and the decision.
    struct Decision {
        var row: HazardRow
        var action: String
    }

    struct DueCheck {
        var planID: Int64
        var kind: String
        var period: String
        var responsible: String
    }

    /// The enterprise dashboard: the four-colour chart, hazards by state, overdue and due soon, today's checks.
    func dashboard(_ request: Request, _ context: ServerContext) async throws -> HTML {
        let person = try context.requirePerson()
        let viewer = try context.requireViewer()
        let l = context.language
        guard let enterpriseID = person.enterpriseID else { throw Problem(status: .notFound, rule: "NOT-FOUND", title: "no enterprise", detail: "") }
        let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: [enterpriseID])
        let now = context.now
        let points = try await repository.riskPoints(RiskFilter(enterpriseID: enterpriseID), visibleTo: viewer)
        let workshops = try await repository.workshops(enterpriseID: enterpriseID, visibleTo: viewer)
        let chart = FourColourChart.svg(FourColourChart.rows(workshops, points), language: l)
        let hazards = try await repository.hazards(HazardFilter(enterpriseID: enterpriseID), visibleTo: viewer)
        let byState = HazardState.allCases.map { state in
            Count(label: state.label(l), count: hazards.filter { $0.state == state }.count, href: "/hazards?state=\(state.rawValue)")
        }
        let open = hazards.filter { $0.state.isOpen }
        let work = MyWork.of(open, for: person.actor, at: now)
        func rows(_ list: [Hazard]) -> [HazardRow] { list.map { Self.row($0, names: names, now: now, language: l) } }
        let decisions = work.decisions.map { Decision(row: Self.row($0.hazard, names: names, now: now, language: l), action: $0.action.label(l)) }
        let plans = try await repository.checkPlans(enterpriseID: enterpriseID, visibleTo: viewer)
        let runs = try await repository.checkRuns(enterpriseID: enterpriseID, visibleTo: viewer)
        let schedule = CheckSchedule(local: names.localTime(enterpriseID))
        let due = plans.compactMap { plan -> DueCheck? in
            guard let entry = schedule.entries(for: plan, runs: runs, at: now).last, entry.status == .due else { return nil }
            return DueCheck(planID: plan.id, kind: plan.kind.label(l), period: entry.period, responsible: names.person(plan.responsibleID))
        }
        struct Model {
            var enterprise: String
            var chart: String
            var byState: [Count]
            var owned: [HazardRow]
            var decisions: [Decision]
            var overdue: [HazardRow]
            var dueSoon: [HazardRow]
            var due: [DueCheck]
            var riskPoints: Int
            var openHazards: Int
        }
        return try pages.page(
            "dashboard",
            title: Text("enterprisePages.dashboard"),
            Model(
                enterprise: names.enterprise(enterpriseID),
                chart: chart,
                byState: byState,
                owned: rows(work.owned),
                decisions: decisions,
                overdue: rows(work.overdue),
                dueSoon: rows(work.dueSoon),
                due: due,
                riskPoints: points.count,
                openHazards: open.count
            ),
            request: request,
            context: context
        )
    }

    struct Option {
        var value: String
        var label: String
        var selected: Bool
    }

    /// The risk register, filtered by workshop and colour.
    @Sendable func risks(_ request: Request, context: ServerContext) async throws -> HTML {
        let viewer = try context.requireViewer()
        let l = context.language
        let query = request.uri.queryParameters
        var filter = RiskFilter()
        if let key = query.get("enterprise") {
            filter.enterpriseID = try await repository.enterprise(key, visibleTo: viewer).id
        } else if let own = try context.requirePerson().enterpriseID {
            filter.enterpriseID = own
        }
        if let colour = query.get("colour").flatMap({ RiskColour(rawValue: $0) }) { filter.colour = colour }
        let workshop = query.get("workshop").flatMap { Int64($0) }
        let points = try await repository.riskPoints(filter, visibleTo: viewer).filter { workshop == nil || $0.workshopID == workshop }
        let enterpriseIDs = Set(points.map(\.enterpriseID)).union(filter.enterpriseID.map { [$0] } ?? [])
        let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: enterpriseIDs)
        struct Row {
            var id: Int64
            var name: String
            var place: String
            var dimension: String
            var hazard: String
            var measures: String
            var colour: String
            var colourLabel: String
            var owner: String
            var frequency: String
            var regradeDue: Bool
        }
        let rows = points.map { point in
            Row(
                id: point.id,
                name: point.name,
                place: names.place(workshop: point.workshopID, team: point.teamID, post: point.postID),
                dimension: point.dimension,
                hazard: point.hazardDescription,
                measures: point.measures,
                colour: point.colour?.rawValue ?? "none",
                colourLabel: point.colour?.label(l) ?? Text("enterprisePages.notGraded")(l),
                owner: names.person(point.ownerID),
                frequency: point.frequency.label(l),
                regradeDue: point.regradeDue
            )
        }
        let workshops = names.workshops.values.sorted { $0.id < $1.id }
            .map { Option(value: String($0.id), label: $0.name, selected: $0.id == workshop) }
        let colours = RiskColour.allCases.map { Option(value: $0.rawValue, label: $0.label(l), selected: $0 == filter.colour) }
        struct Model {
            var rows: [Row]
            var workshops: [Option]
            var colours: [Option]
            var count: Int
        }
        return try pages.page(
            "risks",
            title: Text("enterprisePages.riskRegister"),
            Model(rows: rows, workshops: workshops, colours: colours, count: rows.count),
            request: request,
            context: context
        )
    }

    /// Check plans and where each stands in its current period.
    @Sendable func checks(_ request: Request, context: ServerContext) async throws -> HTML {
        let viewer = try context.requireViewer()
        let l = context.language
        let plans = try await repository.checkPlans(enterpriseID: nil, visibleTo: viewer)
        let runs = try await repository.checkRuns(enterpriseID: nil, visibleTo: viewer)
        let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: plans.map(\.enterpriseID))
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
            let entries = CheckSchedule(local: names.localTime(plan.enterpriseID)).entries(for: plan, runs: runs, at: now)
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
                period: current?.period ?? "",
                due: current?.status == .due,
                status: status(l),
                missed: entries.filter { $0.status == .missed }.count
            )
        }
        struct Recent {
            var period: String
            var kind: String
            var by: String
            var at: String
            var failures: Int
        }
        let recent = runs.sorted { $0.performedAt > $1.performedAt }.prefix(15).map { run in
            Recent(
                period: run.period,
                kind: run.kind.label(l),
                by: names.person(run.performedBy),
                at: names.localTime(run.enterpriseID).minute(run.performedAt),
                failures: run.results.filter { !$0.passed }.count
            )
        }
        struct Model {
            var rows: [Row]
            var recent: [Recent]
        }
        return try pages.page(
            "checks",
            title: Text("enterprisePages.checks"),
            Model(rows: rows, recent: Array(recent)),
            request: request,
            context: context
        )
    }

    struct ItemView {
        var ref: String
        var riskPoint: String
        var item: String
        var verify: String
    }

    /// The form of a check: every item of the plan, each passed unless ticked as failing (with a note).
    @Sendable func checkForm(_ request: Request, context: ServerContext) async throws -> HTML {
        let viewer = try context.requireViewer()
        let l = context.language
        let planID = try context.parameters.require("plan", as: Int64.self)
        guard let plan = try await repository.checkPlans(enterpriseID: nil, visibleTo: viewer).first(where: { $0.id == planID }) else {
            throw NotFoundError(what: "check plan", key: String(planID))
        }
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
                verify: item.verify
            )
        }
        struct Model {
            var planID: Int64
            var kind: String
            var enterprise: String
            var items: [ItemView]
            var monthly: Bool
            var period: String
        }
        let period = CheckSchedule(local: names.localTime(plan.enterpriseID)).period(plan.kind, containing: context.now).key
        return try pages.page(
            "check-run",
            title: Text("enterprisePages.runCheck"),
            Model(
                planID: planID,
                kind: plan.kind.label(l),
                enterprise: names.enterprise(plan.enterpriseID),
                items: views,
                monthly: plan.kind == .monthly,
                period: period
            ),
            request: request,
            context: context
        )
    }

    /// Records a check: the ticked items fail (their notes become hazards), the rest pass.
    @Sendable func runCheck(_ request: Request, context: ServerContext) async throws -> SeeOther {
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
        let (_, hazards) = try await repository.recordCheck(planID: planID, failures: failures, minutes: minutes, by: actor, at: context.now)
        return SeeOther(location: hazards.isEmpty ? "/checks" : "/hazards?state=reported")
    }
}
