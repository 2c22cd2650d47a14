import DualPrevention
import Hummingbird

/// A form refused by a rule or for bad input, as a page answers it: the same form again with what was typed, the
/// reason in plain words beside it, and the rule's code only in a details element (the `refusal` partial). 422 for
/// bad input, 403 for a rule. Anything else (not found, a store failure) is not a refusal and goes to the error page.
struct FormRefusal: Sendable {
    /// The reason, and for a rule's refusal what the person may do now, in words: never a code or a command line.
    var message: String
    var rule: String
    /// What was typed, by field name: the form is filled with it again (a browser never refills a file field).
    var fields: [String: String]
    var allowedNow: [Action]
    var status: HTTPResponse.Status

    init?(_ error: any Error, fields: [String: String], language l: Language) {
        guard let error = error as? any DualPreventionError, [.refusedByRule, .badInput].contains(error.kind) else { return nil }
        message = Self.words(error, language: l)
        rule = error.rule
        self.fields = fields
        allowedNow = (error as? Refusal)?.allowedNow ?? []
        status = error.kind == .badInput ? .unprocessableContent : .forbidden
    }

    /// What was typed into one field, "" when nothing.
    subscript(_ field: String) -> String { fields[field] ?? "" }

    /// A refused action in plain words for a page: the reason, and for a rule's refusal what the person may do now
    /// (by name: the buttons are on the page).
    static func words(_ error: any DualPreventionError, language l: Language) -> String {
        guard let refusal = error as? Refusal, let hint = refusal.hint else { return error.message(l) }
        return error.message(l) + (l == .zh ? "。" : ". ") + hint(l)
    }

    /// Runs what a form asks (`act`, answering with a redirect); when that is refused, answers with the form again
    /// (`again`, given the refusal) and the refusal's status.
    static func answer(
        _ form: PageForm,
        request: Request,
        context: ServerContext,
        act: () async throws -> Response,
        again: (FormRefusal) async throws -> HTML
    ) async throws -> Response {
        do {
            return try await act()
        } catch {
            guard let refusal = FormRefusal(error, fields: form.fields, language: context.language) else { throw error }
            return try await again(refusal).response(from: request, context: context)
        }
    }
}
