import DualPrevention
import Foundation
import GRDB

/// A deterministic synthetic province for judging reads at scale: a jurisdiction tree, enterprises across the shipped
/// categories, people in every role, risk points from the checklists, check runs with missed periods, hazards in every
/// state with full histories, credit inputs and list entries. Every action goes through the same operations, rules
/// and audit entries as a person's; only the transactions are larger (one per batch of enterprises), so the chain
/// is intact and every rule holds.
public struct ProvinceGenerator: Sendable {
    public struct Options: Sendable {
        public var enterprises: Int
        public var seed: UInt64
        public var years: Int
        public var hazardsPerEnterprise: Int
        /// The bcrypt hash every generated login gets (hashed once by the caller).
        public var passwordHash: String
        /// The instant the province's history ends at; whole seconds.
        public var asOf: Date

        public init(enterprises: Int, seed: UInt64, years: Int, hazardsPerEnterprise: Int, passwordHash: String, asOf: Date) {
            self.enterprises = enterprises
            self.seed = seed
            self.years = years
            self.hazardsPerEnterprise = hazardsPerEnterprise
            self.passwordHash = passwordHash
            self.asOf = Date(timeIntervalSince1970: asOf.timeIntervalSince1970.rounded(.down))
        }
    }

    public struct Summary: Sendable, Codable {
        public var enterprises = 0
        public var jurisdictions = 0
        public var people = 0
        public var accounts = 0
        public var riskPoints = 0
        public var checkRuns = 0
        public var hazards = 0
        public var hazardsByState: [String: Int] = [:]
        public var qualityRecords = 0
        public var listEntries = 0
        public var auditEntries = 0
        public var rows = 0
        public var seconds = 0.0
        public var rowsPerSecond = 0.0
        /// Login names: the administrator, the province's regulator, and one enterprise director as an example.
        public var administrator = ""
        public var provinceRegulator = ""
        public var exampleDirector = ""
    }

    let repository: StoreRepository
    let checklists: [Checklist]
    let listRules: ListRules?
    let options: Options
    /// Enterprises written per transaction: large enough to amortise the commit, small enough to bound memory.
    static let batchSize = 50

    public init(repository: StoreRepository, checklists: [Checklist], listRules: ListRules?, options: Options) {
        self.repository = repository
        self.checklists = checklists.sorted { $0.category < $1.category }
        self.listRules = listRules
        self.options = options
    }

    /// Builds the province into an empty database; `progress(done, total)` after each enterprise.
    /// `clock` reads elapsed time for the rows/s figure (the caller's clock: this module never reads one).
    public func run(clock: @Sendable () -> Date, progress: @Sendable (Int, Int) -> Void) throws -> Summary {
        guard !checklists.isEmpty else {
            throw InputError(
                rule: "GENERATE-CHECKLISTS",
                message: Text("provinceGenerator.noChecklistTakeRisk"),
                hint: Text("provinceGenerator.nameChecklistsFolderWith")
            )
        }
        let writer = try repository.sqliteWriter(for: "generate")
        let started = clock()
        var random = SplitMix64(seed: options.seed)
        let start = options.asOf.addingTimeInterval(-Double(options.years) * 365 * 86_400)
        let bulk = try beginBulkLoad(writer)
        var tree = try writer.write { db in try self.setUp(start: start, random: &random, in: db) }
        var summary = Summary()
        summary.administrator = tree.admin.name
        summary.provinceRegulator = tree.regulators[tree.province]?.name ?? ""
        var next = 0
        while next < options.enterprises {
            let batch = next..<min(options.enterprises, next + Self.batchSize)
            try writer.write { db in
                for index in batch {
                    try self.enterprise(index, tree: &tree, start: start, random: &random, summary: &summary, in: db)
                    progress(index + 1, options.enterprises)
                }
            }
            next = batch.upperBound
        }
        try endBulkLoad(bulk, writer)
        try writer.write { db in try self.lists(tree: tree, summary: &summary, in: db) }
        try writer.read { db in
            summary.enterprises = try Enterprise.fetchCount(db)
            summary.jurisdictions = try Jurisdiction.fetchCount(db)
            summary.people = try Person.fetchCount(db)
            summary.accounts = try Account.fetchCount(db)
            summary.riskPoints = try RiskPoint.fetchCount(db)
            summary.checkRuns = try CheckRun.fetchCount(db)
            summary.hazards = try HazardRow.fetchCount(db)
            summary.qualityRecords = try QualityRecord.fetchCount(db)
            summary.listEntries = try ListEntry.fetchCount(db)
            summary.auditEntries = try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log") ?? 0
            for row in try Row.fetchAll(db, sql: "SELECT state, count(*) AS n FROM hazard GROUP BY state") {
                summary.hazardsByState[row["state"]] = row["n"]
            }
            let tables = try String.fetchAll(
                db,
                sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'"
            )
            summary.rows = try tables.reduce(0) { total, table in total + (try Int.fetchOne(db, sql: "SELECT count(*) FROM \"\(table)\"") ?? 0) }
        }
        summary.seconds = clock().timeIntervalSince(started)
        summary.rowsPerSecond = summary.seconds > 0 ? Double(summary.rows) / summary.seconds : 0
        return summary
    }

    // MARK: Loading in bulk

    /// Indexes whose keys arrive in no order while a province is written (instants across the years, object kinds,
    /// check instants, kinds and periods, notice numbers): kept row by row, each insert lands on a random page, and
    /// once the index outgrows the cache every row costs a read. They are dropped for the load and built once,
    /// sorted, before the lists are evaluated. None is unique, so no rule rests on them, and nothing the generator reads uses them.
    static let deferredIndexes = [
        "audit_by_instant", "audit_by_object", "check_run_by_instant", "check_run_by_kind_period", "rectification_notice_by_number",
    ]

    /// What a bulk load changed and puts back: the deferred indexes' definitions and the writer's settings.
    struct BulkLoad {
        var indexes: [String]
        var synchronous: Int
        var cacheSize: Int
    }

    /// The page cache of a bulk load, in KiB: 40 KiB per enterprise, at least 128 MiB and at most 4 GiB. The audit
    /// log's unique hash index takes a random key per entry (about 14 KiB of index per enterprise); once it outgrows
    /// the cache every entry costs a read, and at 50,000 enterprises the file no longer fits the system's cache
    /// either, so that read went to the disk. SQLite fills the cache as pages are used, so a small province never
    /// takes the upper figure.
    static func bulkCacheKiB(enterprises: Int) -> Int {
        min(4 * 1_048_576, max(131_072, enterprises * 40))
    }

    /// Begins the bulk load: drops the deferred indexes and, meanwhile, lets commits skip the fsync and the writer
    /// keep a cache sized to the province (`bulkCacheKiB`). A province that fails half-built is deleted by the
    /// caller, so there is nothing for durability to protect until the end, which syncs everything.
    func beginBulkLoad(_ writer: any DatabaseWriter) throws -> BulkLoad {
        try writer.writeWithoutTransaction { db in
            let names = Self.deferredIndexes.map { "'\($0)'" }.joined(separator: ", ")
            let load = BulkLoad(
                indexes: try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND name IN (\(names)) ORDER BY name"),
                synchronous: try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? 1,
                cacheSize: try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            )
            try db.inTransaction {
                for name in Self.deferredIndexes { try db.execute(sql: "DROP INDEX IF EXISTS \(name)") }
                return .commit
            }
            try db.execute(sql: "PRAGMA synchronous = OFF; PRAGMA cache_size = -\(Self.bulkCacheKiB(enterprises: options.enterprises))")
            return load
        }
    }

    /// Ends the bulk load: builds the deferred indexes (one sort each), restores the settings and checkpoints.
    func endBulkLoad(_ load: BulkLoad, _ writer: any DatabaseWriter) throws {
        try writer.writeWithoutTransaction { db in
            try db.inTransaction {
                for sql in load.indexes { try db.execute(sql: sql) }
                return .commit
            }
            try db.execute(sql: "PRAGMA synchronous = \(load.synchronous); PRAGMA cache_size = \(load.cacheSize)")
            try db.checkpoint(.truncate)
        }
    }

    // MARK: The tree and the regulators

    struct Tree {
        var admin: Actor
        var province: Int64
        /// Where enterprises are registered: towns, and districts directly.
        var places: [Int64]
        /// Each node's parent, to find the district above a town.
        var parents: [Int64: Int64]
        var levels: [Int64: JurisdictionLevel]
        var regulators: [Int64: Actor]
        var assessors: [Actor]
        var directors: [String] = []
    }

    static let cityNames = ["台州", "温州", "宁波", "绍兴", "金华", "嘉兴", "湖州", "衢州", "丽水", "舟山", "杭州"]

    /// Region sizes grow with the province: up to 11 cities of 6 districts of 4 towns.
    func shape() -> (cities: Int, districts: Int, towns: Int) {
        let n = options.enterprises
        let cities = min(11, max(1, n / 400))
        let districts = min(6, max(1, n / (cities * 80)))
        let towns = min(4, max(1, n / (cities * districts * 30)))
        return (cities, districts, towns)
    }

    func setUp(start: Date, random: inout SplitMix64, in db: Database) throws -> Tree {
        var at = start.addingTimeInterval(-30 * 86_400)
        func tick() -> Date {
            at = at.addingTimeInterval(60)
            return at
        }
        let admin = try record(tick(), StoreRepository.bootstrap(adminName: "系统管理员", demo: false, at: at, in: db), in: db).actor
        var tree = Tree(admin: admin, province: 0, places: [], parents: [:], levels: [:], regulators: [:], assessors: [])
        func node(_ name: String, _ level: JurisdictionLevel, _ parent: Int64?) throws -> Int64 {
            let j = try record(
                tick(),
                StoreRepository.addJurisdiction(name: name, level: level, parentID: parent, by: admin, at: at, in: db),
                in: db
            )
            tree.levels[j.id] = level
            if let parent { tree.parents[j.id] = parent }
            let regulator = try record(
                tick(),
                StoreRepository.addPerson(
                    Person(id: 0, name: "\(name)监管员", role: .regulator, jurisdictionID: j.id),
                    by: admin,
                    at: at,
                    in: db
                ),
                in: db
            ).actor
            tree.regulators[j.id] = regulator
            try account(regulator.id, by: admin, at: tick(), in: db)
            return j.id
        }
        let shape = shape()
        tree.province = try node("合成省", .province, nil)
        for c in 0..<shape.cities {
            let cityName = Self.cityNames[c % Self.cityNames.count] + (c >= Self.cityNames.count ? "\(c)" : "") + "市"
            let city = try node(cityName, .city, tree.province)
            for d in 0..<shape.districts {
                let district = try node("\(cityName)第\(d + 1)区", .district, city)
                tree.places.append(district)
                for t in 0..<shape.towns {
                    tree.places.append(try node("\(cityName)第\(d + 1)区第\(t + 1)街道", .town, district))
                }
            }
        }
        try account(admin.id, by: admin, at: tick(), in: db)
        for a in 0..<max(1, options.enterprises / 500) {
            tree.assessors.append(
                try record(
                    tick(),
                    StoreRepository.addPerson(
                        Person(id: 0, name: "评估专家\(a + 1)", role: .assessor),
                        by: admin,
                        at: at,
                        in: db
                    ),
                    in: db
                ).actor
            )
        }
        return tree
    }

    func account(_ personID: Int64, by actor: Actor, at: Date, in db: Database) throws {
        _ = try record(at, StoreRepository.setPassword(personID: personID, passwordHash: options.passwordHash, by: actor, at: at, in: db), in: db)
    }

    /// Appends an action's audit entries at its instant and returns its value.
    func record<T>(_ at: Date, _ done: (T, AuditDraft), in db: Database) throws -> T {
        try AuditLog.append(done.1, at: at, in: db)
        return done.0
    }

    func record<T>(_ at: Date, _ done: (T, [AuditDraft]), in db: Database) throws -> T {
        for draft in done.1 { try AuditLog.append(draft, at: at, in: db) }
        return done.0
    }

    /// The district regulator above a place (itself when the place is a district).
    func district(of place: Int64, in tree: Tree) -> Int64 {
        tree.levels[place] == .town ? (tree.parents[place] ?? place) : place
    }
}

/// A small, fast, seedable generator (SplitMix64): the same seed gives the same province on every machine.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
}
