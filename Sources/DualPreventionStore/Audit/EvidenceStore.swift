import Crypto
import DualPrevention
import Foundation
import GRDB

/// Evidence files kept under their SHA-256, so that the same bytes are kept once and any change to a kept file shows
/// as a hash mismatch.
///
/// Several actions, in several processes, may bring the same bytes at once, and some of them are refused. So a file
/// is put in its place only inside the write transaction of the action that links it (`place`), and taken away
/// again after a refusal only inside a write transaction that finds no evidence row naming it (`release`). SQLite
/// runs write transactions one at a time, across processes: either the action that keeps the file committed its row
/// first, and the release sees it, or the release ran first, and the action finds the file missing and puts its own
/// copy back. A refused action leaves nothing behind, and no committed action loses its file.
public struct EvidenceStore: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    /// Copies every kept file this store has and `other` lacks into `other` (a database moved to another store);
    /// returns how many. Files being staged by an action are not kept files and stay behind.
    public func copyFiles(to other: EvidenceStore) throws -> Int {
        let files = FileManager.default
        let from = root.standardizedFileURL.path
        guard from != other.root.standardizedFileURL.path, files.fileExists(atPath: from) else { return 0 }
        var copied = 0
        for case let relative as String in files.enumerator(atPath: from) ?? FileManager.DirectoryEnumerator() {
            let source = root.appendingPathComponent(relative)
            guard relative.split(separator: "/").count == 2, !relative.hasPrefix("staging/"), !relative.hasPrefix("."), Self.isFile(source) else {
                continue
            }
            let target = other.root.appendingPathComponent(relative)
            guard !files.fileExists(atPath: target.path) else { continue }
            try Self.storing {
                try files.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try files.copyItem(at: source, to: target)
            }
            copied += 1
        }
        return copied
    }

    private static func isFile(_ url: URL) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &directory) && !directory.boolValue
    }

    /// A file copied in by one action: its bytes wait in a staging file of that action alone until `place`.
    struct Stored: Sendable {
        var sha256: String
        var fileName: String
        var size: Int64
        var staging: URL
        /// Where the store keeps these bytes.
        var target: URL

        /// Puts the staged file in its place, unless the same bytes are kept already. Call it inside the write
        /// transaction that links the file: then no release can run between this and the commit.
        func place() throws {
            try EvidenceStore.storing {
                if FileManager.default.fileExists(atPath: target.path) {
                    try FileManager.default.removeItem(at: staging)
                } else {
                    try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try FileManager.default.moveItem(at: staging, to: target)
                }
            }
        }
    }

    public func path(of sha256: String) -> URL {
        root.appendingPathComponent(String(sha256.prefix(2))).appendingPathComponent(sha256)
    }

    var stagingFolder: URL { root.appendingPathComponent("staging") }

    /// Copies a file into this action's own staging file and returns its hash.
    func ingest(_ file: EvidenceFile) throws -> Stored {
        let source = URL(fileURLWithPath: file.path)
        let data: Data
        do {
            data = try Data(contentsOf: source)
        } catch {
            throw StoreError.io(
                Text("evidenceStore.cannotReadEvidenceFile", "\(file.path)"),
                underlying: String(describing: error)
            )
        }
        let staging = stagingFolder.appendingPathComponent(UUID().uuidString)
        try Self.storing {
            try FileManager.default.createDirectory(at: stagingFolder, withIntermediateDirectories: true)
            try data.write(to: staging, options: .atomic)
        }
        let sha = Hex.encode(SHA256.hash(data: data))
        return Stored(sha256: sha, fileName: source.lastPathComponent, size: Int64(data.count), staging: staging, target: path(of: sha))
    }

    /// After a refused or failed action: drops its staging files, and each of its files that no evidence row names,
    /// in a write transaction of its own (see the type's comment for why it must write-lock).
    func release(_ stored: [Stored], in database: any StoreDatabase) async {
        for item in stored { try? FileManager.default.removeItem(at: item.staging) }
        let hashes = Set(stored.map(\.sha256))
        guard !hashes.isEmpty else { return }
        let store = self
        // In a write transaction: no other writer can name a file between the check and its removal.
        try? await database.write { db in
            for sha in hashes where try !Self.isNamed(sha, in: db) {
                let file = store.path(of: sha)
                try? FileManager.default.removeItem(at: file)
                let folder = file.deletingLastPathComponent()
                if (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
                    try? FileManager.default.removeItem(at: folder)
                }
            }
        }
    }

    /// Copies files in for an action that links them (`place`) in its transaction; if the action then fails, what it
    /// alone brought is taken away again (`release`).
    func withIngested<T>(
        _ files: [EvidenceFile],
        releasingIn database: any StoreDatabase,
        _ action: ([(EvidenceFile, Stored)]) async throws -> T
    ) async throws -> T {
        var stored: [(EvidenceFile, Stored)] = []
        do {
            for file in files { stored.append((file, try ingest(file))) }
            return try await action(stored)
        } catch {
            await release(stored.map(\.1), in: database)
            throw error
        }
    }

    /// The bytes of a kept file.
    func contents(of sha256: String) throws -> Data {
        do {
            return try Data(contentsOf: path(of: sha256))
        } catch {
            throw StoreError.io(
                Text("evidenceStore.evidenceFileMissingUnreadable", "\(sha256.prefix(16))"),
                underlying: String(describing: error)
            )
        }
    }

    /// True when the kept file still hashes to its name.
    public func isIntact(_ sha256: String) -> Bool {
        guard let data = try? Data(contentsOf: path(of: sha256)) else { return false }
        return Hex.encode(SHA256.hash(data: data)) == sha256
    }

    /// Whether an evidence row names the hash.
    private static func isNamed(_ sha256: String, in db: any SQLContext) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM evidence WHERE sha256 = ?)", arguments: [sha256]) ?? false
    }

    /// File-system work on the store, its failure told without the server's paths.
    static func storing(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as CocoaError where error.code == .fileWriteVolumeReadOnly || error.code == .fileWriteNoPermission {
            throw StoreError.readOnly(path: "")
        } catch let error as CocoaError where error.code == .fileWriteOutOfSpace {
            throw StoreError.full
        } catch {
            throw StoreError.io(
                Text("evidenceStore.cannotStoreEvidenceFile"),
                underlying: String(describing: error)
            )
        }
    }
}
