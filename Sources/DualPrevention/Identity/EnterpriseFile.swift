import Foundation

/// What an enterprise's file holds (一企一档, DOMAIN.md §14), as one snapshot of the store read it.
public struct EnterpriseFile: Sendable {
    public var enterprise: Enterprise
    /// The jurisdictions above it, the enterprise's own first.
    public var jurisdictions: [Jurisdiction]
    /// Its people, workshops, teams and posts, and the regulators its records name.
    public var names: Names
    public var people: [Person]
    public var riskPoints: [RiskPoint]
    public var gradings: [Int64: [GradingRecord]]
    public var checkPlans: [CheckPlan]
    public var checkRuns: [CheckRun]
    public var hazards: [Hazard]
    public var evidence: [Int64: [EvidenceItem]]
    public var products: [Int64: HazardProducts]
    public var qualityRecords: [QualityRecord]
    public var creditGrades: [CreditGradeRecord]
    public var listEntries: [ListEntry]
    /// The audit chain as it stood when the file was read: its number of entries and its last entry's hash.
    public var auditEntries: Int64
    public var auditHead: String

    public init(
        enterprise: Enterprise,
        jurisdictions: [Jurisdiction],
        names: Names,
        people: [Person],
        riskPoints: [RiskPoint],
        gradings: [Int64: [GradingRecord]],
        checkPlans: [CheckPlan],
        checkRuns: [CheckRun],
        hazards: [Hazard],
        evidence: [Int64: [EvidenceItem]],
        products: [Int64: HazardProducts],
        qualityRecords: [QualityRecord],
        creditGrades: [CreditGradeRecord],
        listEntries: [ListEntry],
        auditEntries: Int64,
        auditHead: String
    ) {
        self.enterprise = enterprise
        self.jurisdictions = jurisdictions
        self.names = names
        self.people = people
        self.riskPoints = riskPoints
        self.gradings = gradings
        self.checkPlans = checkPlans
        self.checkRuns = checkRuns
        self.hazards = hazards
        self.evidence = evidence
        self.products = products
        self.qualityRecords = qualityRecords
        self.creditGrades = creditGrades
        self.listEntries = listEntries
        self.auditEntries = auditEntries
        self.auditHead = auditHead
    }
}
