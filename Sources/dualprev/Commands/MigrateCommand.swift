import ArgumentParser
import DualPrevention
import DualPreventionEnvironment
import DualPreventionStore
import Foundation

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy the whole database (--db) into another store: an SQLite file into PostgreSQL, or back.",
        discussion: """
            The source's audit chain is verified first; a broken chain is not copied. Every table is then copied in its
            key's order, a chunk per transaction, with its progress on standard error. Stop the servers and commands
            writing to the source first: a copy of a database that changed meanwhile is refused at the end. An
            interrupted copy (a lost connection, Ctrl-C) is taken up where it stopped by running the same command
            again: each table goes on after the last row the target holds. A target that holds another database's records is refused. The evidence
            files go to the target's evidence folder. At the end the audit chain and every record are verified on both
            sides, and the two head hashes must be equal. Logins are not copied: everyone logs in again.

            Examples:
              dualprev migrate --db /srv/dualprev/taizhou.sqlite --to postgres://dualprev@db.internal/zhejiang --evidence-to /shared/evidence
              DUALPREV_DATABASE=postgres://dualprev@db.internal/zhejiang dualprev migrate --to sqlite:/backups/zhejiang.sqlite
            """
    )
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Where to copy to: postgres://user@host/name, or sqlite:FILE.", valueName: "url")) var to: String
    @Option(help: ArgumentHelp("The target's evidence folder (default as --evidence would be for the target).", valueName: "folder"))
    var evidenceTo: String?
    @Option(help: "Rows per transaction on the target.") var chunk = 5_000

    func run() async throws {
        try await reporting(global.language) {
            let targetPath = to.hasPrefix("sqlite:") ? String(to.dropFirst("sqlite:".count)) : to
            guard targetPath != global.db, !targetPath.isEmpty else {
                throw ValidationError(Text("migrateCommand.sameDatabase")(global.language))
            }
            if targetPath.hasPrefix("postgres"), evidenceTo == nil {
                throw ValidationError(Text("migrateCommand.evidenceToRequired")(global.language))
            }
            let environment = try global.environment()
            let source = try await environment.repository()
            var targetEnvironment = environment
            targetEnvironment.configuration = .init(
                databasePath: targetPath,
                checklistsFolder: environment.configuration.checklistsFolder,
                evidenceFolder: evidenceTo
            )
            let target = try await targetEnvironment.repository()

            let before = try await source.verifyAudit(expectedHead: nil)
            guard before.isIntact, before.mismatches.isEmpty else {
                let problem = before.firstBroken.map { "#\($0.seq): \($0.problem)" } ?? "\(before.mismatches.count)"
                throw CopyError.sourceBroken(problem)
            }
            let language = global.language
            let report = try await DatabaseCopy(from: source.database, to: target.database, chunk: chunk).run { table, done, total in
                Progress(Text("migrateCommand.table", table)(language)).update(done, of: total)
            }
            let named = try await target.database.read { db in try String.fetchAll(db, sql: "SELECT sha256 FROM evidence ORDER BY sha256") }
            let files = try source.evidenceStore.copyFiles(named, to: target.evidenceStore)
            let after = try await target.verifyAudit(expectedHead: before.headHash)
            guard after.isIntact, after.mismatches.isEmpty, after.headHash == before.headHash else {
                throw CopyError.headsDiffer(source: before.headHash, target: after.headHash)
            }
            global.output.emit(
                MigrateSummary(
                    to: Self.redacted(targetPath),
                    entries: after.entries,
                    sourceHead: before.headHash,
                    targetHead: after.headHash,
                    rowsCopied: report.copied.values.reduce(0, +),
                    rowsAlreadyThere: report.alreadyThere,
                    evidenceFilesCopied: files
                ),
                table: Table(
                    headers: [
                        Text("migrateCommand.target"), Text("backupCommands.entries"), Text("migrateCommand.rowsCopied"),
                        Text("migrateCommand.evidenceCopied"), Text("backupCommands.headHash"),
                    ],
                    rows: [
                        [Self.redacted(targetPath), String(after.entries), String(report.copied.values.reduce(0, +)), String(files), after.headHash]
                    ]
                )
            )
        }
    }

    /// A URL as it may be shown: without its password.
    static func redacted(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.password != nil else { return url }
        parts.password = "***"
        return parts.string ?? url
    }
}

struct MigrateSummary: Codable, Sendable {
    var to: String
    var entries: Int
    var sourceHead: String
    var targetHead: String
    var rowsCopied: Int
    var rowsAlreadyThere: Int
    var evidenceFilesCopied: Int
}
