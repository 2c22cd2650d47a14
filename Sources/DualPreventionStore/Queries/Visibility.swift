import DualPrevention
import GRDB

// Who may see what, written once: enterprise roles their own enterprise, an assessor the enterprises appointed to,
// a regulator every enterprise under its jurisdiction, an administrator and the system everything, anyone else
// nothing. Expressed as SQL so that lists are filtered in the database, however many enterprises a province has.

extension Viewer {
    /// The ids of the enterprises in sight, as a subquery; nil when everything is.
    var visibleEnterpriseIDs: SQL? {
        guard case .person(let actor) = self, actor.role != .admin else { return nil }
        if actor.role.isEnterpriseRole {
            guard let own = actor.enterpriseID else { return "SELECT NULL WHERE 0" }
            return "SELECT \(own)"
        }
        switch actor.role {
        case .assessor:
            return "SELECT enterprise_id FROM assessment_assignment WHERE assessor_id = \(actor.id) AND ended_at IS NULL"
        case .regulator:
            guard let root = actor.jurisdictionID else { return "SELECT NULL WHERE 0" }
            return """
                SELECT id FROM enterprise WHERE jurisdiction_id IN (
                  WITH RECURSIVE sub(id) AS (SELECT \(root) UNION SELECT j.id FROM jurisdiction j JOIN sub ON j.parent_id = sub.id)
                  SELECT id FROM sub)
                """
        default:
            return "SELECT NULL WHERE 0"
        }
    }

    /// A condition on an enterprise id column: true for the rows the viewer may see.
    func sees(_ column: SQL) -> SQL {
        guard let visible = visibleEnterpriseIDs else { return "1" }
        return "\(column) IN (\(visible))"
    }
}

extension DerivableRequest {
    /// Only the rows of enterprises the viewer may see (`column`: the row's enterprise id).
    func visible(to viewer: Viewer, column: String = "enterprise_id") -> Self {
        guard let visible = viewer.visibleEnterpriseIDs else { return self }
        return filter(literal: "\(Column(column)) IN (\(visible))")
    }
}
