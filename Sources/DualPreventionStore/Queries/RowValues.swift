import GRDB
import Synchronization

/// Where a record written column by column puts its values: GRDB's `PersistenceContainer` (for GRDB's own insert and
/// update) or `RowValues` (for the inserts every action makes).
protocol ColumnWriter {
    subscript(_ column: String) -> (any DatabaseValueConvertible)? { get set }
}

extension PersistenceContainer: ColumnWriter {}

/// The values of one row in the order they were written, inserted through a statement prepared once per connection.
/// GRDB's `insert` builds a container keyed by case-insensitive names, looks up the table's primary key and builds its
/// query for every row; an action inserts a hazard or a part every time.
struct RowValues: ColumnWriter {
    private(set) var columns: [String] = []
    private(set) var values: [DatabaseValue] = []

    init() {
        columns.reserveCapacity(16)
        values.reserveCapacity(16)
    }

    /// Setting a column appends it (a record writes each of its columns once); reading finds the first value written.
    subscript(_ column: String) -> (any DatabaseValueConvertible)? {
        get { columns.firstIndex(of: column).map { values[$0] } }
        set {
            columns.append(column)
            values.append(newValue?.databaseValue ?? .null)
        }
    }

    /// INSERT INTO `table` of the columns written, in their order.
    func insert(into table: String, in db: any SQLContext) throws {
        try db.run(Self.insertSQL(table, columns), values)
    }

    /// The INSERT of a table and column list, made once: a table's rows are always written with the same columns.
    private static let statements = Mutex<[String: (columns: [String], sql: String)]>([:])

    static func insertSQL(_ table: String, _ columns: [String]) -> String {
        if let known = statements.withLock({ $0[table] }), known.columns == columns { return known.sql }
        let names = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let sql = "INSERT INTO \"\(table)\" (\(names)) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))"
        statements.withLock { $0[table] = (columns, sql) }
        return sql
    }
}
