import DualPrevention
import DualPreventionStore
import Foundation
import Hummingbird
import HummingbirdBcrypt
import NIOPosix

/// Passwords and disabled accounts, and the audit check. The store checks who may do what, as for the CLI.
struct AccountsController {
    let repository: any Repository
    let rules: ServerRules

    struct NewPassword: Decodable { var password: String }

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.post("accounts/{id}/password") { request, context -> Response in
            let actor = try context.requirePerson().actor
            let personID = try context.parameters.require("id", as: Int64.self)
            try AccountPolicy.maySetPassword(actor, of: personID)
            let password = try await request.decode(as: NewPassword.self, context: context).password
            try AccountPolicy.check(password, for: try await repository.person(String(personID)))
            let hash = try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: 12) }
            _ = try await repository.setPassword(personID: personID, passwordHash: hash, by: actor, at: context.now)
            return Response(status: .noContent)
        }
        group.post("accounts/{id}/disable") { _, context -> Response in
            let actor = try context.requirePerson().actor
            _ = try await repository.disableAccount(personID: try context.parameters.require("id", as: Int64.self), by: actor, at: context.now)
            return Response(status: .noContent)
        }
        group.get("audit/verify") { _, context -> AuditReport in
            let viewer = try context.requireViewer()
            try AuditPolicy.mayVerify(try context.requirePerson().actor)
            return try await repository.verifyAudit(expectedHead: nil, visibleTo: viewer)
        }
    }
}
