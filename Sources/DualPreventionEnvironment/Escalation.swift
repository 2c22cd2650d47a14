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

extension Escalation {
    /// Runs a pass at once and then every `interval` until cancelled, as `serve` does; a failed pass is reported
    /// and the next one runs on time (the ladder is idempotent, so a missed pass is made up by the next).
    public static func repeatedly(
        every interval: Duration,
        store: any NotificationStore,
        rules: EscalationRules,
        senders: [any NotificationSender],
        clock: AppClock,
        report: @escaping @Sendable (Result<Outcome, any Error>) -> Void
    ) async {
        while !Task.isCancelled {
            let now = clock.now()
            do {
                report(.success(try await run(store, rules: rules, senders: senders, asOf: now, at: now)))
            } catch {
                report(.failure(error))
            }
            do { try await Task.sleep(for: interval) } catch { return }
        }
    }
}
