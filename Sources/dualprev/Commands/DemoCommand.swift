import ArgumentParser
import DualPrevention
import DualPreventionStore
import Foundation

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a sample database (three enterprises, graded risk points, hazards in every state) and print its summary.",
        discussion: """
            Replaces an earlier demo database at the same path; refuses to touch any other database.

            Examples:
              dualprev demo
              dualprev demo --db /tmp/sample.sqlite --lang en
            """
    )

    @OptionGroup var global: GlobalOptions

    /// Replaces the demo database at `--db` with a fresh sample.
    static func build(_ global: GlobalOptions) async throws -> (any Repository, DemoSummary) {
        try global.requireSQLite("demo")
        try DemoCommand.clear(global.db)
        let repository = try await global.repository()
        var seed = DemoSeed(
            repository: repository,
            now: global.now,
            evidenceDirectory: URL(fileURLWithPath: global.db + ".demo-photos"),
            creditRules: try global.creditRules(),
            listRules: try global.listRules()
        )
        if global.format == .table {
            FileHandle.standardError.write(Data(Text("demoCommand.buildingSample")(global.language).utf8))
        }
        return (repository, try await seed.run())
    }

    func run() async throws {
        try await reporting(global.language) {
            let (_, summary) = try await DemoCommand.build(global)
            global.output.emit(summary, table: DemoCommand.table(summary, language: global.language))
            if global.format == .table { print(DemoCommand.tour(summary, db: global.db, language: global.language, now: global.now)) }
        }
    }

    /// Removes a database only if the demo made it (its first audit entry says so); anything else is refused.
    static func clear(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        guard StoreRepository.isDemoDatabase(path: path) else {
            throw InputError(
                rule: "DEMO-OVERWRITE",
                message: Text("demoCommand.existsNotDemoDatabase", "\(path)"),
                hint: Text("demoCommand.nameAnotherFileWith")
            )
        }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        for folder in [".evidence", ".demo-photos"] { try? FileManager.default.removeItem(atPath: path + folder) }
    }

    static func table(_ summary: DemoSummary, language l: Language) -> Table {
        Table(
            headers: [
                Text("benchmarkCommands.id"), Text("hazardPages.enterprise"), Text("demoCommand.category"),
                Text("demoCommand.riskPointsRO"), Text("demoCommand.hazardsState"),
                Text("demoCommand.overdue"), Text("demoCommand.listed"),
            ],
            rows: summary.enterprises.map { e in
                let colours = RiskColour.allCases.map { String(e.riskPointsByColour[$0.rawValue] ?? 0) }.joined(separator: "/")
                let states = HazardState.allCases.compactMap { s in e.hazardsByState[s.rawValue].map { "\(s.label(l)) \($0)" } }.joined(
                    separator: "，"
                )
                return [String(e.id), e.name, e.category, colours, states, String(e.overdue), String(e.listed)]
            }
        )
    }

    static func tour(_ summary: DemoSummary, db: String, language l: Language, now: Date) -> String {
        let benchmark = DemoSeed.benchmarkPeriods(now: now, local: (try? LocalTime()) ?? Names().localTime(0))
        let dbFlag = db == "./dualprev.sqlite" ? "" : " --db \(db)"
        let audit =
            summary.auditIntact
            ? Text("demoCommand.auditChainIntactEntries", "\(summary.auditEntries)", "\(summary.headHash.prefix(16))")
            : Text("demoCommand.auditChainBroken")
        return """

            \(Text("demoCommand.databaseNamedPeople", "\(db)", "\(summary.people)")(l))
            \(audit(l))

            \(Text("demoCommand.try")(l))
              # \(Text("demoCommand.directorSeesHerOwn")(l))
              dualprev risk list --as 林晓燕 --colour red\(dbFlag)
              # \(Text("demoCommand.cityRegulatorSeesWhole")(l))
              dualprev hazard list --as "台州市局 孙建华" --overdue\(dbFlag)
              dualprev hazard show 1 --as 林晓燕\(dbFlag)
              dualprev hazard print-notice 1 --as 林晓燕\(dbFlag)
              dualprev hazard print-acceptance 1 --as 林晓燕\(dbFlag)
              # \(Text("demoCommand.creditGradesEveryItem")(l))
              dualprev credit grade --all --as "台州市局 孙建华" --preview\(dbFlag)
              dualprev credit grade --enterprise 3 --as "路桥分局 赵敏" --preview\(dbFlag)
              dualprev lists show --public\(dbFlag)
              dualprev benchmark assess --as "评估专家 马文" --enterprise 1 --period \(benchmark.period) --baseline \(benchmark.baseline) --report 标杆评估.html\(dbFlag)
              # \(Text("demoCommand.regionalDirectorServesTwo")(l))
              dualprev inbox --as "\(DemoSeed.regionalDirectorName)"\(dbFlag)
              dualprev hazard list --enterprise 台州路桥顺发塑料制品厂 --as "\(DemoSeed.regionalDirectorName)"\(dbFlag)
              dualprev appointment list --as "路桥分局 赵敏"\(dbFlag)
              dualprev audit verify\(dbFlag)
            """
    }
}
