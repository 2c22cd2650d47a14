import DualPrevention
import Foundation
import GRDB

extension StoreRepository {
    public func addQualityRecords(
        _ drafts: [QualityRecord],
        by actor: Actor,
        at now: Date,
        progress: @escaping @Sendable (Int, Int) -> Void
    ) async throws -> [QualityRecord] {
        try await actRecordingAll(at: now) { db in try Self.addQualityRecords(drafts, by: actor, at: now, progress: progress, in: db) }
    }

    static func addQualityRecords(
        _ drafts: [QualityRecord],
        by actor: Actor,
        at now: Date,
        progress: @escaping @Sendable (Int, Int) -> Void,
        in db: any SQLContext
    ) throws -> ([QualityRecord], [AuditDraft]) {
        let actor = try Self.current(actor, at: now, in: db)
        var records: [QualityRecord] = []
        var audits: [AuditDraft] = []
        var paths: [Int64: [Int64]] = [:]
        for (index, draft) in drafts.enumerated() {
            let path = try paths[draft.enterpriseID] ?? Self.enterprisePath(draft.enterpriseID, in: db)
            paths[draft.enterpriseID] = path
            try Self.requireVisible(draft.enterpriseID, to: .person(actor), what: "enterprise", key: String(draft.enterpriseID), in: db)
            try QualityRecordPolicy.mayRecord(
                actor,
                kind: draft.kind,
                subtype: draft.subtype,
                enterpriseID: draft.enterpriseID,
                jurisdictionPath: path
            )
            try draft.validate(now: now)
            if let same = try TableQuery<QualityRecord>()
                .filter("enterprise_id", is: draft.enterpriseID).filter("kind", is: draft.kind.rawValue)
                .filter("subtype", is: draft.subtype).filter("occurred_on", is: draft.occurredOn)
                .filter("product", is: draft.product.trimmingCharacters(in: .whitespaces))
                .filter("reference", is: draft.reference.trimmingCharacters(in: .whitespaces)).filter("withdrawn_at IS NULL")
                .fetchOne(db)
            {
                throw InputError(
                    rule: "RECORD-DUPLICATE",
                    message: Text("sQLiteRepository.recordRepeatsAlreadyRecord", "\(same.key)", "\(index + 1)"),
                    hint: Text("sQLiteRepository.recordEachOnceWithdraw")
                )
            }
            var record = draft
            record.id = try Self.nextID("quality_record", in: db)
            record.product = draft.product.trimmingCharacters(in: .whitespaces)
            record.reference = draft.reference.trimmingCharacters(in: .whitespaces)
            record.recordedBy = actor.id
            record.recordedAt = now
            record.withdrawnAt = nil
            record.withdrawnBy = nil
            record.withdrawalReason = nil
            try record.insert(db)
            records.append(record)
            audits.append(
                AuditDraft(
                    actor: actor,
                    action: "record.add",
                    objectType: "quality_record",
                    objectID: record.id,
                    enterpriseID: record.enterpriseID,
                    summary: "\(record.kind.rawValue)/\(record.subtype) \(record.product)",
                    payload: Self.payload(record)
                )
            )
            progress(index + 1, drafts.count)
        }
        return (records, audits)
    }

    public func withdrawQualityRecord(_ id: Int64, reason: String, by actor: Actor, at now: Date) async throws -> QualityRecord {
        try await act(at: now) { db in
            let actor = try Self.current(actor, at: now, in: db)
            guard var record = try QualityRecord.byID(id, in: db) else { throw NotFoundError(what: "record", key: "QR-\(id)") }
            try Self.requireVisible(record.enterpriseID, to: .person(actor), what: "record", key: "QR-\(id)", in: db)
            try record.withdraw(
                reason: reason,
                by: actor,
                recordedByEnterprise: try Self.enterprise(of: record.recordedBy, for: record.enterpriseID, at: record.recordedAt, in: db),
                jurisdictionPath: Self.enterprisePath(record.enterpriseID, in: db),
                at: now
            )
            try record.update(db)
            return (
                record,
                AuditDraft(
                    actor: actor,
                    action: "record.withdraw",
                    objectType: "quality_record",
                    objectID: record.id,
                    enterpriseID: record.enterpriseID,
                    summary: reason,
                    payload: Self.payload(record)
                )
            )
        }
    }

    public func qualityRecords(enterpriseID: Int64?, kind: QualityRecordKind?, visibleTo viewer: Viewer) async throws -> [QualityRecord] {
        try await read { db in try Self.qualityRecordRequest(enterpriseID: enterpriseID, kind: kind, visibleTo: viewer, in: db).fetchAll(db) }
    }

    public func qualityRecordPage(
        enterpriseID: Int64?,
        kind: QualityRecordKind?,
        page: PageRequest,
        visibleTo viewer: Viewer
    ) async throws -> Paged<QualityRecord> {
        try await read { db in
            try Paged(Self.qualityRecordRequest(enterpriseID: enterpriseID, kind: kind, visibleTo: viewer, in: db), page, in: db)
        }
    }

    static func qualityRecordRequest(
        enterpriseID: Int64?,
        kind: QualityRecordKind?,
        visibleTo viewer: Viewer,
        in db: any SQLContext
    ) throws
        -> TableQuery<QualityRecord>
    {
        if let enterpriseID { try Self.requireVisible(enterpriseID, to: viewer, what: "enterprise", key: String(enterpriseID), in: db) }
        var request = TableQuery<QualityRecord>(orderedBy: "enterprise_id, occurred_on, id")
        if let enterpriseID { request = request.filter("enterprise_id", is: enterpriseID) }
        if let kind { request = request.filter("kind", is: kind.rawValue) }
        return request.visible(to: viewer)
    }
}
