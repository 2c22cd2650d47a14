import Foundation

/// How often a control is exercised.
public enum ControlFrequency: String, Sendable, Codable, CaseIterable, Labelled {
    case perShift, daily, weekly, monthly, quarterly

    public var label: Text {
        switch self {
        case .perShift: Text("riskPoint.everyShift")
        case .daily: Text("riskPoint.daily")
        case .weekly: Text("riskPoint.weekly")
        case .monthly: Text("riskPoint.monthly")
        case .quarterly: Text("riskPoint.quarterly")
        }
    }

    public init?(parsing text: String) {
        guard
            let found = Self.allCases.first(where: {
                $0.rawValue.lowercased() == text.lowercased() || $0.label.zh == text || $0.label.en == text
            })
        else { return nil }
        self = found
    }
}

/// 风险点: one row of the product quality risk analysis table.
public struct RiskPoint: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var enterpriseID: Int64
    public var workshopID: Int64
    public var teamID: Int64?
    public var postID: Int64?
    public var dimension: String
    /// 风险控制环节, e.g. "原料进厂检验".
    public var controlStage: String
    public var name: String
    /// What can go wrong and its consequence.
    public var hazardDescription: String
    public var measures: String
    public var target: String
    public var frequency: ControlFrequency
    public var ownerID: Int64
    public var productCategory: String
    /// The colour of the latest grading; nil until graded.
    public var colour: RiskColour?
    /// Set when a change or a closed hazard calls for re-grading (residual risk).
    public var regradeDue: Bool
    /// `category/code` of the checklist row it was imported from, if any.
    public var templateRef: String?
    /// The template row as it was imported (JSON), to tell what changed in the template since.
    public var templateSnapshot: String?

    public init(
        id: Int64,
        enterpriseID: Int64,
        workshopID: Int64,
        teamID: Int64? = nil,
        postID: Int64? = nil,
        dimension: String,
        controlStage: String,
        name: String,
        hazardDescription: String,
        measures: String,
        target: String,
        frequency: ControlFrequency,
        ownerID: Int64,
        productCategory: String = "",
        colour: RiskColour? = nil,
        regradeDue: Bool = false,
        templateRef: String? = nil,
        templateSnapshot: String? = nil
    ) {
        self.id = id
        self.enterpriseID = enterpriseID
        self.workshopID = workshopID
        self.teamID = teamID
        self.postID = postID
        self.dimension = dimension
        self.controlStage = controlStage
        self.name = name
        self.hazardDescription = hazardDescription
        self.measures = measures
        self.target = target
        self.frequency = frequency
        self.ownerID = ownerID
        self.productCategory = productCategory
        self.colour = colour
        self.regradeDue = regradeDue
        self.templateRef = templateRef
        self.templateSnapshot = templateSnapshot
    }

    /// Every column of the analysis table is required; the first missing one is named.
    public func validate(dimensions: DimensionCatalog = DimensionCatalog()) throws(InputError) {
        let required: [(String, String, String)] = [
            ("controlStage", "风险控制环节", controlStage), ("name", "风险点名称", name),
            ("description", "风险描述", hazardDescription), ("measures", "管控措施", measures),
            ("target", "管控目标", target),
        ]
        for (field, zh, value) in required where value.nonBlank == nil {
            throw .required(field, zh: zh)
        }
        _ = try dimensions.resolve(dimension)
    }
}

/// One grading of a risk point; gradings are appended, never overwritten.
public struct GradingRecord: Sendable, Hashable, Codable {
    public var riskPointID: Int64
    public var sequence: Int
    public var result: GradingResult
    public var gradedBy: Int64
    public var gradedAt: Date
    public var reason: String

    public init(riskPointID: Int64, sequence: Int, result: GradingResult, gradedBy: Int64, gradedAt: Date, reason: String) {
        self.riskPointID = riskPointID
        self.sequence = sequence
        self.result = result
        self.gradedBy = gradedBy
        self.gradedAt = gradedAt
        self.reason = reason
    }

    /// Who may grade: enterprise roles from team leader up, inside their own enterprise.
    public static func authorize(_ actor: Actor, enterpriseID: Int64) throws(Refusal) {
        guard actor.belongs(to: enterpriseID) else { throw Refusal(.notInEnterprise) }
        guard actor.role.rank >= Role.teamLeader.rank else {
            throw Refusal(.roleNotAllowed(action: .grade, role: actor.role, allowed: [.principal, .director, .officer, .workshopHead, .teamLeader]))
        }
    }
}

extension RiskPoint {
    /// A hazard names a risk point of the workshop it was found in: a point of another workshop would send the
    /// closing's re-grading to a point nobody looked at.
    public func requireWorkshop(_ workshopID: Int64) throws(InputError) {
        guard self.workshopID == workshopID else {
            throw InputError(rule: "HAZARD-RISK-POINT-WORKSHOP", message: Text("riskPoint.notOfThisWorkshop", name))
        }
    }
}
