import ArgumentParser
import DualPrevention
import DualPreventionPresentation
import DualPreventionStore
import Foundation

/// Grading inputs as options: --method lec --l 3 --e 6 --c 15, or --method ls --l 4 --s 5.
struct GradingOptions: ParsableArguments {
    @Option(help: "Grading method: lec (D = L×E×C) or ls (R = L×S).") var method: GradingMethodKind?
    @Option(name: .customLong("l"), help: "Likelihood: LEC 10/6/3/1/0.5/0.2/0.1; LS 1–5.") var likelihood: Double?
    @Option(name: .customLong("e"), help: "Exposure (LEC): 10/6/3/2/1/0.5.") var exposure: Double?
    @Option(name: .customLong("c"), help: "Consequence (LEC): 100/40/15/7/3/1.") var consequence: Double?
    @Option(name: .customLong("s"), help: "Severity (LS): 1–5.") var severity: Int?

    /// The inputs, or nil when no method was given.
    func input() throws -> GradingInput? {
        try GradingInput.make(method: method, l: likelihood, e: exposure, c: consequence, s: severity)
    }
}

struct RiskCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "risk",
        abstract: "Risk points (风险点): identify, grade, list.",
        subcommands: [Add.self, Import.self, ImportTable.self, Grade.self, List.self, Show.self, Export.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a risk point (one row of the risk analysis table), graded at once if a method is given.",
            discussion: """
                Dimensions: process, equipment, environment, personnel, management (or their Chinese names).
                Frequencies: perShift, daily, weekly, monthly, quarterly.

                Example:
                  dualprev risk add --as 4 --enterprise 1 --workshop 注塑车间 --dimension process \\
                    --stage 注塑成型 --name 注塑温度控制 --description "温度过高导致材料降解，迁移物超标" \\
                    --measures "温控仪每班点检，首件检验" --target "温度偏差≤±5℃" --frequency perShift --owner 8 \\
                    --method lec --l 3 --e 6 --c 15
                """
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: EnterpriseOption
        @Option(help: "Workshop id or name.") var workshop: String
        @Option(help: "Team id or name.") var team: String?
        @Option(help: "Post id or name.") var post: String?
        @Option var dimension: String
        @Option(help: "Control stage (风险控制环节).") var stage: String
        @Option var name: String
        @Option(help: "What can go wrong and its consequence.") var description: String
        @Option var measures: String
        @Option var target: String
        @Option var frequency: ControlFrequency
        @Option(help: "Responsible person (id or name).") var owner: String
        @Option var category: String = ""
        @OptionGroup var grading: GradingOptions

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let actor = try await global.requireActor(repository, enterprise: scope.enterprise)
                let enterprise = try await repository.enterprise(scope.enterprise, visibleTo: .person(actor))
                let place = try await PlaceResolver.resolve(
                    repository,
                    viewer: .person(actor),
                    enterpriseID: enterprise.id,
                    workshop: workshop,
                    team: team,
                    post: post
                )
                let ownerID = try await repository.person(owner).id
                let point = try await repository.addRiskPoint(
                    RiskPoint(
                        id: 0,
                        enterpriseID: enterprise.id,
                        workshopID: place.workshop,
                        teamID: place.team,
                        postID: place.post,
                        dimension: dimension,
                        controlStage: stage,
                        name: name,
                        hazardDescription: description,
                        measures: measures,
                        target: target,
                        frequency: frequency,
                        ownerID: ownerID,
                        productCategory: category.isEmpty ? enterprise.productCategory : category
                    ),
                    grading: try grading.input(),
                    by: actor,
                    at: global.now
                )
                let names = try await Names.load(repository, viewer: .person(actor), enterpriseIDs: [enterprise.id])
                global.output.emit(
                    point,
                    table: RiskCommands.table([point], names: names, dimensions: repository.dimensions, language: global.language)
                )
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Instantiate a product category's template in a workshop, graded with the suggested inputs.",
            discussion: """
                Running it again adds nothing twice; it reports rows whose template changed since they were imported,
                and leaves those risk points as the enterprise made them. Owners are the people of each row's role in
                the workshop (else in the enterprise, else you).

                Example:
                  dualprev risk import --as 林晓燕 --enterprise 1 --workshop 注塑车间 --checklist food-contact-plastics
                """
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: EnterpriseOption
        @Option(help: "Workshop id or name.") var workshop: String
        @Option(help: "Category key of the checklist (dualprev checklist list).") var checklist: String

        func run() async throws {
            try await reporting(global.language) {
                let template = try ChecklistCommands.find(checklist, global)
                let repository = try await global.repository()
                let actor = try await global.requireActor(repository, enterprise: scope.enterprise)
                let viewer = Viewer.person(actor)
                let enterprise = try await repository.enterprise(scope.enterprise, visibleTo: viewer)
                let place = try await PlaceResolver.resolve(
                    repository,
                    viewer: viewer,
                    enterpriseID: enterprise.id,
                    workshop: workshop,
                    team: nil,
                    post: nil
                )
                let report = try await repository.importChecklist(
                    template,
                    enterpriseID: enterprise.id,
                    workshopID: place.workshop,
                    by: actor,
                    at: global.now
                )
                let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: [enterprise.id])
                let l = global.language
                global.output.emit(
                    report,
                    table: Table(
                        headers: [
                            Text("riskCommands.code"), Text("checkCommands.result"), Text("checklistCommands.riskPoint"),
                            Text("checklistCommands.colour"), Text("hazardPages.owner"), Text("riskCommands.changedTemplate"),
                        ],
                        rows: report.added.map {
                            [
                                $0.code, Text("riskCommands.added")(l), "#\($0.riskPointID)", $0.colour.label(l),
                                names.person($0.ownerID) + ($0.ownerByDefault ? Text("riskCommands.default")(l) : ""), "",
                            ]
                        }
                            + report.changed.map {
                                [
                                    $0.code, Text("riskCommands.templateChanged")(l), "#\($0.riskPointID)", "", "",
                                    $0.fields.joined(separator: ", "),
                                ]
                            }
                            + report.removed.map { [$0, Text("riskCommands.removedFromTemplate")(l), "", "", "", ""] }
                    )
                )
                global.output.say(
                    Text(
                        "riskCommands.vAddedUnchangedChanged",
                        "\(template.category)",
                        "\(template.version)",
                        "\(report.added.count)",
                        "\(report.unchanged.count)",
                        "\(report.changed.count)"
                    )
                )
            }
        }
    }

    struct Grade: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Grade (or re-grade) a risk point; every grading is kept.",
            discussion:
                "Examples:\n  dualprev risk grade 12 --as 4 --method lec --l 6 --e 6 --c 15 --reason 工艺变更\n  dualprev risk grade 12 --as 4 --method ls --l 4 --s 5 --reason 隐患闭环后复评"
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Risk point id.") var id: Int64
        @Option(help: "The enterprise you act for (a regional quality safety director serving several names one).") var enterprise: String?
        @OptionGroup var grading: GradingOptions
        @Option(help: "Why it is (re-)graded.") var reason: String

        func validate() throws {
            guard grading.method != nil else { throw ValidationError("give --method lec (with --l --e --c) or --method ls (with --l --s)") }
        }

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let actor = try await global.requireActor(repository, enterprise: enterprise)
                guard let input = try grading.input() else { return }
                let record = try await repository.grade(riskPointID: id, input, reason: reason, by: actor, at: global.now)
                // Its time in the actor's enterprise's zone (a regulator grades none; the default zone then).
                let names = try await Names.load(repository, viewer: .person(actor), enterpriseIDs: actor.enterpriseID.map { [$0] } ?? [])
                let local = names.localTime(actor.enterpriseID ?? 0)
                global.output.emit(record, table: RiskCommands.gradingTable([record], names: names, local: local, language: global.language))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List risk points, filtered by colour, workshop or dimension, or a tier's control list.",
            discussion: """
                --tier lists what one unit controls (分级管控清单): the enterprise's list, a workshop's, a team's or a
                post's. A point controlled higher up is on every list below it: red on every list of its enterprise,
                orange on every list of its workshop, yellow on its team's (and, naming no team, on every team's of its
                workshop) and their posts', blue on its post's.

                Examples:
                  dualprev risk list --enterprise 1 --colour red --format csv
                  dualprev risk list --enterprise 1 --tier team --workshop 注塑车间 --team 甲班
                  dualprev risk list --enterprise 1 --tier post --workshop 注塑车间 --team 甲班 --post 注塑机操作岗
                  dualprev risk list --enterprise 1 --tier workshop --workshop 注塑车间 --form 注塑车间管控清单.html
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "Enterprise id, code or name.") var enterprise: String?
        @Option(help: "Workshop id or name (needs --enterprise).") var workshop: String?
        @Option(help: "The control list of one tier: enterprise, workshop, team or post (needs --enterprise and its units).")
        var tier: ControlList.Tier?
        @Option(help: "Team id or name, for --tier team or post.") var team: String?
        @Option(help: "Post id or name, for --tier post.") var post: String?
        @Option var colour: RiskColour?
        @Option var dimension: String?
        @Flag(help: "Only risk points waiting to be re-graded.") var regradeDue = false
        @Option(help: "With --tier: write the list's A4 form (HTML, to print) to this file, each row with its owner at the tier.")
        var form: String?

        func validate() throws {
            guard let tier else {
                guard team == nil, post == nil else { throw ValidationError("--team and --post choose a control list: give --tier too") }
                guard form == nil else { throw ValidationError("--form prints a tier's control list: give --tier and its units too") }
                return
            }
            guard form == nil || (colour == nil && dimension == nil && !regradeDue) else {
                throw ValidationError("--form prints the whole list: leave out --colour, --dimension and --regrade-due")
            }
            guard enterprise != nil else { throw ValidationError("--tier \(tier.rawValue) needs --enterprise") }
            let needs: [(ControlList.Tier, String, String?)] = [
                (.workshop, "--workshop", workshop), (.team, "--team", team), (.post, "--post", post),
            ]
            for (level, option, value) in needs where level <= tier && value == nil {
                throw ValidationError("--tier \(tier.rawValue) needs \(option): the unit whose list to show")
            }
        }

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let viewer = try await global.viewer(repository, enterprise: enterprise)
                var filter = RiskFilter(colour: colour, regradeDue: regradeDue ? true : nil)
                if let dimension { filter.dimension = try repository.dimensions.resolve(dimension).code }
                if let enterprise, let tier {
                    let found = try await repository.enterprise(enterprise, visibleTo: viewer)
                    filter.enterpriseID = found.id
                    filter.controlList = try await PlaceResolver.controlList(
                        tier,
                        repository,
                        viewer: viewer,
                        enterpriseID: found.id,
                        workshop: workshop,
                        team: team,
                        post: post
                    )
                } else if let enterprise {
                    let found = try await repository.enterprise(enterprise, visibleTo: viewer)
                    filter.enterpriseID = found.id
                    if let workshop {
                        filter.workshopID = try await PlaceResolver.resolve(
                            repository,
                            viewer: viewer,
                            enterpriseID: found.id,
                            workshop: workshop,
                            team: nil,
                            post: nil
                        ).workshop
                    }
                }
                let points = try await repository.riskPoints(filter, visibleTo: viewer)
                let names = try await Names.load(
                    repository,
                    viewer: viewer,
                    enterpriseIDs: points.map(\.enterpriseID) + [filter.enterpriseID].compactMap { $0 }
                )
                if let form, let list = filter.controlList {
                    try await ExportSink.writing(to: form) { sink in
                        try sink.write(ControlListFormHTML.render(list, points: points, names: names, drawnAt: global.now, language: global.language))
                    }
                }
                global.output.emit(
                    points,
                    table: RiskCommands.table(points, names: names, dimensions: repository.dimensions, language: global.language)
                )
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a risk point with its grading history.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Risk point id.") var id: Int64
        @Option(help: "The enterprise you act for (a regional quality safety director serving several names one).") var enterprise: String?

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let viewer = try await global.viewer(repository, enterprise: enterprise)
                let (point, gradings) = try await repository.riskPoint(id, visibleTo: viewer)
                let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: [point.enterpriseID])
                struct Shown: Encodable {
                    var riskPoint: RiskPoint
                    var gradings: [GradingRecord]
                }
                let l = global.language
                let details = Table(
                    headers: [Text("hazardCommands.field"), Text("hazardCommands.value")],
                    rows: [
                        [Text("checklistCommands.riskPoint")(l), "#\(point.id) \(point.name)"],
                        [Text("hazardPages.location")(l), names.place(workshop: point.workshopID, team: point.teamID, post: point.postID)],
                        [Text("checklistCommands.dimension")(l), (try? repository.dimensions.resolve(point.dimension).label(l)) ?? point.dimension],
                        [Text("riskCommands.controlStage")(l), point.controlStage],
                        [Text("riskCommands.whatCanGoWrong")(l), point.hazardDescription],
                        [Text("riskCommands.measures")(l), point.measures],
                        [Text("riskCommands.target")(l), point.target],
                        [Text("riskCommands.frequency")(l), point.frequency.label(l)],
                        [Text("hazardPages.owner")(l), names.person(point.ownerID)],
                        [Text("riskCommands.colour")(l), point.colour?.label(l) ?? Text("enterprisePages.notGraded")(l)],
                        [Text("riskCommands.controlTier")(l), point.colour.map { $0.controlTier.label(l) } ?? ""],
                        [Text("riskCommands.reGradingDue")(l), point.regradeDue ? "✔" : ""],
                    ]
                )
                if global.format == .table {
                    print(global.output.render(details))
                    print(Text("riskCommands.gradingHistory")(l))
                }
                global.output.emit(
                    Shown(riskPoint: point, gradings: gradings),
                    table: RiskCommands.gradingTable(gradings, names: names, local: names.localTime(point.enterpriseID), language: l)
                )
            }
        }
    }

    static func table(_ points: [RiskPoint], names: Names, dimensions: DimensionCatalog, language l: Language) -> Table {
        Table(
            headers: [
                Text("benchmarkCommands.id"), Text("hazardCommands.workshop"), Text("checklistCommands.dimension"),
                Text("checklistCommands.stage"), Text("checklistCommands.riskPoint"), Text("checklistCommands.colour"),
                Text("riskCommands.tier"), Text("checklistCommands.frequency"), Text("hazardPages.owner"),
            ],
            rows: points.map { p in
                [
                    String(p.id), names.workshop(p.workshopID), (try? dimensions.resolve(p.dimension).label(l)) ?? p.dimension, p.controlStage,
                    p.name + (p.regradeDue ? " ⟳" : ""),
                    p.colour?.label(l) ?? "—", p.colour?.controlTier.label(l) ?? "", p.frequency.label(l), names.person(p.ownerID),
                ]
            }
        )
    }

    /// The gradings of a point, their times in the enterprise's zone as people write them.
    static func gradingTable(_ gradings: [GradingRecord], names: Names, local: LocalTime, language l: Language) -> Table {
        let dates = LocalDates(local, language: l)
        return
            Table(
                headers: [
                    Text("riskCommands.text"), Text("riskCommands.method"), Text("riskCommands.inputs"), Text("riskCommands.score"),
                    Text("checklistCommands.colour"), Text("riskCommands.graded"), Text("riskCommands.at"), Text("riskCommands.reason"),
                ],
                rows: gradings.map { g in
                    [
                        String(g.sequence), g.result.input.method.rawValue.uppercased(), g.result.input.summary,
                        GradingInput.format(g.result.score), g.result.colour.label(l),
                        names.person(g.gradedBy).isEmpty ? "#\(g.gradedBy)" : names.person(g.gradedBy),
                        dates.minute(g.gradedAt), g.reason,
                    ]
                }
            )
    }
}

/// Resolves workshop/team/post names or ids inside one enterprise.
enum PlaceResolver {
    static func resolve(
        _ repository: any Repository,
        viewer: Viewer,
        enterpriseID: Int64,
        workshop: String,
        team: String?,
        post: String?
    ) async throws
        -> (workshop: Int64, team: Int64?, post: Int64?)
    {
        let workshopID = try resolvePlace(
            workshop,
            in: try await repository.workshops(enterpriseID: enterpriseID, visibleTo: viewer),
            id: \.id,
            name: \.name,
            what: "workshop"
        ).id
        let teams = try await repository.teams(enterpriseID: enterpriseID, visibleTo: viewer).filter { $0.workshopID == workshopID }
        let teamID = try team.map { try resolvePlace($0, in: teams, id: \.id, name: \.name, what: "team of this workshop").id }
        let posts = try await repository.posts(enterpriseID: enterpriseID, visibleTo: viewer).filter { $0.teamID == teamID }
        let postID = try post.map { try resolvePlace($0, in: posts, id: \.id, name: \.name, what: "post of this team").id }
        return (workshopID, teamID, postID)
    }

    /// The control list of a tier's unit, named as people type it.
    static func controlList(
        _ tier: ControlList.Tier,
        _ repository: any Repository,
        viewer: Viewer,
        enterpriseID: Int64,
        workshop: String?,
        team: String?,
        post: String?
    ) async throws -> ControlList {
        guard tier > .enterprise, let workshop else { return .enterprise(enterpriseID) }
        let place = try await resolve(repository, viewer: viewer, enterpriseID: enterpriseID, workshop: workshop, team: team, post: post)
        let workshops = try await repository.workshops(enterpriseID: enterpriseID, visibleTo: viewer)
        let teams = try await repository.teams(enterpriseID: enterpriseID, visibleTo: viewer)
        let posts = try await repository.posts(enterpriseID: enterpriseID, visibleTo: viewer)
        let unit = workshops.first { $0.id == place.workshop }
        let crew = teams.first { $0.id == place.team }
        let station = posts.first { $0.id == place.post }
        let list: ControlList? =
            switch tier {
            case .enterprise: .enterprise(enterpriseID)
            case .workshop: unit.map(ControlList.workshop)
            case .team: unit.flatMap { w in crew.flatMap { ControlList.team($0, of: w) } }
            case .post: unit.flatMap { w in crew.flatMap { t in station.flatMap { ControlList.post($0, of: t, of: w) } } }
            }
        guard let list else {
            throw NotFoundError(what: "\(tier.rawValue) of this enterprise", key: [workshop, team, post].compactMap { $0 }.joined(separator: " / "))
        }
        return list
    }
}
