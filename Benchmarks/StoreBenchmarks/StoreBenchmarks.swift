import Benchmark

// Each benchmark times the store and its floor (the raw SQLite C API writing the same rows with
// the same durability) in the same run, checks that both wrote identical rows, and reports the
// ratio. `DUALPREV_BENCH_N` shortens a run while trying things out.
let benchmarks: @Sendable () -> Void = {
    let count = BenchSettings.count

    Benchmark("Risk point ingest, store vs raw SQLite", configuration: Comparison.configuration) { benchmark in
        let comparison = try await RiskPointIngest(count: count).run(benchmark)
        comparison.report(to: benchmark)
    }

    Benchmark("Hazard transitions, store vs raw SQLite", configuration: Comparison.configuration) { benchmark in
        let comparison = try await HazardTransitions(count: count).run(benchmark)
        comparison.report(to: benchmark)
    }

    // On PostgreSQL, when DUALPREV_BENCH_POSTGRES names a server: the store against COPY and against pgbench.
    if BenchPostgres.url != nil {
        Benchmark("Risk point ingest on PostgreSQL, store vs COPY", configuration: Comparison.configuration) { benchmark in
            let comparison = try await RiskPointIngestPostgres(count: count).run(benchmark)
            comparison.report(to: benchmark)
        }

        Benchmark("Hazard transitions on PostgreSQL, store vs pgbench", configuration: Comparison.configuration) { benchmark in
            let comparison = try await HazardTransitionsPostgres(count: count).run(benchmark)
            comparison.report(to: benchmark)
        }
    }
}
