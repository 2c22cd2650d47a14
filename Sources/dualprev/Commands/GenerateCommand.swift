import ArgumentParser
import DualPrevention
import DualPreventionEnvironment
import DualPreventionStore
import Foundation
import HummingbirdBcrypt

struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Build a deterministic synthetic province (for judging reads and pages at scale) into a new database.",
        discussion: """
            A jurisdiction tree (province → cities → districts → towns), enterprises across the shipped categories with
            valid credit codes, people in every role, risk points from the checklists, check runs with missed periods,
            hazards in every state with full histories, credit inputs and list entries. Every action goes through the
            same rules and audit entries as a person's, so `dualprev audit verify` passes on the result. The same
            --seed, --enterprises, --years and --as-of give the same province.

            The administrator, every regulator and each enterprise's director get an account with the password of
            --password. `--format json` prints a summary with the counts and the login names of the province's
            regulator and the administrator.

            Examples:
              dualprev generate --db /tmp/province.sqlite --enterprises 1250
              dualprev generate --db /tmp/province.sqlite --enterprises 12500 --seed 7 --years 3 --format json
              dualprev serve --db /tmp/province.sqlite        then log in as 合成省监管员
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "How many enterprises (1 to 1,000,000).") var enterprises: Int = 1_250
    @Option(help: "The random seed; the same seed gives the same province.") var seed: UInt64 = 1
    @Option(help: "Years of history (1 to 10).") var years: Int = 3
    @Option(help: "Hazards reported per enterprise over the years (0 to 1,000).") var hazardsPerEnterprise: Int = 8
    @Option(help: "The password of every generated login (at least 8 characters).") var password: String = "dualprev-demo-2026"
    @Option(help: "The instant the history ends at, as YYYY-MM-DD (local midnight, Asia/Shanghai); default now.") var asOf: String?

    func validate() throws {
        guard (1...1_000_000).contains(enterprises) else { throw ValidationError("--enterprises is from 1 to 1000000, e.g. --enterprises 1250") }
        guard (1...10).contains(years) else { throw ValidationError("--years is from 1 to 10, e.g. --years 3") }
        guard (0...1_000).contains(hazardsPerEnterprise) else { throw ValidationError("--hazards-per-enterprise is from 0 to 1000, e.g. 8") }
        guard password.count >= 8 else { throw ValidationError("--password needs at least 8 characters") }
    }

    func run() async throws {
        try await reporting(global.language) {
            try global.requireSQLite("generate")
            if FileManager.default.fileExists(atPath: global.db) {
                throw InputError(
                    rule: "GENERATE-EXISTS",
                    message: Text("generateCommand.existsWillNotOverwritten", "\(global.db)"),
                    hint: Text("generateCommand.nameNewFileWith")
                )
            }
            let environment = try global.environment()
            let local = try LocalTime()
            let end = try asOf.map { try local.parse($0) } ?? environment.clock.now()
            let checklists = try environment.catalogue.checklists()
            let generator = ProvinceGenerator(
                repository: try await environment.repository(),
                checklists: checklists,
                listRules: try? environment.catalogue.listRules(),
                options: .init(
                    enterprises: enterprises,
                    seed: seed,
                    years: years,
                    hazardsPerEnterprise: hazardsPerEnterprise,
                    passwordHash: Bcrypt.hash(password, cost: 12),
                    asOf: end
                )
            )
            let progress = Progress(Text("generateCommand.enterprises")(global.language))
            let summary: ProvinceGenerator.Summary
            do {
                summary = try generator.run(clock: environment.clock.now, progress: { progress.update($0, of: $1) })
            } catch {
                // A province half-built is no province: the new file goes, so a rerun starts clean.
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: global.db + suffix) }
                throw error
            }
            global.output.emit(summary, table: Self.table(summary, language: global.language))
        }
    }

    static func table(_ s: ProvinceGenerator.Summary, language l: Language) -> Table {
        let lines: [(Text, String)] = [
            (Text("generateCommand.enterprises2"), String(s.enterprises)), (Text("generateCommand.jurisdictions"), String(s.jurisdictions)),
            (Text("generateCommand.people"), String(s.people)), (Text("generateCommand.accounts"), String(s.accounts)),
            (Text("checklistCommands.riskPoints"), String(s.riskPoints)), (Text("generateCommand.checkRuns"), String(s.checkRuns)),
            (Text("generateCommand.hazards"), String(s.hazards)), (Text("generateCommand.qualityRecords"), String(s.qualityRecords)),
            (Text("generateCommand.listEntries"), String(s.listEntries)), (Text("generateCommand.auditEntries"), String(s.auditEntries)),
            (Text("generateCommand.rows"), String(s.rows)), (Text("generateCommand.seconds"), String(format: "%.1f", s.seconds)),
            (Text("generateCommand.rowsS"), String(format: "%.0f", s.rowsPerSecond)),
            (Text("generateCommand.administratorLogin"), s.administrator),
            (Text("generateCommand.provinceRegulatorLogin"), s.provinceRegulator),
            (Text("generateCommand.enterpriseDirectorSLogin"), s.exampleDirector),
        ]
        return Table(headers: [Text("benchmarkReportHTML.item"), Text("generateCommand.value")], rows: lines.map { [$0.0(l), $0.1] })
    }
}
