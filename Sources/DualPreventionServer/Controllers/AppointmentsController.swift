import DualPrevention
import DualPreventionStore
import Foundation
import Hummingbird

/// Regional quality safety directors' appointments (DOMAIN.md §13): a regulator over the enterprise appoints and ends,
/// anyone lists what is in their sight. The store and the rules decide, as for the CLI.
struct AppointmentsController {
    let repository: any Repository
    let rules: ServerRules

    struct Appoint: Decodable {
        var directorID: Int64
        var enterpriseID: Int64
        /// First day of the term (local date or ISO 8601 instant); now when left out.
        var from: String?
        /// Last day of the term: the term runs to its end.
        var until: String
    }

    struct End: Decodable { var reason: String }

    /// An appointment as the API shows it: with the number the director signs under and whether it is in office.
    struct Shown: ResponseEncodable {
        var appointment: DirectorAppointment
        var number: String
        var inOffice: Bool

        init(_ appointment: DirectorAppointment, at now: Date) {
            self.appointment = appointment
            number = appointment.number
            inOffice = appointment.inOffice(at: now)
        }

        enum Keys: String, CodingKey { case number, inOffice }

        /// The appointment's own fields, and beside them its number and whether it is in office.
        func encode(to encoder: any Encoder) throws {
            try appointment.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(number, forKey: .number)
            try container.encode(inOffice, forKey: .inOffice)
        }
    }

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.get("appointments") { request, context in
            let viewer = try context.requireViewer()
            let query = request.uri.queryParameters
            let list = try await repository.appointments(
                directorID: query.get("director", as: Int64.self),
                enterpriseID: query.get("enterprise", as: Int64.self),
                visibleTo: viewer
            )
            return try RequestInput.page(list.map { Shown($0, at: context.now) }, request)
        }
        group.post("appointments") { request, context -> EditedResponse<Shown> in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: Appoint.self, context: context)
            // Dates are the enterprise's, as the CLI and the page read them.
            let local = try LocalTime(timeZoneID: try await repository.enterprise(String(body.enterpriseID), visibleTo: .person(actor)).timeZoneID)
            let appointment = try await repository.appoint(
                directorID: body.directorID,
                enterpriseID: body.enterpriseID,
                from: try body.from.map { try RequestInput.day($0, "from", local: local) } ?? context.now,
                until: try RequestInput.deadline(body.until, "until", local: local),
                rules: rules.appointments,
                by: actor,
                at: context.now
            )
            return EditedResponse(status: .created, response: Shown(appointment, at: context.now))
        }
        group.post("appointments/{id}/end") { request, context -> Shown in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: End.self, context: context)
            let ended = try await repository.endAppointment(
                try context.parameters.require("id", as: Int64.self),
                note: body.reason,
                by: actor,
                at: context.now
            )
            return Shown(ended, at: context.now)
        }
    }
}
