import Benchmark

// Each benchmark times the store and its floor (the raw SQLite C API writing the same rows with
// the same durability) in the same run, checks that both wrote identical rows, and reports the
// ratio. `DUALPREV_BENCH_N` shortens a run while trying things out.
let benchmarks: @Sendable () -> Void = {
    let count = BenchSettings.count

    func compare(_ name: String, _ run: @escaping @Sendable (Benchmark) async throws -> Comparison) {
        Benchmark(name, configuration: Comparison.configuration) { benchmark in
            try await run(benchmark).report(to: benchmark)
        }
    }

    compare("Risk point ingest, store vs raw SQLite") { try await RiskPointIngest(count: count).run($0) }
    compare("Hazard transitions, store vs raw SQLite") { try await HazardTransitions(count: count).run($0) }

    // On PostgreSQL, when DUALPREV_BENCH_POSTGRES names a server: the store against COPY and against pgbench.
    if BenchPostgres.url != nil {
        compare("Risk point ingest on PostgreSQL, store vs COPY") { try await RiskPointIngestPostgres(count: count).run($0) }
        compare("Hazard transitions on PostgreSQL, store vs pgbench") { try await HazardTransitionsPostgres(count: count).run($0) }
    }
}
