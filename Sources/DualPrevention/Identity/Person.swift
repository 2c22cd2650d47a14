/// A named person (实名制). Enterprise roles belong to one enterprise; a regulator to one jurisdiction.
public struct Person: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var name: String
    public var role: Role
    public var enterpriseID: Int64?
    public var workshopID: Int64?
    public var jurisdictionID: Int64?
    public var phone: String
    /// Set only on a regional director acting under an appointment in office (`DirectorAppointment.acting`): the
    /// person then holds the director role in that enterprise. Never stored.
    public var acting: ActingAppointment? = nil

    enum CodingKeys: String, CodingKey {
        case id, name, role, enterpriseID, workshopID, jurisdictionID, phone
    }

    public init(
        id: Int64,
        name: String,
        role: Role,
        enterpriseID: Int64? = nil,
        workshopID: Int64? = nil,
        jurisdictionID: Int64? = nil,
        phone: String = ""
    ) {
        self.id = id
        self.name = name
        self.role = role
        self.enterpriseID = enterpriseID
        self.workshopID = workshopID
        self.jurisdictionID = jurisdictionID
        self.phone = phone
    }

    /// Checks that the person is attached where the role requires.
    public func validate() throws(InputError) {
        guard name.nonBlank != nil else { throw .required("name", zh: "姓名") }
        if role.isEnterpriseRole, enterpriseID == nil {
            throw InputError(
                rule: "PERSON-ENTERPRISE",
                message: Text("person.mustBelongEnterprise", role.label),
                hint: Text("person.nameEnterpriseWithEnterprise")
            )
        }
        if role == .regulator || role == .regionalDirector, jurisdictionID == nil {
            throw InputError(
                rule: "PERSON-JURISDICTION",
                message: Text("person.mustBelongJurisdiction", role.label),
                hint: Text("person.nameJurisdictionWithJurisdiction")
            )
        }
        if !role.isEnterpriseRole, enterpriseID != nil {
            throw InputError(
                rule: "PERSON-ENTERPRISE",
                message: Text("person.doesNotBelongEnterprise", role.label),
                hint: Text("person.leaveOutEnterprise")
            )
        }
    }

    public var actor: Actor {
        Actor(
            id: id,
            name: name,
            role: role,
            enterpriseID: enterpriseID,
            workshopID: workshopID,
            jurisdictionID: jurisdictionID,
            appointment: acting
        )
    }
}

/// The named person doing an action, as the rules see them.
public struct Actor: Sendable, Hashable, Codable {
    public var id: Int64
    public var name: String
    public var role: Role
    public var enterpriseID: Int64?
    public var workshopID: Int64?
    public var jurisdictionID: Int64?
    /// The appointment a regional director acts under (role director of that enterprise), nil for everyone else.
    public var appointment: ActingAppointment?

    public init(
        id: Int64,
        name: String,
        role: Role,
        enterpriseID: Int64? = nil,
        workshopID: Int64? = nil,
        jurisdictionID: Int64? = nil,
        appointment: ActingAppointment? = nil
    ) {
        self.id = id
        self.name = name
        self.role = role
        self.enterpriseID = enterpriseID
        self.workshopID = workshopID
        self.jurisdictionID = jurisdictionID
        self.appointment = appointment
    }

    /// The name a sign-off carries: the person's, and for a regional director the appointment and the enterprise
    /// it is for ("区域质量安全总监，委任 RD-0003，台州某某有限公司"), as DOMAIN.md §13 asks.
    public var signature: String {
        appointment?.sign(name) ?? name
    }

    /// True for an enterprise role of exactly this enterprise.
    public func belongs(to enterpriseID: Int64) -> Bool {
        role.isEnterpriseRole && self.enterpriseID == enterpriseID
    }

    /// True for a regulator whose jurisdiction is on the path from the enterprise's jurisdiction to the root.
    public func regulates(jurisdictionPath: [Int64]) -> Bool {
        guard role == .regulator, let jurisdictionID else { return false }
        return jurisdictionPath.contains(jurisdictionID)
    }
}
