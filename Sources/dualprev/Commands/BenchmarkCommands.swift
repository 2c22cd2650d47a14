import ArgumentParser
import DualPrevention
import DualPreventionPresentation
import DualPreventionStore
import Foundation

struct BenchmarkCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark",
        abstract: "Benchmark enterprise assessment (标杆企业): compliance items and six indicators before and after.",
        subcommands: [Assess.self, Assign.self, Unassign.self, Assignments.self]
    )

    struct AssessorOption: ParsableArguments {
        @Option(help: "The assessor, by id or name.") var assessor: String
        @OptionGroup var scope: EnterpriseOption
    }

    static func table(_ list: [AssessmentAssignment], names: [Int64: String], enterprises: [Int64: String]) throws -> Table {
        let local = try LocalTime()
        return Table(
            headers: [
                Text("benchmarkCommands.id"), Text("role.assessor"), Text("hazardPages.enterprise"),
                Text("benchmarkCommands.assigned"), Text("benchmarkCommands.ended"),
            ],
            rows: list.map { a in
                [
                    String(a.id), names[a.assessorID] ?? "#\(a.assessorID)", enterprises[a.enterpriseID] ?? "#\(a.enterpriseID)",
                    "\(local.minute(a.assignedAt)) \(names[a.assignedBy] ?? "#\(a.assignedBy)")",
                    a.endedAt.map { "\(local.minute($0)) \(a.endedBy.flatMap { names[$0] } ?? "")" } ?? "",
                ]
            }
        )
    }

    /// Runs an assignment change and prints the assignment it made or ended.
    static func change(
        _ global: GlobalOptions,
        _ option: AssessorOption,
        _ act: (any Repository, Int64, Int64, Actor) async throws -> AssessmentAssignment
    ) async throws {
        try await reporting(global.language) {
            let repository = try await global.repository()
            let actor = try await global.requireActor(repository)
            let assessor = try await repository.person(option.assessor)
            let enterprise = try await repository.enterprise(option.scope.enterprise, visibleTo: .person(actor))
            let assignment = try await act(repository, assessor.id, enterprise.id, actor)
            let shown = try table(
                [assignment],
                names: [assessor.id: assessor.name, actor.id: actor.name],
                enterprises: [enterprise.id: enterprise.name]
            )
            global.output.emit(assignment, table: shown)
        }
    }

    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Appoint an assessor to an enterprise: the assessor then sees it, and only the enterprises so appointed.",
            discussion: """
                An administrator appoints anywhere; a regulator for the enterprises of their jurisdiction.

                Example:
                  dualprev benchmark assign --as "台州市局 孙建华" --assessor "评估专家 马文" --enterprise 2
                """
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var option: AssessorOption

        func run() async throws {
            try await BenchmarkCommands.change(global, option) { try await $0.assignAssessor($1, enterpriseID: $2, by: $3, at: global.now) }
        }
    }

    struct Unassign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End an assessor's appointment to an enterprise (kept on record, never deleted).",
            discussion: "Example:\n  dualprev benchmark unassign --as 1 --assessor \"评估专家 马文\" --enterprise 2"
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var option: AssessorOption

        func run() async throws {
            try await BenchmarkCommands.change(global, option) { try await $0.endAssignment($1, enterpriseID: $2, by: $3, at: global.now) }
        }
    }

    struct Assignments: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List assessor appointments in sight (an assessor sees their own).",
            discussion: "Example:\n  dualprev benchmark assignments --as \"评估专家 马文\""
        )
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let viewer = try await global.viewer(repository)
                let list = try await repository.assignments(visibleTo: viewer)
                var names: [Int64: String] = [:]
                for id in Set(list.flatMap { [$0.assessorID, $0.assignedBy] + ($0.endedBy.map { [$0] } ?? []) }) {
                    names[id] = (try? await repository.person(String(id)))?.name
                }
                var enterprises: [Int64: String] = [:]
                for e in try await repository.enterprises(visibleTo: viewer) { enterprises[e.id] = e.name }
                let shown = try BenchmarkCommands.table(list, names: names, enterprises: enterprises)
                global.output.emit(list, table: shown)
            }
        }
    }

    struct Assess: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Assess one enterprise over a period against a baseline, with a verdict and its reasons.",
            discussion: """
                The compliance items (benchmark-rules.yaml in the --checklists folder) are judged at the end of the period;
                the six indicators (nonconformity, hazard discovery, hazards resolved, quality cost, quality loss, complaints)
                are computed for the baseline and the period from the records and compared with Taizhou's published
                benchmark figures. Indicators need indicator records (units produced and nonconforming, units sold, revenue,
                quality cost and loss): `dualprev record kinds`. An assessor may assess any enterprise.

                Examples:
                  dualprev benchmark assess --as "评估专家 马文" --enterprise 1 --period 2026 --baseline 2025
                  dualprev benchmark assess --as 林晓燕 --enterprise 1 --period 2026H1 --baseline 2025H1 --report 标杆评估.html
                  dualprev benchmark assess --as "台州市局 孙建华" --enterprise 1 --period 2026 --baseline 2025 --format json
                """
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: EnterpriseOption
        @Option(help: "The period assessed: 2026, 2026H1, 2026Q3 or 2026-07.") var period: String
        @Option(help: "The baseline it is compared with (the same period a year earlier if left out).") var baseline: String?
        @Option(help: "Also write the report as one self-contained HTML file here.") var report: String?

        func run() async throws {
            try await reporting(global.language) {
                let period = try ReportingPeriod(self.period, field: "--period")
                let baseline = try baseline.map { try ReportingPeriod($0, field: "--baseline") } ?? period.yearBefore
                let rules = try global.benchmarkRules()
                let repository = try await global.repository()
                let viewer = try await global.viewer(repository)
                let inputs = try await repository.benchmarkInputs(enterprise: scope.enterprise, visibleTo: viewer)
                let assessment = try BenchmarkAssessor.assess(inputs, rules: rules, period: period, baseline: baseline, at: global.now)
                let l = global.language
                if let report {
                    let html = BenchmarkReportHTML.render(assessment, enterpriseName: inputs.enterprise.name, language: l, appLink: nil)
                    try writeExport(html, to: report)
                }
                global.output.emit(assessment, table: Self.table(assessment, language: l))
                global.output.say(
                    Text(
                        "benchmarkCommands.compliance",
                        "\(inputs.enterprise.name)",
                        assessment.verdict.label,
                        "\(BenchmarkNumber.plain(assessment.score, decimals: 1))"
                    )
                )
                for reason in assessment.reasons { global.output.say(Text("benchmarkCommands.text").appending(reason(l))) }
                if let report { global.output.say(Text("benchmarkCommands.reportWritten", "\(report)")) }
            }
        }

        static func table(_ a: BenchmarkAssessment, language l: Language) -> Table {
            let compliance = a.compliance.map { line in
                [
                    line.name(l), "\(BenchmarkNumber.plain(line.points, decimals: 2)) / \(BenchmarkNumber.plain(line.maximum, decimals: 0))",
                    BenchmarkNumber.percent(line.share), line.passedMinimum ? "" : Text("benchmarkCommands.belowMinimum")(l),
                    line.evidence.prefix(8).joined(separator: " "),
                ]
            }
            let indicators = a.indicators.map { line -> [String] in
                let indicator: BenchmarkIndicator? = line.key
                func value(_ v: Double?) -> String { v.map { indicator?.formatted($0)(l) ?? BenchmarkNumber.plain($0, decimals: 2) } ?? "–" }
                let change = line.change.map { BenchmarkNumber.percent($0, signed: true) } ?? (line.missing?(l) ?? "–")
                let reference = line.referenceChange.map { BenchmarkNumber.percent($0, signed: true) } ?? line.referenceValue.map { value($0) } ?? ""
                return [
                    line.name(l), "\(value(line.baseline)) → \(value(line.value))", change,
                    line.improved ? Text("benchmarkReportHTML.improved")(l) : Text("benchmarkCommands.notImproved")(l),
                    Text("benchmarkCommands.taizhou").appending(reference)(l),
                ]
            }
            return Table(
                headers: [
                    Text("benchmarkCommands.itemIndicator"), Text("benchmarkCommands.pointsBeforeAfter"),
                    Text("benchmarkCommands.shareChange"), Text("benchmarkCommands.judgement"), Text("benchmarkCommands.evidenceReference"),
                ],
                rows: compliance + [[Text("benchmarkReportHTML.total")(l), BenchmarkNumber.plain(a.score, decimals: 1) + " / 100", "", "", ""]]
                    + indicators
            )
        }
    }
}
