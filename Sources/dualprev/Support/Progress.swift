import DualPrevention
import DualPreventionStore
import Foundation

/// A count on the terminal for long imports and exports; silent when standard error is piped or redirected.
struct Progress: Sendable {
    let label: String
    let enabled: Bool

    init(_ label: String) {
        self.label = label
        enabled = isatty(STDERR_FILENO) == 1
    }

    func update(_ done: Int, of total: Int) {
        guard enabled, total > 0, done == total || done % 50 == 0 else { return }
        FileHandle.standardError.write(Data("\r\(label) \(done)/\(total)".utf8))
        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

/// Writes an export to a file (atomically) or to standard output.
func writeExport(_ text: String, to output: String?) throws {
    guard let output else {
        FileHandle.standardOutput.write(Data(text.utf8))
        return
    }
    do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
    } catch {
        throw StoreError.io(Text("progress.cannotWrite", "\(output)"), underlying: String(describing: error))
    }
}

/// An export written as it is produced, so that memory holds one batch whatever the size of the whole: to standard
/// output, or to a file that appears only when complete (written beside it under a temporary name, then renamed;
/// removed if the export fails, so a failed export never leaves half a file under the name asked for).
final class ExportSink {
    private let handle: FileHandle
    private let output: String?
    private let temporary: URL?
    private var buffer = Data()

    init(_ output: String?) throws {
        self.output = output
        guard let output else {
            handle = FileHandle.standardOutput
            temporary = nil
            return
        }
        let destination = URL(fileURLWithPath: output)
        let partial = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).partial")
        // Created here and only here (O_EXCL): never an existing file or a link someone put in its place.
        let descriptor = open(partial.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            throw StoreError.io(
                Text("progress.cannotWrite", "\(output)"),
                underlying: "cannot create \(partial.path): \(String(cString: strerror(errno)))"
            )
        }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        temporary = partial
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw StoreError.io(
                Text(zh: "无法写入 \(output ?? "标准输出")", en: "cannot write \(output ?? "standard output")"),
                underlying: String(describing: error)
            )
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and puts the file in place.
    func finish() throws {
        try flush()
        guard let temporary, let output else { return }
        try? handle.close()
        guard rename(temporary.path, output) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw StoreError.io(Text("progress.cannotWrite", "\(output)"), underlying: reason)
        }
    }

    /// Drops a failed export: nothing is left under the name asked for.
    func discard() {
        guard let temporary else { return }
        try? handle.close()
        try? FileManager.default.removeItem(at: temporary)
    }

    /// Runs an export into a sink, finishing it on success and discarding it on failure.
    static func writing(to output: String?, _ body: (ExportSink) async throws -> Void) async throws {
        let sink = try ExportSink(output)
        do {
            try await body(sink)
            try sink.finish()
        } catch {
            sink.discard()
            throw error
        }
    }
}
