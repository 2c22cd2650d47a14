import ArgumentParser
import DualPrevention
import DualPreventionStore
import Foundation

struct HazardCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hazard",
        abstract: "Hazards (隐患): report, rectify, accept, close — every step by a named person.",
        discussion: """
            The loop: report → notice → acknowledge → (major: plan → plan-approve) → start → submit → accept | reject.
            Any step may be refused by a rule; the message names the rule and what you may do instead.
            """,
        subcommands: [
            Report.self, Notice.self, Acknowledge.self, Plan.self, PlanApprove.self, PlanReject.self, Start.self,
            Extend.self, ExtensionApprove.self, ExtensionDeny.self, Submit.self, Accept.self, Reject.self,
            ListSupervision.self, LiftSupervision.self, Cancel.self,
            List.self, Show.self, PrintNotice.self, PrintAcceptance.self, Export.self,
            Batch.self, Stop.self, StopLift.self, RecallPlanCommand.self, RecallReturnCommand.self, RecallClose.self, Ledger.self,
        ]
    )
}

struct HazardKey: ParsableArguments {
    @Argument(help: "Hazard id, hazard number (YH-2026-0001) or notice number (ZG-2026-0001).") var hazard: String
    @Option(
        help: ArgumentHelp(
            "The enterprise you act for (id, credit code or name): a regional quality safety director serving several names one.",
            valueName: "enterprise"
        )
    )
    var enterprise: String?
}

/// Loads the actor and the hazard's local time, performs one command, prints the transition.
func performHazardCommand(
    _ global: GlobalOptions,
    _ hazardKey: HazardKey,
    _ build: (LocalTime, any Repository) async throws -> HazardCommand
) async throws {
    try await reporting(global.language) {
        let key = hazardKey.hazard
        let repository = try await global.repository()
        let actor = try await global.requireActor(repository, enterprise: hazardKey.enterprise)
        let before = try await repository.hazard(key, visibleTo: .person(actor))
        let local = try LocalTime(timeZoneID: try await repository.enterprise(String(before.enterpriseID), visibleTo: .person(actor)).timeZoneID)
        let command = try await build(local, repository)
        let now = global.now
        let (hazard, transition) = try await repository.perform(command, on: key, by: actor, at: now)
        struct Performed: Encodable {
            var transition: Transition
            var hazard: Hazard
        }
        let l = global.language
        global.output.emit(
            Performed(transition: transition, hazard: hazard),
            table: Table(
                headers: [Text("checkCommands.hazard"), Text("hazardCommands.action"), Text("hazardPages.state"), Text("hazardCommands.by")],
                rows: [[hazard.number, transition.action.label(l), "\(transition.from.label(l)) → \(transition.to.label(l))", actor.signature]]
            )
        )
        if global.format == .table {
            if let number = hazard.notice?.number, transition.action == .issueNotice {
                print(Text("hazardCommands.noticeNumber", "\(number)")(l))
            }
            for effect in transition.effects {
                switch effect {
                case .regradeRiskPoint(let id):
                    print(
                        Text("hazardCommands.riskPointDueRe", "\(id)")(l)
                    )
                case .deadlineMoved(let to):
                    print(Text("hazardCommands.newDeadline", "\(local.deadline(to))")(l))
                case .stopAffectedProduction:
                    print(Text("hazardCommands.majorHazardStopAffected")(l))
                }
            }
            let next = hazard.availableActions(for: actor, at: now)
            if !next.isEmpty {
                print(Text("hazardCommands.youMayNow2")(l) + next.map(\.commandLine).joined(separator: ", "))
            }
        }
    }
}

extension HazardCommands {
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report a hazard; anyone of the enterprise may.",
            discussion: """
                Example:
                  dualprev hazard report --as 9 --workshop 注塑车间 --grade general --source dailyCheck \\
                    --description "3号注塑机温控仪失灵，料温显示偏低" --photo ./before.jpg
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "Workshop id or name.") var workshop: String
        @Option var team: String?
        @Option var post: String?
        @Option(help: "Risk point id, if the hazard is on one.") var riskPoint: Int64?
        @Option(help: "general or major.") var grade: HazardGrade
        @Option(help: "dailyCheck, weeklyCheck, monthlyCheck, spotCheck, complaint or report.") var source: HazardSource = .report
        @Option var description: String
        @Option var location: String = ""
        @Option(help: "When found, local time (2026-11-20 09:30); now if left out.") var found: String?
        @Option(help: "Photo or file as evidence (repeatable).") var photo: [String] = []
        @Option(help: "For a major hazard: the lines or products it stops (its workshop and location if left out).") var stopScope: String?
        @Option(help: "The enterprise you report in (a regional quality safety director serving several names one).") var enterprise: String?

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let actor = try await global.requireActor(repository, enterprise: enterprise)
                guard let enterpriseID = actor.enterpriseID else { throw Refusal(.notInEnterprise) }
                let enterprise = try await repository.enterprise(String(enterpriseID), visibleTo: .person(actor))
                let local = try LocalTime(timeZoneID: enterprise.timeZoneID)
                let place = try await PlaceResolver.resolve(
                    repository,
                    viewer: .person(actor),
                    enterpriseID: enterpriseID,
                    workshop: workshop,
                    team: team,
                    post: post
                )
                let hazard = try await repository.reportHazard(
                    HazardReport(
                        workshopID: place.workshop,
                        teamID: place.team,
                        postID: place.post,
                        riskPointID: riskPoint,
                        source: source,
                        grade: grade,
                        description: description,
                        location: location,
                        foundAt: try found.map { try local.parse($0, field: "--found") },
                        evidence: photo.map { EvidenceFile(path: $0, label: "before") },
                        stopScope: stopScope
                    ),
                    by: actor,
                    at: global.now
                )
                let names = try await Names.load(repository, viewer: .person(actor), enterpriseIDs: [enterpriseID])
                global.output.emit(hazard, table: HazardCommands.table([hazard], names: names, language: global.language, now: global.now))
            }
        }
    }

    struct Notice: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: Action.issueNotice.slug,
            abstract: "Issue the rectification notice (隐患整改通知单), numbered ZG-year-nnnn.",
            discussion:
                "A deadline given as a date ends at the end of that local day.\n\nExample:\n  dualprev hazard notice YH-2026-0001 --as 4 --to 8 --deadline 2026-12-05 --measures \"更换温控仪并校准\" --unit 注塑车间"
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var key: HazardKey
        @Option(help: "Person responsible for the rectification (id or name).") var to: String
        @Option(help: "Deadline: 2026-12-05 (end of that day) or 2026-12-05 17:00.") var deadline: String
        @Option(help: "Required measures.") var measures: String
        @Option(help: "Responsible unit.") var unit: String = ""
        @Option(help: "Nature and possible consequence.") var nature: String = ""

        func run() async throws {
            try await performHazardCommand(global, key) { local, repository in
                .issueNotice(
                    receiverID: try await repository.person(to).id,
                    responsibleUnit: unit,
                    nature: nature,
                    requiredMeasures: measures,
                    deadline: try local.parseDeadline(deadline, field: "--deadline")
                )
            }
        }
    }

    struct Acknowledge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: Action.acknowledgeNotice.slug,
            abstract: "Acknowledge receipt of the notice (its receiver only)."
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var key: HazardKey
        func run() async throws { try await performHazardCommand(global, key) { _, _ in .event(.acknowledgeNotice) } }
    }

    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: Action.submitPlan.slug,
            abstract: "Submit the governance plan (治理方案) of a major hazard: all five elements are required.",
            discussion:
                "Example:\n  dualprev hazard plan YH-2026-0002 --as 5 --target \"消除釜温失控风险\" --methods \"更换温控联锁\" --funds \"8万元\" --organisation \"设备部 王强\" --time-limit 2026-12-20 --safety \"停产，隔离反应釜\""
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var key: HazardKey
        @Option(help: "Target and task.") var target: String
        @Option(help: "Methods and measures.") var methods: String
        @Option(help: "Funds and materials.") var funds: String
        @Option(help: "Responsible organisation and persons.") var organisation: String
        @Option(help: "Time limit (date).") var timeLimit: String
        @Option(help: "Safety and emergency measures.") var safety: String

        func run() async throws {
            try await performHazardCommand(global, key) { local, _ in
                .event(
                    .submitPlan(
                        PlanDraft(
                            target: target,
                            methods: methods,
                            funds: funds,
                            organisation: organisation,
                            timeLimit: try local.parseDeadline(timeLimit, field: "--time-limit"),
                            safetyMeasures: safety
                        )
                    )
                )
            }
        }
    }

    struct PlanApprove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: Action.approvePlan.slug,
            abstract: "Approve the governance plan (principal or director, not its author)."
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var key: HazardKey
        @Option var note: String = ""
        func run() async throws { try await performHazardCommand(global, key) { _, _ in .event(.approvePlan(note: note)) } }
    }

    struct PlanReject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: Action.rejectPlan.slug, abstract: "Send the governance plan back with a reason.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var key: HazardKey
        @Option var reason: String
        func run() async throws { try await performHazardCommand(global, key) { _, _ in .event(.rejectPlan(reason: reason)) } }
    }

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: Action.startRectification.slug,
            abstract: "Start the rectification (its owner; a major hazard needs an approved plan)."
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var key: HazardKey
        func run() async throws { try await performHazardCommand(global, key) { _, _ in .event(.startRectification) } }
    }

    struct Extend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: Action.requestExtension.slug,
            abstract: "Ask once, before the deadline, for a later deadline.",
            discussion: "Example:\n  dualprev hazard extend YH-2026-0001 --as 8 --until 2026-12-12 --reason \"备件到货延迟\""
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var key: HazardKey
        @Option var until: String
        @Option var reason: String
        func run() async throws {
            try await performHazardCommand(global, key) { local, _ in
                .event(.requestExtension(reason: reason, until: try local.parseDeadline(until, field: "--until")))
            }
        }
    }

    struct ExtensionApprove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: Action.approveExtension.slug,
            abstract: "Grant the extension (someone above the requester)."
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var key: HazardKey
        @Option var note: String = ""
        func run() async throws { try await performHazardCommand(global, key) { _, _ in .event(.decideExtension(grant: true, note: note)) } }
    }

    struct ExtensionDeny: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: Action.denyExtension.slug, abstract: "Deny the extension, with a reason.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var key: HazardKey
        @Option var reason: String
        func run() async throws {
            try await performHazardCommand(global, key) { _, _ in .event(.decideExtension(grant: false, note: reason)) }
        }
    }

    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: Action.submitRectification.slug,
            abstract: "Submit the rectification for acceptance, with evidence (its owner).",
            discussion:
                "Example:\n  dualprev hazard submit YH-2026-0001 --as 8 --measures-taken \"已更换温控仪并校准\" --completed \"2026-11-25 16:00\" --after ./after.jpg"
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var key: HazardKey
        @Option var measuresTaken: String
        @Option(help: "When completed (local); now if left out.") var completed: String?
        @Option var funds: String = ""
        @Option(help: "Photo before (repeatable).") var before: [String] = []
        @Option(help: "Photo after (repeatable).") var after: [String] = []
        @Option(help: "Other document (repeatable).") var document: [String] = []

        func run() async throws {
            try await performHazardCommand(global, key) { local, _ in
                let files =
                    before.map { EvidenceFile(path: $0, label: "before") } + after.map { EvidenceFile(path: $0, label: "after") }
                    + document.map { EvidenceFile(path: $0, label: "document") }
                return .submitRectification(
                    measuresTaken: measuresTaken,
                    completedAt: try completed.map { try local.parse($0, field: "--completed") } ?? global.now,
                    funds: funds,
                    evidence: files
                )
            }
        }
    }

    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: Action.acceptPass.slug,
            abstract: "Accept the rectification (pass): closes the hazard. The acceptor is never the rectifier.",
            discussion: "Example:\n  dualprev hazard accept YH-2026-0001 --as 5 --criteria \"温控偏差≤±5℃，连续三批首检合格\" --opinion \"整改到位，同意销号\""
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var key: HazardKey
        @Option var criteria: String
        @Option var opinion: String
        @Option(help: "Photo or file (repeatable).") var photo: [String] = []
        func run() async throws {
            try await performHazardCommand(global, key) { _, _ in
                .accept(passed: true, criteria: criteria, opinion: opinion, evidence: photo.map { EvidenceFile(path: $0, label: "after") })
            }
        }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: Action.acceptFail.slug,
            abstract: "Fail the acceptance: back to rectification, with the reasons."
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var key: HazardKey
        @Option var criteria: String
        @Option var reasons: String
        @Option(help: "Photo or file (repeatable).") var photo: [String] = []
        func run() async throws {
            try await performHazardCommand(global, key) { _, _ in
                .accept(passed: false, criteria: criteria, opinion: reasons, evidence: photo.map { EvidenceFile(path: $0, label: "document") })
            }
        }
    }

    struct ListSupervision: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: Action.list.slug,
            abstract: "List a major hazard for supervision (挂牌督办; regulators of its jurisdiction)."
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var key: HazardKey
        @Option(help: "The supervision order.") var order: String
        func run() async throws { try await performHazardCommand(global, key) { _, _ in .event(.list(order: order)) } }
    }

    struct LiftSupervision: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: Action.liftListing.slug,
            abstract: "Lift the supervision listing (摘牌; regulators only)."
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var key: HazardKey
        @Option var note: String
        func run() async throws { try await performHazardCommand(global, key) { _, _ in .event(.liftListing(note: note)) } }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: Action.cancel.slug,
            abstract: "Cancel a hazard with a reason (principal or director); it stays on record."
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var key: HazardKey
        @Option var reason: String
        func run() async throws { try await performHazardCommand(global, key) { _, _ in .event(.cancel(reason: reason)) } }
    }
}
