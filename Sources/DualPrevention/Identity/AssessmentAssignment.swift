import Foundation

/// An assessor appointed to assess one enterprise (标杆企业评估): until the appointment ends, the assessor sees that
/// enterprise and only the enterprises so assigned.
public struct AssessmentAssignment: Sendable, Hashable, Codable {
    public var id: Int64
    public var assessorID: Int64
    public var enterpriseID: Int64
    public var assignedBy: Int64
    public var assignedAt: Date
    public var endedBy: Int64?
    public var endedAt: Date?

    public init(id: Int64, assessorID: Int64, enterpriseID: Int64, assignedBy: Int64, assignedAt: Date, endedBy: Int64? = nil, endedAt: Date? = nil) {
        self.id = id
        self.assessorID = assessorID
        self.enterpriseID = enterpriseID
        self.assignedBy = assignedBy
        self.assignedAt = assignedAt
        self.endedBy = endedBy
        self.endedAt = endedAt
    }

    public var isLive: Bool { endedAt == nil }
}

/// Who appoints assessors: an administrator, or a regulator for an enterprise of their jurisdiction; only a person
/// with the assessor role is appointed.
public enum AssignmentPolicy {
    public static func mayAssign(_ actor: Actor, assessor: Person, enterpriseInReach: Bool) throws(Refusal) {
        guard actor.role == .admin || (actor.role == .regulator && enterpriseInReach) else {
            throw Refusal(
                .rule(
                    code: "ASSIGN-WHO",
                    message: Text("assessmentAssignment.onlyAdministratorRegulatorEnterprise")
                )
            )
        }
        guard assessor.role == .assessor else {
            throw Refusal(
                .rule(
                    code: "ASSIGN-ROLE",
                    message: Text("assessmentAssignment.notAssessor", "\(assessor.name)")
                )
            )
        }
    }

    /// Ending an appointment: the same people, whatever the assessor's role has become since.
    public static func mayEnd(_ actor: Actor, enterpriseInReach: Bool) throws(Refusal) {
        guard actor.role == .admin || (actor.role == .regulator && enterpriseInReach) else {
            throw Refusal(
                .rule(
                    code: "ASSIGN-WHO",
                    message: Text("assessmentAssignment.onlyAdministratorRegulatorEnterprise2")
                )
            )
        }
    }
}

extension AssessmentAssignment {
    /// Appoints an assessor: who may appoint (`AssignmentPolicy`), and one live appointment per assessor and enterprise.
    public static func appoint(
        _ assessor: Person,
        enterpriseID: Int64,
        enterpriseName: String,
        by actor: Actor,
        enterpriseInReach: Bool,
        alreadyLive: Bool,
        id: Int64,
        at now: Date
    ) throws(Refusal) -> AssessmentAssignment {
        try AssignmentPolicy.mayAssign(actor, assessor: assessor, enterpriseInReach: enterpriseInReach)
        guard !alreadyLive else {
            throw Refusal(
                .rule(
                    code: "ASSIGN-TWICE",
                    message: Text("assessmentAssignment.alreadyAssigned", "\(assessor.name)", "\(enterpriseName)")
                )
            )
        }
        return AssessmentAssignment(id: id, assessorID: assessor.id, enterpriseID: enterpriseID, assignedBy: actor.id, assignedAt: now)
    }
}
