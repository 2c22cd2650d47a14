import DualPrevention
import DualPreventionEnvironment
import DualPreventionStore
import Foundation
import Hummingbird
import Logging

/// Where to listen, how long sessions last, and the address people reach the server at.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var sessionLimits: SessionLimits
    /// The address in people's browsers, when a TLS proxy serves it (`https://…`): cookies are then `Secure`
    /// and responses carry HSTS.
    public var publicURL: URL?

    public init(host: String = "127.0.0.1", port: Int = 8080, sessionLimits: SessionLimits = .default, publicURL: URL? = nil) {
        self.host = host
        self.port = port
        self.sessionLimits = sessionLimits
        self.publicURL = publicURL
    }

    /// True when people reach the server over TLS.
    public var isServedOverTLS: Bool { publicURL?.scheme?.lowercased() == "https" }
}

/// `Strict-Transport-Security` on every response, when the server is reached over TLS only.
struct StrictTransportMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    /// A year, and every subdomain: the usual policy once a site is HTTPS-only.
    static let value = "max-age=31536000; includeSubDomains"

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.strictTransportSecurity] = Self.value
        return response
    }
}

/// The router: health, the API under /api/v1 and the pages, both behind the session middleware.
/// `openAPI` is the text of `schemas/openapi.yaml`, served at `/api/v1/openapi.yaml`.
public func buildRouter(
    repository: any Repository,
    sessions: SessionStore,
    rules: ServerRules = ServerRules(),
    openAPI: String? = nil,
    clock: AppClock = .system
) throws -> Router<ServerContext> {
    let router = Router(context: ServerContext.self)
    if sessions.secureCookies { router.add(middleware: StrictTransportMiddleware()) }
    router.add(middleware: ClockMiddleware(clock: clock))
    router.add(middleware: RequestIDMiddleware())
    // One structured line per request (method, path, status, duration) carrying the request id.
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: ProblemMiddleware())
    router.get("health") { _, _ in ["status": "ok"] }
    let api = router.group("api/v1")
        .add(middleware: JSONOnlyMiddleware())
        .add(middleware: SessionMiddleware(repository: repository, sessions: sessions))
    AuthController(repository: repository, sessions: sessions).addRoutes(to: api)
    APIController(repository: repository).addRoutes(to: api)
    HazardActionsController(repository: repository).addRoutes(to: api)
    ProductsController(repository: repository).addRoutes(to: api)
    SetupController(repository: repository, rules: rules).addRoutes(to: api)
    TablesController(repository: repository, rules: rules).addRoutes(to: api)
    RiskAndChecksController(repository: repository, rules: rules).addRoutes(to: api)
    CreditController(repository: repository, rules: rules).addRoutes(to: api)
    ListsAndBenchmarkController(repository: repository, rules: rules).addRoutes(to: api)
    AccountsController(repository: repository, rules: rules).addRoutes(to: api)
    RegulatorController(repository: repository, rules: rules).addRoutes(to: api)
    AppointmentsController(repository: repository, rules: rules).addRoutes(to: api)
    AnalyticsController(repository: repository).addRoutes(to: api)
    if let openAPI {
        router.get("api/v1/openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: openAPI)))
        }
    }
    Pages(repository: repository, assets: try PageAssets(), rules: rules, sessions: sessions).addRoutes(to: router)
    return router
}

/// The whole application, as `dualprev serve` runs it and the tests drive it. Graceful shutdown on SIGINT and
/// SIGTERM comes with `runService()`: requests in flight finish, and every write is its own committed transaction.
public func buildApplication(
    repository: any Repository,
    configuration: ServerConfiguration,
    rules: ServerRules = ServerRules(),
    openAPI: String? = nil,
    logger: Logger? = nil,
    clock: AppClock = .system
) throws -> some ApplicationProtocol {
    var log = logger ?? Logger(label: "dualprev")
    if logger == nil { log.logLevel = .info }
    let sessions = SessionStore(storage: repository, limits: configuration.sessionLimits, secureCookies: configuration.isServedOverTLS)
    return Application(
        router: try buildRouter(repository: repository, sessions: sessions, rules: rules, openAPI: openAPI, clock: clock),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "dualprev"),
        logger: log
    )
}
