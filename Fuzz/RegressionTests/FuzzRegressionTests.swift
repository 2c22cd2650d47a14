import DualPreventionServer
import Foundation
import FuzzTargets
import Testing

/// Every input the fuzzers start from (Fuzz/Corpus, the shipped checklists) and every crasher they ever found
/// (Fuzz/Crashers, kept after the fix), through the same entry points: none may crash again.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let fuzz = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    static func files(_ folders: String...) -> [URL] {
        folders.flatMap { folder -> [URL] in
            let url = fuzz.deletingLastPathComponent().appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { url.appendingPathComponent($0) }
        }
    }

    @Test func rulesInputsLoadOrFailWithLocatedErrors() throws {
        let inputs = Self.files("checklists", "Fuzz/Crashers/rules")
        #expect(inputs.count >= 10, "the shipped checklists are the rules fuzzer's seeds")
        for input in inputs { FuzzTargets.rules(Array(try Data(contentsOf: input))) }
    }

    @Test func csvInputsReadOrFailWithLocatedErrors() throws {
        let inputs = Self.files("Fuzz/Corpus/csv", "Fuzz/Crashers/csv")
        #expect(inputs.count >= 3)
        for input in inputs { FuzzTargets.csv(Array(try Data(contentsOf: input))) }
    }

    @Test func jsonBodiesDecodeOrFailWithErrors() throws {
        let inputs = Self.files("Fuzz/Corpus/json", "Fuzz/Crashers/json")
        #expect(inputs.count >= 4)
        for input in inputs { BodyProbe.everyBody(try Data(contentsOf: input), now: FuzzTargets.now) }
    }
}
