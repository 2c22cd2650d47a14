import Testing

@testable import DualPrevention

/// DOMAIN.md §14's control lists per tier: which list carries which point.
@Suite struct ControlListTests {
    // Enterprise 1: workshop 1 (teams 11 and 12; posts 111 and 112 in team 11, 121 in team 12) and workshop 2 (team 21,
    // post 211).
    static let w1 = Workshop(id: 1, enterpriseID: 1, name: "一车间")
    static let w2 = Workshop(id: 2, enterpriseID: 1, name: "二车间")
    static let t11 = Team(id: 11, workshopID: 1, name: "注塑一班")
    static let t12 = Team(id: 12, workshopID: 1, name: "注塑二班")
    static let t21 = Team(id: 21, workshopID: 2, name: "包装班")
    static let p111 = Post(id: 111, teamID: 11, name: "上料")
    static let p112 = Post(id: 112, teamID: 11, name: "热封")
    static let p121 = Post(id: 121, teamID: 12, name: "检验")
    static let p211 = Post(id: 211, teamID: 21, name: "装箱")

    /// The lists, by a short name.
    static let lists: [String: ControlList] = [
        "E": .enterprise(1), "W1": .workshop(w1), "W2": .workshop(w2),
        "T11": .team(t11, of: w1)!, "T12": .team(t12, of: w1)!, "T21": .team(t21, of: w2)!,
        "P111": .post(p111, of: t11, of: w1)!, "P112": .post(p112, of: t11, of: w1)!,
        "P121": .post(p121, of: t12, of: w1)!, "P211": .post(p211, of: t21, of: w2)!,
    ]

    static func point(_ colour: RiskColour?, _ workshop: Int64, team: Int64? = nil, post: Int64? = nil, enterprise: Int64 = 1) -> RiskPoint {
        RiskPoint(
            id: 1,
            enterpriseID: enterprise,
            workshopID: workshop,
            teamID: team,
            postID: post,
            dimension: "生产工艺",
            controlStage: "注塑成型",
            name: "料温",
            hazardDescription: "料温过高导致制品变形",
            measures: "每班点检温控器",
            target: "料温 200–220 ℃",
            frequency: .perShift,
            ownerID: 3,
            colour: colour
        )
    }

    /// (case, the point, the lists that carry it; every other list must not).
    static let cases: [(String, RiskPoint, Set<String>)] = [
        ("red, of workshop 1: every list of the enterprise", point(.red, 1), Set(lists.keys)),
        ("red, of a post: still every list", point(.red, 1, team: 11, post: 111), Set(lists.keys)),
        ("orange, of team 11: every list of workshop 1", point(.orange, 1, team: 11), ["W1", "T11", "T12", "P111", "P112", "P121"]),
        ("orange, of workshop 2", point(.orange, 2), ["W2", "T21", "P211"]),
        ("yellow, of team 11: team 11 and its posts", point(.yellow, 1, team: 11, post: 112), ["T11", "P111", "P112"]),
        ("yellow, of workshop 1 with no team: each of its teams", point(.yellow, 1), ["T11", "T12", "P111", "P112", "P121"]),
        ("blue, of post 112: that post only", point(.blue, 1, team: 11, post: 112), ["P112"]),
        ("blue, of team 11 with no post: each of its posts", point(.blue, 1, team: 11), ["P111", "P112"]),
        ("blue, of workshop 2 with no team", point(.blue, 2), ["P211"]),
        ("not graded yet: on no list", point(nil, 1), []),
        ("red, of another enterprise", point(.red, 1, enterprise: 2), []),
    ]

    @Test(arguments: cases)
    func aPointIsOnTheListsOfItsControllingUnitAndEveryUnitBelowIt(_ label: String, _ point: RiskPoint, _ expected: Set<String>) {
        let carrying = Set(Self.lists.filter { $0.value.carries(point) }.keys)
        #expect(carrying == expected, "\(label)")
    }

    /// (tier, the colours on its lists).
    static let colours: [(ControlList.Tier, [RiskColour])] = [
        (.enterprise, [.red]), (.workshop, [.red, .orange]), (.team, [.red, .orange, .yellow]), (.post, [.red, .orange, .yellow, .blue]),
    ]

    @Test(arguments: colours)
    func eachTiersListHoldsItsColourAndThoseAboveIt(_ tier: ControlList.Tier, _ expected: [RiskColour]) {
        #expect(tier.colours == expected)
    }

    @Test func aListIsKeptByAUnitOfItsOwnLine() {
        #expect(ControlList.team(Self.t21, of: Self.w1) == nil, "team 21 is of workshop 2")
        #expect(ControlList.post(Self.p121, of: Self.t11, of: Self.w1) == nil, "post 121 is of team 12")
        #expect(ControlList.post(Self.p211, of: Self.t21, of: Self.w1) == nil, "team 21 is of workshop 2")
        #expect(ControlList.enterprise(1).tier == .enterprise && ControlList.workshop(Self.w1).workshopID == 1)
    }

    /// The people of enterprise 1 the owner rule picks from (by workshop; people have no team or post).
    static let people = [
        Person(id: 40, name: "二车间主任", role: .workshopHead, enterpriseID: 1, workshopID: 2),
        Person(id: 41, name: "一车间主任", role: .workshopHead, enterpriseID: 1, workshopID: 1),
        Person(id: 43, name: "一车间班组长乙", role: .teamLeader, enterpriseID: 1, workshopID: 1),
        Person(id: 42, name: "一车间班组长甲", role: .teamLeader, enterpriseID: 1, workshopID: 1),
        Person(id: 44, name: "一车间操作工", role: .postWorker, enterpriseID: 1, workshopID: 1),
        Person(id: 45, name: "别家车间主任", role: .workshopHead, enterpriseID: 2, workshopID: 1),
    ]

    /// (case, list, point, the owner on that list's form).
    static let ownerCases: [(String, String, RiskPoint, Int64)] = [
        ("red on the enterprise's list: its named owner", "E", point(.red, 1), 3),
        ("orange on its workshop's list: its named owner", "W1", point(.orange, 1), 3),
        ("red carried to workshop 1: the workshop's head", "W1", point(.red, 2), 41),
        ("red carried to workshop 2: that workshop's head", "W2", point(.red, 1), 40),
        ("orange carried to team 11: its named owner (a team's head is not in the records)", "T11", point(.orange, 1, team: 11), 3),
        ("yellow on its team's list: its named owner", "T11", point(.yellow, 1, team: 11), 3),
        ("yellow carried to post 111: its named owner", "P111", point(.yellow, 1, team: 11), 3),
        ("blue on its post's list: its named owner", "P111", point(.blue, 1, team: 11, post: 111), 3),
        ("red carried to team 21: its named owner", "T21", point(.red, 1), 3),
    ]

    @Test(arguments: ownerCases)
    func eachRowOfAFormHasItsOwnerAtTheTier(_ name: String, _ list: String, _ point: RiskPoint, _ owner: Int64) throws {
        let control = try #require(Self.lists[list])
        #expect(control.carries(point), "\(name): the list carries the point")
        #expect(control.rowOwner(point, people: Self.people) == owner, "\(name)")
    }
}
