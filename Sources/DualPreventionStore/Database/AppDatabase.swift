import DualPrevention
import Foundation
import GRDB

/// The database: one `DatabaseWriter` (a WAL pool on disk, a queue in memory for tests) and its migrations.
public struct AppDatabase: Sendable {
    let writer: any DatabaseWriter

    public init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
    }

    /// True when opened read-only (`open` found the file, its folder or its disk not writable).
    public var isReadOnly: Bool { writer.configuration.readonly }

    /// Opens (creating if needed) a database file in WAL mode with foreign keys on. A database that cannot be
    /// written (a read-only file, folder or file system: an archived copy) opens read-only, for reads and
    /// `audit verify`; its changes are refused with `StoreError.readOnly`.
    public static func open(path: String, busy: BusyWait = BusyWait()) throws -> AppDatabase {
        let url = URL(fileURLWithPath: path)
        let files = FileManager.default
        if files.fileExists(atPath: path), !isWritable(path) {
            return try openReadOnly(path: path)
        }
        do {
            try files.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            return try AppDatabase(DatabasePool(path: path, configuration: configuration(busy: busy)))
        } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY || error.resultCode == .SQLITE_CANTOPEN {
            guard files.fileExists(atPath: path) else { throw StoreError.wrap(error) }
            return try openReadOnly(path: path)
        } catch let error as DatabaseError {
            throw StoreError.wrap(error)
        } catch let error as CocoaError {
            throw StoreError.io(Text("appDatabase.cannotCreateDatabaseS"), underlying: error.localizedDescription)
        }
    }

    /// Whether the file, its folder (for the WAL's files) and its file system take writes.
    static func isWritable(_ path: String) -> Bool {
        let files = FileManager.default
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard files.isWritableFile(atPath: path), files.isWritableFile(atPath: folder) else { return false }
        var info = statvfs()
        guard statvfs(folder, &info) == 0 else { return true }
        return info.f_flag & UInt(ST_RDONLY) == 0
    }

    /// A read-only connection; no migration can run, so the file must be at this program's version already.
    static func openReadOnly(path: String) throws -> AppDatabase {
        var config = configuration()
        config.readonly = true
        do {
            let queue: DatabaseQueue
            do {
                queue = try DatabaseQueue(path: path, configuration: config)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CANTOPEN {
                // A WAL database on read-only media without its -shm file: SQLite reads it only as immutable (nothing
                // writes it while it is read, which holds for an archived copy).
                var allowed = CharacterSet.urlPathAllowed
                allowed.remove(charactersIn: "?#")
                let uri = "file:" + (URL(fileURLWithPath: path).path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path)
                queue = try DatabaseQueue(path: uri + "?immutable=1", configuration: config)
            }
            let complete = try queue.read { db in try migrator.hasCompletedMigrations(db) }
            guard complete else {
                throw StoreError.needsMigration(
                    "\(path) is read-only and was written by an older version of dualprev; its upgrade needs to write"
                )
            }
            return AppDatabase(readOnly: queue)
        } catch let error as DatabaseError {
            throw StoreError.wrap(error)
        }
    }

    private init(readOnly writer: DatabaseQueue) {
        self.writer = writer
    }

    /// An empty in-memory database, for tests.
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: configuration()))
    }

    static func configuration(busy: BusyWait = BusyWait()) -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = busy.mode
        return config
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-closed-loop") { db in
            try db.execute(sql: Schema.v1)
        }
        migrator.registerMigration("v2-risk-point-templates") { db in
            try db.execute(sql: Schema.v2)
        }
        migrator.registerMigration("v3-scheduled-checks") { db in
            try db.execute(sql: Schema.v3)
        }
        migrator.registerMigration("v4-credit-and-lists") { db in
            try db.execute(sql: Schema.v4)
        }
        migrator.registerMigration("v5-accounts") { db in
            try db.execute(sql: Schema.v5)
        }
        migrator.registerMigration("v6-assessment-assignments") { db in
            try db.execute(sql: Schema.v6)
        }
        // Migrations that only add or rebuild indexes cannot break a foreign key: they skip GRDB's check of every key
        // after them, which on a province's database takes longer than building the index.
        migrator.registerMigration("v7-overview-indexes", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: Schema.v7)
        }
        migrator.registerMigration("v8-grading-indexes", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: Schema.v8)
        }
        migrator.registerMigration("v9-overview-current-state", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: Schema.v9)
        }
        migrator.registerMigration("v10-check-runs-by-instant", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: Schema.v10)
        }
        // Adds a column without a key: nothing for GRDB's check of every key to find either.
        migrator.registerMigration("v11-evidence-names-per-attachment", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: Schema.v11)
        }
        migrator.registerMigration("v12-regulator-side") { db in
            try db.execute(sql: Schema.v12)
        }
        migrator.registerMigration("v13-sessions", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: Schema.v13)
        }
        migrator.registerMigration("v14-lookups", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: Schema.v14)
        }
        migrator.registerMigration("v15-products", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: Schema.v15)
        }
        // Rebuilds the person table, which every other table's keys name: GRDB checks every key once it is done.
        migrator.registerMigration("v16-regional-directors") { db in
            try db.execute(sql: Schema.v16)
        }
        return migrator
    }

    /// Names of the applied migrations, oldest first.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try Self.migrator.appliedMigrations(db) }
    }
}

/// How a writer waits while another process holds the database (a large import, a backup's last step): it tries
/// again every `interval` for up to `limit` seconds, and after `noticeAfter` seconds calls `notice` once per wait,
/// so that the person waiting is told ("busy, retrying") instead of left guessing. Past the limit the action fails
/// with `StoreError.busy`, having changed nothing.
public struct BusyWait: Sendable {
    /// Five minutes by default: longer than the largest import the program takes in one transaction.
    public static let defaultLimit: Double = 300

    public var limit: Double
    public var interval: Double
    public var noticeAfter: Double
    public var notice: @Sendable () -> Void

    public init(limit: Double = defaultLimit, interval: Double = 0.02, noticeAfter: Double = 1, notice: @escaping @Sendable () -> Void = {}) {
        self.limit = limit
        self.interval = interval
        self.noticeAfter = noticeAfter
        self.notice = notice
    }

    var mode: Database.BusyMode {
        let (limit, interval, noticeAfter, notice) = (limit, interval, noticeAfter, notice)
        return .callback { tries in
            let waited = Double(tries) * interval
            guard waited < limit else { return false }
            if waited < noticeAfter, waited + interval >= noticeAfter { notice() }
            usleep(useconds_t(interval * 1_000_000))
            return true
        }
    }
}
