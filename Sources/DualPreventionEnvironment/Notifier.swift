import DualPrevention
import DualPreventionStore
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A way a notification leaves the program (the inbox needs none: the outbox row is the inbox).
public protocol NotificationSender: Sendable {
    /// The name its deliveries are recorded under.
    var name: String { get }
    func send(_ delivery: Delivery) async throws
}

/// Delivers what the outbox holds for each sender, retrying failures by the policy and leaving a delivery dead when
/// its attempts are used up. Running it twice sends nothing twice: only pending deliveries due by now are taken.
public struct Notifier: Sendable {
    public var store: any NotificationStore
    public var senders: [any NotificationSender]
    public var policy: DeliveryPolicy

    public init(store: any NotificationStore, senders: [any NotificationSender], policy: DeliveryPolicy = DeliveryPolicy()) {
        self.store = store
        self.senders = senders
        self.policy = policy
    }

    public struct Report: Sendable, Hashable, Codable {
        public var delivered: Int
        public var retrying: Int
        public var dead: Int

        public init(delivered: Int = 0, retrying: Int = 0, dead: Int = 0) {
            self.delivered = delivered
            self.retrying = retrying
            self.dead = dead
        }
    }

    public func deliver(at now: Date, batch: Int = 200) async throws -> Report {
        var report = Report()
        for sender in senders {
            // A batch at a time; each delivery's outcome is recorded before the next batch is read, so none is taken twice.
            while true {
                let due = try await store.dueDeliveries(sender: sender.name, at: now, limit: batch)
                if due.isEmpty { break }
                for delivery in due {
                    do {
                        try await sender.send(delivery)
                        try await store.recordDelivery(delivery, outcome: .delivered, at: now)
                        report.delivered += 1
                    } catch {
                        let retry = policy.retry(afterAttempt: delivery.attempts + 1, at: now)
                        try await store.recordDelivery(delivery, outcome: .failed(error: "\(error)", retryAt: retry), at: now)
                        if retry == nil { report.dead += 1 } else { report.retrying += 1 }
                    }
                }
            }
        }
        return report
    }
}

/// POSTs each notification as JSON to a configured URL; any answer but 2xx is a failure to retry. The notification's
/// id goes in `Idempotency-Key`, so a receiver that saw an attempt whose answer was lost can drop the repeat.
public struct WebhookSender: NotificationSender {
    public let name = "webhook"
    public var url: URL
    public var timeout: TimeInterval

    public init(url: URL, timeout: TimeInterval = 10) {
        self.url = url
        self.timeout = timeout
    }

    /// What the receiver gets.
    public struct Body: Codable, Sendable, Hashable {
        public var id: Int64
        public var object: String
        public var objectID: Int64
        public var objectNumber: String
        public var step: String
        public var stepLabel: String
        public var personID: Int64
        public var personName: String
        public var enterpriseID: Int64?
        public var dueAt: Date
        public var createdAt: Date
        public var attempt: Int
    }

    public struct Failure: Error, CustomStringConvertible {
        public var status: Int
        public var description: String { "the webhook answered HTTP \(status)" }
    }

    public func send(_ delivery: Delivery) async throws {
        let n = delivery.notification
        let body = Body(
            id: n.id,
            object: n.object.rawValue,
            objectID: n.objectID,
            objectNumber: delivery.objectNumber,
            step: n.step.rawValue,
            stepLabel: n.step.label.zh,
            personID: n.personID,
            personName: delivery.personName,
            enterpriseID: n.enterpriseID,
            dueAt: n.dueAt,
            createdAt: n.createdAt,
            attempt: delivery.attempts + 1
        )
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("dualprev-notification-\(n.id)", forHTTPHeaderField: "Idempotency-Key")
        request.httpBody = try encoder.encode(body)
        let (_, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else { throw Failure(status: status) }
    }
}
