import DualPrevention
import DualPreventionStore
import Foundation

enum FixtureError: Error, CustomStringConvertible {
    case unexpected(String)
    case floorDiffers(table: String, storeOnly: Int64, floorOnly: Int64)

    var description: String {
        switch self {
        case .unexpected(let what): "unexpected: \(what)"
        case .floorDiffers(let table, let storeOnly, let floorOnly):
            "the floor did not write the store's rows in \(table): \(storeOnly) rows only in the store, \(floorOnly) only in the floor"
        }
    }
}

/// Settings read from the environment, so a short run can be tried before the full one.
enum BenchSettings {
    /// Actions per benchmark: `DUALPREV_BENCH_N`, 100,000 unless set.
    static var count: Int {
        ProcessInfo.processInfo.environment["DUALPREV_BENCH_N"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil } ?? 100_000
    }

    /// Where the databases go: `DUALPREV_BENCH_DIR`, the system temporary directory unless set.
    static var directory: URL {
        ProcessInfo.processInfo.environment["DUALPREV_BENCH_DIR"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory
    }
}

/// Action times one second apart from a fixed instant, so every run writes the same values.
struct Ticks {
    private var next = 0
    private let start = Date(timeIntervalSince1970: 1_740_787_200)  // 2025-03-01T00:00:00Z

    mutating func now() -> Date {
        next += 1
        return start.addingTimeInterval(TimeInterval(next))
    }
}

/// One enterprise with one workshop, an officer and a workshop head, added through the repository: the same rows,
/// ids and instants whichever database holds them.
struct Cast {
    var officer: Actor
    var workshopHead: Actor
    var enterpriseID: Int64
    var workshopID: Int64
    var ticks = Ticks()

    static func populate(_ repository: StoreRepository) async throws -> Cast {
        var ticks = Ticks()
        let admin = try await repository.bootstrap(adminName: "基准管理员", demo: false, at: ticks.now()).actor
        let province = try await repository.addJurisdiction(name: "浙江省", level: .province, parentID: nil, by: admin, at: ticks.now())
        let enterprise = try await repository.addEnterprise(
            Enterprise(
                id: 0,
                name: "基准测试食品包装有限公司",
                creditCode: try CreditCode("91350100M000100Y43"),
                jurisdictionID: province.id,
                productCategory: "食品相关产品"
            ),
            by: admin,
            at: ticks.now()
        )
        let workshop = try await repository.addWorkshop(enterpriseID: enterprise.id, name: "一车间", by: admin, at: ticks.now())
        let officer = try await repository.addPerson(
            Person(id: 0, name: "王质安", role: .officer, enterpriseID: enterprise.id),
            by: admin,
            at: ticks.now()
        )
        let head = try await repository.addPerson(
            Person(id: 0, name: "李主任", role: .workshopHead, enterpriseID: enterprise.id, workshopID: workshop.id),
            by: admin,
            at: ticks.now()
        )
        return Cast(officer: officer.actor, workshopHead: head.actor, enterpriseID: enterprise.id, workshopID: workshop.id, ticks: ticks)
    }
}

/// The cast in a new SQLite file of a fresh directory; the floor gets a copy of that database.
struct Fixture {
    let directory: URL
    let repository: StoreRepository
    var cast: Cast

    var storePath: String { directory.appendingPathComponent("store.sqlite").path }
    var floorPath: String { directory.appendingPathComponent("floor.sqlite").path }

    static func make(_ name: String) async throws -> Fixture {
        let directory = BenchSettings.directory.appendingPathComponent("dualprev-bench-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let repository = try StoreRepository.open(path: directory.appendingPathComponent("store.sqlite").path)
        return Fixture(directory: directory, repository: repository, cast: try await Cast.populate(repository))
    }

    /// Copies the store's database as it stands into the floor's file (the setup is not timed).
    func copyForFloor() throws {
        let source = try RawConnection(path: storePath)
        try source.execute("VACUUM INTO '\(floorPath)'")
    }

    /// The last audit sequence number written so far, where a timed run starts.
    func auditHead() throws -> Int64 {
        let rows = try RawConnection(path: storePath).rows("SELECT coalesce(max(seq), 0) FROM audit_log")
        guard case .integer(let seq) = rows.first?.first else { throw FixtureError.unexpected("no audit head") }
        return seq
    }

    /// Proves the floor wrote exactly the store's rows: every table compared both ways.
    func verifyFloorMatchesStore(tables: [String]) throws {
        let floor = try RawConnection(path: floorPath)
        try floor.execute("ATTACH DATABASE '\(storePath)' AS store")
        for table in tables {
            let storeOnly = try floor.rows("SELECT count(*) FROM (SELECT * FROM store.\(table) EXCEPT SELECT * FROM main.\(table))")
            let floorOnly = try floor.rows("SELECT count(*) FROM (SELECT * FROM main.\(table) EXCEPT SELECT * FROM store.\(table))")
            guard case .integer(let a) = storeOnly.first?.first, case .integer(let b) = floorOnly.first?.first else {
                throw FixtureError.unexpected("count of \(table)")
            }
            guard a == 0, b == 0 else { throw FixtureError.floorDiffers(table: table, storeOnly: a, floorOnly: b) }
        }
    }

    func remove() {
        guard ProcessInfo.processInfo.environment["DUALPREV_BENCH_KEEP"] != "1" else {
            print("kept the databases in \(directory.path)")
            return
        }
        try? FileManager.default.removeItem(at: directory)
    }
}
