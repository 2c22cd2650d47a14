import DualPrevention
import DualPreventionStore
import Foundation
import Hummingbird

/// Red and black lists (evaluate, review, publish, the public view), benchmark assessments and assessors' appointments. The store checks who may do what, as for the CLI.
struct ListsAndBenchmarkController {
    let repository: any Repository
    let rules: ServerRules

    struct Quarter: Decodable { var quarter: String }
    struct Review: Decodable {
        var approve: Bool
        var note: String?
    }
    struct Appointment: Decodable {
        var assessorID: Int64
        var enterpriseID: Int64
    }

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.post("list-entries/evaluate") { request, context -> EditedResponse<[ListEntry]> in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: Quarter.self, context: context)
            let entries = try await repository.evaluateLists(
                quarter: try ReportingPeriod(body.quarter, field: "quarter"),
                rules: try RequestInput.rule(rules.lists, "list"),
                by: actor,
                at: context.now
            )
            return EditedResponse(status: .created, response: entries)
        }
        group.post("list-entries/{id}/review") { request, context -> ListEntry in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: Review.self, context: context)
            return try await repository.reviewListEntry(
                try context.parameters.require("id", as: Int64.self),
                approve: body.approve,
                note: body.note ?? "",
                by: actor,
                at: context.now
            )
        }
        group.post("list-entries/publish") { request, context -> [ListEntry] in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: Quarter.self, context: context)
            return try await repository.publishLists(quarter: body.quarter, by: actor, at: context.now)
        }
        // Public information (DOMAIN.md §14): answered without a login, and only what the public sees, in the words
        // of the public listing: no review notes, evidence keys or people of the regulator's record.
        group.get("public-lists") { request, context in
            let lines = try await repository.publicLists(
                rules: try RequestInput.rule(rules.lists, "list"),
                at: try RequestInput.asOf(request, now: context.now),
                now: context.now
            )
            return try RequestInput.page(lines.map(PublicListing.init), request)
        }
        group.get("benchmark") { request, context -> BenchmarkAssessment in
            let viewer = try context.requireViewer()
            let query = request.uri.queryParameters
            let period = try ReportingPeriod(try RequestInput.required(query.get("period"), "period"), field: "period")
            let baseline = try query.get("baseline").map { try ReportingPeriod($0, field: "baseline") } ?? period.yearBefore
            let inputs = try await repository.benchmarkInputs(
                enterprise: try RequestInput.required(query.get("enterprise"), "enterprise"),
                visibleTo: viewer
            )
            return try BenchmarkAssessor.assess(
                inputs,
                rules: try RequestInput.rule(rules.benchmark, "benchmark"),
                period: period,
                baseline: baseline,
                at: context.now
            )
        }
        group.get("assessment-assignments") { request, context in
            try RequestInput.page(try await repository.assignments(visibleTo: try context.requireViewer()), request)
        }
        group.post("assessment-assignments") { request, context -> EditedResponse<AssessmentAssignment> in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: Appointment.self, context: context)
            return EditedResponse(
                status: .created,
                response: try await repository.assignAssessor(body.assessorID, enterpriseID: body.enterpriseID, by: actor, at: context.now)
            )
        }
        group.post("assessment-assignments/end") { request, context -> AssessmentAssignment in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: Appointment.self, context: context)
            return try await repository.endAssignment(body.assessorID, enterpriseID: body.enterpriseID, by: actor, at: context.now)
        }
    }

}

/// A list entry as the public sees it: the enterprise, the list and area, the reason, the quarter, when it was
/// published and until when it is public. Nothing of the regulators' record behind it.
struct PublicListing: Encodable, Sendable {
    var list: ListKind
    var area: ListArea
    var quarter: String
    var criterion: String
    var reason: Text
    var enterpriseName: String
    var creditCode: String
    var publishedAt: Date?
    var publicUntil: Date?

    init(_ line: ListingLine) {
        (list, area, quarter, criterion) = (line.entry.list, line.entry.area, line.entry.quarter, line.entry.criterion)
        reason = line.entry.criterionName
        (enterpriseName, creditCode, publishedAt) = (line.enterpriseName, line.creditCode, line.entry.publishedAt)
        if case .shown(let until) = line.visibility { publicUntil = until }
    }
}
