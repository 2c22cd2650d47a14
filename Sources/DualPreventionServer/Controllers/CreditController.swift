import DualPrevention
import DualPreventionStore
import Foundation
import Hummingbird

/// Quality records (add, withdraw), dual-prevention performance, and credit grades assessed or stored. The store checks who may do what, as for the CLI.
struct CreditController {
    let repository: any Repository
    let rules: ServerRules

    struct NewRecord: Decodable {
        var enterpriseID: Int64
        var kind: String
        var subtype: String
        var occurredOn: String
        var area: String?
        var product: String?
        var reference: String?
        var note: String?
        var value: Double?
        var validUntil: String?
    }
    struct Reason: Decodable { var reason: String }
    struct NewGrade: Decodable {
        var enterpriseID: Int64
        var asOf: String?
        var months: Int?
    }

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.post("records") { request, context -> EditedResponse<QualityRecord> in
            let actor = try context.requirePerson().actor
            let b = try await request.decode(as: NewRecord.self, context: context)
            let kind: QualityRecordKind = try RequestInput.parse(b.kind, "kind")
            let area: ListArea = try b.area.map { try RequestInput.parse($0, "area") } ?? .productQuality
            let local = try LocalTime()
            let now = context.now
            let draft = QualityRecord(
                enterpriseID: b.enterpriseID,
                kind: kind,
                subtype: b.subtype,
                occurredOn: QualityRecord.occurred(try RequestInput.date(b.occurredOn, "occurredOn"), now: now, local: local),
                area: area,
                product: b.product ?? "",
                reference: b.reference ?? "",
                note: b.note ?? "",
                value: b.value,
                validUntil: try b.validUntil.map { try RequestInput.date($0, "validUntil") }
            )
            try RequestInput.rule(rules.credit, "credit").requireKnownVeto(draft)
            let records = try await repository.addQualityRecords([draft], by: actor, at: now) { _, _ in }
            return EditedResponse(status: .created, response: try RequestInput.required(records.first, "record"))
        }
        group.post("records/{id}/withdraw") { request, context -> QualityRecord in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: Reason.self, context: context)
            return try await repository.withdrawQualityRecord(
                try context.parameters.require("id", as: Int64.self),
                reason: body.reason,
                by: actor,
                at: context.now
            )
        }
        group.get("performance") { request, context -> [String: MetricValue] in
            let viewer = try context.requireViewer()
            let enterpriseID = try RequestInput.required(try await APIController(repository: repository).enterpriseID(request, viewer), "enterprise")
            let asOf = try RequestInput.asOf(request, now: context.now)
            return try await repository.performance(
                enterpriseID: enterpriseID,
                asOf: asOf,
                since: try RequestInput.window(request, asOf: asOf),
                visibleTo: viewer
            )
        }
        group.get("credit-grades/assess") { request, context -> CreditGradeRecord in
            let viewer = try context.requireViewer()
            let enterpriseID = try RequestInput.required(try await APIController(repository: repository).enterpriseID(request, viewer), "enterprise")
            let asOf = try RequestInput.asOf(request, now: context.now)
            return try await repository.assessCredit(
                enterpriseID: enterpriseID,
                rules: try RequestInput.rule(rules.credit, "credit"),
                asOf: asOf,
                since: try RequestInput.window(request, asOf: asOf),
                visibleTo: viewer
            )
        }
        group.post("credit-grades") { request, context -> EditedResponse<CreditGradeRecord> in
            let actor = try context.requirePerson().actor
            let b = try await request.decode(as: NewGrade.self, context: context)
            let now = context.now
            let asOf = try b.asOf.map { try RequestInput.date($0, "asOf") } ?? now
            let months = b.months ?? 12
            guard (1...120).contains(months) else {
                throw InputError(rule: "INPUT-MONTHS", message: Text("creditController.monthsFrom1120"))
            }
            let grade = try await repository.recordCreditGrade(
                enterpriseID: b.enterpriseID,
                rules: try RequestInput.rule(rules.credit, "credit"),
                asOf: min(asOf, now),
                since: Months.before(asOf, months),
                by: actor,
                at: now
            )
            return EditedResponse(status: .created, response: grade)
        }
    }

}
