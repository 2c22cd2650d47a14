import DualPrevention
import DualPreventionStore
import Foundation
import Hummingbird
import HummingbirdBcrypt
import NIOPosix

/// The rules files and checklists the pages and the API need (loaded by the CLI from `checklists/`).
public struct ServerRules: Sendable {
    public var credit: CreditRules?
    public var lists: ListRules?
    public var benchmark: BenchmarkRules?
    /// The risk-point templates per product category (`dualprev checklist list`).
    public var checklists: [Checklist]
    /// Reminders and escalation, and a warning's default deadline (the region's, else DOMAIN.md's).
    public var escalation: EscalationRules
    /// The cap on a regional director's enterprises (the region's appointment-rules.yaml, else DOMAIN.md's 20).
    public var appointments: AppointmentRules

    public init(
        credit: CreditRules? = nil,
        lists: ListRules? = nil,
        benchmark: BenchmarkRules? = nil,
        checklists: [Checklist] = [],
        escalation: EscalationRules = .defaults,
        appointments: AppointmentRules = .defaults
    ) {
        self.credit = credit
        self.lists = lists
        self.benchmark = benchmark
        self.checklists = checklists
        self.escalation = escalation
        self.appointments = appointments
    }
}

/// What the page controllers share: the store, the templates, the rules, and the way a page is put together.
struct Pages: Sendable {
    let repository: any Repository
    let assets: PageAssets
    let rules: ServerRules
    let sessions: SessionStore

    static let languageCookie = "dp_lang"
    static let csrfCookie = "dp_csrf"

    /// Renders a template inside the layout, with the chrome every page has.
    func page(
        _ template: String,
        title: Text,
        _ model: Any,
        request: Request,
        context: ServerContext,
        status: HTTPResponse.Status = .ok
    ) throws -> HTML {
        let l = context.language
        let chrome = Chrome(
            t: PageText.strings(l),
            lang: l.rawValue,
            otherLang: l == .zh ? "en" : "zh",
            otherLangLabel: l == .zh ? "English" : "中文",
            title: title(l),
            personName: context.person?.name,
            roleLabel: context.person.map { person in
                person.acting.map { "\(Role.regionalDirector.label(l)) \($0.number)" } ?? person.role.label(l)
            },
            csrf: context.csrf ?? "",
            nav: Self.nav(for: context.person, path: request.uri.path, language: l),
            path: request.method == .get ? request.uri.path : Self.refererPath(request) ?? "/",
            inboxUnread: context.inboxUnread > 0 ? context.inboxUnread : nil,
            myWork: context.myWork > 0 ? context.myWork : nil,
            serving: context.serving.isEmpty
                ? nil
                : context.serving.map {
                    SwitchOption(id: $0.appointmentID, name: $0.enterprise, selected: $0.appointmentID == context.person?.acting?.id)
                },
            switching: !context.serving.isEmpty
        )
        return HTML(text: try assets.render(template, PageView(chrome: chrome, page: model)), status: status)
    }

    /// What waits for an enterprise's person: its open hazards (an enterprise has tens, read through the enterprise
    /// index), sorted by the domain's rule. Regulators' work comes through the inbox.
    func myWork(of person: Person, at now: Date) async throws -> MyWork {
        guard let enterpriseID = person.enterpriseID else { return MyWork() }
        var filter = HazardFilter(enterpriseID: enterpriseID)
        filter.openOnly = true
        let open = try await repository.hazards(filter, visibleTo: .person(person.actor))
        return MyWork.of(open, for: person.actor, at: now)
    }

    /// The page a request came from, when it is one of this site's: where a page answering a form (a refusal) points
    /// its language switch and its way back, since the form's own address answers only a POST.
    static func refererPath(_ request: Request) -> String? {
        request.headers[.referer].flatMap { URL(string: $0) }.map { $0.path + ($0.query.map { "?" + $0 } ?? "") }.flatMap(localPath)
    }

    static func nav(for person: Person?, path: String, language l: Language) -> [NavItem] {
        guard let person else { return [] }
        let items: [(String, Text)] =
            switch person.role {
            case .regulator, .admin:
                [
                    ("/", Text("pages.jurisdiction")), ("/hazards", Text("pages.hazards")),
                    ("/warnings", Text("pages.warnings")), ("/credit", Text("pages.credit")),
                    ("/lists", Text("pages.redBlackLists")), ("/benchmark", Text("pages.benchmark")),
                    ("/analytics", Text("page.analyticsNav")), ("/appointments", Text("page.appointmentsNav")),
                ]
            case .assessor:
                [("/benchmark", Text("pages.benchmark"))]
            case .regionalDirector:
                [("/inbox", Text("page.inbox")), ("/appointments", Text("page.appointmentsNav"))]
            default:
                [
                    ("/", Text("enterprisePages.dashboard")), ("/risks", Text("pages.risks")), ("/checks", Text("pages.checks")),
                    ("/hazards", Text("pages.hazards")), ("/warnings", Text("pages.warnings")),
                    ("/credit", Text("pages.credit")),
                ]
            }
        return items.map { href, label in
            NavItem(href: href, label: label(l), current: href == "/" ? path == "/" : path.hasPrefix(href))
        }
    }

    /// The error page for anything a page handler throws, in plain words: the rule's code (and any hint written for
    /// the command line) only inside a details element, and a way back to the page the person came from.
    func errorPage(_ problem: Problem, request: Request, context: ServerContext) -> Response {
        struct Model {
            var status: Int
            var title: String
            var detail: String
            var hint: String?
            var technicalHint: String?
            var rule: String
            var back: String?
        }
        let heading: Text =
            switch problem.status {
            case .forbidden: Text("pages.refusedRule")
            case .notFound: Text("pages.notFoundNotYours")
            case .unprocessableContent, .badRequest: Text("pages.somethingInputWrong")
            case .unauthorized: Text("pages.logFirst")
            case .tooManyRequests: Text("pages.tryAgainLater")
            case .contentTooLarge: Text("pages.tooLarge")
            default: Text("pages.serverFailed")
            }
        // The page a form was sent from (same site only).
        let back = Self.refererPath(request)
        let model = Model(
            status: Int(problem.status.code),
            title: heading(context.language),
            detail: problem.pageDetail,
            hint: problem.pageHint,
            technicalHint: problem.pageHint == nil ? problem.hint : nil,
            rule: problem.rule,
            back: back == request.uri.path ? nil : back
        )
        let title = Text("pages.couldNotDone")
        if let page = try? page("error", title: title, model, request: request, context: context, status: problem.status),
            let response = try? page.response(from: request, context: context)
        {
            return response
        }
        return Response(
            status: problem.status,
            headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: "\(problem.rule): \(problem.detail)"))
        )
    }

    func addRoutes(to router: Router<ServerContext>) {
        let group = router.group()
            .add(middleware: SessionMiddleware(repository: repository, sessions: sessions))
            .add(middleware: PageMiddleware(pages: self))
        group.get("static/{file}") { _, context -> Response in
            let name = try context.parameters.require("file")
            guard let file = assets.statics[name] else { throw Problem(status: .notFound, rule: "NOT-FOUND", title: "not found", detail: name) }
            return Response(
                status: .ok,
                headers: [.contentType: file.contentType, .cacheControl: "max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(bytes: file.bytes))
            )
        }
        group.get("lang/{language}") { request, context -> Response in
            let language = Language(rawValue: try context.parameters.require("language")) ?? .zh
            let back = Self.localPath(request.uri.queryParameters.get("back")) ?? "/"
            var response = Response(status: .seeOther, headers: [.location: back])
            response.setCookie(Cookie(name: Self.languageCookie, value: language.rawValue, maxAge: 365 * 86_400, path: "/", sameSite: .lax))
            return response
        }
        // A regional director chooses the enterprise they act for (the header's switcher, the inbox's links): only
        // one of the appointments in office now, read by the session middleware at this request.
        group.get("acting") { request, context -> Response in
            _ = try context.requirePerson()
            guard let id = request.uri.queryParameters.get("appointment").flatMap(Int64.init),
                context.serving.contains(where: { $0.appointmentID == id })
            else {
                throw Problem(
                    status: .notFound,
                    rule: "APPOINT-NOT-IN-OFFICE",
                    title: Text("pages.noSuchAppointment")(context.language),
                    detail: Text("pages.noSuchAppointmentDetail")(context.language)
                )
            }
            let next = Self.localPath(request.uri.queryParameters.get("next")) ?? "/"
            var response = Response(status: .seeOther, headers: [.location: next])
            response.setCookie(Cookie(name: SessionMiddleware.actingCookie, value: String(id), path: "/", httpOnly: true, sameSite: .lax))
            return response
        }
        group.get("login") { request, context -> HTML in
            struct Model {
                var next: String
                var error: String?
            }
            return try page(
                "login",
                title: Text("pages.log"),
                Model(next: Self.localPath(request.uri.queryParameters.get("next")) ?? "/", error: nil),
                request: request,
                context: context
            )
        }
        group.post("login", use: login)
        group.post("logout") { request, context -> Response in
            _ = try await PageForm.read(request, context: context)
            if let token = context.sessionToken { try await sessions.close(token) }
            var response = Response(status: .seeOther, headers: [.location: "/login"])
            response.setCookie(sessions.cookie(value: "", maxAge: 0))
            return response
        }
        group.get("/") { request, context -> Response in
            let person = try context.requirePerson()
            switch person.role {
            case .regulator, .admin: return try await RegulatorPages(pages: self).overview(request, context).response(from: request, context: context)
            case .assessor: return Response(status: .seeOther, headers: [.location: "/benchmark"])
            // A regional director acting for no enterprise yet: their one inbox, and the header's switcher.
            case .regionalDirector: return Response(status: .seeOther, headers: [.location: "/inbox"])
            default: return try await EnterprisePages(pages: self).dashboard(request, context).response(from: request, context: context)
            }
        }
        EnterprisePages(pages: self).addRoutes(to: group)
        CheckPages(pages: self).addRoutes(to: group)
        HazardPages(pages: self).addRoutes(to: group)
        RegulatorPages(pages: self).addRoutes(to: group)
        WarningPages(pages: self).addRoutes(to: group)
        AppointmentPages(pages: self).addRoutes(to: group)
        AnalyticsPages(pages: self).addRoutes(to: group)
        InspectionPages(pages: self).addRoutes(to: group)
        PublicPages(pages: self).addRoutes(to: group)
    }

    /// Only a path on this site may be a redirect target: `/…`, never `//host`, a backslash or any control character
    /// (browsers drop a tab in `/<TAB>/host` and would follow `//host`).
    static func localPath(_ text: String?) -> String? {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\"),
            !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }),
            let parsed = URLComponents(string: text), parsed.scheme == nil, parsed.host == nil
        else { return nil }
        return text
    }

    @Sendable func login(_ request: Request, context: ServerContext) async throws -> Response {
        let form = try await PageForm.read(request, context: context)
        let next = Self.localPath(form["next"]) ?? "/"
        do {
            let (_, account) = try await Authenticator(repository: repository, sessions: sessions).authenticate(
                form["login"] ?? "",
                form["password"] ?? "",
                at: context.now
            )
            var response = Response(status: .seeOther, headers: [.location: next])
            response.setCookie(try await sessions.cookie(for: account, at: context.now))
            return response
        } catch let problem as Problem {
            struct Model {
                var next: String
                var error: String?
            }
            let message =
                problem.status == .tooManyRequests
                ? Text("pages.tooManyFailedLogins")
                : Text("pages.unknownLoginWrongPassword")
            return try page(
                "login",
                title: Text("pages.log"),
                Model(next: next, error: message(context.language)),
                request: request,
                context: context,
                status: problem.status
            ).response(from: request, context: context)
        }
    }
}

/// Checks a login and password (bcrypt, off the request's executor), throttling repeated failures per login name.
/// Shared by the API's `POST /api/v1/session` and the login form.
struct Authenticator {
    let repository: any Repository
    let sessions: SessionStore

    /// A bcrypt hash (cost 12, as every password's) of no one's password: checked when the login is unknown or
    /// disabled, so that the answer takes as long as for a known login and does not tell which logins exist.
    /// Made once, on first need, from a random password.
    static let standIn = Bcrypt.hash(randomToken(), cost: 12)

    func authenticate(_ login: String, _ password: String, at now: Date) async throws -> (Person, Account) {
        let throttled = Problem(
            status: .tooManyRequests,
            rule: "AUTH-THROTTLED",
            title: "too many failed logins",
            detail: "wait a quarter of an hour, or ask an administrator to reset the password"
        )
        let wrong = Problem(status: .unauthorized, rule: "AUTH-FAILED", title: "login failed", detail: "unknown login or wrong password")
        guard try await !sessions.isThrottled(login, at: now) else { throw throttled }
        guard !login.isEmpty, let (person, account) = try await repository.login(login), account.isEnabled else {
            _ = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: Self.standIn) }
            try await sessions.recordFailure(login, at: now)
            throw wrong
        }
        // Failures count per person too, so that `1`, `01` and the name are one budget, not three.
        let personKey = "#\(person.id)"
        guard try await !sessions.isThrottled(personKey, at: now) else { throw throttled }
        let hash = account.passwordHash
        guard try await NIOThreadPool.singleton.runIfActive({ Bcrypt.verify(password, hash: hash) }) else {
            try await sessions.recordFailure(personKey, at: now)
            throw wrong
        }
        try await sessions.clearFailures(personKey, login)
        return (person, account)
    }
}

/// For every page: the language and CSRF cookies, and errors shown as pages (a missing login as the login form).
struct PageMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let pages: Pages

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        var context = context
        context.language = request.cookies[Pages.languageCookie]?.value == "en" ? .en : .zh
        var fresh: String?
        if let token = request.cookies[Pages.csrfCookie]?.value, token.count == 64 {
            context.csrf = token
        } else {
            fresh = randomToken()
            context.csrf = fresh
        }
        // The header's count of what waits for the person, on every page they load.
        // Pages only: not static files, evidence, downloads, print sheets or redirects, which have no header to show it.
        let path = request.uri.path
        let plain = ["/static/", "/evidence/", "/print", "/export", "/lang/"].contains { path.contains($0) }
        if request.method == .get, !plain, let person = context.person {
            context.inboxUnread = (try? await pages.repository.inbox(of: person.actor, at: context.now).filter { !$0.read }.count) ?? 0
            context.myWork = (try? await pages.myWork(of: person, at: context.now).count) ?? 0
        }
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            let problem: Problem =
                switch error {
                case let error as any DualPreventionError: Problem(error, language: context.language)
                case let error as Problem: error
                case let error as HTTPError:
                    Problem(
                        status: error.status,
                        rule: "HTTP-\(error.status.code)",
                        title: error.status.reasonPhrase,
                        detail: error.body ?? error.status.reasonPhrase
                    )
                default:
                    Problem(
                        status: .internalServerError,
                        rule: "INTERNAL",
                        title: "internal error",
                        detail: "the server could not complete the request"
                    )
                }
            if problem.status == .internalServerError { context.logger.error("page failed", metadata: ["error": "\(error)"]) }
            if problem.status == .unauthorized, request.method == .get {
                let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
                response = Response(
                    status: .seeOther,
                    headers: [.location: "/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")]
                )
            } else {
                response = pages.errorPage(problem, request: request, context: context)
            }
        }
        if let fresh {
            response.setCookie(Cookie(name: Pages.csrfCookie, value: fresh, path: "/", httpOnly: true, sameSite: .strict))
        }
        return response
    }
}
