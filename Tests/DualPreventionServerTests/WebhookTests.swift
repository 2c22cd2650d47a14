import DualPrevention
import DualPreventionEnvironment
import DualPreventionStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// The webhook sender against a local HTTP server: what the ladder records is POSTed once, failures are retried
/// with a growing delay, and a delivery that keeps failing ends dead.
@Suite("Webhook sender")
struct WebhookTests {
    /// What the receiver got, shared with its routes.
    final class Received: Sendable {
        let bodies = Mutex<[WebhookSender.Body]>([])
        let answered = Mutex(0)
    }

    /// A receiver that answers each POST with the next of `statuses` (the last one repeats) and keeps what it got.
    static func receiver(_ received: Received, statuses: [HTTPResponse.Status]) -> some ApplicationProtocol {
        let router = Router()
        router.post("/hook") { request, _ -> HTTPResponse.Status in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let body = try decoder.decode(WebhookSender.Body.self, from: Data(buffer: bytes))
            received.bodies.withLock { $0.append(body) }
            let index = received.answered.withLock { count in
                defer { count += 1 }
                return count
            }
            return statuses[min(index, statuses.count - 1)]
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    /// The world's hazard notified to the workshop head, due by the end of 2026-09-25 (Shanghai).
    static func overdue() async throws -> (ServerTests.World, Hazard, Date) {
        let world = try await ServerTests.world()
        let local = try LocalTime()
        let notified = try await world.repository.perform(
            .issueNotice(
                receiverID: world.headA.id,
                responsibleUnit: "甲厂车间",
                nature: "伤人",
                requiredMeasures: "加装防护栏",
                deadline: try local.parseDeadline("2026-09-25")
            ),
            on: "\(world.hazardA.id)",
            by: world.a.actor,
            at: Date(timeIntervalSince1970: 1_790_000_000)
        ).0
        return (world, notified, try local.parse("2026-09-26"))
    }

    @Test func theDirectorsReminderReachesTheWebhookExactlyOnce() async throws {
        let (world, hazard, dayAfter) = try await Self.overdue()
        let received = Received()
        try await Self.receiver(received, statuses: [.noContent]).test(.live) { client in
            let port = try #require(client.port)
            let sender = WebhookSender(url: try #require(URL(string: "http://127.0.0.1:\(port)/hook")))
            let first = try await Escalation.run(world.repository, rules: .defaults, senders: [sender], asOf: dayAfter, at: dayAfter)
            let second = try await Escalation.run(world.repository, rules: .defaults, senders: [sender], asOf: dayAfter, at: dayAfter)
            #expect(first.pass.created.count == 1 && first.delivery.delivered == 1)
            #expect(second.pass.created.isEmpty && second.delivery == Notifier.Report())
        }
        let bodies = received.bodies.withLock { $0 }
        #expect(bodies.count == 1)
        #expect(bodies.first?.personID == world.a.id && bodies.first?.step == "director" && bodies.first?.objectNumber == hazard.number)
        let inbox = try await world.repository.inbox(of: world.a.actor, at: dayAfter).filter { $0.kind == .escalation }
        #expect(inbox.count == 1 && inbox.first?.link == "/hazards/\(hazard.id)")
    }

    @Test func aFailingWebhookIsRetriedLaterThenLeftDead() async throws {
        let (world, _, dayAfter) = try await Self.overdue()
        let received = Received()
        try await Self.receiver(received, statuses: [.internalServerError]).test(.live) { client in
            let port = try #require(client.port)
            let sender = WebhookSender(url: try #require(URL(string: "http://127.0.0.1:\(port)/hook")))
            _ = try await world.repository.escalate(asOf: dayAfter, rules: .defaults, senders: [sender.name], at: dayAfter)
            let notifier = Notifier(store: world.repository, senders: [sender], policy: DeliveryPolicy(maxAttempts: 2, firstDelay: 60))
            #expect(try await notifier.deliver(at: dayAfter) == Notifier.Report(delivered: 0, retrying: 1, dead: 0))
            // Not again before its delay has passed.
            #expect(try await notifier.deliver(at: dayAfter.addingTimeInterval(30)) == Notifier.Report())
            #expect(try await notifier.deliver(at: dayAfter.addingTimeInterval(61)) == Notifier.Report(delivered: 0, retrying: 0, dead: 1))
            #expect(try await notifier.deliver(at: dayAfter.addingTimeInterval(3_600)) == Notifier.Report())
        }
        #expect(received.bodies.withLock { $0.map(\.attempt) } == [1, 2])
    }

    @Test func anAnswerThatNeverComesIsAFailureToRetry() async throws {
        let (world, _, dayAfter) = try await Self.overdue()
        // Nothing listens on this port: the connection is refused.
        let sender = WebhookSender(url: try #require(URL(string: "http://127.0.0.1:9/hook")), timeout: 2)
        _ = try await world.repository.escalate(asOf: dayAfter, rules: .defaults, senders: [sender.name], at: dayAfter)
        let report = try await Notifier(store: world.repository, senders: [sender]).deliver(at: dayAfter)
        #expect(report == Notifier.Report(delivered: 0, retrying: 1, dead: 0))
    }
}
