import DualPrevention
import DualPreventionCatalog
import DualPreventionPostgres
import DualPreventionResources
import DualPreventionStore
import Foundation
import Synchronization

/// Everything the program takes from the machine it runs on, built once where it starts (`dualprev`'s commands and
/// `serve`) and handed down: the clock, the region's catalogue of rules files, the store, and the configuration.
/// Nothing below reads the system clock or finds files on its own, so tests and the generator can give any of them.
public struct AppEnvironment: Sendable {
    public struct Configuration: Sendable, Hashable {
        /// The SQLite database file (created on first use), or a PostgreSQL database as `postgres://user@host/db`.
        public var databasePath: String
        /// The folder of checklists and rules files: as named, else ./checklists when there is one, else the one shipped
        /// beside the binary.
        public var checklistsFolder: String
        /// Where evidence files are kept: as named, else beside an SQLite file (`FILE.evidence`), else
        /// `./dualprev.evidence` for PostgreSQL (a folder every server process of the database shares).
        public var evidenceFolder: String

        public init(databasePath: String, checklistsFolder: String? = nil, evidenceFolder: String? = nil) {
            self.databasePath = databasePath
            self.checklistsFolder = checklistsFolder ?? Self.defaultChecklists
            self.evidenceFolder =
                evidenceFolder ?? (PostgresPool.isURL(databasePath) ? "./dualprev.evidence" : databasePath + ".evidence")
        }

        /// Whether the database is a PostgreSQL one.
        public var isPostgres: Bool { PostgresPool.isURL(databasePath) }

        static var defaultChecklists: String {
            if FileManager.default.fileExists(atPath: "./checklists") { return "./checklists" }
            return ShippedResources.checklists?.path ?? "./checklists"
        }
    }

    public var clock: AppClock
    public var configuration: Configuration
    public var catalogue: RulesCatalogue
    /// How a write waits while another process holds the database, and how the wait is told.
    public var busy = BusyWait()

    public init(clock: AppClock, configuration: Configuration) throws {
        self.clock = clock
        self.configuration = configuration
        catalogue = try RulesCatalogue(folder: configuration.checklistsFolder)
    }

    /// The environment of a running program: the system clock and the files named by its configuration.
    public static func live(_ configuration: Configuration) throws -> AppEnvironment {
        try AppEnvironment(clock: .system, configuration: configuration)
    }

    /// The store of the configured database, grading with the catalogue's bands and dimensions: the SQLite file
    /// (opened, created or migrated as needed), or the PostgreSQL database (connected once per run and migrated when
    /// its schema is missing).
    public func repository() async throws -> StoreRepository {
        let database: any StoreDatabase
        if configuration.isPostgres {
            database = try await Self.postgres(configuration.databasePath, at: clock.now())
        } else {
            database = try StoreRepository.open(path: configuration.databasePath, busy: busy).database
        }
        return StoreRepository(
            database: database,
            evidenceStore: EvidenceStore(root: URL(fileURLWithPath: configuration.evidenceFolder)),
            bands: catalogue.bands,
            dimensions: catalogue.dimensions
        )
    }

    /// One pool per PostgreSQL database and process: every store of the run shares its connections.
    private static let pools = Mutex<[String: PostgresPool]>([:])

    private static func postgres(_ url: String, at now: Date) async throws -> PostgresPool {
        if let open = pools.withLock({ $0[url] }) { return open }
        let pool = try await PostgresPool.open(url: url, at: now)
        return pools.withLock { pools in
            if let raced = pools[url] { return raced }
            pools[url] = pool
            return pool
        }
    }

    /// The OpenAPI document the server serves: ./schemas/openapi.yaml, else the one shipped beside this program.
    public var openAPIDocument: String? { Self.openAPIDocument() }

    public static func openAPIDocument() -> String? {
        (try? String(contentsOfFile: "./schemas/openapi.yaml", encoding: .utf8)) ?? ShippedResources.openAPI
    }
}

extension AppClock {
    /// The system clock: the one place the program reads it.
    public static let system = AppClock { Date() }
}
