import Foundation
import Testing

@testable import DualPrevention

@Suite("The label catalogue")
struct LabelCatalogueTests {
    static let catalogue = LabelCatalogue.shared
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every file under `folder` ending in `suffix`, as text.
    static func texts(under folder: String, ending suffix: String) throws -> [String] {
        let base = root.appendingPathComponent(folder)
        let paths = FileManager.default.enumerator(atPath: base.path)?.compactMap { $0 as? String } ?? []
        return try paths.filter { $0.hasSuffix(suffix) }.map { try String(contentsOf: base.appendingPathComponent($0), encoding: .utf8) }
    }

    static func placeholders(_ text: String) -> Set<String> {
        Set(text.matches(of: /\{\d+\}/).map { String($0.output) })
    }

    @Test func everyLabelHasBothLanguagesAndTheSamePlaceholders() {
        #expect(Self.catalogue.entries.count > 900, "the catalogue shipped beside the domain is loaded")
        for (key, entry) in Self.catalogue.entries {
            #expect(!entry.zh.trimmingCharacters(in: .whitespaces).isEmpty, "\(key) has no Chinese")
            #expect(!entry.en.trimmingCharacters(in: .whitespaces).isEmpty, "\(key) has no English")
            #expect(Self.placeholders(entry.zh) == Self.placeholders(entry.en), "\(key) fills the same places in both")
        }
    }

    @Test func everyKeyTheSourcesUseIsInTheCatalogueAndEveryLabelIsUsed() throws {
        let sources = try Self.texts(under: "Sources", ending: ".swift").joined(separator: "\n")
        let templates = try Self.texts(under: "Sources/DualPreventionServer/Templates", ending: ".mustache").joined(separator: "\n")
        let used = Set(sources.matches(of: /Text\(\s*"([A-Za-z0-9_.]+)"/).map { String($0.output.1) })
        #expect(used.count > 500)
        for key in used.sorted() { #expect(Self.catalogue.entries[key] != nil, "\(key) is used but not in labels.json") }
        let pages = Set(templates.matches(of: /chrome\.t\.([A-Za-z0-9_]+)/).map { "page." + $0.output.1 })
        for key in Self.catalogue.entries.keys.sorted() where !used.contains(key) && !pages.contains(key) {
            Issue.record("\(key) is in labels.json but nothing uses it")
        }
    }

    @Test(arguments: [
        ("{0} 条", ["3"], "3 条"),
        ("{1} before {0}", ["a", "b"], "b before a"),
        ("no place", ["x"], "no place"),
        ("{9} out of range, {x} not a place", ["a"], "{9} out of range, {x} not a place"),
        ("{0}{0}", ["ab"], "abab"),
    ])
    func placesAreFilledInOrder(_ template: String, _ arguments: [String], _ expected: String) {
        #expect(Text.fill(template, arguments, .zh) == expected)
    }

    @Test func aTextArgumentIsFilledInEachLanguage() {
        let state = HazardState.rectifying.label
        let text = Text("hazard.stateLabel.test", state)
        // A key not in the file shows as itself, so the test above is what keeps one from shipping.
        #expect(text.zh == "hazard.stateLabel.test")
        #expect(Text.fill("状态：{0}", [state], .zh) == "状态：整改中")
        #expect(Text.fill("state: {0}", [state], .en) == "state: under rectification")
    }
}
