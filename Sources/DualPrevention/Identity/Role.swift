import Foundation

/// Roles named by the rules (DOMAIN.md §2). Enterprise roles act inside their own enterprise only.
public enum Role: String, Sendable, Codable, CaseIterable, Labelled {
    case principal  // 主要负责人
    case director  // 质量安全总监
    case officer  // 质量安全员
    case workshopHead  // 车间主任
    case teamLeader  // 班组长
    case postWorker  // 岗位人员
    case regulator  // 监管人员
    case regionalDirector  // 区域质量安全总监 (DOMAIN.md §13): acts as director only under an appointment in office
    case assessor  // 评估人员
    case admin  // 系统管理员

    public var label: Text {
        switch self {
        case .principal: Text("role.principal")
        case .director: Text("role.qualitySafetyDirector")
        case .officer: Text("role.qualitySafetyOfficer")
        case .workshopHead: Text("role.workshopHead")
        case .teamLeader: Text("role.teamLeader")
        case .postWorker: Text("role.postWorker")
        case .regulator: Text("role.regulator")
        case .regionalDirector: Text("role.regionalDirector")
        case .assessor: Text("role.assessor")
        case .admin: Text("role.administrator")
        }
    }

    /// Roles that belong to one enterprise.
    public var isEnterpriseRole: Bool { rank > 0 }

    /// Height inside the enterprise; "someone above" means a strictly higher rank. Zero outside enterprises.
    public var rank: Int {
        switch self {
        case .principal: 6
        case .director: 5
        case .officer: 4
        case .workshopHead: 3
        case .teamLeader: 2
        case .postWorker: 1
        case .regulator, .regionalDirector, .assessor, .admin: 0
        }
    }

    /// The tier a person of this role controls (DOMAIN.md §3).
    public var controlTier: ControlTier? {
        switch self {
        case .principal, .director: .enterprise
        case .officer: .department
        case .workshopHead: .workshop
        case .teamLeader, .postWorker: .team
        case .regulator, .regionalDirector, .assessor, .admin: nil
        }
    }

    /// Parses the English name, the Chinese label or a short alias (`director`, `总监`, `workshop-head`).
    public init?(parsing text: String) {
        let key = text.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "")
        if let role = Role.allCases.first(where: { $0.rawValue.lowercased() == key || $0.label.zh == text }) {
            self = role
            return
        }
        switch key {
        case "总监": self = .director
        case "区域总监": self = .regionalDirector
        case "安全员": self = .officer
        default: return nil
        }
    }
}
