import DualPrevention
import Foundation
import GRDB
import Testing

@testable import DualPreventionStore

/// The lookups an action makes find their rows through an index: none reads whole a table that grows with the
/// province. At 50,000 enterprises a checklist import that read every risk point (1.5 M) and a notification that read
/// every person (350,000) to find an enterprise's director made the generator's time per enterprise grow with the
/// province. Each action runs traced on the in-memory store's one connection; every SELECT it ran is then planned
/// (`EXPLAIN QUERY PLAN`, with the values it ran with), and no plan may scan these tables.
@Suite("Lookups by index")
struct LookupPlanTests {
    static let growing: Set<String> = ["person", "risk_point", "evidence_link", "hazard", "check_run", "audit_log", "risk_grading"]

    final class Traced: @unchecked Sendable {
        private let lock = NSLock()
        private var statements: [String] = []
        func add(_ sql: String) { lock.withLock { statements.append(sql) } }
        var all: [String] { lock.withLock { statements } }
    }

    /// The tables of `growing` that a plan of a SELECT run during `body` scans whole, with the statement.
    static func scans(_ f: Fixture, during body: () async throws -> Void) async throws -> [String] {
        let writer = try #require(f.repository.sqlite).writer
        let traced = Traced()
        try await writer.writeWithoutTransaction { db in
            db.trace { event in
                if case .statement(let statement) = event { traced.add(statement.expandedSQL) }
            }
        }
        try await body()
        try await writer.writeWithoutTransaction { db in db.trace(nil) }
        let selects = Set(
            traced.all.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { $0.hasPrefix("SELECT") || $0.hasPrefix("WITH") }
        )
        #expect(!selects.isEmpty, "nothing was traced")
        return try await writer.read { db in
            try selects.sorted().flatMap { sql in
                // The last row by key (the audit head) is planned as a scan, but from the end, and stops at the first row.
                if sql.hasSuffix("DESC LIMIT 1") { return [String]() }
                return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).compactMap { row -> String? in
                    let detail: String = row["detail"]
                    let words = detail.split(separator: " ")
                    guard words.count >= 2, words[0] == "SCAN", growing.contains(String(words[1])) else { return nil }
                    return "\(detail): \(sql)"
                }
            }
        }
    }

    @Test func aChecklistImportFindsTheWorkshopsPointsAndTheEnterprisesPeopleByIndex() async throws {
        let f = try await Fixture.inMemory()
        let found = try await Self.scans(f) {
            for at in [Clock.hours(1), Clock.hours(2)] {
                _ = try await f.repository.importChecklist(
                    ChecklistImportTests.template(),
                    enterpriseID: f.a.enterprise.id,
                    workshopID: f.a.workshop.id,
                    by: f.a.officer,
                    at: at
                )
            }
        }
        #expect(found.isEmpty, "\(found)")
    }

    @Test func theRecipientsOfANotificationAPersonByNameAndAHazardsEvidenceAreFoundByIndex() async throws {
        let f = try await Fixture.inMemory()
        let photo = try temporaryFile(named: "before.jpg", contents: "photo-bytes")
        let hazard = try await f.report(f.a, evidence: [EvidenceFile(path: photo.path, label: "before")])
        let writer = try #require(f.repository.sqlite).writer
        let found = try await Self.scans(f) {
            let (director, regulators, evidence) = try await writer.read { db in
                (
                    try StoreRepository.people(.role(.director, enterpriseID: f.a.enterprise.id), at: Clock.t0, in: db),
                    try StoreRepository.people(.office(f.district1.id), at: Clock.t0, in: db),
                    try StoreRepository.evidenceItems(hazardID: hazard.id, in: db)
                )
            }
            #expect(director == [f.a.director.id])
            #expect(regulators == [f.regulator1.id])
            #expect(evidence.count == 1)
            #expect(try await f.repository.person(f.a.director.name).id == f.a.director.id)
        }
        #expect(found.isEmpty, "\(found)")
    }
}
