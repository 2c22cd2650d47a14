import DualPrevention
import DualPreventionPresentation
import DualPreventionStore
import Foundation
import Hummingbird

// The hazard page's product actions (DOMAIN.md §12): each one's form, posted to the same names as the API.

extension HazardPages {
    /// The fields each product action's form asks for, by the API's field names.
    static func form(for action: ProductAction, products: HazardProducts, language l: Language) -> [FieldView] {
        func text(_ name: String, _ label: Text, required: Bool = true) -> FieldView {
            FieldView(name: name, label: label(l), text: true, required: required)
        }
        func area(_ name: String, _ label: Text) -> FieldView { FieldView(name: name, label: label(l), textarea: true, required: true) }
        func date(_ name: String, _ label: Text, required: Bool = true) -> FieldView {
            FieldView(name: name, label: label(l), date: true, required: required)
        }
        func select(_ name: String, _ label: Text, _ options: [(String, String)]) -> FieldView {
            FieldView(
                name: name,
                label: label(l),
                select: true,
                required: true,
                options: options.map { EnterprisePages.Option(value: $0.0, label: $0.1, selected: false) }
            )
        }
        switch action {
        case .recordBatch:
            return [
                text("number", Text("productCommands.batch")), text("product", Text("productCommands.product")),
                text("quantityMade", Text("productCommands.made")), text("quantityShipped", Text("productCommands.shipped")),
                date("producedFrom", Text("hazardPages.producedFrom")), date("producedTo", Text("hazardPages.producedTo"), required: false),
            ]
        case .orderStop: return [text("scope", Text("productCommands.scope"))]
        case .liftStop: return [area("note", Text("hazardPages.liftNote"))]
        case .planRecall:
            return [
                area("scope", Text("productsView.scope")), area("method", Text("productsView.method")),
                text("channels", Text("productsView.channels")), date("deadline", Text("hazardStory.deadline")),
                text("disposal", Text("productsView.disposal")),
            ]
        case .recordReturn:
            return [
                select("batch", Text("productCommands.batch"), products.shippedBatches.map { ($0.number, "\($0.number) · \($0.product)") }),
                text("quantity", Text("productCommands.quantity")), text("disposal", Text("productCommands.disposal")),
            ]
        case .closeRecall:
            return [
                select(
                    "done",
                    Text("hazardPages.recallOutcome"),
                    [("true", Recall.Standing.done.label(l)), ("false", Recall.Standing.dueNotDone.label(l))]
                ),
                area("note", Text("hazardPages.note")),
            ]
        }
    }

    /// A product action's form posted from the hazard page: done, back to the page; refused, the page again with
    /// the form open, what was typed and the reason.
    @Sendable func actOnProducts(_ request: Request, context: ServerContext) async throws -> Response {
        let actor = try context.requirePerson().actor
        let (key, action) = try ProductInput.keyAndAction(context)
        let form = try await PageForm.read(request, context: context)
        let labels = Dictionary(
            Self.form(for: action, products: HazardProducts(), language: context.language).map { ($0.name, $0.label) },
            uniquingKeysWith: { first, _ in first }
        )
        return try await FormRefusal.answer(form, request: request, context: context) {
            let body = try ProductInput.body(form.fields)
            _ = try await ProductInput.perform(action, body, on: key, repository: repository, by: actor, at: context.now) { labels[$0] ?? $0 }
            let hazard = try await repository.hazard(key, visibleTo: .person(actor))
            return Response(status: .seeOther, headers: [.location: "/hazards/\(hazard.id)"])
        } again: { refusal in
            try await page(key, refused: Refused(slug: action.slug, refusal: refusal), request: request, context: context)
        }
    }
}
