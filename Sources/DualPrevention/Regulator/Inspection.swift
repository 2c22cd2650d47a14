import Foundation

/// A regulator's record that found something in an enterprise: a random (双随机) or targeted inspection, a
/// supervisory spot check, or a substantiated 12365 complaint (DOMAIN.md §10). Each failed item opens a hazard in
/// the enterprise's register whose origin names this record.
public struct Inspection: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    /// Per office and year, such as `JC-2026-0002`.
    public var number: String
    public var kind: InspectionKind
    public var enterpriseID: Int64
    public var jurisdictionPath: [Int64]
    public var regulatorID: Int64
    /// The finding regulator's office: it (or an office above it) accepts the hazards unless it delegated.
    public var officeID: Int64
    public var performedAt: Date
    public var summary: String
    public var items: [InspectionItem]
    /// True when the regulator leaves acceptance of the hazards to the enterprise's director.
    public var delegatesAcceptance: Bool
    public var recordedAt: Date

    public init(
        id: Int64,
        number: String,
        kind: InspectionKind,
        enterpriseID: Int64,
        jurisdictionPath: [Int64],
        regulatorID: Int64,
        officeID: Int64,
        performedAt: Date,
        summary: String,
        items: [InspectionItem],
        delegatesAcceptance: Bool,
        recordedAt: Date
    ) {
        self.id = id
        self.number = number
        self.kind = kind
        self.enterpriseID = enterpriseID
        self.jurisdictionPath = jurisdictionPath
        self.regulatorID = regulatorID
        self.officeID = officeID
        self.performedAt = performedAt
        self.summary = summary
        self.items = items
        self.delegatesAcceptance = delegatesAcceptance
        self.recordedAt = recordedAt
    }

    /// The hazards' origin: this record, and who accepts.
    public var origin: HazardOrigin {
        HazardOrigin(kind: .inspection, recordID: id, recordNumber: number, acceptingOffice: delegatesAcceptance ? nil : officeID)
    }
}

public enum InspectionKind: String, Sendable, Codable, CaseIterable, Labelled {
    case random, targeted, spotCheck, complaint

    public var label: Text {
        switch self {
        case .random: Text("inspection.randomInspection")
        case .targeted: Text("inspection.targetedInspection")
        case .spotCheck: Text("inspection.supervisorySpotCheck")
        case .complaint: Text("inspection.substantiated12365Complaint")
        }
    }

    /// The source a hazard found this way carries in the register.
    public var hazardSource: HazardSource {
        switch self {
        case .random, .targeted: .inspection
        case .spotCheck: .spotCheck
        case .complaint: .complaint
        }
    }
}

/// One inspected item; a failed one names the workshop where the hazard lies, its grade and what was found.
public struct InspectionItem: Sendable, Hashable, Codable {
    public var ref: String
    public var text: String
    public var passed: Bool
    public var finding: String
    public var workshopID: Int64?
    public var grade: HazardGrade
    /// The hazard it opened, once the store has numbered it.
    public var hazardID: Int64?

    public init(
        ref: String,
        text: String,
        passed: Bool,
        finding: String = "",
        workshopID: Int64? = nil,
        grade: HazardGrade = .general,
        hazardID: Int64? = nil
    ) {
        self.ref = ref
        self.text = text
        self.passed = passed
        self.finding = finding
        self.workshopID = workshopID
        self.grade = grade
        self.hazardID = hazardID
    }
}

/// Where a hazard came from when a regulator's record opened it, and who accepts its rectification.
public struct HazardOrigin: Sendable, Hashable, Codable {
    public var kind: OriginKind
    public var recordID: Int64
    public var recordNumber: String
    /// The office whose regulators (or those above it) accept; nil when the enterprise accepts as usual.
    public var acceptingOffice: Int64?

    public init(kind: OriginKind, recordID: Int64, recordNumber: String, acceptingOffice: Int64?) {
        self.kind = kind
        self.recordID = recordID
        self.recordNumber = recordNumber
        self.acceptingOffice = acceptingOffice
    }

    public enum OriginKind: String, Sendable, Codable, CaseIterable {
        case warning, inspection
    }
}

extension Inspection {
    /// When an inspection given as a date was performed: a date without a time reads as the end of that local day,
    /// which for today is still ahead, so today stands for now; any other instant stays as given (a future one is
    /// refused by `record`).
    public static func performed(_ instant: Date, now: Date, local: LocalTime) -> Date {
        instant > now && local.day(instant) == local.day(now) ? now : instant
    }

    /// Records an inspection: a regulator of the enterprise's jurisdiction, a performed-at not in the future, at least
    /// one item with distinct refs, and for each failed item what was found and the workshop (one of the enterprise's)
    /// where it lies. Returns the inspection and the failed items, each of which opens a hazard.
    public static func record(
        _ draft: Inspection,
        workshops: Set<Int64>,
        by actor: Actor,
        at now: Date
    ) throws(Refusal) -> (Inspection, [InspectionItem]) {
        guard actor.regulates(jurisdictionPath: draft.jurisdictionPath), let office = actor.jurisdictionID else {
            throw Refusal(.notRegulatorOfJurisdiction)
        }
        guard draft.performedAt <= now else { throw Refusal(.foundInFuture) }
        guard !draft.items.isEmpty else {
            throw Refusal.warning("INSPECTION-ITEMS", zh: "检查记录须至少有一项", en: "an inspection records at least one item")
        }
        let refs = draft.items.map(\.ref)
        guard Set(refs).count == refs.count else {
            throw Refusal.warning("INSPECTION-ITEM-REFS", zh: "检查项编号须各不相同", en: "item refs must be distinct")
        }
        for item in draft.items where !item.passed {
            try Refusal.Reason.requireText(item.finding, "finding of item \(item.ref)", zh: "检查项 \(item.ref) 的问题")
            guard let workshop = item.workshopID, workshops.contains(workshop) else {
                throw Refusal.warning(
                    "INSPECTION-WORKSHOP",
                    zh: "不合格项 \(item.ref) 须指明该企业的车间",
                    en: "failed item \(item.ref) names a workshop of the enterprise"
                )
            }
        }
        var inspection = draft
        (inspection.regulatorID, inspection.officeID, inspection.recordedAt) = (actor.id, office, now)
        return (inspection, inspection.items.filter { !$0.passed })
    }
}

extension Hazard {
    /// What a hazard a record found says: what was found, then the record and the item it was found at.
    public static func findingDescription(_ found: String, record number: String, item: String) -> String {
        "\(found)（\(number) \(item)）"
    }

    /// Opens a hazard a regulator's record found: the regulator of the enterprise's jurisdiction is the finder, the
    /// enterprise owns the rectification, the origin says who accepts it.
    public static func reportFinding(
        _ draft: HazardDraft,
        origin: HazardOrigin,
        by actor: Actor,
        at now: Date
    ) throws(Refusal) -> (Hazard, Transition) {
        guard actor.regulates(jurisdictionPath: draft.jurisdictionPath) else { throw Refusal(.notRegulatorOfJurisdiction) }
        return try found(draft, origin: origin, by: actor, at: now)
    }

    /// Opens a hazard an enterprise's answer to a warning found (a failed item of its self-check).
    public static func reportForWarning(
        _ draft: HazardDraft,
        origin: HazardOrigin,
        by actor: Actor,
        at now: Date
    ) throws(Refusal) -> (Hazard, Transition) {
        guard actor.belongs(to: draft.enterpriseID) else { throw Refusal(.notInEnterprise) }
        return try found(draft, origin: origin, by: actor, at: now)
    }
}
