import DualPrevention
import DualPreventionStore
import Foundation
import GRDB
import Logging
import NIOCore
import PostgresNIO

/// A transaction (or a read) on one PostgreSQL connection, as the store's code speaks to any database: statements run
/// one after the other on the calling thread, which waits for each. The store runs its closures on threads of its own
/// (`PostgresPool.transaction`), never on Swift's cooperative threads or NIO's event loops, so the wait blocks no one.
///
/// The store's SQL uses `?` placeholders; they become `$1`, `$2`, … here. Values travel as the store wrote them: an
/// integer as BIGINT, a real as DOUBLE PRECISION, text as TEXT, bytes as BYTEA. The rows come back in the same values
/// (a boolean as 0 or 1, as SQLite gives one; a NUMERIC, which a SUM makes of BIGINTs, as an integer when it is one).
final class PostgresContext: SQLContext {
    let connection: PostgresConnection
    let logger: Logger

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    var dialect: SQLDialect { .postgres }

    func fetchRows(_ sql: String, _ arguments: [DatabaseValue]) throws -> [Row] {
        let query = try Self.query(sql, arguments)
        let connection = connection
        let logger = logger
        return try Self.wait {
            var rows: [Row] = []
            for try await row in try await connection.query(query, logger: logger) {
                rows.append(try Self.row(row))
            }
            return RowsBox(rows: rows)
        }.rows
    }

    func run(_ sql: String, _ arguments: [DatabaseValue]) throws {
        let query = try Self.query(sql, arguments)
        let connection = connection
        let logger = logger
        _ = try Self.wait {
            for try await _ in try await connection.query(query, logger: logger) {}
            return RowsBox(rows: [])
        }
    }

    /// The rows through `COPY … FROM STDIN` in its text format, a few hundred kilobytes at a time: one statement for
    /// them all, where INSERTs cost a statement per hundred rows. Triggers and constraints hold as for an INSERT.
    func insertRows(into table: String, columns: [String], rows: [[DatabaseValue]]) throws {
        guard !rows.isEmpty else { return }
        var pieces: [ByteBuffer] = []
        var text = ""
        text.reserveCapacity(1 << 19)
        for row in rows {
            for (index, value) in row.enumerated() {
                if index > 0 { text.append("\t") }
                Self.appendCopyText(value, to: &text)
            }
            text.append("\n")
            if text.utf8.count >= 1 << 19 {
                pieces.append(ByteBuffer(string: text))
                text.removeAll(keepingCapacity: true)
            }
        }
        if !text.isEmpty { pieces.append(ByteBuffer(string: text)) }
        let connection = connection
        let logger = logger
        let chunks = pieces
        _ = try Self.wait {
            try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                for chunk in chunks { try await writer.write(chunk) }
            }
            return RowsBox(rows: [])
        }
    }

    /// A value as COPY's text format spells it: `\N` for NULL; in text a backslash, tab, newline and carriage return
    /// escaped; bytes as BYTEA's hex form (its backslash escaped too); a real as PostgreSQL reads it back exactly.
    static func appendCopyText(_ value: DatabaseValue, to text: inout String) {
        switch value.storage {
        case .null: text.append("\\N")
        case .int64(let int): text.append(String(int))
        case .double(let double):
            if double.isNaN {
                text.append("\\N")  // as SQLite binds it, and as `query` binds it
            } else if double.isInfinite {
                text.append(double < 0 ? "-Infinity" : "Infinity")
            } else {
                text.append("\(double)")
            }
        case .string(let string):
            guard string.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
                return text.append(string)
            }
            for scalar in string.unicodeScalars {
                switch scalar {
                case "\\": text.append("\\\\")
                case "\t": text.append("\\t")
                case "\n": text.append("\\n")
                case "\r": text.append("\\r")
                default: text.unicodeScalars.append(scalar)
                }
            }
        case .blob(let data):
            text.append("\\\\x")
            for byte in data {
                text.append(Self.hexDigits[Int(byte >> 4)])
                text.append(Self.hexDigits[Int(byte & 0x0F)])
            }
        }
    }

    private static let hexDigits: [Character] = Array("0123456789abcdef")

    /// Closes the connection (one left in an unknown state); the pool opens another in its place.
    func close() {
        let connection = connection
        _ = try? Self.wait {
            try await connection.close()
            return RowsBox(rows: [])
        }
    }

    /// Rows handed from the task that read them to the waiting thread (GRDB's rows are not marked Sendable; these are
    /// built by the task and only read after it has finished).
    struct RowsBox: @unchecked Sendable {
        var rows: [Row]
    }

    /// Runs `work` on Swift's threads and waits for it on this one.
    static func wait<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let result = ResultBox<T>()
        Task {
            do {
                result.set(.success(try await work()))
            } catch {
                result.set(.failure(error))
            }
            done.signal()
        }
        done.wait()
        return try result.get()
    }

    final class ResultBox<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Result<T, any Error>?
        func set(_ result: Result<T, any Error>) { lock.withLock { value = result } }
        func get() throws -> T {
            guard let value = lock.withLock({ value }) else { throw CancellationError() }
            return try value.get()
        }
    }

    // MARK: Statements and values

    /// The statement with `$n` for each `?` outside quotes and comments, and its values bound.
    static func query(_ sql: String, _ arguments: [DatabaseValue]) throws -> PostgresQuery {
        var bindings = PostgresBindings(capacity: arguments.count)
        for value in arguments {
            switch value.storage {
            case .null: bindings.appendNull()
            case .int64(let int): bindings.append(int)
            case .double(let double):
                // As SQLite binds it: NaN is NULL.
                if double.isNaN { bindings.appendNull() } else { bindings.append(double) }
            case .string(let string): bindings.append(string)
            case .blob(let data): bindings.append(ByteBuffer(bytes: data))
            }
        }
        let (text, count) = numbered(sql)
        guard count == arguments.count else {
            throw StoreError.io(Text("postgresContext.argumentCount", "\(count)", "\(arguments.count)"), underlying: sql)
        }
        return PostgresQuery(unsafeSQL: text, binds: bindings)
    }

    /// `?` → `$1`, `$2`, … and the count; a `?` inside '…', "…" or a `--` comment is left as it is.
    static func numbered(_ sql: String) -> (String, Int) {
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var count = 0
        var quote: Character?
        var comment = false
        var previous: Character?
        for char in sql {
            if comment {
                if char == "\n" { comment = false }
            } else if let open = quote {
                if char == open { quote = nil }
            } else if char == "'" || char == "\"" {
                quote = char
            } else if char == "-" && previous == "-" {
                comment = true
            } else if char == "?" {
                count += 1
                out += "$\(count)"
                previous = char
                continue
            }
            out.append(char)
            previous = char
        }
        return (out, count)
    }

    /// A PostgreSQL row as GRDB's `Row`, every column in order.
    static func row(_ row: PostgresRow) throws -> Row {
        var columns: [(String, (any DatabaseValueConvertible)?)] = []
        columns.reserveCapacity(8)
        for cell in row { columns.append((cell.columnName, try value(cell))) }
        return try OrderedRow.make(columns)
    }

    static func value(_ cell: PostgresCell) throws -> DatabaseValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid:
            return try cell.decode(Int64.self).databaseValue
        case .float4, .float8:
            return try cell.decode(Double.self).databaseValue
        case .bool:
            return (try cell.decode(Bool.self) ? 1 : 0).databaseValue
        case .numeric:
            let decimal = try cell.decode(Decimal.self)
            var rounded = Decimal()
            var copy = decimal
            NSDecimalRound(&rounded, &copy, 0, .plain)
            if rounded == decimal, let int = Int64(exactly: NSDecimalNumber(decimal: decimal).int64Value), Decimal(int) == decimal {
                return int.databaseValue
            }
            return NSDecimalNumber(decimal: decimal).doubleValue.databaseValue
        case .bytea:
            var buffer = try cell.decode(ByteBuffer.self)
            return Data(buffer.readBytes(length: buffer.readableBytes) ?? []).databaseValue
        default:
            return try cell.decode(String.self).databaseValue
        }
    }
}
