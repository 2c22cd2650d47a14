import DualPrevention
import Foundation
import GRDB

// Regional quality safety directors (DOMAIN.md §13): the store reads what the rules need, `DirectorAppointment`
// decides, the store saves and audits.

extension StoreRepository {
    public func appoint(
        directorID: Int64,
        enterpriseID: Int64,
        from start: Date,
        until end: Date,
        rules: AppointmentRules,
        by actor: Actor,
        at now: Date
    ) async throws -> DirectorAppointment {
        try await act(at: now) { db in
            let actor = try Self.current(actor, at: now, in: db)
            guard let director = try Person.byID(directorID, in: db) else { throw NotFoundError(what: "person", key: "#\(directorID)") }
            guard let enterprise = try Enterprise.byID(enterpriseID, in: db) else {
                throw NotFoundError(what: "enterprise", key: "#\(enterpriseID)")
            }
            let context = AppointmentContext(
                enterpriseName: enterprise.name,
                enterpriseInReach: try Self.sees(enterpriseID, actor, in: db),
                inDirectorsJurisdiction: try director.jurisdictionID.map { try Self.path(of: enterprise.jurisdictionID, in: db).contains($0) }
                    ?? false,
                ownDirectors: try String.fetchAll(
                    db,
                    sql: """
                        SELECT p.name FROM person p LEFT JOIN account a ON a.person_id = p.id
                        WHERE p.enterprise_id = ? AND p.role = 'director' AND a.disabled_at IS NULL ORDER BY p.id
                        """,
                    arguments: [enterpriseID]
                ),
                enterpriseAppointments: try Self.liveAppointments("enterprise_id", enterpriseID, in: db).map { appointment in
                    (appointment, try Person.byID(appointment.directorID, in: db)?.name ?? "#\(appointment.directorID)")
                },
                directorsAppointments: try Self.liveAppointments("director_id", directorID, in: db)
            )
            let appointment = try DirectorAppointment.appoint(
                director,
                enterpriseID: enterpriseID,
                from: start,
                until: end,
                context: context,
                rules: rules,
                by: actor,
                id: try Self.nextID("director_appointment", in: db),
                at: now
            )
            try appointment.insert(db)
            return (
                appointment,
                AuditDraft(
                    actor: actor,
                    action: "appointment.appoint",
                    objectType: "director_appointment",
                    objectID: appointment.id,
                    enterpriseID: enterpriseID,
                    summary: "\(appointment.number) \(director.name) → \(enterprise.name)",
                    payload: Self.payload(appointment)
                )
            )
        }
    }

    public func endAppointment(_ id: Int64, note: String, by actor: Actor, at now: Date) async throws -> DirectorAppointment {
        try await act(at: now) { db in
            let actor = try Self.current(actor, at: now, in: db)
            guard var appointment = try DirectorAppointment.byID(id, in: db) else {
                throw NotFoundError(what: "appointment", key: DirectorAppointment.number(id))
            }
            let inReach = try Self.sees(appointment.enterpriseID, actor, in: db)
            guard inReach || actor.id == appointment.directorID else { throw NotFoundError(what: "appointment", key: appointment.number) }
            try appointment.end(note: note, by: actor, enterpriseInReach: inReach, at: now)
            try appointment.update(db)
            return (
                appointment,
                AuditDraft(
                    actor: actor,
                    action: "appointment.end",
                    objectType: "director_appointment",
                    objectID: appointment.id,
                    enterpriseID: appointment.enterpriseID,
                    summary: "\(appointment.number): \(appointment.endNote)",
                    payload: Self.payload(appointment)
                )
            )
        }
    }

    public func appointments(directorID: Int64?, enterpriseID: Int64?, visibleTo viewer: Viewer) async throws -> [DirectorAppointment] {
        try await read { db in
            var request = TableQuery<DirectorAppointment>(orderedBy: "id DESC")
            if case .person(let actor) = viewer, actor.role == .regionalDirector || actor.appointment != nil {
                request = request.filter("director_id", is: actor.id)
            } else {
                request = request.visible(to: viewer)
            }
            if let directorID { request = request.filter("director_id", is: directorID) }
            if let enterpriseID { request = request.filter("enterprise_id", is: enterpriseID) }
            return try request.fetchAll(db)
        }
    }

    public func appointmentsInOffice(of personID: Int64, at now: Date) async throws -> [(DirectorAppointment, Enterprise)] {
        try await read { db in try Self.appointmentsInOffice(of: personID, at: now, in: db) }
    }

    /// A regional director's appointments in office at `now`, each with its enterprise, in the enterprises' id order.
    static func appointmentsInOffice(of personID: Int64, at now: Date, in db: any SQLContext) throws -> [(DirectorAppointment, Enterprise)] {
        let live = try liveAppointments("director_id", personID, in: db).filter { $0.inOffice(at: now) }
        // A few at most (the cap): one lookup each.
        return try live.compactMap { appointment in try Enterprise.byID(appointment.enterpriseID, in: db).map { (appointment, $0) } }
            .sorted { $0.1.id < $1.1.id }
    }

    /// The enterprise a person acted for at `date`: their own, or for a regional director the enterprise they then
    /// served under an appointment (`enterpriseID`, if so); nil for a regulator.
    static func enterprise(of personID: Int64, for enterpriseID: Int64, at date: Date, in db: any SQLContext) throws -> Int64? {
        guard let person = try Person.byID(personID, in: db) else { return nil }
        guard person.role == .regionalDirector else { return person.enterpriseID }
        let served = try TableQuery<DirectorAppointment>().filter("director_id", is: personID).filter("enterprise_id", is: enterpriseID).fetchAll(db)
        return DirectorAppointment.inOffice(served, at: date) == nil ? nil : enterpriseID
    }

    /// A person as they act in an enterprise at `now`: one of its own people as they are, a regional director under an
    /// appointment in office there as its director; nil for anyone else (a check plan's responsible person, a risk
    /// point's owner).
    static func member(_ personID: Int64, of enterpriseID: Int64, at now: Date, in db: any SQLContext) throws -> Actor? {
        guard let person = try Person.byID(personID, in: db) else { return nil }
        guard person.role == .regionalDirector else { return person.enterpriseID == enterpriseID ? person.actor : nil }
        let served = try liveAppointments("director_id", personID, in: db).filter { $0.enterpriseID == enterpriseID }
        guard let appointment = DirectorAppointment.inOffice(served, at: now), appointment.endedAt == nil,
            let enterprise = try Enterprise.byID(enterpriseID, in: db)
        else { return nil }
        return try appointment.acting(person, enterpriseName: enterprise.name, at: now).actor
    }

    /// An enterprise's regional appointment in office at `now` or from a later start, if any.
    static func regionalInOffice(_ enterpriseID: Int64, from now: Date, in db: any SQLContext) throws -> DirectorAppointment? {
        try liveAppointments("enterprise_id", enterpriseID, in: db).first { $0.overlaps(from: now, until: .distantFuture) }
    }

    /// The appointments not ended of one director or one enterprise (`column`), in id order.
    static func liveAppointments(_ column: String, _ id: Int64, in db: any SQLContext) throws -> [DirectorAppointment] {
        try TableQuery<DirectorAppointment>().filter(column, is: id).filter("ended_at IS NULL").fetchAll(db)
    }

    /// The person acting under an appointment, checked again in the transaction of each action: theirs, and in
    /// office at the action's instant (an appointment ended since the request began stops this action too).
    static func acting(_ person: Actor, under acting: ActingAppointment, at now: Date, in db: any SQLContext) throws -> Actor {
        guard let appointment = try DirectorAppointment.byID(acting.id, in: db),
            let enterprise = try Enterprise.byID(appointment.enterpriseID, in: db)
        else { throw NotFoundError(what: "appointment", key: acting.number) }
        let stored = Person(id: person.id, name: person.name, role: person.role, jurisdictionID: person.jurisdictionID)
        return try appointment.acting(stored, enterpriseName: enterprise.name, at: now).actor
    }

    /// True when the enterprise is in the actor's sight.
    static func sees(_ enterpriseID: Int64, _ actor: Actor, in db: any SQLContext) throws -> Bool {
        (try? Self.requireVisible(enterpriseID, to: .person(actor), what: "enterprise", key: "", in: db)) != nil
    }
}
