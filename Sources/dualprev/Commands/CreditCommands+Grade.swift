import ArgumentParser
import DualPrevention
import DualPreventionPresentation
import DualPreventionStore
import Foundation

extension CreditCommands {
    struct Grade: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Grade enterprises A/B/C/D under the credit rules, with every item's points and the records behind them.",
            discussion: """
                The items add up to the score; the total is kept within 0–100 and rounded to one decimal before banding
                (89.95 → 90.0 → A); any veto behaviour makes the grade D whatever the score. Records count from the moment
                they were known, so a past date always gives the same grade. A regulator's grade is stored with its
                explanation and what changed since the previous one; anyone else sees it without storing (as with --preview).
                The rules are credit-rules.yaml in the --checklists folder.

                Examples:
                  dualprev credit grade --as "椒江分局 陈刚" --enterprise 1
                  dualprev credit grade --as "台州市局 孙建华" --all --jurisdiction 台州市 --as-of 2026-10-31
                  dualprev credit grade --as 林晓燕 --enterprise 1 --format json
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "Enterprise id, code or name.") var enterprise: String?
        @Flag(help: "Every enterprise you oversee (with --jurisdiction, those under it).") var all = false
        @Option(help: "Jurisdiction id or name, with --all.") var jurisdiction: String?
        @Option(help: "The date to grade at (end of that local day); now if left out.") var asOf: String?
        @Option(help: "Months of records counted before that date.") var months: Int = 12
        @Flag(help: "Compute without storing the grade.") var preview = false
        @Option(help: .hidden) var chunkSize: Int = Self.chunk

        func validate() throws {
            guard (enterprise != nil) != all else { throw ValidationError("give --enterprise E, or --all (with --jurisdiction J)") }
            guard jurisdiction == nil || all else { throw ValidationError("--jurisdiction goes with --all") }
            guard (1...120).contains(months) else { throw ValidationError("--months is between 1 and 120") }
            guard chunkSize > 0 else { throw ValidationError("--chunk-size is at least 1") }
        }

        struct Graded: Encodable {
            var enterpriseName: String
            var stored: Bool
            var grade: CreditGradeRecord
        }

        struct Result: Encodable {
            var rules: String
            var grades: [Graded]
            var distribution: [String: Int]
        }

        func run() async throws {
            try await reporting(global.language) {
                let rules = try global.creditRules()
                let repository = try await global.repository()
                let actor = try await global.requireActor(repository)
                let viewer = Viewer.person(actor)
                var enterprises: [Enterprise]
                if let enterprise {
                    enterprises = [try await repository.enterprise(enterprise, visibleTo: viewer)]
                } else {
                    enterprises = try await repository.enterprises(visibleTo: viewer)
                }
                if let jurisdiction {
                    let all = try await repository.jurisdictions()
                    guard let root = all.first(where: { String($0.id) == jurisdiction || $0.name == jurisdiction }) else {
                        throw NotFoundError(what: "jurisdiction", key: jurisdiction)
                    }
                    // The tree is small: walk it here rather than ask the store once per enterprise.
                    let parents = Dictionary(all.map { ($0.id, $0.parentID) }, uniquingKeysWith: { a, _ in a })
                    func isUnder(_ node: Int64) -> Bool {
                        var next: Int64? = node
                        var seen: Set<Int64> = []
                        while let id = next, seen.insert(id).inserted {
                            if id == root.id { return true }
                            next = parents[id] ?? nil
                        }
                        return false
                    }
                    let under = enterprises.filter { isUnder($0.jurisdictionID) }
                    guard !under.isEmpty else {
                        throw NotFoundError(
                            what: "enterprise",
                            key: Text("creditCommands.youOverseeUnder", "\(root.name)")(global.language)
                        )
                    }
                    enterprises = under
                }
                let store = actor.role == .regulator && !preview
                let now = global.now
                var requests: [CreditGradeRequest] = []
                for e in enterprises {
                    let local = try LocalTime(timeZoneID: e.timeZoneID)
                    // A bare date is the end of that day: today's is now.
                    let parsed = try asOf.map { try local.parse($0, field: "--as-of") } ?? now
                    let date = local.day(parsed) == local.day(now) ? min(parsed, now) : parsed
                    requests.append(CreditGradeRequest(enterpriseID: e.id, asOf: date, since: Months.before(date, months)))
                }
                let names = Dictionary(enterprises.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
                let l = global.language
                // A province is graded a chunk at a time and keeps only each grade's table row and count, or, for JSON,
                // each chunk's grades as the JSON text they print as: memory holds one chunk's records. Only one
                // enterprise explained keeps its record.
                let keep = enterprise != nil
                let json = global.format == .json && !keep
                var graded: [Graded] = []
                var rows: [[String]] = []
                var distribution: [String: Int] = [:]
                let printed = GradesJSON()
                func take(_ grades: [CreditGradeRecord], stored: Bool) throws {
                    let chunk = grades.map { Graded(enterpriseName: names[$0.enterpriseID] ?? "", stored: stored, grade: $0) }
                    for g in chunk {
                        distribution[g.grade.grade.rawValue, default: 0] += 1
                        rows.append(Self.row(g, language: l))
                    }
                    if keep { graded += chunk }
                    if json { try printed.append(chunk) }
                }
                if store {
                    // All of them in one transaction: a failure stores none, and a rerun does not double any.
                    try take(try await repository.recordCreditGrades(requests, rules: rules, by: actor, at: now), stored: true)
                } else {
                    let progress = Progress(Text("creditCommands.grading")(global.language))
                    let chunks = stride(from: 0, to: requests.count, by: chunkSize).map { start in
                        Array(requests[start..<min(start + chunkSize, requests.count)])
                    }
                    // The next chunks are read and graded (each in its own read) while this one is printed, so every
                    // core works; they are taken in order, and at most `ahead` chunks are held besides this one.
                    func assess(_ chunk: [CreditGradeRequest]) -> Task<[CreditGradeRecord], any Error> {
                        Task { try await repository.assessCredits(chunk, rules: rules, visibleTo: viewer, progress: { _, _ in }) }
                    }
                    let ahead = 2
                    var pending = chunks.prefix(ahead).map(assess)
                    for index in chunks.indices {
                        let grades = try await pending.removeFirst().value
                        if index + ahead < chunks.count { pending.append(assess(chunks[index + ahead])) }
                        try take(grades, stored: false)
                        progress.update(rows.count, of: requests.count)
                    }
                }
                let result = Result(rules: rules.name(global.language), grades: graded, distribution: distribution)
                if json {
                    try printed.print(Result(rules: rules.name(global.language), grades: [], distribution: distribution))
                } else if let one = graded.first, enterprise != nil {
                    global.output.emit(result, table: Self.explanation(one.grade, language: l))
                    for line in Self.summary(one, language: l) { global.output.say(line) }
                } else {
                    global.output.emit(
                        result,
                        table: Table(
                            headers: [
                                Text("hazardPages.enterprise"), Text("creditCommands.score"), Text("hazardPages.grade"),
                                Text("creditCommands.score2"), Text("creditCommands.vetoes"), Text("benchmarkReportHTML.change"),
                            ],
                            rows: rows
                        )
                    )
                    global.output.say(
                        Text("creditCommands.distribution").appending(
                            CreditGrade.allCases.map { "\($0.rawValue) \(distribution[$0.rawValue] ?? 0)" }.joined(separator: "  ")
                        )
                    )
                }
                if !store {
                    global.output.say(Text("creditCommands.notStoredOnlyRegulator"))
                }
            }
        }

        /// Enterprises graded per read when grading many without storing.
        static let chunk = 250

        /// The JSON of many grades, a chunk at a time: each chunk's elements go to a temporary file as the text they print
        /// as, and the result is printed around them, the same bytes as encoding the whole `Result` at once
        /// (`Output.encoded`, pretty-printed) without holding every record or all of its text. The file is removed
        /// when done, printed or not.
        final class GradesJSON {
            private let url = FileManager.default.temporaryDirectory.appendingPathComponent("dualprev-grades-\(UUID().uuidString).json")
            private var file: FileHandle?
            private var written = 0

            deinit {
                try? file?.close()
                try? FileManager.default.removeItem(at: url)
            }

            /// A chunk's grades as they print inside the result's `grades` array: the array's elements, indented a level.
            func append(_ chunk: [Graded]) throws {
                guard !chunk.isEmpty else { return }
                if file == nil {
                    guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
                    }
                    file = try FileHandle(forWritingTo: url)
                }
                // Each grade as the encoder would print it inside the result's `grades` array (`JSONWriter`).
                var json = JSONWriter(depth: 2)
                for (index, graded) in chunk.enumerated() {
                    if written > 0 || index > 0 { json.raw(",\n") }
                    json.line { $0.graded(graded) }
                }
                try file?.write(contentsOf: json.bytes)
                written += chunk.count
            }

            /// Prints the whole result: `empty` (the result with no grades) with the chunks in its `grades` array.
            func print(_ empty: Result) throws {
                let shell = try Output.encoded(empty)
                let marker = "\"grades\" : [\n\n  ]"
                guard written > 0, let file else { return Swift.print(shell) }
                guard let range = shell.range(of: marker) else {
                    throw EncodingError.invalidValue(empty, .init(codingPath: [], debugDescription: "no empty grades array to fill"))
                }
                try file.close()
                self.file = nil
                fflush(nil)  // anything printed before comes first
                let out = FileHandle.standardOutput
                try out.write(contentsOf: Data((shell[..<range.lowerBound] + "\"grades\" : [\n").utf8))
                let reader = try FileHandle(forReadingFrom: url)
                defer { try? reader.close() }
                while let block = try reader.read(upToCount: 1 << 20), !block.isEmpty { try out.write(contentsOf: block) }
                try out.write(contentsOf: Data(("\n  ]" + shell[range.upperBound...] + "\n").utf8))
            }
        }

        /// One grade as a row of the table of many.
        static func row(_ g: Graded, language l: Language) -> [String] {
            [
                g.enterpriseName, String(format: "%.1f", g.grade.score), g.grade.grade.rawValue, g.grade.assessment.gradeByScore.rawValue,
                g.grade.assessment.vetoes.map { $0.name(l) }.joined(separator: ", "), Self.change(g.grade, language: l),
            ]
        }

        static func change(_ grade: CreditGradeRecord, language l: Language) -> String {
            guard let previous = grade.previousGrade else { return Text("creditCommands.firstGrade")(l) }
            return previous == grade.grade ? Text("creditCommands.unchanged")(l) : "\(previous.rawValue) → \(grade.grade.rawValue)"
        }

        /// Every item with its points and the records it came from.
        static func explanation(_ grade: CreditGradeRecord, language l: Language) -> Table {
            Table(
                headers: [
                    Text("benchmarkReportHTML.item"), Text("creditCommands.points"), Text("creditCommands.of"), Text("creditCommands.value"),
                    Text("creditCommands.records"),
                ],
                rows: grade.assessment.lines.map { line in
                    [
                        line.name(l), String(format: "%+.3f", line.points), line.maximum == 0 ? "" : String(format: "%g", line.maximum),
                        line.value.map { String(format: "%g", $0) } ?? "", line.evidence.joined(separator: " "),
                    ]
                } + [[Text("benchmarkReportHTML.total")(l), String(format: "%.1f", grade.score), "100", "", ""]]
            )
        }

        static func summary(_ graded: Graded, language l: Language) -> [Text] {
            let g = graded.grade
            var lines = [
                Text(
                    zh: "\(graded.enterpriseName)：\(String(format: "%.1f", g.score)) 分，\(g.grade.label.zh)",
                    en: "\(graded.enterpriseName): \(String(format: "%.1f", g.score)) points, grade \(g.grade.rawValue)"
                )
            ]
            for veto in g.assessment.vetoes {
                lines.append(
                    Text(
                        "creditCommands.vetoScoreAloneWould",
                        veto.name,
                        "\(veto.evidence.joined(separator: " "))",
                        "\(g.assessment.gradeByScore.rawValue)"
                    )
                )
            }
            lines.append(Text("creditCommands.rule").appending(g.assessment.rule(l)))
            if let measure = g.assessment.measure { lines.append(Text("creditCommands.supervision").appending(measure(l))) }
            lines.append(Text("creditCommands.change").appending(change(g, language: l)))
            for c in g.changes {
                lines.append(
                    Text(
                        "creditCommands.text",
                        c.name,
                        "\(c.before.map { String(format: "%g", $0) } ?? "—")",
                        "\(c.after.map { String(format: "%g", $0) } ?? "—")",
                        "\(c.newEvidence.joined(separator: " "))"
                    )
                )
            }
            if !g.honoursToRevoke.isEmpty {
                lines.append(
                    Text("creditCommands.honoursRevoke", "\(g.honoursToRevoke.joined(separator: " "))")
                )
            }
            return lines
        }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stored grades of enterprises, each with its change and what caused it.",
            discussion: "Example:\n  dualprev credit history --as \"椒江分局 陈刚\" --enterprise 3"
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "Enterprise id, code or name (all you may see if left out).") var enterprise: String?

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let viewer = try await global.viewer(repository, enterprise: enterprise)
                let grades = try await repository.creditGrades(
                    enterpriseID: try await global.enterpriseID(enterprise, repository, viewer),
                    visibleTo: viewer
                )
                let names = try await Names.load(
                    repository,
                    viewer: viewer,
                    enterpriseIDs: Array(Set(grades.map(\.enterpriseID))),
                    people: grades.map(\.computedBy)
                )
                let l = global.language
                global.output.emit(
                    grades,
                    table: Table(
                        headers: [
                            Text("benchmarkCommands.id"), Text("hazardPages.enterprise"), Text("creditCommands.as"),
                            Text("creditCommands.computed"),
                            Text("creditCommands.by"), Text("creditCommands.score"), Text("hazardPages.grade"), Text("benchmarkReportHTML.change"),
                            Text("creditCommands.caused"),
                        ],
                        rows: grades.map { g in
                            let local = names.localTime(g.enterpriseID)
                            return [
                                "#\(g.id)", names.enterprise(g.enterpriseID), local.day(g.asOf), local.minute(g.computedAt),
                                names.personOrID(g.computedBy),
                                String(format: "%.1f", g.score), g.grade.rawValue, Grade.change(g, language: l),
                                g.changes.map {
                                    "\($0.name(l)) \($0.before.map { String(format: "%g", $0) } ?? "—")→\($0.after.map { String(format: "%g", $0) } ?? "—")"
                                }.joined(separator: "; "),
                            ]
                        }
                    )
                )
            }
        }
    }
}

extension JSONWriter {
    /// One grade of `credit grade --all` as its synthesized `Encodable` writes it.
    mutating func graded(_ graded: CreditCommands.Grade.Graded) {
        object { json in
            json.key("enterpriseName")
            json.string(graded.enterpriseName)
            json.key("grade")
            json.grade(graded.grade)
            json.key("stored")
            json.bool(graded.stored)
        }
    }
}
