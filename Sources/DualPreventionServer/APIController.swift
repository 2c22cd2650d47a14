import DualPrevention
import Foundation
import Hummingbird

/// The JSON API's reads, each limited to what the logged-in person may see (the store checks, not this code).
struct APIController {
    let repository: any Repository

    struct Page<Item: Encodable & Sendable>: ResponseEncodable, Sendable {
        var items: [Item]
        var total: Int
        var offset: Int
        var limit: Int
    }

    /// `?offset=&limit=` (limit 1–500, 100 by default).
    static func page<Item: Encodable & Sendable>(_ all: [Item], _ request: Request) throws -> Page<Item> {
        let offset = request.uri.queryParameters.get("offset", as: Int.self) ?? 0
        let limit = request.uri.queryParameters.get("limit", as: Int.self) ?? 100
        guard offset >= 0, (1...500).contains(limit) else {
            throw Problem(status: .badRequest, rule: "PAGE", title: "bad page", detail: "offset ≥ 0 and limit from 1 to 500")
        }
        return Page(items: Array(all.dropFirst(offset).prefix(limit)), total: all.count, offset: offset, limit: limit)
    }

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.get("enterprises") { request, context in
            let viewer = Viewer.person(try context.requirePerson().actor)
            return try Self.page(try await repository.enterprises(visibleTo: viewer), request)
        }
        group.get("hazards") { request, context in
            let viewer = Viewer.person(try context.requirePerson().actor)
            var filter = HazardFilter()
            if let state = request.uri.queryParameters.get("state") {
                guard let parsed = HazardState(rawValue: state) else {
                    throw Problem(status: .badRequest, rule: "FILTER", title: "bad filter", detail: "unknown state \(state)")
                }
                filter.state = parsed
            }
            if let enterprise = request.uri.queryParameters.get("enterprise") {
                filter.enterpriseID = try await repository.enterprise(enterprise, visibleTo: viewer).id
            }
            return try Self.page(try await repository.hazards(filter, visibleTo: viewer), request)
        }
        group.get("hazards/{key}") { _, context -> Hazard in
            let viewer = Viewer.person(try context.requirePerson().actor)
            return try await repository.hazard(try context.parameters.require("key"), visibleTo: viewer)
        }
    }
}

extension Hazard: ResponseEncodable {}
