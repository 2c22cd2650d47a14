import ArgumentParser
import DualPrevention
import DualPreventionStore
import Foundation

struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "The recorded history of any object, from the audit log.",
        discussion:
            "Object types: hazard, risk_point, person, enterprise, workshop, team, post, jurisdiction, check_plan, check_run,\nchecklist_import (by workshop id), quality_record, credit_grade, list_entry, account.\n\nExamples:\n  dualprev history hazard 3\n  dualprev history credit_grade 6 --as \"路桥分局 赵敏\""
    )
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Object type.") var type: String
    @Argument(help: "Object id.") var id: Int64

    func validate() throws {
        let types = [
            "hazard", "risk_point", "person", "enterprise", "workshop", "team", "post", "jurisdiction", "check_plan", "check_run", "checklist_import",
            "quality_record", "credit_grade", "list_entry", "account",
        ]
        guard types.contains(type) else { throw ValidationError("unknown object type '\(type)'; use one of: \(types.joined(separator: ", "))") }
    }

    func run() async throws {
        try await reporting(global.language) {
            let repository = try await global.repository()
            let viewer = try await global.viewer(repository)
            let entries = try await repository.history(objectType: type, objectID: id, visibleTo: viewer)
            guard !entries.isEmpty else { throw NotFoundError(what: "history of \(type)", key: String(id)) }
            let zone =
                if let enterpriseID = entries.compactMap(\.enterpriseID).first {
                    try await repository.enterprise(String(enterpriseID), visibleTo: viewer).timeZoneID
                } else { Enterprise.defaultTimeZoneID }
            let local = try LocalTime(timeZoneID: zone)
            global.output.emit(entries, table: HistoryCommand.table(entries, local: local, language: global.language))
        }
    }

    static func table(_ entries: [AuditEntry], local: LocalTime, language: Language) -> Table {
        Table(
            headers: [
                Text("recordCommands.seq"), Text("recordCommands.at"), Text("hazardCommands.by"), Text("hazardCommands.action"),
                Text("recordCommands.summary"), Text("listCommands.evidence"),
            ],
            rows: entries.map {
                [
                    String($0.seq), local.minute($0.at), $0.actorName, label($0.action, language), $0.summary,
                    $0.evidence.map { String($0.prefix(12)) }.joined(separator: " "),
                ]
            }
        )
    }

    /// `hazard.acceptPass` → 验收通过 / accept (pass); other actions keep their code.
    static func label(_ action: String, _ language: Language) -> String {
        let name = action.split(separator: ".").last.map(String.init) ?? action
        return Action(rawValue: name).map { $0.label(language) } ?? action
    }
}

struct AuditCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "The hash-chained audit log.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Walk the chain and report the first broken entry.",
            discussion: """
                Catches entries edited, deleted or reordered behind the program's back (even with the triggers dropped),
                and records whose current state differs from what their latest audit entry recorded, or that have none.
                Keep the printed head hash somewhere else and pass it back with --expect-head to also catch entries cut from the end.
                Exit code 0 when intact, 1 when broken. A read-only database (an archived copy) is verified as it is.
                With --from-backup, checks a folder made by `dualprev backup` against its manifest (the database
                file's hash, the head hash, the row counts, every evidence file) and its own chain, without restoring it.

                Examples:
                  dualprev audit verify --expect-head 3f9a…
                  dualprev audit verify --from-backup /backups/2026-11-30
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "Head hash recorded earlier.") var expectHead: String?
        @Option(help: "A folder made by `dualprev backup`, verified in place instead of --db.") var fromBackup: String?

        func run() async throws {
            var intact = true
            try await reporting(global.language) {
                let report: AuditReport
                if let fromBackup {
                    let (manifest, chain) = try await Backup.verify(URL(fileURLWithPath: fromBackup))
                    if let expectHead, expectHead != manifest.headHash {
                        throw BackupError.doesNotVerify(fromBackup, ["its head \(manifest.headHash) is not the expected \(expectHead)"])
                    }
                    report = chain
                } else {
                    guard global.configuration.isPostgres || FileManager.default.fileExists(atPath: global.db) else {
                        throw StoreError.io(Text("backupCommands.databaseFileDoesNot"), underlying: global.db)
                    }
                    report = try await global.repository().verifyAudit(expectedHead: expectHead)
                }
                intact = report.isIntact
                let l = global.language
                let chain =
                    report.firstBroken.map { Text("recordCommands.brokenAtEntry", "\($0.seq)", "\($0.problem)")(l) }
                    ?? Text("recordCommands.chainIntact")(l)
                let records =
                    report.mismatches.isEmpty
                    ? Text("recordCommands.recordsMatchLog")(l)
                    : Text("recordCommands.recordsDifferFromLog", "\(report.mismatches.count)")(l)
                global.output.emit(
                    report,
                    table: Table(
                        headers: [Text("backupCommands.entries"), Text("backupCommands.headHash"), Text("checkCommands.result")],
                        rows: [[String(report.entries), report.headHash, chain + "; " + records]]
                    )
                )
                if global.format == .table, !report.mismatches.isEmpty {
                    print(
                        global.output.render(
                            Table(
                                headers: [Text("escalateCommand.object"), Text("benchmarkCommands.id"), Text("recordCommands.problem")],
                                rows: report.mismatches.map { [$0.objectType, String($0.objectID), $0.problem] }
                            )
                        )
                    )
                }
            }
            if !intact { throw ExitCode(1) }
        }
    }
}
