import DualPrevention
import DualPreventionStore
import Foundation
import Hummingbird

/// Risk points and their gradings, check plans with their items, records and schedule, and a hazard's evidence
/// and allowed actions. The store checks who may do what, as for the CLI.
struct RiskAndChecksController {
    let repository: any Repository
    let rules: ServerRules

    struct Grading: Decodable {
        var method: String?
        var l: Double?
        var e: Double?
        var c: Double?
        var s: Int?
        var reason: String?

        func input() throws -> GradingInput? {
            let method: GradingMethodKind? = try self.method.map { try RequestInput.parse($0, "method") }
            return try GradingInput.make(method: method, l: l, e: e, c: c, s: s)
        }
    }
    struct NewRiskPoint: Decodable {
        var enterpriseID: Int64
        var workshopID: Int64
        var teamID: Int64?
        var postID: Int64?
        var dimension: String
        var controlStage: String
        var name: String
        var hazardDescription: String
        var measures: String
        var target: String
        var frequency: String
        var ownerID: Int64
        var productCategory: String?
        var grading: Grading?
    }
    struct NewPlan: Decodable {
        var enterpriseID: Int64
        var kind: String
        var responsibleID: Int64
        var startsOn: String
    }
    struct NewRun: Decodable {
        var failures: [String: String]?
        var minutes: CheckMinutes?
    }
    struct Recorded: ResponseEncodable {
        var run: CheckRun
        var hazards: [Hazard]
    }

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.post("risk-points") { request, context -> EditedResponse<RiskPoint> in
            let actor = try context.requirePerson().actor
            let b = try await request.decode(as: NewRiskPoint.self, context: context)
            let frequency: ControlFrequency = try RequestInput.parse(b.frequency, "frequency")
            let draft = RiskPoint(
                id: 0,
                enterpriseID: b.enterpriseID,
                workshopID: b.workshopID,
                teamID: b.teamID,
                postID: b.postID,
                dimension: b.dimension,
                controlStage: b.controlStage,
                name: b.name,
                hazardDescription: b.hazardDescription,
                measures: b.measures,
                target: b.target,
                frequency: frequency,
                ownerID: b.ownerID,
                productCategory: b.productCategory ?? ""
            )
            return EditedResponse(
                status: .created,
                response: try await repository.addRiskPoint(draft, grading: try b.grading?.input(), by: actor, at: context.now)
            )
        }
        group.post("risk-points/{id}/grade") { request, context -> EditedResponse<GradingRecord> in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: Grading.self, context: context)
            let input = try RequestInput.required(try body.input(), "method")
            let record = try await repository.grade(
                riskPointID: try context.parameters.require("id", as: Int64.self),
                input,
                reason: try RequestInput.required(body.reason, "reason"),
                by: actor,
                at: context.now
            )
            return EditedResponse(status: .created, response: record)
        }
        group.post("check-plans") { request, context -> EditedResponse<CheckPlan> in
            let actor = try context.requirePerson().actor
            let b = try await request.decode(as: NewPlan.self, context: context)
            let kind: CheckKind = try RequestInput.parse(b.kind, "kind")
            let plan = try await repository.addCheckPlan(
                enterpriseID: b.enterpriseID,
                kind: kind,
                responsibleID: b.responsibleID,
                startsOn: try RequestInput.date(b.startsOn, "startsOn"),
                by: actor,
                at: context.now
            )
            return EditedResponse(status: .created, response: plan)
        }
        group.get("check-plans/{id}/items") { request, context in
            let viewer = try context.requireViewer()
            return try RequestInput.page(
                try await repository.checkItems(planID: try context.parameters.require("id", as: Int64.self), visibleTo: viewer),
                request
            )
        }
        group.post("check-plans/{id}/runs") { request, context -> EditedResponse<Recorded> in
            let actor = try context.requirePerson().actor
            let b = try await request.decode(as: NewRun.self, context: context)
            let (run, hazards) = try await repository.recordCheck(
                planID: try context.parameters.require("id", as: Int64.self),
                failures: b.failures ?? [:],
                minutes: b.minutes,
                by: actor,
                at: context.now
            )
            return EditedResponse(status: .created, response: Recorded(run: run, hazards: hazards))
        }
        group.get("check-schedule") { request, context in
            let viewer = try context.requireViewer()
            let enterpriseID = try await APIController(repository: repository).enterpriseID(request, viewer)
            let plans = try await repository.checkPlans(enterpriseID: enterpriseID, visibleTo: viewer)
            let done = CheckSchedule.donePeriods(try await repository.checkRuns(enterpriseID: enterpriseID, visibleTo: viewer))
            let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: plans.map(\.enterpriseID))
            let now = context.now
            let entries = plans.flatMap { CheckSchedule(local: names.localTime($0.enterpriseID)).entries(for: $0, done: done[$0.id] ?? [], at: now) }
            return try RequestInput.page(entries, request)
        }
        group.get("hazards/{key}/evidence") { request, context in
            let viewer = try context.requireViewer()
            let hazard = try await repository.hazard(try context.parameters.require("key"), visibleTo: viewer)
            return try RequestInput.page(try await repository.evidence(of: hazard.id, visibleTo: viewer), request)
        }
        group.get("hazards/{key}/actions") { request, context in
            let person = try context.requirePerson()
            let hazard = try await repository.hazard(try context.parameters.require("key"), visibleTo: .person(person.actor))
            return try RequestInput.page(hazard.availableActions(for: person.actor, at: context.now), request)
        }
    }

}
