import Crypto
import DualPrevention
import Foundation

/// Evidence files copied into the store under their SHA-256, so that the same bytes are kept once
/// and any change to a kept file shows as a hash mismatch.
public struct EvidenceStore: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    struct Stored: Sendable {
        var sha256: String
        var fileName: String
        var size: Int64
        /// True when this call put the file in the store (it was not kept already).
        var isNew: Bool
    }

    public func path(of sha256: String) -> URL {
        root.appendingPathComponent(String(sha256.prefix(2))).appendingPathComponent(sha256)
    }

    /// Copies a file in (atomically: a temporary file renamed into place) and returns its hash.
    func ingest(_ file: EvidenceFile) throws -> Stored {
        let source = URL(fileURLWithPath: file.path)
        let data: Data
        do {
            data = try Data(contentsOf: source)
        } catch {
            throw StoreError.io(
                Text(zh: "无法读取证据文件 \(file.path)", en: "cannot read the evidence file \(file.path)"),
                underlying: String(describing: error)
            )
        }
        let sha = Hex.encode(SHA256.hash(data: data))
        let target = path(of: sha)
        let isNew = !FileManager.default.fileExists(atPath: target.path)
        if isNew {
            do {
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: target, options: .atomic)
            } catch {
                throw StoreError.io(
                    Text(zh: "无法保存证据文件到 \(root.path)", en: "cannot store the evidence file under \(root.path)"),
                    underlying: String(describing: error)
                )
            }
        }
        return Stored(sha256: sha, fileName: source.lastPathComponent, size: Int64(data.count), isNew: isNew)
    }

    /// Copies files in for an action; if the action then fails, the files it alone brought in are removed again,
    /// so a refused action leaves nothing behind.
    func withIngested<T>(_ files: [EvidenceFile], _ action: ([(EvidenceFile, Stored)]) async throws -> T) async throws -> T {
        var stored: [(EvidenceFile, Stored)] = []
        do {
            for file in files { stored.append((file, try ingest(file))) }
            return try await action(stored)
        } catch {
            for (_, item) in stored where item.isNew {
                let file = path(of: item.sha256)
                try? FileManager.default.removeItem(at: file)
                let folder = file.deletingLastPathComponent()
                if (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
                    try? FileManager.default.removeItem(at: folder)
                }
            }
            throw error
        }
    }

    /// True when the kept file still hashes to its name.
    public func isIntact(_ sha256: String) -> Bool {
        guard let data = try? Data(contentsOf: path(of: sha256)) else { return false }
        return Hex.encode(SHA256.hash(data: data)) == sha256
    }
}
