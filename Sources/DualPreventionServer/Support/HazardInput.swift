import DualPrevention
import DualPreventionStore
import Foundation
import Hummingbird

/// A hazard action as the API and the pages both receive it: one body of optional fields, read into a report or a
/// command for the store, naming any field that is missing or unknown.
enum HazardInput {
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

    /// A report out of the body's fields, naming any that is missing or unknown.
    static func report(_ body: Body, label: (String) -> String = { $0 }) throws -> HazardReport {
        guard let source = HazardSource(rawValue: try RequestInput.required(body.source, label("source"))) else {
            throw InputError(
                rule: "INPUT-SOURCE",
                message: Text("hazardInput.unknownSource"),
                hint: Text(
                    zh: HazardSource.allCases.map(\.rawValue).joined(separator: ", "),
                    en: HazardSource.allCases.map(\.rawValue).joined(separator: ", ")
                )
            )
        }
        guard let grade = HazardGrade(rawValue: try RequestInput.required(body.grade, label("grade"))) else {
            throw InputError(rule: "INPUT-GRADE", message: Text("hazardInput.gradeGeneralMajor"))
        }
        return HazardReport(
            workshopID: try RequestInput.required(body.workshopID, label("workshopID")),
            teamID: body.teamID,
            postID: body.postID,
            riskPointID: body.riskPointID,
            source: source,
            grade: grade,
            description: try RequestInput.required(body.description, label("description")),
            location: body.location ?? "",
            foundAt: try body.foundAt.map { try RequestInput.date($0, label("foundAt")) }
        )
    }

    /// The body out of a page form's fields: empty fields are absent, `…ID` fields are numbers.
    static func body(_ fields: [String: String]) throws -> Body {
        try RequestInput.formBody(fields, number: { $0.hasSuffix("ID") })
    }

    /// The hazard key and the action of `…/hazards/{key}/{action}`, or 404 for an action that does not exist.
    static func keyAndAction(_ context: ServerContext) throws -> (key: String, action: Action) {
        let key = try context.parameters.require("key")
        let slug = try context.parameters.require("action")
        guard let action = Action(hazardSlug: slug) else {
            throw Problem(
                status: .notFound,
                rule: "ACTION",
                title: "no such action",
                detail: "actions: " + Action.hazardActions.map(\.slug).joined(separator: ", ")
            )
        }
        return (key, action)
    }

    /// `label` names a field in a refusal: the API's field name by default, the form's label on a page.
    static func command(
        _ action: Action,
        _ b: Body,
        evidence: [EvidenceFile] = [],
        now: Date,
        label: (String) -> String = { $0 }
    ) throws -> HazardCommand {
        func r<T>(_ value: T?, _ field: String) throws -> T { try RequestInput.required(value, label(field)) }
        switch action {
        case .issueNotice:
            return .issueNotice(
                receiverID: try r(b.receiverID, "receiverID"),
                responsibleUnit: b.responsibleUnit ?? "",
                nature: b.nature ?? "",
                requiredMeasures: try r(b.measures, "measures"),
                deadline: try RequestInput.deadline(b.deadline, label("deadline"))
            )
        case .acknowledgeNotice: return .event(.acknowledgeNotice)
        case .submitPlan:
            return .event(
                .submitPlan(
                    PlanDraft(
                        target: b.target ?? "",
                        methods: b.methods ?? "",
                        funds: b.funds ?? "",
                        organisation: b.organisation ?? "",
                        timeLimit: try RequestInput.deadline(b.timeLimit, label("timeLimit")),
                        safetyMeasures: b.safetyMeasures ?? ""
                    )
                )
            )
        case .approvePlan: return .event(.approvePlan(note: b.note ?? ""))
        case .rejectPlan: return .event(.rejectPlan(reason: try r(b.reason, "reason")))
        case .startRectification: return .event(.startRectification)
        case .requestExtension:
            return .event(.requestExtension(reason: try r(b.reason, "reason"), until: try RequestInput.deadline(b.until, label("until"))))
        case .approveExtension: return .event(.decideExtension(grant: true, note: b.note ?? ""))
        case .denyExtension: return .event(.decideExtension(grant: false, note: try r(b.note, "note")))
        case .submitRectification:
            return .submitRectification(
                measuresTaken: try r(b.measuresTaken, "measuresTaken"),
                completedAt: try b.completedAt.map { try RequestInput.date($0, label("completedAt")) } ?? now,
                funds: b.funds ?? "",
                evidence: evidence
            )
        case .acceptPass: return .accept(passed: true, criteria: try r(b.criteria, "criteria"), opinion: b.opinion ?? "", evidence: evidence)
        case .acceptFail:
            return .accept(
                passed: false,
                criteria: try r(b.criteria, "criteria"),
                opinion: try r(b.reason ?? b.opinion, "reason"),
                evidence: evidence
            )
        case .list: return .event(.list(order: try r(b.order, "order")))
        case .liftListing: return .event(.liftListing(note: b.note ?? ""))
        case .cancel: return .event(.cancel(reason: try r(b.reason, "reason")))
        case .report, .grade:
            // Not transitions of a reported hazard: `keyAndAction` never names them.
            throw Problem(status: .notFound, rule: "ACTION", title: "no such action", detail: action.slug)
        }
    }
}
