import ArgumentParser
import DualPrevention
import DualPreventionEnvironment
import DualPreventionServer
import DualPreventionStore
import Foundation
import HummingbirdBcrypt

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web pages and the JSON API on the database.",
        discussion: """
            Logins are the accounts of `dualprev user`. With --demo, the demo database is built first and a few demo
            people get the demo password, printed with the address. Stops cleanly on Ctrl-C or SIGTERM: requests in flight
            finish; every write is committed on its own.

            Examples:
              dualprev serve --demo
              dualprev serve --db /srv/dualprev/taizhou.sqlite --host 0.0.0.0 --port 8080
              dualprev serve --db /srv/dualprev/taizhou.sqlite --public-url https://dp.example.gov.cn --session-idle-hours 4
            """
    )
    @OptionGroup var global: GlobalOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Flag(help: "Build a fresh demo database at --db first, with demo logins.") var demo = false
    @Option(
        help:
            "The address people reach the server at, when a TLS proxy serves it (https://…): session cookies become Secure and responses carry HSTS."
    )
    var publicURL: String?
    @Option(help: "Hours a login lasts unused.") var sessionIdleHours: Double = SessionLimits.default.idle / 3_600
    @Option(help: "Days a login lasts at most, however busy.") var sessionDays: Double = SessionLimits.default.absolute / 86_400
    @Option(help: "Minutes between passes of reminders and escalation (dualprev escalate); 0 leaves them to cron.") var escalateMinutes: Double = 15
    @Option(help: "POST each notification as JSON to this URL (default: DUALPREV_WEBHOOK_URL).") var webhook: String?

    static let demoPassword = "dualprev-demo-2026"
    static let demoLogins = [
        "1", "林晓燕", "王海涛", "吴春华", "潘美玲", "何丽", "沈浩", "台州市局 孙建华", "椒江分局 陈刚", "黄岩分局 刘洋", "路桥分局 赵敏", "评估专家 马文", DemoSeed.regionalDirectorName,
    ]

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port is from 1 to 65535") }
        if let publicURL {
            guard let url = URL(string: publicURL), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                throw ValidationError("--public-url must be an http:// or https:// address, such as https://dp.example.gov.cn; got '\(publicURL)'")
            }
        }
        guard escalateMinutes >= 0, escalateMinutes <= 10_080 else {
            throw ValidationError("--escalate-minutes is 0 (no timer, leave it to cron) up to 10080 (a week)")
        }
        _ = try EscalateCommand.webhookURL(webhook)
        guard sessionIdleHours > 0, sessionDays > 0, sessionIdleHours <= sessionDays * 24 else {
            throw ValidationError("--session-idle-hours and --session-days must be positive, the idle time no longer than the whole")
        }
    }

    func run() async throws {
        try await reporting(global.language) {
            let environment = try global.environment()
            let repository: any Repository
            var accounts: [Person] = []
            if demo {
                let (built, _) = try await DemoCommand.build(global)
                repository = built
                let admin = try await repository.person("1").actor
                for login in Self.demoLogins {
                    let person = try await repository.person(login)
                    _ = try await repository.setPassword(
                        personID: person.id,
                        passwordHash: Bcrypt.hash(Self.demoPassword, cost: 12),
                        by: admin,
                        at: global.now
                    )
                    accounts.append(person)
                }
            } else {
                repository = try await environment.repository()
            }
            let rules = ServerRules(
                credit: try environment.catalogue.creditRules(),
                lists: try environment.catalogue.listRules(),
                benchmark: try environment.catalogue.benchmarkRules(),
                checklists: try environment.catalogue.checklists(),
                escalation: try environment.catalogue.escalationRules(),
                appointments: try environment.catalogue.appointmentRules()
            )
            print("dualprev: http://\(host):\(port)/  (health: /health, API: /api/v1, OpenAPI: /api/v1/openapi.yaml)")
            if !accounts.isEmpty {
                print(Text("serveCommand.demoLoginsPasswordEach", "\(Self.demoPassword)")(global.language))
                for person in accounts { print("  \(person.name)  (\(person.role.label(global.language)))") }
            }
            fflush(nil)  // the address is shown before the server blocks, even when output goes to a file
            let app = try buildApplication(
                repository: repository,
                configuration: ServerConfiguration(
                    host: host,
                    port: port,
                    sessionLimits: SessionLimits(idle: sessionIdleHours * 3_600, absolute: sessionDays * 86_400),
                    publicURL: publicURL.flatMap(URL.init(string:))
                ),
                rules: rules,
                openAPI: environment.openAPIDocument,
                clock: environment.clock
            )
            let timer = try escalationTimer(repository, environment)
            defer { timer?.cancel() }
            try await app.runService()
        }
    }

    /// The ladder's pass every --escalate-minutes beside the server, its outcome on standard error when it sent
    /// something or failed.
    func escalationTimer(_ repository: any Repository, _ environment: AppEnvironment) throws -> Task<Void, Never>? {
        guard escalateMinutes > 0 else { return nil }
        let rules = try environment.catalogue.escalationRules()
        let senders: [any NotificationSender] = try EscalateCommand.webhookURL(webhook).map { [WebhookSender(url: $0)] } ?? []
        let interval = Duration.milliseconds(Int64(escalateMinutes * 60_000))
        return Task {
            await Escalation.repeatedly(every: interval, store: repository, rules: rules, senders: senders, clock: environment.clock) { result in
                switch result {
                case .success(let outcome) where !outcome.pass.created.isEmpty || outcome.delivery != Notifier.Report():
                    FileHandle.standardError.write(
                        Data(
                            "dualprev escalate: \(outcome.pass.created.count) new, delivered \(outcome.delivery.delivered), retrying \(outcome.delivery.retrying), dead \(outcome.delivery.dead)\n"
                                .utf8
                        )
                    )
                case .success: break
                case .failure(let error): FileHandle.standardError.write(Data("dualprev escalate failed: \(error)\n".utf8))
                }
            }
        }
    }
}
