import ArgumentParser
import DualPrevention
import Foundation

/// Exit codes, one per kind of failure (BSD sysexits), so scripts can tell them apart.
enum ExitStatus {
    static let badInput: Int32 = 65  // EX_DATAERR: the input is wrong
    static let notFound: Int32 = 66  // EX_NOINPUT: the named object is not there
    static let io: Int32 = 74  // EX_IOERR: the store or a file failed
    static let cannotWrite: Int32 = 73  // EX_CANTCREAT: read-only database or disk, or a full disk
    static let busy: Int32 = 75  // EX_TEMPFAIL: other writers held the store too long; try again
    static let refusedByRule: Int32 = 77  // EX_NOPERM: a rule of the mechanism forbids it

    static func code(for kind: FailureKind) -> Int32 {
        switch kind {
        case .badInput: badInput
        case .notFound: notFound
        case .io: io
        case .cannotWrite: cannotWrite
        case .busy: busy
        case .refusedByRule: refusedByRule
        }
    }
}

/// Runs a command body and turns our errors into a message on standard error and a distinct exit code.
func reporting(_ language: Language, _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as any DualPreventionError {
        let heading: Text =
            switch error.kind {
            case .refusedByRule: Text("failure.refused")
            case .badInput: Text("failure.badInput")
            case .notFound: Text("failure.notFound")
            case .io: Text("failure.storageError")
            case .cannotWrite: Text("failure.cannotWrite")
            case .busy: Text("failure.storeBusy")
            }
        var lines = ["\(heading(language)) [\(error.rule)]: \(error.message(language))"]
        if let refusal = error as? Refusal, !refusal.allowedNow.isEmpty {
            // The CLI's own hint: the commands that take the actions allowed now.
            lines.append("  → " + Text("failure.youMayNow")(language) + refusal.allowedNow.map(\.commandLine).joined(separator: ", "))
        } else if let hint = error.hint {
            lines.append("  → \(hint(language))")
        }
        if [.refusedByRule, .badInput, .cannotWrite, .busy].contains(error.kind) {
            lines.append("  " + Text("failure.nothingWasChanged")(language))
        }
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        throw ExitCode(ExitStatus.code(for: error.kind))
    }
}

extension Action {
    /// The command that takes the action: the `hazard` sub-commands are named by the actions' slugs.
    var commandLine: String {
        switch self {
        case .grade: "dualprev risk grade"
        default: "dualprev hazard \(slug)"
        }
    }
}
