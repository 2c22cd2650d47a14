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

    /// Whether the viewer sees so much of the province (everything, or as a regulator at least one enterprise in
    /// sixteen) that a page in id order is found sooner by walking the table in that order, stopping at the page's
    /// end, than by collecting the rows of each enterprise in sight through its index and sorting them all.
    func seesMuch(in db: Database) throws -> Bool {
        guard let visible = visibleEnterpriseIDs else { return true }
        guard case .person(let actor) = self, actor.role == .regulator else { return false }
        return Self.seesMuch(
            seen: try Int.fetchOne(db, SQLRequest(literal: "SELECT count(*) FROM (\(visible))")) ?? 0,
            of: try Int.fetchOne(db, sql: "SELECT count(*) FROM enterprise") ?? 0
        )
    }

    /// At least one enterprise in sixteen: walking in id order then reads about sixteen rows per row of the page, and
    /// stops there, where collecting a sixteenth of a province's hazards to sort them reads tens of thousands.
    static func seesMuch(seen: Int, of all: Int) -> Bool { seen > 0 && seen * 16 >= all }

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

    /// The same rows, for a page of a viewer who `seesMuch`: the unary `+` keeps SQLite from reaching them through an
    /// enterprise index, so it walks the table (or an index) in the page's order and stops at the page's end.
    func visible(to viewer: Viewer, walkingIDs: Bool, column: String = "enterprise_id") -> Self {
        guard walkingIDs, let visible = viewer.visibleEnterpriseIDs else { return self.visible(to: viewer, column: column) }
        return filter(literal: "+\(Column(column)) IN (\(visible))")
    }
}
