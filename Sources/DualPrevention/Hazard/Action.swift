/// Every action a person can take on a hazard or a risk point, named once for labels, audit and refusals.
public enum Action: String, Sendable, Codable, CaseIterable, Labelled {
    case report, issueNotice, acknowledgeNotice, submitPlan, approvePlan, rejectPlan
    case startRectification, requestExtension, approveExtension, denyExtension
    case submitRectification, acceptPass, acceptFail, list, liftListing, cancel, grade

    /// The actions of the hazard machine, in the order a hazard meets them.
    public static let hazardActions: [Action] = allCases.filter { $0 != .report && $0 != .grade }

    public var label: Text {
        switch self {
        case .report: Text("action.reportHazard")
        case .issueNotice: Text("action.issueRectificationNotice")
        case .acknowledgeNotice: Text("action.acknowledgeNotice")
        case .submitPlan: Text("action.submitGovernancePlan")
        case .approvePlan: Text("action.approveGovernancePlan")
        case .rejectPlan: Text("action.rejectGovernancePlan")
        case .startRectification: Text("action.startRectification")
        case .requestExtension: Text("action.requestExtension")
        case .approveExtension: Text("action.approveExtension")
        case .denyExtension: Text("action.denyExtension")
        case .submitRectification: Text("action.submitAcceptance")
        case .acceptPass: Text("action.acceptPass")
        case .acceptFail: Text("action.rejectAcceptanceFail")
        case .list: Text("action.listSupervision")
        case .liftListing: Text("action.liftListing")
        case .cancel: Text("action.cancelHazard")
        case .grade: Text("action.gradeRiskPoint")
        }
    }

    /// The one name of the action outside the program: the API's `…/hazards/{key}/{slug}`, the page forms' paths and
    /// the CLI's `hazard` sub-commands all use it.
    public var slug: String {
        switch self {
        case .report: "report"
        case .issueNotice: "notice"
        case .acknowledgeNotice: "acknowledge"
        case .submitPlan: "plan"
        case .approvePlan: "plan-approve"
        case .rejectPlan: "plan-reject"
        case .startRectification: "start"
        case .requestExtension: "extend"
        case .approveExtension: "extension-approve"
        case .denyExtension: "extension-deny"
        case .submitRectification: "submit"
        case .acceptPass: "accept"
        case .acceptFail: "reject"
        case .list: "list-supervision"
        case .liftListing: "lift-supervision"
        case .cancel: "cancel"
        case .grade: "grade"
        }
    }

    /// The hazard action named by `slug`, or nil for a name that is none (a 404 on the API).
    public init?(hazardSlug slug: String) {
        guard let action = Self.hazardActions.first(where: { $0.slug == slug }) else { return nil }
        self = action
    }
}
