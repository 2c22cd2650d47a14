/// Every action on the products a hazard affects (DOMAIN.md §12): the batches it names, the production stop a major
/// hazard calls for, and the recall of what was shipped. Named once for labels, audit, refusals and the front ends.
public enum ProductAction: String, Sendable, Codable, CaseIterable, Labelled {
    case recordBatch, orderStop, liftStop, planRecall, recordReturn, closeRecall

    public var label: Text {
        switch self {
        case .recordBatch: Text("productAction.recordBatch")
        case .orderStop: Text("productAction.orderStop")
        case .liftStop: Text("productAction.liftStop")
        case .planRecall: Text("productAction.planRecall")
        case .recordReturn: Text("productAction.recordReturn")
        case .closeRecall: Text("productAction.closeRecall")
        }
    }

    /// The one name of the action outside the program, beside the hazard actions' slugs.
    public var slug: String {
        switch self {
        case .recordBatch: "batch"
        case .orderStop: "stop"
        case .liftStop: "stop-lift"
        case .planRecall: "recall-plan"
        case .recordReturn: "recall-return"
        case .closeRecall: "recall-close"
        }
    }

    /// The enterprise roles that may take the action; a regulator over the enterprise may also order and lift a stop
    /// and record that a recall was not done (`permit`).
    public var enterpriseRoles: [Role] {
        switch self {
        case .recordBatch, .planRecall, .recordReturn: Hazard.managers
        case .orderStop, .liftStop, .closeRecall: Hazard.leaders
        }
    }

    /// Scope and role: a member of the hazard's enterprise in one of `enterpriseRoles`, or, where the rule lets one in,
    /// a regulator of the enterprise's jurisdiction.
    func permit(on hazard: Hazard, by actor: Actor, regulatorMay: Bool = false) throws(Refusal) {
        if regulatorMay, actor.regulates(jurisdictionPath: hazard.jurisdictionPath) { return }
        guard actor.belongs(to: hazard.enterpriseID) else {
            throw Refusal(actor.role == .regulator && regulatorMay ? .notRegulatorOfJurisdiction : .notInEnterprise)
        }
        let allowed = enterpriseRoles
        guard allowed.contains(actor.role) else {
            throw Refusal(
                .rule(
                    code: "PRODUCT-ROLE",
                    message: Text(
                        "productAction.roleMayNot",
                        actor.role.label,
                        label,
                        Text(zh: allowed.map(\.label.zh).joined(separator: "、"), en: allowed.map(\.label.en).joined(separator: ", "))
                    )
                )
            )
        }
    }

    /// The hazard must still be open: what it affects is settled before it is closed or cancelled.
    func requireOpen(_ hazard: Hazard) throws(Refusal) {
        guard hazard.state.isOpen else {
            throw Refusal(.rule(code: "PRODUCT-HAZARD-OPEN", message: Text("productAction.hazardNoLongerOpen", hazard.state.label, label)))
        }
    }
}
