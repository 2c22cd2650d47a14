import ArgumentParser
import DualPrevention
import DualPreventionStore
import Foundation

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy a live database and its evidence into a folder, with a manifest a restore checks.",
        discussion: """
            Uses SQLite's online backup: a consistent snapshot taken while the server and other commands go on writing.
            The folder (new, or empty) receives dualprev.sqlite, the evidence files its rows name, and manifest.json with
            the database file's SHA-256, the audit chain's head hash and length, the row count of every table and the hash
            of every evidence file. The copy is verified before the manifest is written; a folder without a manifest is
            not a backup.

            Examples:
              dualprev backup --db /srv/dualprev/taizhou.sqlite --to /backups/2026-11-30
              dualprev audit verify --from-backup /backups/2026-11-30
            """
    )
    @OptionGroup var global: GlobalOptions
    @Option(help: "The folder to write (new or empty).") var to: String

    func run() async throws {
        try await reporting(global.language) {
            try global.requireSQLite("backup")
            guard FileManager.default.fileExists(atPath: global.db) else {
                throw StoreError.io(Text("backupCommands.databaseFileDoesNot"), underlying: global.db)
            }
            let repository = try await global.environment().repository()
            let progress = Progress(Text("backupCommands.evidenceFiles")(global.language))
            let manifest = try await Backup.make(of: repository, to: URL(fileURLWithPath: to), at: global.now) { done, total in
                progress.update(done, of: total)
            }
            BackupCommand.emit(manifest, in: to, global: global)
        }
    }

    static func emit(_ manifest: BackupManifest, in folder: String, global: GlobalOptions) {
        global.output.emit(
            manifest,
            table: Table(
                headers: [
                    Text("backupCommands.where"), Text("backupCommands.entries"), Text("backupCommands.headHash"),
                    Text("backupCommands.evidenceFiles"),
                ],
                rows: [[folder, String(manifest.entries), manifest.headHash, String(manifest.evidence.count)]]
            )
        )
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put a backup in place as a new database, once it verifies.",
        discussion: """
            Refuses a folder whose manifest, database hash, audit chain, row counts or evidence files do not agree, and
            never overwrites: --db must name a database that does not exist yet. The files are copied under temporary
            names and renamed into place only when complete, then the chain is verified again there.

            Example:
              dualprev restore --from /backups/2026-11-30 --db /srv/dualprev/restored.sqlite
            """
    )
    @OptionGroup var global: GlobalOptions
    @Option(help: "A folder made by `dualprev backup`.") var from: String

    func run() async throws {
        try await reporting(global.language) {
            try global.requireSQLite("restore")
            let progress = Progress(Text("backupCommands.evidenceFiles")(global.language))
            let manifest = try await Backup.restore(from: URL(fileURLWithPath: from), to: global.db) { done, total in
                progress.update(done, of: total)
            }
            BackupCommand.emit(manifest, in: global.db, global: global)
        }
    }
}
