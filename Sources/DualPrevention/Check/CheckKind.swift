import Foundation

/// The rhythm the two regulations set: daily control, weekly investigation, monthly scheduling.
public enum CheckKind: String, Sendable, Codable, CaseIterable, Labelled {
    case daily, weekly, monthly

    public var label: Text {
        switch self {
        case .daily: Text("checkKind.dailyControl")
        case .weekly: Text("checkKind.weeklyInvestigation")
        case .monthly: Text("checkKind.monthlyScheduling")
        }
    }

    /// The record each one leaves (DOMAIN.md §1).
    public var record: Text {
        switch self {
        case .daily: Text("checkKind.dailyCheckRecord")
        case .weekly: Text("checkKind.weeklyInvestigationRemediationReport")
        case .monthly: Text("checkKind.monthlySchedulingMeetingMinutes")
        }
    }

    public var hazardSource: HazardSource {
        switch self {
        case .daily: .dailyCheck
        case .weekly: .weeklyCheck
        case .monthly: .monthlyCheck
        }
    }

    /// Who records it: the officer checks daily, the director investigates weekly, the principal chairs monthly.
    public var recordedBy: [Role] {
        switch self {
        case .daily: [.officer, .director]
        case .weekly: [.director, .principal]
        case .monthly: [.principal, .director]
        }
    }

    /// The risk points a check of this kind covers: those controlled at its rhythm, and the high colours always.
    public func covers(_ point: RiskPoint) -> Bool {
        switch self {
        case .daily: [.perShift, .daily].contains(point.frequency) || point.colour == .red
        case .weekly: point.frequency == .weekly || point.colour == .red || point.colour == .orange
        case .monthly: [.monthly, .quarterly].contains(point.frequency) || point.colour == .red
        }
    }
}

/// A standing plan: which kind of check an enterprise runs, who is responsible, since when.
public struct CheckPlan: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var enterpriseID: Int64
    public var kind: CheckKind
    public var responsibleID: Int64
    public var startsOn: Date

    public init(id: Int64, enterpriseID: Int64, kind: CheckKind, responsibleID: Int64, startsOn: Date) {
        self.id = id
        self.enterpriseID = enterpriseID
        self.kind = kind
        self.responsibleID = responsibleID
        self.startsOn = startsOn
    }
}

/// One item an inspector ticks in a check: a risk point's check item.
public struct PlannedItem: Sendable, Hashable, Codable {
    /// `riskPointID.n`, stable while the risk point's items are.
    public var ref: String
    public var riskPointID: Int64
    public var item: String
    public var verify: String

    public init(ref: String, riskPointID: Int64, item: String, verify: String) {
        self.ref = ref
        self.riskPointID = riskPointID
        self.item = item
        self.verify = verify
    }

    /// The items of a risk point: its template's check items when it came from a checklist, else its measures.
    public static func items(of point: RiskPoint) -> [PlannedItem] {
        let template = point.templateSnapshot.flatMap { try? JSONDecoder().decode(TemplateRiskPoint.self, from: Data($0.utf8)) }
        let items = template?.checkItems ?? [CheckItem(item: "\(point.name)：\(point.measures)", verify: "现场查看并查阅记录，对照管控目标：\(point.target)")]
        return items.enumerated().map { index, item in
            PlannedItem(ref: "\(point.id).\(index + 1)", riskPointID: point.id, item: item.item, verify: item.verify)
        }
    }
}
