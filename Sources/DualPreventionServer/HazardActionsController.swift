import DualPrevention
import DualPreventionStore
import Foundation
import Hummingbird

/// Hazard actions over JSON: report, and every transition the CLI has, by the same names. The store checks who may
/// do what; a refusal comes back as a problem naming the rule and what this person may do instead.
struct HazardActionsController {
    let repository: any Repository

    /// Every field any action takes; each action reads the ones it needs and names a missing one.
    struct Body: Decodable {
        var workshopID: Int64?
        var teamID: Int64?
        var postID: Int64?
        var riskPointID: Int64?
        var source: String?
        var grade: String?
        var description: String?
        var location: String?
        var foundAt: String?
        var receiverID: Int64?
        var responsibleUnit: String?
        var nature: String?
        var measures: String?
        var deadline: String?
        var target: String?
        var methods: String?
        var funds: String?
        var organisation: String?
        var timeLimit: String?
        var safetyMeasures: String?
        var note: String?
        var reason: String?
        var until: String?
        var measuresTaken: String?
        var completedAt: String?
        var criteria: String?
        var opinion: String?
        var order: String?
    }

    struct Done: ResponseEncodable {
        var transition: Transition
        var hazard: Hazard
    }

    static let actions = [
        "notice", "acknowledge", "plan", "plan-approve", "plan-reject", "start", "extend", "extension-approve",
        "extension-deny", "submit", "accept", "reject", "list-supervision", "lift-supervision", "cancel",
    ]

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.post("hazards", use: report)
        group.post("hazards/{key}/{action}", use: act)
    }

    static func required<T>(_ value: T?, _ field: String) throws -> T {
        guard let value else { throw InputError(rule: "INPUT-REQUIRED", message: Text(zh: "缺少 \(field)", en: "\(field) is required")) }
        return value
    }

    /// `2026-12-31` (end of that day, Asia/Shanghai), `2026-12-31 17:30`, or a full ISO 8601 instant.
    static func date(_ text: String?, _ field: String) throws -> Date {
        let text = try required(text, field)
        if let instant = try? Date(text, strategy: .iso8601) { return instant }
        return try LocalTime().parse(text, field: field)
    }

    /// A report out of the body's fields, naming any that is missing or unknown.
    static func report(_ body: Body) throws -> HazardReport {
        guard let source = HazardSource(rawValue: try required(body.source, "source")) else {
            throw InputError(
                rule: "INPUT-SOURCE",
                message: Text(zh: "未知来源", en: "unknown source"),
                hint: Text(
                    zh: HazardSource.allCases.map(\.rawValue).joined(separator: ", "),
                    en: HazardSource.allCases.map(\.rawValue).joined(separator: ", ")
                )
            )
        }
        guard let grade = HazardGrade(rawValue: try required(body.grade, "grade")) else {
            throw InputError(rule: "INPUT-GRADE", message: Text(zh: "隐患等级为 general 或 major", en: "grade is general or major"))
        }
        return HazardReport(
            workshopID: try required(body.workshopID, "workshopID"),
            teamID: body.teamID,
            postID: body.postID,
            riskPointID: body.riskPointID,
            source: source,
            grade: grade,
            description: try required(body.description, "description"),
            location: body.location ?? "",
            foundAt: try body.foundAt.map { try date($0, "foundAt") }
        )
    }

    /// The body out of a page form's fields: empty fields are absent, `…ID` fields are numbers.
    static func body(_ fields: [String: String]) throws -> Body {
        var object: [String: Any] = [:]
        for (name, value) in fields where !name.hasPrefix("_") {
            let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { continue }
            if name.hasSuffix("ID") {
                guard let number = Int64(text) else {
                    throw InputError(rule: "INPUT-NUMBER", message: Text(zh: "\(name) 应为编号", en: "\(name) must be a number"))
                }
                object[name] = number
            } else {
                object[name] = text
            }
        }
        return try JSONDecoder().decode(Body.self, from: JSONSerialization.data(withJSONObject: object))
    }

    @Sendable func report(_ request: Request, context: ServerContext) async throws -> EditedResponse<Hazard> {
        let actor = try context.requirePerson().actor
        let body = try await request.decode(as: Body.self, context: context)
        let hazard = try await repository.reportHazard(try Self.report(body), by: actor, at: context.now)
        return EditedResponse(status: .created, response: hazard)
    }

    /// The hazard key and the action name of `…/hazards/{key}/{action}`, or 404 for an action that does not exist.
    static func keyAndAction(_ context: ServerContext) throws -> (key: String, action: String) {
        let key = try context.parameters.require("key")
        let action = try context.parameters.require("action")
        guard actions.contains(action) else {
            throw Problem(status: .notFound, rule: "ACTION", title: "no such action", detail: "actions: " + actions.joined(separator: ", "))
        }
        return (key, action)
    }

    @Sendable func act(_ request: Request, context: ServerContext) async throws -> Done {
        let actor = try context.requirePerson().actor
        let (key, action) = try Self.keyAndAction(context)
        let body = try await request.decode(as: Body.self, context: context)
        let command = try Self.command(action, body, now: context.now)
        let (hazard, transition) = try await repository.perform(command, on: key, by: actor, at: context.now)
        return Done(transition: transition, hazard: hazard)
    }

    static func command(_ action: String, _ b: Body, evidence: [EvidenceFile] = [], now: Date) throws -> HazardCommand {
        func r<T>(_ value: T?, _ field: String) throws -> T { try required(value, field) }
        switch action {
        case "notice":
            return .issueNotice(
                receiverID: try r(b.receiverID, "receiverID"),
                responsibleUnit: b.responsibleUnit ?? "",
                nature: b.nature ?? "",
                requiredMeasures: try r(b.measures, "measures"),
                deadline: try date(b.deadline, "deadline")
            )
        case "acknowledge": return .event(.acknowledgeNotice)
        case "plan":
            return .event(
                .submitPlan(
                    PlanDraft(
                        target: b.target ?? "",
                        methods: b.methods ?? "",
                        funds: b.funds ?? "",
                        organisation: b.organisation ?? "",
                        timeLimit: try date(b.timeLimit, "timeLimit"),
                        safetyMeasures: b.safetyMeasures ?? ""
                    )
                )
            )
        case "plan-approve": return .event(.approvePlan(note: b.note ?? ""))
        case "plan-reject": return .event(.rejectPlan(reason: try r(b.reason, "reason")))
        case "start": return .event(.startRectification)
        case "extend": return .event(.requestExtension(reason: try r(b.reason, "reason"), until: try date(b.until, "until")))
        case "extension-approve": return .event(.decideExtension(grant: true, note: b.note ?? ""))
        case "extension-deny": return .event(.decideExtension(grant: false, note: try r(b.note, "note")))
        case "submit":
            return .submitRectification(
                measuresTaken: try r(b.measuresTaken, "measuresTaken"),
                completedAt: try b.completedAt.map { try date($0, "completedAt") } ?? now,
                funds: b.funds ?? "",
                evidence: evidence
            )
        case "accept": return .accept(passed: true, criteria: try r(b.criteria, "criteria"), opinion: b.opinion ?? "", evidence: evidence)
        case "reject":
            return .accept(
                passed: false,
                criteria: try r(b.criteria, "criteria"),
                opinion: try r(b.reason ?? b.opinion, "reason"),
                evidence: evidence
            )
        case "list-supervision": return .event(.list(order: try r(b.order, "order")))
        case "lift-supervision": return .event(.liftListing(note: b.note ?? ""))
        default: return .event(.cancel(reason: try r(b.reason, "reason")))
        }
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
