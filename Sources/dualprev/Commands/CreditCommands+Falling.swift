import ArgumentParser
import DualPrevention
import DualPreventionPresentation
import DualPreventionStore
import Foundation

extension CreditCommands {
    /// Whose grade would fall at the next grading if nothing changes.
    struct Falling: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "falling",
            abstract: "Enterprises whose grade as of now is below their last stored grade, and the items that fell.",
            discussion: """
                Each enterprise you oversee is graded as of now (not stored) and compared with its last stored grade;
                those that would fall are listed with every item that lost points and every veto that came in, each with
                the records behind it. Enterprises never graded are left out. --format csv for a spreadsheet.

                Examples:
                  dualprev credit falling --as "台州市局 孙建华"
                  dualprev credit falling --as "台州市局 孙建华" --format csv > 降级预警.csv
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "Months of records counted before now.") var months: Int = 12
        @Option(help: .hidden) var chunkSize: Int = Grade.chunk

        struct Line: Encodable {
            var enterpriseName: String
            var fall: CreditFall
        }

        func validate() throws {
            guard (1...120).contains(months) else { throw ValidationError("--months is from 1 to 120") }
            guard chunkSize > 0 else { throw ValidationError("--chunk-size is at least 1") }
        }

        func run() async throws {
            try await reporting(global.language) {
                let rules = try global.creditRules()
                let repository = try await global.repository()
                let viewer = try await global.viewer(repository)
                let now = global.now
                let enterprises = try await repository.enterprises(visibleTo: viewer)
                let progress = Progress(Text("creditCommands.grading")(global.language))
                var lines: [Line] = []
                var done = 0
                for start in stride(from: 0, to: enterprises.count, by: chunkSize) {
                    let chunk = Array(enterprises[start..<min(start + chunkSize, enterprises.count)])
                    let stored = Dictionary(
                        try await repository.latestCreditGrades(enterpriseIDs: chunk.map(\.id), visibleTo: viewer).map { ($0.enterpriseID, $0) },
                        uniquingKeysWith: { first, _ in first }
                    )
                    // Only those graded before: a first grade cannot fall.
                    let graded = chunk.filter { stored[$0.id] != nil }
                    let requests = graded.map { CreditGradeRequest(enterpriseID: $0.id, asOf: now, since: Months.before(now, months)) }
                    let current = try await repository.assessCredits(requests, rules: rules, visibleTo: viewer, progress: { _, _ in })
                    let names = Dictionary(graded.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
                    for grade in current {
                        guard let last = stored[grade.enterpriseID], let fall = CreditFall.between(stored: last, now: grade) else { continue }
                        lines.append(Line(enterpriseName: names[grade.enterpriseID] ?? "", fall: fall))
                    }
                    done += chunk.count
                    progress.update(done, of: enterprises.count)
                }
                let l = global.language
                let local = try LocalTime()
                global.output.emit(
                    lines,
                    table: Table(
                        headers: [
                            Text("hazardPages.enterprise"), Text("creditCommands.storedGrade"), Text("creditCommands.gradeNow"),
                            Text("creditCommands.fellBy"),
                        ],
                        rows: lines.map { line in
                            let f = line.fall
                            let items = f.items.map { change in
                                let evidence = change.newEvidence.isEmpty ? "" : " [\(change.newEvidence.joined(separator: " "))]"
                                return
                                    "\(change.name(l)) \(change.before.map { String(format: "%g", $0) } ?? "–")→\(change.after.map { String(format: "%g", $0) } ?? "–")\(evidence)"
                            }
                            return [
                                line.enterpriseName, "\(f.stored.rawValue) \(String(format: "%.1f", f.storedScore)) (\(local.day(f.storedAsOf)))",
                                "\(f.now.rawValue) \(String(format: "%.1f", f.score))", items.joined(separator: "; "),
                            ]
                        }
                    )
                )
            }
        }
    }
}
