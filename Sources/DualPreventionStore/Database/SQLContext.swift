import Foundation
import GRDB

// One store over two databases. The feature stores speak SQL through `SQLContext`: a transaction (or a read) on
// SQLite through GRDB, or on PostgreSQL (`DualPreventionPostgres`). Rows are GRDB's `Row` and values GRDB's
// `DatabaseValue` on both, so every record's row mapping serves both stores; the two schemas keep one representation
// (`schemas/schema.sql` and its PostgreSQL twin) so that the same values come back. The SQL is written once, in the
// subset both databases read the same way; where they differ (a set of ids bound as one argument, a substring test),
// the dialect says how.

/// Which database a context talks to, for the few phrases they spell differently.
public enum SQLDialect: Sendable, Hashable {
    case sqlite
    case postgres
}

/// A transaction or a read on one connection. Its statements run one after the other, synchronously, on the thread
/// that runs the store's closure; a thrown error rolls the transaction back.
public protocol SQLContext: AnyObject {
    var dialect: SQLDialect { get }
    /// The rows of a query, every column in the order of the statement's result.
    func fetchRows(_ sql: String, _ arguments: [DatabaseValue]) throws -> [Row]
    /// A statement whose rows, if any, are not wanted.
    func run(_ sql: String, _ arguments: [DatabaseValue]) throws
    /// Many rows into one table, each the columns' values in order, as fast as the database takes them in bulk (a
    /// copy, a benchmark's floor): multi-row INSERTs unless the database has a faster way (PostgreSQL's COPY).
    func insertRows(into table: String, columns: [String], rows: [[DatabaseValue]]) throws
}

extension SQLContext {
    public func insertRows(into table: String, columns: [String], rows: [[DatabaseValue]]) throws {
        try insertRowsByStatements(into: table, columns: columns, rows: rows)
    }

    /// Rows in statements of at most 100 rows each.
    public func insertRowsByStatements(into table: String, columns: [String], rows: [[DatabaseValue]]) throws {
        guard !rows.isEmpty else { return }
        let names = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        for slice in rows.chunks(of: 100) {
            let tuples = Array(repeating: tuple, count: slice.count).joined(separator: ", ")
            try run("INSERT INTO \(table) (\(names)) VALUES \(tuples)", slice.flatMap { $0 })
        }
    }
}

/// The values bound to a statement's `?` placeholders, in order.
public struct SQLArguments: ExpressibleByArrayLiteral, Sendable {
    public var values: [DatabaseValue]

    public init(arrayLiteral elements: (any DatabaseValueConvertible)?...) {
        values = elements.map { $0?.databaseValue ?? .null }
    }

    public init(_ elements: [(any DatabaseValueConvertible)?]) {
        values = elements.map { $0?.databaseValue ?? .null }
    }

    public init(values: [DatabaseValue]) { self.values = values }
}

/// SQL with its arguments, written as a string with interpolations: a value becomes a `?` and its argument, another
/// `SQLText` is spliced in with its arguments, and `sql:` text is spliced in as it is (table names, dialect phrases).
/// What GRDB's `SQL` literal is to GRDB, without needing a database to render.
public struct SQLText: ExpressibleByStringInterpolation, Sendable, CustomStringConvertible {
    public var sql: String
    public var arguments: [DatabaseValue]

    public init(sql: String, arguments: SQLArguments = []) {
        self.sql = sql
        self.arguments = arguments.values
    }

    public init(stringLiteral value: String) { self.init(sql: value) }

    public init(stringInterpolation: Interpolation) {
        sql = stringInterpolation.sql
        arguments = stringInterpolation.arguments
    }

    public var description: String { sql }

    public struct Interpolation: StringInterpolationProtocol {
        var sql = ""
        var arguments: [DatabaseValue] = []

        public init(literalCapacity: Int, interpolationCount: Int) { sql.reserveCapacity(literalCapacity + 2 * interpolationCount) }
        public mutating func appendLiteral(_ literal: String) { sql += literal }
        public mutating func appendInterpolation(_ value: (any DatabaseValueConvertible)?) {
            sql += "?"
            arguments.append(value?.databaseValue ?? .null)
        }
        public mutating func appendInterpolation(_ text: SQLText) {
            sql += text.sql
            arguments += text.arguments
        }
        public mutating func appendInterpolation(sql text: String, arguments more: SQLArguments = []) {
            sql += text
            arguments += more.values
        }
    }

    public static func + (lhs: SQLText, rhs: SQLText) -> SQLText {
        var joined = lhs
        joined.sql += rhs.sql
        joined.arguments += rhs.arguments
        return joined
    }

    /// The parts joined by `separator`, their arguments in order.
    public static func joined(_ parts: [SQLText], separator: String) -> SQLText {
        var result = SQLText(sql: "")
        for (index, part) in parts.enumerated() {
            if index > 0 { result.sql += separator }
            result = result + part
        }
        return result
    }
}

extension SQLContext {
    public func execute(sql: String, arguments: SQLArguments = []) throws { try run(sql, arguments.values) }

    /// UPDATE of a row's columns but those of `key`, found by the values of `key` among them; an error (GRDB's
    /// record-not-found) when no row has that key.
    func updateRow(_ table: String, columns: [String], values: [DatabaseValue], key: [String]) throws {
        var set: [String] = []
        var setArguments: [DatabaseValue] = []
        var found: [String] = []
        var keyArguments: [DatabaseValue] = []
        var keyValues: [String: DatabaseValue] = [:]
        for (column, value) in zip(columns, values) {
            if key.contains(column) {
                found.append("\"\(column)\" = ?")
                keyArguments.append(value)
                keyValues[column] = value
            } else {
                set.append("\"\(column)\" = ?")
                setArguments.append(value)
            }
        }
        guard found.count == key.count else { throw RecordError.recordNotFound(databaseTableName: table, key: keyValues) }
        let updated = try fetchRows(
            "UPDATE \"\(table)\" SET \(set.joined(separator: ", ")) WHERE \(found.joined(separator: " AND ")) RETURNING 1",
            setArguments + keyArguments
        )
        guard !updated.isEmpty else { throw RecordError.recordNotFound(databaseTableName: table, key: keyValues) }
    }
    public func execute(_ text: SQLText) throws { try run(text.sql, text.arguments) }

    /// The subquery of a set of ids bound as one JSON array argument (`IDSet.json`), to put inside `IN (…)`.
    public var idSet: String {
        switch dialect {
        case .sqlite: "SELECT value FROM json_each(?)"
        case .postgres: "SELECT CAST(value AS bigint) FROM jsonb_array_elements_text(CAST(? AS jsonb))"
        }
    }

    /// The subquery of a set of texts bound as one JSON array argument (`IDSet.jsonStrings`).
    public var textSet: String {
        switch dialect {
        case .sqlite: "SELECT value FROM json_each(?)"
        case .postgres: "SELECT value FROM jsonb_array_elements_text(CAST(? AS jsonb))"
        }
    }

    /// The ids of a JSON array held in a column (`warning_task.hazard_ids`), as a subquery for `IN (…)`.
    public func ids(inColumn column: String) -> String {
        switch dialect {
        case .sqlite: "SELECT value FROM json_each(\(column))"
        case .postgres: "SELECT CAST(value AS bigint) FROM jsonb_array_elements_text(CAST(\(column) AS jsonb))"
        }
    }

    /// A set of ids with each one's position (`position`, from 0) and id (`value`), as a table to join.
    public var orderedIDSet: String {
        switch dialect {
        case .sqlite: "SELECT key AS position, value FROM json_each(?)"
        case .postgres:
            "SELECT CAST(position - 1 AS bigint) AS position, CAST(value AS bigint) AS value FROM jsonb_array_elements_text(CAST(? AS jsonb)) WITH ORDINALITY AS e(value, position)"
        }
    }

    /// A condition true when `needle` occurs in `haystack` as plain text (no wildcards).
    public func contains(_ haystack: String, _ needle: SQLText) -> SQLText {
        switch dialect {
        case .sqlite: "instr(\(sql: haystack), \(needle)) > 0"
        case .postgres: "strpos(\(sql: haystack), \(needle)) > 0"
        }
    }
}

// The fetches of GRDB, spelled as GRDB spells them, over a context: the store's code reads the same on both databases.

extension FetchableRecord {
    public static func fetchAll(_ db: any SQLContext, sql: String, arguments: SQLArguments = []) throws -> [Self] {
        try db.fetchRows(sql, arguments.values).map { try Self(row: $0) }
    }

    public static func fetchOne(_ db: any SQLContext, sql: String, arguments: SQLArguments = []) throws -> Self? {
        try db.fetchRows(sql, arguments.values).first.map { try Self(row: $0) }
    }

    public static func fetchAll(_ db: any SQLContext, _ text: SQLText) throws -> [Self] {
        try db.fetchRows(text.sql, text.arguments).map { try Self(row: $0) }
    }

    public static func fetchOne(_ db: any SQLContext, _ text: SQLText) throws -> Self? {
        try db.fetchRows(text.sql, text.arguments).first.map { try Self(row: $0) }
    }
}

extension FetchableRecord where Self: TableRecord {
    /// Every row of the table, in id order.
    public static func all(_ db: any SQLContext, orderedBy order: String = "id") throws -> [Self] {
        try fetchAll(db, sql: "SELECT * FROM \(databaseTableName) ORDER BY \(order)")
    }

    /// The rows whose `column` equals `value`, in `order`.
    public static func fetchAll(
        _ db: any SQLContext,
        where column: String,
        is value: (any DatabaseValueConvertible)?,
        orderedBy order: String = "id"
    )
        throws -> [Self]
    {
        try fetchAll(db, sql: "SELECT * FROM \(databaseTableName) WHERE \(column) = ? ORDER BY \(order)", arguments: [value])
    }
}

extension Row {
    public static func fetchAll(_ db: any SQLContext, sql: String, arguments: SQLArguments = []) throws -> [Row] {
        try db.fetchRows(sql, arguments.values)
    }

    public static func fetchOne(_ db: any SQLContext, sql: String, arguments: SQLArguments = []) throws -> Row? {
        try db.fetchRows(sql, arguments.values).first
    }

    public static func fetchAll(_ db: any SQLContext, _ text: SQLText) throws -> [Row] { try db.fetchRows(text.sql, text.arguments) }
    public static func fetchOne(_ db: any SQLContext, _ text: SQLText) throws -> Row? { try db.fetchRows(text.sql, text.arguments).first }
}

extension DatabaseValueConvertible {
    /// The first column of the first row; `nil` when there is no row or its value is NULL.
    public static func fetchOne(_ db: any SQLContext, sql: String, arguments: SQLArguments = []) throws -> Self? {
        guard let row = try db.fetchRows(sql, arguments.values).first else { return nil }
        return try row.decode(Self?.self, atIndex: 0)
    }

    /// The first column of every row (a NULL is an error).
    public static func fetchAll(_ db: any SQLContext, sql: String, arguments: SQLArguments = []) throws -> [Self] {
        try db.fetchRows(sql, arguments.values).map { try $0.decode(Self.self, atIndex: 0) }
    }

    public static func fetchOne(_ db: any SQLContext, _ text: SQLText) throws -> Self? {
        try fetchOne(db, sql: text.sql, arguments: SQLArguments(values: text.arguments))
    }

    public static func fetchAll(_ db: any SQLContext, _ text: SQLText) throws -> [Self] {
        try fetchAll(db, sql: text.sql, arguments: SQLArguments(values: text.arguments))
    }
}

// Records written through a context: the columns their encoding gives, in one INSERT or UPDATE.

extension EncodableRecord where Self: TableRecord {
    /// INSERT of every column the record encodes.
    public func insert(_ db: any SQLContext) throws {
        let (columns, values) = try Self.columns(of: self)
        try db.run(RowValues.insertSQL(Self.databaseTableName, columns), values)
    }

    /// UPDATE of every column but the key's, of the row with the record's key (`id`, or the table's own primary key);
    /// an error when there is no such row.
    public func update(_ db: any SQLContext, key: [String] = ["id"]) throws {
        let (columns, values) = try Self.columns(of: self)
        try db.updateRow(Self.databaseTableName, columns: columns, values: values, key: key)
    }

    /// The columns and values the record encodes, in the order of their names (so that one INSERT per table is
    /// prepared once and reused).
    static func columns(of record: Self) throws -> ([String], [DatabaseValue]) {
        let pairs = try record.databaseDictionary.sorted { $0.key < $1.key }
        return (pairs.map(\.key), pairs.map(\.value))
    }
}

extension TableRecord {
    /// Whether a row of this table has the id.
    public static func exists(_ db: any SQLContext, id: Int64) throws -> Bool {
        try !db.fetchRows("SELECT 1 FROM \(databaseTableName) WHERE id = ?", [id.databaseValue]).isEmpty
    }
}

// SQLite, through GRDB: every statement prepared once per connection and kept.

extension Database: SQLContext {
    public var dialect: SQLDialect { .sqlite }

    public func fetchRows(_ sql: String, _ arguments: [DatabaseValue]) throws -> [Row] {
        try Row.fetchAll(cachedStatement(sql: sql), arguments: StatementArguments(arguments))
    }

    public func run(_ sql: String, _ arguments: [DatabaseValue]) throws {
        try cachedStatement(sql: sql).execute(arguments: StatementArguments(arguments))
    }
}
