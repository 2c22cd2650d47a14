import DualPrevention
import DualPreventionStore
import Foundation
import Hummingbird

/// The JSON API's reads, each limited to what the logged-in person may see (the store checks, not this code).
struct APIController {
    let repository: any Repository

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
            let page = try RequestInput.pageRequest(request)
            return RequestInput.page(try await repository.enterprisePage(page: page, visibleTo: viewer), page)
        }
        // Filters as on `dualprev hazard list`: state, enterprise, owner, grade, overdue.
        group.get("hazards") { request, context in
            let viewer = try context.requireViewer()
            let query = request.uri.queryParameters
            var filter = HazardFilter()
            filter.state = try RequestInput.filter(query.get("state"), "state")
            filter.grade = try RequestInput.filter(query.get("grade"), "grade")
            if let enterprise = query.get("enterprise") { filter.enterpriseID = try await repository.enterprise(enterprise, visibleTo: viewer).id }
            if let owner = query.get("owner") { filter.ownerID = try await repository.person(owner, visibleTo: viewer).id }
            if try RequestInput.flag(query.get("overdue"), "overdue") { filter.overdueAt = context.now }
            let page = try RequestInput.pageRequest(request)
            let found = try await repository.hazardPage(filter, page: page, visibleTo: viewer)
            return RequestInput.hazardPage(found, page)
        }
        // Filters as on `dualprev risk list`: enterprise, workshop (id), colour, dimension, regradeDue.
        group.get("risk-points") { request, context in
            let viewer = try context.requireViewer()
            let query = request.uri.queryParameters
            var filter = RiskFilter()
            if let enterprise = query.get("enterprise") { filter.enterpriseID = try await repository.enterprise(enterprise, visibleTo: viewer).id }
            if let workshop = query.get("workshop") {
                guard let id = Int64(workshop) else {
                    throw Problem(status: .badRequest, rule: "FILTER", title: "bad filter", detail: "workshop is an id")
                }
                filter.workshopID = id
            }
            filter.colour = try RequestInput.filter(query.get("colour"), "colour")
            filter.dimension = query.get("dimension")
            if try RequestInput.flag(query.get("regradeDue"), "regradeDue") { filter.regradeDue = true }
            let page = try RequestInput.pageRequest(request)
            return RequestInput.page(try await repository.riskPointPage(filter, page: page, visibleTo: viewer), page)
        }
        group.get("risk-points/{id}") { _, context -> RiskPointDetail in
            let viewer = try context.requireViewer()
            let (point, gradings) = try await repository.riskPoint(try context.parameters.require("id", as: Int64.self), visibleTo: viewer)
            return RiskPointDetail(riskPoint: point, gradings: gradings)
        }
        group.get("check-plans") { request, context in
            let viewer = try context.requireViewer()
            let enterprise = try await enterpriseID(request, viewer)
            let page = try RequestInput.pageRequest(request)
            return RequestInput.page(try await repository.checkPlanPage(enterpriseID: enterprise, page: page, visibleTo: viewer), page)
        }
        group.get("check-runs") { request, context in
            let viewer = try context.requireViewer()
            let enterprise = try await enterpriseID(request, viewer)
            let page = try RequestInput.pageRequest(request)
            return RequestInput.page(try await repository.checkRunPage(enterpriseID: enterprise, page: page, visibleTo: viewer), page)
        }
        group.get("records") { request, context in
            let viewer = try context.requireViewer()
            let kind = try request.uri.queryParameters.get("kind").map { text -> QualityRecordKind in
                guard let kind = QualityRecordKind(rawValue: text) else {
                    throw Problem(status: .badRequest, rule: "FILTER", title: "bad filter", detail: "unknown kind \(text)")
                }
                return kind
            }
            let enterprise = try await enterpriseID(request, viewer)
            let page = try RequestInput.pageRequest(request)
            return RequestInput.page(
                try await repository.qualityRecordPage(enterpriseID: enterprise, kind: kind, page: page, visibleTo: viewer),
                page
            )
        }
        group.get("credit-grades") { request, context in
            let viewer = try context.requireViewer()
            let enterprise = try await enterpriseID(request, viewer)
            let page = try RequestInput.pageRequest(request)
            return RequestInput.page(try await repository.creditGradePage(enterpriseID: enterprise, page: page, visibleTo: viewer), page)
        }
        group.get("list-entries") { request, context in
            let viewer = try context.requireViewer()
            let quarter = request.uri.queryParameters.get("quarter").map { String($0) }
            let page = try RequestInput.pageRequest(request)
            return RequestInput.page(try await repository.listEntryPage(quarter: quarter, page: page, visibleTo: viewer), page)
        }
        group.get("history/{type}/{id}") { request, context in
            let viewer = try context.requireViewer()
            let entries = try await repository.history(
                objectType: try context.parameters.require("type"),
                objectID: try context.parameters.require("id", as: Int64.self),
                visibleTo: viewer
            )
            return try RequestInput.page(entries, request)
        }
        group.get("hazards/{key}") { _, context -> Hazard in
            let viewer = try context.requireViewer()
            return try await repository.hazard(try context.parameters.require("key"), visibleTo: viewer)
        }
    }
}

extension Hazard: ResponseEncodable {}
