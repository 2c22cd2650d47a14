import DualPrevention

/// The fixed wording of the page templates (`{{chrome.t.key}}`), in both languages: the catalogue's `page.` labels. A
/// test checks that every key a template uses is there.
enum PageText {
    static let table: [String: Text] = LabelCatalogue.shared.labels(under: "page.").mapValues { Text(zh: $0.zh, en: $0.en) }

    static func strings(_ language: Language) -> [String: String] { table.mapValues { $0(language) } }
}
