import DualPrevention
import Foundation

/// Dates and times as people read them, in the enterprise's time zone: `2026年11月23日 14:05` in Chinese,
/// `2026-11-23 14:05` in English. (Files and ledgers keep the ISO-like `2026-11-23` that spreadsheets sort.)
public struct LocalDates: Sendable {
    public let local: LocalTime
    public let language: Language

    public init(_ local: LocalTime, language: Language) {
        self.local = local
        self.language = language
    }

    public func day(_ date: Date) -> String { worded(local.day(date)) }
    public func minute(_ date: Date) -> String { worded(local.minute(date)) }
    /// A deadline as it was written: its day when it is a whole day, else its minute.
    public func deadline(_ date: Date) -> String { worded(local.deadline(date)) }

    /// A check period's key as people read it: a day as `day` writes it, `2026-W47` as 2026年第47周 / 2026 week 47,
    /// `2026-11` as 2026年11月 / 2026-11. Anything else unchanged.
    public func period(_ key: String) -> String {
        let parts = key.split(separator: "-")
        if parts.count == 2, let year = Int(parts[0]), parts[1].hasPrefix("W"), let week = Int(parts[1].dropFirst()) {
            return language == .zh ? "\(year)年第\(week)周" : "\(year) week \(week)"
        }
        if parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]), language == .zh { return "\(year)年\(month)月" }
        return worded(key)
    }

    /// `2026-11-23…` with the date part in Chinese words in zh; anything else unchanged.
    func worded(_ text: String) -> String {
        guard language == .zh, text.count >= 10 else { return text }
        let parts = text.prefix(10).split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return text }
        return "\(year)年\(month)月\(day)日" + text.dropFirst(10)
    }
}
