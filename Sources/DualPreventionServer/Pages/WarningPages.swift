import DualPrevention
import DualPreventionPresentation
import DualPreventionStore
import Foundation
import Hummingbird

/// Warnings as people work them: the regulator issues one and follows its tasks; an enterprise acknowledges and
/// answers its own; everyone has an inbox of what waits for them. The store checks every read and write.
struct WarningPages {
    let pages: Pages
    var repository: any Repository { pages.repository }

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.get("warnings", use: list)
        group.post("warnings", use: issue)
        group.get("warnings/{id}", use: show)
        group.post("warnings/{id}/acknowledge", use: acknowledge)
        group.post("warnings/{id}/answer", use: answer)
        group.get("inbox", use: inbox)
        group.post("inbox/read", use: markRead)
    }

    @Sendable func list(_ request: Request, context: ServerContext) async throws -> HTML {
        try await list(refused: nil, request: request, context: context)
    }

    /// The warnings page; with a refused warning, its form again with what was typed and the reason beside it.
    func list(refused: FormRefusal?, request: Request, context: ServerContext) async throws -> HTML {
        let person = try context.requirePerson()
        let l = context.language
        let local = LocalDates(try LocalTime(), language: context.language)
        struct Row {
            var id: Int64
            var number: String
            var kind: String
            var title: String
            var issued: String
            var deadline: String
        }
        struct Model {
            var rows: [Row]
            var canIssue: Bool
            var categories: [String]
            var refusal: FormRefusal?
            var typed: [String: String]
            var investigation: Bool
        }
        let warnings = try await repository.warnings(visibleTo: .person(person.actor))
        let rows = warnings.map {
            Row(
                id: $0.id,
                number: $0.number,
                kind: $0.kind.label(l),
                title: $0.title,
                issued: local.day($0.issuedAt),
                deadline: local.deadline($0.deadline)
            )
        }
        let categories = pages.rules.checklists.map(\.name.zh)
        return try pages.page(
            "warnings",
            title: Text("warningPages.warningsSpecialInvestigations"),
            Model(
                rows: rows,
                canIssue: person.role == .regulator,
                categories: categories,
                refusal: refused,
                typed: refused?.fields ?? [:],
                investigation: refused?["kind"] == "investigation"
            ),
            request: request,
            context: context,
            status: refused?.status ?? .ok
        )
    }

    @Sendable func issue(_ request: Request, context: ServerContext) async throws -> Response {
        let actor = try context.requirePerson().actor
        let form = try await PageForm.read(request, context: context)
        return try await FormRefusal.answer(form, request: request, context: context) {
            try await issue(form, by: actor, context: context).response(from: request, context: context)
        } again: { refusal in
            try await list(refused: refusal, request: request, context: context)
        }
    }

    func issue(_ form: PageForm, by actor: Actor, context: ServerContext) async throws -> SeeOther {
        var items: [WarningItem] = []
        for (index, line) in (form["items"] ?? "").split(whereSeparator: \.isNewline).enumerated() {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            // "REF=text", or a line of text alone, numbered in order.
            if let equals = text.firstIndex(of: "="), equals != text.startIndex {
                items.append(
                    WarningItem(ref: String(text[..<equals]).trimmingCharacters(in: .whitespaces), text: String(text[text.index(after: equals)...]))
                )
            } else {
                items.append(WarningItem(ref: "\(index + 1)", text: text))
            }
        }
        let (warning, _) = try await repository.issueWarning(
            WarningRequest(
                kind: form["kind"] == "investigation" ? .investigation : .warning,
                title: form["title"] ?? "",
                text: form["text"] ?? "",
                category: form["category"] ?? "",
                items: items,
                deadline: try form["deadline"].map { try RequestInput.deadline($0, Text("page.deadline")(context.language)) }
            ),
            rules: pages.rules.escalation,
            by: actor,
            at: context.now
        )
        return SeeOther(location: "/warnings/\(warning.id)")
    }

    @Sendable func show(_ request: Request, context: ServerContext) async throws -> HTML {
        try await show(refused: nil, request: request, context: context)
    }

    /// A warning and its tasks; with a refused answer, its form again with each item as sent and the reason above.
    func show(refused: FormRefusal?, request: Request, context: ServerContext) async throws -> HTML {
        let person = try context.requirePerson()
        let l = context.language
        let local = LocalDates(try LocalTime(), language: context.language)
        let report = try await repository.warningReport(
            try context.parameters.require("id", as: Int64.self),
            asOf: context.now,
            visibleTo: .person(person.actor)
        )
        struct Row {
            var enterprise: String
            var district: String
            var state: String
            var overdue: Bool
            var open: Int
            var answered: String
            var hazards: [Link]
        }
        struct Link {
            var id: Int64
        }
        struct District {
            var name: String
            var tasks: Int
            var acknowledged: Int
            var answered: Int
            var closed: Int
            var overdue: Int
        }
        struct Item {
            var ref: String
            var text: String
            var failed: Bool
            var note: String
        }
        struct Workshop {
            var id: Int64
            var name: String
            var selected: Bool
        }
        struct Model {
            var number: String
            var kind: String
            var text: String
            var deadline: String
            var items: [Item]
            var rows: [Row]
            var districts: [District]
            var id: Int64
            var canAcknowledge: Bool
            var canAnswer: Bool
            var workshops: [Workshop]
            var refusal: FormRefusal?
        }
        let own = report.tasks.first { $0.task.enterpriseID == person.enterpriseID }
        let answerer = WarningTask.answerers.contains(person.role)
        var workshops: [Workshop] = []
        if answerer, own?.task.state == .acknowledged, let enterpriseID = person.enterpriseID {
            workshops = try await repository.workshops(enterpriseID: enterpriseID, visibleTo: .person(person.actor)).map {
                Workshop(id: $0.id, name: $0.name, selected: refused?["workshop"] == String($0.id))
            }
        }
        let model = Model(
            number: report.warning.number,
            kind: report.warning.kind.label(l),
            text: report.warning.text,
            deadline: local.deadline(report.warning.deadline),
            items: report.warning.items.map {
                Item(ref: $0.ref, text: $0.text, failed: refused?["item.\($0.ref)"] == "fail", note: refused?["note.\($0.ref)"] ?? "")
            },
            rows: report.tasks.map { line in
                Row(
                    enterprise: line.enterpriseName,
                    district: line.districtName,
                    state: line.task.state.label(l),
                    overdue: line.overdue,
                    open: line.openHazards,
                    answered: line.task.answeredAt.map(local.minute) ?? "",
                    hazards: line.task.hazardIDs.map { Link(id: $0) }
                )
            },
            districts: report.districts.map {
                District(name: $0.name, tasks: $0.tasks, acknowledged: $0.acknowledged, answered: $0.answered, closed: $0.closed, overdue: $0.overdue)
            },
            id: report.warning.id,
            canAcknowledge: answerer && own?.task.state == .issued,
            canAnswer: answerer && own?.task.state == .acknowledged,
            workshops: workshops,
            refusal: refused
        )
        return try pages.page(
            "warning",
            title: Text(zh: report.warning.title, en: report.warning.title),
            model,
            request: request,
            context: context,
            status: refused?.status ?? .ok
        )
    }

    @Sendable func acknowledge(_ request: Request, context: ServerContext) async throws -> SeeOther {
        let actor = try context.requirePerson().actor
        _ = try await PageForm.read(request, context: context)
        let id = try context.parameters.require("id", as: Int64.self)
        _ = try await repository.acknowledgeTask(warningID: id, by: actor, at: context.now)
        return SeeOther(location: "/warnings/\(id)")
    }

    /// Each item comes as `item.REF` = pass or fail, with `note.REF` saying what was found.
    @Sendable func answer(_ request: Request, context: ServerContext) async throws -> Response {
        let actor = try context.requirePerson().actor
        let form = try await PageForm.read(request, context: context)
        let id = try context.parameters.require("id", as: Int64.self)
        return try await FormRefusal.answer(form, request: request, context: context) {
            try await answer(form, warningID: id, by: actor, context: context).response(from: request, context: context)
        } again: { refusal in
            try await show(refused: refusal, request: request, context: context)
        }
    }

    func answer(_ form: PageForm, warningID id: Int64, by actor: Actor, context: ServerContext) async throws -> SeeOther {
        let results = form.fields.keys.filter { $0.hasPrefix("item.") }.sorted().map { key in
            let ref = String(key.dropFirst("item.".count))
            return WarningTask.ItemResult(ref: ref, passed: form[key] != "fail", note: form["note.\(ref)"] ?? "")
        }
        _ = try await repository.answerTask(
            warningID: id,
            results: results,
            workshopID: form["workshop"].flatMap { Int64($0) },
            by: actor,
            at: context.now
        )
        return SeeOther(location: "/warnings/\(id)")
    }

    @Sendable func inbox(_ request: Request, context: ServerContext) async throws -> HTML {
        let person = try context.requirePerson()
        let l = context.language
        let local = LocalDates(try LocalTime(), language: context.language)
        struct Row {
            var key: String
            var what: String
            var number: String
            var link: String
            var summary: String
            var since: String
            var read: Bool
            /// The enterprise, in a regional director's inbox across those they serve.
            var enterprise: String?
        }
        struct Model {
            var rows: [Row]
        }
        let items = try await repository.inbox(of: person.actor, at: context.now).sorted { $0.since > $1.since }
        let rows = items.map { item in
            Row(
                key: item.key,
                what: item.step?.label(l) ?? item.kind.label(l),
                number: item.number,
                link: item.link,
                summary: item.summary,
                since: local.minute(item.since),
                read: item.read,
                enterprise: item.enterprise
            )
        }
        return try pages.page("inbox", title: Text("warningPages.inbox"), Model(rows: rows), request: request, context: context)
    }

    @Sendable func markRead(_ request: Request, context: ServerContext) async throws -> SeeOther {
        let actor = try context.requirePerson().actor
        let form = try await PageForm.read(request, context: context)
        try await repository.markRead(form["key"] ?? "", by: actor, at: context.now)
        return SeeOther(location: "/inbox")
    }

}
