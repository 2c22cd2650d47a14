import ArgumentParser
import DualPrevention
import DualPreventionStore
import Foundation

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an empty database with its first administrator.",
        discussion: "Example:\n  dualprev init --db plant.sqlite --admin 王磊"
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "Name of the first administrator.") var admin: String

    func run() async throws {
        try await reporting(global.language) {
            let repository = try await global.repository()
            let person = try await repository.bootstrap(adminName: admin, demo: false, at: global.now)
            global.output.emit(
                person,
                table: Table(
                    headers: [Text("setupCommands.database"), Text("setupCommands.administrator"), Text("benchmarkCommands.id")],
                    rows: [[global.shownDatabase, person.name, String(person.id)]]
                )
            )
        }
    }
}

struct JurisdictionCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jurisdiction",
        abstract: "The jurisdiction tree (province → city → district → town).",
        subcommands: [Add.self, List.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a jurisdiction (administrators only).",
            discussion:
                "Examples:\n  dualprev jurisdiction add --as 1 --name 浙江省 --level province\n  dualprev jurisdiction add --as 1 --name 台州市 --level city --parent 1"
        )
        @OptionGroup var global: GlobalOptions
        @Option var name: String
        @Option(help: "province, city, district or town.") var level: JurisdictionLevel
        @Option(help: "Id of the parent jurisdiction.") var parent: Int64?

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let actor = try await global.requireActor(repository)
                let node = try await repository.addJurisdiction(name: name, level: level, parentID: parent, by: actor, at: global.now)
                global.output.emit(node, table: JurisdictionCommands.table([node], language: global.language))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the jurisdiction tree.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await reporting(global.language) {
                let nodes = try await global.repository().jurisdictions()
                global.output.emit(nodes, table: JurisdictionCommands.table(nodes, language: global.language))
            }
        }
    }

    static func table(_ nodes: [Jurisdiction], language: Language) -> Table {
        Table(
            headers: [Text("benchmarkCommands.id"), Text("checklistCommands.name"), Text("setupCommands.level"), Text("setupCommands.parent")],
            rows: nodes.map { [String($0.id), $0.name, $0.level.label(language), $0.parentID.map(String.init) ?? ""] }
        )
    }
}

struct EnterpriseCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enterprise",
        abstract: "Enterprises under supervision.",
        subcommands: [Add.self, List.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register an enterprise (administrator, or a regulator of its jurisdiction).",
            discussion:
                "The unified social credit code is checked (GB 32100); a wrong one is refused with the expected check character.\n\nExample:\n  dualprev enterprise add --as 1 --name 台州恒信塑业有限公司 --code 91331002MA2AB1CD2T --jurisdiction 3 --category 食品相关产品"
        )
        @OptionGroup var global: GlobalOptions
        @Option var name: String
        @Option(help: "Unified social credit code (18 characters).") var code: String
        @Option(help: "Id of its jurisdiction.") var jurisdiction: Int64
        @Option(help: "Product category, e.g. 食品相关产品.") var category: String
        @Option var address: String = ""
        @Option(help: "IANA time zone for deadlines.") var timeZone: String = Enterprise.defaultTimeZoneID

        func run() async throws {
            try await reporting(global.language) {
                let creditCode = try CreditCode(code)
                let repository = try await global.repository()
                let actor = try await global.requireActor(repository)
                let enterprise = try await repository.addEnterprise(
                    Enterprise(
                        id: 0,
                        name: name,
                        creditCode: creditCode,
                        jurisdictionID: jurisdiction,
                        productCategory: category,
                        address: address,
                        timeZoneID: timeZone
                    ),
                    by: actor,
                    at: global.now
                )
                global.output.emit(enterprise, table: EnterpriseCommands.table([enterprise]))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the enterprises you may see.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let list = try await repository.enterprises(visibleTo: global.viewer(repository))
                global.output.emit(list, table: EnterpriseCommands.table(list))
            }
        }
    }

    static func table(_ list: [Enterprise]) -> Table {
        Table(
            headers: [
                Text("benchmarkCommands.id"), Text("checklistCommands.name"), Text("listCommands.creditCode"),
                Text("setupCommands.jurisdiction"), Text("demoCommand.category"),
            ],
            rows: list.map { [String($0.id), $0.name, $0.creditCode.value, String($0.jurisdictionID), $0.productCategory] }
        )
    }
}

/// Options naming an enterprise by id, credit code or name.
struct EnterpriseOption: ParsableArguments {
    @Option(name: .long, help: "Enterprise id, credit code or name.") var enterprise: String
}

struct WorkshopCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workshop",
        abstract: "Workshops (车间) of an enterprise.",
        subcommands: [Add.self, List.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a workshop.",
            discussion: "Example:\n  dualprev workshop add --as 4 --enterprise 1 --name 注塑车间"
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: EnterpriseOption
        @Option var name: String

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let actor = try await global.requireActor(repository, enterprise: scope.enterprise)
                let enterprise = try await repository.enterprise(scope.enterprise, visibleTo: .person(actor))
                let workshop = try await repository.addWorkshop(enterpriseID: enterprise.id, name: name, by: actor, at: global.now)
                global.output.emit(
                    workshop,
                    table: Table(
                        headers: [Text("benchmarkCommands.id"), Text("hazardCommands.workshop")],
                        rows: [[String(workshop.id), workshop.name]]
                    )
                )
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List workshops.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: EnterpriseOption

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let viewer = try await global.viewer(repository, enterprise: scope.enterprise)
                let enterprise = try await repository.enterprise(scope.enterprise, visibleTo: viewer)
                let list = try await repository.workshops(enterpriseID: enterprise.id, visibleTo: viewer)
                global.output.emit(
                    list,
                    table: Table(
                        headers: [Text("benchmarkCommands.id"), Text("hazardCommands.workshop")],
                        rows: list.map { [String($0.id), $0.name] }
                    )
                )
            }
        }
    }
}

struct TeamCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team",
        abstract: "Teams (班组) inside workshops.",
        subcommands: [Add.self, List.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a team to a workshop.",
            discussion: "Example:\n  dualprev team add --as 4 --workshop 1 --name 注塑一班"
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "Workshop id.") var workshop: Int64
        @Option var name: String

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let team = try await repository.addTeam(workshopID: workshop, name: name, by: global.requireActor(repository), at: global.now)
                global.output.emit(team, table: TeamCommands.table([team]))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the teams of an enterprise.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: EnterpriseOption

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let viewer = try await global.viewer(repository, enterprise: scope.enterprise)
                let list = try await repository.teams(enterpriseID: repository.enterprise(scope.enterprise, visibleTo: viewer).id, visibleTo: viewer)
                global.output.emit(list, table: TeamCommands.table(list))
            }
        }
    }

    static func table(_ list: [Team]) -> Table {
        Table(
            headers: [Text("benchmarkCommands.id"), Text("setupCommands.workshop"), Text("setupCommands.team")],
            rows: list.map { [String($0.id), String($0.workshopID), $0.name] }
        )
    }
}

struct PostCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "post",
        abstract: "Posts (岗位) inside teams.",
        subcommands: [Add.self, List.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a post to a team.",
            discussion: "Example:\n  dualprev post add --as 4 --team 1 --name 注塑机操作岗"
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "Team id.") var team: Int64
        @Option var name: String

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let post = try await repository.addPost(teamID: team, name: name, by: global.requireActor(repository), at: global.now)
                global.output.emit(post, table: PostCommands.table([post]))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the posts of an enterprise.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: EnterpriseOption

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let viewer = try await global.viewer(repository, enterprise: scope.enterprise)
                let list = try await repository.posts(enterpriseID: repository.enterprise(scope.enterprise, visibleTo: viewer).id, visibleTo: viewer)
                global.output.emit(list, table: PostCommands.table(list))
            }
        }
    }

    static func table(_ list: [Post]) -> Table {
        Table(
            headers: [Text("benchmarkCommands.id"), Text("setupCommands.team2"), Text("setupCommands.post")],
            rows: list.map { [String($0.id), String($0.teamID), $0.name] }
        )
    }
}

struct PersonCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person",
        abstract: "Named people and their roles (实名制).",
        subcommands: [Add.self, List.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a person with a role.",
            discussion: """
                Roles: principal, director, officer, workshopHead, teamLeader, postWorker, regulator, assessor, admin
                (Chinese labels such as 质量安全总监 are accepted too).

                Examples:
                  dualprev person add --as 1 --name 李娜 --role director --enterprise 1
                  dualprev person add --as 1 --name 陈刚 --role regulator --jurisdiction 3
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option var name: String
        @Option var role: Role
        @Option(help: "Enterprise id, code or name (enterprise roles).") var enterprise: String?
        @Option(help: "Workshop id (workshop heads, team leaders, post workers).") var workshop: Int64?
        @Option(help: "Jurisdiction id (regulators).") var jurisdiction: Int64?
        @Option var phone: String = ""

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let actor = try await global.requireActor(repository, enterprise: enterprise)
                let enterpriseID = try await global.enterpriseID(enterprise, repository, .person(actor))
                let person = try await repository.addPerson(
                    Person(
                        id: 0,
                        name: name,
                        role: role,
                        enterpriseID: enterpriseID,
                        workshopID: workshop,
                        jurisdictionID: jurisdiction,
                        phone: phone
                    ),
                    by: actor,
                    at: global.now
                )
                global.output.emit(person, table: PersonCommands.table([person], language: global.language))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List people, of one enterprise or all.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Enterprise id, code or name.") var enterprise: String?

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let viewer = try await global.viewer(repository, enterprise: enterprise)
                let enterpriseID = try await global.enterpriseID(enterprise, repository, viewer)
                let list = try await repository.people(enterpriseID: enterpriseID, visibleTo: viewer)
                global.output.emit(list, table: PersonCommands.table(list, language: global.language))
            }
        }
    }

    static func table(_ list: [Person], language: Language) -> Table {
        Table(
            headers: [
                Text("benchmarkCommands.id"), Text("setupCommands.name"), Text("setupCommands.role"),
                Text("hazardPages.enterprise"), Text("hazardCommands.workshop"), Text("setupCommands.jurisdiction"),
            ],
            rows: list.map {
                [
                    String($0.id), $0.name, $0.role.label(language), $0.enterpriseID.map(String.init) ?? "",
                    $0.workshopID.map(String.init) ?? "", $0.jurisdictionID.map(String.init) ?? "",
                ]
            }
        )
    }
}
