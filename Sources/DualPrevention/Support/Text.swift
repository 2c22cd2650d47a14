/// The two languages every user-facing label and message is written in.
public enum Language: String, Sendable, Codable, CaseIterable {
    case zh, en

    /// Picks the language from a POSIX locale string such as `zh_CN.UTF-8` or `en_US`.
    public static func fromLocale(_ locale: String?) -> Language {
        guard let locale, !locale.isEmpty else { return .zh }
        return locale.lowercased().hasPrefix("en") ? .en : .zh
    }
}

/// A text in both languages; the one place where a label or message gets its two wordings.
public struct Text: Sendable, Hashable, Codable {
    public let zh: String
    public let en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    public func callAsFunction(_ language: Language) -> String {
        language == .zh ? zh : en
    }

    /// The same text in both languages followed by something language-neutral (names, numbers, codes).
    public func appending(_ suffix: String) -> Text {
        Text(zh: zh + suffix, en: en + suffix)
    }
}

/// Anything shown to a person with a label from the label table.
public protocol Labelled {
    var label: Text { get }
}

/// What fills a label's `{0}`, `{1}`…: the same string in both languages (a name, a number), or a text of its own.
public protocol TextArgument: Sendable {
    func text(_ language: Language) -> String
}

extension String: TextArgument {
    public func text(_ language: Language) -> String { self }
}

extension Text: TextArgument {
    public func text(_ language: Language) -> String { self(language) }
}

extension Text {
    /// A label of the catalogue (`Resources/labels.json`), its `{0}`, `{1}`… filled with `arguments` in each language.
    public init(_ key: String, _ arguments: any TextArgument...) {
        let entry = LabelCatalogue.shared[key]
        guard !arguments.isEmpty else {
            self.init(zh: entry.zh, en: entry.en)
            return
        }
        self.init(zh: Self.fill(entry.zh, arguments, .zh), en: Self.fill(entry.en, arguments, .en))
    }

    /// `template` with each `{n}` replaced by the n-th argument in `language`.
    static func fill(_ template: String, _ arguments: [any TextArgument], _ language: Language) -> String {
        var out = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}"), let index = Int(after[..<close]), arguments.indices.contains(index) else {
                out.append("{")
                rest = after
                continue
            }
            out += arguments[index].text(language)
            rest = after[after.index(after: close)...]
        }
        return out + rest
    }
}
