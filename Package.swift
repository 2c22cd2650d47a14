// swift-tools-version: 6.1
import PackageDescription

// The benchmark harness (ordo-one/benchmark) is compiled only on demand:
// `DUALPREV_BENCHMARKS=1 swift package benchmark`. CI and the everyday build never pay for it.
let withBenchmarks = Context.environment["DUALPREV_BENCHMARKS"] == "1"

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

var dependencies: [Package.Dependency] = [
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
]

var targets: [Target] = [
    // The data files shipped as resources (checklists/ and schemas/openapi.yaml, kept at the top level where people
    // read and edit them): a bundle beside the binary, so that a release build copied elsewhere still finds them.
    .target(
        name: "DualPreventionResources",
        path: ".",
        exclude: [
            "Sources/DualPrevention", "Sources/DualPreventionStore", "Sources/DualPreventionCatalog", "Sources/DualPreventionServer",
            "Sources/DualPreventionEnvironment", "Sources/DualPreventionPresentation", "Sources/DualPreventionPostgres",
            "Sources/dualprev", "Tests", "Benchmarks", "Fuzz", "README.md",
        ],
        sources: ["Sources/DualPreventionResources"],
        resources: [.copy("checklists"), .copy("schemas")],
        swiftSettings: strict
    ),
    // Pure domain: value types, rules, state machines. No I/O, no clock. Its one resource is the label catalogue.
    .target(name: "DualPrevention", resources: [.copy("Resources/labels.json")], swiftSettings: strict),
    // GRDB store: migrations, records, the hash-chained audit log, evidence files.
    .target(
        name: "DualPreventionStore",
        dependencies: [
            "DualPrevention",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ],
        swiftSettings: strict
    ),
    // PostgreSQL store for a province: the same schema, constraints and audit chain on a database server.
    .target(
        name: "DualPreventionPostgres",
        dependencies: [
            "DualPrevention",
            "DualPreventionStore",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ],
        resources: [.copy("Resources/schema.sql")],
        swiftSettings: strict
    ),
    // What people read, written for the CLI and the server alike: the paper forms, the benchmark report, the CSV
    // ledgers, view models, and JSON written by hand for what is read in bulk.
    .target(name: "DualPreventionPresentation", dependencies: ["DualPrevention"], swiftSettings: strict),
    // Checklists, dimensions and grading bands read from YAML, with every error located.
    .target(
        name: "DualPreventionCatalog",
        dependencies: ["DualPrevention", .product(name: "Yams", package: "Yams")],
        swiftSettings: strict
    ),
    // Set-up at the edges: the clock, the catalogue of rules files, the store and the configuration, built once by
    // `dualprev` and `serve`; the only place the system clock is read.
    .target(
        name: "DualPreventionEnvironment",
        dependencies: [
            "DualPrevention", "DualPreventionStore", "DualPreventionCatalog", "DualPreventionResources", "DualPreventionPostgres",
        ],
        swiftSettings: strict
    ),
    // Hummingbird server: the JSON API and the pages (Mustache templates), sessions, problems; a library so that tests drive it directly.
    .target(
        name: "DualPreventionServer",
        dependencies: [
            "DualPrevention",
            "DualPreventionStore",
            "DualPreventionEnvironment",
            "DualPreventionPresentation",
            "DualPreventionCatalog",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "MultipartKit", package: "multipart-kit"),
        ],
        resources: [.copy("Templates"), .copy("Static")],
        swiftSettings: strict
    ),
    // Command-line tool: argument parsing and rendering only.
    .executableTarget(
        name: "dualprev",
        dependencies: [
            "DualPrevention",
            "DualPreventionStore",
            "DualPreventionCatalog",
            "DualPreventionServer",
            "DualPreventionResources",
            "DualPreventionEnvironment",
            "DualPreventionPresentation",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
        ],
        swiftSettings: strict
    ),
    // What the fuzzers (Fuzz/, `.ci/fuzz.sh`) feed bytes to, and the test that replays every kept input and crasher.
    .target(
        name: "FuzzTargets",
        dependencies: ["DualPrevention", "DualPreventionCatalog", "DualPreventionPresentation"],
        path: "Fuzz/FuzzTargets",
        swiftSettings: strict
    ),
    .testTarget(
        name: "FuzzRegressionTests",
        dependencies: ["FuzzTargets", "DualPreventionServer"],
        path: "Fuzz/RegressionTests",
        swiftSettings: strict
    ),
    // The domain's tests; the benchmark report's test is here too, for the assessments its fixtures build.
    .testTarget(
        name: "DualPreventionTests",
        dependencies: ["DualPrevention", "DualPreventionPresentation", "DualPreventionCatalog"],
        swiftSettings: strict
    ),
    .testTarget(
        name: "DualPreventionPresentationTests",
        dependencies: ["DualPrevention", "DualPreventionPresentation", "DualPreventionCatalog"],
        swiftSettings: strict
    ),
    .testTarget(name: "DualPreventionCatalogTests", dependencies: ["DualPrevention", "DualPreventionCatalog"], swiftSettings: strict),
    // The store's tests. Those parameterised over `TestStore.all` run on SQLite and, when DUALPREV_POSTGRES_URL names
    // a server (`.ci/run` starts a throwaway cluster), on PostgreSQL too: what one store does, the other must do.
    .testTarget(
        name: "DualPreventionStoreTests",
        dependencies: [
            "DualPrevention", "DualPreventionStore", "DualPreventionCatalog", "DualPreventionPostgres",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ],
        swiftSettings: strict
    ),
    .testTarget(
        name: "DualPreventionServerTests",
        dependencies: [
            "DualPrevention", "DualPreventionStore", "DualPreventionServer", "DualPreventionCatalog", "DualPreventionEnvironment",
            "DualPreventionPresentation",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Yams", package: "Yams"),
        ],
        swiftSettings: strict
    ),
    // End-to-end tests: run the built `dualprev` binary.
    .testTarget(
        name: "dualprevTests",
        dependencies: [
            "dualprev", "DualPrevention", "DualPreventionPresentation", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
        ],
        swiftSettings: strict
    ),
]

// The libFuzzer executables, built only by `.ci/fuzz.sh` (with -sanitize=fuzzer,address, in .build-fuzz/).
if Context.environment["DUALPREV_FUZZ"] == "1" {
    for name in ["FuzzRules", "FuzzCSV"] {
        targets.append(.executableTarget(name: name, dependencies: ["FuzzTargets"], path: "Fuzz/\(name)", swiftSettings: strict))
    }
    targets.append(
        .executableTarget(name: "FuzzJSON", dependencies: ["FuzzTargets", "DualPreventionServer"], path: "Fuzz/FuzzJSON", swiftSettings: strict)
    )
}

if withBenchmarks {
    dependencies.append(.package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]))
    targets.append(
        .executableTarget(
            name: "StoreBenchmarks",
            dependencies: [
                "DualPrevention", "DualPreventionStore", "DualPreventionPostgres",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
                // The floor: the SQLite C API itself, and the audit chain hashed as the store hashes it.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Benchmarks/StoreBenchmarks",
            swiftSettings: strict,
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    )
}

let package = Package(
    name: "DualPrevention",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dualprev", targets: ["dualprev"]),
        .library(name: "DualPrevention", targets: ["DualPrevention"]),
        .library(name: "DualPreventionStore", targets: ["DualPreventionStore"]),
        .library(name: "DualPreventionCatalog", targets: ["DualPreventionCatalog"]),
        .library(name: "DualPreventionServer", targets: ["DualPreventionServer"]),
    ],
    dependencies: dependencies,
    targets: targets,
    swiftLanguageModes: [.v6]
)
