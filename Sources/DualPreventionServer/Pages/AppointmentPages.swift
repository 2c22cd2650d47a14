import DualPrevention
import DualPreventionPresentation
import DualPreventionStore
import Foundation
import Hummingbird

/// Regional quality safety directors' appointments as a page (DOMAIN.md §13): a regulator sees those over its
/// enterprises, appoints and ends; a regional director sees their own. The store and the rules decide.
struct AppointmentPages {
    let pages: Pages
    var repository: any Repository { pages.repository }

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.get("appointments", use: list)
        group.post("appointments", use: appoint)
        group.post("appointments/{id}/end", use: end)
    }

    @Sendable func list(_ request: Request, context: ServerContext) async throws -> HTML {
        try await list(refused: nil, request: request, context: context)
    }

    /// The appointments in sight; with a refused form, that form again with what was typed and the reason.
    func list(refused: FormRefusal?, request: Request, context: ServerContext) async throws -> HTML {
        let person = try context.requirePerson()
        let l = context.language
        let local = LocalDates(try LocalTime(), language: l)
        struct Row {
            var id: Int64
            var number: String
            var director: String
            var enterprise: String
            var term: String
            var inOffice: Bool
            var ended: String?
            var canEnd: Bool
        }
        struct Model {
            var rows: [Row]
            var canAppoint: Bool
            var cap: Int
            var refusal: FormRefusal?
            var typed: [String: String]
        }
        let viewer = Viewer.person(person.actor)
        let list = try await repository.appointments(directorID: nil, enterpriseID: nil, visibleTo: viewer)
        let names = try await repository.names(of: list)
        let regulator = person.role == .regulator
        let rows = list.map { a in
            Row(
                id: a.id,
                number: a.number,
                director: names.person(a.directorID),
                enterprise: names.enterprise(a.enterpriseID),
                term: "\(local.day(a.startsAt)) – \(local.deadline(a.endsAt))",
                inOffice: a.inOffice(at: context.now),
                ended: a.endedAt.map { "\(local.minute($0)) \(names.person(a.endedBy))：\(a.endNote)" },
                canEnd: regulator && a.endedAt == nil
            )
        }
        return try pages.page(
            "appointments",
            title: Text("appointmentPages.title"),
            Model(
                rows: rows,
                canAppoint: regulator,
                cap: pages.rules.appointments.regionalDirectorCap,
                refusal: refused,
                typed: refused?.fields ?? [:]
            ),
            request: request,
            context: context,
            status: refused?.status ?? .ok
        )
    }

    @Sendable func appoint(_ request: Request, context: ServerContext) async throws -> Response {
        let actor = try context.requirePerson().actor
        let form = try await PageForm.read(request, context: context)
        return try await FormRefusal.answer(form, request: request, context: context) {
            let l = context.language
            let viewer = Viewer.person(actor)
            let director = try await repository.person(try RequestInput.required(form["director"], Text("role.regionalDirector")(l)))
            let enterprise = try await repository.enterprise(
                try RequestInput.required(form["enterprise"], Text("page.enterprise")(l)),
                visibleTo: viewer
            )
            let local = try LocalTime(timeZoneID: enterprise.timeZoneID)
            _ = try await repository.appoint(
                directorID: director.id,
                enterpriseID: enterprise.id,
                from: try form["from"].map { local.startOfDay(try local.parse($0, field: Text("appointmentPages.from")(l))) } ?? context.now,
                until: try local.parseDeadline(
                    try RequestInput.required(form["until"], Text("appointmentPages.until")(l)),
                    field: Text("appointmentPages.until")(l)
                ),
                rules: pages.rules.appointments,
                by: actor,
                at: context.now
            )
            return Response(status: .seeOther, headers: [.location: "/appointments"])
        } again: { refusal in
            try await list(refused: refusal, request: request, context: context)
        }
    }

    @Sendable func end(_ request: Request, context: ServerContext) async throws -> Response {
        let actor = try context.requirePerson().actor
        let form = try await PageForm.read(request, context: context)
        let id = try context.parameters.require("id", as: Int64.self)
        return try await FormRefusal.answer(form, request: request, context: context) {
            _ = try await repository.endAppointment(id, note: form["reason"] ?? "", by: actor, at: context.now)
            return Response(status: .seeOther, headers: [.location: "/appointments"])
        } again: { refusal in
            try await list(refused: refusal, request: request, context: context)
        }
    }
}
