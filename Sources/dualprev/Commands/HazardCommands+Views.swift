import ArgumentParser
import DualPrevention
import DualPreventionPresentation
import DualPreventionStore
import Foundation

extension HazardCommands {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List hazards (the hazard ledger), filtered by state, owner, grade or overdue.",
            discussion: "Examples:\n  dualprev hazard list --enterprise 1 --state rectifying\n  dualprev hazard list --overdue --format csv"
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "Enterprise id, code or name.") var enterprise: String?
        @Option var state: HazardState?
        @Option(help: "Owner (id or name).") var owner: String?
        @Option var grade: HazardGrade?
        @Flag(help: "Only open hazards past their deadline.") var overdue = false

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let viewer = try await global.viewer(repository, enterprise: enterprise)
                let now = global.now
                var filter = HazardFilter(state: state, grade: grade, overdueAt: overdue ? now : nil)
                if let enterprise { filter.enterpriseID = try await repository.enterprise(enterprise, visibleTo: viewer).id }
                if let owner { filter.ownerID = try await repository.person(owner, visibleTo: viewer).id }
                let hazards = try await repository.hazards(filter, visibleTo: viewer)
                let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: hazards.map(\.enterpriseID))
                global.output.emit(hazards, table: HazardCommands.table(hazards, names: names, language: global.language, now: now))
                // Skipped checks are hazards of the mechanism itself: shown beside the ledger.
                let missed = try await CheckCommands.schedule(repository, viewer: viewer, enterpriseID: filter.enterpriseID, at: now).filter {
                    $0.status == .missed
                }
                let l = global.language
                for (enterpriseID, entries) in Dictionary(grouping: missed, by: \.enterpriseID).sorted(by: { $0.key < $1.key }) {
                    let name = try await repository.enterprise(String(enterpriseID), visibleTo: viewer).name
                    global.output.say(
                        Text("hazardCommands.missedChecks", "\(name)")
                            .appending(entries.map { "\($0.kind.label(l)) \($0.period)" }.joined(separator: ", "))
                    )
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a hazard with its full timeline, evidence and what you may do now.",
            discussion: "Example:\n  dualprev hazard show YH-2026-0003 --as 5"
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var key: HazardKey

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let actor = try await global.requireActor(repository, enterprise: key.enterprise)
                let viewer = Viewer.person(actor)
                let hazard = try await repository.hazard(key.hazard, visibleTo: viewer)
                let timeline = try await repository.history(objectType: "hazard", objectID: hazard.id, visibleTo: viewer)
                let evidence = try await repository.evidence(of: hazard.id, visibleTo: viewer)
                let products = try await repository.products(of: String(hazard.id), visibleTo: viewer)
                let names = try await Names.load(
                    repository,
                    viewer: viewer,
                    enterpriseIDs: [hazard.enterpriseID],
                    people: ProductsView.people(products)
                )
                let local = names.localTime(hazard.enterpriseID)
                let now = global.now
                let l = global.language
                let allowed = hazard.availableActions(for: actor, at: now)
                let productActions = products.availableActions(on: hazard, for: actor, at: now)
                struct Shown: Encodable {
                    var hazard: Hazard
                    var overdue: Bool
                    var daysOverdue: Int
                    var responsibleTier: ControlTier?
                    var timeline: [AuditEntry]
                    var evidence: [EvidenceItem]
                    var allowedActions: [Action]
                    var products: HazardProducts
                    var productActions: [ProductAction]
                }
                let shown = Shown(
                    hazard: hazard,
                    overdue: hazard.isOverdue(at: now),
                    daysOverdue: hazard.daysOverdue(at: now),
                    responsibleTier: hazard.responsibleTier(at: now),
                    timeline: timeline,
                    evidence: evidence,
                    allowedActions: allowed,
                    products: products,
                    productActions: productActions
                )
                if global.format == .json {
                    global.output.emit(shown, table: Table(headers: [], rows: []))
                    return
                }
                var rows: [[String]] = [
                    [Text("hazardCommands.hazard")(l), "\(hazard.number)  (#\(hazard.id))"],
                    [Text("hazardPages.enterprise")(l), names.enterprises[hazard.enterpriseID]?.name ?? ""],
                    [
                        Text("hazardPages.location")(l),
                        [names.place(workshop: hazard.workshopID, team: hazard.teamID, post: hazard.postID), hazard.location].filter { !$0.isEmpty }
                            .joined(separator: " · "),
                    ],
                    [Text("hazardCommands.description")(l), hazard.description],
                    [Text("hazardPages.grade")(l), hazard.grade.label(l)],
                    [Text("hazardPages.source")(l), hazard.source.label(l)],
                    [Text("hazardPages.found")(l), "\(local.minute(hazard.foundAt)) \(names.person(hazard.foundBy))"],
                    [
                        Text("hazardPages.state")(l),
                        hazard.state.label(l) + (hazard.isListed ? Text("hazardPages.listedSupervision")(l) : ""),
                    ],
                ]
                if let notice = hazard.notice {
                    rows.append([
                        Text("hazardCommands.notice")(l),
                        "\(notice.number) → \(names.person(notice.receiverID))" + (notice.isAcknowledged ? " ✔" : ""),
                    ])
                }
                if let deadline = hazard.deadline {
                    // Escalated only while the work is still to be done; a late closing is said as such.
                    let standing = hazard.deadlineStanding(at: now)
                    let overdue =
                        standing.isOverdue
                        ? Text(
                            zh: "  已逾期 \(hazard.daysOverdue(at: now)) 天，升级至\(hazard.responsibleTier(at: now)?.label.zh ?? "")",
                            en: "  overdue by \(hazard.daysOverdue(at: now)) days, escalated to \(hazard.responsibleTier(at: now)?.label.en ?? "")"
                        )(l) : (standing.note?(l) ?? "")
                    rows.append([Text("hazardStory.deadline")(l), local.deadline(deadline) + overdue])
                }
                if let plan = hazard.currentPlan {
                    rows.append([Text("hazardCommands.governancePlan")(l), "v\(plan.sequence) \(plan.state.rawValue): \(plan.target)"])
                }
                if let request = hazard.extensionRequest {
                    rows.append([
                        Text("hazardCommands.extension")(l),
                        "\(request.state.rawValue) → \(local.minute(request.requestedDeadline)): \(request.reason)",
                    ])
                }
                for acceptance in hazard.acceptances {
                    rows.append([
                        Text("hazardCommands.acceptance")(l),
                        "\(acceptance.passed ? "✔" : "✘") \(names.person(acceptance.acceptorID)) \(local.minute(acceptance.acceptedAt)): \(acceptance.opinion)",
                    ])
                }
                let details = Table(headers: [Text("hazardCommands.field"), Text("hazardCommands.value")], rows: rows)
                guard global.format == .table else {
                    global.output.emit(shown, table: details)
                    return
                }
                print(global.output.render(details))
                print(Text("hazardCommands.timeline")(l))
                print(global.output.render(HistoryCommand.table(timeline, local: local, language: l)))
                if !evidence.isEmpty {
                    print(Text("hazardCommands.evidence")(l))
                    print(
                        global.output.render(
                            Table(
                                headers: [
                                    Text("hazardCommands.on"), Text("hazardCommands.label"), Text("hazardCommands.file"),
                                    Text("hazardCommands.sha256"),
                                ],
                                rows: evidence.map { [$0.attachedTo, $0.label, $0.fileName, $0.sha256] }
                            )
                        )
                    )
                }
                for (title, table) in HazardCommands.productTables(ProductsView(products, hazard: hazard, names: names, at: now, language: l)) {
                    print(title(l))
                    print(global.output.render(table))
                }
                let missed = try await CheckCommands.schedule(repository, viewer: viewer, enterpriseID: hazard.enterpriseID, at: now).filter {
                    $0.status == .missed
                }
                if !missed.isEmpty {
                    print(
                        Text("hazardCommands.checksThisEnterpriseMissed").appending(
                            missed.map { "\($0.kind.label(l)) \($0.period)" }.joined(separator: ", ")
                        )(l)
                    )
                }
                do {
                    let lines = allowed.map(\.commandLine) + productActions.map { "dualprev hazard \($0.slug)" }
                    let next = lines.isEmpty ? Text("hazardCommands.nothing")(l) : lines.joined(separator: ", ")
                    print(Text("hazardCommands.youMayNow")(l) + next)
                }
            }
        }
    }

    struct PrintNotice: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "print-notice",
            abstract: "Print the rectification notice laid out like the paper form."
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var key: HazardKey

        func run() async throws {
            try await HazardCommands.printForm(global, key) { hazard, _, names in
                guard let form = PaperForms.notice(hazard, names: names) else {
                    throw InputError(
                        rule: "NOTICE-NONE",
                        message: Text("hazardCommands.hazardHasNoRectification", "\(hazard.number)"),
                        hint: Text("hazardCommands.issueOneWithDualprev")
                    )
                }
                return form
            }
        }
    }

    struct PrintAcceptance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "print-acceptance",
            abstract: "Print the acceptance form (质量隐患治理验收表) like the paper form."
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var key: HazardKey

        func run() async throws {
            try await HazardCommands.printForm(global, key) { hazard, evidence, names in
                guard let form = PaperForms.acceptance(hazard, evidence: evidence, names: names) else {
                    throw InputError(
                        rule: "ACCEPTANCE-NONE",
                        message: Text("hazardCommands.hazardHasNotBeen", "\(hazard.number)"),
                        hint: Text("hazardCommands.ownerSubmitsFirstWith")
                    )
                }
                return form
            }
        }
    }

    /// Loads a hazard the caller may see, with its evidence and names, and prints the form made of them.
    static func printForm(
        _ global: GlobalOptions,
        _ key: HazardKey,
        _ make: (Hazard, [EvidenceItem], Names) throws -> String
    ) async throws {
        try await reporting(global.language) {
            let repository = try await global.repository()
            let viewer = try await global.viewer(repository, enterprise: key.enterprise)
            let hazard = try await repository.hazard(key.hazard, visibleTo: viewer)
            let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: [hazard.enterpriseID])
            print(try make(hazard, try await repository.evidence(of: hazard.id, visibleTo: viewer), names))
        }
    }

    /// The hazard ledger (隐患台账) columns.
    static func table(_ hazards: [Hazard], names: Names, language l: Language, now: Date) -> Table {
        Table(
            headers: [
                Text("benchmarkCommands.id"), Text("hazardCommands.number"), Text("hazardCommands.found"), Text("hazardCommands.workshop"),
                Text("hazardCommands.description"), Text("hazardPages.grade"), Text("hazardPages.source"), Text("hazardPages.state"),
                Text("hazardPages.owner"), Text("hazardCommands.deadline"), Text("hazardCommands.daysOverdue"),
            ],
            rows: hazards.map { h in
                let local = names.localTime(h.enterpriseID)
                let description = h.description.count > 24 ? String(h.description.prefix(23)) + "…" : h.description
                return [
                    String(h.id), h.number, local.day(h.foundAt), names.workshop(h.workshopID), description, h.grade.label(l),
                    h.source.label(l), h.state.label(l) + (h.isListed ? " ⚑" : ""), names.person(h.ownerID),
                    h.deadline.map(local.deadline) ?? "", h.isOverdue(at: now) ? String(h.daysOverdue(at: now)) : "",
                ]
            }
        )
    }
}
