import DualPrevention
import DualPreventionStore
import Foundation
import Hummingbird

/// Reads the session cookie, and sets the person on the context while `SessionRules` say the login stands: the
/// account enabled, its password unchanged since the login (read from the store at every request, so a reset made by
/// the CLI or another server ends it too), not idle too long, not too old.
/// Requests without one go on anonymous: each route decides whether it needs a person.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    static let cookie = "dp_session"

    let repository: any Repository
    let sessions: SessionStore

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[Self.cookie]?.value, let grant = try await sessions.grant(for: token) {
            let found = try await repository.login(String(grant.personID))
            if SessionRules.end(of: grant, account: found?.1, at: context.now, limits: sessions.limits) == nil, let person = found?.0 {
                try await sessions.touch(token, grant: grant, at: context.now)
                context.person = try await Self.acting(person, request: request, context: &context, repository: repository)
                context.sessionToken = token
            } else {
                try await sessions.close(token)
            }
        }
        return try await next(request, context)
    }

    /// The cookie naming the appointment a regional director acts under (set by `GET /acting`).
    static let actingCookie = "dp_acting"

    /// A regional director acts, at this request, as the director of the enterprise of the appointment their cookie
    /// names (or of the only one they serve), if it is in office now: read from the store at every request, so an
    /// appointment ended by a regulator on any server stops working at the next one. Anyone else is as stored.
    static func acting(_ person: Person, request: Request, context: inout ServerContext, repository: any Repository) async throws -> Person {
        guard person.role == .regionalDirector else { return person }
        let inOffice = try await repository.appointmentsInOffice(of: person.id, at: context.now)
        context.serving = inOffice.map { (appointmentID: $0.0.id, enterprise: $0.1.name) }
        let chosen = request.cookies[actingCookie].flatMap { Int64($0.value) }
        guard let (appointment, enterprise) = inOffice.first(where: { $0.0.id == chosen }) ?? (inOffice.count == 1 ? inOffice.first : nil)
        else { return person }
        return try appointment.acting(person, enterpriseName: enterprise.name, at: context.now)
    }
}

/// Reads the application's clock once per request: every handler judges deadlines and stamps actions at `context.now`.
struct ClockMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let clock: AppClock

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        var context = context
        context.now = clock.now()
        return try await next(request, context)
    }
}

/// A request id on every response and in every log line of the request.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = ServerContext

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        let id = request.headers[.init("x-request-id")!] ?? UUID().uuidString.lowercased()
        var context = context
        context.logger[metadataKey: "request_id"] = .string(id)
        do {
            var response = try await next(request, context)
            response.headers[.init("x-request-id")!] = id
            return response
        } catch let error as any HTTPResponseError {
            var response = try error.response(from: request, context: context)
            response.headers[.init("x-request-id")!] = id
            return response
        }
    }
}
