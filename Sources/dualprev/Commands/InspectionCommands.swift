import ArgumentParser
import DualPrevention
import DualPreventionStore
import Foundation

struct InspectionCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspection",
        abstract: "A regulator's inspections, spot checks and substantiated complaints; failed items open hazards.",
        discussion: """
            Each failed item opens a hazard in the enterprise's register whose source names the record. The enterprise
            rectifies it; the finding regulator's office (or one above it) accepts it, unless --delegate-acceptance
            leaves acceptance to the enterprise.
            """,
        subcommands: [Record.self, List.self]
    )

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record an inspection with its items.",
            discussion: """
                Items: --pass "REF=what was inspected" and --fail "REF=what was inspected=what was found"; a failed item
                names the workshop (--workshop, for all failed items) and is general unless --major REF.

                Examples:
                  dualprev inspection record --as "椒江分局 陈刚" --enterprise 1 --kind spotCheck --date 2026-11-20 \\
                    --summary "2026年第四季度电动自行车监督抽查" --fail "S1=整车最高车速=实测 29 km/h，超过 25 km/h" --workshop 总装车间
                  dualprev inspection record --as "椒江分局 陈刚" --enterprise 3 --kind random --date 2026-11-21 \\
                    --summary 双随机检查 --pass "R1=质量安全总监履职记录" --pass "R2=日管控记录"
                """
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: EnterpriseOption
        @Option(help: "random (双随机), targeted, spotCheck (监督抽查) or complaint (12365).") var kind: InspectionKind
        @Option(help: "When it was performed (YYYY-MM-DD or YYYY-MM-DD HH:MM).") var date: String
        @Option(help: "What the inspection was.") var summary: String
        @Option(name: .customLong("pass"), help: "REF=what was inspected, passed; repeat for several.") var passed: [String] = []
        @Option(name: .customLong("fail"), help: "REF=what was inspected=what was found; repeat for several.") var failed: [String] = []
        @Option(name: .customLong("major"), help: "REF of a failed item that is a major hazard; repeat for several.") var major: [String] = []
        @Option(help: "Workshop (id or name) where the failed items' hazards lie.") var workshop: String?
        @Flag(help: "Leave acceptance of the hazards to the enterprise's director.") var delegateAcceptance = false

        func validate() throws {
            guard !passed.isEmpty || !failed.isEmpty else { throw ValidationError("record at least one item with --pass or --fail") }
            for item in failed where item.split(separator: "=", maxSplits: 2).count < 3 {
                throw ValidationError("--fail '\(item)' is not REF=what was inspected=what was found")
            }
            for item in passed where WarningCommands.item(item) == nil {
                throw ValidationError("--pass '\(item)' is not REF=what was inspected")
            }
        }

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let actor = try await global.requireActor(repository)
                let enterprise = try await repository.enterprise(scope.enterprise, visibleTo: .person(actor))
                let local = try LocalTime(timeZoneID: enterprise.timeZoneID)
                var workshopID: Int64?
                if let workshop {
                    let workshops = try await repository.workshops(enterpriseID: enterprise.id, visibleTo: .person(actor))
                    guard let found = Workshop.named(workshop, in: workshops) else {
                        throw NotFoundError(what: "workshop of \(enterprise.name)", key: workshop)
                    }
                    workshopID = found.id
                }
                var items = passed.compactMap(WarningCommands.item).map { InspectionItem(ref: $0.ref, text: $0.text, passed: true) }
                items += failed.map { text in
                    let parts = text.split(separator: "=", maxSplits: 2).map { $0.trimmingCharacters(in: .whitespaces) }
                    return InspectionItem(
                        ref: parts[0],
                        text: parts[1],
                        passed: false,
                        finding: parts[2],
                        workshopID: workshopID,
                        grade: major.contains(parts[0]) ? .major : .general
                    )
                }
                let now = global.now
                let performed = Inspection.performed(try local.parse(date, field: "--date"), now: now, local: local)
                let (inspection, hazards) = try await repository.recordInspection(
                    InspectionRequest(
                        kind: kind,
                        enterpriseID: enterprise.id,
                        performedAt: performed,
                        summary: summary,
                        items: items,
                        delegatesAcceptance: delegateAcceptance
                    ),
                    by: actor,
                    at: now
                )
                struct Recorded: Encodable {
                    var inspection: Inspection
                    var hazards: [Hazard]
                }
                let language = global.language
                global.output.emit(
                    Recorded(inspection: inspection, hazards: hazards),
                    table: Table(
                        headers: [
                            Text("inspectionCommands.item", "\(inspection.number)"), Text("checkCommands.result"),
                            Text("checkCommands.hazard"),
                        ],
                        rows: inspection.items.map { item in
                            [
                                "\(item.ref) \(item.text)",
                                item.passed ? Text("qualityRecord.passed")(language) : Text("inspectionCommands.failed")(language) + item.finding,
                                hazards.first { $0.id == item.hazardID }?.number ?? "",
                            ]
                        }
                    )
                )
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Inspections of the enterprises in your sight.",
            discussion: "Example:\n  dualprev inspection list --as 林晓燕"
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this enterprise (id, credit code or name).") var enterprise: String?

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let viewer = try await global.viewer(repository, enterprise: enterprise)
                let inspections = try await repository.inspections(
                    enterpriseID: try await global.enterpriseID(enterprise, repository, viewer),
                    visibleTo: viewer
                )
                let local = try LocalTime()
                let language = global.language
                global.output.emit(
                    inspections,
                    table: Table(
                        headers: [
                            Text("inspectionCommands.number"), Text("inspectionCommands.kind"), Text("hazardPages.enterprise"),
                            Text("inspectionCommands.date"),
                            Text("inspectionCommands.failed2"), Text("hazardCommands.acceptance"),
                        ],
                        rows: inspections.map { i in
                            [
                                i.number, i.kind.label(language), "#\(i.enterpriseID)", local.day(i.performedAt),
                                "\(i.items.filter { !$0.passed }.count)/\(i.items.count)",
                                i.delegatesAcceptance ? Text("hazardPages.enterprise")(language) : Text("inspectionCommands.regulator")(language),
                            ]
                        }
                    )
                )
            }
        }
    }
}

extension InspectionKind: ExpressibleByArgument {}
