import ArgumentParser
import DualPrevention
import DualPreventionEnvironment
import DualPreventionStore
import Foundation

struct EscalateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escalate",
        abstract: "Run one pass of reminders and escalation, then deliver what waits in the outbox.",
        discussion: """
            Deadlines are not labels: 3 days before a hazard's last day its owner is reminded; the day after, the director
            hears, 3 days after the principal; an overdue major or listed hazard reaches the regulator of its
            jurisdiction, and 7 days after the office above it. A warning's task not acknowledged within 3 days, or not
            answered by its deadline, reaches its issuer. The day counts are checklists/escalation-rules.yaml.

            Each notification is recorded once per object, step and person, so the pass can run as often as you like
            (from cron, or `serve` runs it every --escalate-minutes): running it twice sends nothing twice. Every
            notification lands in the person's inbox (`dualprev inbox`); with --webhook (or DUALPREV_WEBHOOK_URL) it is
            also POSTed as JSON, retried with a doubling delay, and left dead after 5 failed attempts.

            Examples:
              dualprev escalate
              dualprev escalate --as-of 2026-12-06 --webhook https://oa.example.gov.cn/hooks/dualprev
            """
    )
    @OptionGroup var global: GlobalOptions
    @Option(help: "Judge the deadlines as of this date (end of that local day) or YYYY-MM-DD HH:MM; now if left out.") var asOf: String?
    @Option(help: "POST each notification as JSON to this URL (default: DUALPREV_WEBHOOK_URL).") var webhook: String?

    /// The webhook named by the option, else by DUALPREV_WEBHOOK_URL; nil when neither is set.
    static func webhookURL(_ option: String?) throws -> URL? {
        guard let text = option ?? ProcessInfo.processInfo.environment["DUALPREV_WEBHOOK_URL"], !text.isEmpty else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
            throw ValidationError("--webhook '\(text)' is not an http(s) URL; for example https://oa.example.gov.cn/hooks/dualprev")
        }
        return url
    }

    func validate() throws { _ = try Self.webhookURL(webhook) }

    func run() async throws {
        try await reporting(global.language) {
            let environment = try global.environment()
            let repository = try await global.repository()
            let now = global.now
            let asOf = try self.asOf.map { try LocalTime().parse($0, field: "--as-of") } ?? now
            if asOf > now {
                // Allowed (to see what a date will bring), but what it records is recorded now and not again when due.
                FileHandle.standardError.write(
                    Data(
                        Text("escalateCommand.noteAsAfterNow")(global.language).utf8
                    )
                )
            }
            let senders: [any NotificationSender] = try Self.webhookURL(webhook).map { [WebhookSender(url: $0)] } ?? []
            let outcome = try await Escalation.run(
                repository,
                rules: try environment.catalogue.escalationRules(),
                senders: senders,
                asOf: asOf,
                at: now
            )
            let language = global.language
            global.output.emit(
                outcome,
                table: Table(
                    headers: [Text("escalateCommand.object"), Text("escalateCommand.step"), Text("escalateCommand.person")],
                    rows: outcome.pass.created.map { n in ["\(n.object.rawValue) #\(n.objectID)", n.step.label(language), "#\(n.personID)"] }
                        + [
                            [
                                Text("escalateCommand.newDue", "\(outcome.pass.created.count)", "\(outcome.pass.due)")(language),
                                Text(
                                    "escalateCommand.deliveredRetryingDead",
                                    "\(outcome.delivery.delivered)",
                                    "\(outcome.delivery.retrying)",
                                    "\(outcome.delivery.dead)"
                                )(language), "",
                            ]
                        ]
                )
            )
        }
    }
}

struct InboxCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbox",
        abstract: "What waits for you: notices, acceptances, plans, extensions, warnings, and escalations that reached you.",
        discussion: """
            Examples:
              dualprev inbox --as 林晓燕
              dualprev inbox --as 林晓燕 --unread --format json
              dualprev inbox read notification:12 --as 林晓燕
            """,
        subcommands: [List.self, Read.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List your inbox, newest first.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Only what you have not marked read.") var unread = false

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                // A regional director's inbox is one, across the enterprises they serve: read as themselves.
                let actor = try await global.requirePerson(repository).actor
                let items = try await repository.inbox(of: actor, at: global.now).filter { !unread || !$0.read }.sorted { $0.since > $1.since }
                let local = try LocalTime()
                let language = global.language
                global.output.emit(
                    items,
                    table: Table(
                        headers: [
                            Text("escalateCommand.key"), Text("escalateCommand.what"), Text("hazardStory.number"), Text("escalateCommand.summary"),
                            Text("escalateCommand.since"), Text("escalateCommand.read"),
                        ],
                        rows: items.map { item in
                            [
                                item.key, item.step?.label(language) ?? item.kind.label(language), item.number,
                                (item.enterprise.map { "\($0) · " } ?? "") + String(item.summary.prefix(40)), local.minute(item.since),
                                item.read ? "✓" : "",
                            ]
                        }
                    )
                )
            }
        }
    }

    struct Read: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark an inbox item read (its key from the list).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The item's key, e.g. notification:12.") var key: String

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let actor = try await global.requirePerson(repository).actor
                try await repository.markRead(key, by: actor, at: global.now)
                global.output.emit(["read": key], table: Table(headers: [Text("escalateCommand.read")], rows: [[key]]))
            }
        }
    }

}
