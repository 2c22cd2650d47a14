import DualPrevention
import DualPreventionStore
import Foundation

/// One pass of the ladder and the deliveries after it: what `dualprev escalate` and `serve`'s timer run.
public enum Escalation {
    public struct Outcome: Sendable, Hashable, Codable {
        public var pass: EscalationPass
        public var delivery: Notifier.Report
    }

    public static func run(
        _ store: any NotificationStore,
        rules: EscalationRules,
        senders: [any NotificationSender],
        asOf: Date,
        at now: Date
    ) async throws -> Outcome {
        let pass = try await store.escalate(asOf: asOf, rules: rules, senders: senders.map(\.name), at: now)
        let delivery = try await Notifier(store: store, senders: senders).deliver(at: now)
        return Outcome(pass: pass, delivery: delivery)
    }
}
