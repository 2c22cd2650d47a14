import ArgumentParser
import DualPrevention
import DualPreventionCatalog
import DualPreventionStore
import Foundation

struct QualityRecordCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract:
            "Inputs of the credit grade and the lists: spot checks, licences, certificates, awards, violations, complaints, injuries, recalls, vetoes, indicators.",
        discussion: """
            Records are kept as recorded: a wrong one is withdrawn with a reason (it still counts for any date before).
            A regulator of the enterprise's jurisdiction records anything; the enterprise's principal, director or officer
            records what the enterprise declares, never spot checks, violations, vetoes, awards, complaints, nor the findings
            against it (a licence revoked, a certificate suspended, a serious injury, a recall not done), and withdraws only
            what its own people recorded. `dualprev record kinds` lists
            every kind and subtype.
            """,
        subcommands: [Add.self, Import.self, List.self, Withdraw.self, Kinds.self]
    )

    static func table(_ records: [QualityRecord], names: Names, language: Language) -> Table {
        let local = try? LocalTime()
        func day(_ date: Date?) -> String { date.map { local?.day($0) ?? "" } ?? "" }
        return Table(
            headers: [
                Text("benchmarkCommands.id"), Text("hazardPages.enterprise"), Text("checkCommands.kind"), Text("qualityRecordCommands.subtype"),
                Text("inspectionCommands.date"), Text("qualityRecordCommands.product"), Text("qualityRecordCommands.reference"),
                Text("generateCommand.value"),
                Text("qualityRecordCommands.validUntil"), Text("qualityRecordCommands.recorded"), Text("hazardPages.state"),
            ],
            rows: records.map { r in
                [
                    r.key, names.enterprise(r.enterpriseID), r.kind.label(language),
                    r.kind.subtypes?.first { $0.0 == r.subtype }?.1(language) ?? r.subtype,
                    day(r.occurredOn), r.product, r.reference, r.value.map { String(format: "%g", $0) } ?? "", day(r.validUntil),
                    names.personOrID(r.recordedBy),
                    r.withdrawnAt.map { Text("qualityRecordCommands.withdrawn", "\(day($0))")(language) + (r.withdrawalReason ?? "") } ?? "",
                ]
            }
        )
    }

    /// A date without a time stands for the end of that local day, which for today is still ahead: something that
    /// happened today is dated now, the moment it is recorded (a later time of today given explicitly stays refused).

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record one input.",
            discussion: """
                Examples:
                  dualprev record add --as "椒江分局 陈刚" --enterprise 1 --kind spotCheck --subtype passed --date 2026-09-10 --product 食品级PP餐盒 --reference JC-2026-118
                  dualprev record add --as 林晓燕 --enterprise 1 --kind licence --subtype issued --date 2024-03-01 --valid-until 2029-02-28 --reference XK16-204-00123
                  dualprev record add --as 林晓燕 --enterprise 1 --kind indicator --subtype qualityCost --date 2026-09-30 --value 412000
                """
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: EnterpriseOption
        @Option(help: "What it is: \(QualityRecordKind.allCases.map(\.rawValue).joined(separator: ", ")).") var kind: QualityRecordKind
        @Option(help: "Its subtype (dualprev record kinds); for a veto, the veto code of the credit rules.") var subtype: String
        @Option(help: "When it happened (YYYY-MM-DD); for an indicator, the last day of the period it covers.") var date: String
        @Option(help: "Area for the lists: \(ListArea.allCases.map(\.rawValue).joined(separator: ", ")).") var area: ListArea = .productQuality
        @Option(help: "Product concerned (required for spot checks and recalls).") var product: String = ""
        @Option(help: "Document number: licence, certificate, penalty decision, report.") var reference: String = ""
        @Option(help: "Free text.") var note: String = ""
        @Option(help: "Figure of an indicator (shares from 0 to 1).") var value: Double?
        @Option(help: "End of a licence's, certificate's or honour's validity (YYYY-MM-DD).") var validUntil: String?

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let actor = try await global.requireActor(repository, enterprise: scope.enterprise)
                let enterprise = try await repository.enterprise(scope.enterprise, visibleTo: .person(actor))
                let local = try LocalTime(timeZoneID: enterprise.timeZoneID)
                let now = global.now
                let occurredOn = QualityRecord.occurred(try local.parse(date, field: "--date"), now: now, local: local)
                let draft = QualityRecord(
                    enterpriseID: enterprise.id,
                    kind: kind,
                    subtype: subtype,
                    occurredOn: occurredOn,
                    area: area,
                    product: product,
                    reference: reference,
                    note: note,
                    value: value,
                    validUntil: try validUntil.map { try local.parse($0, field: "--valid-until") }
                )
                try global.creditRules().requireKnownVeto(draft)
                let records = try await repository.addQualityRecords([draft], by: actor, at: now) { _, _ in }
                let names = try await Names.load(
                    repository,
                    viewer: .person(actor),
                    enterpriseIDs: [enterprise.id],
                    people: records.map(\.recordedBy)
                )
                global.output.emit(records.first, table: QualityRecordCommands.table(records, names: names, language: global.language))
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record many inputs from a CSV file: all rows, or none.",
            discussion: """
                Columns (Chinese or English headers): \(QualityRecordTable.Column.allCases.map { "\($0.headers[0])/\($0.headers.last ?? "")" }.joined(separator: ", ")).
                kind, subtype and date are required; enterprise may be left out when --enterprise is given. Every row is
                checked first and every error is listed with its line; nothing is recorded unless all rows pass.

                Example:
                  dualprev record import spot-checks-2026Q3.csv --as "台州市局 孙建华"
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The CSV file (UTF-8, with or without a byte-order mark).") var file: String
        @Option(help: "Enterprise of rows without one (id, credit code or name).") var enterprise: String?

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let actor = try await global.requireActor(repository, enterprise: enterprise)
                let viewer = Viewer.person(actor)
                let visible = try await repository.enterprises(visibleTo: viewer)
                let defaultID = try await global.enterpriseID(enterprise, repository, viewer)
                guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                    throw InputError(
                        rule: "INPUT-FILE",
                        message: Text("backup.cannotRead", "\(file)"),
                        hint: Text("qualityRecordCommands.giveUtf8Csv")
                    )
                }
                let now = global.now
                let drafts = try QualityRecordTable.drafts(
                    csv: text,
                    visible: visible,
                    defaultEnterprise: defaultID,
                    rules: try global.creditRules(),
                    now: now
                )
                let progress = Progress(file)
                let records = try await repository.addQualityRecords(drafts, by: actor, at: now) { progress.update($0, of: $1) }
                let names = try await Names.load(
                    repository,
                    viewer: viewer,
                    enterpriseIDs: Array(Set(records.map(\.enterpriseID))),
                    people: records.map(\.recordedBy)
                )
                global.output.emit(records, table: QualityRecordCommands.table(records, names: names, language: global.language))
                global.output.say(Text("qualityRecordCommands.recordsAdded", "\(records.count)"))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List input records.",
            discussion: "Example:\n  dualprev record list --as \"台州市局 孙建华\" --kind spotCheck --format csv"
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "Enterprise id, code or name (all you may see if left out).") var enterprise: String?
        @Option(help: "Only this kind.") var kind: QualityRecordKind?

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let viewer = try await global.viewer(repository, enterprise: enterprise)
                let records = try await repository.qualityRecords(
                    enterpriseID: try await global.enterpriseID(enterprise, repository, viewer),
                    kind: kind,
                    visibleTo: viewer
                )
                let names = try await Names.load(
                    repository,
                    viewer: viewer,
                    enterpriseIDs: Array(Set(records.map(\.enterpriseID))),
                    people: records.map(\.recordedBy)
                )
                global.output.emit(records, table: QualityRecordCommands.table(records, names: names, language: global.language))
            }
        }
    }

    struct Withdraw: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Withdraw a wrong record, with the reason; it still counts for any date before now.",
            discussion: "Example:\n  dualprev record withdraw QR-12 --as \"椒江分局 陈刚\" --reason 抽查报告编号录错，已重新录入"
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Record key (QR-12) or id.") var record: String
        @Option(help: "The enterprise you act for (a regional quality safety director serving several names one).") var enterprise: String?
        @Option(help: "Why it is withdrawn.") var reason: String

        func run() async throws {
            try await reporting(global.language) {
                guard let id = Int64(record.uppercased().replacingOccurrences(of: "QR-", with: "")) else {
                    throw InputError(
                        rule: "INPUT-RECORD",
                        message: Text("qualityRecordCommands.notRecordKey", "\(record)"),
                        hint: Text("qualityRecordCommands.exampleQr12")
                    )
                }
                let repository = try await global.repository()
                let actor = try await global.requireActor(repository, enterprise: enterprise)
                let withdrawn = try await repository.withdrawQualityRecord(id, reason: reason, by: actor, at: global.now)
                let names = try await Names.load(
                    repository,
                    viewer: .person(actor),
                    enterpriseIDs: [withdrawn.enterpriseID],
                    people: [withdrawn.recordedBy, withdrawn.withdrawnBy].compactMap { $0 }
                )
                global.output.emit(withdrawn, table: QualityRecordCommands.table([withdrawn], names: names, language: global.language))
            }
        }
    }

    struct Kinds: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every kind of record, its subtypes, and who records it.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let l = global.language
            let kinds = QualityRecordKind.summaries
            global.output.emit(
                kinds,
                table: Table(
                    headers: [
                        Text("checkCommands.kind"), Text("checklistCommands.name"), Text("qualityRecordCommands.subtypes"),
                        Text("qualityRecordCommands.recorded"),
                    ],
                    rows: QualityRecordKind.allCases.map { kind in
                        [
                            kind.rawValue, kind.label(l),
                            kind.subtypes?.map { "\($0.0)（\($0.1(l))）" }.joined(separator: ", ")
                                ?? Text("qualityRecordCommands.vetoCodeCreditRules")(l),
                            kind.regulatorOnly
                                ? Text("role.regulator")(l)
                                : Text("qualityRecordCommands.regulatorEnterpriseSPrincipal")(l)
                                    + (kind.regulatorOnlySubtypes.isEmpty
                                        ? ""
                                        : Text("qualityRecordCommands.regulatorOnly", "\(kind.regulatorOnlySubtypes.joined(separator: ", "))")(l)),
                        ]
                    }
                )
            )
        }
    }
}
