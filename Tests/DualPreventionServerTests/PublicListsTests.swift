import DualPrevention
import DualPreventionStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import DualPreventionServer

/// The red and black lists as the public sees them (issue 16, DOMAIN.md §14): a page and an endpoint without a login,
/// as of a date, that hide a black entry once its year is over; and the regulators' lists page saying what the public
/// sees of each published entry.
@Suite("Public lists")
struct PublicListsTests {
    /// Enterprise A black-listed for 2026Q3 (a counterfeiting violation), published on 2026-10-07.
    static func published() async throws -> ServerTests.World {
        let world = try await ServerTests.world()
        let repo = world.repository
        let day: TimeInterval = 86_400
        let start = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21
        let admin = try await repo.person("管理员").actor
        let city = try await repo.jurisdictions().first { $0.level == .city }
        let reviewer = try await repo.addPerson(
            Person(id: 0, name: "台州监管", role: .regulator, jurisdictionID: try #require(city).id),
            by: admin,
            at: start
        )
        let violation = QualityRecord(
            enterpriseID: try #require(world.a.enterpriseID),
            kind: .violation,
            subtype: "counterfeiting",
            occurredOn: start.addingTimeInterval(day),
            reference: "台市监罚〔2026〕12号"
        )
        _ = try await repo.addQualityRecords([violation], by: world.regulatorA.actor, at: start.addingTimeInterval(2 * day)) { _, _ in }
        let rules = try #require(AuthorizationMatrixTests.rules.lists)
        let proposed = try await repo.evaluateLists(
            quarter: try ReportingPeriod("2026Q3", field: "quarter"),
            rules: rules,
            by: world.regulatorA.actor,
            at: start.addingTimeInterval(14 * day)
        )
        let black = try #require(proposed.first { $0.list == .black })
        for entry in proposed {
            _ = try await repo.reviewListEntry(
                entry.id,
                approve: entry.id == black.id,
                note: "核实",
                by: reviewer.actor,
                at: start.addingTimeInterval(15 * day)
            )
        }
        _ = try await repo.publishLists(quarter: "2026Q3", by: world.regulatorA.actor, at: start.addingTimeInterval(16 * day))
        return world
    }

    static func app(_ world: ServerTests.World, at text: String) throws -> some ApplicationProtocol {
        let instant = try LocalTime().parse(text)
        return try buildApplication(
            repository: world.repository,
            configuration: .init(),
            rules: AuthorizationMatrixTests.rules,
            clock: .fixed(instant)
        )
    }

    @Test func thePublicPageAnswersWithoutALoginAndHidesABlackEntryOnceItsYearIsOver() async throws {
        let world = try await Self.published()
        try await Self.app(world, at: "2027-06-01").test(.router) { client in
            let page = try await client.execute(uri: "/public/lists", method: .get)
            #expect(page.status == .ok)
            let text = PageTests.visibleText(String(buffer: page.body))
            #expect(text.contains("甲厂") && text.contains("2026Q3") && text.contains("2027-09-30"), "\(text.prefix(600))")
            let api = try await client.execute(uri: "/api/v1/public-lists", method: .get)
            let body = String(buffer: api.body)
            #expect(api.status == .ok && body.contains("counterfeiting") && body.contains("publicUntil"))
            for leak in ["核实", "QR-", "reviewNote", "evidence", "proposedBy", "reviewedBy", "enterpriseID"] {
                #expect(!body.contains(leak), "nothing of the regulators' record: \(leak)")
            }
            // As of a date after its year: hidden, by the same page.
            let later = PageTests.visibleText(String(buffer: try await client.execute(uri: "/public/lists?asOf=2027-10-01", method: .get).body))
            #expect(!later.contains("甲厂"))
            // Before its publication: nothing yet.
            let before = String(buffer: try await client.execute(uri: "/api/v1/public-lists?asOf=2026-10-01", method: .get).body)
            #expect(!before.contains("counterfeiting"))
        }
        try await Self.app(world, at: "2027-10-02").test(.router) { client in
            let page = try await client.execute(uri: "/public/lists", method: .get)
            #expect(page.status == .ok && !PageTests.visibleText(String(buffer: page.body)).contains("甲厂"), "today, a year after 2026Q3 ended")
            let api = String(buffer: try await client.execute(uri: "/api/v1/public-lists", method: .get).body)
            #expect(!api.contains("counterfeiting"))
            // Asked about a day it was public: not shown again once its year is over.
            let past = String(buffer: try await client.execute(uri: "/api/v1/public-lists?asOf=2027-06-01", method: .get).body)
            #expect(!past.contains("counterfeiting"))
            let pastPage = PageTests.visibleText(String(buffer: try await client.execute(uri: "/public/lists?asOf=2027-06-01", method: .get).body))
            #expect(!pastPage.contains("甲厂"))
            // The regulator's own page keeps it and says what the public sees of it.
            let regulator = try await PageTests.login(client, world.regulatorA.name)
            let (_, lists) = try await PageTests.get(client, "/lists", regulator)
            let seen = PageTests.visibleText(lists)
            #expect(seen.contains("甲厂") && seen.contains("2027-10-01 起不再公示（留档）"), "\(seen.prefix(800))")
            #expect(!seen.contains("已公布"), "not said as still published")
        }
    }
}

/// A page per tier's control list (issue 16): the register page filtered to what one unit controls.
@Suite("Control list pages")
struct ControlListPageTests {
    @Test func aTeamsListPageShowsTheRedPointOfItsWorkshopAndNotAnotherTeamsYellowOne() async throws {
        let world = try await ServerTests.world()
        let repo = world.repository
        let at = Date(timeIntervalSince1970: 1_790_000_000)
        let admin = try await repo.person("管理员").actor
        let team = try await repo.addTeam(workshopID: world.workshopA.id, name: "甲班", by: admin, at: at)
        let other = try await repo.addTeam(workshopID: world.workshopA.id, name: "乙班", by: admin, at: at)
        func point(_ name: String, team: Team?, l: Double) async throws {
            let draft = RiskPoint(
                id: 0,
                enterpriseID: try #require(world.a.enterpriseID),
                workshopID: world.workshopA.id,
                teamID: team?.id,
                dimension: "process",
                controlStage: "成型",
                name: name,
                hazardDescription: "描述",
                measures: "措施",
                target: "目标",
                frequency: .daily,
                ownerID: world.headA.id
            )
            _ = try await repo.addRiskPoint(draft, grading: .lec(l: l, e: 6, c: 15), by: world.a.actor, at: at)
        }
        try await point("原料混入异物", team: nil, l: 10)
        try await point("甲班料温", team: team, l: 1)
        try await point("乙班料温", team: other, l: 1)
        let app = try buildApplication(repository: repo, configuration: .init())
        try await app.test(.router) { client in
            let director = try await PageTests.login(client, world.a.name)
            let (status, page) = try await PageTests.get(client, "/risks?tier=team&workshop=\(world.workshopA.id)&team=\(team.id)", director)
            #expect(status == .ok)
            let text = PageTests.visibleText(page)
            #expect(text.contains("原料混入异物") && text.contains("甲班料温") && !text.contains("乙班料温"), "\(text.prefix(500))")
            #expect(text.contains("班组级管控清单：甲厂车间 / 甲班"))
            let (missing, _) = try await PageTests.get(client, "/risks?tier=team&workshop=\(world.workshopA.id)", director)
            #expect(missing == .unprocessableContent, "a team's list needs the team")
            // The list's A4 form, linked from the page, with each row's owner at the team's tier.
            #expect(page.contains("/risks/print?tier=team&amp;workshop=\(world.workshopA.id)&amp;team=\(team.id)"))
            let (printed, form) = try await PageTests.get(client, "/risks/print?tier=team&workshop=\(world.workshopA.id)&team=\(team.id)", director)
            #expect(printed == .ok && form.contains("size: A4") && form.contains("<td>原料混入异物</td>") && !form.contains("乙班料温"))
            #expect(form.contains("<td>\(world.headA.name)</td></tr>"), "the owner of each row")
            let (unlisted, _) = try await PageTests.get(client, "/risks/print", director)
            #expect(unlisted == .unprocessableContent, "a form needs a tier's list")
        }
    }
}
