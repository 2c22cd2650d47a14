import DualPrevention
import DualPreventionPresentation
import DualPreventionStore
import Foundation
import Hummingbird

/// Hazard pages: the list, reporting one, its page with the timeline and only the actions this person may take now,
/// evidence photos, and the printable notice and acceptance form.
struct HazardPages {
    let pages: Pages
    var repository: any Repository { pages.repository }

    /// Hazards per page of the list.
    static let pageSize = 100

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.get("hazards", use: list)
        group.get("hazards/new", use: newForm)
        group.get("hazards/export.csv", use: export)
        group.post("hazards/new", use: report)
        group.get("hazards/{key}", use: show)
        group.post("hazards/{key}/{action}", use: act)
        group.post("hazards/{key}/products/{slug}", use: actOnProducts)
        group.get("hazards/{key}/print/notice", use: notice)
        group.get("hazards/{key}/print/acceptance", use: acceptance)
        group.get("hazards/{key}/evidence/{sha}", use: evidenceFile)
    }

    /// The list's tools as the URL carries them: search, filters, sort and page, so a list can be bookmarked, shared
    /// and exported as shown.
    struct ListQuery {
        var filter = HazardFilter()
        var q = ""
        var mine = false
        var overdue = false
        var dueSoon = false
        var listed = false
        var enterprise = ""
        var district: Int64?
        var workshop: Int64?
        var offset = 0

        /// The filter a page's query asks for, every key checked against what the viewer may see.
        static func read(_ request: Request, context: ServerContext, repository: any Repository) async throws -> ListQuery {
            let viewer = try context.requireViewer()
            let query = request.uri.queryParameters
            let now = context.now
            var list = ListQuery()
            list.filter.state = query.get("state").flatMap { HazardState(rawValue: $0) }
            list.filter.grade = query.get("grade").flatMap { HazardGrade(rawValue: $0) }
            list.filter.sort = query.get("sort").flatMap { HazardSort(rawValue: $0) } ?? .newest
            list.q = query.get("q")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if !list.q.isEmpty { list.filter.text = list.q }
            list.overdue = query.get("overdue") == "1"
            // Overdue as the rows mark it: open and past the deadline (a late submission waiting for acceptance is late).
            if list.overdue { list.filter.stillOverdueAt = now }
            list.dueSoon = query.get("due") == "soon"
            if list.dueSoon { list.filter.dueSoon = .init(from: now, until: now.addingTimeInterval(3 * 86_400)) }
            list.listed = query.get("listed") == "1"
            if list.listed { list.filter.listed = true }
            list.mine = query.get("mine") == "1"
            if list.mine { list.filter.ownerID = try context.requirePerson().id }
            if let key = query.get("enterprise")?.trimmingCharacters(in: .whitespaces), !key.isEmpty {
                list.enterprise = key
                list.filter.enterpriseID = try await repository.enterprise(key, visibleTo: viewer).id
            }
            if let person = context.person, person.role.isEnterpriseRole, let id = query.get("workshop", as: Int64.self) {
                list.workshop = id
                list.filter.workshopID = id
            }
            if let id = query.get("district", as: Int64.self) {
                // A region under the regulator's own (an administrator's: any); another's is the same "not found" as
                // one that does not exist, and an enterprise's people have no districts to choose.
                let actor = try context.requirePerson().actor
                let path = try? await repository.jurisdictionPath(of: id)
                let within = actor.role == .admin || (actor.role == .regulator && actor.jurisdictionID.map { path?.contains($0) == true } == true)
                guard let path, !path.isEmpty, within else { throw NotFoundError(what: "jurisdiction", key: String(id)) }
                list.district = id
                list.filter.jurisdictionID = id
            }
            list.offset = ListPaging.offset(request)
            return list
        }
    }

    @Sendable func list(_ request: Request, context: ServerContext) async throws -> HTML {
        let viewer = try context.requireViewer()
        let person = try context.requirePerson()
        let l = context.language
        let list = try await ListQuery.read(request, context: context, repository: repository)
        let filter = list.filter
        let now = context.now
        // One page at a time, paged and counted by the database: a province has hundreds of thousands.
        let offset = list.offset
        let found = try await repository.hazardPage(filter, page: PageRequest(offset: offset, limit: Self.pageSize), visibleTo: viewer)
        let hazards = found.items
        let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: hazards.map(\.enterpriseID))
        typealias Option = EnterprisePages.Option
        let states = HazardState.allCases.map { Option(value: $0.rawValue, label: $0.label(l), selected: $0 == filter.state) }
        let grades = HazardGrade.allCases.map { Option(value: $0.rawValue, label: $0.label(l), selected: $0 == filter.grade) }
        let sorts: [Option] = [
            Option(value: HazardSort.newest.rawValue, label: Text("hazardPages.newest")(l), selected: filter.sort == .newest),
            Option(value: HazardSort.oldest.rawValue, label: Text("hazardPages.oldest")(l), selected: filter.sort == .oldest),
            Option(value: HazardSort.deadline.rawValue, label: Text("hazardPages.nearestDeadline")(l), selected: filter.sort == .deadline),
        ]
        var workshops: [Option] = []
        if let enterpriseID = person.enterpriseID {
            workshops = try await repository.workshops(enterpriseID: enterpriseID, visibleTo: viewer)
                .map { Option(value: String($0.id), label: $0.name, selected: $0.id == list.workshop) }
        }
        var districts: [Option] = []
        if [.regulator, .admin].contains(person.role) {
            let all = try await repository.jurisdictions()
            let paths = RegulatorPages.rootPaths(all)
            let own = person.jurisdictionID
            let depth = own.flatMap { paths[$0]?.count } ?? 1
            districts = all.filter { j in own.map { paths[j.id]?.contains($0) == true } ?? true }
                .sorted { (paths[$0.id] ?? []).lexicographicallyPrecedes(paths[$1.id] ?? []) }
                .map {
                    let indent = String(repeating: "　", count: max(0, (paths[$0.id]?.count ?? depth) - depth))
                    return Option(value: String($0.id), label: indent + $0.name, selected: $0.id == list.district)
                }
        }
        struct Model {
            var rows: [EnterprisePages.HazardRow]
            var states: [EnterprisePages.Option]
            var grades: [EnterprisePages.Option]
            var sorts: [EnterprisePages.Option]
            var workshops: [EnterprisePages.Option]
            var districts: [EnterprisePages.Option]
            var hasWorkshops: Bool
            var hasDistricts: Bool
            var canPickEnterprise: Bool
            var q: String
            /// Any filter beyond the search set: the filters stay open.
            var filtered: Bool
            var enterprise: String
            var mine: Bool
            var overdue: Bool
            var dueSoon: Bool
            var listed: Bool
            var canReport: Bool
            var paging: ListPaging
            var export: String
        }
        let kept = ListPaging.kept(request)
        return try pages.page(
            "hazards",
            title: Text("hazardPages.hazards"),
            Model(
                rows: hazards.map { EnterprisePages.row($0, names: names, now: now, language: l) },
                states: states,
                grades: grades,
                sorts: sorts,
                workshops: workshops,
                districts: districts,
                hasWorkshops: !workshops.isEmpty,
                hasDistricts: !districts.isEmpty,
                canPickEnterprise: !person.role.isEnterpriseRole,
                q: list.q,
                filtered: kept.contains { !$0.hasPrefix("q=") && !$0.hasPrefix("sort=") },
                enterprise: list.enterprise,
                mine: list.mine,
                overdue: list.overdue,
                dueSoon: list.dueSoon,
                listed: list.listed,
                canReport: person.enterpriseID != nil,
                paging: ListPaging(total: found.total, offset: offset, size: Self.pageSize, path: "/hazards", request: request),
                export: ListPaging.sameFilters("/hazards/export.csv", request: request)
            ),
            request: request,
            context: context
        )
    }

    /// The ledger of the hazards the list shows (every page of it), as `dualprev hazard export` writes it.
    @Sendable func export(_ request: Request, context: ServerContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let filter = try await ListQuery.read(request, context: context, repository: repository).filter
        let now = context.now
        let repository = repository
        return RequestInput.csv(name: "hazard-ledger") { writer in
            var ledger = HazardLedger.Writer(now: now)
            try await writer.write(ByteBuffer(string: ledger.header))
            try await repository.eachHazardBatch(filter, visibleTo: viewer) { batch in
                try await writer.write(ByteBuffer(string: ledger.rows(batch.hazards, names: batch.names)))
            }
        }
    }

    @Sendable func newForm(_ request: Request, context: ServerContext) async throws -> HTML {
        try await reportForm(request: request, context: context)
    }

    /// The report form, empty or as it was sent when a rule or a field refused it (the reason beside it; photos must be
    /// chosen again).
    func reportForm(refused: FormRefusal? = nil, request: Request, context: ServerContext) async throws -> HTML {
        let typed = refused?.fields ?? [:]
        let person = try context.requirePerson()
        let viewer = try context.requireViewer()
        let l = context.language
        guard let enterpriseID = person.enterpriseID else {
            throw Problem(
                status: .forbidden,
                rule: "HAZARD-REPORT",
                title: "refused",
                detail: Text("hazardPages.onlyEnterpriseStaffReport")(l)
            )
        }
        let workshops = try await repository.workshops(enterpriseID: enterpriseID, visibleTo: viewer)
            .map {
                let chosen = typed["workshopID"].map { $0 } ?? person.workshopID.map { String($0) }
                return EnterprisePages.Option(value: String($0.id), label: $0.name, selected: String($0.id) == chosen)
            }
        struct PointOption {
            var value: String
            var label: String
            var workshop: String
            var selected: Bool
        }
        let points = try await repository.riskPoints(RiskFilter(enterpriseID: enterpriseID), visibleTo: viewer)
            .map {
                PointOption(
                    value: String($0.id),
                    label: "\($0.name) (\($0.colour?.label(l) ?? "—"))",
                    workshop: String($0.workshopID),
                    selected: String($0.id) == typed["riskPointID"]
                )
            }
        let source = typed["source"].flatMap(HazardSource.init(rawValue:)) ?? .report
        let sources = HazardSource.allCases.filter { $0 != .spotCheck }.map {
            EnterprisePages.Option(value: $0.rawValue, label: $0.label(l), selected: $0 == source)
        }
        let grade = typed["grade"].flatMap(HazardGrade.init(rawValue:)) ?? .general
        let grades = HazardGrade.allCases.map { EnterprisePages.Option(value: $0.rawValue, label: $0.label(l), selected: $0 == grade) }
        struct Model {
            var workshops: [EnterprisePages.Option]
            var points: [PointOption]
            var sources: [EnterprisePages.Option]
            var grades: [EnterprisePages.Option]
            var description: String
            var location: String
            var refusal: FormRefusal?
        }
        return try pages.page(
            "hazard-new",
            title: Text("hazardPages.reportHazard"),
            Model(
                workshops: workshops,
                points: points,
                sources: sources,
                grades: grades,
                description: typed["description"] ?? "",
                location: typed["location"] ?? "",
                refusal: refused
            ),
            request: request,
            context: context,
            status: refused?.status ?? .ok
        )
    }

    @Sendable func report(_ request: Request, context: ServerContext) async throws -> Response {
        let actor = try context.requirePerson().actor
        let form = try await PageForm.read(request, context: context)
        return try await FormRefusal.answer(form, request: request, context: context) {
            let body = try HazardInput.body(form.fields)
            let hazard = try await form.withEvidence(label: "before") { files in
                var report = try HazardInput.report(body, label: Self.reportLabels(context.language))
                report.evidence = files
                return try await repository.reportHazard(report, by: actor, at: context.now)
            }
            return Response(status: .seeOther, headers: [.location: "/hazards/\(hazard.id)"])
        } again: { refusal in
            try await reportForm(refused: refusal, request: request, context: context)
        }
    }

    struct FieldView {
        var name: String
        var label: String
        /// What was typed, when the form comes back refused.
        var value: String = ""
        var text: Bool = false
        var textarea: Bool = false
        var date: Bool = false
        var file: Bool = false
        var select: Bool = false
        var required: Bool = false
        var options: [EnterprisePages.Option] = []
    }

    struct ActionView {
        var path: String
        var label: String
        var fields: [FieldView]
        var multipart: Bool
        var danger: Bool
        /// Open, with the refusal beside it, when this action's form came back refused.
        var open = false
        var refusal: FormRefusal?
    }

    /// A field of an action's form by its label, as a refusal names it on the page (the API names the field).
    static func labels(of action: Action, _ l: Language) -> (String) -> String {
        let labels = Dictionary(form(for: action, people: [], language: l).map { ($0.name, $0.label) }, uniquingKeysWith: { first, _ in first })
        return { labels[$0] ?? $0 }
    }

    /// The report form's fields by their labels.
    static func reportLabels(_ l: Language) -> (String) -> String {
        let labels: [String: Text] = [
            "workshopID": Text("page.workshop"), "source": Text("page.source"), "grade": Text("page.grade"),
            "description": Text("page.description"),
        ]
        return { labels[$0]?(l) ?? $0 }
    }

    /// The fields each action's form asks for (it posts to the action's slug, as the API does).
    static func form(for action: Action, people: [Person], language l: Language) -> [FieldView] {
        func text(_ name: String, _ label: Text, required: Bool = false) -> FieldView {
            FieldView(name: name, label: label(l), text: true, required: required)
        }
        func area(_ name: String, _ label: Text, required: Bool = false) -> FieldView {
            FieldView(name: name, label: label(l), textarea: true, required: required)
        }
        func date(_ name: String, _ label: Text, required: Bool = false) -> FieldView {
            FieldView(name: name, label: label(l), date: true, required: required)
        }
        func photos(_ label: Text) -> FieldView { FieldView(name: "photo", label: label(l), file: true) }
        let note = area("note", Text("hazardPages.note"))
        switch action {
        case .issueNotice:
            let receivers = people.filter { [.workshopHead, .teamLeader, .officer, .director, .principal].contains($0.role) }
                .map { EnterprisePages.Option(value: String($0.id), label: "\($0.name) · \($0.role.label(l))", selected: false) }
            return [
                FieldView(
                    name: "receiverID",
                    label: Text("hazardStory.responsiblePerson")(l),
                    select: true,
                    required: true,
                    options: receivers
                ),
                text("responsibleUnit", Text("hazardStory.responsibleUnit")),
                area("nature", Text("hazardStory.naturePossibleConsequences")),
                area("measures", Text("hazardStory.requiredMeasures"), required: true),
                date("deadline", Text("hazardStory.deadline"), required: true),
            ]
        case .acknowledgeNotice: return []
        case .submitPlan:
            return [
                area("target", Text("hazardStory.target")), area("methods", Text("hazardStory.methods")),
                text("funds", Text("hazardStory.funds")), text("organisation", Text("hazardStory.organisation")),
                date("timeLimit", Text("hazardStory.timeLimit"), required: true),
                area("safetyMeasures", Text("hazardStory.safetyMeasures")),
            ]
        case .approvePlan: return [note]
        case .rejectPlan: return [area("reason", Text("hazardPages.reason"), required: true)]
        case .startRectification: return []
        case .requestExtension:
            return [area("reason", Text("hazardPages.reason2"), required: true), date("until", Text("hazardPages.until"), required: true)]
        case .approveExtension: return [note]
        case .denyExtension: return [area("note", Text("hazardPages.reason3"), required: true)]
        case .submitRectification:
            return [
                area("measuresTaken", Text("hazardStory.measuresTaken"), required: true),
                date("completedAt", Text("hazardStory.completed")), text("funds", Text("hazardStory.funds2")),
                photos(Text("hazardPages.photosAfter")),
            ]
        case .acceptPass:
            return [
                area("criteria", Text("hazardStory.criteria"), required: true), area("opinion", Text("hazardStory.opinion")),
                photos(Text("hazardPages.acceptancePhotos")),
            ]
        case .acceptFail:
            // What the acceptor saw is evidence of the failure too.
            return [
                area("criteria", Text("hazardStory.criteria"), required: true), area("reason", Text("hazardPages.reason4"), required: true),
                photos(Text("hazardPages.acceptancePhotos")),
            ]
        case .list: return [text("order", Text("hazardPages.supervisionOrder"), required: true)]
        case .liftListing: return [note]
        case .cancel: return [area("reason", Text("hazardPages.reason5"), required: true)]
        case .report, .grade: return []
        }
    }

    @Sendable func show(_ request: Request, context: ServerContext) async throws -> HTML {
        try await page(try context.parameters.require("key"), request: request, context: context)
    }

    /// An action's form that was refused: which action, its fields as typed and the reason in words beside it.
    struct Refused {
        /// The action's slug: a hazard action's or a product action's.
        var slug: String
        var refusal: FormRefusal
    }

    /// The hazard's page: the actions this person may take now at the top (with the last failed acceptance's reasons
    /// for the rectifier), then the facts, the notice, plans, submissions and acceptances, the files, and the timeline
    /// in words.
    func page(
        _ key: String,
        refused: Refused? = nil,
        request: Request,
        context: ServerContext
    ) async throws -> HTML {
        let person = try context.requirePerson()
        let viewer = try context.requireViewer()
        let l = context.language
        let hazard = try await repository.hazard(key, visibleTo: viewer)
        let timeline = try await repository.history(objectType: "hazard", objectID: hazard.id, visibleTo: viewer)
        let evidence = try await repository.evidence(of: hazard.id, visibleTo: viewer)
        let products = try await repository.products(of: String(hazard.id), visibleTo: viewer)
        let names = try await Names.load(
            repository,
            viewer: viewer,
            enterpriseIDs: [hazard.enterpriseID],
            people: timeline.map(\.actorID) + ProductsView.people(products)
        )
        let dates = LocalDates(names.localTime(hazard.enterpriseID), language: l)
        let now = context.now
        let people = try await repository.people(enterpriseID: hazard.enterpriseID, visibleTo: viewer)
        let steps = timeline.compactMap { HazardStory.Step(auditAction: $0.action, at: $0.at, actorID: $0.actorID, actorName: $0.actorName) }
        let story = HazardStory(hazard, steps: steps, evidence: evidence, names: names, language: l)
        func view(path: String, slug: String, label: String, fields given: [FieldView], danger: Bool) -> ActionView {
            var fields = given
            let failed = refused?.slug == slug ? refused?.refusal : nil
            if let failed {
                for index in fields.indices {
                    let typed = failed[fields[index].name]
                    fields[index].value = typed
                    fields[index].options = fields[index].options.map { option in
                        var option = option
                        option.selected = option.value == typed
                        return option
                    }
                }
            }
            return ActionView(
                path: path,
                label: label,
                fields: fields,
                multipart: fields.contains { $0.file },
                danger: danger,
                open: failed != nil,
                refusal: failed
            )
        }
        let actions =
            hazard.availableActions(for: person.actor, at: now).map { action in
                view(
                    path: "/hazards/\(hazard.id)/\(action.slug)",
                    slug: action.slug,
                    label: action.label(l),
                    fields: Self.form(for: action, people: people, language: l),
                    danger: [.cancel, .acceptFail, .rejectPlan, .denyExtension].contains(action)
                )
            }
            + products.availableActions(on: hazard, for: person.actor, at: now).map { action in
                view(
                    path: "/hazards/\(hazard.id)/products/\(action.slug)",
                    slug: action.slug,
                    label: action.label(l),
                    fields: Self.form(for: action, products: products, language: l),
                    danger: false
                )
            }
        struct Fact {
            var label: String
            var value: String
        }
        let standing = hazard.deadlineStanding(at: now)
        var facts = [
            Fact(label: Text("hazardPages.enterprise")(l), value: names.enterprise(hazard.enterpriseID)),
            Fact(
                label: Text("hazardPages.location")(l),
                value: [names.place(workshop: hazard.workshopID, team: hazard.teamID, post: hazard.postID), hazard.location].filter { !$0.isEmpty }
                    .joined(separator: " · ")
            ),
            Fact(label: Text("hazardPages.grade")(l), value: hazard.grade.label(l)),
            Fact(label: Text("hazardPages.source")(l), value: hazard.source.label(l)),
            Fact(label: Text("hazardPages.found")(l), value: "\(dates.minute(hazard.foundAt)) · \(names.person(hazard.foundBy))"),
            Fact(
                label: Text("hazardPages.state")(l),
                value: hazard.state.label(l) + (hazard.isListed ? Text("hazardPages.listedSupervision")(l) : "")
            ),
            Fact(label: Text("hazardPages.owner")(l), value: names.person(hazard.ownerID)),
        ]
        if let deadline = hazard.deadline {
            facts.append(Fact(label: Text("hazardStory.deadline")(l), value: dates.deadline(deadline) + (standing.note?(l) ?? "")))
        }
        struct Photo {
            var href: String
            var label: String
            var name: String
            var image: Bool
        }
        let photos = evidence.map { item in
            let label: Text =
                switch item.label {
                case "before": Text("hazardPages.before")
                case "after": Text("hazardPages.after")
                default: Text("hazardPages.document")
                }
            return Photo(
                href: "/hazards/\(hazard.id)/evidence/\(item.sha256)",
                label: label(l),
                name: item.fileName,
                image: HazardStory.isImage(item.fileName)
            )
        }
        struct Block {
            var title: String
            var lines: [HazardStory.Line]
            var files: [Photo]
            var failed: Bool
            // Stored, not computed: the templates see stored properties only.
            var hasFiles: Bool

            init(title: String, lines: [HazardStory.Line], files: [Photo], failed: Bool) {
                self.title = title
                self.lines = lines
                self.files = files
                self.failed = failed
                hasFiles = !files.isEmpty
            }
        }
        func files(_ list: [HazardStory.File]) -> [Photo] {
            list.map { Photo(href: "/hazards/\(hazard.id)/evidence/\($0.sha256)", label: "", name: $0.name, image: $0.isImage) }
        }
        // Plans, submissions and acceptances in the order they happened: each submission followed by its acceptance.
        var work: [Block] = story.plans.map { Block(title: $0.title, lines: $0.lines, files: [], failed: false) }
        for (index, submission) in story.submissions.enumerated() {
            work.append(Block(title: submission.title, lines: submission.lines, files: files(submission.files), failed: false))
            if index < story.acceptances.count {
                let acceptance = story.acceptances[index]
                work.append(Block(title: acceptance.title, lines: acceptance.lines, files: files(acceptance.files), failed: !acceptance.passed))
            }
        }
        struct Model {
            var id: Int64
            var number: String
            var description: String
            var facts: [Fact]
            var actions: [ActionView]
            var events: [HazardStory.Event]
            var photos: [Photo]
            var notice: [HazardStory.Line]
            var work: [Block]
            var rejection: Block?
            var refusedElsewhere: FormRefusal?
            var hasNotice: Bool
            var hasSubmission: Bool
            var overdue: Bool
            var major: Bool
            var hasPhotos: Bool
            var products: ProductsView
            var hasProducts: Bool
        }
        let productsView = ProductsView(products, hazard: hazard, names: names, at: now, language: l)
        // A refusal whose form is not on the page (the action is no longer allowed): said above the actions.
        let elsewhere = refused.flatMap { r in actions.contains { $0.open } ? nil : r.refusal }
        return try pages.page(
            "hazard",
            title: Text("hazardPages.hazard").appending(hazard.number),
            Model(
                id: hazard.id,
                number: hazard.number,
                description: hazard.description,
                facts: facts,
                actions: actions,
                events: story.events,
                photos: photos,
                notice: story.notice,
                work: work,
                rejection: story.rejection.map { Block(title: $0.title, lines: $0.lines, files: files($0.files), failed: true) },
                refusedElsewhere: elsewhere,
                hasNotice: hazard.notice != nil,
                hasSubmission: !hazard.submissions.isEmpty,
                overdue: standing.isOverdue,
                major: hazard.grade == .major,
                hasPhotos: !photos.isEmpty,
                products: productsView,
                hasProducts: !productsView.isEmpty
            ),
            request: request,
            context: context,
            status: refused?.refusal.status ?? .ok
        )
    }

    @Sendable func act(_ request: Request, context: ServerContext) async throws -> Response {
        let actor = try context.requirePerson().actor
        let (key, action) = try HazardInput.keyAndAction(context)
        let form = try await PageForm.read(request, context: context)
        return try await FormRefusal.answer(form, request: request, context: context) {
            let body = try HazardInput.body(form.fields)
            let (hazard, _) = try await form.withEvidence(label: action == .submitRectification ? "after" : "document") { files in
                try await repository.perform(
                    try HazardInput.command(action, body, evidence: files, now: context.now, label: Self.labels(of: action, context.language)),
                    on: key,
                    by: actor,
                    at: context.now
                )
            }
            return Response(status: .seeOther, headers: [.location: "/hazards/\(hazard.id)"])
        } again: { refusal in
            // The same page again, the form open with what was typed and the reason beside it.
            try await page(key, refused: Refused(slug: action.slug, refusal: refusal), request: request, context: context)
        }
    }

    /// The printable notice (A4, like the paper form): 404 until a notice was issued. The same view as the text form.
    @Sendable func notice(_ request: Request, context: ServerContext) async throws -> HTML {
        let viewer = try context.requireViewer()
        let hazard = try await repository.hazard(try context.parameters.require("key"), visibleTo: viewer)
        let names = try await Names.load(
            repository,
            viewer: viewer,
            enterpriseIDs: [hazard.enterpriseID],
            people: hazard.notice.map { [$0.issuedBy] } ?? []
        )
        guard let form = NoticeFormView(hazard, names: names) else { throw NotFoundError(what: "rectification notice", key: hazard.number) }
        return try pages.page(
            "print-notice",
            title: Text("hazardPages.rectificationNotice").appending(form.number),
            form,
            request: request,
            context: context
        )
    }

    /// The printable acceptance form: 404 until a rectification was submitted. The same view as the text form.
    @Sendable func acceptance(_ request: Request, context: ServerContext) async throws -> HTML {
        let viewer = try context.requireViewer()
        let hazard = try await repository.hazard(try context.parameters.require("key"), visibleTo: viewer)
        let evidence = try await repository.evidence(of: hazard.id, visibleTo: viewer)
        let names = try await Names.load(
            repository,
            viewer: viewer,
            enterpriseIDs: [hazard.enterpriseID],
            people: hazard.acceptances.map(\.acceptorID)
        )
        guard let form = AcceptanceFormView(hazard, evidence: evidence, names: names) else {
            throw NotFoundError(what: "rectification submission", key: hazard.number)
        }
        return try pages.page(
            "print-acceptance",
            title: Text("hazardPages.acceptanceForm").appending(hazard.number),
            form,
            request: request,
            context: context
        )
    }

    /// An evidence file of a hazard this person may see (and only one listed for that hazard).
    @Sendable func evidenceFile(_ request: Request, context: ServerContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let hazard = try await repository.hazard(try context.parameters.require("key"), visibleTo: viewer)
        let sha = try context.parameters.require("sha")
        let (item, data) = try await repository.evidenceContents(sha, of: hazard.id, visibleTo: viewer)
        let lower = item.fileName.lowercased()
        let type =
            lower.hasSuffix(".png")
            ? "image/png"
            : lower.hasSuffix(".jpg") || lower.hasSuffix(".jpeg")
                ? "image/jpeg"
                : lower.hasSuffix(".gif") ? "image/gif" : lower.hasSuffix(".webp") ? "image/webp" : "application/octet-stream"
        return Response(
            status: .ok,
            headers: [.contentType: type, .cacheControl: "private, max-age=86400", .init("x-content-type-options")!: "nosniff"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
