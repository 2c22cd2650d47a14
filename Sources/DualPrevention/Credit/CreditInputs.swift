import Foundation

/// Everything one enterprise's credit grade reads, as a store loads it for a grading request: the closed loop's
/// records, the other input records and appointments, its latest stored grade up to the instant, and its published
/// black-list entries. The grade is decided from these alone (`grade(rules:asOf:since:by:at:)`), so grading a whole
/// jurisdiction only needs the inputs of many enterprises loaded together.
public struct CreditInputs: Sendable {
    public var enterpriseID: Int64
    public var performance: DualPreventionPerformance
    public var records: QualityRecordMetrics
    /// The enterprise's latest stored grade as of the instant graded at (the one a new grade is compared with).
    public var previous: CreditGradeRecord?
    /// Its black-list entries, in any state (only those published count).
    public var blackListEntries: [ListEntry]

    public init(
        enterpriseID: Int64,
        performance: DualPreventionPerformance,
        records: QualityRecordMetrics,
        previous: CreditGradeRecord?,
        blackListEntries: [ListEntry]
    ) {
        self.enterpriseID = enterpriseID
        self.performance = performance
        self.records = records
        self.previous = previous
        self.blackListEntries = blackListEntries
    }

    /// Whether the enterprise was put on a published black list within the window `since … asOf`.
    public func blackListed(asOf date: Date, since: Date) -> Bool {
        blackListEntries.contains { entry in
            guard entry.list == .black, entry.state == .published, let published = entry.publishedAt else { return false }
            return published <= date && published >= since
        }
    }

    /// The grade as of an instant with its explanation and its change since `previous`. Honours in force are flagged
    /// for revocation when the enterprise falls to D or was put on a published black list within the window.
    public func grade(rules: CreditRules, asOf date: Date, since: Date, by actorID: Int64, at now: Date) -> CreditGradeRecord {
        let metrics = performance.metrics(asOf: date, since: since).merging(records.metrics(asOf: date, since: since)) { a, _ in a }
        let assessment = CreditScorer.assess(metrics, rules: rules)
        let honours = assessment.grade == .d || blackListed(asOf: date, since: since) ? records.honours(at: date).map(\.key) : []
        return CreditGradeRecord(
            enterpriseID: enterpriseID,
            asOf: date,
            since: since,
            computedBy: actorID,
            computedAt: now,
            assessment: assessment,
            previous: previous,
            honoursToRevoke: honours
        )
    }
}
