import Foundation

/// Where "now" comes from. Built once at the edge (`dualprev`'s commands, `serve`) and handed down: nothing below
/// reads the system clock, so tests and the generator can give any instant.
public struct AppClock: Sendable {
    public let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    /// The system clock: the one place the program reads it.
    public static let system = AppClock { Date() }

    /// A clock stopped at one instant.
    public static func fixed(_ instant: Date) -> AppClock { AppClock { instant } }
}
