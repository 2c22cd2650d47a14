/// 分级管控清单 (DOMAIN.md §14): the enterprise, each workshop, each team and each post keep a list of the risk points
/// they control. A point is controlled by the unit of its colour's tier (red: the enterprise; orange: its workshop;
/// yellow: its team; blue: its post) and by every unit below that one, so a red point is on every list of its enterprise
/// and an orange one on every list of its workshop. A point that names no team (or post) is controlled at that tier by
/// each team (or post) of the unit it does name.
public struct ControlList: Sendable, Hashable, Codable {
    /// The four tiers that keep a list, the enterprise first. (§3's `ControlTier`, which the escalation ladder and the
    /// risk table's 管控层级 use, has a department tier instead of the post's.)
    public enum Tier: String, Sendable, Codable, CaseIterable, Comparable, Labelled {
        case enterprise, workshop, team, post

        /// The tier that controls a colour.
        public init(controlling colour: RiskColour) {
            switch colour {
            case .red: self = .enterprise
            case .orange: self = .workshop
            case .yellow: self = .team
            case .blue: self = .post
            }
        }

        /// The colours on a list of this tier: its own and those controlled above it, red first.
        public var colours: [RiskColour] { RiskColour.allCases.filter { Tier(controlling: $0) <= self } }

        var depth: Int { Self.allCases.firstIndex(of: self) ?? 0 }
        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.depth < rhs.depth }

        public var label: Text {
            switch self {
            case .enterprise: Text("controlList.enterprise")
            case .workshop: Text("controlList.workshop")
            case .team: Text("controlList.team")
            case .post: Text("controlList.post")
            }
        }
    }

    public let tier: Tier
    public let enterpriseID: Int64
    /// The unit keeping the list and those above it, down to its tier; nil below it.
    public let workshopID: Int64?
    public let teamID: Int64?
    public let postID: Int64?

    private init(tier: Tier, enterpriseID: Int64, workshopID: Int64? = nil, teamID: Int64? = nil, postID: Int64? = nil) {
        self.tier = tier
        self.enterpriseID = enterpriseID
        self.workshopID = workshopID
        self.teamID = teamID
        self.postID = postID
    }

    public static func enterprise(_ id: Int64) -> ControlList { ControlList(tier: .enterprise, enterpriseID: id) }

    public static func workshop(_ workshop: Workshop) -> ControlList {
        ControlList(tier: .workshop, enterpriseID: workshop.enterpriseID, workshopID: workshop.id)
    }

    /// Nil when the team is not of that workshop.
    public static func team(_ team: Team, of workshop: Workshop) -> ControlList? {
        guard team.workshopID == workshop.id else { return nil }
        return ControlList(tier: .team, enterpriseID: workshop.enterpriseID, workshopID: workshop.id, teamID: team.id)
    }

    /// Nil when the post is not of that team, or the team not of that workshop.
    public static func post(_ post: Post, of team: Team, of workshop: Workshop) -> ControlList? {
        guard post.teamID == team.id, team.workshopID == workshop.id else { return nil }
        return ControlList(tier: .post, enterpriseID: workshop.enterpriseID, workshopID: workshop.id, teamID: team.id, postID: post.id)
    }

    /// Whether the list carries a point: graded, of the enterprise, in a colour controlled at this tier or above, and
    /// the unit keeping the list is the point's controlling unit or one below it.
    public func carries(_ point: RiskPoint) -> Bool {
        guard let colour = point.colour, point.enterpriseID == enterpriseID else { return false }
        let controlling = Tier(controlling: colour)
        guard controlling <= tier else { return false }
        let sameWorkshop = workshopID == point.workshopID
        let sameTeam = point.teamID == nil || teamID == point.teamID
        let samePost = point.postID == nil || postID == point.postID
        switch controlling {
        case .enterprise: return true
        case .workshop: return sameWorkshop
        case .team: return sameWorkshop && sameTeam
        case .post: return sameWorkshop && sameTeam && samePost
        }
    }
}
