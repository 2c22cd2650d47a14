import Benchmark
import Foundation

/// The store and its floor, timed in the same run on the same rows; the ratio is what matters.
struct Comparison {
    var label: String
    /// What the floor is: "raw SQLite", "COPY", "pgbench".
    var floorName: String
    var count: Int
    var store: Duration
    var floor: Duration

    var ratio: Double { seconds(store) / seconds(floor) }

    static let storeMetric = BenchmarkMetric.custom("store (ms)", polarity: .prefersSmaller, useScalingFactor: false)
    static let floorMetric = BenchmarkMetric.custom("floor (ms)", polarity: .prefersSmaller, useScalingFactor: false)
    static let ratioMetric = BenchmarkMetric.custom("store/floor (x100)", polarity: .prefersSmaller, useScalingFactor: false)

    /// One iteration of a long run: the wall clock covers the store's timed loop, the custom
    /// metrics carry both sides and their ratio (integers, hence milliseconds and ×100).
    static var configuration: Benchmark.Configuration {
        Benchmark.Configuration(
            metrics: [.wallClock, storeMetric, floorMetric, ratioMetric],
            timeUnits: .milliseconds,
            units: [storeMetric: .count, floorMetric: .count, ratioMetric: .count],
            warmupIterations: 0,
            scalingFactor: .one,
            maxDuration: .seconds(3_600),
            maxIterations: 1
        )
    }

    func report(to benchmark: Benchmark) {
        benchmark.measurement(Self.storeMetric, Int(seconds(store) * 1_000))
        benchmark.measurement(Self.floorMetric, Int(seconds(floor) * 1_000))
        benchmark.measurement(Self.ratioMetric, Int((ratio * 100).rounded()))
        let line =
            "\(label) (\(count)): store \(format(seconds(store))) s, \(floorName) \(format(seconds(floor))) s, "
            + "ratio X/Y = \(String(format: "%.2f", ratio))"
        print(line)
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private func format(_ value: Double) -> String { String(format: "%.2f", value) }
}
