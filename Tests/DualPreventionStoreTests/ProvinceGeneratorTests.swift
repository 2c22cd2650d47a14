import DualPrevention
import DualPreventionCatalog
import Foundation
import GRDB
import Testing

@testable import DualPreventionStore

/// The synthetic province: every rule held (the audit chain and every record verify), hazards in every state,
/// the same seed giving the same province, and the figures of its regulator equal to the domain's rules.
@Suite struct ProvinceGeneratorTests {
    /// A fixed bcrypt-shaped hash, so that two runs write the same bytes (a real run hashes the password once).
    static let hash = "$2b$12$" + String(repeating: "a", count: 53)
    static let asOf = Date(timeIntervalSince1970: 1_790_000_000)

    static func checklists() throws -> [Checklist] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("checklists")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().compactMap { name in
            guard name.hasSuffix(".yaml") else { return nil }
            if case .checklist(let list) = try CatalogLoader.load(file: folder.appendingPathComponent(name).path) { return list }
            return nil
        }
    }

    static func generate(seed: UInt64, enterprises: Int = 24) throws -> (StoreRepository, ProvinceGenerator.Summary) {
        let directory = try Fixture.temporaryDirectory()
        let repository = StoreRepository(database: try AppDatabase.inMemory(), evidenceStore: EvidenceStore(root: directory))
        let rules = try CatalogLoader.load(
            file: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("checklists/list-rules.yaml").path
        )
        guard case .listRules(let listRules) = rules else { throw CancellationError() }
        let generator = ProvinceGenerator(
            repository: repository,
            checklists: try checklists(),
            listRules: listRules,
            options: .init(enterprises: enterprises, seed: seed, years: 2, hazardsPerEnterprise: 12, passwordHash: hash, asOf: asOf)
        )
        return (repository, try generator.run(clock: { asOf }, progress: { _, _ in }))
    }

    @Test func everyRuleHoldsAndEveryStateIsThere() async throws {
        let (repository, summary) = try Self.generate(seed: 7)
        #expect(summary.enterprises == 24)
        #expect(summary.hazards == 24 * 12)
        let report = try await repository.verifyAudit(expectedHead: nil)
        #expect(report.firstBroken == nil)
        #expect(report.mismatches.isEmpty, "\(report.mismatches.prefix(3))")
        #expect(report.entries == summary.auditEntries)
        let states = Set(summary.hazardsByState.keys.compactMap(HazardState.init(rawValue:)))
        #expect(states == Set(HazardState.allCases), "states seen: \(states)")
        #expect(summary.checkRuns > 0 && summary.riskPoints > 0 && summary.qualityRecords > 0)
        // Logins for the administrator, the province's regulator and a director.
        for name in [summary.administrator, summary.provinceRegulator, summary.exampleDirector] {
            #expect(try await repository.login(name) != nil, "\(name)")
        }
        // The province's regulator sees every enterprise, and its figures are the domain's.
        let regulator = try await repository.person(summary.provinceRegulator)
        let figures = try await repository.enterpriseFigures(
            asOf: Self.asOf,
            since: Months.before(Self.asOf, 12),
            visibleTo: .person(regulator.actor)
        )
        #expect(figures.count == 24)
        let hazards = try await repository.hazards(HazardFilter(), visibleTo: .system)
        for figure in figures {
            let own = hazards.filter { $0.enterpriseID == figure.enterpriseID }
            #expect(figure.loop == DualPreventionPerformance.loopCounts(own, asOf: Self.asOf, since: Months.before(Self.asOf, 12)).tally)
        }
        #expect(figures.reduce(0) { $0 + $1.loop.overdue } > 0)
        #expect(figures.reduce(0) { $0 + $1.missedChecks } > 0)
        // Grades spread as a real province's do, rather than every enterprise at one grade.
        let grades = try await repository.assessCredits(
            figures.map { CreditGradeRequest(enterpriseID: $0.enterpriseID, asOf: Self.asOf, since: Months.before(Self.asOf, 12)) },
            rules: try CreditAndListsTests.creditRules(),
            visibleTo: .person(regulator.actor),
            progress: { _, _ in }
        )
        let spread = Dictionary(grouping: grades, by: \.grade).mapValues(\.count)
        #expect(spread.count >= 3, "grades: \(spread)")
    }

    @Test func theIndexesDroppedForTheLoadAreBuiltAgainAndTheSettingsRestored() throws {
        func schema(_ database: AppDatabase) throws -> [String] {
            try database.writer.read { db in
                try String.fetchAll(db, sql: "SELECT type || ' ' || name || ' ' || ifnull(sql, '') FROM sqlite_master ORDER BY type, name")
            }
        }
        func settings(_ database: AppDatabase) throws -> [Int] {
            try database.writer.read { db in
                [try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1, try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? 0]
            }
        }
        let fresh = try AppDatabase.inMemory()
        let (generated, _) = try Self.generate(seed: 5, enterprises: 3)
        for name in ProvinceGenerator.deferredIndexes {
            #expect(try schema(generated.sqlite!).contains { $0.hasPrefix("index \(name) CREATE INDEX") }, "\(name)")
        }
        #expect(try schema(generated.sqlite!) == schema(fresh))
        #expect(try settings(generated.sqlite!) == settings(fresh))
        #expect(try settings(fresh) != [0, -131_072])
    }

    /// The bulk load's cache grows with the province (the audit hash index does) between a floor and a ceiling.
    @Test(arguments: [
        (1, 131_072), (1_250, 131_072), (3_276, 131_072), (3_277, 131_080), (12_500, 500_000), (50_000, 2_000_000),
        (104_857, 4_194_280), (200_000, 4_194_304),
    ])
    func theBulkCacheGrowsWithTheProvince(enterprises: Int, kibibytes: Int) {
        #expect(ProvinceGenerator.bulkCacheKiB(enterprises: enterprises) == kibibytes)
    }

    @Test func theSameSeedGivesTheSameProvince() async throws {
        let (first, _) = try Self.generate(seed: 3, enterprises: 6)
        let (again, _) = try Self.generate(seed: 3, enterprises: 6)
        let (other, _) = try Self.generate(seed: 4, enterprises: 6)
        let head = try await first.verifyAudit(expectedHead: nil).headHash
        #expect(try await again.verifyAudit(expectedHead: nil).headHash == head)
        #expect(try await other.verifyAudit(expectedHead: nil).headHash != head)
    }
}
