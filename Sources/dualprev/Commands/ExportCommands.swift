import ArgumentParser
import DualPrevention
import DualPreventionCatalog
import DualPreventionPresentation
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
                """
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: EnterpriseOption
        @Argument(help: "The CSV file.") var file: String

        func run() async throws {
            try await reporting(global.language) {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw StoreError.io(Text("backup.cannotRead", "\(file)"), underlying: "no such file")
                }
                guard let text = String(data: data, encoding: .utf8) else {
                    throw InputError(
                        rule: "TABLE-ENCODING",
                        message: Text("exportCommands.notUtf8", "\(file)"),
                        hint: Text("exportCommands.saveFromSpreadsheetAs")
                    )
                }
                let repository = try await global.repository()
                let actor = try await global.requireActor(repository, enterprise: scope.enterprise)
                let viewer = Viewer.person(actor)
                let enterprise = try await repository.enterprise(scope.enterprise, visibleTo: viewer)
                let lookup = try await RiskTable.lookup(repository, viewer: viewer, enterprise: enterprise)
                let rows = try RiskTable.read(csv: text, enterpriseID: enterprise.id, lookup: lookup, dimensions: repository.dimensions).get()
                let progress = Progress(Text("exportCommands.importing")(global.language))
                let points = try await repository.addRiskPoints(rows.map { ($0.point, $0.grading) }, by: actor, at: global.now) {
                    progress.update($0, of: $1)
                }
                let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: [enterprise.id])
                global.output.emit(
                    points,
                    table: RiskCommands.table(points, names: names, dimensions: repository.dimensions, language: global.language)
                )
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the risk register as CSV (with a byte-order mark, for spreadsheets) or JSON.",
            discussion: "Example:\n  dualprev risk export --as 林晓燕 --output 风险清单.csv\n  dualprev risk export --as 林晓燕 --format json > register.json"
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "Enterprise id, code or name (all you may see if left out).") var enterprise: String?
        @Option(help: "File to write; standard output if left out.") var output: String?

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let viewer = try await global.viewer(repository, enterprise: enterprise)
                var filter = RiskFilter()
                if let enterprise { filter.enterpriseID = try await repository.enterprise(enterprise, visibleTo: viewer).id }
                let points = try await repository.riskPoints(filter, visibleTo: viewer)
                if global.format == .json { return try writeExport(Output.json(points) + "\n", to: output) }
                let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: points.map(\.enterpriseID))
                let gradings = try await RiskTable.latestGradings(points, repository: repository, viewer: viewer)
                let progress = Progress(Text("exportCommands.exporting")(global.language))
                try writeExport(
                    RiskTable.exportCSV(points, names: names, gradings: gradings, dimensions: repository.dimensions) { progress.update($0, of: $1) },
                    to: output
                )
            }
        }
    }

}

extension HazardCommands {
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the hazard ledger (隐患台账) as CSV (with a byte-order mark, for spreadsheets) or JSON.",
            discussion: """
                Rows are written as they are read, a batch at a time, so a province's ledger needs no more memory than a
                town's. A file given with --output appears only once complete; a failed export leaves none.

                Examples:
                  dualprev hazard export --as 林晓燕 --output 隐患台账.csv
                  dualprev hazard export --as "台州市局 孙建华" --format json > hazards.json
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "Enterprise id, code or name (all you may see if left out).") var enterprise: String?
        @Option(help: "File to write; standard output if left out.") var output: String?
        @Option(help: .hidden) var batchSize: Int = HazardBatch.exportSize

        func validate() throws {
            guard batchSize > 0 else { throw ValidationError("--batch-size is at least 1") }
        }

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let viewer = try await global.viewer(repository, enterprise: enterprise)
                var filter = HazardFilter()
                if let enterprise { filter.enterpriseID = try await repository.enterprise(enterprise, visibleTo: viewer).id }
                let total = try await repository.hazardPage(filter, page: PageRequest(limit: 0), visibleTo: viewer).total
                let progress = Progress(Text("exportCommands.exporting")(global.language))
                try await ExportSink.writing(to: output) { sink in
                    if global.format == .json {
                        // The same bytes as encoding the whole list at once: each batch's elements, joined.
                        var written = 0
                        try await repository.eachHazardBatch(filter, visibleTo: viewer, batchSize: batchSize) { batch in
                            let array = try Output.encoded(batch.hazards)
                            try sink.write((written == 0 ? "[\n" : ",\n") + array.dropFirst(2).dropLast(2))
                            written += batch.hazards.count
                            progress.update(written, of: total)
                        }
                        try sink.write((written == 0 ? try Output.encoded([Hazard]()) : "\n]") + "\n")
                    } else {
                        var ledger = HazardLedger.Writer(now: global.now)
                        try sink.write(ledger.header)
                        try await repository.eachHazardBatch(filter, visibleTo: viewer, batchSize: batchSize) { batch in
                            try sink.write(ledger.rows(batch.hazards, names: batch.names))
                            progress.update(ledger.written, of: total)
                        }
                    }
                }
            }
        }
    }
}
