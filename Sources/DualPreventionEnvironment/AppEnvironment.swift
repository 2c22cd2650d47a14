import DualPrevention
import DualPreventionCatalog
import DualPreventionResources
import DualPreventionStore
import Foundation

/// Everything the program takes from the machine it runs on, built once where it starts (`dualprev`'s commands and
/// `serve`) and handed down: the clock, the region's catalogue of rules files, the store, and the configuration.
/// Nothing below reads the system clock or finds files on its own, so tests and the generator can give any of them.
public struct AppEnvironment: Sendable {
    public struct Configuration: Sendable, Hashable {
        /// The SQLite database file; created on first use.
        public var databasePath: String
        /// The folder of checklists and rules files: as named, else ./checklists when there is one, else the one shipped
        /// beside the binary.
        public var checklistsFolder: String

        public init(databasePath: String, checklistsFolder: String? = nil) {
            self.databasePath = databasePath
            self.checklistsFolder = checklistsFolder ?? Self.defaultChecklists
        }

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

    /// The store at the configured path, grading with the catalogue's bands and dimensions.
    public func repository() throws -> SQLiteRepository {
        let store = try SQLiteRepository.open(path: configuration.databasePath, busy: busy)
        return SQLiteRepository(
            database: store.database,
            evidenceStore: store.evidenceStore,
            bands: catalogue.bands,
            dimensions: catalogue.dimensions
        )
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
