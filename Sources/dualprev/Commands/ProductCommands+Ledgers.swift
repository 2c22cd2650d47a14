import ArgumentParser
import DualPrevention
import DualPreventionPresentation
import DualPreventionStore
import Foundation

extension HazardCommands {
    /// The batch ledger (产品批次台账) and the recall ledger (召回台账): every one in sight, read a page at a time.
    struct Ledger: AsyncParsableCommand {
        enum Kind: String, ExpressibleByArgument, CaseIterable {
            case batches, recalls
        }

        static let configuration = CommandConfiguration(
            commandName: "product-ledger",
            abstract: "The product batch ledger or the recall ledger, as CSV (with a byte-order mark), a table or JSON.",
            discussion: """
                Every batch (or recall) of the hazards you may see: an enterprise's own, or a jurisdiction's for its
                regulators. Rows are written as they are read, a page at a time; a file given with --output appears only
                once complete.

                Examples:
                  dualprev hazard product-ledger batches --as 林晓燕 --format csv --output 产品批次台账.csv
                  dualprev hazard product-ledger recalls --as "椒江区局 陈立" --format csv --output 召回台账.csv
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "batches or recalls.") var kind: Kind
        @Option(help: "Enterprise id, code or name (all you may see if left out).") var enterprise: String?
        @Option(help: "File to write; standard output if left out.") var output: String?
        @Option(help: .hidden) var pageSize: Int = 1_000

        func validate() throws {
            guard pageSize > 0 else { throw ValidationError("--page-size is at least 1") }
        }

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let viewer = try await global.viewer(repository, enterprise: enterprise)
                var enterpriseID: Int64?
                if let enterprise { enterpriseID = try await repository.enterprise(enterprise, visibleTo: viewer).id }
                let now = global.now
                let format = global.format
                try await ExportSink.writing(to: output) { sink in
                    var written = 0
                    var after: Int64 = 0
                    var table: [[String]] = []
                    let header = kind == .batches ? BatchLedger.header : RecallLedger.header
                    if format == .csv { try sink.write(CSVWriter.byteOrderMark + CSVWriter.line(header)) }
                    if format == .json { try sink.write("[") }
                    while true {
                        let (rows, json, last): ([[String]], [String], Int64?)
                        switch kind {
                        case .batches:
                            let page = try await repository.batchLedger(enterpriseID: enterpriseID, after: after, limit: pageSize, visibleTo: viewer)
                            (rows, json, last) = (
                                BatchLedger.rows(page, numberedFrom: written + 1), try page.map { try Output.encoded($0) }, page.last?.batch.id
                            )
                        case .recalls:
                            let page = try await repository.recallLedger(enterpriseID: enterpriseID, after: after, limit: pageSize, visibleTo: viewer)
                            (rows, json, last) = (
                                RecallLedger.rows(page, now: now, numberedFrom: written + 1), try page.map { try Output.encoded($0) },
                                page.last?.recall.id
                            )
                        }
                        guard let last else { break }
                        switch format {
                        case .csv: try sink.write(rows.map(CSVWriter.line).joined())
                        case .json: try sink.write((written == 0 ? "\n" : ",\n") + json.joined(separator: ",\n"))
                        case .table: table += rows
                        }
                        written += rows.count
                        after = last
                    }
                    switch format {
                    case .csv: break
                    case .json: try sink.write((written == 0 ? "]" : "\n]") + "\n")
                    case .table: try sink.write(global.output.render(Table(headers: header.map { Text(zh: $0, en: $0) }, rows: table)))
                    }
                }
            }
        }
    }
}
