import ArgumentParser
import DualPrevention
import DualPreventionStore
import Foundation

/// Regional quality safety directors' appointments (区域质量安全总监, DOMAIN.md §13).
struct AppointmentCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appointment",
        abstract: "Regional quality safety directors (区域质量安全总监): appoint one to a small enterprise, end it, list them.",
        discussion: """
            A regulator over an enterprise appoints a regional director (a person of role regionalDirector in a
            jurisdiction holding the enterprise) for a term. While the appointment is in office the director acts as
            the enterprise's director: `--as` them with `--enterprise` naming the enterprise (left out when they serve
            one only); each sign-off names the appointment and the enterprise. An enterprise has at most one director in
            office, its own or a regional one; one director serves at most regionalDirectorCap enterprises at once
            (checklists/appointment-rules.yaml, 20 by default). Ending an appointment takes effect at the next command
            or page the director opens.

            Examples:
              dualprev person add --as 1 --name 周丽 --role regionalDirector --jurisdiction 3
              dualprev appointment add --as "路桥分局 赵敏" --director 周丽 --enterprise 2 --until 2027-11-30
              dualprev hazard accept YH-2026-0003 --as 周丽 --enterprise 2 --criteria "…" --opinion "…"
              dualprev appointment end RD-0001 --as "路桥分局 赵敏" --reason "企业已配备专职总监"
              dualprev appointment list --as 周丽
            """,
        subcommands: [Add.self, End.self, List.self],
        defaultSubcommand: List.self
    )

    /// An appointment as the CLI prints it: with its number and the names behind its ids.
    struct Shown: Encodable {
        var id: Int64
        var number: String
        var directorID: Int64
        var director: String
        var enterpriseID: Int64
        var enterprise: String
        var startsAt: Date
        var endsAt: Date
        var appointedBy: Int64
        var appointedAt: Date
        var endedBy: Int64?
        var endedAt: Date?
        var endNote: String
        var inOffice: Bool
    }

    /// The appointments with their names, printed as a table, JSON or CSV.
    static func emit(_ list: [DirectorAppointment], _ global: GlobalOptions, _ repository: any Repository) async throws {
        let names = try await repository.names(of: list)
        let now = global.now
        let shown = list.map { a in
            Shown(
                id: a.id,
                number: a.number,
                directorID: a.directorID,
                director: names.person(a.directorID),
                enterpriseID: a.enterpriseID,
                enterprise: names.enterprise(a.enterpriseID),
                startsAt: a.startsAt,
                endsAt: a.endsAt,
                appointedBy: a.appointedBy,
                appointedAt: a.appointedAt,
                endedBy: a.endedBy,
                endedAt: a.endedAt,
                endNote: a.endNote,
                inOffice: a.inOffice(at: now)
            )
        }
        let local = try LocalTime()
        global.output.emit(
            shown,
            table: Table(
                headers: [
                    Text("appointmentCommands.number"), Text("role.regionalDirector"), Text("hazardPages.enterprise"),
                    Text("appointmentCommands.term"), Text("appointmentCommands.appointedBy"), Text("appointmentCommands.ended"),
                    Text("appointmentCommands.inOffice"),
                ],
                rows: shown.map { a in
                    [
                        a.number, a.director, a.enterprise, "\(local.day(a.startsAt)) – \(local.deadline(a.endsAt))",
                        "\(names.person(a.appointedBy)) \(local.minute(a.appointedAt))",
                        a.endedAt.map { "\(local.minute($0)) \(names.person(a.endedBy))：\(a.endNote)" } ?? "",
                        a.inOffice ? "✓" : "",
                    ]
                }
            )
        )
    }

    /// `RD-0007` or `7`.
    static func appointmentID(_ key: String) throws -> Int64 {
        let digits = key.uppercased().hasPrefix("RD-") ? String(key.dropFirst(3)) : key
        guard let id = Int64(digits), id > 0 else {
            throw InputError(
                rule: "INPUT-APPOINTMENT",
                message: Text("appointmentCommands.notAppointmentNumber", key),
                hint: Text("appointmentCommands.appointmentNumberHint")
            )
        }
        return id
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Appoint a regional director to an enterprise for a term (a regulator over the enterprise).",
            discussion: """
                The term runs from the start of --from (today if left out) to the end of --until, in the enterprise's time
                zone. Refused, naming the rule, when the enterprise has a director in office in that term, or when the
                director already serves regionalDirectorCap enterprises in it.

                Example:
                  dualprev appointment add --as "路桥分局 赵敏" --director 周丽 --enterprise 2 --from 2026-12-01 --until 2027-11-30
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "The regional director (id or name).") var director: String
        @Option(help: "Enterprise id, credit code or name.") var enterprise: String
        @Option(help: "First day of the term (local date); today if left out.") var from: String?
        @Option(help: "Last day of the term (local date).") var until: String

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let actor = try await global.requireActor(repository)
                let rules = try global.appointmentRules()
                let place = try await repository.enterprise(enterprise, visibleTo: .person(actor))
                let local = try LocalTime(timeZoneID: place.timeZoneID)
                let now = global.now
                let start = try from.map { local.startOfDay(try local.parse($0, field: "--from")) } ?? now
                let end = try local.parseDeadline(until, field: "--until")
                let person = try await repository.person(director)
                let appointment = try await repository.appoint(
                    directorID: person.id,
                    enterpriseID: place.id,
                    from: start,
                    until: end,
                    rules: rules,
                    by: actor,
                    at: now
                )
                try await AppointmentCommands.emit([appointment], global, repository)
            }
        }
    }

    struct End: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End an appointment now, with the reason (a regulator over the enterprise); the director's access ends with it.",
            discussion: "Example:\n  dualprev appointment end RD-0001 --as \"路桥分局 赵敏\" --reason \"企业已配备专职总监\""
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The appointment's number (RD-0001) or id.") var appointment: String
        @Option(help: "Why it ends.") var reason: String

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let actor = try await global.requireActor(repository)
                let ended = try await repository.endAppointment(
                    try AppointmentCommands.appointmentID(appointment),
                    note: reason,
                    by: actor,
                    at: global.now
                )
                try await AppointmentCommands.emit([ended], global, repository)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List appointments: a regulator's over its enterprises, a regional director's own, an enterprise's.",
            discussion: "Examples:\n  dualprev appointment list --as \"路桥分局 赵敏\"\n  dualprev appointment list --as 周丽 --format json"
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this regional director's (id or name).") var director: String?
        @Option(help: "Only this enterprise's (id, credit code or name).") var enterprise: String?

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                // A regional director lists their own appointments as themselves, acting for none of them.
                let person = try await global.requirePerson(repository)
                let viewer = Viewer.person(person.actor)
                let list = try await repository.appointments(
                    directorID: try await director.asyncMap { try await repository.person($0).id },
                    enterpriseID: try await enterprise.asyncMap { try await repository.enterprise($0, visibleTo: viewer).id },
                    visibleTo: viewer
                )
                try await AppointmentCommands.emit(list, global, repository)
            }
        }
    }
}

extension Optional {
    /// The wrapped value mapped by an async function.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
