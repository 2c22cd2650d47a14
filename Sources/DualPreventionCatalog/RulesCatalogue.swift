import DualPrevention
import Foundation

/// A region's folder of checklists and rules files, read once where the program starts: its grading bands and
/// dimensions (the defaults where the folder has none), and on request its checklists and its credit, list and
/// benchmark rules. A missing rules file is an error only for the command that needs it.
public struct RulesCatalogue: Sendable {
    /// The folder as it was named (messages quote it so).
    public let path: String
    public let bands: GradingBands
    public let dimensions: DimensionCatalog
    var folder: URL { URL(fileURLWithPath: path) }

    public init(folder path: String) throws {
        self.path = path
        let folder = URL(fileURLWithPath: path)
        var dimensions = DimensionCatalog()
        let dimensionsFile = folder.appendingPathComponent("dimensions.yaml").path
        if FileManager.default.fileExists(atPath: dimensionsFile), case .dimensions(let loaded) = try CatalogLoader.load(file: dimensionsFile) {
            dimensions = loaded
        }
        var bands = GradingBands.default
        let bandsFile = folder.appendingPathComponent("grading-bands.yaml").path
        if FileManager.default.fileExists(atPath: bandsFile),
            case .gradingBands(let loaded) = try CatalogLoader.load(file: bandsFile, dimensions: dimensions)
        {
            bands = loaded
        }
        self.bands = bands
        self.dimensions = dimensions
    }

    /// Every checklist of the folder, by file name.
    public func checklists() throws -> [Checklist] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            throw InputError(
                rule: "CHECKLISTS-FOLDER",
                message: Text("rulesCatalogue.noChecklistsFolderAt", "\(path)"),
                hint: Text("rulesCatalogue.runFromProjectFolder")
            )
        }
        return try names.filter { $0.hasSuffix(".yaml") }.sorted().compactMap { name in
            if case .checklist(let list) = try CatalogLoader.load(file: folder.appendingPathComponent(name).path, dimensions: dimensions) {
                return list
            }
            return nil
        }
    }

    public func creditRules() throws -> CreditRules { try rules("credit-rules.yaml") { if case .creditRules(let r) = $0 { r } else { nil } } }
    public func listRules() throws -> ListRules { try rules("list-rules.yaml") { if case .listRules(let r) = $0 { r } else { nil } } }
    public func benchmarkRules() throws -> BenchmarkRules {
        try rules("benchmark-rules.yaml") { if case .benchmarkRules(let r) = $0 { r } else { nil } }
    }

    /// The reminder and escalation day counts: the folder's escalation-rules.yaml, else DOMAIN.md's defaults.
    public func escalationRules() throws -> EscalationRules {
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("escalation-rules.yaml").path) else { return .defaults }
        return try rules("escalation-rules.yaml") { if case .escalationRules(let r) = $0 { r } else { nil } }
    }

    /// The cap on a regional director's enterprises: the folder's appointment-rules.yaml, else DOMAIN.md's default.
    public func appointmentRules() throws -> AppointmentRules {
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("appointment-rules.yaml").path) else { return .defaults }
        return try rules("appointment-rules.yaml") { if case .appointmentRules(let r) = $0 { r } else { nil } }
    }

    /// A rules file of the folder (credit-rules.yaml, list-rules.yaml…), of the kind expected.
    func rules<T>(_ fileName: String, _ pick: (CatalogLoader.Document) -> T?) throws -> T {
        let path = folder.appendingPathComponent(fileName).path
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(
                rule: "RULES-FILE",
                message: Text("rulesCatalogue.thereNo", "\(self.path)", "\(fileName)"),
                hint: Text("rulesCatalogue.nameFolderHoldingWith")
            )
        }
        guard let rules = pick(try CatalogLoader.load(file: path)) else {
            throw InputError(
                rule: "RULES-FILE",
                message: Text("rulesCatalogue.notKindRulesFile", "\(path)"),
                hint: Text("rulesCatalogue.checkFileSKind")
            )
        }
        return rules
    }
}
