import DualPrevention
import Foundation
import Testing

@testable import DualPreventionCatalog

@Suite("Catalog loader")
struct CatalogLoaderTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("checklists")

    static var checklistFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter {
                $0.hasSuffix(".yaml")
                    && ![
                        "dimensions.yaml", "grading-bands.yaml", "credit-rules.yaml", "list-rules.yaml", "benchmark-rules.yaml",
                        "escalation-rules.yaml", "appointment-rules.yaml",
                    ].contains($0)
            }.sorted()
    }

    @Test func atLeastEightCategoriesShip() {
        #expect(Self.checklistFiles.count >= 8)
    }

    @Test(arguments: checklistFiles)
    func everyShippedChecklistLoads(_ name: String) throws {
        guard case .checklist(let checklist) = try CatalogLoader.load(file: Self.folder.appendingPathComponent(name).path) else {
            Issue.record("\(name) is not a checklist")
            return
        }
        #expect(checklist.category + ".yaml" == name)
        #expect(checklist.riskPoints.count >= 20)
        #expect(Set(checklist.riskPoints.map(\.dimension)) == Set(Dimension.defaults.map(\.code)))
        let colours = Set(try checklist.riskPoints.map { try Grader.grade($0.grading).colour })
        #expect(colours == Set(RiskColour.allCases), "\(name) does not cover all four colours")
    }

    @Test func theShippedBandsAndDimensionsAreTheDefaults() throws {
        guard case .gradingBands(let bands) = try CatalogLoader.load(file: Self.folder.appendingPathComponent("grading-bands.yaml").path) else {
            Issue.record("not grading bands")
            return
        }
        #expect(bands == .default)
        guard case .dimensions(let dimensions) = try CatalogLoader.load(file: Self.folder.appendingPathComponent("dimensions.yaml").path) else {
            Issue.record("not dimensions")
            return
        }
        #expect(dimensions == DimensionCatalog())
    }

    /// The malformed checklist the issue names: a wrong type, an unknown field, a missing measure, an LEC value not in the table.
    static let malformed =
        (try? String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Fixtures/broken-checklist.yaml"),
            encoding: .utf8
        )) ?? ""

    @Test func everyErrorOfAMalformedChecklistIsReportedWithItsLine() throws {
        let error = try #require(throws: CatalogError.self) { try CatalogLoader.parse(Self.malformed, file: "broken.yaml") }
        let byPath = Dictionary(grouping: error.issues, by: \.path)
        // Wrong type.
        #expect(byPath["version"]?.first?.line == 4)
        #expect(byPath["version"]?.first?.found == "\"one\"")
        // Unknown field.
        #expect(byPath["riskPoints[0].colour"]?.first?.line == 11)
        #expect(byPath["riskPoints[0].colour"]?.first?.found.contains("unknown field") == true)
        // Missing measures.
        #expect(byPath["riskPoints[0].measures"]?.first?.expected.contains("required") == true)
        // LEC value not in the table.
        let l = try #require(byPath["riskPoints[0].grading.l"]?.first)
        #expect(l.line == 15)
        #expect(l.expected.contains("10, 6, 3, 1, 0.5, 0.2, 0.1"))
        // Too few risk points, and four dimensions missing.
        #expect(byPath["riskPoints"]?.count == 5)
        #expect(error.issues.allSatisfy { $0.file == "broken.yaml" && $0.line > 0 && $0.column > 0 })
    }

    @Test func aSyntaxErrorIsLocated() throws {
        let error = try #require(throws: CatalogError.self) { try CatalogLoader.parse("kind: checklist\nname: [unclosed\n", file: "bad.yaml") }
        #expect(error.issues.count == 1)
        #expect(error.issues.first?.path == "(syntax)")
        #expect((error.issues.first?.line ?? 0) >= 2)
    }

    @Test func bandsOutOfOrderAreRefused() throws {
        let yaml =
            "kind: gradingBands\nversion: 1\nlec: { redAbove: 100, orangeAbove: 160, yellowAbove: 70 }\nls: { redFrom: 20, orangeFrom: 10, yellowFrom: 5 }\n"
        let error = try #require(throws: CatalogError.self) { try CatalogLoader.parse(yaml, file: "bands.yaml") }
        #expect(error.issues.map(\.path) == ["lec"])
    }
}
