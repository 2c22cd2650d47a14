import ArgumentParser
import DualPrevention
import DualPreventionStore
import Foundation

struct WarningCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warning",
        abstract: "Risk warnings and special investigations (风险预警 / 专项排查): pushed by a regulator, answered by each enterprise.",
        discussion: """
            A regulator issues a warning to every enterprise of its jurisdiction that makes a product category, or to a
            named set. Each gets a task: acknowledged by a named person, answered item by item (each failed item opens a
            hazard linked to the warning, or "no hazard found"), closed when every hazard it opened is closed. The
            issuing office and the offices above it follow every task; a district sees its own enterprises'; an enterprise
            only its own.
            """,
        subcommands: [Issue.self, List.self, Show.self, Acknowledge.self, Answer.self]
    )

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a warning to a product category of your jurisdiction, or to named enterprises.",
            discussion: """
                Items are REF=what to examine; --checklist adds one item per risk point of a shipped checklist.
                The deadline defaults to 15 days (escalation-rules.yaml: warningDeadlineDays).

                Examples:
                  dualprev warning issue --as "椒江分局 陈刚" --category 电动自行车 --title 电动自行车蓄电池存放风险预警 \\
                    --text "近期多起蓄电池仓储起火事故，请立即排查" --item B1=蓄电池仓库温湿度与消防设施 --item B2=充电区与成品区隔离 --deadline 2026-12-20
                  dualprev warning issue --as "椒江分局 陈刚" --enterprise 1 --enterprise 3 --kind investigation --title 专项排查 \\
                    --text "涂装车间专项排查" --checklist electric-bicycles
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "warning (风险预警) or investigation (专项排查).") var kind: WarningKind = .warning
        @Option(help: "Title.") var title: String
        @Option(help: "What the regulator tells the enterprises.") var text: String
        @Option(help: "Every enterprise of your jurisdiction making this product category (as enterprises record it).") var category: String?
        @Option(name: .customLong("enterprise"), help: "An enterprise (id, credit code or name); repeat for several.") var enterprises: [String] = []
        @Option(name: .customLong("item"), help: "REF=what to examine; repeat for several.") var items: [String] = []
        @Option(help: "A checklist (its file name without .yaml) whose risk points become items.") var checklist: String?
        @Option(help: "Deadline YYYY-MM-DD (the whole day counts); 15 days from today if left out.") var deadline: String?

        func validate() throws {
            guard (category == nil) != enterprises.isEmpty else {
                throw ValidationError("name either --category or one or more --enterprise, not both")
            }
            guard !items.isEmpty || checklist != nil else {
                throw ValidationError("name what to examine with --item REF=text (repeat it) or --checklist NAME")
            }
            for item in items where WarningCommands.item(item) == nil {
                throw ValidationError("--item '\(item)' is not REF=text; for example --item B1=蓄电池仓库温湿度")
            }
        }

        func run() async throws {
            try await reporting(global.language) {
                let environment = try global.environment()
                let repository = try await global.repository()
                let actor = try await global.requireActor(repository)
                var warningItems = items.compactMap(WarningCommands.item)
                if let checklist {
                    let lists = try environment.catalogue.checklists()
                    guard let list = lists.first(where: { $0.category == checklist }) else {
                        throw InputError(
                            rule: "CHECKLIST-UNKNOWN",
                            message: Text("warningCommands.thereNoChecklistNamed", "\(checklist)"),
                            hint: Text("warningCommands.known").appending(lists.map(\.category).joined(separator: ", "))
                        )
                    }
                    warningItems += WarningItem.from(list)
                }
                var ids: [Int64] = []
                for key in enterprises { ids.append(try await repository.enterprise(key, visibleTo: .person(actor)).id) }
                let local = try LocalTime()
                let request = WarningRequest(
                    kind: kind,
                    title: title,
                    text: text,
                    category: category,
                    enterpriseIDs: ids,
                    items: warningItems,
                    checklistID: checklist,
                    deadline: try deadline.map { try local.parseDeadline($0, field: "--deadline") }
                )
                let (warning, tasks) = try await repository.issueWarning(
                    request,
                    rules: try environment.catalogue.escalationRules(),
                    by: actor,
                    at: global.now
                )
                let report = try await repository.warningReport(warning.id, asOf: global.now, visibleTo: .person(actor))
                global.output.emit(report, table: WarningCommands.table(report, language: global.language))
                _ = tasks
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The warnings you follow (a regulator) or that reached your enterprise.",
            discussion: "Example:\n  dualprev warning list --as \"台州市局 孙建华\""
        )
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let viewer = try await global.viewer(repository)
                let warnings = try await repository.warnings(visibleTo: viewer)
                let local = try LocalTime()
                let language = global.language
                global.output.emit(
                    warnings,
                    table: Table(
                        headers: [
                            Text("benchmarkCommands.id"), Text("inspectionCommands.number"), Text("inspectionCommands.kind"),
                            Text("warningCommands.title"),
                            Text("warningCommands.issued"), Text("hazardCommands.deadline"),
                        ],
                        rows: warnings.map { w in
                            ["\(w.id)", w.number, w.kind.label(language), w.title, local.day(w.issuedAt), local.deadline(w.deadline)]
                        }
                    )
                )
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One warning: every task in your sight with its state, and the rates per district.",
            discussion: "Example:\n  dualprev warning show 1 --as \"椒江分局 陈刚\" --as-of 2026-12-21"
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The warning's id.") var id: Int64
        @Option(help: "Judge overdue as of this date (end of that local day); now if left out.") var asOf: String?

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let viewer = try await global.viewer(repository)
                let asOf = try self.asOf.map { try LocalTime().parse($0, field: "--as-of") } ?? global.now
                let report = try await repository.warningReport(id, asOf: asOf, visibleTo: viewer)
                global.output.emit(report, table: WarningCommands.table(report, language: global.language))
            }
        }
    }

    struct Acknowledge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ack",
            abstract: "Acknowledge your enterprise's task under a warning (签收).",
            discussion: "Example:\n  dualprev warning ack 1 --as 林晓燕"
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The warning's id.") var id: Int64
        @Option(help: "The enterprise you act for (a regional quality safety director serving several names one).") var enterprise: String?

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let actor = try await global.requireActor(repository, enterprise: enterprise)
                let task = try await repository.acknowledgeTask(warningID: id, by: actor, at: global.now)
                global.output.emit(task, table: WarningCommands.taskTable([task], language: global.language))
            }
        }
    }

    struct Answer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Answer your enterprise's task item by item; each failed item opens a hazard.",
            discussion: """
                Every item of the warning is answered once: --pass REF, or --fail REF=what was found. With
                --no-hazard-found every item passes.

                Examples:
                  dualprev warning answer 1 --as 林晓燕 --no-hazard-found
                  dualprev warning answer 1 --as 林晓燕 --pass B1 --fail "B2=充电区与成品仓库未隔离" --workshop 总装车间
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The warning's id.") var id: Int64
        @Option(name: .customLong("pass"), help: "An item that passed; repeat for several.") var passed: [String] = []
        @Option(name: .customLong("fail"), help: "REF=what was found at an item that failed; repeat for several.") var failed: [String] = []
        @Flag(help: "Every item passed: no hazard found.") var noHazardFound = false
        @Option(help: "Workshop (id or name) where the failed items' hazards lie.") var workshop: String?
        @Option(help: "The enterprise you act for (a regional quality safety director serving several names one).") var enterprise: String?

        func validate() throws {
            guard noHazardFound || !passed.isEmpty || !failed.isEmpty else {
                throw ValidationError("answer with --pass REF / --fail REF=finding for each item, or --no-hazard-found")
            }
            guard !(noHazardFound && !failed.isEmpty) else { throw ValidationError("--no-hazard-found cannot go with --fail") }
            for item in failed where WarningCommands.item(item) == nil {
                throw ValidationError("--fail '\(item)' is not REF=what was found; for example --fail \"B2=充电区未隔离\"")
            }
        }

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let actor = try await global.requireActor(repository, enterprise: enterprise)
                var results = passed.map { WarningTask.ItemResult(ref: $0, passed: true) }
                results += failed.compactMap(WarningCommands.item).map { WarningTask.ItemResult(ref: $0.ref, passed: false, note: $0.text) }
                if noHazardFound {
                    let report = try await repository.warningReport(id, asOf: global.now, visibleTo: .person(actor))
                    results = report.warning.items.map { WarningTask.ItemResult(ref: $0.ref, passed: true) }
                }
                var workshopID: Int64?
                if let workshop, let enterpriseID = actor.enterpriseID {
                    let workshops = try await repository.workshops(enterpriseID: enterpriseID, visibleTo: .person(actor))
                    guard let found = Workshop.named(workshop, in: workshops) else {
                        throw NotFoundError(what: "workshop of your enterprise", key: workshop)
                    }
                    workshopID = found.id
                }
                let (task, hazards) = try await repository.answerTask(
                    warningID: id,
                    results: results,
                    workshopID: workshopID,
                    by: actor,
                    at: global.now
                )
                struct Answered: Encodable {
                    var task: WarningTask
                    var hazards: [Hazard]
                }
                global.output.emit(
                    Answered(task: task, hazards: hazards),
                    table: WarningCommands.taskTable([task], language: global.language, hazards: hazards)
                )
            }
        }
    }

    /// `REF=text`, split at the first `=`, both sides non-empty.
    static func item(_ text: String) -> WarningItem? {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let ref = text[..<equals].trimmingCharacters(in: .whitespaces)
        let rest = text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        guard !ref.isEmpty, !rest.isEmpty else { return nil }
        return WarningItem(ref: ref, text: rest)
    }

    static func taskTable(_ tasks: [WarningTask], language: Language, hazards: [Hazard] = []) -> Table {
        let local = try? LocalTime()
        return Table(
            headers: [
                Text("warningCommands.task"), Text("hazardPages.state"), Text("hazardStory.acknowledged"), Text("warningCommands.answered"),
                Text("generateCommand.hazards"),
            ],
            rows: tasks.map { t in
                [
                    "#\(t.id)", t.state.label(language), t.acknowledgedAt.map { local?.minute($0) ?? "" } ?? "",
                    t.answeredAt.map { local?.minute($0) ?? "" } ?? "",
                    hazards.isEmpty ? t.hazardIDs.map { "#\($0)" }.joined(separator: " ") : hazards.map(\.number).joined(separator: " "),
                ]
            }
        )
    }

    static func table(_ report: WarningReport, language: Language) -> Table {
        let local = try? LocalTime()
        var rows = report.tasks.map { line in
            [
                line.enterpriseName, line.districtName, line.task.state.label(language),
                line.overdue ? Text("demoCommand.overdue")(language) : "",
                "\(line.openHazards)", line.task.answeredAt.map { local?.minute($0) ?? "" } ?? "",
            ]
        }
        rows += report.districts.map { d in
            [
                Text("benchmarkReportHTML.total")(language), d.name,
                Text("warningCommands.acknowledgedAnsweredClosed", "\(d.acknowledged)", "\(d.tasks)", "\(d.answered)", "\(d.closed)")(language),
                d.overdue > 0 ? Text("warningCommands.overdue", "\(d.overdue)")(language) : "", "", "",
            ]
        }
        return Table(
            headers: [
                Text("warningCommands.enterprise", "\(report.warning.number)"), Text("warningCommands.district"),
                Text("hazardPages.state"),
                Text("warningCommands.deadline", "\(local?.deadline(report.warning.deadline) ?? "")"),
                Text("warningCommands.openHazards"), Text("warningCommands.answered2"),
            ],
            rows: rows
        )
    }
}

extension WarningKind: ExpressibleByArgument {}
