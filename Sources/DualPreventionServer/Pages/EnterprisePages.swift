import DualPrevention
import DualPreventionPresentation
import DualPreventionStore
import Foundation
import Hummingbird

/// The enterprise's pages: the dashboard and the risk register. What is shown is what the store
/// lets this person see; nothing here filters by tenant on its own.
struct EnterprisePages {
    let pages: Pages
    var repository: any Repository { pages.repository }

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.get("risks", use: risks)
        group.get("risks/export.csv", use: exportRisks)
        group.get("risks/print", use: printControlList)
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
        let local = LocalDates(names.localTime(hazard.enterpriseID), language: l)
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
        let done = try await repository.donePeriods(planIDs: plans.map(\.id), visibleTo: viewer)
        let schedule = CheckSchedule(local: names.localTime(enterpriseID))
        let dates = LocalDates(names.localTime(enterpriseID), language: l)
        let due = plans.compactMap { plan -> DueCheck? in
            guard let entry = schedule.entries(for: plan, done: done[plan.id] ?? [], at: now).last, entry.status == .due else { return nil }
            return DueCheck(
                planID: plan.id,
                kind: plan.kind.label(l),
                period: dates.period(entry.period),
                responsible: names.person(plan.responsibleID)
            )
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

    /// Risk points per page: a province's register has tens of thousands.
    static let riskPageSize = 50

    /// The risk register, filtered by enterprise, workshop and colour, a page at a time (filtered, paged and counted
    /// by the database).
    @Sendable func risks(_ request: Request, context: ServerContext) async throws -> HTML {
        let viewer = try context.requireViewer()
        let person = try context.requirePerson()
        let l = context.language
        let (filter, enterpriseKey) = try await riskFilter(request, context: context)
        let workshop = filter.workshopID
        let offset = ListPaging.offset(request)
        let found = try await repository.riskPointPage(filter, page: PageRequest(offset: offset, limit: Self.riskPageSize), visibleTo: viewer)
        let points = found.items
        let enterpriseIDs = Set(points.map(\.enterpriseID)).union(filter.enterpriseID.map { [$0] } ?? [])
        let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: enterpriseIDs)
        struct Row {
            var id: Int64
            var name: String
            var enterprise: String
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
                enterprise: names.enterprise(point.enterpriseID),
                place: names.place(workshop: point.workshopID, team: point.teamID, post: point.postID),
                dimension: (try? repository.dimensions.resolve(point.dimension).label(l)) ?? point.dimension,
                hazard: point.hazardDescription,
                measures: point.measures,
                colour: point.colour?.rawValue ?? "none",
                colourLabel: point.colour?.label(l) ?? Text("enterprisePages.notGraded")(l),
                owner: names.person(point.ownerID),
                frequency: point.frequency.label(l),
                regradeDue: point.regradeDue
            )
        }
        let workshops = names.workshops.values.filter { $0.enterpriseID == filter.enterpriseID }.sorted { $0.id < $1.id }
            .map { Option(value: String($0.id), label: $0.name, selected: $0.id == (filter.controlList?.workshopID ?? workshop)) }
        let colours = RiskColour.allCases.map { Option(value: $0.rawValue, label: $0.label(l), selected: $0 == filter.colour) }
        let list = filter.controlList
        let tiers = ControlList.Tier.allCases.map { Option(value: $0.rawValue, label: $0.label(l), selected: $0 == list?.tier) }
        let chosenWorkshop = list?.workshopID ?? workshop
        let teams = names.teams.values.filter { $0.workshopID == chosenWorkshop }.sorted { $0.id < $1.id }
            .map { Option(value: String($0.id), label: $0.name, selected: $0.id == list?.teamID) }
        let posts = names.posts.values.filter { $0.teamID == list?.teamID }.sorted { $0.id < $1.id }
            .map { Option(value: String($0.id), label: $0.name, selected: $0.id == list?.postID) }
        let listTitle = list.map { list in
            let unit = [
                list.workshopID.map { names.workshops[$0]?.name ?? "" }, list.teamID.map { names.teams[$0]?.name ?? "" },
                list.postID.map { names.posts[$0]?.name ?? "" },
            ].compactMap { $0 }
            return Text(
                "enterprisePages.controlListOf",
                list.tier.label,
                unit.isEmpty ? names.enterprise(list.enterpriseID) : unit.joined(separator: " / ")
            )(l)
        }
        struct Model {
            var rows: [Row]
            var workshops: [Option]
            var colours: [Option]
            var hasWorkshops: Bool
            var tiers: [Option]
            var teams: [Option]
            var posts: [Option]
            var hasTeams: Bool
            var hasPosts: Bool
            var listTitle: String?
            var canPickEnterprise: Bool
            var enterprise: String
            var paging: ListPaging
            var export: String
            /// The A4 form of the tier's list, when one is chosen.
            var printForm: String?
        }
        return try pages.page(
            "risks",
            title: Text("enterprisePages.riskRegister"),
            Model(
                rows: rows,
                workshops: workshops,
                colours: colours,
                hasWorkshops: !workshops.isEmpty,
                tiers: filter.enterpriseID == nil ? [] : tiers,
                teams: teams,
                posts: posts,
                hasTeams: !teams.isEmpty,
                hasPosts: !posts.isEmpty,
                listTitle: listTitle,
                canPickEnterprise: !person.role.isEnterpriseRole,
                enterprise: enterpriseKey,
                paging: ListPaging(total: found.total, offset: offset, size: Self.riskPageSize, path: "/risks", request: request),
                export: ListPaging.sameFilters("/risks/export.csv", request: request),
                printForm: list == nil ? nil : ListPaging.sameFilters("/risks/print", request: request)
            ),
            request: request,
            context: context
        )
    }

    /// A tier's control list as its A4 form (DOMAIN.md §14): every point it carries, each with its owner at the tier.
    @Sendable func printControlList(_ request: Request, context: ServerContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let (chosen, _) = try await riskFilter(request, context: context)
        guard let list = chosen.controlList else {
            throw InputError(rule: "INPUT-TIER", message: Text("enterprisePages.chooseTierToPrint"))
        }
        // The whole list, whatever else the register page filtered by.
        var filter = RiskFilter()
        filter.enterpriseID = chosen.enterpriseID
        filter.controlList = list
        let points = try await repository.riskPoints(filter, visibleTo: viewer)
        let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: [list.enterpriseID])
        let html = ControlListFormHTML.render(list, points: points, names: names, drawnAt: context.now, language: context.language)
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The register's filter from the query: an enterprise by key (a foreign one is not found; an enterprise's people
    /// their own), a colour, and a workshop only within the enterprise chosen.
    func riskFilter(_ request: Request, context: ServerContext) async throws -> (RiskFilter, enterpriseKey: String) {
        let viewer = try context.requireViewer()
        let query = request.uri.queryParameters
        var filter = RiskFilter()
        let enterpriseKey = query.get("enterprise")?.trimmingCharacters(in: .whitespaces) ?? ""
        if !enterpriseKey.isEmpty {
            filter.enterpriseID = try await repository.enterprise(enterpriseKey, visibleTo: viewer).id
        } else if let own = try context.requirePerson().enterpriseID {
            filter.enterpriseID = own
        }
        filter.colour = query.get("colour").flatMap { RiskColour(rawValue: $0) }
        filter.workshopID = filter.enterpriseID == nil ? nil : query.get("workshop").flatMap { Int64($0) }
        if let tier = query.get("tier").flatMap(ControlList.Tier.init(rawValue:)), let enterpriseID = filter.enterpriseID {
            filter.controlList = try await controlList(
                tier,
                enterpriseID: enterpriseID,
                workshop: filter.workshopID,
                team: query.get("team").flatMap { Int64($0) },
                post: query.get("post").flatMap { Int64($0) },
                viewer: viewer
            )
            filter.workshopID = nil
        }
        return (filter, enterpriseKey)
    }

    /// The control list of a tier's unit (DOMAIN.md §14), its units by id; a unit missing or not of the one above it
    /// is said in words.
    func controlList(
        _ tier: ControlList.Tier,
        enterpriseID: Int64,
        workshop: Int64?,
        team: Int64?,
        post: Int64?,
        viewer: Viewer
    ) async throws -> ControlList {
        guard tier > .enterprise else { return .enterprise(enterpriseID) }
        let unit = try await repository.workshops(enterpriseID: enterpriseID, visibleTo: viewer).first { $0.id == workshop }
        let crew = try await repository.teams(enterpriseID: enterpriseID, visibleTo: viewer).first { $0.id == team }
        let station = try await repository.posts(enterpriseID: enterpriseID, visibleTo: viewer).first { $0.id == post }
        let list: ControlList? =
            switch tier {
            case .enterprise: .enterprise(enterpriseID)
            case .workshop: unit.map(ControlList.workshop)
            case .team: unit.flatMap { w in crew.flatMap { ControlList.team($0, of: w) } }
            case .post: unit.flatMap { w in crew.flatMap { t in station.flatMap { ControlList.post($0, of: t, of: w) } } }
            }
        guard let list else {
            throw InputError(rule: "INPUT-TIER", message: Text("enterprisePages.chooseTierUnit", tier.label))
        }
        return list
    }

    /// The register the page shows (every page of it) as the paper table's CSV, as `dualprev risk export` writes it.
    @Sendable func exportRisks(_ request: Request, context: ServerContext) async throws -> Response {
        let (filter, _) = try await riskFilter(request, context: context)
        return try await RequestInput.riskRegister(filter, repository: repository, viewer: try context.requireViewer())
    }
}
