import DualPrevention
import DualPreventionPresentation
import DualPreventionStore
import Foundation
import Hummingbird

/// Inspections as pages: the records in sight, and for a regulator the form that records one (each failed item opens
/// a hazard in the enterprise's register).
struct InspectionPages {
    let pages: Pages
    var repository: any Repository { pages.repository }

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.get("inspections", use: list)
        group.post("inspections", use: record)
    }

    @Sendable func list(_ request: Request, context: ServerContext) async throws -> HTML {
        try await list(refused: nil, request: request, context: context)
    }

    /// The inspections page; with a refused record, its form again with what was typed and the reason beside it.
    func list(refused: FormRefusal?, request: Request, context: ServerContext) async throws -> HTML {
        let person = try context.requirePerson()
        let viewer = Viewer.person(person.actor)
        let l = context.language
        let local = LocalDates(try LocalTime(), language: context.language)
        let inspections = try await repository.inspections(enterpriseID: nil, visibleTo: viewer)
        let names = try await Names.load(
            repository,
            viewer: viewer,
            enterpriseIDs: inspections.map(\.enterpriseID),
            people: inspections.map(\.regulatorID)
        )
        struct Item {
            var ref: String
            var text: String
            var passed: Bool
            var finding: String
            var hazardID: Int64?
        }
        struct Row {
            var number: String
            var kind: String
            var enterprise: String
            var date: String
            var by: String
            var summary: String
            var acceptance: String
            var items: [Item]
        }
        struct Model {
            var rows: [Row]
            var canRecord: Bool
            var kinds: [Kind]
            var refusal: FormRefusal?
            var typed: [String: String]
            var delegate: Bool
        }
        struct Kind {
            var value: String
            var label: String
            var selected: Bool
        }
        let rows = inspections.map { i in
            Row(
                number: i.number,
                kind: i.kind.label(l),
                enterprise: names.enterprise(i.enterpriseID),
                date: local.day(i.performedAt),
                by: names.personOrID(i.regulatorID),
                summary: i.summary,
                acceptance: i.delegatesAcceptance
                    ? Text("inspectionPages.enterpriseAccepts")(l) : Text("inspectionPages.regulatorAccepts")(l),
                items: i.items.map { Item(ref: $0.ref, text: $0.text, passed: $0.passed, finding: $0.finding, hazardID: $0.hazardID) }
            )
        }
        return try pages.page(
            "inspections",
            title: Text("inspectionPages.inspections"),
            Model(
                rows: rows,
                canRecord: person.role == .regulator,
                kinds: InspectionKind.allCases.map { Kind(value: $0.rawValue, label: $0.label(l), selected: refused?["kind"] == $0.rawValue) },
                refusal: refused,
                typed: refused?.fields ?? [:],
                delegate: refused?["delegate"].isEmpty == false
            ),
            request: request,
            context: context,
            status: refused?.status ?? .ok
        )
    }

    /// Items come one per line: `REF=what was inspected` passed, `REF=what was inspected=what was found` failed.
    @Sendable func record(_ request: Request, context: ServerContext) async throws -> Response {
        let actor = try context.requirePerson().actor
        let form = try await PageForm.read(request, context: context)
        return try await FormRefusal.answer(form, request: request, context: context) {
            try await record(form, by: actor, context: context).response(from: request, context: context)
        } again: { refusal in
            try await list(refused: refusal, request: request, context: context)
        }
    }

    func record(_ form: PageForm, by actor: Actor, context: ServerContext) async throws -> SeeOther {
        let viewer = Viewer.person(actor)
        let enterprise = try await repository.enterprise(form["enterprise"] ?? "", visibleTo: viewer)
        var workshopID: Int64?
        if let name = form["workshop"] {
            let workshops = try await repository.workshops(enterpriseID: enterprise.id, visibleTo: viewer)
            guard let found = Workshop.named(name, in: workshops) else {
                throw NotFoundError(what: "workshop of \(enterprise.name)", key: name)
            }
            workshopID = found.id
        }
        let majors = Set((form["major"] ?? "").split(whereSeparator: { $0 == "," || $0 == " " || $0 == "，" }).map(String.init))
        let items = (form["items"] ?? "").split(whereSeparator: \.isNewline).compactMap { line -> InspectionItem? in
            let parts = line.split(separator: "=", maxSplits: 2).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count >= 2, !parts[0].isEmpty else { return nil }
            let failed = parts.count == 3
            return InspectionItem(
                ref: parts[0],
                text: parts[1],
                passed: !failed,
                finding: failed ? parts[2] : "",
                workshopID: failed ? workshopID : nil,
                grade: majors.contains(parts[0]) ? .major : .general
            )
        }
        let local = try LocalTime(timeZoneID: enterprise.timeZoneID)
        _ = try await repository.recordInspection(
            InspectionRequest(
                kind: InspectionKind(rawValue: form["kind"] ?? "") ?? .random,
                enterpriseID: enterprise.id,
                performedAt: Inspection.performed(
                    try local.parse(form["date"] ?? "", field: Text("page.date")(context.language)),
                    now: context.now,
                    local: local
                ),
                summary: form["summary"] ?? "",
                items: items,
                delegatesAcceptance: form["delegate"] != nil
            ),
            by: actor,
            at: context.now
        )
        return SeeOther(location: "/inspections")
    }
}
