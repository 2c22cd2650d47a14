import DualPrevention
import Foundation
import Testing

@testable import DualPreventionStore

/// The control list of every tier read in SQL (issue 16, DOMAIN.md §14) is what `ControlList.carries` says, on both
/// stores, for every unit of an enterprise with two workshops, teams and posts and points of every colour, with and
/// without a team or post.
@Suite("Control lists in SQL")
struct ControlListStoreTests {
    @Test(arguments: TestStore.all) func everyListReadsWhatTheRuleCarries(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let repo = f.repository
        let a = f.a
        let second = try await repo.addWorkshop(enterpriseID: a.enterprise.id, name: "甲印刷车间", by: f.admin, at: Clock.t0)
        let secondTeam = try await repo.addTeam(workshopID: a.workshop.id, name: "甲乙班", by: f.admin, at: Clock.t0)
        let otherTeam = try await repo.addTeam(workshopID: second.id, name: "甲印刷班", by: f.admin, at: Clock.t0)
        let secondPost = try await repo.addPost(teamID: a.team.id, name: "甲取件岗", by: f.admin, at: Clock.t0)
        let otherPost = try await repo.addPost(teamID: otherTeam.id, name: "甲印刷岗", by: f.admin, at: Clock.t0)
        // LEC: red 10·6·15 = 900, orange 3·6·15 = 270, yellow 3·6·7 = 126, blue 1·6·3 = 18.
        let colours: [(Double, Double, Double)] = [(10, 6, 15), (3, 6, 15), (3, 6, 7), (1, 6, 3)]
        let places: [(Int64, Int64?, Int64?)] = [
            (a.workshop.id, nil, nil), (a.workshop.id, a.team.id, nil), (a.workshop.id, a.team.id, a.post.id),
            (a.workshop.id, a.team.id, secondPost.id), (a.workshop.id, secondTeam.id, nil), (second.id, otherTeam.id, otherPost.id),
        ]
        var index = 0
        for (workshop, team, post) in places {
            for (l, e, c) in colours {
                index += 1
                let draft = RiskPoint(
                    id: 0,
                    enterpriseID: a.enterprise.id,
                    workshopID: workshop,
                    teamID: team,
                    postID: post,
                    dimension: "process",
                    controlStage: "环节\(index)",
                    name: "风险点\(index)",
                    hazardDescription: "描述",
                    measures: "措施",
                    target: "目标",
                    frequency: .daily,
                    ownerID: a.workshopHead.id
                )
                _ = try await repo.addRiskPoint(draft, grading: .lec(l: l, e: e, c: c), by: a.officer, at: Clock.hours(1))
            }
        }
        _ = try await f.addRiskPoint(f.b)  // another enterprise's orange point: on none of A's lists
        let all = try await repo.riskPoints(RiskFilter(enterpriseID: a.enterprise.id), visibleTo: .system)
        #expect(Set(all.compactMap(\.colour)) == Set(RiskColour.allCases) && all.count == 24)
        var lists: [ControlList] = [.enterprise(a.enterprise.id), .workshop(a.workshop), .workshop(second)]
        lists += [a.team, secondTeam].compactMap { ControlList.team($0, of: a.workshop) }
        lists += [ControlList.team(otherTeam, of: second)].compactMap { $0 }
        lists += [a.post, secondPost].compactMap { ControlList.post($0, of: a.team, of: a.workshop) }
        lists += [ControlList.post(otherPost, of: otherTeam, of: second)].compactMap { $0 }
        #expect(lists.count == 9)
        for list in lists {
            let read = try await repo.riskPoints(RiskFilter(controlList: list), visibleTo: .person(f.regulator1))
            let expected = all.filter(list.carries)
            #expect(read.map(\.id) == expected.map(\.id), "\(list.tier) \(String(describing: list.workshopID)) \(String(describing: list.teamID))")
        }
        // Red is on every list; the post list of the second workshop carries its own blue point and no other workshop's.
        let post = try await repo.riskPoints(RiskFilter(controlList: lists[8]), visibleTo: .system)
        #expect(post.filter { $0.colour == .red }.count == 6)
        #expect(post.filter { $0.colour != .red }.allSatisfy { $0.workshopID == second.id })
        // Out of sight: another district's regulator reads nothing of it.
        #expect(try await repo.riskPoints(RiskFilter(controlList: lists[0]), visibleTo: .person(f.regulator2)).isEmpty)
    }
}
