import Foundation
import Testing

/// Runs the built `dualprev` binary in a scratch directory of its own.
struct CLI {
    let directory: URL
    var db: String { directory.appendingPathComponent("test.sqlite").path }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("dualprev-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// A file in Tests/Fixtures, shared by the test targets.
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name).path
    }

    /// The shipped checklists folder of this package.
    static let checklists = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("checklists").path

    static let binary: URL = {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("dualprev"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("dualprev"),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent(".build/debug/dualprev"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }()

    /// Runs `dualprev ARGS --db <test db> --lang en` and returns what it printed.
    @discardableResult
    func run(_ arguments: [String], lang: String = "en", input: String? = nil) throws -> Result {
        try Self.execute(Self.binary, arguments + ["--db", db, "--lang", lang], in: directory, input: input)
    }

    static func execute(_ executable: URL, _ arguments: [String], in directory: URL, input: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        // Standard input is what the test gives, or nothing: never the terminal the tests run in.
        let stdin = Pipe()
        process.standardInput = stdin
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self)
        )
    }

    /// Runs and requires success, returning standard output.
    @discardableResult
    func ok(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try run(arguments)
        #expect(result.status == 0, "dualprev \(arguments.joined(separator: " ")) failed: \(result.stderr)", sourceLocation: sourceLocation)
        return result.stdout
    }

    /// Runs with --format json and decodes the output.
    func json(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Any {
        let out = try ok(arguments + ["--format", "json"], sourceLocation: sourceLocation)
        return try JSONSerialization.jsonObject(with: Data(out.utf8))
    }

    func id(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let object = try json(arguments, sourceLocation: sourceLocation) as? [String: Any]
        return object?["id"] as? Int ?? -1
    }

    func file(_ name: String, contents: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        return url.path
    }

    func sqlite(_ sql: String) throws -> Result {
        try Self.execute(URL(fileURLWithPath: "/usr/bin/sqlite3"), [db, sql], in: directory)
    }
}
