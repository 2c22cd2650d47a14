import GRDB

/// A read of one table's records: its conditions, order and limit, rendered as SQL for any context. What GRDB's query
/// interface did for the store, in SQL that SQLite and PostgreSQL both read.
struct TableQuery<R: FetchableRecord & TableRecord>: Sendable {
    var conditions: [SQLText] = []
    var ordering: String = "id"
    var limit: (count: Int, offset: Int)?

    init(orderedBy ordering: String = "id") { self.ordering = ordering }

    /// The rows for which `condition` holds too.
    func filter(_ condition: SQLText) -> Self {
        var query = self
        query.conditions.append(condition)
        return query
    }

    /// The rows whose `column` equals `value` (is NULL, for nil).
    func filter(_ column: String, is value: (any DatabaseValueConvertible)?) -> Self {
        guard let value, !value.databaseValue.isNull else { return filter("\(sql: column) IS NULL") }
        return filter("\(sql: column) = \(value)")
    }

    func order(_ ordering: String) -> Self {
        var query = self
        query.ordering = ordering
        return query
    }

    func limit(_ count: Int, offset: Int = 0) -> Self {
        var query = self
        query.limit = (count, offset)
        return query
    }

    /// Only the rows of enterprises the viewer may see (`column`: the row's enterprise id).
    func visible(to viewer: Viewer, column: String = "enterprise_id") -> Self {
        guard let visible = viewer.visibleEnterpriseIDs else { return self }
        return filter("\(sql: column) IN (\(visible))")
    }

    /// The same rows, read as the viewer's sight makes fastest: with no condition when everything is in sight; for a
    /// page of a viewer who sees much, with the unary `+`, which keeps SQLite from reaching them through an
    /// enterprise index, so it walks the table (or an index) in the page's order and stops at the page's end.
    func visible(to viewer: Viewer, sight: Viewer.Sight, column: String = "enterprise_id") -> Self {
        switch sight.kind {
        case .everything:
            return self
        case .much:
            guard let visible = viewer.visibleEnterpriseIDs else { return self }
            return filter("+\(sql: column) IN (\(visible))")
        case .little:
            return visible(to: viewer, column: column)
        }
    }

    private var whereClause: SQLText {
        conditions.isEmpty ? "" : " WHERE " + SQLText.joined(conditions.map { "(\($0))" }, separator: " AND ")
    }

    var selectSQL: SQLText {
        var text: SQLText = "SELECT * FROM \(sql: R.databaseTableName)" + whereClause + " ORDER BY \(sql: ordering)"
        if let limit { text = text + " LIMIT \(limit.count) OFFSET \(limit.offset)" }
        return text
    }

    func fetchAll(_ db: any SQLContext) throws -> [R] { try R.fetchAll(db, selectSQL) }

    func fetchOne(_ db: any SQLContext) throws -> R? { try R.fetchOne(db, limit(1).selectSQL) }

    func fetchCount(_ db: any SQLContext) throws -> Int {
        try Int.fetchOne(db, "SELECT count(*) FROM \(sql: R.databaseTableName)" + whereClause) ?? 0
    }
}

extension Paged where Item: FetchableRecord & TableRecord {
    /// One page of a query's rows and the count of all of them; `items` when the page is better read another way
    /// (in the viewer's sight) than it is counted.
    init(_ query: TableQuery<Item>, _ page: PageRequest, itemsFrom items: TableQuery<Item>? = nil, in db: any SQLContext) throws {
        self.init(items: try (items ?? query).limit(page.limit, offset: page.offset).fetchAll(db), total: try query.fetchCount(db))
    }
}
