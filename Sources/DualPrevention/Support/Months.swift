import Foundation

/// Windows counted in months (credit grades, performance, list criteria): average months, so that a window is the
/// same length whatever the date.
public enum Months {
    public static let seconds = 30.4375 * 86_400

    /// The start of a window of `months` ending at `date`.
    public static func before(_ date: Date, _ months: Int) -> Date { date.addingTimeInterval(-Double(months) * seconds) }
}
