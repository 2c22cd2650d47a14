import DualPrevention
import Foundation

/// Regional quality safety directors' appointments (DOMAIN.md §13). A regulator appoints and ends; the director acts
/// under an appointment in office, which the front end reads at every request (`appointmentsInOffice`), so an ended
/// appointment stops working at the next one; every action of theirs is checked again against it in its own write.
public protocol AppointmentStore: Sendable {
    /// Appoints the regional director `directorID` to the enterprise for the term from `start` up to `end`.
    func appoint(
        directorID: Int64,
        enterpriseID: Int64,
        from start: Date,
        until end: Date,
        rules: AppointmentRules,
        by actor: Actor,
        at now: Date
    ) async throws -> DirectorAppointment
    /// Ends an appointment now, with the reason.
    func endAppointment(_ id: Int64, note: String, by actor: Actor, at now: Date) async throws -> DirectorAppointment
    /// The appointments in sight, newest first: a regulator's over its enterprises, an enterprise's own, a regional
    /// director's own, all for an administrator; of one director or one enterprise when named.
    func appointments(directorID: Int64?, enterpriseID: Int64?, visibleTo viewer: Viewer) async throws -> [DirectorAppointment]
    /// A regional director's appointments in office at `now`, each with its enterprise, in the enterprises' order.
    func appointmentsInOffice(of personID: Int64, at now: Date) async throws -> [(DirectorAppointment, Enterprise)]
}

extension AppointmentStore {
    /// The person as they act now: anyone but a regional director as they are; a regional director as the director of
    /// the enterprise named by `enterprise` (id, credit code or name), or of the only one they serve.
    public func acting(_ person: Person, enterprise key: String?, at now: Date) async throws -> Person {
        guard person.role == .regionalDirector else { return person }
        let (appointment, enterprise) = try DirectorAppointment.choose(
            try await appointmentsInOffice(of: person.id, at: now),
            enterprise: key,
            director: person.name
        )
        return try appointment.acting(person, enterpriseName: enterprise.name, at: now)
    }
}

/// The names behind the ids of some appointments already in sight: the directors, the regulators who appointed and
/// ended them, and the enterprises (a regional director sees no enterprise as such, so these are read whatever the
/// viewer's sight; the appointments themselves were read within it).
public struct AppointmentNames: Sendable {
    public var people: [Int64: String] = [:]
    public var enterprises: [Int64: String] = [:]

    public func person(_ id: Int64?) -> String { id.flatMap { people[$0] } ?? "" }
    public func enterprise(_ id: Int64) -> String { enterprises[id] ?? "#\(id)" }
}

extension DirectoryStore {
    public func names(of appointments: [DirectorAppointment]) async throws -> AppointmentNames {
        var names = AppointmentNames()
        for id in Set(appointments.flatMap { [$0.directorID, $0.appointedBy] + ($0.endedBy.map { [$0] } ?? []) }) {
            names.people[id] = (try? await person(String(id)))?.name ?? "#\(id)"
        }
        for enterprise in try await enterprises(ids: Array(Set(appointments.map(\.enterpriseID))), visibleTo: .system) {
            names.enterprises[enterprise.id] = enterprise.name
        }
        return names
    }
}
