import GRDBSQLite

/// A value bound to or read from a raw statement; STRICT tables hold only these.
enum SQLValue: Sendable, Equatable {
    case integer(Int64)
    case real(Double)
    case text(String)
    case null
}

struct RawSQLiteError: Error, CustomStringConvertible {
    var code: Int32
    var message: String
    var sql: String

    var description: String { "SQLite error \(code): \(message) — in \(sql)" }
}

/// The floor's connection: the SQLite C API and nothing else, opened the way GRDB opens a
/// `DatabasePool` writer (read-write, no mutex, extended codes, 10 s busy timeout, foreign keys
/// on, WAL, `synchronous = NORMAL`), so both sides pay for the same durability.
final class RawConnection {
    let handle: OpaquePointer

    init(path: String) throws {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_CREATE | SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(db)
            throw RawSQLiteError(code: code, message: message, sql: "open \(path)")
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, 10_000)
        try execute("PRAGMA foreign_keys = ON")
        let mode = try rows("PRAGMA journal_mode = WAL")
        guard mode == [[.text("wal")]] else {
            throw RawSQLiteError(code: SQLITE_ERROR, message: "WAL mode refused: \(mode)", sql: "PRAGMA journal_mode = WAL")
        }
        try execute("PRAGMA synchronous = NORMAL")
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? ""
            sqlite3_free(message)
            throw RawSQLiteError(code: code, message: text, sql: sql)
        }
    }

    func prepare(_ sql: String) throws -> RawStatement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else { throw error(code, sql) }
        return RawStatement(handle: statement, connection: self, sql: sql)
    }

    /// Every row of a query; for preparing and checking, never inside a timed loop.
    func rows(_ sql: String, _ values: [SQLValue] = []) throws -> [[SQLValue]] {
        let statement = try prepare(sql)
        return try statement.rows(values)
    }

    func error(_ code: Int32, _ sql: String) -> RawSQLiteError {
        RawSQLiteError(code: code, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }
}

/// A prepared statement, reused for every row of a run.
final class RawStatement {
    let handle: OpaquePointer
    let connection: RawConnection
    let sql: String

    init(handle: OpaquePointer, connection: RawConnection, sql: String) {
        self.handle = handle
        self.connection = connection
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds, steps to the end (discarding any RETURNING row) and resets.
    func run(_ values: [SQLValue] = []) throws {
        try bind(values)
        defer { sqlite3_reset(handle) }
        var code = sqlite3_step(handle)
        while code == SQLITE_ROW { code = sqlite3_step(handle) }
        guard code == SQLITE_DONE else { throw connection.error(code, sql) }
    }

    func rows(_ values: [SQLValue]) throws -> [[SQLValue]] {
        try bind(values)
        defer { sqlite3_reset(handle) }
        var result: [[SQLValue]] = []
        let columns = sqlite3_column_count(handle)
        var code = sqlite3_step(handle)
        while code == SQLITE_ROW {
            result.append((0..<columns).map(column))
            code = sqlite3_step(handle)
        }
        guard code == SQLITE_DONE else { throw connection.error(code, sql) }
        return result
    }

    private func bind(_ values: [SQLValue]) throws {
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32 =
                switch value {
                case .integer(let int): sqlite3_bind_int64(handle, index, int)
                case .real(let double): sqlite3_bind_double(handle, index, double)
                case .text(let text): sqlite3_bind_text(handle, index, text, -1, Self.transient)
                case .null: sqlite3_bind_null(handle, index)
                }
            guard code == SQLITE_OK else { throw connection.error(code, sql) }
        }
    }

    private func column(_ index: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER: .integer(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT: .real(sqlite3_column_double(handle, index))
        case SQLITE_NULL: .null
        default: .text(String(cString: sqlite3_column_text(handle, index)))
        }
    }

    /// SQLITE_TRANSIENT: SQLite copies the text before the Swift string's buffer goes away.
    private static var transient: sqlite3_destructor_type {
        unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
    }
}
