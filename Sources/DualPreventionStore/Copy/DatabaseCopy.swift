import DualPrevention
import Foundation
import GRDB

/// Moves a whole database from one store to another (`dualprev migrate`): SQLite to PostgreSQL when a province outgrows
/// its file, and back. Every table is copied in its key's order, a chunk per transaction, so an interrupted copy takes
/// up where it stopped: each table goes on after the last key the target holds. The audit log goes first, so that a
/// target already holding entries is known to be an earlier copy of this source (its last entry is the source's
/// entry of that number) and not another database. Logins (`web_session`, `login_failure`) are not copied: everyone
/// logs in again on the new database.
///
/// The source must not change while it is copied (its servers and commands stopped): a row changed after its chunk was
/// copied would not be copied again. So the copy refuses to take up an interrupted copy once the source has gone on
/// (the target's log, complete when the other tables began, is no longer the source's whole log), and it ends only when
/// the source's head and every table's row count are what they were when it began and the same in the target.
public struct DatabaseCopy: Sendable {
    /// A table and the columns of its primary key.
    public struct Table: Sendable, Hashable {
        public var name: String
        public var key: [String]
    }

    /// Every table of the schema, the audit log first, then each table after those it refers to.
    public static let tables: [Table] = [
        Table(name: "audit_log", key: ["seq"]),
        Table(name: "jurisdiction", key: ["id"]), Table(name: "enterprise", key: ["id"]), Table(name: "workshop", key: ["id"]),
        Table(name: "team", key: ["id"]), Table(name: "post", key: ["id"]), Table(name: "person", key: ["id"]),
        Table(name: "risk_point", key: ["id"]), Table(name: "risk_grading", key: ["risk_point_id", "sequence"]),
        Table(name: "document_counter", key: ["enterprise_id", "kind", "year"]), Table(name: "hazard", key: ["id"]),
        Table(name: "rectification_notice", key: ["hazard_id"]), Table(name: "governance_plan", key: ["hazard_id", "sequence"]),
        Table(name: "extension_request", key: ["hazard_id"]), Table(name: "rectification_submission", key: ["hazard_id", "sequence"]),
        Table(name: "acceptance", key: ["hazard_id", "sequence"]), Table(name: "supervision_listing", key: ["hazard_id", "sequence"]),
        Table(name: "hazard_cancellation", key: ["hazard_id"]), Table(name: "evidence", key: ["sha256"]),
        Table(name: "evidence_link", key: ["sha256", "object_type", "hazard_id", "label"]), Table(name: "check_plan", key: ["id"]),
        Table(name: "check_run", key: ["id"]), Table(name: "quality_record", key: ["id"]), Table(name: "credit_grade", key: ["id"]),
        Table(name: "list_entry", key: ["id"]), Table(name: "account", key: ["person_id"]),
        Table(name: "assessment_assignment", key: ["id"]), Table(name: "office_counter", key: ["jurisdiction_id", "kind", "year"]),
        Table(name: "warning", key: ["id"]), Table(name: "warning_task", key: ["id"]), Table(name: "inspection", key: ["id"]),
        Table(name: "hazard_origin", key: ["hazard_id"]), Table(name: "notification", key: ["id"]),
        Table(name: "notification_delivery", key: ["notification_id", "sender"]), Table(name: "inbox_read", key: ["person_id", "item_key"]),
        Table(name: "product_batch", key: ["id"]), Table(name: "production_stop", key: ["id"]), Table(name: "recall", key: ["id"]),
        Table(name: "recall_return", key: ["id"]), Table(name: "director_appointment", key: ["id"]),
    ]

    /// What a copy did.
    public struct Report: Sendable, Hashable {
        /// Rows copied by this run, by table.
        public var copied: [String: Int] = [:]
        /// Rows the target held before this run (an interrupted copy's), in all.
        public var alreadyThere = 0
        /// False when the run stopped at `maxChunks` with rows left to copy.
        public var complete = true
    }

    public var source: any StoreDatabase
    public var target: any StoreDatabase
    /// Rows per transaction on the target.
    public var chunk: Int
    /// The chunks one run copies at most; the next run goes on from there (a copy spread over quiet hours).
    public var maxChunks: Int

    public init(from source: any StoreDatabase, to target: any StoreDatabase, chunk: Int = 2_000, maxChunks: Int = .max) {
        self.source = source
        self.target = target
        self.chunk = max(1, chunk)
        self.maxChunks = max(1, maxChunks)
    }

    /// Copies every table; `progress(table, rows there, rows in the source's table)` after each chunk.
    public func run(progress: @escaping @Sendable (String, Int, Int) -> Void) async throws -> Report {
        try await requireSameLineage()
        let before = try await Self.state(of: source)
        var report = Report()
        var chunks = 0
        for table in Self.tables {
            let total = try await source.read { db in try Self.count(table.name, in: db) }
            var there = try await target.read { db in try Self.count(table.name, in: db) }
            report.alreadyThere += there
            progress(table.name, there, total)
            // Each chunk is read from the source while the one before it is written to the target: the source's
            // reading and the target's writing take a core each rather than turns on one. The target's last key is read
            // once, where an interrupted copy stopped; after that it is the last row read, as rows arrive in key order.
            let limit = chunk
            let source = source
            func read(after: [DatabaseValue]?) -> Task<RowBatch, any Error> {
                Task { try await source.read { db in RowBatch(rows: try Self.rows(of: table, after: after, limit: limit, in: db)) } }
            }
            var reading: Task<RowBatch, any Error>? = read(after: try await target.read { db in try Self.lastKey(of: table, in: db) })
            while let current = reading {
                guard chunks < maxChunks else {
                    report.complete = false
                    return report
                }
                chunks += 1
                let batch = try await current.value
                let rows = batch.rows
                guard let last = rows.last else { break }
                reading = rows.count < limit ? nil : read(after: table.key.map { last[$0] as DatabaseValue })
                try await target.write { db in try Self.insert(batch.rows, into: table.name, in: db) }
                there += rows.count
                report.copied[table.name, default: 0] += rows.count
                progress(table.name, there, total)
            }
        }
        if target.dialect == .postgres, report.complete {
            // Rows came with their ids: the identities go on past the largest. And the planner learns the tables' sizes
            // now rather than when autovacuum comes round.
            try await target.write { db in try db.execute(sql: "SELECT dualprev_sync_identities()") }
            for table in Self.tables { try await target.write { db in try db.execute(sql: "ANALYZE \(table.name)") } }
        }
        if report.complete {
            let after = try await Self.state(of: source)
            guard after == before, try await Self.state(of: target) == before else { throw CopyError.sourceChanged }
        }
        return report
    }

    /// The audit head and every table's row count, read in one snapshot.
    static func state(of database: any StoreDatabase) async throws -> [String: String] {
        try await database.read { db in
            var state = ["": try String.fetchOne(db, sql: "SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1") ?? ""]
            for table in tables { state[table.name] = String(try count(table.name, in: db)) }
            return state
        }
    }

    /// A target with entries must hold a beginning of this source's log: its last entry is the source's entry of that
    /// number. A target with records but no log is another database.
    func requireSameLineage() async throws {
        let last = try await target.read { db in
            try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").map { ($0[0] as Int64, $0[1] as String) }
        }
        guard let (seq, hash) = last else {
            let people = try await target.read { db in try Self.count("person", in: db) }
            guard people == 0 else { throw CopyError.targetNotEmpty }
            return
        }
        let (theirs, theirLast) = try await source.read { db in
            (
                try String.fetchOne(db, sql: "SELECT hash FROM audit_log WHERE seq = ?", arguments: [seq]),
                try Int64.fetchOne(db, sql: "SELECT max(seq) FROM audit_log") ?? 0
            )
        }
        guard theirs == hash else { throw CopyError.anotherDatabase(seq: seq) }
        // Past the log, the other tables were copied from the source as it was then: it must not have gone on since.
        if theirLast != seq, try await target.read({ db in try Self.count("jurisdiction", in: db) }) > 0 { throw CopyError.sourceChanged }
    }

    static func count(_ table: String, in db: any SQLContext) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
    }

    /// The largest key the table holds, in key order.
    static func lastKey(of table: Table, in db: any SQLContext) throws -> [DatabaseValue]? {
        let columns = table.key.joined(separator: ", ")
        let descending = table.key.map { "\($0) DESC" }.joined(separator: ", ")
        guard let row = try Row.fetchOne(db, sql: "SELECT \(columns) FROM \(table.name) ORDER BY \(descending) LIMIT 1") else { return nil }
        return (0..<table.key.count).map { row[$0] as DatabaseValue }
    }

    /// The next rows after `after`, in key order.
    static func rows(of table: Table, after: [DatabaseValue]?, limit: Int, in db: any SQLContext) throws -> [Row] {
        let columns = table.key.joined(separator: ", ")
        guard let after else {
            return try Row.fetchAll(db, sql: "SELECT * FROM \(table.name) ORDER BY \(columns) LIMIT ?", arguments: [limit])
        }
        let marks = Array(repeating: "?", count: after.count).joined(separator: ", ")
        return try Row.fetchAll(
            db,
            sql: "SELECT * FROM \(table.name) WHERE (\(columns)) > (\(marks)) ORDER BY \(columns) LIMIT ?",
            arguments: SQLArguments(values: after + [limit.databaseValue])
        )
    }

    /// Rows of one table, by the target's fastest way (`SQLContext.insertRows`).
    static func insert(_ rows: [Row], into table: String, in db: any SQLContext) throws {
        guard let first = rows.first else { return }
        let columns = Array(first.columnNames)
        try db.insertRows(into: table, columns: columns, rows: rows.map { row in columns.indices.map { row[$0] as DatabaseValue } })
    }

    /// Rows handed from the source's read to the target's write (each read's rows are its own copies).
    struct RowBatch: @unchecked Sendable {
        var rows: [Row]
    }
}

/// Why a copy did not start.
public enum CopyError: DualPreventionError, Equatable {
    case sourceBroken(String)
    case targetNotEmpty
    case anotherDatabase(seq: Int64)
    case sourceChanged
    case headsDiffer(source: String, target: String)

    public var kind: FailureKind { .badInput }

    public var rule: String {
        switch self {
        case .sourceBroken: "MIGRATE-SOURCE"
        case .targetNotEmpty, .anotherDatabase: "MIGRATE-TARGET"
        case .sourceChanged: "MIGRATE-SOURCE-CHANGED"
        case .headsDiffer: "MIGRATE-HEADS"
        }
    }

    public var message: Text {
        switch self {
        case .sourceBroken(let problem): Text("databaseCopy.sourceBroken", problem)
        case .targetNotEmpty: Text("databaseCopy.targetNotEmpty")
        case .anotherDatabase(let seq): Text("databaseCopy.anotherDatabase", "\(seq)")
        case .sourceChanged: Text("databaseCopy.sourceChanged")
        case .headsDiffer(let source, let target): Text("databaseCopy.headsDiffer", source, target)
        }
    }

    public var hint: Text? {
        switch self {
        case .sourceBroken: Text("databaseCopy.verifyFirst")
        case .targetNotEmpty, .anotherDatabase: Text("databaseCopy.useAnEmptyDatabase")
        case .headsDiffer, .sourceChanged: Text("databaseCopy.stopAndStartAgain")
        }
    }
}
