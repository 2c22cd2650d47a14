import ArgumentParser
import DualPrevention
import DualPreventionPresentation
import DualPreventionStore
import Foundation

struct CheckCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Scheduled checks: daily control (日管控), weekly investigation (周排查), monthly scheduling (月调度).",
        discussion: """
            The officer checks daily, the director investigates weekly, the principal chairs the monthly meeting.
            A daily check covers the risk points controlled per shift or daily, and every red one; a weekly one the weekly
            points and every red and orange one; a monthly one the monthly and quarterly points and every red one.
            A failed item opens a hazard linked to its risk point; a daily check with no failure is a "no risk found" record.
            """,
        subcommands: [Plan.self, Plans.self, Items.self, Run.self, List.self, Due.self, Print.self]
    )

    struct KindOptions: ParsableArguments {
        @Option(help: "Enterprise id, code or name.") var enterprise: String
        @Option(help: "daily, weekly or monthly.") var kind: CheckKind
    }

    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set up an enterprise's plan for one kind of check.",
            discussion: "Example:\n  dualprev check plan --as 林晓燕 --enterprise 1 --kind daily --responsible 王海涛 --from 2026-11-01"
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: KindOptions
        @Option(help: "The person who records it (id or name).") var responsible: String
        @Option(help: "First day (local date); today if left out.") var from: String?

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let actor = try await global.requireActor(repository, enterprise: scope.enterprise)
                let enterprise = try await repository.enterprise(scope.enterprise, visibleTo: .person(actor))
                let local = try LocalTime(timeZoneID: enterprise.timeZoneID)
                // A plan starts at the beginning of its first local day.
                let start = try from.map { local.startOfDay(try local.parse($0, field: "--from")) } ?? global.now
                // The responsible person is looked for inside this enterprise, and among the regional directors serving it.
                var people = try await repository.people(enterpriseID: enterprise.id, visibleTo: .person(actor))
                for appointment in try await repository.appointments(directorID: nil, enterpriseID: enterprise.id, visibleTo: .person(actor))
                where appointment.inOffice(at: global.now) {
                    people.append(try await repository.person(String(appointment.directorID)))
                }
                let person = try resolvePlace(responsible, in: people, id: \.id, name: \.name, what: "person of this enterprise")
                let plan = try await repository.addCheckPlan(
                    enterpriseID: enterprise.id,
                    kind: scope.kind,
                    responsibleID: person.id,
                    startsOn: start,
                    by: actor,
                    at: global.now
                )
                let names = try await Names.load(repository, viewer: .person(actor), enterpriseIDs: [enterprise.id])
                global.output.emit(plan, table: CheckCommands.plansTable([plan], names: names, language: global.language))
            }
        }
    }

    struct Plans: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List check plans.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Enterprise id, code or name.") var enterprise: String?

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let viewer = try await global.viewer(repository, enterprise: enterprise)
                let enterpriseID = try await global.enterpriseID(enterprise, repository, viewer)
                let plans = try await repository.checkPlans(enterpriseID: enterpriseID, visibleTo: viewer)
                let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: plans.map(\.enterpriseID))
                global.output.emit(plans, table: CheckCommands.plansTable(plans, names: names, language: global.language))
            }
        }
    }

    struct Items: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The items a check covers now, with their refs for --fail.",
            discussion: "Example:\n  dualprev check items --as 王海涛 --enterprise 1 --kind daily"
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: KindOptions

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let viewer = try await global.viewer(repository, enterprise: scope.enterprise)
                let plan = try await CheckCommands.plan(scope, repository: repository, viewer: viewer)
                let items = try await repository.checkItems(planID: plan.id, visibleTo: viewer)
                global.output.emit(
                    items,
                    table: Table(
                        headers: [Text("checkCommands.ref"), Text("checkCommands.item"), Text("checkCommands.howVerified")],
                        rows: items.map { [$0.ref, $0.item, $0.verify] }
                    )
                )
            }
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record this period's check: every item passes except those given with --fail.",
            discussion: """
                Each failed item opens a hazard linked to its risk point, with the item's text as its description.

                Examples:
                  dualprev check run --as 王海涛 --enterprise 1 --kind daily
                  dualprev check run --as 王海涛 --enterprise 1 --kind daily --fail "2.1=3号机温控仪偏差8℃" --fail 4.1
                  dualprev check run --as 郑建国 --enterprise 1 --kind monthly --chair 郑建国 --attendees "林晓燕、王海涛" \\
                    --situation "本月发现隐患5项，闭环4项" --decisions "注塑车间更换温控仪，王海涛负责，12月15日前"
                """
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: KindOptions
        @Option(help: "A failed item: REF or REF=NOTE (repeatable).") var fail: [String] = []

        func validate() throws {
            for entry in fail
            where entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first?.trimmingCharacters(in: .whitespaces).isEmpty
                ?? true
            {
                throw ValidationError("--fail \"\(entry)\" names no item; write REF or REF=NOTE with a ref from `dualprev check items`")
            }
        }
        @Option(help: "Chair of the meeting (monthly).") var chair: String = ""
        @Option var attendees: String = ""
        @Option(help: "The quality safety situation.") var situation: String = ""
        @Option var problems: String = ""
        @Option(help: "Decisions and tasks with owners.") var decisions: String = ""

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let actor = try await global.requireActor(repository, enterprise: scope.enterprise)
                let plan = try await CheckCommands.plan(scope, repository: repository, viewer: .person(actor))
                var failures: [String: String] = [:]
                for entry in fail {
                    let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                    failures[parts[0].trimmingCharacters(in: .whitespaces)] = parts.count > 1 ? parts[1] : ""
                }
                let minutes =
                    [chair, attendees, situation, problems, decisions].allSatisfy(\.isEmpty)
                    ? nil
                    : CheckMinutes(chair: chair, attendees: attendees, situation: situation, problems: problems, decisions: decisions)
                let (run, hazards) = try await repository.recordCheck(
                    planID: plan.id,
                    failures: failures,
                    minutes: minutes,
                    by: actor,
                    at: global.now
                )
                struct Recorded: Encodable {
                    var run: CheckRun
                    var hazards: [Hazard]
                }
                global.output.emit(
                    Recorded(run: run, hazards: hazards),
                    table: Table(
                        headers: [
                            Text("checkCommands.ref"), Text("checkCommands.item"), Text("checkCommands.result"), Text("checkCommands.hazard"),
                        ],
                        rows: run.results.map { r in
                            [r.ref, r.item, r.passed ? "✔" : "✘ " + r.note, r.hazardID.flatMap { id in hazards.first { $0.id == id }?.number } ?? ""]
                        }
                    )
                )
                global.output.say(
                    run.noRiskFound
                        ? Text("checkCommands.itemsNoRiskFound", "\(run.period)", plan.kind.label, "\(run.results.count)")
                        : Text("checkCommands.failedHazardsOpened", "\(run.period)", plan.kind.label, "\(run.failures.count)", "\(hazards.count)")
                )
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The checks recorded: daily records, weekly reports, monthly minutes.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Enterprise id, code or name.") var enterprise: String?

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let viewer = try await global.viewer(repository, enterprise: enterprise)
                let enterpriseID = try await global.enterpriseID(enterprise, repository, viewer)
                let runs = try await repository.checkRuns(enterpriseID: enterpriseID, visibleTo: viewer)
                let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: runs.map(\.enterpriseID))
                let l = global.language
                global.output.emit(
                    runs,
                    table: Table(
                        headers: [
                            Text("benchmarkCommands.id"), Text("hazardPages.enterprise"), Text("checkCommands.kind"), Text("checkCommands.period"),
                            Text("checkCommands.by"), Text("checkCommands.items"), Text("checkCommands.result"),
                        ],
                        rows: runs.map { r in
                            [
                                String(r.id), names.enterprises[r.enterpriseID]?.name ?? "", r.kind.label(l), r.period, names.person(r.performedBy),
                                String(r.results.count),
                                r.noRiskFound
                                    ? Text("checkCommands.noRiskFound")(l)
                                    : Text("checkCommands.failed", "\(r.failures.count)")(l),
                            ]
                        }
                    )
                )
                // The history of checks names the ones that are not in it.
                let missed = try await CheckCommands.schedule(repository, viewer: viewer, enterpriseID: enterpriseID, at: global.now).filter {
                    $0.status == .missed
                }
                for entry in missed {
                    let name = try await repository.enterprise(String(entry.enterpriseID), visibleTo: viewer).name
                    global.output.say(Text("checkCommands.missed").appending("\(name) \(entry.kind.label(l)) \(entry.period)"))
                }
            }
        }
    }

    struct Due: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Checks due now and checks missed, per enterprise.",
            discussion: "Example:\n  dualprev check due --as \"台州市局 孙建华\""
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "Enterprise id, code or name.") var enterprise: String?
        @Flag(help: "Also list the periods done.") var all = false

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let viewer = try await global.viewer(repository, enterprise: enterprise)
                let enterpriseID = try await global.enterpriseID(enterprise, repository, viewer)
                let entries = try await CheckCommands.schedule(repository, viewer: viewer, enterpriseID: enterpriseID, at: global.now)
                    .filter { all || $0.status != .done }
                // An enterprise without a plan of a kind skips that record entirely: say so.
                let plans = try await repository.checkPlans(enterpriseID: enterpriseID, visibleTo: viewer)
                let enterprises: [Enterprise] =
                    if let enterpriseID { [try await repository.enterprise(String(enterpriseID), visibleTo: viewer)] } else {
                        try await repository.enterprises(visibleTo: viewer)
                    }
                for enterprise in enterprises {
                    let missing = CheckKind.allCases.filter { kind in !plans.contains { $0.enterpriseID == enterprise.id && $0.kind == kind } }
                    if !missing.isEmpty {
                        global.output.say(
                            Text("checkCommands.hasNoPlan", "\(enterprise.name)")
                                .appending(missing.map { $0.label(global.language) }.joined(separator: ", "))
                        )
                    }
                }
                let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: entries.map(\.enterpriseID))
                let l = global.language
                global.output.emit(
                    entries,
                    table: Table(
                        headers: [
                            Text("hazardPages.enterprise"), Text("checkCommands.kind"), Text("checkCommands.period"), Text("checkCommands.status"),
                        ],
                        rows: entries.map {
                            [names.enterprises[$0.enterpriseID]?.name ?? "", $0.kind.label(l), $0.period, CheckCommands.statusLabel($0.status)(l)]
                        }
                    )
                )
            }
        }
    }

    struct Print: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a check as its paper record: daily check record, weekly report or monthly minutes.",
            discussion: "Example:\n  dualprev check print 3 --as 林晓燕"
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Check id (dualprev check list).") var id: Int64
        @Option(help: "The enterprise you act for (a regional quality safety director serving several names one).") var enterprise: String?

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let viewer = try await global.viewer(repository, enterprise: enterprise)
                let run = try await repository.checkRun(id, visibleTo: viewer)
                let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: [run.enterpriseID])
                let hazards = try await repository.hazards(HazardFilter(enterpriseID: run.enterpriseID), visibleTo: viewer)
                let runs = try await repository.checkRuns(enterpriseID: run.enterpriseID, visibleTo: viewer)
                print(PaperForms.check(run, runs: runs, hazards: hazards, names: names))
            }
        }
    }

    static func statusLabel(_ status: CheckSchedule.Status) -> Text {
        switch status {
        case .done: Text("checkCommands.done")
        case .due: Text("checkCommands.due")
        case .missed: Text("checkCommands.missed2")
        }
    }

    /// Every period of every plan the viewer may see, up to now.
    static func schedule(_ repository: any Repository, viewer: Viewer, enterpriseID: Int64?, at now: Date) async throws -> [CheckSchedule.Entry] {
        let plans = try await repository.checkPlans(enterpriseID: enterpriseID, visibleTo: viewer)
        let done = CheckSchedule.donePeriods(try await repository.checkRuns(enterpriseID: enterpriseID, visibleTo: viewer))
        var entries: [CheckSchedule.Entry] = []
        var schedules: [Int64: CheckSchedule] = [:]
        for plan in plans {
            // One look-up per enterprise, not per plan: its plans share its time zone.
            if schedules[plan.enterpriseID] == nil {
                let zone = try await repository.enterprise(String(plan.enterpriseID), visibleTo: viewer).timeZoneID
                schedules[plan.enterpriseID] = CheckSchedule(local: try LocalTime(timeZoneID: zone))
            }
            entries += schedules[plan.enterpriseID]?.entries(for: plan, done: done[plan.id] ?? [], at: now) ?? []
        }
        return entries
    }

    static func plan(_ scope: KindOptions, repository: any Repository, viewer: Viewer) async throws -> CheckPlan {
        let enterprise = try await repository.enterprise(scope.enterprise, visibleTo: viewer)
        guard let plan = try await repository.checkPlans(enterpriseID: enterprise.id, visibleTo: viewer).first(where: { $0.kind == scope.kind })
        else {
            throw NotFoundError(what: "check plan", key: "\(enterprise.name) \(scope.kind.rawValue)")
        }
        return plan
    }

    static func plansTable(_ plans: [CheckPlan], names: Names, language l: Language) -> Table {
        Table(
            headers: [
                Text("benchmarkCommands.id"), Text("hazardPages.enterprise"), Text("checkCommands.kind"), Text("checkCommands.record"),
                Text("checkCommands.responsible"), Text("checkCommands.from"),
            ],
            rows: plans.map { p in
                [
                    String(p.id), names.enterprises[p.enterpriseID]?.name ?? "", p.kind.label(l), p.kind.record(l), names.person(p.responsibleID),
                    names.localTime(p.enterpriseID).day(p.startsOn),
                ]
            }
        )
    }
}

extension CheckKind: ExpressibleByArgument {}
