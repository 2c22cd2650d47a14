import Foundation

/// How a sender other than the inbox retries: after a failed attempt, again after a delay that doubles each time,
/// until the attempts are used up, when the delivery is dead (kept, and shown, never retried by itself).
public struct DeliveryPolicy: Sendable, Hashable, Codable {
    public var maxAttempts: Int
    public var firstDelay: TimeInterval

    public init(maxAttempts: Int = 5, firstDelay: TimeInterval = 60) {
        self.maxAttempts = maxAttempts
        self.firstDelay = firstDelay
    }

    /// When to try again after the `attempt`-th attempt (1-based) failed at `now`; nil when it was the last.
    public func retry(afterAttempt attempt: Int, at now: Date) -> Date? {
        guard attempt < maxAttempts else { return nil }
        return now.addingTimeInterval(firstDelay * Double(1 << min(max(attempt - 1, 0), 20)))
    }
}
