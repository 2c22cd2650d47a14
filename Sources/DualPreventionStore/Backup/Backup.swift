import Crypto
import DualPrevention
import Foundation
import GRDB

/// What a backup folder holds, written last into `manifest.json`: the database's own hash, the audit chain's head and
/// length, row counts, and every evidence file by its hash. A restore refuses a folder that does not match it.
public struct BackupManifest: Sendable, Hashable, Codable {
    public static let fileName = "manifest.json"
    public static let databaseName = "dualprev.sqlite"
    public static let currentFormat = 1

    public var format: Int
    public var createdAt: Date
    public var database: String
    public var databaseSHA256: String
    public var headHash: String
    public var entries: Int
    /// Rows per table of the copy.
    public var counts: [String: Int]
    /// Every evidence file the copy's rows name, by SHA-256 (which is also its name), with its size.
    public var evidence: [EvidenceEntry]

    public struct EvidenceEntry: Sendable, Hashable, Codable {
        public var sha256: String
        public var size: Int64
    }

    /// What the folder holds that the manifest says it should not, or lacks: empty when they agree. Pure: the
    /// caller measures the folder (`found`), this compares.
    public func problems(found: BackupManifest, chain: AuditReport) -> [String] {
        var problems: [String] = []
        if format != Self.currentFormat { problems.append("manifest format \(format) is not \(Self.currentFormat)") }
        if databaseSHA256 != found.databaseSHA256 { problems.append("the database file's SHA-256 differs from the manifest's") }
        if let broken = chain.firstBroken { problems.append("the audit chain breaks at entry \(broken.seq): \(broken.problem)") }
        if headHash != chain.headHash || entries != chain.entries {
            problems.append(
                "the chain ends at \(chain.entries) entries, head \(chain.headHash.prefix(16))…; the manifest says \(entries), \(headHash.prefix(16))…"
            )
        }
        for (table, count) in counts.sorted(by: { $0.key < $1.key }) where found.counts[table] != count {
            problems.append("table \(table) holds \(found.counts[table] ?? 0) rows; the manifest says \(count)")
        }
        let have = Set(found.evidence)
        for item in evidence where !have.contains(item) {
            problems.append("evidence file \(item.sha256.prefix(16))… is missing or changed")
        }
        problems += chain.mismatches.prefix(20).map { "\($0.objectType) \($0.objectID): \($0.problem)" }
        return problems
    }
}

/// `dualprev backup` and `restore`: SQLite's online backup of a live database (a consistent snapshot, writers go on),
/// the evidence its rows name, and a manifest that a restore checks before anything is put in place.
public enum Backup {
    /// Tables counted in the manifest: every table of the schema.
    static func tables(_ db: Database) throws -> [String] {
        try String.fetchAll(
            db,
            sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations' ORDER BY name"
        )
    }

    /// Copies the database and its evidence into `folder` (new or empty), then writes the manifest. Progress is
    /// (files copied, files to copy).
    public static func make(
        of repository: StoreRepository,
        to folder: URL,
        at now: Date,
        progress: @Sendable (Int, Int) -> Void = { _, _ in }
    ) async throws -> BackupManifest {
        let files = FileManager.default
        let writer = try repository.sqliteWriter(for: "backup")
        try requireEmpty(folder)
        let target = folder.appendingPathComponent(BackupManifest.databaseName)
        let copy: DatabaseQueue
        do {
            copy = try DatabaseQueue(path: target.path)
            try writer.backup(to: copy)
            // One self-contained file (no -wal beside it), whose hash the manifest can keep.
            try await copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
        } catch {
            throw StoreError.wrap(error)
        }
        let store = EvidenceFolder(root: URL(fileURLWithPath: target.path + ".evidence"))
        let hashes = try await copy.read { db in try String.fetchAll(db, sql: "SELECT sha256 FROM evidence ORDER BY sha256") }
        for (index, sha) in hashes.enumerated() {
            let destination = store.path(of: sha)
            do {
                let data = try repository.evidenceStore.blobs.read(sha)
                try files.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: destination)
            } catch {
                throw StoreError.io(
                    Text("backup.evidenceFileMissingCannot", "\(sha.prefix(16))"),
                    underlying: String(describing: error)
                )
            }
            progress(index + 1, hashes.count)
        }
        try copy.close()
        let backup = try StoreRepository(database: AppDatabase.openReadOnly(path: target.path), evidenceStore: EvidenceStore(root: store.root))
        let chain = try await backup.verifyAudit(expectedHead: nil)
        var manifest = try await measure(folder)
        manifest.createdAt = now
        manifest.headHash = chain.headHash
        manifest.entries = chain.entries
        let problems = manifest.problems(found: manifest, chain: chain)
        guard problems.isEmpty else { throw BackupError.doesNotVerify(folder.path, problems) }
        try write(manifest, to: folder)
        return manifest
    }

    /// Checks a backup folder against its manifest and its own audit chain; returns them when they agree.
    public static func verify(_ folder: URL) async throws -> (BackupManifest, AuditReport) {
        let manifestURL = folder.appendingPathComponent(BackupManifest.fileName)
        let manifest: BackupManifest
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            manifest = try decoder.decode(BackupManifest.self, from: Data(contentsOf: manifestURL))
        } catch {
            throw BackupError.doesNotVerify(folder.path, ["no readable \(BackupManifest.fileName): \(error.localizedDescription)"])
        }
        let target = folder.appendingPathComponent(manifest.database)
        guard manifest.database == BackupManifest.databaseName, FileManager.default.fileExists(atPath: target.path) else {
            throw BackupError.doesNotVerify(folder.path, ["the database file \(manifest.database) is not in the folder"])
        }
        let found = try await measure(folder)
        // The file's hash first: a database changed behind the manifest is not opened for its chain to be believed.
        guard found.databaseSHA256 == manifest.databaseSHA256 else {
            throw BackupError.doesNotVerify(folder.path, ["the database file's SHA-256 differs from the manifest's"])
        }
        let backup = try StoreRepository(
            database: AppDatabase.openReadOnly(path: target.path),
            evidenceStore: EvidenceStore(root: URL(fileURLWithPath: target.path + ".evidence"))
        )
        let chain = try await backup.verifyAudit(expectedHead: manifest.headHash)
        let problems = manifest.problems(found: found, chain: chain)
        guard problems.isEmpty else { throw BackupError.doesNotVerify(folder.path, problems) }
        return (manifest, chain)
    }

    /// Puts a verified backup in place at `path`, which must not exist yet: the database and its evidence are copied
    /// beside it under temporary names and renamed into place only once complete, then checked again there.
    public static func restore(
        from folder: URL,
        to path: String,
        progress: @Sendable (Int, Int) -> Void = { _, _ in }
    ) async throws
        -> BackupManifest
    {
        let files = FileManager.default
        let (manifest, _) = try await verify(folder)
        let destination = URL(fileURLWithPath: path)
        for existing in [path, path + ".evidence", path + "-wal"] where files.fileExists(atPath: existing) {
            throw BackupError.wouldOverwrite(existing)
        }
        let parent = destination.deletingLastPathComponent()
        let partial = parent.appendingPathComponent(".\(destination.lastPathComponent).restoring-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try files.createDirectory(at: parent, withIntermediateDirectories: true)
            try? files.removeItem(at: partial)
            try? files.removeItem(at: URL(fileURLWithPath: partial.path + ".evidence"))
            try files.copyItem(at: folder.appendingPathComponent(manifest.database), to: partial)
            let sourceEvidence = folder.appendingPathComponent(manifest.database + ".evidence")
            let targetEvidence = EvidenceFolder(root: URL(fileURLWithPath: partial.path + ".evidence"))
            let from = EvidenceFolder(root: sourceEvidence)
            try files.createDirectory(at: targetEvidence.root, withIntermediateDirectories: true)
            for (index, item) in manifest.evidence.enumerated() {
                let to = targetEvidence.path(of: item.sha256)
                try files.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
                try files.copyItem(at: from.path(of: item.sha256), to: to)
                progress(index + 1, manifest.evidence.count)
            }
            try files.moveItem(at: targetEvidence.root, to: URL(fileURLWithPath: path + ".evidence"))
            try files.moveItem(at: partial, to: destination)
        } catch let error as CocoaError {
            try? files.removeItem(at: partial)
            try? files.removeItem(at: URL(fileURLWithPath: partial.path + ".evidence"))
            throw StoreError.io(Text("backup.cannotWriteRestoreTarget", "\(path)"), underlying: error.localizedDescription)
        }
        let restored = try StoreRepository.open(path: path)
        let chain = try await restored.verifyAudit(expectedHead: manifest.headHash)
        guard chain.isIntact, chain.headHash == manifest.headHash else {
            throw BackupError.doesNotVerify(path, ["the restored database does not end at the manifest's head"])
        }
        return manifest
    }

    /// The manifest a folder would have now: hashes of the database file and of each evidence file, row counts.
    static func measure(_ folder: URL) async throws -> BackupManifest {
        let target = folder.appendingPathComponent(BackupManifest.databaseName)
        let databaseSHA256 = try sha256(of: target)
        let queue = try AppDatabase.openReadOnly(path: target.path).writer
        let (counts, named) = try await queue.read { db in
            var counts: [String: Int] = [:]
            for table in try tables(db) { counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \"\(table)\"") ?? 0 }
            return (counts, try String.fetchAll(db, sql: "SELECT sha256 FROM evidence ORDER BY sha256"))
        }
        let store = EvidenceFolder(root: URL(fileURLWithPath: target.path + ".evidence"))
        let evidence = named.compactMap { sha -> BackupManifest.EvidenceEntry? in
            guard let data = try? Data(contentsOf: store.path(of: sha)), Hex.encode(SHA256.hash(data: data)) == sha else { return nil }
            return BackupManifest.EvidenceEntry(sha256: sha, size: Int64(data.count))
        }
        return BackupManifest(
            format: BackupManifest.currentFormat,
            createdAt: Date(timeIntervalSince1970: 0),
            database: BackupManifest.databaseName,
            databaseSHA256: databaseSHA256,
            headHash: "",
            entries: 0,
            counts: counts,
            evidence: evidence
        )
    }

    static func sha256(of file: URL) throws -> String {
        guard let handle = try? FileHandle(forReadingFrom: file) else {
            throw StoreError.io(Text("backup.cannotRead", "\(file.path)"), underlying: "open failed")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return Hex.encode(hasher.finalize())
    }

    static func requireEmpty(_ folder: URL) throws {
        let files = FileManager.default
        if let existing = try? files.contentsOfDirectory(atPath: folder.path), !existing.isEmpty {
            throw BackupError.wouldOverwrite(folder.path)
        }
        do {
            try files.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw StoreError.io(Text("backup.cannotCreateBackupFolder", "\(folder.path)"), underlying: "\(error)")
        }
    }

    static func write(_ manifest: BackupManifest, to folder: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        do {
            try encoder.encode(manifest).write(to: folder.appendingPathComponent(BackupManifest.fileName), options: .atomic)
        } catch {
            throw StoreError.io(Text("backup.cannotWriteBackupS"), underlying: "\(error)")
        }
    }
}

/// Why a backup or a restore did not go ahead.
public enum BackupError: DualPreventionError, Equatable {
    case doesNotVerify(String, [String])
    case wouldOverwrite(String)

    public var kind: FailureKind { .badInput }

    public var rule: String {
        switch self {
        case .doesNotVerify: "BACKUP-INVALID"
        case .wouldOverwrite: "BACKUP-EXISTS"
        }
    }

    public var message: Text {
        switch self {
        case .doesNotVerify(let path, let problems):
            Text(
                zh: "备份 \(path) 未通过核验：\(problems.joined(separator: "；"))",
                en: "the backup \(path) does not verify: \(problems.joined(separator: "; "))"
            )
        case .wouldOverwrite(let path):
            Text("backup.alreadyExistsNotEmpty", "\(path)")
        }
    }

    public var hint: Text? {
        switch self {
        case .doesNotVerify:
            Text("backup.useAnotherBackupThis")
        case .wouldOverwrite: Text("backup.nameNewEmptyLocation")
        }
    }
}
