import DualPrevention
import DualPreventionStore
import Foundation
import Hummingbird

/// Hazard actions over JSON: report, and every transition the CLI has, by the same names. The store checks who may
/// do what; a refusal comes back as a problem naming the rule and what this person may do instead.
struct HazardActionsController {
    let repository: any Repository

    struct Done: ResponseEncodable {
        var transition: Transition
        var hazard: Hazard
    }

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.post("hazards", use: report)
        group.post("hazards/{key}/{action}", use: act)
    }

    @Sendable func report(_ request: Request, context: ServerContext) async throws -> EditedResponse<Hazard> {
        let actor = try context.requirePerson().actor
        let body = try await request.decode(as: HazardInput.Body.self, context: context)
        let hazard = try await repository.reportHazard(try HazardInput.report(body), by: actor, at: context.now)
        return EditedResponse(status: .created, response: hazard)
    }

    @Sendable func act(_ request: Request, context: ServerContext) async throws -> Done {
        let actor = try context.requirePerson().actor
        let (key, action) = try HazardInput.keyAndAction(context)
        let body = try await request.decode(as: HazardInput.Body.self, context: context)
        let command = try HazardInput.command(action, body, now: context.now)
        let (hazard, transition) = try await repository.perform(command, on: key, by: actor, at: context.now)
        return Done(transition: transition, hazard: hazard)
    }

}

/// Changes come only as JSON: a cross-site form cannot send that without the browser asking first, so a forged
/// request from another site is refused here (415) before it reaches any action.
struct JSONOnlyMiddleware: RouterMiddleware {
    typealias Context = ServerContext

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        if [.post, .put, .patch].contains(request.method) {
            guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
                throw Problem(
                    status: .unsupportedMediaType,
                    rule: "JSON-ONLY",
                    title: "JSON only",
                    detail: "send changes as application/json"
                )
            }
        }
        return try await next(request, context)
    }
}
