/// Who may set up the places and people of the mechanism. Checked by every store, never by a client.
public enum SetupPolicy {
    static let enterpriseAdmins: [Role] = [.principal, .director, .officer]

    public static func mayAddJurisdiction(_ actor: Actor) throws(Refusal) {
        guard actor.role == .admin else {
            throw Refusal(.roleNotAllowed(action: .report, role: actor.role, allowed: [.admin]))
                .relabelled(Text("setupPolicy.onlyAdministratorMaintainsJurisdiction"))
        }
    }

    /// An administrator, or a regulator of the enterprise's jurisdiction or above, registers an enterprise.
    public static func mayAddEnterprise(_ actor: Actor, jurisdictionPath: [Int64]) throws(Refusal) {
        guard actor.role == .admin || actor.regulates(jurisdictionPath: jurisdictionPath) else {
            throw Refusal(.notRegulatorOfJurisdiction)
        }
    }

    /// Workshops, teams, posts and people of an enterprise: its principal, director or officer, or an administrator.
    public static func mayOrganise(_ actor: Actor, enterpriseID: Int64) throws(Refusal) {
        if actor.role == .admin { return }
        guard actor.belongs(to: enterpriseID) else { throw Refusal(.notInEnterprise) }
        guard enterpriseAdmins.contains(actor.role) else {
            throw Refusal(.roleNotAllowed(action: .report, role: actor.role, allowed: enterpriseAdmins))
                .relabelled(
                    Text("setupPolicy.onlyPrincipalDirectorOfficer")
                )
        }
    }

    /// People outside enterprises (regulators, assessors, administrators) are added by an administrator.
    public static func mayAddPerson(_ actor: Actor, person: Person) throws(Refusal) {
        if let enterpriseID = person.enterpriseID {
            try mayOrganise(actor, enterpriseID: enterpriseID)
            // Separation of duties holds only if nobody can appoint their own approver.
            guard actor.role == .admin || person.role.rank < actor.role.rank else {
                let allowed = Role.allCases.filter { $0.isEnterpriseRole && $0.rank < actor.role.rank }
                throw Refusal(.roleNotAllowed(action: .report, role: actor.role, allowed: [.admin]))
                    .relabelled(
                        Text(
                            zh:
                                "\(actor.role.label.zh)只能添加职级低于自己的人员（\(allowed.map(\.label.zh).joined(separator: "、"))）；\(person.role.label.zh)由系统管理员\(person.role == .principal ? "" : "或更高职级人员")添加",
                            en:
                                "a \(actor.role.label.en) may add only roles below their own (\(allowed.map(\.label.en).joined(separator: ", "))); a \(person.role.label.en) is added by an administrator\(person.role == .principal ? "" : " or someone above")"
                        )
                    )
            }
        } else if actor.role != .admin {
            throw Refusal(.roleNotAllowed(action: .report, role: actor.role, allowed: [.admin]))
                .relabelled(Text("setupPolicy.onlyAdministratorAddsRegulators"))
        }
    }
}

extension Refusal {
    /// The same refusal with a message written for a setup action rather than a hazard action.
    func relabelled(_ text: Text) -> Refusal {
        var copy = self
        copy.customMessage = text
        return copy
    }
}
