import DualPrevention
import Foundation
import Testing

@testable import DualPreventionStore

/// A report names its workshop, team, post and risk point; the store checks each belongs where the report says,
/// reading only the columns it needs (`Lookup`). Each wrong one is not found, nothing is written, and a value edited
/// into the wrong type is an error, not a crash.
@Suite struct PlaceCheckTests {
    static func report(_ f: Fixture, workshop: Int64, team: Int64?, post: Int64?, riskPoint: Int64? = nil) async throws {
        let report = HazardReport(
            workshopID: workshop,
            teamID: team,
            postID: post,
            riskPointID: riskPoint,
            source: .dailyCheck,
            grade: .general,
            description: "注塑机防护栏缺失",
            location: "注塑车间 3 号机"
        )
        _ = try await f.repository.reportHazard(report, by: f.a.postWorker, at: Clock.hours(1))
    }

    static func notFound(_ what: String, _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("\(what): the report was accepted")
        } catch let error as NotFoundError {
            #expect(error.what == what)
        } catch {
            Issue.record("\(what): \(error)")
        }
    }

    @Test(arguments: TestStore.all) func eachPlaceMustBelongWhereTheReportSays(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let (a, b) = (f.a, f.b)
        let theirs = try await f.addRiskPoint(b)
        await Self.notFound("workshop of this enterprise") { try await Self.report(f, workshop: b.workshop.id, team: nil, post: nil) }
        await Self.notFound("workshop of this enterprise") { try await Self.report(f, workshop: 999_999, team: nil, post: nil) }
        await Self.notFound("team of this workshop") { try await Self.report(f, workshop: a.workshop.id, team: b.team.id, post: nil) }
        await Self.notFound("post of this team") { try await Self.report(f, workshop: a.workshop.id, team: a.team.id, post: b.post.id) }
        await Self.notFound("risk point of this enterprise") {
            try await Self.report(f, workshop: a.workshop.id, team: a.team.id, post: a.post.id, riskPoint: theirs.id)
        }
        #expect(try await f.count("hazard") == 0)
        // The right places are accepted.
        try await Self.report(f, workshop: a.workshop.id, team: a.team.id, post: a.post.id)
        #expect(try await f.count("hazard") == 1)
    }

    @Test func aPlaceEditedIntoTheWrongTypeIsAnErrorNotACrash() async throws {
        let f = try await Fixture.inMemory()
        // STRICT tables refuse a text id, so the column is swapped through a copy without STRICT, with foreign
        // keys off (outside a transaction, where the pragma takes effect).
        try await f.repository.sqlite!.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: "CREATE TABLE team_copy AS SELECT * FROM team")
            try db.execute(sql: "DROP TABLE team")
            try db.execute(sql: "CREATE TABLE team (id INTEGER PRIMARY KEY, workshop_id, name TEXT)")
            try db.execute(sql: "INSERT INTO team SELECT id, 'not a number', name FROM team_copy")
        }
        await #expect(throws: (any Error).self) {
            try await Self.report(f, workshop: f.a.workshop.id, team: f.a.team.id, post: nil)
        }
    }

    /// One enterprise's path up the tree (what every transition loads) is the path the set-wise query gives: for each
    /// demo enterprise, for one whose region's parent is missing, and around a cycle edited into the tree.
    @Test func oneEnterprisesPathIsTheSetWisePath() async throws {
        let (repository, _) = try await OversightTests.demo()
        // Outside a transaction, so that foreign keys can be switched off to edit a broken tree in.
        try await repository.sqlite!.writer.writeWithoutTransaction { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM enterprise ORDER BY id")
            #expect(ids.count >= 3)
            func check(_ label: String) throws {
                let together = try StoreRepository.enterprisePaths(ids + [999_999], in: db)
                for id in ids {
                    let alone = try StoreRepository.onePath(id, in: db)
                    #expect(alone == [id: together[id] ?? []], "\(label): enterprise \(id)")
                    #expect(alone[id]?.isEmpty == false)
                }
                #expect(try StoreRepository.onePath(999_999, in: db).isEmpty)
            }
            try check("as seeded")
            let first = try #require(try Int64.fetchOne(db, sql: "SELECT jurisdiction_id FROM enterprise WHERE id = ?", arguments: [ids[0]]))
            let parent = try #require(try Int64.fetchOne(db, sql: "SELECT parent_id FROM jurisdiction WHERE id = ?", arguments: [first]))
            let parentLevel = try String.fetchOne(db, sql: "SELECT level FROM jurisdiction WHERE id = ?", arguments: [parent])
            #expect(parentLevel != "province", "the demo's enterprises sit two levels below the province")
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            // The region above the enterprise's made a child of the enterprise's own region: a cycle.
            try db.execute(sql: "UPDATE jurisdiction SET parent_id = ? WHERE id = ?", arguments: [first, parent])
            try check("with a cycle")
            // A region whose parent does not exist.
            try db.execute(sql: "UPDATE jurisdiction SET parent_id = 888888 WHERE id = ?", arguments: [first])
            try check("with a missing parent")
        }
    }
}
