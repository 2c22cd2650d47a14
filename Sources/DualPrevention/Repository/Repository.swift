import Foundation

/// Who is reading: a named person (every front end passes one) or the system itself (in-process jobs such as
/// building the demo). Reads are limited to what the person may see; nothing is visible by default.
public enum Viewer: Sendable, Hashable {
    case person(Actor)
    case system
}

/// The operations and queries the CLI and the server use. It speaks domain types only, so that a
/// PostgreSQL store for province-scale deployments can stand beside the SQLite one unchanged above it.
/// Every write is one transaction with its audit entry; every read is checked against the actor.
public protocol Repository: Sendable {
    /// The risk dimensions in force (configuration; the five of the Taizhou baseline by default).
    var dimensions: DimensionCatalog { get }

    // MARK: People and places
    /// Creates the first administrator; `demo` marks a database the demo may later replace.
    func bootstrap(adminName: String, demo: Bool, at now: Date) async throws -> Person
    func addJurisdiction(name: String, level: JurisdictionLevel, parentID: Int64?, by actor: Actor, at now: Date) async throws -> Jurisdiction
    func addEnterprise(_ draft: Enterprise, by actor: Actor, at now: Date) async throws -> Enterprise
    func addWorkshop(enterpriseID: Int64, name: String, by actor: Actor, at now: Date) async throws -> Workshop
    func addTeam(workshopID: Int64, name: String, by actor: Actor, at now: Date) async throws -> Team
    func addPost(teamID: Int64, name: String, by actor: Actor, at now: Date) async throws -> Post
    func addPerson(_ draft: Person, by actor: Actor, at now: Date) async throws -> Person

    /// Resolves who is acting (the CLI's `--as`; the server's login). Not a listing: see `people`.
    func person(_ key: String) async throws -> Person
    func jurisdictions() async throws -> [Jurisdiction]
    func jurisdictionPath(of jurisdictionID: Int64) async throws -> [Int64]
    func enterprise(_ key: String, visibleTo viewer: Viewer) async throws -> Enterprise
    func enterprises(visibleTo viewer: Viewer) async throws -> [Enterprise]
    func workshops(enterpriseID: Int64, visibleTo viewer: Viewer) async throws -> [Workshop]
    func teams(enterpriseID: Int64, visibleTo viewer: Viewer) async throws -> [Team]
    func posts(enterpriseID: Int64, visibleTo viewer: Viewer) async throws -> [Post]
    /// People of one enterprise, or (enterpriseID nil) everyone the viewer may see.
    func people(enterpriseID: Int64?, visibleTo viewer: Viewer) async throws -> [Person]

    // MARK: Risk
    func addRiskPoint(_ draft: RiskPoint, grading: GradingInput?, by actor: Actor, at now: Date) async throws -> RiskPoint
    /// Many risk points in one transaction (an imported table): all of them, or none.
    func addRiskPoints(_ rows: [(RiskPoint, GradingInput?)], by actor: Actor, at now: Date,
                       progress: @escaping @Sendable (Int, Int) -> Void) async throws -> [RiskPoint]
    func grade(riskPointID: Int64, _ input: GradingInput, reason: String, by actor: Actor, at now: Date) async throws -> GradingRecord
    /// Instantiates a checklist's risk points in one workshop, graded with the suggested inputs; running it again
    /// adds nothing twice and reports what changed in the template since.
    func importChecklist(_ checklist: Checklist, enterpriseID: Int64, workshopID: Int64, by actor: Actor, at now: Date) async throws -> ImportReport
    func riskPoints(_ filter: RiskFilter, visibleTo viewer: Viewer) async throws -> [RiskPoint]
    func riskPoint(_ id: Int64, visibleTo viewer: Viewer) async throws -> (RiskPoint, [GradingRecord])

    // MARK: Hazards
    func reportHazard(_ report: HazardReport, by actor: Actor, at now: Date) async throws -> Hazard
    func perform(_ command: HazardCommand, on hazardKey: String, by actor: Actor, at now: Date) async throws -> (Hazard, Transition)
    func hazard(_ key: String, visibleTo viewer: Viewer) async throws -> Hazard
    func hazards(_ filter: HazardFilter, visibleTo viewer: Viewer) async throws -> [Hazard]
    func evidence(of hazardID: Int64, visibleTo viewer: Viewer) async throws -> [EvidenceItem]

    // MARK: Scheduled checks
    func addCheckPlan(enterpriseID: Int64, kind: CheckKind, responsibleID: Int64, startsOn: Date, by actor: Actor, at now: Date) async throws -> CheckPlan
    func checkPlans(enterpriseID: Int64?, visibleTo viewer: Viewer) async throws -> [CheckPlan]
    /// What a check of the plan covers now: the items of the risk points its kind covers.
    func checkItems(planID: Int64, visibleTo viewer: Viewer) async throws -> [PlannedItem]
    /// Records the check of the current period; each failed item (ref → note) opens a hazard linked to its risk point.
    func recordCheck(planID: Int64, failures: [String: String], minutes: CheckMinutes?, by actor: Actor, at now: Date) async throws -> (CheckRun, [Hazard])
    func checkRuns(enterpriseID: Int64?, visibleTo viewer: Viewer) async throws -> [CheckRun]

    // MARK: Credit
    /// Dual-prevention performance of one enterprise as of an instant, over the window since `since`.
    func performance(enterpriseID: Int64, asOf: Date, since: Date, visibleTo viewer: Viewer) async throws -> [String: MetricValue]
    /// Inputs other than the closed loop's (spot checks, licences, awards, violations…): all of them, or none.
    func addQualityRecords(_ drafts: [QualityRecord], by actor: Actor, at now: Date,
                           progress: @escaping @Sendable (Int, Int) -> Void) async throws -> [QualityRecord]
    /// A wrong record is withdrawn with a reason, never edited; it still counts for dates before the withdrawal.
    func withdrawQualityRecord(_ id: Int64, reason: String, by actor: Actor, at now: Date) async throws -> QualityRecord
    func qualityRecords(enterpriseID: Int64?, kind: QualityRecordKind?, visibleTo viewer: Viewer) async throws -> [QualityRecord]
    /// The grade as of an instant with its explanation, not stored (anyone who may see the enterprise).
    func assessCredit(enterpriseID: Int64, rules: CreditRules, asOf: Date, since: Date, visibleTo viewer: Viewer) async throws -> CreditGradeRecord
    /// The grade computed and stored with its explanation and its change since the previous grade (a regulator).
    func recordCreditGrade(enterpriseID: Int64, rules: CreditRules, asOf: Date, since: Date, by actor: Actor, at now: Date) async throws -> CreditGradeRecord
    /// Many grades in one transaction (every enterprise of a jurisdiction): all stored, or none.
    func recordCreditGrades(_ requests: [CreditGradeRequest], rules: CreditRules, by actor: Actor, at now: Date) async throws -> [CreditGradeRecord]
    func creditGrades(enterpriseID: Int64?, visibleTo viewer: Viewer) async throws -> [CreditGradeRecord]

    /// Everything a benchmark assessment reads about one enterprise (an assessor may read any enterprise).
    func benchmarkInputs(enterprise key: String, visibleTo viewer: Viewer) async throws -> BenchmarkInputs
    /// Appoints an assessor to an enterprise (an administrator, or a regulator of its jurisdiction).
    func assignAssessor(_ assessorID: Int64, enterpriseID: Int64, by actor: Actor, at now: Date) async throws -> AssessmentAssignment
    /// Ends a live appointment: the assessor no longer sees the enterprise.
    func endAssignment(_ assessorID: Int64, enterpriseID: Int64, by actor: Actor, at now: Date) async throws -> AssessmentAssignment
    /// Appointments in sight: an assessor's own, or those of the enterprises the viewer sees.
    func assignments(visibleTo viewer: Viewer) async throws -> [AssessmentAssignment]

    // MARK: Red and black lists
    /// Proposes entries for every enterprise the regulator oversees, as of the quarter's end.
    func evaluateLists(quarter: ReportingPeriod, rules: ListRules, by actor: Actor, at now: Date) async throws -> [ListEntry]
    func reviewListEntry(_ id: Int64, approve: Bool, note: String, by actor: Actor, at now: Date) async throws -> ListEntry
    /// Publishes a quarter's approved entries once none waits for review.
    func publishLists(quarter: String, by actor: Actor, at now: Date) async throws -> [ListEntry]
    func listEntries(quarter: String?, visibleTo viewer: Viewer) async throws -> [ListEntry]
    /// Every published entry and what the public saw of it at an instant (public information).
    func publishedLists(rules: ListRules, at date: Date) async throws -> [ListingLine]

    // MARK: Accounts
    /// Creates or replaces a person's login (an administrator for anyone, a person for themselves); the hash is bcrypt.
    func setPassword(personID: Int64, passwordHash: String, by actor: Actor, at now: Date) async throws -> Account
    /// An administrator disables an account; it is kept, never deleted.
    func disableAccount(personID: Int64, by actor: Actor, at now: Date) async throws -> Account
    /// The person and account behind a login name or id, for checking a password; nil when there is none.
    func login(_ key: String) async throws -> (Person, Account)?

    // MARK: Record
    /// The entries about one object that the viewer may see.
    func history(objectType: String, objectID: Int64, visibleTo viewer: Viewer) async throws -> [AuditEntry]
    func verifyAudit(expectedHead: String?) async throws -> AuditReport
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

    public init(enterpriseID: Int64? = nil, workshopID: Int64? = nil, colour: RiskColour? = nil, dimension: String? = nil, regradeDue: Bool? = nil) {
        self.enterpriseID = enterpriseID
        self.workshopID = workshopID
        self.colour = colour
        self.dimension = dimension
        self.regradeDue = regradeDue
    }
}

public struct HazardFilter: Sendable, Hashable {
    public var enterpriseID: Int64?
    public var state: HazardState?
    public var ownerID: Int64?
    public var grade: HazardGrade?
    /// Overdue judged at this instant when set.
    public var overdueAt: Date?

    public init(enterpriseID: Int64? = nil, state: HazardState? = nil, ownerID: Int64? = nil, grade: HazardGrade? = nil, overdueAt: Date? = nil) {
        self.enterpriseID = enterpriseID
        self.state = state
        self.ownerID = ownerID
        self.grade = grade
        self.overdueAt = overdueAt
    }
}

/// A file to attach as evidence; the store copies it in, content-addressed.
public struct EvidenceFile: Sendable, Hashable {
    public var path: String
    /// `before`, `after` or `document`.
    public var label: String

    public init(path: String, label: String = "document") {
        self.path = path
        self.label = label
    }
}

public struct EvidenceItem: Sendable, Hashable, Codable {
    public var sha256: String
    public var fileName: String
    public var size: Int64
    public var attachedTo: String
    public var label: String
    public var attachedAt: Date
    public var storedPath: String

    public init(sha256: String, fileName: String, size: Int64, attachedTo: String, label: String, attachedAt: Date, storedPath: String) {
        self.sha256 = sha256
        self.fileName = fileName
        self.size = size
        self.attachedTo = attachedTo
        self.label = label
        self.attachedAt = attachedAt
        self.storedPath = storedPath
    }
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

    public init(workshopID: Int64, teamID: Int64? = nil, postID: Int64? = nil, riskPointID: Int64? = nil, source: HazardSource,
                grade: HazardGrade, description: String, location: String = "", foundAt: Date? = nil, evidence: [EvidenceFile] = []) {
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

    public init(seq: Int64, at: Date, actorID: Int64, actorName: String, action: String, objectType: String, objectID: Int64,
                enterpriseID: Int64?, summary: String, payload: String, evidence: [String], prevHash: String, hash: String) {
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
