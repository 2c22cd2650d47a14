import DualPrevention
import Foundation

/// One enterprise, one file (一企一档, DOMAIN.md §14).
public protocol ArchiveStore: Sendable {
    /// Everything on record about one enterprise in sight, read in one snapshot, with the audit chain's head at it.
    func enterpriseFile(_ key: String, visibleTo viewer: Viewer) async throws -> EnterpriseFile
}

/// What an enterprise's file holds, as one snapshot of the store read it.
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
    /// Each hazard's audit entries, oldest first.
    public var timelines: [Int64: [AuditEntry]]
    public var evidence: [Int64: [EvidenceItem]]
    public var products: [Int64: HazardProducts]
    public var qualityRecords: [QualityRecord]
    public var creditGrades: [CreditGradeRecord]
    public var listEntries: [ListEntry]
    /// The audit chain as it stood when the file was read: its number of entries and its last entry's hash.
    public var auditEntries: Int64
    public var auditHead: String
}
