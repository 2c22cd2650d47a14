import Crypto
import DualPrevention
import Foundation
import GRDB

/// Evidence files kept under their SHA-256, so that the same bytes are kept once and any change to a kept file shows
/// as a hash mismatch. Where the bytes live is `blobs` (`EvidenceBlobs`): a folder by default, which every server
/// process of one database shares; an object store can stand in its place.
///
/// Several actions, in several processes, may bring the same bytes at once, and some of them are refused. So a file
/// is put in its place only inside the write transaction of the action that links it (`place`), and taken away
/// again after a refusal only inside a write transaction that finds no evidence row naming it (`release`). SQLite
/// runs write transactions one at a time, across processes: either the action that keeps the file committed its row
/// first, and the release sees it, or the release ran first, and the action finds the file missing and puts its own
/// copy back. A refused action leaves nothing behind, and no committed action loses its file.
public struct EvidenceStore: Sendable {
    /// The folder of this process's staging files (and, by default, of the kept files).
    public let root: URL
    /// Where kept files live.
    public let blobs: any EvidenceBlobs

    /// Kept files in `root` itself (`EvidenceFolder`).
    public init(root: URL) {
        self.init(root: root, blobs: EvidenceFolder(root: root))
    }

    public init(root: URL, blobs: any EvidenceBlobs) {
        self.root = root
        self.blobs = blobs
    }

    /// Copies the kept files `hashes` names that `other` lacks into `other` (a database moved to another store), each
    /// checked against its hash first; returns how many.
    public func copyFiles(_ hashes: [String], to other: EvidenceStore) throws -> Int {
        var copied = 0
        for sha in hashes where try !other.blobs.contains(sha) {
            let staging = other.stagingFolder.appendingPathComponent(UUID().uuidString)
            let data = try contents(of: sha)
            guard Hex.encode(SHA256.hash(data: data)) == sha else {
                throw StoreError.io(Text("evidenceStore.evidenceFileMissingUnreadable", "\(sha.prefix(16))"), underlying: "hash")
            }
            try Self.storing {
                try FileManager.default.createDirectory(at: other.stagingFolder, withIntermediateDirectories: true)
                try data.write(to: staging, options: .atomic)
                try other.blobs.keep(staging, as: sha)
            }
            copied += 1
        }
        return copied
    }

    /// A file copied in by one action: its bytes wait in a staging file of that action alone until `place`.
    struct Stored: Sendable {
        var sha256: String
        var fileName: String
        var size: Int64
        var staging: URL
        /// Where the store keeps these bytes.
        var blobs: any EvidenceBlobs

        /// Puts the staged file in its place, unless the same bytes are kept already. Call it inside the write
        /// transaction that links the file: then no release can run between this and the commit.
        func place() throws {
            try EvidenceStore.storing {
                if try blobs.contains(sha256) {
                    try FileManager.default.removeItem(at: staging)
                } else {
                    try blobs.keep(staging, as: sha256)
                }
            }
        }
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
        return Stored(sha256: sha, fileName: source.lastPathComponent, size: Int64(data.count), staging: staging, blobs: blobs)
    }

    /// After a refused or failed action: drops its staging files, and each of its files that no evidence row names,
    /// in a write transaction of its own (see the type's comment for why it must write-lock).
    func release(_ stored: [Stored], in database: any StoreDatabase) async {
        for item in stored { try? FileManager.default.removeItem(at: item.staging) }
        let hashes = Set(stored.map(\.sha256))
        guard !hashes.isEmpty else { return }
        let blobs = blobs
        // In a write transaction: no other writer can name a file between the check and its removal.
        try? await database.write { db in
            for sha in hashes where try !Self.isNamed(sha, in: db) { try? blobs.remove(sha) }
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
            return try blobs.read(sha256)
        } catch {
            throw StoreError.io(
                Text("evidenceStore.evidenceFileMissingUnreadable", "\(sha256.prefix(16))"),
                underlying: String(describing: error)
            )
        }
    }

    /// True when the kept file still hashes to its name.
    public func isIntact(_ sha256: String) -> Bool {
        guard let data = try? blobs.read(sha256) else { return false }
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
        } catch let error as any DualPreventionError {
            throw error
        } catch {
            throw StoreError.io(
                Text("evidenceStore.cannotStoreEvidenceFile"),
                underlying: String(describing: error)
            )
        }
    }
}

/// Where kept evidence bytes live, by their SHA-256 (lower-case hex). A folder (`EvidenceFolder`) by default; an object
/// store can take its place by answering the same five questions. `keep` is called inside the write transaction that
/// names the file, `remove` inside one that found no row naming it (`EvidenceStore`).
public protocol EvidenceBlobs: Sendable {
    /// Whether bytes are kept under the hash.
    func contains(_ sha256: String) throws -> Bool
    /// Takes a staged file's bytes in under their hash; the staged file is gone afterwards.
    func keep(_ staged: URL, as sha256: String) throws
    /// Forgets the bytes under the hash (nothing when there are none).
    func remove(_ sha256: String) throws
    /// The bytes kept under the hash.
    func read(_ sha256: String) throws -> Data
    /// Every hash kept.
    func all() throws -> [String]
}

/// Kept files in a folder: `ab/abcdef…`, the first two hex digits naming a subfolder.
public struct EvidenceFolder: EvidenceBlobs {
    public let root: URL

    public init(root: URL) { self.root = root }

    public func path(of sha256: String) -> URL {
        root.appendingPathComponent(String(sha256.prefix(2))).appendingPathComponent(sha256)
    }

    public func contains(_ sha256: String) throws -> Bool { FileManager.default.fileExists(atPath: path(of: sha256).path) }

    public func keep(_ staged: URL, as sha256: String) throws {
        let target = path(of: sha256)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: staged, to: target)
    }

    public func remove(_ sha256: String) throws {
        let file = path(of: sha256)
        try? FileManager.default.removeItem(at: file)
        let folder = file.deletingLastPathComponent()
        if (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
            try? FileManager.default.removeItem(at: folder)
        }
    }

    public func read(_ sha256: String) throws -> Data { try Data(contentsOf: path(of: sha256)) }

    public func all() throws -> [String] {
        let files = FileManager.default
        var hashes: [String] = []
        for folder in (try? files.contentsOfDirectory(atPath: root.path)) ?? [] where folder.count == 2 {
            for name in (try? files.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
            where name.count == 64 && name.hasPrefix(folder) {
                hashes.append(name)
            }
        }
        return hashes.sorted()
    }
}
