import ArgumentParser
import DualPrevention
import DualPreventionPresentation
import DualPreventionStore
import Foundation

struct ListCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lists",
        abstract: "Red and black lists: evaluated per quarter, reviewed by a named regulator, published, shown as of a date.",
        discussion: """
            The criteria per area are list-rules.yaml in the --checklists folder. A red entry lasts a year and is dropped at
            once on a breach; a black entry is public until a year after the end of its quarter, then hidden from the
            public view but kept.

            A quarter, start to finish:
              dualprev lists evaluate --quarter 2026Q3 --as "台州市局 孙建华"
              dualprev lists review 1 --approve --note 证据属实 --as "椒江分局 陈刚"
              dualprev lists publish --quarter 2026Q3 --as "台州市局 孙建华"
              dualprev lists show --public --as-of 2027-06-30
            """,
        subcommands: [Evaluate.self, Review.self, Publish.self, Show.self]
    )

    /// Prints entries with the names of their enterprises and reviewers.
    static func emit(_ entries: [ListEntry], _ repository: any Repository, _ actor: Actor, _ global: GlobalOptions) async throws {
        let names = try await Names.load(
            repository,
            viewer: .person(actor),
            enterpriseIDs: entries.map(\.enterpriseID),
            people: entries.compactMap(\.reviewedBy)
        )
        global.output.emit(entries, table: table(entries, names: names, language: global.language))
    }

    static func table(_ entries: [ListEntry], names: Names, language l: Language) -> Table {
        Table(
            headers: [
                Text("benchmarkCommands.id"), Text("listCommands.quarter"), Text("hazardPages.enterprise"), Text("listCommands.list"),
                Text("listCommands.area"), Text("listCommands.criterion"), Text("listCommands.evidence"), Text("hazardPages.state"),
                Text("listCommands.reviewer"), Text("hazardPages.note"),
            ],
            rows: entries.map { e in
                [
                    "#\(e.id)", e.quarter, names.enterprise(e.enterpriseID), e.list.label(l), e.area.label(l), e.criterionName(l),
                    e.evidence.joined(separator: " "),
                    e.state.label(l), e.reviewedBy.map(names.personOrID) ?? "", e.reviewNote,
                ]
            }
        )
    }

    struct Evaluate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Propose the quarter's entries for every enterprise you oversee, each with its criterion and evidence.",
            discussion: """
                Records count when they happened by the quarter's end and are on record now. An entry already proposed on
                the same evidence (this quarter or before) is not proposed again.

                Example:
                  dualprev lists evaluate --quarter 2026Q3 --as "台州市局 孙建华"
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "The quarter, e.g. 2026Q3.") var quarter: String

        func run() async throws {
            try await reporting(global.language) {
                let period = try ReportingPeriod(quarter, field: "--quarter")
                let rules = try global.listRules()
                let repository = try await global.repository()
                let actor = try await global.requireActor(repository)
                let entries = try await repository.evaluateLists(quarter: period, rules: rules, by: actor, at: global.now)
                try await ListCommands.emit(entries, repository, actor, global)
                global.output.say(Text("listCommands.proposedWaitingReview", "\(entries.count)"))
            }
        }
    }

    struct Review: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve or reject one proposed entry (not one you proposed yourself).",
            discussion: """
                Examples:
                  dualprev lists review 1 --approve --note 证据属实 --as "椒江分局 陈刚"
                  dualprev lists review 2 --reject --note 抽查批次为委托检验，不属监督抽查 --as "椒江分局 陈刚"
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Entry id.") var id: Int64
        @Flag(help: "Approve the entry.") var approve = false
        @Flag(help: "Reject the entry (say why in --note).") var reject = false
        @Option(help: "The reviewer's opinion.") var note: String = ""

        func validate() throws {
            guard approve != reject else { throw ValidationError("give --approve or --reject") }
        }

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let actor = try await global.requireActor(repository)
                let entry = try await repository.reviewListEntry(id, approve: approve, note: note, by: actor, at: global.now)
                let names = try await Names.load(
                    repository,
                    viewer: .person(actor),
                    enterpriseIDs: [entry.enterpriseID],
                    people: [entry.reviewedBy].compactMap { $0 }
                )
                global.output.emit(entry, table: ListCommands.table([entry], names: names, language: global.language))
            }
        }
    }

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish the quarter's approved entries, once none waits for review.",
            discussion: "Example:\n  dualprev lists publish --quarter 2026Q3 --as \"台州市局 孙建华\""
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "The quarter, e.g. 2026Q3.") var quarter: String

        func run() async throws {
            try await reporting(global.language) {
                let period = try ReportingPeriod(quarter, field: "--quarter")
                let repository = try await global.repository()
                let actor = try await global.requireActor(repository)
                let entries = try await repository.publishLists(quarter: period.description, by: actor, at: global.now)
                try await ListCommands.emit(entries, repository, actor, global)
                global.output.say(Text("listCommands.published", "\(entries.count)"))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The lists: with --public, exactly what the public saw on a date; otherwise every entry you oversee.",
            discussion: """
                The public view needs no --as: it is what was disclosed. Without --public, a regulator sees every entry of
                the enterprises it oversees (an enterprise its own), whatever its state, with what the public sees of it now.

                Examples:
                  dualprev lists show --public --as-of 2026-12-31
                  dualprev lists show --as "台州市局 孙建华" --quarter 2026Q3
                """
        )
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Only what was public on the date.") var `public` = false
        @Option(help: "The date (end of that day, Asia/Shanghai); today if left out.") var asOf: String?
        @Option(help: "Only this quarter (without --public).") var quarter: String?

        struct Shown: Encodable {
            var asOf: Date
            var entries: [ListingLine]
        }

        func run() async throws {
            try await reporting(global.language) {
                let rules = try global.listRules()
                let repository = try await global.repository()
                let date = try asOf.map { try LocalTime().parse($0, field: "--as-of") } ?? global.now
                let l = global.language
                let local = try LocalTime()
                func status(_ v: ListEntry.Visibility) -> String { ListingStatus.text(v, local: local, language: l) }
                if `public` {
                    let lines = try await repository.publicLists(rules: rules, at: date, now: global.now)
                    global.output.emit(
                        Shown(asOf: date, entries: lines),
                        table: Table(
                            headers: [
                                Text("listCommands.list"), Text("hazardPages.enterprise"), Text("listCommands.creditCode"),
                                Text("listCommands.area"), Text("listCommands.criterion"), Text("listCommands.published2"),
                                Text("checkCommands.status"),
                            ],
                            rows: lines.map { line in
                                [
                                    line.entry.list.label(l), line.enterpriseName, line.creditCode, line.entry.area.label(l),
                                    line.entry.criterionName(l),
                                    line.entry.publishedAt.map(local.day) ?? "", status(line.visibility),
                                ]
                            }
                        )
                    )
                    return
                }
                let actor = try await global.requireActor(repository)
                let published = try await repository.publishedLists(rules: rules, at: date)
                let quarterKey = try quarter.map { try ReportingPeriod($0, field: "--quarter").description }
                let entries = try await repository.listEntries(quarter: quarterKey, visibleTo: .person(actor))
                let visibility = Dictionary(published.map { ($0.entry.id, $0.visibility) }, uniquingKeysWith: { a, _ in a })
                let names = try await Names.load(
                    repository,
                    viewer: .person(actor),
                    enterpriseIDs: entries.map(\.enterpriseID),
                    people: entries.compactMap(\.reviewedBy)
                )
                var table = ListCommands.table(entries, names: names, language: l)
                table.headers.append(Text("listCommands.public"))
                table.rows = zip(table.rows, entries).map { row, entry in row + [status(visibility[entry.id] ?? .notPublished)] }
                global.output.emit(entries, table: table)
            }
        }
    }
}
