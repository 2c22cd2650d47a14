import Foundation

/// Names of the people and places referred to by id, loaded once per command for printing.
public struct Names: Sendable {
    public init() {}

    public var people: [Int64: Person] = [:]
    public var workshops: [Int64: Workshop] = [:]
    public var teams: [Int64: Team] = [:]
    public var posts: [Int64: Post] = [:]
    public var enterprises: [Int64: Enterprise] = [:]
    /// The loaded enterprises' regional directors' appointments, for their sign-offs (DOMAIN.md §13).
    public var appointments: [DirectorAppointment] = []

    /// The name a sign-off by `personID` in an enterprise at `date` carries: a regional director's names the
    /// appointment they then acted under and the enterprise, as the audit entry does; anyone else's is the name.
    public func signature(_ personID: Int64, enterpriseID: Int64, at date: Date) -> String {
        let name = personOrID(personID)
        guard people[personID]?.role == .regionalDirector,
            let appointment = DirectorAppointment.inOffice(
                appointments.filter { $0.directorID == personID && $0.enterpriseID == enterpriseID },
                at: date
            )
        else { return name }
        return ActingAppointment(id: appointment.id, enterpriseName: enterprise(enterpriseID)).sign(name)
    }

    public func person(_ id: Int64?) -> String { id.flatMap { people[$0]?.name } ?? "" }

    /// A person by name, or by id when not one of the loaded enterprises' (a regulator, say).
    public func personOrID(_ id: Int64) -> String { people[id]?.name ?? "#\(id)" }
    public func enterprise(_ id: Int64) -> String { enterprises[id]?.name ?? "#\(id)" }
    public func workshop(_ id: Int64?) -> String { id.flatMap { workshops[$0]?.name } ?? "" }

    /// 车间 / 班组 / 岗位, as far as known.
    public func place(workshop: Int64, team: Int64?, post: Int64?) -> String {
        [workshops[workshop]?.name, team.flatMap { teams[$0]?.name }, post.flatMap { posts[$0]?.name }]
            .compactMap { $0 }.joined(separator: " / ")
    }

    public func localTime(_ enterpriseID: Int64) -> LocalTime {
        (try? LocalTime(timeZoneID: enterprises[enterpriseID]?.timeZoneID ?? Enterprise.defaultTimeZoneID))
            ?? (try! LocalTime())  // Asia/Shanghai is always in the time zone database.
    }
}
