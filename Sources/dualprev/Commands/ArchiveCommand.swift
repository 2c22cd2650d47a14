import ArgumentParser
import DualPrevention
import DualPreventionPresentation
import DualPreventionStore
import Foundation

/// 一企一档: one enterprise's whole record in one self-contained HTML file.
struct ArchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Write one enterprise's file (一企一档) as one self-contained HTML document.",
        discussion: """
            Registration, people, the risk register with every grading, the checks, each hazard with its timeline,
            evidence hashes, batches, stops and recall, the quality records, credit grades and list entries: all read
            in one snapshot, stamped with the audit chain's head at it (compare it with `dualprev audit verify` to
            know whether anything was recorded since). Open it in any browser; print it on A4.

            Examples:
              dualprev archive --enterprise 1 --as 林晓燕 --output 一企一档.html
              dualprev archive --enterprise 91331002MA2B00001X --as "椒江区局 陈立" --lang en > file.html
            """
    )
    @OptionGroup var global: GlobalOptions
    @Option(help: "Enterprise id, code or name.") var enterprise: String
    @Option(help: "File to write; standard output if left out.") var output: String?

    func run() async throws {
        try await reporting(global.language) {
            let repository = try await global.repository()
            let viewer = try await global.viewer(repository, enterprise: enterprise)
            let (file, timelines) = try await repository.enterpriseFile(enterprise, visibleTo: viewer)
            let steps = timelines.mapValues { entries in
                entries.compactMap { HazardStory.Step(auditAction: $0.action, at: $0.at, actorID: $0.actorID, actorName: $0.actorName) }
            }
            try writeExport(EnterpriseFileHTML.render(file, steps: steps, drawnAt: global.now, language: global.language), to: output)
            if let output, global.format == .table {
                FileHandle.standardError.write(Data((Text("archiveCommand.written", output, file.auditHead)(global.language) + "\n").utf8))
            }
        }
    }
}
