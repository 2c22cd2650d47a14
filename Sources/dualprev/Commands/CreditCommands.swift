import ArgumentParser
import DualPrevention
import DualPreventionStore
import Foundation

struct CreditCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credit",
        abstract: "Quality credit: grades with their explanation, their history, and the figures they are built from.",
        subcommands: [Grade.self, History.self, Performance.self, Falling.self]
    )

    struct Performance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Dual-prevention performance per enterprise, derived from the records as of a date.",
            discussion: """
                Closed-loop rate, on-time rate, major hazards overdue or listed for supervision, missed checks (a kind with
                no plan counts as one), repeat hazards on one risk point, and the share of risk points graded and re-graded
                on time. The same date always gives the same figures, however many records come later.

                Examples:
                  dualprev credit performance --as "台州市局 孙建华"
                  dualprev credit performance --as 林晓燕 --as-of 2026-10-31 --format json
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "Enterprise id, code or name (all you may see if left out).") var enterprise: String?
        @Option(help: "The date to judge at (end of that local day); now if left out.") var asOf: String?
        @Option(help: "Months of records counted before that date.") var months: Int = 12

        func validate() throws {
            guard (1...120).contains(months) else { throw ValidationError("--months is between 1 and 120") }
        }

        struct Figures: Encodable {
            var enterpriseID: Int64
            var asOf: Date
            var since: Date
            var metrics: [String: MetricValue]
        }

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let viewer = try await global.viewer(repository)
                let enterprises: [Enterprise] =
                    if let enterprise { [try await repository.enterprise(enterprise, visibleTo: viewer)] } else {
                        try await repository.enterprises(visibleTo: viewer)
                    }
                var figures: [Figures] = []
                for e in enterprises {
                    let local = try LocalTime(timeZoneID: e.timeZoneID)
                    let date = try asOf.map { try local.parse($0, field: "--as-of") } ?? global.now
                    let since = Months.before(date, months)
                    figures.append(
                        Figures(
                            enterpriseID: e.id,
                            asOf: date,
                            since: since,
                            metrics: try await repository.performance(enterpriseID: e.id, asOf: date, since: since, visibleTo: viewer)
                        )
                    )
                }
                let names = Dictionary(enterprises.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
                func percent(_ f: Figures, _ key: String) -> String { f.metrics[key].map { String(format: "%.0f%%", $0.value * 100) } ?? "" }
                func count(_ f: Figures, _ key: String) -> String { f.metrics[key].map { String(Int($0.value)) } ?? "" }
                global.output.emit(
                    figures,
                    table: Table(
                        headers: [
                            Text("hazardPages.enterprise"), Text("creditCommands.closedLoop"), Text("creditCommands.time"),
                            Text("creditCommands.majorOverdueListed"), Text("creditCommands.missedChecks"),
                            Text("regulatorPages.repeatHazards"), Text("creditCommands.gradedTime"),
                        ],
                        rows: figures.map { f in
                            [
                                names[f.enterpriseID] ?? "", percent(f, "dualPrevention.closedLoopRate"), percent(f, "dualPrevention.onTimeRate"),
                                count(f, "dualPrevention.overdueOrListedMajor"), count(f, "dualPrevention.missedChecks"),
                                count(f, "dualPrevention.repeatHazards"), percent(f, "dualPrevention.gradedOnTimeShare"),
                            ]
                        }
                    )
                )
            }
        }
    }
}
