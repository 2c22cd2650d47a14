import Benchmark
import DualPrevention
import DualPreventionPostgres
import DualPreventionStore
import Foundation
import GRDB
import PostgresNIO

/// The PostgreSQL runs, when `DUALPREV_BENCH_POSTGRES` names a server (a URL whose user may create databases, e.g.
/// what `.ci/postgres.sh start DIR` prints). Each benchmark works in databases of its own, dropped afterwards unless
/// `DUALPREV_BENCH_KEEP=1`.
enum BenchPostgres {
    static var url: String? { ProcessInfo.processInfo.environment["DUALPREV_BENCH_POSTGRES"] }

    /// A new, migrated database on the server and its store (evidence in a temporary folder).
    struct Database {
        let name: String
        let url: String
        let pool: PostgresPool
        let repository: StoreRepository

        static func make(_ label: String) async throws -> Database {
            guard let server = BenchPostgres.url, var parts = URLComponents(string: server) else {
                throw FixtureError.unexpected("DUALPREV_BENCH_POSTGRES is not a URL")
            }
            let name = "dualprev_bench_\(label)_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
            try await BenchPostgres.admin("CREATE DATABASE \(name)")
            parts.path = "/" + name
            let url = parts.string ?? server
            let pool = try await PostgresPool.open(url: url, at: Date(timeIntervalSince1970: 0))
            let evidence = BenchSettings.directory.appendingPathComponent(name + ".evidence")
            let repository = StoreRepository(database: pool, evidenceStore: EvidenceStore(root: evidence))
            return Database(name: name, url: url, pool: pool, repository: repository)
        }

        func remove() async {
            await pool.close()
            guard ProcessInfo.processInfo.environment["DUALPREV_BENCH_KEEP"] != "1" else {
                print("kept the database \(name)")
                return
            }
            try? await BenchPostgres.admin("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        }

        /// Every row of a table in key order, each as its values.
        func rows(_ sql: String) async throws -> [[DatabaseValue]] {
            try await pool.read { db in try db.fetchRows(sql, []).map { row in (0..<row.count).map { row[$0] as DatabaseValue } } }
        }
    }

    /// A statement on the server's own database (creating and dropping the benchmark's).
    static func admin(_ sql: String) async throws {
        guard let url else { throw FixtureError.unexpected("DUALPREV_BENCH_POSTGRES is not set") }
        let admin = try PostgresPool(url: url)
        do {
            try await admin.client.query(PostgresQuery(unsafeSQL: sql))
        } catch {
            await admin.close()
            throw error
        }
        await admin.close()
    }
}

/// `count` risk points through the store on PostgreSQL, one action (and commit) each, against `COPY` of the very
/// rows the store wrote (the risk points and their audit entries) into a second database holding the same set-up,
/// in one transaction. The floor is the fastest way PostgreSQL takes rows in; the ratio is what an action's checks,
/// its audit chain and its own commit cost over it.
struct RiskPointIngestPostgres {
    var count: Int

    func run(_ benchmark: Benchmark) async throws -> Comparison {
        let store = try await BenchPostgres.Database.make("ingest")
        let floor = try await BenchPostgres.Database.make("ingest_floor")
        do {
            let comparison = try await compare(store: store, floor: floor, benchmark)
            await store.remove()
            await floor.remove()
            return comparison
        } catch {
            await store.remove()
            await floor.remove()
            throw error
        }
    }

    private func compare(store: BenchPostgres.Database, floor: BenchPostgres.Database, _ benchmark: Benchmark) async throws -> Comparison {
        var cast = try await Cast.populate(store.repository)
        _ = try await Cast.populate(floor.repository)
        let setupHead = try await store.rows("SELECT coalesce(max(seq), 0) FROM audit_log")[0][0]
        let actions = RiskPointIngest.actions(count: count, cast: &cast)

        let clock = ContinuousClock()
        benchmark.startMeasurement()
        let storeStart = clock.now
        for (point, now) in actions {
            _ = try await store.repository.addRiskPoint(point, grading: nil, by: cast.officer, at: now)
        }
        let storeTime = clock.now - storeStart
        benchmark.stopMeasurement()

        // What the store wrote, read back untimed: the floor copies exactly these rows.
        let auditColumns = "seq, at, actor_id, actor_name, action, object_type, object_id, enterprise_id, summary, payload, evidence, prev_hash, hash"
        let points = try await store.rows("SELECT * FROM risk_point ORDER BY id")
        let pointColumns = try await store.pool.read { db in Array(try db.fetchRows("SELECT * FROM risk_point LIMIT 1", [])[0].columnNames) }
        let entries = try await store.rows("SELECT \(auditColumns) FROM audit_log WHERE seq > \(setupHead) ORDER BY seq")
        guard points.count == count, entries.count == count else {
            throw FixtureError.unexpected("\(points.count) risk points and \(entries.count) audit entries for \(count) actions")
        }
        let floorStart = clock.now
        try await floor.pool.write { db in
            try db.insertRows(into: "risk_point", columns: pointColumns, rows: points)
            try db.insertRows(into: "audit_log", columns: auditColumns.components(separatedBy: ", "), rows: entries)
        }
        let floorTime = clock.now - floorStart

        for (table, order) in [("risk_point", "id"), ("audit_log", "seq")] {
            let a = try await store.rows("SELECT * FROM \(table) ORDER BY \(order)")
            let b = try await floor.rows("SELECT * FROM \(table) ORDER BY \(order)")
            guard a == b else { throw FixtureError.floorDiffers(table: table, storeOnly: Int64(a.count), floorOnly: Int64(b.count)) }
        }
        return Comparison(label: "risk points on PostgreSQL", floorName: "COPY", count: count, store: storeTime, floor: floorTime)
    }
}

/// `count` hazard transitions through the store on PostgreSQL (the closed loop of `HazardTransitions`, one action and
/// commit each) against `pgbench` running as many plain transactions on the same database, one client: an `UPDATE`
/// of a hazard row and an `INSERT` of a row as wide as an audit entry (a table like `audit_log`, without its
/// triggers), committed each time. The floor is the database's own cost of a write transaction; the ratio is what the
/// store adds: its reads and checks, the parts, the audit chain, the round trips.
struct HazardTransitionsPostgres {
    var count: Int

    func run(_ benchmark: Benchmark) async throws -> Comparison {
        let database = try await BenchPostgres.Database.make("transitions")
        do {
            let comparison = try await compare(database, benchmark)
            await database.remove()
            return comparison
        } catch {
            await database.remove()
            throw error
        }
    }

    private func compare(_ database: BenchPostgres.Database, _ benchmark: Benchmark) async throws -> Comparison {
        var cast = try await Cast.populate(database.repository)
        let hazardIDs = try await HazardTransitions.reportHazards(count: count, in: database.repository, cast: &cast)
        let steps = HazardTransitions.steps(count: count, hazardIDs: hazardIDs, cast: &cast)

        benchmark.startMeasurement()
        let storeTime = try await HazardTransitions.perform(steps, in: database.repository)
        benchmark.stopMeasurement()

        // The floor's table: an audit entry's columns and constraints, without the append-only triggers, and payloads
        // as long as the store's were on average. (No colon may stand in the script's SQL but before a variable.)
        try await database.pool.write { db in
            try db.run("CREATE TABLE bench_log (LIKE audit_log INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES INCLUDING IDENTITY)", [])
        }
        let width = try await database.rows("SELECT avg(length(payload))::bigint FROM audit_log WHERE object_type = 'hazard'")[0][0]
        let payloadLength = Int(Int64.fromDatabaseValue(width) ?? 200)
        let script = """
            \\set id random(\(hazardIDs.first ?? 1), \(hazardIDs.last ?? 1))
            BEGIN;
            UPDATE hazard SET location = location WHERE id = CAST(:id AS BIGINT);
            INSERT INTO bench_log (at, actor_id, actor_name, action, object_type, object_id, enterprise_id, summary, payload, evidence, prev_hash, hash)
            VALUES (clock_timestamp()::text, \(cast.officer.id), '王质安', 'hazard.transition', 'hazard', CAST(:id AS BIGINT),
                    \(cast.enterpriseID), 'transition', json_build_object('state', repeat('x', \(max(1, payloadLength - 12))))::text, '[]',
                    md5(random()::text) || md5(random()::text), md5(random()::text) || md5(random()::text));
            COMMIT;
            """
        let floorTime = try PgBench.run(script: script, transactions: count, url: database.url)
        let written = try await database.rows("SELECT count(*) FROM bench_log")[0][0]
        guard written == count.databaseValue else { throw FixtureError.unexpected("pgbench wrote \(written) rows for \(count) transactions") }
        return Comparison(label: "hazard transitions on PostgreSQL", floorName: "pgbench", count: count, store: storeTime, floor: floorTime)
    }
}

/// `pgbench` (PostgreSQL's own client benchmark) with a custom script, one client, no vacuum.
enum PgBench {
    static func executable() throws -> String {
        let fm = FileManager.default
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        var candidates = path.split(separator: ":").map { "\($0)/pgbench" }
        if let versions = try? fm.contentsOfDirectory(atPath: "/usr/lib/postgresql") {
            candidates += versions.sorted().reversed().map { "/usr/lib/postgresql/\($0)/bin/pgbench" }
        }
        guard let found = candidates.first(where: { fm.isExecutableFile(atPath: $0) }) else {
            throw FixtureError.unexpected("pgbench not found: install postgresql-client (apt-get install postgresql-client-15)")
        }
        return found
    }

    /// The time of the transactions themselves: their count over the rate pgbench reports without its connection.
    static func run(script: String, transactions: Int, url: String) throws -> Duration {
        let file = BenchSettings.directory.appendingPathComponent("dualprev-pgbench-\(UUID().uuidString).sql")
        try script.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try executable())
        process.arguments = ["-n", "-c", "1", "-j", "1", "-M", "prepared", "-t", String(transactions), "-f", file.path, url]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0,
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("tps = ") }),
            let tps = Double(line.dropFirst("tps = ".count).prefix { $0 == "." || $0.isNumber }), tps > 0
        else { throw FixtureError.unexpected("pgbench failed:\n\(text)") }
        return .nanoseconds(Int64(Double(transactions) / tps * 1e9))
    }
}
