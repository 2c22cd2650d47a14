import DualPrevention
import Foundation

/// One enterprise, one file (一企一档, DOMAIN.md §14).
public protocol ArchiveStore: Sendable {
    /// Everything on record about one enterprise in sight, read in one snapshot, with the audit chain's head at it, and
    /// each hazard's audit entries (oldest first).
    func enterpriseFile(_ key: String, visibleTo viewer: Viewer) async throws -> (file: EnterpriseFile, timelines: [Int64: [AuditEntry]])
}
