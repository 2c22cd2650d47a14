import DualPrevention
import GRDB

// Who may see what, written once: enterprise roles their own enterprise, an assessor the enterprises appointed to,
// a regulator every enterprise under its jurisdiction, an administrator and the system everything, anyone else
// nothing. Expressed as SQL so that lists are filtered in the database, however many enterprises a province has.

extension Viewer {
    /// The ids of the enterprises in sight, as a subquery; nil when everything is.
    var visibleEnterpriseIDs: SQLText? {
        guard case .person(let actor) = self, actor.role != .admin else { return nil }
        if actor.role.isEnterpriseRole {
            guard let own = actor.enterpriseID else { return Self.none }
            return "SELECT CAST(\(own) AS BIGINT)"
        }
        switch actor.role {
        case .assessor:
            return "SELECT enterprise_id FROM assessment_assignment WHERE assessor_id = \(actor.id) AND ended_at IS NULL"
        case .regulator:
            guard let root = actor.jurisdictionID else { return Self.none }
            return """
                SELECT id FROM enterprise WHERE jurisdiction_id IN (
                  WITH RECURSIVE sub(id) AS (SELECT CAST(\(root) AS BIGINT) UNION SELECT j.id FROM jurisdiction j JOIN sub ON j.parent_id = sub.id)
                  SELECT id FROM sub)
                """
        default:
            return Self.none
        }
    }

    /// No enterprise: an empty set of ids (typed, so that PostgreSQL compares it with an id column).
    private static let none: SQLText = "SELECT CAST(NULL AS BIGINT) WHERE 1 = 0"

    /// How much of the province a viewer sees, which decides how a list is best read. Only `sight(in:)` (within the
    /// read that uses it) and `little` make one, so no caller can claim a viewer sees everything.
    struct Sight: Equatable, Sendable {
        enum Kind: Equatable, Sendable {
            /// Every enterprise: every row is in sight (each names an enterprise that exists), so no condition is
            /// needed at all, and a count is the table's own.
            case everything
            /// At least one enterprise in sixteen: a page in id order is found sooner by walking the table in that
            /// order, stopping at the page's end, than by collecting each enterprise's rows through its index and
            /// sorting them all; walking reads about sixteen rows per row of the page.
            case much
            /// Less: through the enterprise index.
            case little
        }
        let kind: Kind
        fileprivate init(_ kind: Kind) { self.kind = kind }

        /// Assumes nothing: the condition on every row, through the enterprise index.
        static let little = Sight(.little)

        /// The sight to count with. A count of every row of a table is fastest with no condition at all (SQLite counts
        /// the smallest index's pages); with other conditions it is fastest through the enterprise index, which
        /// holds a hazard's state and dates after its enterprise, where without one SQLite reads every row.
        func forCounting(everyRow: Bool) -> Sight { kind == .everything && everyRow ? self : .little }
    }

    /// How much this viewer sees, counted in the read that will use it (so the answer holds for that read's rows).
    func sight(in db: any SQLContext) throws -> Sight {
        guard let visible = visibleEnterpriseIDs else { return Sight(.everything) }
        guard case .person(let actor) = self, actor.role == .regulator else { return .little }
        return Self.sight(
            seen: try Int.fetchOne(db, "SELECT count(*) FROM (\(visible)) AS seen") ?? 0,
            of: try Int.fetchOne(db, sql: "SELECT count(*) FROM enterprise") ?? 0
        )
    }

    /// A regulator's sight from the enterprises it sees out of all of them.
    static func sight(seen: Int, of all: Int) -> Sight {
        guard seen > 0 else { return .little }
        if seen == all { return Sight(.everything) }
        return Sight(seen * 16 >= all ? .much : .little)
    }

    /// A condition on an enterprise id column: true for the rows the viewer may see.
    func sees(_ column: String) -> SQLText {
        guard let visible = visibleEnterpriseIDs else { return "1 = 1" }
        return "\(sql: column) IN (\(visible))"
    }
}
