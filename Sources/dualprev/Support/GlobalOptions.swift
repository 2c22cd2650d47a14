import ArgumentParser
import DualPrevention
import DualPreventionCatalog
import DualPreventionEnvironment
import DualPreventionStore
import Foundation
import Synchronization

/// The environments built in this run, by configuration: a command asks for its store and its rules in several
/// places, and the catalogue is read once, when the command first asks.
private let environments = Mutex<[AppEnvironment.Configuration: AppEnvironment]>([:])

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// Options every command takes: where the data is, who is acting, how to print.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: [.customLong("db"), .customLong("database")],
        help: ArgumentHelp(
            "The database: an SQLite file (created on first use) or postgres://user[:password]@host[:port]/name.",
            discussion: "Default: DUALPREV_DATABASE when set, else ./dualprev.sqlite.",
            valueName: "file-or-url"
        )
    )
    var db: String = ProcessInfo.processInfo.environment["DUALPREV_DATABASE"] ?? "./dualprev.sqlite"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The evidence folder (photos, files): default FILE.evidence beside an SQLite file, ./dualprev.evidence for PostgreSQL.",
            discussion: "Several server processes of one PostgreSQL database must share it (a network file system).",
            valueName: "folder"
        )
    )
    var evidence: String?

    @Option(name: .customLong("as"), help: "The person acting (id or unique name). Required for every change; limits what is shown.")
    var actor: String?

    @Option(name: .long, help: "Output: table (for people), json (for scripts) or csv.")
    var format: OutputFormat = .table

    @Option(name: .long, help: "Labels in zh or en (default from LANG/LC_ALL).")
    var lang: Language?

    @Option(
        name: .customLong("checklists"),
        help: "Folder of checklists and rules files (a region's own); default ./checklists, else the folder shipped with this build."
    )
    var checklistsOption: String?

    /// The folder given, else ./checklists when there is one, else the one shipped beside this program.
    var checklists: String { configuration.checklistsFolder }

    var configuration: AppEnvironment.Configuration {
        .init(
            databasePath: db,
            checklistsFolder: checklistsOption,
            evidenceFolder: evidence ?? ProcessInfo.processInfo.environment["DUALPREV_EVIDENCE"]
        )
    }

    /// The command's environment: the system clock, the catalogue of the checklists folder, the store's path. Built
    /// once per run, the first time the command asks; every later question about the store or the rules is answered
    /// from it.
    func environment() throws -> AppEnvironment {
        let configuration = configuration
        if let built = environments.withLock({ $0[configuration] }) { return built }
        var built = try AppEnvironment.live(configuration)
        // While another process holds the database (a large import), a change waits and says so on standard error.
        let notice = Text("globalOptions.databaseBusyWithAnother")(language)
        built.busy.notice = { FileHandle.standardError.write(Data("dualprev: \(notice)\n".utf8)) }
        if let seconds = ProcessInfo.processInfo.environment["DUALPREV_BUSY_SECONDS"].flatMap(Double.init), seconds >= 0 {
            built.busy.limit = seconds
        }
        environments.withLock { $0[configuration] = built }
        return built
    }

    var language: Language {
        lang ?? Language.fromLocale(ProcessInfo.processInfo.environment["LC_ALL"] ?? ProcessInfo.processInfo.environment["LANG"])
    }

    var output: Output { Output(format: format, language: language) }

    /// The clock every command reads "now" from (the system's; the edge where the program meets time).
    var clock: AppClock { .system }
    var now: Date { clock.now() }

    /// Refuses, before anything is touched, a command that works on an SQLite file only (`what`: its name).
    func requireSQLite(_ what: String) throws {
        guard configuration.isPostgres else { return }
        throw InputError(
            rule: "STORE-SQLITE-ONLY",
            message: Text("sQLiteRepository.sqliteOnly", what),
            hint: Text("sQLiteRepository.sqliteOnlyHint")
        )
    }

    /// The database as it may be shown: a URL without its password.
    var shownDatabase: String {
        guard var parts = URLComponents(string: db), parts.password != nil else { return db }
        parts.password = "***"
        return parts.string ?? db
    }

    /// The one place the CLI chooses its store; everything else sees the `Repository` protocol.
    func repository() async throws -> any Repository { try await environment().repository() }

    /// The region's grading bands and dimensions from the checklists folder, where it has them; the defaults otherwise.
    func catalogConfiguration() throws -> (bands: GradingBands, dimensions: DimensionCatalog) {
        let catalogue = try environment().catalogue
        return (catalogue.bands, catalogue.dimensions)
    }

    func creditRules() throws -> CreditRules { try environment().catalogue.creditRules() }
    func appointmentRules() throws -> AppointmentRules { try environment().catalogue.appointmentRules() }
    func listRules() throws -> ListRules { try environment().catalogue.listRules() }
    func benchmarkRules() throws -> BenchmarkRules { try environment().catalogue.benchmarkRules() }

    /// The OpenAPI document the server serves: ./schemas/openapi.yaml, else the one shipped beside this program.
    func openAPIDocument() -> String? { AppEnvironment.openAPIDocument() }

    /// The person named by `--as`, as stored: a regional director as themselves, acting for no enterprise (their
    /// inbox, their appointments).
    func requirePerson(_ repository: any Repository) async throws -> Person {
        guard let actor else {
            throw InputError(
                rule: "ACTOR-REQUIRED",
                message: Text("globalOptions.everyChangeEveryLook"),
                hint: Text("globalOptions.nameYourselfWithAs")
            )
        }
        return try await repository.person(actor)
    }

    /// The acting person; every change needs one. A regional quality safety director acts as the director of the
    /// enterprise the command names with `--enterprise` (or of the only one they serve), under the appointment in
    /// office now: read again at every run, so an ended appointment stops at the next command.
    func requireActor(_ repository: any Repository, enterprise: String? = nil) async throws -> Actor {
        try await repository.acting(try await requirePerson(repository), enterprise: enterprise, at: now).actor
    }

    /// The id of an optional `--enterprise` (id, credit code or name) the viewer may see; nil when not given.
    func enterpriseID(_ key: String?, _ repository: any Repository, _ viewer: Viewer) async throws -> Int64? {
        guard let key else { return nil }
        return try await repository.enterprise(key, visibleTo: viewer).id
    }

    /// Reads are limited to what the named person may see, so they need `--as` too.
    func viewer(_ repository: any Repository, enterprise: String? = nil) async throws -> Viewer {
        .person(try await requireActor(repository, enterprise: enterprise))
    }
}

extension Language: ExpressibleByArgument {}
extension RiskColour: ExpressibleByArgument {}
extension ControlList.Tier: ExpressibleByArgument {}
extension HazardState: ExpressibleByArgument {}
extension HazardGrade: ExpressibleByArgument {}
extension HazardSource: ExpressibleByArgument {}
extension JurisdictionLevel: ExpressibleByArgument {}
extension GradingMethodKind: ExpressibleByArgument {}
extension QualityRecordKind: ExpressibleByArgument {}
extension ListArea: ExpressibleByArgument {}
extension ListKind: ExpressibleByArgument {}

extension Role: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}

extension ControlFrequency: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}
