import Foundation

/// The result of one item in a check.
public struct ItemResult: Sendable, Hashable, Codable {
    public var ref: String
    public var riskPointID: Int64
    public var item: String
    public var passed: Bool
    public var note: String
    /// The hazard a failed item opened.
    public var hazardID: Int64?

    public init(ref: String, riskPointID: Int64, item: String, passed: Bool, note: String, hazardID: Int64? = nil) {
        self.ref = ref
        self.riskPointID = riskPointID
        self.item = item
        self.passed = passed
        self.note = note
        self.hazardID = hazardID
    }
}

/// Minutes of the monthly scheduling meeting, or the summary of the weekly report.
public struct CheckMinutes: Sendable, Hashable, Codable {
    public var chair: String
    public var attendees: String
    public var situation: String
    public var problems: String
    public var decisions: String

    public init(chair: String = "", attendees: String = "", situation: String = "", problems: String = "", decisions: String = "") {
        self.chair = chair
        self.attendees = attendees
        self.situation = situation
        self.problems = problems
        self.decisions = decisions
    }
}

/// What a schedule needs of a check record: the plan and period it counts for, and when it was done.
public protocol CheckDone: Sendable {
    var planID: Int64 { get }
    var enterpriseID: Int64 { get }
    var period: String { get }
    var performedAt: Date { get }
}

/// A check record without its item results: all that missed periods and the credit grade read, and a fraction of
/// what a whole record costs to load.
public struct CheckStamp: CheckDone, Hashable {
    public var planID: Int64
    public var enterpriseID: Int64
    public var period: String
    public var performedAt: Date

    public init(planID: Int64, enterpriseID: Int64, period: String, performedAt: Date) {
        self.planID = planID
        self.enterpriseID = enterpriseID
        self.period = period
        self.performedAt = performedAt
    }

    public init(_ run: some CheckDone) {
        self.init(planID: run.planID, enterpriseID: run.enterpriseID, period: run.period, performedAt: run.performedAt)
    }
}

/// One check done: a daily record, a weekly report or monthly minutes.
public struct CheckRun: CheckDone, Hashable, Codable, Identifiable {
    public var id: Int64
    public var planID: Int64
    public var enterpriseID: Int64
    public var kind: CheckKind
    /// The period it counts for: `2026-11-23`, `2026-W48` or `2026-11`.
    public var period: String
    public var performedBy: Int64
    public var performedAt: Date
    public var results: [ItemResult]
    public var minutes: CheckMinutes?

    /// A daily check with no failure is itself a record: "no risk found" (未发现风险).
    public var noRiskFound: Bool { results.allSatisfy(\.passed) }
    public var failures: [ItemResult] { results.filter { !$0.passed } }

    public init(
        id: Int64,
        planID: Int64,
        enterpriseID: Int64,
        kind: CheckKind,
        period: String,
        performedBy: Int64,
        performedAt: Date,
        results: [ItemResult],
        minutes: CheckMinutes?
    ) {
        self.id = id
        self.planID = planID
        self.enterpriseID = enterpriseID
        self.kind = kind
        self.period = period
        self.performedBy = performedBy
        self.performedAt = performedAt
        self.results = results
        self.minutes = minutes
    }

    /// Who may record a check of this kind for this enterprise, and what it must hold.
    public static func authorize(_ actor: Actor, kind: CheckKind, enterpriseID: Int64) throws(Refusal) {
        guard actor.belongs(to: enterpriseID) else { throw Refusal(.notInEnterprise) }
        guard kind.recordedBy.contains(actor.role) else {
            throw Refusal(.roleNotAllowed(action: .report, role: actor.role, allowed: kind.recordedBy))
                .relabelled(
                    Text(
                        zh: "\(kind.label.zh)由\(kind.recordedBy.map(\.label.zh).joined(separator: "或"))记录",
                        en: "a \(kind.label.en) is recorded by the \(kind.recordedBy.map(\.label.en).joined(separator: " or "))"
                    )
                )
        }
    }
}

extension CheckRun {
    /// A check's photos are of its failures: a photo sent for an item not ticked as failing would belong to nothing,
    /// so the check is refused rather than the photo dropped.
    public static func requirePhotosOfFailures(photographed: Set<String>, failed: Set<String>) throws(InputError) {
        let stray = photographed.subtracting(failed)
        guard stray.isEmpty else {
            throw InputError(rule: "CHECK-PHOTO-NOT-FAILED", message: Text("checkRun.photoOfPassedItem", stray.sorted().joined(separator: ", ")))
        }
    }
}
