import DualPrevention
import DualPreventionPresentation
import DualPreventionStore
import Foundation
import Hummingbird

/// What a hazard affects over JSON (DOMAIN.md §12): its batches, stops and recall, the product actions by the CLI's
/// names, and the batch and recall ledgers as JSON pages or CSV with a byte-order mark.
struct ProductsController {
    let repository: any Repository

    /// Lines per page of a ledger read as JSON, and per read when one is written whole as CSV.
    static let ledgerPage = 500

    struct LedgerPage<Line: Encodable & Sendable>: ResponseEncodable, Sendable {
        var items: [Line]
        /// The `after` of the next page; absent on the last.
        var next: Int64?
    }

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.get("hazards/{key}/products") { _, context -> HazardProducts in
            try await repository.products(of: try context.parameters.require("key"), visibleTo: try context.requireViewer())
        }
        group.get("hazards/{key}/products/actions") { request, context in
            let person = try context.requirePerson()
            let viewer = Viewer.person(person.actor)
            let key = try context.parameters.require("key")
            let hazard = try await repository.hazard(key, visibleTo: viewer)
            let products = try await repository.products(of: String(hazard.id), visibleTo: viewer)
            return try RequestInput.page(products.availableActions(on: hazard, for: person.actor, at: context.now).map(\.slug), request)
        }
        group.post("hazards/{key}/products/{slug}") { request, context -> ProductInput.Done in
            let actor = try context.requirePerson().actor
            let (key, action) = try ProductInput.keyAndAction(context)
            let body = try await request.decode(as: ProductInput.Body.self, context: context)
            return try await ProductInput.perform(action, body, on: key, repository: repository, by: actor, at: context.now)
        }
        group.get("ledgers/batches") { request, context -> LedgerPage<BatchLedgerLine> in
            let (viewer, enterpriseID, after, limit) = try await ledgerQuery(request, context)
            let lines = try await repository.batchLedger(enterpriseID: enterpriseID, after: after, limit: limit, visibleTo: viewer)
            return LedgerPage(items: lines, next: lines.count == limit ? lines.last?.batch.id : nil)
        }
        group.get("ledgers/recalls") { request, context -> LedgerPage<RecallLedgerLine> in
            let (viewer, enterpriseID, after, limit) = try await ledgerQuery(request, context)
            let lines = try await repository.recallLedger(enterpriseID: enterpriseID, after: after, limit: limit, visibleTo: viewer)
            return LedgerPage(items: lines, next: lines.count == limit ? lines.last?.recall.id : nil)
        }
        group.get("ledgers/batches.csv") { request, context -> Response in
            let (viewer, enterpriseID, _, _) = try await ledgerQuery(request, context)
            return RequestInput.csv(try await Self.batchCSV(repository, enterpriseID: enterpriseID, viewer: viewer), name: "product-batches")
        }
        group.get("ledgers/recalls.csv") { request, context -> Response in
            let (viewer, enterpriseID, _, _) = try await ledgerQuery(request, context)
            let csv = try await Self.recallCSV(repository, enterpriseID: enterpriseID, viewer: viewer, now: context.now)
            return RequestInput.csv(csv, name: "recalls")
        }
    }

    /// `?enterprise=&after=&limit=` (limit 1–500, 500 by default).
    func ledgerQuery(_ request: Request, _ context: ServerContext) async throws -> (Viewer, Int64?, Int64, Int) {
        let viewer = try context.requireViewer()
        let enterpriseID = try await APIController(repository: repository).enterpriseID(request, viewer)
        let after = request.uri.queryParameters.get("after", as: Int64.self) ?? 0
        let limit = request.uri.queryParameters.get("limit", as: Int.self) ?? Self.ledgerPage
        guard after >= 0, (1...Self.ledgerPage).contains(limit) else {
            throw Problem(status: .badRequest, rule: "PAGE", title: "bad page", detail: "after ≥ 0 and limit from 1 to \(Self.ledgerPage)")
        }
        return (viewer, enterpriseID, after, limit)
    }

    /// The whole batch ledger in sight, read a page at a time.
    static func batchCSV(_ repository: any Repository, enterpriseID: Int64?, viewer: Viewer) async throws -> String {
        var rows: [[String]] = []
        var after: Int64 = 0
        while true {
            let page = try await repository.batchLedger(enterpriseID: enterpriseID, after: after, limit: ledgerPage, visibleTo: viewer)
            guard let last = page.last else { break }
            rows += BatchLedger.rows(page, numberedFrom: rows.count + 1)
            after = last.batch.id
        }
        return CSVWriter.document(header: BatchLedger.header, rows: rows)
    }

    /// The whole recall ledger in sight, read a page at a time.
    static func recallCSV(_ repository: any Repository, enterpriseID: Int64?, viewer: Viewer, now: Date) async throws -> String {
        var rows: [[String]] = []
        var after: Int64 = 0
        while true {
            let page = try await repository.recallLedger(enterpriseID: enterpriseID, after: after, limit: ledgerPage, visibleTo: viewer)
            guard let last = page.last else { break }
            rows += RecallLedger.rows(page, now: now, numberedFrom: rows.count + 1)
            after = last.recall.id
        }
        return CSVWriter.document(header: RecallLedger.header, rows: rows)
    }
}
