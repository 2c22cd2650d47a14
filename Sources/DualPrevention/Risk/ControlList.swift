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

    /// One colour a list carries and where its points must be: in this workshop (nil: any of the enterprise's), naming
    /// this team or none (nil: any), naming this post or none (nil: any). What a store reads a list with: one condition
    /// per colour.
    public struct Condition: Sendable, Hashable {
        public let colour: RiskColour
        public let workshopID: Int64?
        public let teamID: Int64?
        public let postID: Int64?

        public func matches(_ point: RiskPoint) -> Bool {
            point.colour == colour && (workshopID.map { $0 == point.workshopID } ?? true)
                && (teamID.map { point.teamID == nil || point.teamID == $0 } ?? true)
                && (postID.map { point.postID == nil || point.postID == $0 } ?? true)
        }
    }

    /// The colours the list carries, each with the units its points must be in: a colour controlled at the
    /// enterprise's tier anywhere in the enterprise, one controlled lower down only in the list's own units down to
    /// that tier.
    public var conditions: [Condition] {
        tier.colours.map { colour in
            let controlling = Tier(controlling: colour)
            return Condition(
                colour: colour,
                workshopID: controlling >= .workshop ? workshopID : nil,
                teamID: controlling >= .team ? teamID : nil,
                postID: controlling >= .post ? postID : nil
            )
        }
    }

    /// Who answers for a row of this list at its tier (the A4 form's 责任人): on a workshop's list, a point carried down
    /// from the enterprise by the workshop's head (the first, when the directory has several; the point's named owner
    /// when it has none); every other row by the point's named owner. People are recorded by workshop, not by team or
    /// post, so a team's or a post's head cannot be named from the records: the form leaves a line for them to sign.
    public func rowOwner(_ point: RiskPoint, people: [Person]) -> Int64 {
        guard tier == .workshop, let colour = point.colour, Tier(controlling: colour) < tier, let workshopID else { return point.ownerID }
        let head = people.filter { $0.role == .workshopHead && $0.workshopID == workshopID && $0.enterpriseID == enterpriseID }.min { $0.id < $1.id }
        return head?.id ?? point.ownerID
    }

    /// Whether the list carries a point: graded, of the enterprise, in a colour controlled at this tier or above, and
    /// the unit keeping the list is the point's controlling unit or one below it (`conditions`).
    public func carries(_ point: RiskPoint) -> Bool {
        point.enterpriseID == enterpriseID && conditions.contains { $0.matches(point) }
    }
}
