import Foundation

/// Every fixed wording a person reads, in Chinese and English, in one file shipped with the domain
/// (`Resources/labels.json`, a key per label): constant data of the program, like its code, not data it stores. A label
/// may hold `{0}`, `{1}`… for what `Text(_:_:)` fills in. Tests hold every key to both languages and every key used in
/// the sources to the file.
public struct LabelCatalogue: Sendable {
    public struct Entry: Sendable, Hashable, Codable {
        public var zh: String
        public var en: String
    }

    public let entries: [String: Entry]

    public init(entries: [String: Entry]) {
        self.entries = entries
    }

    /// The catalogue shipped beside the program.
    public static let shared: LabelCatalogue = {
        guard let url = Bundle.module.url(forResource: "labels", withExtension: "json"), let data = try? Data(contentsOf: url),
            let entries = try? JSONDecoder().decode([String: Entry].self, from: data)
        else { return LabelCatalogue(entries: [:]) }
        return LabelCatalogue(entries: entries)
    }()

    /// The label of `key`; a key missing from the file shows as itself (a test keeps that from shipping).
    public subscript(key: String) -> Entry {
        entries[key] ?? Entry(zh: key, en: key)
    }

    /// Every label whose key starts with `prefix`, keyed by the rest of the key (the page templates' `chrome.t`).
    public func labels(under prefix: String) -> [String: Entry] {
        var found: [String: Entry] = [:]
        for (key, entry) in entries where key.hasPrefix(prefix) { found[String(key.dropFirst(prefix.count))] = entry }
        return found
    }
}
