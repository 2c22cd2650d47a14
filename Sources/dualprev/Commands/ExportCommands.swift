import ArgumentParser
import DualPrevention
import DualPreventionStore
import Foundation

extension RiskCommands {
    struct ImportTable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-table",
            abstract: "Import the enterprise's own risk analysis table from CSV (the paper table's columns).",
            discussion: """
            UTF-8 with or without a byte-order mark; headers in Chinese or English:
              车间 风险维度 风险控制环节 风险点 风险描述 管控措施 管控目标 管控频次 责任人 (required),
              班组 岗位 产品类别 评级方法 L E C S (optional; 评级方法 is LEC or LS).
            Every row is checked first; if any row is bad, each bad row is reported by number and nothing is imported.
            A row naming a risk point already in the register (same workshop, control stage and name) is refused:
            change that one with `dualprev risk grade` instead. `dualprev risk export` writes the same columns.

            Example:
              dualprev risk import-table 风险分析表.csv --as 林晓燕 --enterprise 1
            """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: EnterpriseOption
        @Argument(help: "The CSV file.") var file: String

        func run() async throws {
            try await reporting(global.language) {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw StoreError.io(Text(zh: "无法读取 \(file)", en: "cannot read \(file)"), underlying: "no such file")
                }
                guard let text = String(data: data, encoding: .utf8) else {
                    throw InputError(rule: "TABLE-ENCODING", message: Text(zh: "\(file) 不是 UTF-8 编码", en: "\(file) is not UTF-8"),
                                     hint: Text(zh: "在表格软件中另存为“CSV UTF-8”", en: "save it from the spreadsheet as \"CSV UTF-8\""))
                }
                let repository = try global.repository()
                let actor = try await global.requireActor(repository)
                let viewer = Viewer.person(actor)
                let enterprise = try await repository.enterprise(scope.enterprise, visibleTo: viewer)
                let lookup = try await RiskCommands.lookup(repository, viewer: viewer, enterprise: enterprise)
                let rows = try RiskTable.read(text, enterpriseID: enterprise.id, lookup: lookup, dimensions: repository.dimensions).get()
                let progress = Progress(Text(zh: "导入", en: "importing")(global.language))
                let points = try await repository.addRiskPoints(rows.map { ($0.point, $0.grading) }, by: actor, at: Date()) { progress.update($0, of: $1) }
                let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: [enterprise.id])
                global.output.emit(points, table: RiskCommands.table(points, names: names, dimensions: repository.dimensions, language: global.language))
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the risk register as CSV (with a byte-order mark, for spreadsheets) or JSON.",
            discussion: "Example:\n  dualprev risk export --as 林晓燕 --output 风险清单.csv\n  dualprev risk export --as 林晓燕 --format json > register.json")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Enterprise id, code or name (all you may see if left out).") var enterprise: String?
        @Option(help: "File to write; standard output if left out.") var output: String?

        func run() async throws {
            try await reporting(global.language) {
                let repository = try global.repository()
                let viewer = try await global.viewer(repository)
                var filter = RiskFilter()
                if let enterprise { filter.enterpriseID = try await repository.enterprise(enterprise, visibleTo: viewer).id }
                let points = try await repository.riskPoints(filter, visibleTo: viewer)
                if global.format == .json { return try writeExport(Output.json(points) + "\n", to: output) }
                let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: points.map(\.enterpriseID))
                let gradings = try await RiskCommands.latestGradings(points, repository: repository, viewer: viewer)
                let progress = Progress(Text(zh: "导出", en: "exporting")(global.language))
                var rows: [[String]] = []
                for (index, p) in points.enumerated() {
                    let g = gradings[p.id]
                    var inputs = ["", "", "", "", ""]
                    switch g?.result.input {
                    case .lec(let l, let e, let c)?: inputs = ["LEC", GradingInput.format(l), GradingInput.format(e), GradingInput.format(c), ""]
                    case .ls(let l, let s)?: inputs = ["LS", String(l), "", "", String(s)]
                    case nil: break
                    }
                    rows.append([String(index + 1), names.workshop(p.workshopID), p.teamID.flatMap { names.teams[$0]?.name } ?? "",
                                 p.postID.flatMap { names.posts[$0]?.name } ?? "", p.productCategory,
                                 (try? repository.dimensions.resolve(p.dimension).label.zh) ?? p.dimension, p.controlStage, p.name,
                                 p.hazardDescription, p.measures, p.target, p.frequency.label.zh, names.person(p.ownerID)]
                                + inputs + [g.map { GradingInput.format($0.result.score) } ?? "", p.colour?.label.zh ?? "", p.colour?.controlTier.label.zh ?? ""])
                    progress.update(index + 1, of: points.count)
                }
                try writeExport(CSV.document(header: RiskTable.exportHeader, rows: rows), to: output)
            }
        }
    }

    /// Names of the enterprise's places and people, for reading a table.
    static func lookup(_ repository: any Repository, viewer: Viewer, enterprise: Enterprise) async throws -> RiskTable.Lookup {
        let workshops = try await repository.workshops(enterpriseID: enterprise.id, visibleTo: viewer)
        let teams = try await repository.teams(enterpriseID: enterprise.id, visibleTo: viewer)
        let posts = try await repository.posts(enterpriseID: enterprise.id, visibleTo: viewer)
        let people = try await repository.people(enterpriseID: enterprise.id, visibleTo: viewer)
        let points = try await repository.riskPoints(RiskFilter(enterpriseID: enterprise.id), visibleTo: viewer)
        return RiskTable.Lookup(
            workshops: Dictionary(workshops.map { ($0.name, $0.id) }, uniquingKeysWith: { first, _ in first }),
            teams: Dictionary(grouping: teams, by: \.workshopID).mapValues { Dictionary($0.map { ($0.name, $0.id) }, uniquingKeysWith: { a, _ in a }) },
            posts: Dictionary(grouping: posts, by: \.teamID).mapValues { Dictionary($0.map { ($0.name, $0.id) }, uniquingKeysWith: { a, _ in a }) },
            people: Dictionary(grouping: people, by: \.name).mapValues { $0.map(\.id) },
            defaultCategory: enterprise.productCategory,
            existing: Dictionary(points.map { (RiskTable.RowKey(workshopID: $0.workshopID, controlStage: $0.controlStage, name: $0.name), $0.id) },
                                 uniquingKeysWith: { first, _ in first }))
    }

    static func latestGradings(_ points: [RiskPoint], repository: any Repository, viewer: Viewer) async throws -> [Int64: GradingRecord] {
        var latest: [Int64: GradingRecord] = [:]
        for point in points where point.colour != nil {
            latest[point.id] = try await repository.riskPoint(point.id, visibleTo: viewer).1.last
        }
        return latest
    }
}

extension HazardCommands {
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the hazard ledger (隐患台账) as CSV (with a byte-order mark, for spreadsheets) or JSON.",
            discussion: "Example:\n  dualprev hazard export --as 林晓燕 --output 隐患台账.csv")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Enterprise id, code or name (all you may see if left out).") var enterprise: String?
        @Option(help: "File to write; standard output if left out.") var output: String?

        static let header = ["序号", "隐患编号", "发现日期", "发现人", "车间/位置", "隐患描述", "隐患等级", "隐患来源", "整改措施", "整改责任人",
                             "整改期限", "整改资金", "完成日期", "验收人", "验收日期", "状态", "逾期天数"]

        func run() async throws {
            try await reporting(global.language) {
                let repository = try global.repository()
                let viewer = try await global.viewer(repository)
                var filter = HazardFilter()
                if let enterprise { filter.enterpriseID = try await repository.enterprise(enterprise, visibleTo: viewer).id }
                let hazards = try await repository.hazards(filter, visibleTo: viewer)
                if global.format == .json { return try writeExport(Output.json(hazards) + "\n", to: output) }
                let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: hazards.map(\.enterpriseID))
                let now = Date()
                let progress = Progress(Text(zh: "导出", en: "exporting")(global.language))
                var rows: [[String]] = []
                for (index, h) in hazards.enumerated() {
                    let local = names.localTime(h.enterpriseID)
                    let passed = h.acceptances.last { $0.passed }
                    let funds = h.submissions.last?.funds.nonBlank ?? h.currentPlan?.funds ?? ""
                    rows.append([String(index + 1), h.number, local.day(h.foundAt), names.person(h.foundBy),
                                 [names.place(workshop: h.workshopID, team: h.teamID, post: h.postID), h.location].filter { !$0.isEmpty }.joined(separator: " · "),
                                 h.description, h.grade.label.zh, h.source.label.zh, h.submissions.last?.measuresTaken ?? h.notice?.requiredMeasures ?? "",
                                 names.person(h.ownerID), h.deadline.map(local.day) ?? "", funds, h.submissions.last.map { local.day($0.completedAt) } ?? "",
                                 passed.map { names.person($0.acceptorID) } ?? "", passed.map { local.day($0.acceptedAt) } ?? "", h.state.label.zh,
                                 h.isOverdue(at: now) ? String(h.daysOverdue(at: now)) : ""])
                    progress.update(index + 1, of: hazards.count)
                }
                try writeExport(CSV.document(header: Self.header, rows: rows), to: output)
            }
        }
    }
}
