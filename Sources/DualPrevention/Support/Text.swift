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
