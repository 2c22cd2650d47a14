import Foundation

/// Where a store looks for the entries public at an instant (DOMAIN.md §14), before `ListEntry.visibility` decides each
/// one: red entries published within `redDays` before it, black entries of quarters whose year of disclosure may not
/// have ended, both published by then. Generous by a day, so that no enterprise's zone is missed; never narrower than
/// the rule.
public struct PublicWindow: Sendable, Hashable {
    public let publishedBy: Date
    public let redPublishedAfter: Date
    /// The earliest quarter (`2026Q1`, which sorts as text) a black entry public at the instant can be of.
    public let blackFromQuarter: String
}

extension ListRules {
    public func publicWindow(at date: Date) -> PublicWindow {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC") ?? utc.timeZone
        // A black entry is public until `blackPublicMonths` after its quarter's end: its quarter ended after this.
        let earliest = utc.date(byAdding: .month, value: -blackPublicMonths, to: date)?.addingTimeInterval(-86_400) ?? .distantPast
        let parts = utc.dateComponents([.year, .month], from: earliest)
        let quarter = "\(parts.year ?? 1900)Q\(((parts.month ?? 1) - 1) / 3 + 1)"
        return PublicWindow(
            publishedBy: date,
            redPublishedAfter: date.addingTimeInterval(-Double(redDays) * 86_400 - 86_400),
            blackFromQuarter: quarter
        )
    }
}
