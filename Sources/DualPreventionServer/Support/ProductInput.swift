import DualPrevention
import DualPreventionStore
import Foundation
import Hummingbird

/// A product action (DOMAIN.md §12) as the API and the hazard page both receive it: one body of optional fields, each
/// action reading the ones it needs and naming one missing, then the store's action on the hazard.
enum ProductInput {
    /// Every field any product action takes.
    struct Body: Decodable {
        var number: String?
        var product: String?
        var quantityMade: Int?
        var quantityShipped: Int?
        var producedFrom: String?
        var producedTo: String?
        var scope: String?
        var note: String?
        var method: String?
        var channels: String?
        var deadline: String?
        var disposal: String?
        var batch: String?
        var quantity: Int?
        var done: Bool?
    }

    /// The body out of a page form's fields: empty fields are absent, quantities are numbers, `done` is true or false.
    static func body(_ fields: [String: String]) throws -> Body {
        try RequestInput.formBody(fields, number: ["quantityMade", "quantityShipped", "quantity"].contains, boolean: { $0 == "done" })
    }

    /// The hazard key and the action of `…/hazards/{key}/products/{slug}`, or 404 for an action that does not exist.
    static func keyAndAction(_ context: ServerContext) throws -> (key: String, action: ProductAction) {
        let key = try context.parameters.require("key")
        let slug = try context.parameters.require("slug")
        guard let action = ProductAction.allCases.first(where: { $0.slug == slug }) else {
            throw Problem(
                status: .notFound,
                rule: "ACTION",
                title: "no such action",
                detail: "product actions: " + ProductAction.allCases.map(\.slug).joined(separator: ", ")
            )
        }
        return (key, action)
    }

    /// What an action recorded, as the API answers it.
    struct Done: ResponseEncodable {
        var action: String
        var batch: ProductBatch?
        var stop: ProductionStop?
        var recall: Recall?
        var qualityRecord: QualityRecord?
    }

    /// Takes the action on the hazard; `label` names a field in a refusal (the API's field name by default, the form's
    /// label on a page).
    static func perform(
        _ action: ProductAction,
        _ body: Body,
        on key: String,
        repository: any Repository,
        by actor: Actor,
        at now: Date,
        label: (String) -> String = { $0 }
    ) async throws -> Done {
        let outcome = try await repository.perform(try command(action, body, now: now, label: label), on: key, by: actor, at: now)
        return Done(action: action.slug, batch: outcome.batch, stop: outcome.stop, recall: outcome.recall, qualityRecord: outcome.qualityRecord)
    }

    /// The command out of the body's fields, naming any that is missing. Dates are days in Asia/Shanghai (a day of
    /// production that is today counts as now) or ISO 8601 instants.
    static func command(_ action: ProductAction, _ b: Body, now: Date, label: (String) -> String = { $0 }) throws -> ProductCommand {
        func r<T>(_ value: T?, _ field: String) throws -> T { try RequestInput.required(value, label(field)) }
        switch action {
        case .recordBatch:
            let local = try LocalTime()
            let from = try RequestInput.date(b.producedFrom, label("producedFrom"))
            let to = try b.producedTo.map { try RequestInput.date($0, label("producedTo")) } ?? from
            return .recordBatch(
                BatchDraft(
                    number: try r(b.number, "number"),
                    product: try r(b.product, "product"),
                    quantityMade: try r(b.quantityMade, "quantityMade"),
                    quantityShipped: try r(b.quantityShipped, "quantityShipped"),
                    producedFrom: QualityRecord.occurred(from, now: now, local: local),
                    producedTo: QualityRecord.occurred(to, now: now, local: local)
                )
            )
        case .orderStop: return .orderStop(scope: try r(b.scope, "scope"))
        case .liftStop: return .liftStop(note: try r(b.note, "note"))
        case .planRecall:
            return .planRecall(
                RecallPlan(
                    scope: try r(b.scope, "scope"),
                    method: try r(b.method, "method"),
                    channels: try r(b.channels, "channels"),
                    deadline: try RequestInput.deadline(b.deadline, label("deadline")),
                    disposal: try r(b.disposal, "disposal")
                )
            )
        case .recordReturn:
            return .recordReturn(batch: try r(b.batch, "batch"), quantity: try r(b.quantity, "quantity"), disposal: try r(b.disposal, "disposal"))
        case .closeRecall: return .closeRecall(done: try r(b.done, "done"), note: try r(b.note, "note"))
        }
    }
}
