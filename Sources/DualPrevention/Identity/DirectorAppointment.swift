import Foundation

/// A regional quality safety director's appointment to one small enterprise (区域质量安全总监, DOMAIN.md §13): made
/// by a regulator over the enterprise, for a term from `startsAt` up to (not including) `endsAt`, and ended early by
/// such a regulator. While it is in office the director acts as that enterprise's director and signs under its
/// number.
public struct DirectorAppointment: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var directorID: Int64
    public var enterpriseID: Int64
    public var startsAt: Date
    public var endsAt: Date
    public var appointedBy: Int64
    public var appointedAt: Date
    public var endedBy: Int64?
    public var endedAt: Date?
    public var endNote: String

    public init(
        id: Int64,
        directorID: Int64,
        enterpriseID: Int64,
        startsAt: Date,
        endsAt: Date,
        appointedBy: Int64,
        appointedAt: Date,
        endedBy: Int64? = nil,
        endedAt: Date? = nil,
        endNote: String = ""
    ) {
        self.id = id
        self.directorID = directorID
        self.enterpriseID = enterpriseID
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.appointedBy = appointedBy
        self.appointedAt = appointedAt
        self.endedBy = endedBy
        self.endedAt = endedAt
        self.endNote = endNote
    }

    /// The number the director signs under: RD-0007.
    public var number: String { Self.number(id) }

    public static func number(_ id: Int64) -> String {
        let digits = String(id)
        return "RD-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The end of the time in office: the term's end, or the day it was ended early.
    public var effectiveEnd: Date { min(endsAt, endedAt ?? endsAt) }

    /// In office at `now`: the term has begun, has not run out and was not ended.
    public func inOffice(at now: Date) -> Bool { endedAt == nil && startsAt <= now && now < endsAt }

    /// The appointment of `list` in office at `date`, if any (an enterprise has at most one).
    public static func inOffice(_ list: [DirectorAppointment], at date: Date) -> DirectorAppointment? {
        list.first { $0.startsAt <= date && date < $0.effectiveEnd }
    }

    /// True when the time in office shares an instant with the term from `start` up to `end`.
    public func overlaps(from start: Date, until end: Date) -> Bool { startsAt < end && start < effectiveEnd }
}

/// How many enterprises one regional director may serve at once (DOMAIN.md §13: 20 by default), and where that
/// number came from, so that a refusal can name it.
public struct AppointmentRules: Sendable, Hashable {
    public var regionalDirectorCap: Int
    /// The rules file the cap was read from, or DOMAIN.md when the folder has none.
    public var source: String

    public init(regionalDirectorCap: Int = 20, source: String = "DOMAIN.md §13") {
        self.regionalDirectorCap = regionalDirectorCap
        self.source = source
    }

    public static let defaults = AppointmentRules()
}

/// The appointment a person acts under, as their sign-offs name it.
public struct ActingAppointment: Sendable, Hashable, Codable {
    public var id: Int64
    public var enterpriseName: String

    public init(id: Int64, enterpriseName: String) {
        self.id = id
        self.enterpriseName = enterpriseName
    }

    public var number: String { DirectorAppointment.number(id) }

    /// "周丽（区域质量安全总监 RD-0003，台州某某有限公司）": a name signed under this appointment (DOMAIN.md §13).
    public func sign(_ name: String) -> String { "\(name)（\(Role.regionalDirector.label.zh) \(number)，\(enterpriseName)）" }
}

/// What the store knows about the enterprise and the people around an appointment, for the rules to decide on.
public struct AppointmentContext: Sendable {
    /// The enterprise's name, for the messages.
    public var enterpriseName: String
    /// The regulator is over the enterprise.
    public var enterpriseInReach: Bool
    /// The enterprise lies in the director's own jurisdiction (the one they were qualified for).
    public var inDirectorsJurisdiction: Bool
    /// The enterprise's own directors with an enabled account (at most one director in office).
    public var ownDirectors: [String]
    /// The enterprise's regional appointments not ended, with their directors' names.
    public var enterpriseAppointments: [(DirectorAppointment, String)]
    /// The director's own appointments not ended.
    public var directorsAppointments: [DirectorAppointment]

    public init(
        enterpriseName: String,
        enterpriseInReach: Bool,
        inDirectorsJurisdiction: Bool,
        ownDirectors: [String],
        enterpriseAppointments: [(DirectorAppointment, String)],
        directorsAppointments: [DirectorAppointment]
    ) {
        self.enterpriseName = enterpriseName
        self.enterpriseInReach = enterpriseInReach
        self.inDirectorsJurisdiction = inDirectorsJurisdiction
        self.ownDirectors = ownDirectors
        self.enterpriseAppointments = enterpriseAppointments
        self.directorsAppointments = directorsAppointments
    }
}

extension DirectorAppointment {
    /// Appoints `director` to the enterprise for the term from `start` up to `end`: by a regulator over the
    /// enterprise, a person of the regional director role whose jurisdiction holds it, while the enterprise has no
    /// other director in office in that term, and within the cap on the enterprises one director serves at once.
    public static func appoint(
        _ director: Person,
        enterpriseID: Int64,
        from start: Date,
        until end: Date,
        context: AppointmentContext,
        rules: AppointmentRules,
        by actor: Actor,
        id: Int64,
        at now: Date
    ) throws(Refusal) -> DirectorAppointment {
        try mayManage(actor, enterpriseInReach: context.enterpriseInReach)
        guard director.role == .regionalDirector else {
            throw Refusal(.rule(code: "APPOINT-ROLE", message: Text("directorAppointment.notRegionalDirector", director.name)))
        }
        guard context.inDirectorsJurisdiction else {
            throw Refusal(
                .rule(code: "APPOINT-AREA", message: Text("directorAppointment.outsideJurisdiction", context.enterpriseName, director.name))
            )
        }
        guard start < end, now < end else {
            throw Refusal(.rule(code: "APPOINT-TERM", message: Text("directorAppointment.termEndsBeforeStarts")))
        }
        if let own = context.ownDirectors.first {
            throw Refusal(.rule(code: "APPOINT-ONE-DIRECTOR", message: Text("directorAppointment.hasOwnDirector", context.enterpriseName, own)))
        }
        if let (other, name) = context.enterpriseAppointments.first(where: { $0.0.overlaps(from: start, until: end) }) {
            throw Refusal(
                .rule(
                    code: "APPOINT-ONE-DIRECTOR",
                    message: Text("directorAppointment.hasRegionalDirector", context.enterpriseName, name, other.number)
                )
            )
        }
        let serving = context.directorsAppointments.filter { $0.overlaps(from: start, until: end) }
        guard serving.count < rules.regionalDirectorCap else {
            throw Refusal(
                .rule(
                    code: "APPOINT-CAP",
                    message: Text(
                        "directorAppointment.capReached",
                        director.name,
                        "\(serving.count)",
                        rules.source,
                        "\(rules.regionalDirectorCap)"
                    )
                )
            )
        }
        return DirectorAppointment(
            id: id,
            directorID: director.id,
            enterpriseID: enterpriseID,
            startsAt: start,
            endsAt: end,
            appointedBy: actor.id,
            appointedAt: now
        )
    }

    /// Ends the appointment now, by a regulator over the enterprise, with the reason: access ends with it.
    public mutating func end(note: String, by actor: Actor, enterpriseInReach: Bool, at now: Date) throws(Refusal) {
        try Self.mayManage(actor, enterpriseInReach: enterpriseInReach)
        guard endedAt == nil else {
            throw Refusal(.rule(code: "APPOINT-ENDED", message: Text("directorAppointment.alreadyEnded", number)))
        }
        guard let note = note.nonBlank else {
            throw Refusal(.rule(code: "APPOINT-END-NOTE", message: Text("directorAppointment.endNeedsReason")))
        }
        endedBy = actor.id
        endedAt = max(now, appointedAt)
        endNote = note
    }

    /// Who appoints and ends: a regulator over the enterprise (DOMAIN.md §13).
    static func mayManage(_ actor: Actor, enterpriseInReach: Bool) throws(Refusal) {
        guard actor.role == .regulator, enterpriseInReach else {
            throw Refusal(.rule(code: "APPOINT-WHO", message: Text("directorAppointment.onlyRegulatorAppoints")))
        }
    }

    /// The person as they act under this appointment: the enterprise's director, signing under its number. Refused
    /// unless the appointment is theirs and in office at `now`.
    public func acting(_ person: Person, enterpriseName: String, at now: Date) throws(Refusal) -> Person {
        guard person.role == .regionalDirector, person.id == directorID else {
            throw Refusal(.rule(code: "APPOINT-NOT-YOURS", message: Text("directorAppointment.notYours", number)))
        }
        guard inOffice(at: now) else {
            throw Refusal(.rule(code: "APPOINT-NOT-IN-OFFICE", message: Text("directorAppointment.notInOffice", number, enterpriseName)))
        }
        var acting = person
        acting.role = .director
        acting.enterpriseID = enterpriseID
        acting.workshopID = nil
        acting.jurisdictionID = nil
        acting.acting = ActingAppointment(id: id, enterpriseName: enterpriseName)
        return acting
    }

    /// An enterprise's own director is added only while no regional director is in office there.
    public static func mayAddOwnDirector(_ person: Person, regionalInOffice: DirectorAppointment?, enterpriseName: String) throws(Refusal) {
        guard person.role == .director, let regional = regionalInOffice else { return }
        throw Refusal(
            .rule(code: "APPOINT-ONE-DIRECTOR", message: Text("directorAppointment.regionalInOffice", enterpriseName, regional.number))
        )
    }

    /// Chooses the appointment to act under among those in office: the one for `enterprise` (matched by
    /// `matches`), or the only one when none is named.
    public static func choose(
        _ inOffice: [(DirectorAppointment, Enterprise)],
        enterprise key: String?,
        director: String
    ) throws(Refusal) -> (DirectorAppointment, Enterprise) {
        let names = inOffice.map(\.1.name).joined(separator: "、")
        guard let key = key?.nonBlank else {
            if inOffice.count == 1 { return inOffice[0] }
            throw Refusal(
                .rule(
                    code: "APPOINT-WHICH",
                    message: inOffice.isEmpty
                        ? Text("directorAppointment.noneInOffice", director)
                        : Text("directorAppointment.nameEnterprise", director, "\(inOffice.count)", names)
                )
            )
        }
        let found = inOffice.filter { String($0.1.id) == key || $0.1.creditCode.value == key.uppercased() || $0.1.name == key }
        guard found.count == 1 else {
            throw Refusal(.rule(code: "APPOINT-WHICH", message: Text("directorAppointment.notServing", director, key, names)))
        }
        return found[0]
    }
}
