import ArgumentParser
import DualPrevention
import DualPreventionPresentation
import DualPreventionStore
import Foundation

/// What a regulator watches across its jurisdiction (issue 16): hazards that come back, and the closed-loop and
/// on-time rates of each district month by month. Counted in the database over what the person may see.
struct OversightCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oversight",
        abstract: "A regulator's analytics: repeat hazards per risk point or product category, and the monthly trend per district.",
        subcommands: [Repeats.self, Trend.self]
    )

    enum By: String, ExpressibleByArgument, CaseIterable {
        case point, category
    }

    /// Writes a CSV document (with its byte-order mark), JSON or a table to `--output` or standard output, whole.
    static func write(
        _ global: GlobalOptions,
        to output: String?,
        json: some Encodable,
        header: [Text],
        rows: [[String]]
    ) async throws {
        try await ExportSink.writing(to: output) { sink in
            switch global.format {
            case .csv: try sink.write(CSVWriter.document(header: header.map(\.zh), rows: rows))
            case .json: try sink.write(try Output.encoded(json) + "\n")
            case .table: try sink.write(global.output.render(Table(headers: header, rows: rows)))
            }
        }
    }

    struct Repeats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Hazards that came back: per risk point (most first), or per product category.",
            discussion: """
                A repeat is a hazard found on a risk point that already had one in the window (the last --months months,
                cancelled hazards aside). --by point lists the risk points with repeats, most first; --by category adds
                up, per product category of the enterprises, every hazard, those on risk points, the repeats and the
                risk points with repeats. --format csv writes a spreadsheet file (with a byte-order mark).

                Examples:
                  dualprev oversight repeats --as "台州市局 孙建华"
                  dualprev oversight repeats --as "台州市局 孙建华" --by category --format csv --output 重复隐患.csv
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "point (each risk point with repeats) or category (per product category).") var by: By = .point
        @Option(help: "Months before now counted (1 to 36).") var months: Int = 12
        @Option(help: "At most this many risk points (1 to 10000).") var limit: Int = 100
        @Option(help: "File to write; standard output if left out.") var output: String?

        func validate() throws {
            guard (1...36).contains(months) else { throw ValidationError("--months is from 1 to 36, e.g. 12") }
            guard (1...10_000).contains(limit) else { throw ValidationError("--limit is from 1 to 10000, e.g. 100") }
        }

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let viewer = try await global.viewer(repository)
                let now = global.now
                let since = Months.before(now, months)
                switch by {
                case .point:
                    let points = try await repository.repeatPoints(since: since, asOf: now, limit: limit, visibleTo: viewer)
                    let rows = AnalyticsTables.pointRows(points, local: try LocalTime())
                    try await OversightCommands.write(global, to: output, json: points, header: AnalyticsTables.pointHeader, rows: rows)
                case .category:
                    let categories = RepeatHazards.categories(try await repository.repeatBuckets(since: since, asOf: now, visibleTo: viewer))
                    let rows = AnalyticsTables.categoryRows(categories)
                    try await OversightCommands.write(global, to: output, json: categories, header: AnalyticsTables.categoryHeader, rows: rows)
                }
            }
        }
    }

    struct Trend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The closed-loop and on-time rates of each district in sight, month by month, with an SVG chart.",
            discussion: """
                Each month counts the hazards found in it as they stood at its end (the current month: now), as the
                regulator's overview counts them; a district is the district or county an enterprise is registered
                under. --svg writes the chart (one small chart per district, 0–100 %) as a self-contained SVG file.

                Examples:
                  dualprev oversight trend --as "台州市局 孙建华" --svg 闭环趋势.svg
                  dualprev oversight trend --as "台州市局 孙建华" --format csv --output 闭环趋势.csv
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "Months shown, ending with this one (1 to 36).") var months: Int = 12
        @Option(help: "File to write the SVG chart to.") var svg: String?
        @Option(help: "File to write the table, JSON or CSV to; standard output if left out.") var output: String?

        func validate() throws {
            guard (1...36).contains(months) else { throw ValidationError("--months is from 1 to 36, e.g. 12") }
        }

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let viewer = try await global.viewer(repository)
                let windows = LoopTrend.months(endingAt: global.now, count: months, local: try LocalTime())
                let trend = try await repository.loopTrend(months: windows, visibleTo: viewer)
                if let svg {
                    let title = Text("loopTrendChart.title", "\(months)")(global.language)
                    try await ExportSink.writing(to: svg) { sink in
                        try sink.write(LoopTrendChart.svg(trend, title: title, language: global.language))
                    }
                }
                let rows = AnalyticsTables.trendRows(trend)
                try await OversightCommands.write(global, to: output, json: trend, header: AnalyticsTables.trendHeader, rows: rows)
            }
        }
    }
}
