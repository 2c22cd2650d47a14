import DualPrevention
import DualPreventionStore
import Foundation
import Hummingbird

/// The regulator's side over the API: warnings and their tasks, inspections, and each person's inbox. The store
/// checks who may do and see what, as for the CLI.
struct RegulatorController {
    let repository: any Repository
    let rules: ServerRules

    struct WarningBody: Decodable {
        var kind: WarningKind?
        var title: String
        var text: String
        var category: String?
        var enterprises: [Int64]?
        var items: [WarningItem]
        var checklist: String?
        var deadline: String?
    }
    struct AnswerBody: Decodable {
        var results: [WarningTask.ItemResult]
        var workshop: Int64?
    }
    struct InspectionBody: Decodable {
        var kind: InspectionKind
        var enterprise: Int64
        var performedAt: String
        var summary: String
        var items: [InspectionItem]
        var delegateAcceptance: Bool?
    }
    struct Answered: ResponseEncodable {
        var task: WarningTask
        var hazards: [Hazard]
    }
    struct Recorded: ResponseEncodable {
        var inspection: Inspection
        var hazards: [Hazard]
    }
    struct ReadBody: Decodable { var key: String }
    struct Inbox: ResponseEncodable {
        var unread: Int
        var items: [InboxItem]
    }

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.get("warnings") { request, context in
            let viewer = try context.requireViewer()
            return try RequestInput.page(try await repository.warnings(visibleTo: viewer), request)
        }
        group.post("warnings") { request, context -> EditedResponse<WarningReport> in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: WarningBody.self, context: context)
            guard (body.category == nil) != (body.enterprises ?? []).isEmpty else {
                throw Problem(
                    status: .unprocessableContent,
                    rule: "WARNING-SCOPE",
                    title: "scope",
                    detail: "name either a category or a list of enterprises, not both"
                )
            }
            let (warning, _) = try await repository.issueWarning(
                WarningRequest(
                    kind: body.kind ?? .warning,
                    title: body.title,
                    text: body.text,
                    category: body.category,
                    enterpriseIDs: body.enterprises ?? [],
                    items: try Self.items(body, rules.checklists),
                    checklistID: body.checklist,
                    deadline: try body.deadline.map { try RequestInput.deadline($0, "deadline") }
                ),
                rules: rules.escalation,
                by: actor,
                at: context.now
            )
            return EditedResponse(
                status: .created,
                response: try await repository.warningReport(warning.id, asOf: context.now, visibleTo: .person(actor))
            )
        }
        group.get("warnings/{id}") { request, context -> WarningReport in
            let viewer = try context.requireViewer()
            return try await repository.warningReport(
                try context.parameters.require("id", as: Int64.self),
                asOf: try RequestInput.asOf(request, now: context.now),
                visibleTo: viewer
            )
        }
        group.post("warnings/{id}/acknowledge") { _, context -> WarningTask in
            let actor = try context.requirePerson().actor
            return try await repository.acknowledgeTask(warningID: try context.parameters.require("id", as: Int64.self), by: actor, at: context.now)
        }
        group.post("warnings/{id}/answer") { request, context -> Answered in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: AnswerBody.self, context: context)
            let (task, hazards) = try await repository.answerTask(
                warningID: try context.parameters.require("id", as: Int64.self),
                results: body.results,
                workshopID: body.workshop,
                by: actor,
                at: context.now
            )
            return Answered(task: task, hazards: hazards)
        }
        group.get("inspections") { request, context in
            let viewer = try context.requireViewer()
            let enterprise = try await request.uri.queryParameters.get("enterprise").asyncMap {
                try await repository.enterprise($0, visibleTo: viewer).id
            }
            return try RequestInput.page(try await repository.inspections(enterpriseID: enterprise, visibleTo: viewer), request)
        }
        group.post("inspections") { request, context -> EditedResponse<Recorded> in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: InspectionBody.self, context: context)
            let (inspection, hazards) = try await repository.recordInspection(
                InspectionRequest(
                    kind: body.kind,
                    enterpriseID: body.enterprise,
                    performedAt: try Inspection.performed(RequestInput.date(body.performedAt, "performedAt"), now: context.now, local: LocalTime()),
                    summary: body.summary,
                    items: body.items.map { item in
                        var item = item
                        item.hazardID = nil
                        return item
                    },
                    delegatesAcceptance: body.delegateAcceptance ?? false
                ),
                by: actor,
                at: context.now
            )
            return EditedResponse(status: .created, response: Recorded(inspection: inspection, hazards: hazards))
        }
        group.get("inbox") { _, context -> Inbox in
            let actor = try context.requirePerson().actor
            let items = try await repository.inbox(of: actor, at: context.now).sorted { $0.since > $1.since }
            return Inbox(unread: items.filter { !$0.read }.count, items: items)
        }
        group.post("inbox/read") { request, context -> HTTPResponse.Status in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: ReadBody.self, context: context)
            try await repository.markRead(body.key, by: actor, at: context.now)
            return .noContent
        }
    }

    /// The body's items, and one per risk point of the checklist it names.
    static func items(_ body: WarningBody, _ checklists: [Checklist]) throws -> [WarningItem] {
        guard let name = body.checklist else { return body.items }
        guard let list = checklists.first(where: { $0.category == name }) else {
            throw Problem(
                status: .unprocessableContent,
                rule: "CHECKLIST-UNKNOWN",
                title: "unknown checklist",
                detail: "there is no checklist \(name); known: \(checklists.map(\.category).joined(separator: ", "))"
            )
        }
        return body.items + WarningItem.from(list)
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
