import DualPrevention
import Foundation
import Testing

@testable import DualPreventionCatalog

/// The catalogue reads a region's folder once: bands and dimensions at once (the defaults where the folder has none),
/// checklists and rules files on request, with a located error for what is missing.
@Suite struct RulesCatalogueTests {
    static func emptyFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("catalogue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    @Test func theShippedFolderHasEverything() throws {
        let catalogue = try RulesCatalogue(folder: CatalogLoaderTests.folder.path)
        #expect(try catalogue.checklists().map { $0.category + ".yaml" } == CatalogLoaderTests.checklistFiles)
        guard
            case .dimensions(let dimensions) = try CatalogLoader.load(file: CatalogLoaderTests.folder.appendingPathComponent("dimensions.yaml").path)
        else {
            Issue.record("dimensions.yaml is not a dimensions file")
            return
        }
        #expect(catalogue.dimensions == dimensions)
        _ = try catalogue.creditRules()
        _ = try catalogue.listRules()
        _ = try catalogue.benchmarkRules()
    }

    @Test func aFolderWithoutRulesFilesGradesWithTheDefaultsAndNamesWhatIsMissing() throws {
        let folder = try Self.emptyFolder()
        let catalogue = try RulesCatalogue(folder: folder)
        #expect(catalogue.bands == GradingBands.default)
        #expect(catalogue.dimensions == DimensionCatalog())
        #expect(try catalogue.checklists().isEmpty)
        let error = try #require(throws: InputError.self) { try catalogue.creditRules() }
        #expect(error.rule == "RULES-FILE")
        #expect(error.message.en == "there is no credit-rules.yaml in \(folder)")
    }

    @Test func aMissingFolderIsNamed() throws {
        let catalogue = try RulesCatalogue(folder: "/nonexistent/checklists")
        let error = try #require(throws: InputError.self) { try catalogue.checklists() }
        #expect(error.rule == "CHECKLISTS-FOLDER")
        #expect(error.message.en == "no checklists folder at /nonexistent/checklists")
    }

    @Test func aRulesFileOfTheWrongKindIsRefused() throws {
        let folder = try Self.emptyFolder()
        try FileManager.default.copyItem(
            atPath: CatalogLoaderTests.folder.appendingPathComponent("list-rules.yaml").path,
            toPath: folder + "/credit-rules.yaml"
        )
        let error = try #require(throws: InputError.self) { try RulesCatalogue(folder: folder).creditRules() }
        #expect(error.message.en == "\(folder)/credit-rules.yaml is not the kind of rules file expected")
    }
}
