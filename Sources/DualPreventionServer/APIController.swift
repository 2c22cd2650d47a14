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

    struct RiskPointDetail: ResponseEncodable {
        var riskPoint: RiskPoint
        var gradings: [GradingRecord]
    }

    /// `?enterprise=` (id, credit code or name) as an id the viewer may see; nil when not given.
    func enterpriseID(_ request: Request, _ viewer: Viewer) async throws -> Int64? {
        guard let key = request.uri.queryParameters.get("enterprise") else { return nil }
        return try await repository.enterprise(String(key), visibleTo: viewer).id
    }

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.get("enterprises") { request, context in
            let viewer = try context.requireViewer()
            return try Self.page(try await repository.enterprises(visibleTo: viewer), request)
        }
        group.get("hazards") { request, context in
            let viewer = try context.requireViewer()
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
        group.get("risk-points") { request, context in
            let viewer = try context.requireViewer()
            var filter = RiskFilter()
            if let enterprise = request.uri.queryParameters.get("enterprise") { filter.enterpriseID = try await repository.enterprise(enterprise, visibleTo: viewer).id }
            if let colour = request.uri.queryParameters.get("colour") {
                guard let parsed = RiskColour(rawValue: colour) else { throw Problem(status: .badRequest, rule: "FILTER", title: "bad filter", detail: "unknown colour \(colour)") }
                filter.colour = parsed
            }
            return try Self.page(try await repository.riskPoints(filter, visibleTo: viewer), request)
        }
        group.get("risk-points/{id}") { _, context -> RiskPointDetail in
            let viewer = try context.requireViewer()
            let (point, gradings) = try await repository.riskPoint(try context.parameters.require("id", as: Int64.self), visibleTo: viewer)
            return RiskPointDetail(riskPoint: point, gradings: gradings)
        }
        group.get("check-plans") { request, context in
            let viewer = try context.requireViewer()
            return try Self.page(try await repository.checkPlans(enterpriseID: try await enterpriseID(request, viewer), visibleTo: viewer), request)
        }
        group.get("check-runs") { request, context in
            let viewer = try context.requireViewer()
            return try Self.page(try await repository.checkRuns(enterpriseID: try await enterpriseID(request, viewer), visibleTo: viewer), request)
        }
        group.get("records") { request, context in
            let viewer = try context.requireViewer()
            let kind = try request.uri.queryParameters.get("kind").map { text -> QualityRecordKind in
                guard let kind = QualityRecordKind(rawValue: text) else { throw Problem(status: .badRequest, rule: "FILTER", title: "bad filter", detail: "unknown kind \(text)") }
                return kind
            }
            return try Self.page(try await repository.qualityRecords(enterpriseID: try await enterpriseID(request, viewer), kind: kind, visibleTo: viewer), request)
        }
        group.get("credit-grades") { request, context in
            let viewer = try context.requireViewer()
            return try Self.page(try await repository.creditGrades(enterpriseID: try await enterpriseID(request, viewer), visibleTo: viewer), request)
        }
        group.get("list-entries") { request, context in
            let viewer = try context.requireViewer()
            return try Self.page(try await repository.listEntries(quarter: request.uri.queryParameters.get("quarter").map { String($0) }, visibleTo: viewer), request)
        }
        group.get("history/{type}/{id}") { request, context in
            let viewer = try context.requireViewer()
            let entries = try await repository.history(objectType: try context.parameters.require("type"), objectID: try context.parameters.require("id", as: Int64.self),
                                                       visibleTo: viewer)
            return try Self.page(entries, request)
        }
        group.get("hazards/{key}") { _, context -> Hazard in
            let viewer = try context.requireViewer()
            return try await repository.hazard(try context.parameters.require("key"), visibleTo: viewer)
        }
    }
}

extension Hazard: ResponseEncodable {}
