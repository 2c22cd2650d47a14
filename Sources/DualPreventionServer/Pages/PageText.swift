import DualPrevention

/// The fixed wording of the page templates (`{{chrome.t.key}}`), in both languages: the catalogue's `page.` labels. A
/// test checks that every key a template uses is there.
enum PageText {
    static let table: [String: Text] = LabelCatalogue.shared.labels(under: "page.").mapValues { Text(zh: $0.zh, en: $0.en) }

    static func strings(_ language: Language) -> [String: String] { table.mapValues { $0(language) } }

    /// A refused action in plain words for a page: the reason, and for a rule's refusal what the person may do now
    /// (by name: the buttons are on the page). Never a rule code or a command line; the code goes in a details element.
    static func refusal(_ error: any DualPreventionError, language l: Language) -> String {
        guard let refusal = error as? Refusal, let hint = refusal.hint else { return error.message(l) }
        return error.message(l) + (l == .zh ? "。" : ". ") + hint(l)
    }
}
