import DualPrevention
import Foundation

// The store, feature by feature. Each protocol speaks domain types only, so that a PostgreSQL store for
// province-scale deployments can stand beside the SQLite one unchanged above it. Every write is one transaction
// with its audit entry; every read is checked against the viewer.

/// Setting up the jurisdiction tree, enterprises, their places and people.
public protocol SetupStore: Sendable {
    /// Creates the first administrator; `demo` marks a database the demo may later replace.
    func bootstrap(adminName: String, demo: Bool, at now: Date) async throws -> Person
    func addJurisdiction(name: String, level: JurisdictionLevel, parentID: Int64?, by actor: Actor, at now: Date) async throws -> Jurisdiction
    func addEnterprise(_ draft: Enterprise, by actor: Actor, at now: Date) async throws -> Enterprise
    func addWorkshop(enterpriseID: Int64, name: String, by actor: Actor, at now: Date) async throws -> Workshop
    func addTeam(workshopID: Int64, name: String, by actor: Actor, at now: Date) async throws -> Team
    func addPost(teamID: Int64, name: String, by actor: Actor, at now: Date) async throws -> Post
    func addPerson(_ draft: Person, by actor: Actor, at now: Date) async throws -> Person
}

/// Who and where: people, jurisdictions, enterprises and their places, as far as the viewer may see.
public protocol DirectoryStore: Sendable {
    /// Resolves who is acting (the CLI's `--as`; the server's login). Not a listing: see `people`.
    func person(_ key: String) async throws -> Person
    /// A person the viewer may see (of an enterprise in sight, or themself), by id or name; one out of sight is
    /// not found, exactly as one who does not exist.
    func person(_ key: String, visibleTo viewer: Viewer) async throws -> Person
    func jurisdictions() async throws -> [Jurisdiction]
    func jurisdictionPath(of jurisdictionID: Int64) async throws -> [Int64]
    func enterprise(_ key: String, visibleTo viewer: Viewer) async throws -> Enterprise
    func enterprises(visibleTo viewer: Viewer) async throws -> [Enterprise]
    /// One page of the enterprises in sight, in id order, with their number.
    func enterprisePage(page: PageRequest, visibleTo viewer: Viewer) async throws -> Paged<Enterprise>
    /// The enterprises of these ids that the viewer may see, in one read.
    func enterprises(ids: [Int64], visibleTo viewer: Viewer) async throws -> [Enterprise]
    func workshops(enterpriseID: Int64, visibleTo viewer: Viewer) async throws -> [Workshop]
    func teams(enterpriseID: Int64, visibleTo viewer: Viewer) async throws -> [Team]
    func posts(enterpriseID: Int64, visibleTo viewer: Viewer) async throws -> [Post]
    /// People of one enterprise, or (enterpriseID nil) everyone the viewer may see.
    func people(enterpriseID: Int64?, visibleTo viewer: Viewer) async throws -> [Person]
    /// One page of `people`, paged and counted by the database.
    func peoplePage(enterpriseID: Int64?, page: PageRequest, visibleTo viewer: Viewer) async throws -> Paged<Person>
    /// The enterprises (each must be in sight) with their people, workshops, teams and posts, in one read of a
    /// statement per table however many enterprises: what printing a list that spans many needs.
    func names(enterpriseIDs: [Int64], visibleTo viewer: Viewer) async throws -> Names
}

/// Risk points, their gradings and checklist imports.
public protocol RiskStore: Sendable {
    /// The risk dimensions in force (configuration; the five of the Taizhou baseline by default).
    var dimensions: DimensionCatalog { get }
    func addRiskPoint(_ draft: RiskPoint, grading: GradingInput?, by actor: Actor, at now: Date) async throws -> RiskPoint
    /// Many risk points in one transaction (an imported table): all of them, or none.
    func addRiskPoints(
        _ rows: [(RiskPoint, GradingInput?)],
        by actor: Actor,
        at now: Date,
        progress: @escaping @Sendable (Int, Int) -> Void
    ) async throws -> [RiskPoint]
    func grade(riskPointID: Int64, _ input: GradingInput, reason: String, by actor: Actor, at now: Date) async throws -> GradingRecord
    /// Instantiates a checklist's risk points in one workshop, graded with the suggested inputs; running it again
    /// adds nothing twice and reports what changed in the template since.
    func importChecklist(_ checklist: Checklist, enterpriseID: Int64, workshopID: Int64, by actor: Actor, at now: Date) async throws -> ImportReport
    func riskPoints(_ filter: RiskFilter, visibleTo viewer: Viewer) async throws -> [RiskPoint]
    /// One page of the risk points in sight that match, paged and counted in the database.
    func riskPointPage(_ filter: RiskFilter, page: PageRequest, visibleTo viewer: Viewer) async throws -> Paged<RiskPoint>
    func riskPoint(_ id: Int64, visibleTo viewer: Viewer) async throws -> (RiskPoint, [GradingRecord])
    /// The latest grading of each of these risk points that is graded and in sight, in one read.
    func latestGradings(riskPointIDs: [Int64], visibleTo viewer: Viewer) async throws -> [Int64: GradingRecord]
}

/// The hazard loop: reports, transitions, and the hazards in sight.
public protocol HazardStore: Sendable {
    func reportHazard(_ report: HazardReport, by actor: Actor, at now: Date) async throws -> Hazard
    func perform(_ command: HazardCommand, on hazardKey: String, by actor: Actor, at now: Date) async throws -> (Hazard, Transition)
    func hazard(_ key: String, visibleTo viewer: Viewer) async throws -> Hazard
    /// Every hazard in sight that matches, in id order (exports and small enterprise views).
    func hazards(_ filter: HazardFilter, visibleTo viewer: Viewer) async throws -> [Hazard]
    /// One page of the hazards in sight that match, filtered, sorted and counted in the database.
    func hazardPage(_ filter: HazardFilter, page: PageRequest, visibleTo viewer: Viewer) async throws -> Paged<Hazard>
    /// The next hazards in sight that match, in id order after `afterID` (0 to start), with the names they mention:
    /// an export walks any number of hazards a batch at a time and holds one batch in memory.
    func hazardBatch(_ filter: HazardFilter, after afterID: Int64, limit: Int, visibleTo viewer: Viewer) async throws -> HazardBatch
    func evidence(of hazardID: Int64, visibleTo viewer: Viewer) async throws -> [EvidenceItem]
    /// One file attached to a hazard in sight, with its bytes.
    func evidenceContents(_ sha256: String, of hazardID: Int64, visibleTo viewer: Viewer) async throws -> (EvidenceItem, Data)
}

/// Scheduled checks: plans, what they cover, and their records.
public protocol CheckStore: Sendable {
    func addCheckPlan(
        enterpriseID: Int64,
        kind: CheckKind,
        responsibleID: Int64,
        startsOn: Date,
        by actor: Actor,
        at now: Date
    ) async throws -> CheckPlan
    func checkPlans(enterpriseID: Int64?, visibleTo viewer: Viewer) async throws -> [CheckPlan]
    func checkPlanPage(enterpriseID: Int64?, page: PageRequest, visibleTo viewer: Viewer) async throws -> Paged<CheckPlan>
    /// One check plan in sight.
    func checkPlan(_ id: Int64, visibleTo viewer: Viewer) async throws -> CheckPlan
    /// What a check of the plan covers now: the items of the risk points its kind covers.
    func checkItems(planID: Int64, visibleTo viewer: Viewer) async throws -> [PlannedItem]
    /// Records the check of the current period; each failed item (ref → note) opens a hazard linked to its risk point,
    /// with the photos taken of it (ref → files) as that hazard's evidence.
    func recordCheck(
        planID: Int64,
        failures: [String: String],
        minutes: CheckMinutes?,
        evidence: [String: [EvidenceFile]],
        by actor: Actor,
        at now: Date
    ) async throws -> (CheckRun, [Hazard])
    func checkRuns(enterpriseID: Int64?, visibleTo viewer: Viewer) async throws -> [CheckRun]
    /// One check record in sight.
    func checkRun(_ id: Int64, visibleTo viewer: Viewer) async throws -> CheckRun
    /// One page of the check records in sight, oldest first, paged and counted in the database.
    func checkRunPage(enterpriseID: Int64?, page: PageRequest, visibleTo viewer: Viewer) async throws -> Paged<CheckRun>
    /// The latest check records in sight, newest first, at most `limit`.
    func latestCheckRuns(enterpriseID: Int64?, limit: Int, visibleTo viewer: Viewer) async throws -> [CheckRun]
    /// The periods recorded of each of these plans (those in sight): what a schedule needs of their records, read for
    /// a page of plans without reading every record.
    func donePeriods(planIDs: [Int64], visibleTo viewer: Viewer) async throws -> [Int64: Set<String>]
}

/// The inputs of the credit grade, and the grades.
public protocol CreditStore: Sendable {
    /// Dual-prevention performance of one enterprise as of an instant, over the window since `since`.
    func performance(enterpriseID: Int64, asOf: Date, since: Date, visibleTo viewer: Viewer) async throws -> [String: MetricValue]
    /// Inputs other than the closed loop's (spot checks, licences, awards, violations…): all of them, or none.
    func addQualityRecords(
        _ drafts: [QualityRecord],
        by actor: Actor,
        at now: Date,
        progress: @escaping @Sendable (Int, Int) -> Void
    ) async throws -> [QualityRecord]
    /// A wrong record is withdrawn with a reason, never edited; it still counts for dates before the withdrawal.
    func withdrawQualityRecord(_ id: Int64, reason: String, by actor: Actor, at now: Date) async throws -> QualityRecord
    func qualityRecords(enterpriseID: Int64?, kind: QualityRecordKind?, visibleTo viewer: Viewer) async throws -> [QualityRecord]
    /// One page of the quality records in sight, paged and counted in the database.
    func qualityRecordPage(
        enterpriseID: Int64?,
        kind: QualityRecordKind?,
        page: PageRequest,
        visibleTo viewer: Viewer
    ) async throws
        -> Paged<QualityRecord>
    /// The grade as of an instant with its explanation, not stored (anyone who may see the enterprise).
    func assessCredit(enterpriseID: Int64, rules: CreditRules, asOf: Date, since: Date, visibleTo viewer: Viewer) async throws -> CreditGradeRecord
    /// Grades of many enterprises (every one of a jurisdiction) as of their instants, not stored: loaded together,
    /// a bounded number of statements for each chunk of enterprises, reporting progress as chunks are done.
    func assessCredits(
        _ requests: [CreditGradeRequest],
        rules: CreditRules,
        visibleTo viewer: Viewer,
        progress: @escaping @Sendable (Int, Int) -> Void
    ) async throws -> [CreditGradeRecord]
    /// The grade computed and stored with its explanation and its change since the previous grade (a regulator).
    func recordCreditGrade(
        enterpriseID: Int64,
        rules: CreditRules,
        asOf: Date,
        since: Date,
        by actor: Actor,
        at now: Date
    ) async throws -> CreditGradeRecord
    /// Many grades in one transaction (every enterprise of a jurisdiction): all stored, or none.
    func recordCreditGrades(_ requests: [CreditGradeRequest], rules: CreditRules, by actor: Actor, at now: Date) async throws -> [CreditGradeRecord]
    func creditGrades(enterpriseID: Int64?, visibleTo viewer: Viewer) async throws -> [CreditGradeRecord]
    func creditGradePage(enterpriseID: Int64?, page: PageRequest, visibleTo viewer: Viewer) async throws -> Paged<CreditGradeRecord>
    /// The latest stored grade (by when it was computed) of each of these enterprises in sight that has one.
    func latestCreditGrades(enterpriseIDs: [Int64], visibleTo viewer: Viewer) async throws -> [CreditGradeRecord]
    /// How many enterprises in sight have each grade as their latest stored grade, counted by the database.
    func latestCreditGradeCounts(visibleTo viewer: Viewer) async throws -> [CreditGrade: Int]
}

/// The benchmark assessment's inputs and the assessors' appointments.
public protocol BenchmarkStore: Sendable {
    /// Everything a benchmark assessment reads about one enterprise (an assessor may read any enterprise).
    func benchmarkInputs(enterprise key: String, visibleTo viewer: Viewer) async throws -> BenchmarkInputs
    /// Appoints an assessor to an enterprise (an administrator, or a regulator of its jurisdiction).
    func assignAssessor(_ assessorID: Int64, enterpriseID: Int64, by actor: Actor, at now: Date) async throws -> AssessmentAssignment
    /// Ends a live appointment: the assessor no longer sees the enterprise.
    func endAssignment(_ assessorID: Int64, enterpriseID: Int64, by actor: Actor, at now: Date) async throws -> AssessmentAssignment
    /// Appointments in sight: an assessor's own, or those of the enterprises the viewer sees.
    func assignments(visibleTo viewer: Viewer) async throws -> [AssessmentAssignment]
}

/// The red and black lists: evaluation, review, publication.
public protocol ListStore: Sendable {
    /// Proposes entries for every enterprise the regulator oversees, as of the quarter's end.
    func evaluateLists(quarter: ReportingPeriod, rules: ListRules, by actor: Actor, at now: Date) async throws -> [ListEntry]
    func reviewListEntry(_ id: Int64, approve: Bool, note: String, by actor: Actor, at now: Date) async throws -> ListEntry
    /// Publishes a quarter's approved entries once none waits for review.
    func publishLists(quarter: String, by actor: Actor, at now: Date) async throws -> [ListEntry]
    func listEntries(quarter: String?, visibleTo viewer: Viewer) async throws -> [ListEntry]
    func listEntryPage(quarter: String?, page: PageRequest, visibleTo viewer: Viewer) async throws -> Paged<ListEntry>
    /// Every published entry and what the public saw of it at an instant (public information).
    func publishedLists(rules: ListRules, at date: Date) async throws -> [ListingLine]
    /// Only what the public sees (public information, no viewer): the entries shown at `date` that are still shown at
    /// `now`, read from those that can be (`ListRules.publicWindow`). A past date narrows what is public now; it never
    /// shows again an entry the rule has since taken from public view (DOMAIN.md §14: then kept in the record only).
    func publicLists(rules: ListRules, at date: Date, now: Date) async throws -> [ListingLine]
    /// These entries with what the public sees of each at an instant (a page of them, not the province's).
    func listingLines(of entries: [ListEntry], rules: ListRules, at date: Date) async throws -> [ListingLine]
}

/// Logins.
public protocol AccountStore: Sendable {
    /// Creates or replaces a person's login (an administrator for anyone, a person for themselves); the hash is bcrypt.
    func setPassword(personID: Int64, passwordHash: String, by actor: Actor, at now: Date) async throws -> Account
    /// An administrator disables an account; it is kept, never deleted.
    func disableAccount(personID: Int64, by actor: Actor, at now: Date) async throws -> Account
    /// The person and account behind a login name or id, for checking a password; nil when there is none.
    func login(_ key: String) async throws -> (Person, Account)?
}

/// The hash-chained record of every action.
public protocol AuditStore: Sendable {
    /// The entries about one object that the viewer may see.
    func history(objectType: String, objectID: Int64, visibleTo viewer: Viewer) async throws -> [AuditEntry]
    /// The whole chain, and the records that differ from it among those the viewer may see (a district regulator is
    /// not told of another district's records).
    func verifyAudit(expectedHead: String?, visibleTo viewer: Viewer) async throws -> AuditReport
}

extension AuditStore {
    /// The whole chain and every record: for whoever holds the database file itself (the CLI, backups, tests).
    public func verifyAudit(expectedHead: String?) async throws -> AuditReport {
        try await verifyAudit(expectedHead: expectedHead, visibleTo: .system)
    }
}

/// What a regulator watches across a jurisdiction: figures aggregated in the database, never counted in memory.
public protocol OversightStore: Sendable {
    /// The closed-loop figures of every enterprise in sight, over the window `since … asOf`.
    func enterpriseFigures(asOf: Date, since: Date, visibleTo viewer: Viewer) async throws -> [EnterpriseFigures]
    /// The risk points in sight with more than one hazard found in `since … asOf` (cancelled ones aside), most first,
    /// at most `limit`.
    func repeatPoints(since: Date, asOf: Date, limit: Int, visibleTo viewer: Viewer) async throws -> [RepeatHazards.Point]
    /// Per product category of the enterprises in sight: how many risk points had how many hazards in the window, and
    /// the hazards on no risk point (`RepeatHazards.categories` reads it).
    func repeatBuckets(since: Date, asOf: Date, visibleTo viewer: Viewer) async throws -> [RepeatHazards.Bucket]
    /// Each month's loop tally per district in sight (`LoopTrend.build`), counted as the overview counts.
    func loopTrend(months: [LoopTrend.Month], visibleTo viewer: Viewer) async throws -> LoopTrend
}

/// Logins and failed logins, kept where every server process of a deployment sees them: a login made on one is
/// honoured by the others, a logout on one ends it on all, failures count across all. A token is kept only as its
/// SHA-256 (`SessionToken.hash`). Whether a login still stands is the domain's (`SessionRules`), not the store's.
public protocol SessionStorage: Sendable {
    func saveSession(token: String, _ grant: SessionGrant) async throws
    func session(token: String) async throws -> SessionGrant?
    func touchSession(token: String, at now: Date) async throws
    func deleteSession(token: String) async throws
    /// Forgets logins begun before an instant (past any login's absolute lifetime).
    func deleteSessions(openedBefore: Date) async throws
    /// Records a failed login under a key, forgetting every failure recorded before `forgetBefore`.
    func recordLoginFailure(_ key: String, at now: Date, forgetBefore: Date) async throws
    func loginFailures(_ key: String, since: Date) async throws -> Int
    func clearLoginFailures(_ keys: [String]) async throws
}

/// Every feature store at once, as the CLI and the server hold it.
public typealias Repository = SetupStore & DirectoryStore & RiskStore & HazardStore & CheckStore & CreditStore & BenchmarkStore
    & ListStore & AccountStore & AuditStore & OversightStore & WarningStore & InspectionStore & NotificationStore & SessionStorage & ProductStore
    & ArchiveStore & AppointmentStore

extension CheckStore {
    /// A check with no photos.
    public func recordCheck(
        planID: Int64,
        failures: [String: String],
        minutes: CheckMinutes?,
        by actor: Actor,
        at now: Date
    ) async throws -> (CheckRun, [Hazard]) {
        try await recordCheck(planID: planID, failures: failures, minutes: minutes, evidence: [:], by: actor, at: now)
    }
}
