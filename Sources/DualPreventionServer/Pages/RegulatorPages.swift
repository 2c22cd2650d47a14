import DualPrevention
import DualPreventionPresentation
import DualPreventionStore
import Foundation
import Hummingbird

/// The regulator's pages (the jurisdiction tree with its figures, drill-down to an enterprise, credit grades, list
/// review) and the benchmark report for assessors. Every enterprise shown is one the store lets this person see.
struct RegulatorPages {
    let pages: Pages
    var repository: any Repository { pages.repository }

    /// Figures are over the last twelve months, as the credit grade counts them.
    static func since(_ now: Date) -> Date { Months.before(now, 12) }

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.get("enterprises/{id}", use: enterprise)
        group.get("credit", use: credit)
        group.get("credit/{id}", use: creditDetail)
        group.get("credit/{id}/print", use: creditNotice)
        group.get("lists", use: lists)
        group.post("lists/{id}/review", use: review)
        group.post("lists/publish", use: publish)
        group.get("benchmark", use: benchmark)
        group.get("benchmark/report", use: benchmarkReport)
    }

    struct Figures {
        var enterprises: Int
        var found: Int
        var open: Int
        var closedLoop: String
        var onTime: String
        var overdue: Int
        var badMajor: Int
        var missedChecks: Int
    }

    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }

    static func figures(_ loop: DualPreventionPerformance.LoopTally, enterprises: Int, open: Int, missed: Int) -> Figures {
        Figures(
            enterprises: enterprises,
            found: loop.found,
            open: open,
            closedLoop: percent(loop.closedLoopRate),
            onTime: percent(loop.onTimeRate),
            overdue: loop.overdue,
            badMajor: loop.overdueOrListedMajor,
            missedChecks: missed
        )
    }

    struct NodeView {
        var id: Int64
        var name: String
        var level: String
        var depth: Int
        var indent: Int
        var figures: Figures
        var enterprises: [EnterpriseRow]
        /// Enterprises of this region not listed here (see `?node=`); nil when none (a template shows a 0).
        var more: Int?
    }

    struct EnterpriseRow {
        var id: Int64
        var name: String
        var figures: Figures
        var grade: String
    }

    /// Enterprises listed under one region on the overview; the rest are a click away (`?node=`).
    static let enterprisesPerNode = 50
    /// Above this many enterprises in sight, the overview lists regions only.
    static let listedUpTo = 500
    /// Hazards listed in each of the overview's two lists (listed for supervision, overdue); the hazard list has all.
    static let hazardsPerList = 50

    /// The jurisdiction tree under the regulator (everything for an administrator), each region with the figures of
    /// every enterprise under it, and its own enterprises listed for drill-down. The database counts; this adds up
    /// per region. `?node=` roots the tree at one region in sight and lists all of its enterprises.
    func overview(_ request: Request, _ context: ServerContext) async throws -> HTML {
        let person = try context.requirePerson()
        let viewer = try context.requireViewer()
        let now = context.now
        // Independent reads, run side by side on the pool's readers: the figures, the tree and the two hazard lists.
        let first = PageRequest(offset: 0, limit: Self.hazardsPerList)
        async let figuresRead = repository.enterpriseFigures(asOf: now, since: Self.since(now), visibleTo: viewer)
        async let listedRead = repository.hazardPage(HazardFilter(listed: true), page: first, visibleTo: viewer)
        async let overdueRead = repository.hazardPage(HazardFilter(overdueAt: now), page: first, visibleTo: viewer)
        let all = try await repository.jurisdictions()
        let figures = try await figuresRead
        let paths = Self.rootPaths(all)
        // The subtree under the regulator's own jurisdiction; an administrator sees the whole tree.
        let ownRoot: Int64? = person.role == .regulator ? (person.jurisdictionID ?? -1) : nil
        let focus = request.uri.queryParameters.get("node", as: Int64.self)
        let rootID: Int64? = focus.flatMap { id in ownRoot.map { paths[id]?.contains($0) ?? false } ?? (paths[id] != nil) ? id : nil } ?? ownRoot
        let shown = all.filter { j in rootID.map { paths[j.id]?.contains($0) ?? false } ?? true }
        let rootDepth = rootID.flatMap { paths[$0]?.count } ?? 1  // a regulator without a jurisdiction sees an empty tree
        let l = context.language
        func row(_ e: EnterpriseFigures) -> EnterpriseRow {
            EnterpriseRow(
                id: e.enterpriseID,
                name: e.name,
                figures: Self.figures(e.loop, enterprises: 1, open: e.open, missed: e.missedChecks),
                grade: e.grade.map { "\($0.rawValue) (\(String(format: "%.1f", e.score ?? 0)))" } ?? "—"
            )
        }
        struct Sum {
            var loop = DualPreventionPerformance.LoopTally.zero
            var open = 0
            var missed = 0
            var count = 0
            var own: [EnterpriseFigures] = []
        }
        var sums: [Int64: Sum] = [:]
        for e in figures {
            sums[e.jurisdictionID, default: Sum()].own.append(e)
            for node in paths[e.jurisdictionID] ?? [] {
                sums[node, default: Sum()].loop = sums[node, default: Sum()].loop + e.loop
                sums[node, default: Sum()].open += e.open
                sums[node, default: Sum()].missed += e.missedChecks
                sums[node, default: Sum()].count += 1
            }
        }
        // A whole province lists its regions only; each region's enterprises are one click away.
        let perNode = focus != nil ? Int.max : figures.count > Self.listedUpTo ? 0 : Self.enterprisesPerNode
        let nodes = shown.sorted { (paths[$0.id] ?? []).lexicographicallyPrecedes(paths[$1.id] ?? []) }.map { j -> NodeView in
            let sum = sums[j.id] ?? Sum()
            let depth = (paths[j.id]?.count ?? 1) - rootDepth
            return NodeView(
                id: j.id,
                name: j.name,
                level: j.level.label(l),
                depth: depth,
                indent: depth * 18,
                figures: Self.figures(sum.loop, enterprises: sum.count, open: sum.open, missed: sum.missed),
                enterprises: sum.own.prefix(perNode).map(row),
                more: sum.own.count > perNode ? sum.own.count - perNode : nil
            )
        }
        let distribution = CreditGrade.allCases.map { grade in
            EnterprisePages.Count(label: grade.rawValue, count: figures.count { $0.grade == grade }, href: "/credit")
        }
        let listedMajor = try await listedRead
        let overdueList = try await overdueRead
        let names = try await Names.loadEnterprises(repository, viewer: viewer, ids: (listedMajor.items + overdueList.items).map(\.enterpriseID))
        struct Model {
            var nodes: [NodeView]
            var distribution: [EnterprisePages.Count]
            var listed: [EnterprisePages.HazardRow]
            var overdue: [EnterprisePages.HazardRow]
            var listedMore: Int?
            var overdueMore: Int?
        }
        func more(_ page: Paged<Hazard>) -> Int? { page.total > page.items.count ? page.total - page.items.count : nil }
        return try pages.page(
            "overview",
            title: Text("regulatorPages.jurisdictionOverview"),
            Model(
                nodes: nodes,
                distribution: distribution,
                listed: listedMajor.items.map { EnterprisePages.row($0, names: names, now: now, language: l) },
                overdue: overdueList.items.map { EnterprisePages.row($0, names: names, now: now, language: l) },
                listedMore: more(listedMajor),
                overdueMore: more(overdueList)
            ),
            request: request,
            context: context
        )
    }

    /// Each jurisdiction's path from the root down to itself, from the parent ids: sorted, the paths put every
    /// region right under its parent (depth first).
    static func rootPaths(_ all: [Jurisdiction]) -> [Int64: [Int64]] {
        let parent = Dictionary(all.map { ($0.id, $0.parentID) }, uniquingKeysWith: { first, _ in first })
        var paths: [Int64: [Int64]] = [:]
        for j in all {
            var path: [Int64] = []
            var next: Int64? = j.id
            while let id = next, !path.contains(id) {
                path.append(id)
                next = parent[id] ?? nil
            }
            paths[j.id] = path.reversed()
        }
        return paths
    }

    /// One enterprise: its figures, its risk chart, its hazards and its credit grade.
    @Sendable func enterprise(_ request: Request, context: ServerContext) async throws -> HTML {
        let viewer = try context.requireViewer()
        let l = context.language
        let enterprise = try await repository.enterprise(try context.parameters.require("id"), visibleTo: viewer)
        let now = context.now
        let metrics = try await repository.performance(enterpriseID: enterprise.id, asOf: now, since: Self.since(now), visibleTo: viewer)
        // The first page of its hazards; the hazard list pages through the rest.
        let hazards = try await repository.hazardPage(
            HazardFilter(enterpriseID: enterprise.id),
            page: PageRequest(limit: HazardPages.pageSize),
            visibleTo: viewer
        )
        let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: [enterprise.id])
        let points = try await repository.riskPoints(RiskFilter(enterpriseID: enterprise.id), visibleTo: viewer)
        let chart = FourColourChart.svg(FourColourChart.rows(names.workshops.values.sorted { $0.id < $1.id }, points), language: l)
        struct Metric {
            var label: String
            var value: String
        }
        func value(_ key: String, percent: Bool) -> String {
            guard let v = metrics[key]?.value else { return "—" }
            return percent ? Self.percent(v) : String(Int(v))
        }
        let shown = [
            Metric(label: Text("regulatorPages.closedLoopRate")(l), value: value("dualPrevention.closedLoopRate", percent: true)),
            Metric(label: Text("regulatorPages.timeRate")(l), value: value("dualPrevention.onTimeRate", percent: true)),
            Metric(label: Text("regulatorPages.missedChecks")(l), value: value("dualPrevention.missedChecks", percent: false)),
            Metric(
                label: Text("regulatorPages.overdueListedMajorHazards")(l),
                value: value("dualPrevention.overdueOrListedMajor", percent: false)
            ),
            Metric(label: Text("regulatorPages.repeatHazards")(l), value: value("dualPrevention.repeatHazards", percent: false)),
            Metric(label: Text("regulatorPages.riskPointsGradedTime")(l), value: value("dualPrevention.gradedOnTimeShare", percent: true)),
        ]
        let latest = try await repository.latestCreditGrades(enterpriseIDs: [enterprise.id], visibleTo: viewer).first
        struct Model {
            var id: Int64
            var name: String
            var creditCode: String
            var metrics: [Metric]
            var chart: String
            var hazards: [EnterprisePages.HazardRow]
            var moreHazards: Int?
            var grade: String?
        }
        return try pages.page(
            "enterprise",
            title: Text("regulatorPages.enterprise").appending(enterprise.name),
            Model(
                id: enterprise.id,
                name: enterprise.name,
                creditCode: enterprise.creditCode.value,
                metrics: shown,
                chart: chart,
                hazards: hazards.items.map { EnterprisePages.row($0, names: names, now: now, language: l) },
                moreHazards: hazards.total > hazards.items.count ? hazards.total - hazards.items.count : nil,
                grade: latest.map { "\($0.grade.rawValue) · \(String(format: "%.1f", $0.score))" }
            ),
            request: request,
            context: context
        )
    }

    struct GradeRow {
        var enterpriseID: Int64
        var enterprise: String
        var grade: String
        var score: String
        var asOf: String
        var stored: Bool
        var vetoes: String
    }

    /// Enterprises per page of the credit grades.
    static let creditPageSize = 100

    /// The credit grade of every enterprise in sight: the last stored grade, or one computed now (not stored).
    /// A page at a time: the ones computed now are computed together, and beyond one page the distribution counts
    /// the stored grades in the database rather than grading a whole province on every view.
    @Sendable func credit(_ request: Request, context: ServerContext) async throws -> HTML {
        let viewer = try context.requireViewer()
        let l = context.language
        let now = context.now
        let offset = ListPaging.offset(request)
        // Only the page's enterprises are read; the database counts the rest.
        let page = try await repository.enterprisePage(page: PageRequest(offset: offset, limit: Self.creditPageSize), visibleTo: viewer)
        let shown = page.items
        let stored = Dictionary(
            try await repository.latestCreditGrades(enterpriseIDs: shown.map(\.id), visibleTo: viewer).map { ($0.enterpriseID, $0) },
            uniquingKeysWith: { a, _ in a }
        )
        var grades = stored
        if let rules = pages.rules.credit {
            let missing = shown.filter { stored[$0.id] == nil }.map { CreditGradeRequest(enterpriseID: $0.id, asOf: now, since: Self.since(now)) }
            for grade in try await repository.assessCredits(missing, rules: rules, visibleTo: viewer, progress: { _, _ in }) {
                grades[grade.enterpriseID] = grade
            }
        }
        let local = try LocalTime()
        let rows = shown.map { e in
            let grade = grades[e.id]
            // Each grade's date in its enterprise's time zone.
            let dates = LocalDates((try? LocalTime(timeZoneID: e.timeZoneID)) ?? local, language: l)
            return GradeRow(
                enterpriseID: e.id,
                enterprise: e.name,
                grade: grade?.grade.rawValue ?? "—",
                score: grade.map { String(format: "%.1f", $0.score) } ?? "—",
                asOf: grade.map { dates.day($0.asOf) } ?? "",
                stored: grade?.id ?? 0 > 0,
                vetoes: grade?.assessment.vetoes.map { $0.name(l) }.joined(separator: "；") ?? ""
            )
        }
        let total = page.total
        let paged = total > Self.creditPageSize
        let counts: [CreditGrade: Int] =
            paged
            ? try await repository.latestCreditGradeCounts(visibleTo: viewer)
            : Dictionary(grouping: rows.compactMap { CreditGrade(rawValue: $0.grade) }, by: { $0 }).mapValues(\.count)
        let distribution = CreditGrade.allCases.map { g in EnterprisePages.Count(label: g.rawValue, count: counts[g] ?? 0, href: "/credit") }
        let most = max(1, distribution.map(\.count).max() ?? 1)
        struct Bar {
            var label: String
            var count: Int
            var width: Int
        }
        struct Model {
            var rows: [GradeRow]
            var bars: [Bar]
            var unstored: Int?
            var paging: ListPaging
        }
        return try pages.page(
            "credit",
            title: Text("regulatorPages.qualityCreditGrades"),
            Model(
                rows: rows,
                bars: distribution.map { Bar(label: $0.label, count: $0.count, width: 10 + 290 * $0.count / most) },
                unstored: paged ? total - counts.values.reduce(0, +) : nil,
                paging: ListPaging(total: total, offset: offset, size: Self.creditPageSize, path: "/credit", request: request)
            ),
            request: request,
            context: context
        )
    }

    func latestOrComputed(_ enterpriseID: Int64, viewer: Viewer, now: Date) async throws -> CreditGradeRecord? {
        if let latest = try await repository.latestCreditGrades(enterpriseIDs: [enterpriseID], visibleTo: viewer).first { return latest }
        guard let rules = pages.rules.credit else { return nil }
        return try await repository.assessCredit(enterpriseID: enterpriseID, rules: rules, asOf: now, since: Self.since(now), visibleTo: viewer)
    }

    /// One grade explained group by group in the reader's language, each item with the records behind it linked to
    /// their pages, the sum of the items and the score it rounds to, the vetoes and the measure; then the enterprise's
    /// stored grades, newest first, each with what changed since the one before and why.
    @Sendable func creditDetail(_ request: Request, context: ServerContext) async throws -> HTML {
        let viewer = try context.requireViewer()
        let enterprise = try await repository.enterprise(try context.parameters.require("id"), visibleTo: viewer)
        guard let grade = try await latestOrComputed(enterprise.id, viewer: viewer, now: context.now) else {
            throw NotFoundError(what: "credit grade", key: enterprise.name)
        }
        let stored = try await repository.creditGrades(enterpriseID: enterprise.id, visibleTo: viewer)
        let directory = try await evidenceDirectory(
            enterprise.id,
            keys: CreditGradeView.evidenceKeys(grade) + CreditHistoryView.evidenceKeys(stored),
            viewer: viewer
        )
        let dates = LocalDates(try LocalTime(timeZoneID: enterprise.timeZoneID), language: context.language)
        struct Model {
            var enterpriseID: Int64
            var enterprise: String
            var creditCode: String
            var view: CreditGradeView
            var history: CreditHistoryView
            var hasHistory: Bool
        }
        return try pages.page(
            "credit-detail",
            title: Text("regulatorPages.creditGrade").appending(enterprise.name),
            Model(
                enterpriseID: enterprise.id,
                enterprise: enterprise.name,
                creditCode: enterprise.creditCode.value,
                view: CreditGradeView(grade, rules: pages.rules.credit, directory: directory, dates: dates),
                history: CreditHistoryView(stored, directory: directory, dates: dates),
                hasHistory: !stored.isEmpty
            ),
            request: request,
            context: context
        )
    }

    /// The grade notice (质量信用等级告知书) on one A4 page: the enterprise, the period graded and the rules, each
    /// group's points, the score and grade, any veto, the change since the previous grade, the measure and the honours
    /// to revoke, with places for the grading office's seal and the enterprise's receipt.
    @Sendable func creditNotice(_ request: Request, context: ServerContext) async throws -> HTML {
        let viewer = try context.requireViewer()
        let enterprise = try await repository.enterprise(try context.parameters.require("id"), visibleTo: viewer)
        // A notice is issued for a stored grade only: one computed for the view has no date or grader to stand behind it.
        guard let grade = try await latestOrComputed(enterprise.id, viewer: viewer, now: context.now), grade.id > 0 else {
            throw NotFoundError(what: "stored credit grade", key: enterprise.name)
        }
        let directory = try await evidenceDirectory(enterprise.id, keys: CreditGradeView.evidenceKeys(grade), viewer: viewer)
        let dates = LocalDates(try LocalTime(timeZoneID: enterprise.timeZoneID), language: context.language)
        // The regulator who computed and stored it; a grade computed for this view has no one to sign it yet.
        let grader = try? await repository.person(String(grade.computedBy))
        struct Model {
            var enterpriseID: Int64
            var enterprise: String
            var creditCode: String
            var view: CreditGradeView
            var gradedBy: String
            var issuedOn: String
            var hasHonours: Bool
        }
        return try pages.page(
            "print-grade",
            title: Text("regulatorPages.creditGradeNotice").appending(enterprise.name),
            Model(
                enterpriseID: enterprise.id,
                enterprise: enterprise.name,
                creditCode: enterprise.creditCode.value,
                view: CreditGradeView(grade, rules: pages.rules.credit, directory: directory, dates: dates),
                gradedBy: grader?.name ?? "",
                issuedOn: dates.day(grade.computedAt),
                hasHonours: !grade.honoursToRevoke.isEmpty
            ),
            request: request,
            context: context
        )
    }

    /// Hazards whose numbers a grade page reads one by one; any beyond show by their id, still linked.
    static let hazardLookups = 60

    /// What the evidence keys name, read for one enterprise: only the kinds of record the keys mention.
    func evidenceDirectory(_ enterpriseID: Int64, keys: [String], viewer: Viewer) async throws -> CreditEvidenceDirectory {
        let wanted = CreditEvidenceDirectory.Wanted(keys)
        var directory = CreditEvidenceDirectory(enterpriseID: enterpriseID)
        if !wanted.people.isEmpty {
            for person in try await repository.people(enterpriseID: enterpriseID, visibleTo: viewer) where wanted.people.contains(person.id) {
                directory.people[person.id] = person
            }
        }
        if !wanted.records.isEmpty {
            for record in try await repository.qualityRecords(enterpriseID: enterpriseID, kind: nil, visibleTo: viewer)
            where wanted.records.contains(record.id) {
                directory.records[record.id] = record
            }
        }
        if !wanted.riskPoints.isEmpty {
            for point in try await repository.riskPoints(RiskFilter(enterpriseID: enterpriseID), visibleTo: viewer)
            where wanted.riskPoints.contains(point.id) {
                directory.riskPoints[point.id] = point.name
            }
        }
        if !wanted.checkPlans.isEmpty {
            for plan in try await repository.checkPlans(enterpriseID: enterpriseID, visibleTo: viewer) where wanted.checkPlans.contains(plan.id) {
                directory.checkPlans[plan.id] = plan.kind
            }
        }
        if !wanted.warningTasks.isEmpty {
            for (taskID, warning) in try await repository.warnings(ofTasks: wanted.warningTasks.sorted(), visibleTo: viewer) {
                directory.warnings[taskID] = CreditEvidenceDirectory.Warning(id: warning.id, number: warning.number, title: warning.title)
            }
        }
        for id in wanted.hazards.sorted().prefix(Self.hazardLookups) {
            // A hazard that cannot be read shows by its id (still linked) rather than failing the grade's page.
            if let hazard = try? await repository.hazard(String(id), visibleTo: viewer) { directory.hazardNumbers[id] = hazard.number }
        }
        return directory
    }

    /// List entries in sight, newest quarter first, with review forms for the ones this regulator may review.
    @Sendable func lists(_ request: Request, context: ServerContext) async throws -> HTML {
        let person = try context.requirePerson()
        let viewer = try context.requireViewer()
        let l = context.language
        let entries = try await repository.listEntries(quarter: nil, visibleTo: viewer)
        // A published entry is said as the public sees it now: a red entry a later breach dropped is no longer shown.
        // (Without the list rules the server was started with, it says each entry's state.)
        var seen: [ListingLine] = []
        if let rules = pages.rules.lists { seen = try await repository.listingLines(of: entries, rules: rules, at: context.now) }
        let visibility = Dictionary(seen.map { ($0.entry.id, $0.visibility) }, uniquingKeysWith: { first, _ in first })
        let local = try LocalTime()
        let names = try await Names.load(
            repository,
            viewer: viewer,
            enterpriseIDs: entries.map(\.enterpriseID),
            people: entries.flatMap { [$0.proposedBy] + ($0.reviewedBy.map { [$0] } ?? []) }
        )
        struct Row {
            var id: Int64
            var quarter: String
            var enterprise: String
            var list: String
            var black: Bool
            var area: String
            var criterion: String
            var evidence: String
            var state: String
            var proposedBy: String
            var reviewer: String
            var note: String
            var reviewable: Bool
        }
        let rows = entries.sorted { ($0.quarter, $1.id) > ($1.quarter, $0.id) }.map { e in
            Row(
                id: e.id,
                quarter: e.quarter,
                enterprise: names.enterprise(e.enterpriseID),
                list: e.list.label(l),
                black: e.list == .black,
                area: e.area.label(l),
                criterion: e.criterionName(l),
                evidence: e.evidence.joined(separator: " "),
                state: visibility[e.id].map { ListingStatus.text($0, local: local, language: l) } ?? e.state.label(l),
                proposedBy: names.personOrID(e.proposedBy),
                reviewer: e.reviewedBy.map(names.personOrID) ?? "",
                note: e.reviewNote,
                reviewable: person.role == .regulator && e.state == .proposed && e.proposedBy != person.id
            )
        }
        let quarters = Set(entries.filter { $0.state == .approved }.map(\.quarter)).sorted()
        struct Model {
            var rows: [Row]
            var publishable: [String]
            var regulator: Bool
        }
        return try pages.page(
            "lists",
            title: Text("regulatorPages.redBlackLists"),
            Model(rows: rows, publishable: person.role == .regulator ? quarters : [], regulator: person.role == .regulator),
            request: request,
            context: context
        )
    }

    @Sendable func review(_ request: Request, context: ServerContext) async throws -> SeeOther {
        let actor = try context.requirePerson().actor
        let form = try await PageForm.read(request, context: context)
        let id = try context.parameters.require("id", as: Int64.self)
        _ = try await repository.reviewListEntry(id, approve: form["decision"] == "approve", note: form["note"] ?? "", by: actor, at: context.now)
        return SeeOther(location: "/lists")
    }

    @Sendable func publish(_ request: Request, context: ServerContext) async throws -> SeeOther {
        let actor = try context.requirePerson().actor
        let form = try await PageForm.read(request, context: context)
        _ = try await repository.publishLists(quarter: try RequestInput.required(form["quarter"], "quarter"), by: actor, at: context.now)
        return SeeOther(location: "/lists")
    }

    /// The benchmark form: an enterprise in sight and a period.
    @Sendable func benchmark(_ request: Request, context: ServerContext) async throws -> HTML {
        let viewer = try context.requireViewer()
        let enterprises = try await repository.enterprises(visibleTo: viewer)
        let year = Calendar(identifier: .gregorian).component(.year, from: context.now)
        struct Model {
            var enterprises: [EnterprisePages.Option]
            var period: String
            var baseline: String
        }
        return try pages.page(
            "benchmark",
            title: Text("regulatorPages.benchmarkAssessment"),
            Model(
                enterprises: enterprises.map { EnterprisePages.Option(value: String($0.id), label: $0.name, selected: false) },
                period: String(year),
                baseline: String(year - 1)
            ),
            request: request,
            context: context
        )
    }

    /// The self-contained benchmark report, as `dualprev benchmark assess --report` writes it.
    @Sendable func benchmarkReport(_ request: Request, context: ServerContext) async throws -> HTML {
        let viewer = try context.requireViewer()
        let query = request.uri.queryParameters
        guard let rules = pages.rules.benchmark else { throw Problem.missingAssets("benchmark rules") }
        let period = try ReportingPeriod(String(try RequestInput.required(query.get("period"), "period")), field: "period")
        let baseline =
            try query.get("baseline").flatMap { $0.isEmpty ? nil : $0 }.map { try ReportingPeriod(String($0), field: "baseline") }
            ?? period.yearBefore
        let inputs = try await repository.benchmarkInputs(
            enterprise: String(try RequestInput.required(query.get("enterprise"), "enterprise")),
            visibleTo: viewer
        )
        let assessment = try BenchmarkAssessor.assess(inputs, rules: rules, period: period, baseline: baseline, at: context.now)
        let report = BenchmarkReportHTML.render(assessment, enterpriseName: inputs.enterprise.name, language: context.language, appLink: "/benchmark")
        return HTML(text: report)
    }
}
