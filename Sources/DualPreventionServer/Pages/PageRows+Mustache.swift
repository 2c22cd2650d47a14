import Mustache

// The rows the busiest pages repeat (a province's overview has hundreds of regions, the hazard lists fifty rows a
// page): each names its fields itself, where swift-mustache would otherwise build a `Mirror` and scan every field
// for each lookup, and again for every key that belongs further up the context (`PageRowTests` holds these equal to
// the mirror's). A name not here is nil, as from the mirror: the lookup climbs the context.

extension EnterprisePages.HazardRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "key": key
        case "number": number
        case "description": description
        case "enterprise": enterprise
        case "state": state
        case "grade": grade
        case "major": major
        case "deadline": deadline
        case "overdue": overdue
        case "owner": owner
        case "listed": listed
        default: nil
        }
    }
}

extension RegulatorPages.Figures: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "enterprises": enterprises
        case "found": found
        case "open": open
        case "closedLoop": closedLoop
        case "onTime": onTime
        case "overdue": overdue
        case "badMajor": badMajor
        case "missedChecks": missedChecks
        default: nil
        }
    }
}

extension RegulatorPages.NodeView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "name": self.name
        case "level": level
        case "depth": depth
        case "indent": indent
        case "figures": figures
        case "enterprises": enterprises
        case "more": more  // nil when none: no page above names a "more", so the row is left out
        default: nil
        }
    }
}

extension RegulatorPages.EnterpriseRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "name": self.name
        case "figures": figures
        case "grade": grade
        default: nil
        }
    }
}
