import DualPrevention
import DualPreventionStore
import Foundation
import Hummingbird

/// Login and logout over JSON (`Authenticator` checks the password and throttles); the session lives in an HttpOnly,
/// SameSite=Strict cookie.
struct AuthController {
    let repository: any Repository
    let sessions: SessionStore

    struct Credentials: Decodable {
        var login: String
        var password: String
    }

    struct Me: ResponseEncodable {
        var id: Int64
        var name: String
        var role: Role
        var enterpriseID: Int64?
        var jurisdictionID: Int64?
    }

    static func me(_ person: Person) -> Me {
        Me(id: person.id, name: person.name, role: person.role, enterpriseID: person.enterpriseID, jurisdictionID: person.jurisdictionID)
    }

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.post("session", use: login)
        group.delete("session", use: logout)
        group.get("me") { _, context in Self.me(try context.requirePerson()) }
    }

    @Sendable func login(_ request: Request, context: ServerContext) async throws -> Response {
        let credentials = try await request.decode(as: Credentials.self, context: context)
        let (person, account) = try await Authenticator(repository: repository, sessions: sessions).authenticate(
            credentials.login,
            credentials.password,
            at: context.now
        )
        var response = try Self.me(person).response(from: request, context: context)
        response.setCookie(try await sessions.cookie(for: account, at: context.now))
        return response
    }

    @Sendable func logout(_ request: Request, context: ServerContext) async throws -> Response {
        if let token = context.sessionToken { try await sessions.close(token) }
        var response = Response(status: .noContent)
        response.setCookie(sessions.cookie(value: "", maxAge: 0))
        return response
    }
}
