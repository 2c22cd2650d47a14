import DualPrevention
import DualPreventionStore
import Foundation
import Hummingbird

/// Set-up over JSON: the jurisdiction tree, enterprises, their places and people. The store checks who may do what, as for the CLI.
struct SetupController {
    let repository: any Repository
    let rules: ServerRules

    struct NewJurisdiction: Decodable {
        var name: String
        var level: String
        var parentID: Int64?
    }
    struct NewEnterprise: Decodable {
        var name: String
        var creditCode: String
        var jurisdictionID: Int64
        var productCategory: String
        var address: String?
        var timeZoneID: String?
    }
    struct NewPlace: Decodable {
        var enterpriseID: Int64?
        var workshopID: Int64?
        var teamID: Int64?
        var name: String
    }
    struct NewPerson: Decodable {
        var name: String
        var role: String
        var enterpriseID: Int64?
        var workshopID: Int64?
        var jurisdictionID: Int64?
    }

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.get("jurisdictions") { request, context in
            _ = try context.requirePerson()
            return try RequestInput.page(try await repository.jurisdictions(), request)
        }
        group.post("jurisdictions") { request, context -> EditedResponse<Jurisdiction> in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: NewJurisdiction.self, context: context)
            let level: JurisdictionLevel = try RequestInput.parse(body.level, "level")
            return EditedResponse(
                status: .created,
                response: try await repository.addJurisdiction(name: body.name, level: level, parentID: body.parentID, by: actor, at: context.now)
            )
        }
        group.post("enterprises") { request, context -> EditedResponse<Enterprise> in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: NewEnterprise.self, context: context)
            let code: CreditCode
            do { code = try CreditCode(body.creditCode) } catch {
                throw InputError(rule: "INPUT-CREDIT-CODE", message: Text("setupController.creditCodeNotValid"))
            }
            let draft = Enterprise(
                id: 0,
                name: body.name,
                creditCode: code,
                jurisdictionID: body.jurisdictionID,
                productCategory: body.productCategory,
                address: body.address ?? "",
                timeZoneID: body.timeZoneID ?? Enterprise.defaultTimeZoneID
            )
            return EditedResponse(status: .created, response: try await repository.addEnterprise(draft, by: actor, at: context.now))
        }
        placeList(group, "workshops") { try await repository.workshops(enterpriseID: $0, visibleTo: $1) }
        placeList(group, "teams") { try await repository.teams(enterpriseID: $0, visibleTo: $1) }
        placeList(group, "posts") { try await repository.posts(enterpriseID: $0, visibleTo: $1) }
        group.get("people") { request, context in
            let viewer = try context.requireViewer()
            let enterpriseID = try await APIController(repository: repository).enterpriseID(request, viewer)
            let page = try RequestInput.pageRequest(request)
            return RequestInput.page(try await repository.peoplePage(enterpriseID: enterpriseID, page: page, visibleTo: viewer), page)
        }
        group.post("workshops") { request, context -> EditedResponse<Workshop> in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: NewPlace.self, context: context)
            return EditedResponse(
                status: .created,
                response: try await repository.addWorkshop(
                    enterpriseID: try RequestInput.required(body.enterpriseID, "enterpriseID"),
                    name: body.name,
                    by: actor,
                    at: context.now
                )
            )
        }
        group.post("teams") { request, context -> EditedResponse<Team> in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: NewPlace.self, context: context)
            return EditedResponse(
                status: .created,
                response: try await repository.addTeam(
                    workshopID: try RequestInput.required(body.workshopID, "workshopID"),
                    name: body.name,
                    by: actor,
                    at: context.now
                )
            )
        }
        group.post("posts") { request, context -> EditedResponse<Post> in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: NewPlace.self, context: context)
            return EditedResponse(
                status: .created,
                response: try await repository.addPost(
                    teamID: try RequestInput.required(body.teamID, "teamID"),
                    name: body.name,
                    by: actor,
                    at: context.now
                )
            )
        }
        group.post("people") { request, context -> EditedResponse<Person> in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: NewPerson.self, context: context)
            let role: Role = try RequestInput.parse(body.role, "role")
            let draft = Person(
                id: 0,
                name: body.name,
                role: role,
                enterpriseID: body.enterpriseID,
                workshopID: body.workshopID,
                jurisdictionID: body.jurisdictionID
            )
            return EditedResponse(status: .created, response: try await repository.addPerson(draft, by: actor, at: context.now))
        }
    }

    /// `GET enterprises/{id}/<what>`: the places of an enterprise the viewer sees, paged.
    func placeList<T: Encodable & Sendable>(
        _ group: RouterGroup<ServerContext>,
        _ what: String,
        _ load: @escaping @Sendable (Int64, Viewer) async throws -> [T]
    ) {
        group.get("enterprises/{id}/\(what)") { request, context in
            let viewer = try context.requireViewer()
            let enterprise = try await repository.enterprise(try context.parameters.require("id"), visibleTo: viewer)
            return try RequestInput.page(try await load(enterprise.id, viewer), request)
        }
    }

}
