import DualPrevention
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

    static func figures(_ counts: DualPreventionPerformance.LoopCounts, enterprises: Int, open: Int, missed: Int) -> Figures {
        Figures(enterprises: enterprises, found: counts.found.count, open: open, closedLoop: percent(counts.closedLoopRate),
                onTime: percent(counts.onTimeRate), overdue: counts.overdue.count, badMajor: counts.overdueOrListedMajor.count, missedChecks: missed)
    }

    struct NodeView {
        var id: Int64
        var name: String
        var level: String
        var depth: Int
        var indent: Int
        var figures: Figures
        var enterprises: [EnterpriseRow]
    }

    struct EnterpriseRow {
        var id: Int64
        var name: String
        var figures: Figures
        var grade: String
    }

    /// The jurisdiction tree under the regulator (everything for an administrator), each region with the figures of
    /// every enterprise under it, and its own enterprises listed for drill-down.
    func overview(_ request: Request, _ context: ServerContext) async throws -> HTML {
        let person = try context.requirePerson()
        let viewer = try context.requireViewer()
        let now = Date()
        let since = Self.since(now)
        let enterprises = try await repository.enterprises(visibleTo: viewer)
        let hazards = try await repository.hazards(HazardFilter(), visibleTo: viewer)
        let plans = try await repository.checkPlans(enterpriseID: nil, visibleTo: viewer)
        let runs = try await repository.checkRuns(enterpriseID: nil, visibleTo: viewer)
        let grades = try await repository.creditGrades(enterpriseID: nil, visibleTo: viewer)
        var perEnterprise: [Int64: (counts: DualPreventionPerformance.LoopCounts, open: Int, missed: Int)] = [:]
        for e in enterprises {
            let own = hazards.filter { $0.enterpriseID == e.id }
            let local = try (try? LocalTime(timeZoneID: e.timeZoneID)) ?? LocalTime()
            let missed = DualPreventionPerformance.missedChecks(plans: plans.filter { $0.enterpriseID == e.id }, runs: runs.filter { $0.enterpriseID == e.id },
                                                                local: local, asOf: now, since: since)
            perEnterprise[e.id] = (DualPreventionPerformance.loopCounts(own, asOf: now, since: since), own.filter { $0.state.isOpen }.count, missed.count)
        }
        let all = try await repository.jurisdictions()
        // The subtree under the regulator's own jurisdiction; an administrator sees the whole tree.
        let rootID: Int64? = person.role == .regulator ? (person.jurisdictionID ?? -1) : nil
        let paths = Self.rootPaths(all)
        let shown = all.filter { j in rootID.map { paths[j.id]?.contains($0) ?? false } ?? true }
        let rootDepth = rootID.flatMap { paths[$0]?.count } ?? 1  // a regulator without a jurisdiction sees an empty tree
        let l = context.language
        let latest = Dictionary(grades.map { ($0.enterpriseID, $0) }, uniquingKeysWith: { $0.computedAt >= $1.computedAt ? $0 : $1 })
        func row(_ e: Enterprise) -> EnterpriseRow {
            let f = perEnterprise[e.id] ?? (.zero, 0, 0)
            return EnterpriseRow(id: e.id, name: e.name, figures: Self.figures(f.counts, enterprises: 1, open: f.open, missed: f.missed),
                                 grade: latest[e.id].map { "\($0.grade.rawValue) (\(String(format: "%.1f", $0.score)))" } ?? "—")
        }
        let nodes = shown.sorted { (paths[$0.id] ?? []).lexicographicallyPrecedes(paths[$1.id] ?? []) }.map { j -> NodeView in
            let under = enterprises.filter { paths[$0.jurisdictionID]?.contains(j.id) ?? false }
            let sum = under.reduce((DualPreventionPerformance.LoopCounts.zero, 0, 0)) { acc, e in
                let f = perEnterprise[e.id] ?? (.zero, 0, 0)
                return (acc.0 + f.counts, acc.1 + f.open, acc.2 + f.missed)
            }
            let depth = (paths[j.id]?.count ?? 1) - rootDepth
            return NodeView(id: j.id, name: j.name, level: j.level.label(l), depth: depth, indent: depth * 18,
                            figures: Self.figures(sum.0, enterprises: under.count, open: sum.1, missed: sum.2),
                            enterprises: under.filter { $0.jurisdictionID == j.id }.map(row))
        }
        let distribution = CreditGrade.allCases.map { grade in
            EnterprisePages.Count(label: grade.rawValue, count: enterprises.filter { latest[$0.id]?.grade == grade }.count, href: "/credit")
        }
        let listedMajor = hazards.filter { $0.isListed }
        let overdueList = hazards.filter { $0.state.isOpen && $0.isOverdue(at: now) }
        let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: Set((listedMajor + overdueList).map(\.enterpriseID)))
        struct Model {
            var nodes: [NodeView]; var distribution: [EnterprisePages.Count]
            var listed: [EnterprisePages.HazardRow]; var overdue: [EnterprisePages.HazardRow]
        }
        return try pages.page("overview", title: Text(zh: "辖区总览", en: "Jurisdiction overview"),
                              Model(nodes: nodes, distribution: distribution,
                                    listed: listedMajor.map { EnterprisePages.row($0, names: names, now: now, language: l) },
                                    overdue: overdueList.map { EnterprisePages.row($0, names: names, now: now, language: l) }),
                              request: request, context: context)
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
        let now = Date()
        let metrics = try await repository.performance(enterpriseID: enterprise.id, asOf: now, since: Self.since(now), visibleTo: viewer)
        let hazards = try await repository.hazards(HazardFilter(enterpriseID: enterprise.id), visibleTo: viewer)
        let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: [enterprise.id])
        let points = try await repository.riskPoints(RiskFilter(enterpriseID: enterprise.id), visibleTo: viewer)
        let chart = FourColourChart.svg(FourColourChart.rows(names.workshops.values.sorted { $0.id < $1.id }, points), language: l)
        struct Metric { var label: String; var value: String }
        func value(_ key: String, percent: Bool) -> String {
            guard let v = metrics[key]?.value else { return "—" }
            return percent ? Self.percent(v) : String(Int(v))
        }
        let shown = [
            Metric(label: Text(zh: "闭环率", en: "closed-loop rate")(l), value: value("dualPrevention.closedLoopRate", percent: true)),
            Metric(label: Text(zh: "按期整改率", en: "on-time rate")(l), value: value("dualPrevention.onTimeRate", percent: true)),
            Metric(label: Text(zh: "漏检次数", en: "missed checks")(l), value: value("dualPrevention.missedChecks", percent: false)),
            Metric(label: Text(zh: "逾期或挂牌重大隐患", en: "overdue or listed major hazards")(l), value: value("dualPrevention.overdueOrListedMajor", percent: false)),
            Metric(label: Text(zh: "重复隐患", en: "repeat hazards")(l), value: value("dualPrevention.repeatHazards", percent: false)),
            Metric(label: Text(zh: "风险按时评级占比", en: "risk points graded on time")(l), value: value("dualPrevention.gradedOnTimeShare", percent: true)),
        ]
        let latest = try await repository.creditGrades(enterpriseID: enterprise.id, visibleTo: viewer).max { $0.computedAt < $1.computedAt }
        struct Model {
            var id: Int64; var name: String; var creditCode: String; var metrics: [Metric]; var chart: String
            var hazards: [EnterprisePages.HazardRow]; var grade: String?
        }
        return try pages.page("enterprise", title: Text(zh: "企业 ", en: "Enterprise ").appending(enterprise.name),
                              Model(id: enterprise.id, name: enterprise.name, creditCode: enterprise.creditCode.value, metrics: shown, chart: chart,
                                    hazards: hazards.map { EnterprisePages.row($0, names: names, now: now, language: l) },
                                    grade: latest.map { "\($0.grade.rawValue) · \(String(format: "%.1f", $0.score))" }),
                              request: request, context: context)
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

    /// The credit grade of every enterprise in sight: the last stored grade, or one computed now (not stored).
    @Sendable func credit(_ request: Request, context: ServerContext) async throws -> HTML {
        let viewer = try context.requireViewer()
        let l = context.language
        let enterprises = try await repository.enterprises(visibleTo: viewer)
        let stored = try await repository.creditGrades(enterpriseID: nil, visibleTo: viewer)
        let local = try LocalTime()
        var rows: [GradeRow] = []
        for e in enterprises {
            let grade = try await latestOrComputed(e.id, stored: stored, viewer: viewer)
            rows.append(GradeRow(enterpriseID: e.id, enterprise: e.name, grade: grade?.grade.rawValue ?? "—",
                                 score: grade.map { String(format: "%.1f", $0.score) } ?? "—",
                                 asOf: grade.map { local.day($0.asOf) } ?? "", stored: grade?.id ?? 0 > 0,
                                 vetoes: grade?.assessment.vetoes.map { $0.name(l) }.joined(separator: "；") ?? ""))
        }
        let distribution = CreditGrade.allCases.map { g in EnterprisePages.Count(label: g.rawValue, count: rows.filter { $0.grade == g.rawValue }.count, href: "/credit") }
        let most = max(1, distribution.map(\.count).max() ?? 1)
        struct Bar { var label: String; var count: Int; var width: Int }
        struct Model { var rows: [GradeRow]; var bars: [Bar] }
        return try pages.page("credit", title: Text(zh: "质量信用等级", en: "Quality credit grades"),
                              Model(rows: rows, bars: distribution.map { Bar(label: $0.label, count: $0.count, width: 10 + 290 * $0.count / most) }),
                              request: request, context: context)
    }

    func latestOrComputed(_ enterpriseID: Int64, stored: [CreditGradeRecord], viewer: Viewer) async throws -> CreditGradeRecord? {
        if let latest = stored.filter({ $0.enterpriseID == enterpriseID }).max(by: { $0.computedAt < $1.computedAt }) { return latest }
        guard let rules = pages.rules.credit else { return nil }
        let now = Date()
        return try await repository.assessCredit(enterpriseID: enterpriseID, rules: rules, asOf: now, since: Self.since(now), visibleTo: viewer)
    }

    /// One grade explained line by line, with its vetoes and the measure it brings.
    @Sendable func creditDetail(_ request: Request, context: ServerContext) async throws -> HTML {
        let viewer = try context.requireViewer()
        let l = context.language
        let enterprise = try await repository.enterprise(try context.parameters.require("id"), visibleTo: viewer)
        let stored = try await repository.creditGrades(enterpriseID: enterprise.id, visibleTo: viewer)
        guard let grade = try await latestOrComputed(enterprise.id, stored: stored, viewer: viewer) else {
            throw NotFoundError(what: "credit grade", key: enterprise.name)
        }
        struct Line { var group: String; var name: String; var points: String; var maximum: String; var value: String; var evidence: String }
        let lines = grade.assessment.lines.map { line in
            Line(group: line.group, name: line.name(l), points: String(format: "%g", line.points), maximum: String(format: "%g", line.maximum),
                 value: line.value.map { String(format: "%g", $0) } ?? "", evidence: line.evidence.prefix(12).joined(separator: " "))
        }
        struct Veto { var name: String; var evidence: String }
        struct Model {
            var enterprise: String; var grade: String; var score: String; var byScore: String; var lines: [Line]; var vetoes: [Veto]
            var measure: String?; var rule: String; var stored: Bool; var asOf: String; var honours: [String]
        }
        return try pages.page("credit-detail", title: Text(zh: "信用等级说明 ", en: "Credit grade of ").appending(enterprise.name),
                              Model(enterprise: enterprise.name, grade: grade.grade.rawValue, score: String(format: "%.1f", grade.score),
                                    byScore: grade.assessment.gradeByScore.rawValue, lines: lines,
                                    vetoes: grade.assessment.vetoes.map { Veto(name: $0.name(l), evidence: $0.evidence.joined(separator: " ")) },
                                    measure: grade.assessment.measure?(l), rule: grade.assessment.rule(l), stored: grade.id > 0,
                                    asOf: try LocalTime(timeZoneID: enterprise.timeZoneID).minute(grade.asOf), honours: grade.honoursToRevoke),
                              request: request, context: context)
    }

    /// List entries in sight, newest quarter first, with review forms for the ones this regulator may review.
    @Sendable func lists(_ request: Request, context: ServerContext) async throws -> HTML {
        let person = try context.requirePerson()
        let viewer = try context.requireViewer()
        let l = context.language
        let entries = try await repository.listEntries(quarter: nil, visibleTo: viewer)
        let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: entries.map(\.enterpriseID),
                                         people: entries.flatMap { [$0.proposedBy] + ($0.reviewedBy.map { [$0] } ?? []) })
        struct Row {
            var id: Int64; var quarter: String; var enterprise: String; var list: String; var black: Bool; var area: String; var criterion: String
            var evidence: String; var state: String; var proposedBy: String; var reviewer: String; var note: String; var reviewable: Bool
        }
        let rows = entries.sorted { ($0.quarter, $1.id) > ($1.quarter, $0.id) }.map { e in
            Row(id: e.id, quarter: e.quarter, enterprise: names.enterprise(e.enterpriseID), list: e.list.label(l), black: e.list == .black,
                area: e.area.label(l), criterion: e.criterionName(l), evidence: e.evidence.joined(separator: " "), state: e.state.label(l),
                proposedBy: names.personOrID(e.proposedBy), reviewer: e.reviewedBy.map(names.personOrID) ?? "", note: e.reviewNote,
                reviewable: person.role == .regulator && e.state == .proposed && e.proposedBy != person.id)
        }
        let quarters = Set(entries.filter { $0.state == .approved }.map(\.quarter)).sorted()
        struct Model { var rows: [Row]; var publishable: [String]; var regulator: Bool }
        return try pages.page("lists", title: Text(zh: "红黑名单", en: "Red and black lists"),
                              Model(rows: rows, publishable: person.role == .regulator ? quarters : [], regulator: person.role == .regulator),
                              request: request, context: context)
    }

    @Sendable func review(_ request: Request, context: ServerContext) async throws -> SeeOther {
        let actor = try context.requirePerson().actor
        let form = try await PageForm.read(request, context: context)
        let id = try context.parameters.require("id", as: Int64.self)
        _ = try await repository.reviewListEntry(id, approve: form["decision"] == "approve", note: form["note"] ?? "", by: actor, at: Date())
        return SeeOther(location: "/lists")
    }

    @Sendable func publish(_ request: Request, context: ServerContext) async throws -> SeeOther {
        let actor = try context.requirePerson().actor
        let form = try await PageForm.read(request, context: context)
        _ = try await repository.publishLists(quarter: try HazardActionsController.required(form["quarter"], "quarter"), by: actor, at: Date())
        return SeeOther(location: "/lists")
    }

    /// The benchmark form: an enterprise in sight and a period.
    @Sendable func benchmark(_ request: Request, context: ServerContext) async throws -> HTML {
        let viewer = try context.requireViewer()
        let enterprises = try await repository.enterprises(visibleTo: viewer)
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        struct Model { var enterprises: [EnterprisePages.Option]; var period: String; var baseline: String }
        return try pages.page("benchmark", title: Text(zh: "标杆企业评估", en: "Benchmark assessment"),
                              Model(enterprises: enterprises.map { EnterprisePages.Option(value: String($0.id), label: $0.name, selected: false) },
                                    period: String(year), baseline: String(year - 1)),
                              request: request, context: context)
    }

    /// The self-contained benchmark report, as `dualprev benchmark assess --report` writes it.
    @Sendable func benchmarkReport(_ request: Request, context: ServerContext) async throws -> HTML {
        let viewer = try context.requireViewer()
        let query = request.uri.queryParameters
        guard let rules = pages.rules.benchmark else { throw Problem.missingAssets("benchmark rules") }
        let period = try ReportingPeriod(String(try HazardActionsController.required(query.get("period"), "period")), field: "period")
        let baseline = try query.get("baseline").flatMap { $0.isEmpty ? nil : $0 }.map { try ReportingPeriod(String($0), field: "baseline") } ?? period.yearBefore
        let inputs = try await repository.benchmarkInputs(enterprise: String(try HazardActionsController.required(query.get("enterprise"), "enterprise")), visibleTo: viewer)
        let assessment = try BenchmarkAssessor.assess(inputs, rules: rules, period: period, baseline: baseline, at: Date())
        return HTML(text: BenchmarkReportHTML.render(assessment, enterpriseName: inputs.enterprise.name, language: context.language))
    }
}
