import Foundation

/// Where "now" comes from. The system's is `AppClock.system`, in `AppEnvironment`, built once at the edge (`dualprev`'s
/// commands, `serve`) and handed down: nothing below reads the system clock, so tests and the generator can give any
/// instant.
public struct AppClock: Sendable {
    public let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    /// A clock stopped at one instant.
    public static func fixed(_ instant: Date) -> AppClock { AppClock { instant } }
}
