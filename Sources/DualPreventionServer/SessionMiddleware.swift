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
                context.person = person
                context.sessionToken = token
            } else {
                try await sessions.close(token)
            }
        }
        return try await next(request, context)
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
