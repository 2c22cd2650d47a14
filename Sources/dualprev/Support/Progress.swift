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
        throw StoreError.io(Text(zh: "无法写入 \(output)", en: "cannot write \(output)"), underlying: String(describing: error))
    }
}
