/// Every action a person can take on a hazard or a risk point, named once for labels, audit and refusals.
public enum Action: String, Sendable, Codable, CaseIterable, Labelled {
    case report, issueNotice, acknowledgeNotice, submitPlan, approvePlan, rejectPlan
    case startRectification, requestExtension, approveExtension, denyExtension
    case submitRectification, acceptPass, acceptFail, list, liftListing, cancel, grade

    /// The actions of the hazard machine, in the order a hazard meets them.
    public static let hazardActions: [Action] = allCases.filter { $0 != .report && $0 != .grade }

    public var label: Text {
        switch self {
        case .report: Text(zh: "上报隐患", en: "report hazard")
        case .issueNotice: Text(zh: "下达整改通知单", en: "issue rectification notice")
        case .acknowledgeNotice: Text(zh: "签收整改通知单", en: "acknowledge notice")
        case .submitPlan: Text(zh: "提交治理方案", en: "submit governance plan")
        case .approvePlan: Text(zh: "批准治理方案", en: "approve governance plan")
        case .rejectPlan: Text(zh: "退回治理方案", en: "reject governance plan")
        case .startRectification: Text(zh: "开始整改", en: "start rectification")
        case .requestExtension: Text(zh: "申请延期", en: "request extension")
        case .approveExtension: Text(zh: "批准延期", en: "approve extension")
        case .denyExtension: Text(zh: "驳回延期", en: "deny extension")
        case .submitRectification: Text(zh: "提交整改验收", en: "submit for acceptance")
        case .acceptPass: Text(zh: "验收通过", en: "accept (pass)")
        case .acceptFail: Text(zh: "验收不通过", en: "reject acceptance (fail)")
        case .list: Text(zh: "挂牌督办", en: "list for supervision")
        case .liftListing: Text(zh: "摘牌", en: "lift listing")
        case .cancel: Text(zh: "撤销隐患", en: "cancel hazard")
        case .grade: Text(zh: "风险评级", en: "grade risk point")
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
