import DualPrevention
import Foundation

/// Who is reading: a named person (every front end passes one) or the system itself (in-process jobs such as
/// building the demo). Reads are limited to what the person may see; nothing is visible by default.
public enum Viewer: Sendable, Hashable {
    case person(Actor)
    case system
}

/// One enterprise to grade, as of an instant, over the records since another.
public struct CreditGradeRequest: Sendable, Hashable {
    public var enterpriseID: Int64
    public var asOf: Date
    public var since: Date

    public init(enterpriseID: Int64, asOf: Date, since: Date) {
        self.enterpriseID = enterpriseID
        self.asOf = asOf
        self.since = since
    }
}

/// A published list entry as the public sees it at an instant.
public struct ListingLine: Sendable, Hashable, Codable {
    public var entry: ListEntry
    public var enterpriseName: String
    public var creditCode: String
    public var visibility: ListEntry.Visibility

    public init(entry: ListEntry, enterpriseName: String, creditCode: String, visibility: ListEntry.Visibility) {
        self.entry = entry
        self.enterpriseName = enterpriseName
        self.creditCode = creditCode
        self.visibility = visibility
    }
}

public struct RiskFilter: Sendable, Hashable {
    public var enterpriseID: Int64?
    public var workshopID: Int64?
    public var colour: RiskColour?
    public var dimension: String?
    public var regradeDue: Bool?
    /// The points a tier's control list carries (DOMAIN.md §14): those of its enterprise, whatever `workshopID` says.
    public var controlList: ControlList?

    public init(
        enterpriseID: Int64? = nil,
        workshopID: Int64? = nil,
        colour: RiskColour? = nil,
        dimension: String? = nil,
        regradeDue: Bool? = nil,
        controlList: ControlList? = nil
    ) {
        self.enterpriseID = enterpriseID
        self.workshopID = workshopID
        self.colour = colour
        self.dimension = dimension
        self.regradeDue = regradeDue
        self.controlList = controlList
    }
}

public struct HazardFilter: Sendable, Hashable {
    public var enterpriseID: Int64?
    public var state: HazardState?
    public var ownerID: Int64?
    public var grade: HazardGrade?
    /// Overdue judged at this instant when set.
    public var overdueAt: Date?
    /// Listed for supervision now (true) or not (false).
    public var listed: Bool?
    /// Words found in the number, the description or the location.
    public var text: String?
    public var workshopID: Int64?
    /// Hazards of the enterprises in this jurisdiction and those below it (a district, a city).
    public var jurisdictionID: Int64?
    /// Open with a deadline from `dueSoon.from` (exclusive of overdue) up to `dueSoon.until`.
    public var dueSoon: DueWindow?
    /// Open hazards only (neither closed nor cancelled).
    public var openOnly = false
    /// Still to be rectified and past the deadline at this instant (`DeadlineStanding.overdue`), unlike `overdueAt`,
    /// which also counts a submission made late.
    public var stillOverdueAt: Date?
    /// The order of a page (batches for export are always in id order).
    public var sort: HazardSort = .oldest

    public struct DueWindow: Sendable, Hashable {
        public var from: Date
        public var until: Date

        public init(from: Date, until: Date) {
            self.from = from
            self.until = until
        }
    }

    public init(
        enterpriseID: Int64? = nil,
        state: HazardState? = nil,
        ownerID: Int64? = nil,
        grade: HazardGrade? = nil,
        overdueAt: Date? = nil,
        listed: Bool? = nil
    ) {
        self.enterpriseID = enterpriseID
        self.state = state
        self.ownerID = ownerID
        self.grade = grade
        self.overdueAt = overdueAt
        self.listed = listed
    }
}

/// How a page of hazards is ordered.
public enum HazardSort: String, Sendable, Hashable, CaseIterable {
    /// Reported first (id order).
    case oldest
    /// Reported last first.
    case newest
    /// Nearest deadline first; hazards without one last.
    case deadline
}

/// A hazard as a person reports it; the store numbers it and fills in the jurisdiction path.
public struct HazardReport: Sendable, Hashable {
    public var workshopID: Int64
    public var teamID: Int64?
    public var postID: Int64?
    public var riskPointID: Int64?
    public var source: HazardSource
    public var grade: HazardGrade
    public var description: String
    public var location: String
    public var foundAt: Date?
    public var evidence: [EvidenceFile]
    /// The lines or products a major hazard stops (DOMAIN.md §12); when none is named, its workshop and location.
    public var stopScope: String?

    public init(
        workshopID: Int64,
        teamID: Int64? = nil,
        postID: Int64? = nil,
        riskPointID: Int64? = nil,
        source: HazardSource,
        grade: HazardGrade,
        description: String,
        location: String = "",
        foundAt: Date? = nil,
        evidence: [EvidenceFile] = [],
        stopScope: String? = nil
    ) {
        self.workshopID = workshopID
        self.teamID = teamID
        self.postID = postID
        self.riskPointID = riskPointID
        self.source = source
        self.grade = grade
        self.description = description
        self.location = location
        self.foundAt = foundAt
        self.evidence = evidence
        self.stopScope = stopScope
    }
}

/// Hazard actions as a front end names them: by ids and file paths, resolved by the store.
public enum HazardCommand: Sendable, Hashable {
    case issueNotice(receiverID: Int64, responsibleUnit: String, nature: String, requiredMeasures: String, deadline: Date)
    case submitRectification(measuresTaken: String, completedAt: Date, funds: String, evidence: [EvidenceFile])
    case accept(passed: Bool, criteria: String, opinion: String, evidence: [EvidenceFile])
    /// Every other event, which needs nothing from the store.
    case event(HazardEvent)
}

/// One entry of the append-only, hash-chained audit log.
public struct AuditEntry: Sendable, Hashable, Codable {
    public var seq: Int64
    public var at: Date
    public var actorID: Int64
    public var actorName: String
    public var action: String
    public var objectType: String
    public var objectID: Int64
    public var enterpriseID: Int64?
    public var summary: String
    /// Canonical JSON of what the action did.
    public var payload: String
    /// SHA-256 of evidence files attached by this action.
    public var evidence: [String]
    public var prevHash: String
    public var hash: String

    public init(
        seq: Int64,
        at: Date,
        actorID: Int64,
        actorName: String,
        action: String,
        objectType: String,
        objectID: Int64,
        enterpriseID: Int64?,
        summary: String,
        payload: String,
        evidence: [String],
        prevHash: String,
        hash: String
    ) {
        self.seq = seq
        self.at = at
        self.actorID = actorID
        self.actorName = actorName
        self.action = action
        self.objectType = objectType
        self.objectID = objectID
        self.enterpriseID = enterpriseID
        self.summary = summary
        self.payload = payload
        self.evidence = evidence
        self.prevHash = prevHash
        self.hash = hash
    }
}

public struct AuditReport: Sendable, Hashable, Codable {
    public var entries: Int
    public var headHash: String
    public var firstBroken: Broken?
    /// Records whose current state differs from what their latest audit entry recorded, or that have no entry.
    public var mismatches: [RecordMismatch] = []

    public struct RecordMismatch: Sendable, Hashable, Codable {
        public var objectType: String
        public var objectID: Int64
        public var problem: String

        public init(objectType: String, objectID: Int64, problem: String) {
            self.objectType = objectType
            self.objectID = objectID
            self.problem = problem
        }
    }

    public struct Broken: Sendable, Hashable, Codable {
        public var seq: Int64
        public var problem: String

        public init(seq: Int64, problem: String) {
            self.seq = seq
            self.problem = problem
        }
    }

    public init(entries: Int, headHash: String, firstBroken: Broken?) {
        self.entries = entries
        self.headHash = headHash
        self.firstBroken = firstBroken
    }

    public var isIntact: Bool { firstBroken == nil && mismatches.isEmpty }
}

/// Which slice of a list to read: `offset` rows skipped, at most `limit` returned.
public struct PageRequest: Sendable, Hashable {
    public var offset: Int
    public var limit: Int

    public init(offset: Int = 0, limit: Int = 100) {
        self.offset = offset
        self.limit = limit
    }
}

/// One page of a list and the size of the whole list.
public struct Paged<Item: Sendable>: Sendable {
    public var items: [Item]
    public var total: Int

    public init(items: [Item], total: Int) {
        self.items = items
        self.total = total
    }
}

/// One enterprise's closed-loop figures as a regulator's overview shows them, counted in the database.
public struct EnterpriseFigures: Sendable, Hashable {
    public var enterpriseID: Int64
    public var jurisdictionID: Int64
    public var name: String
    public var loop: DualPreventionPerformance.LoopTally
    /// Hazards open now (reported, notified, rectifying or awaiting acceptance).
    public var open: Int
    public var missedChecks: Int
    /// The latest stored credit grade and its score, if any.
    public var grade: CreditGrade?
    public var score: Double?

    public init(
        enterpriseID: Int64,
        jurisdictionID: Int64,
        name: String,
        loop: DualPreventionPerformance.LoopTally,
        open: Int,
        missedChecks: Int,
        grade: CreditGrade?,
        score: Double?
    ) {
        self.enterpriseID = enterpriseID
        self.jurisdictionID = jurisdictionID
        self.name = name
        self.loop = loop
        self.open = open
        self.missedChecks = missedChecks
        self.grade = grade
        self.score = score
    }
}

/// A batch of hazards with the names of the enterprises, people and places they mention.
public struct HazardBatch: Sendable {
    public var hazards: [Hazard]
    public var names: Names

    public init(hazards: [Hazard], names: Names) {
        self.hazards = hazards
        self.names = names
    }
}
