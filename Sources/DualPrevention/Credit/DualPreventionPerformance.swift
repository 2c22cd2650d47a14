import Foundation

/// Dual-prevention performance as of an instant, derived from the records and never typed in
/// (DOMAIN.md §6: it feeds the "fulfilment of quality responsibility" group). Everything is judged by the
/// timestamps the records carry, so the same instant gives the same figures however many records come later.
public struct DualPreventionPerformance: Sendable {
    public var hazards: [Hazard]
    public var plans: [CheckPlan]
    public var runs: [CheckRun]
    public var riskPoints: [RiskPoint]
    public var gradings: [GradingRecord]
    /// When each risk point was added (from its first audit entry).
    public var riskPointAddedAt: [Int64: Date]
    public var local: LocalTime

    /// A closed hazard's risk point counts as re-graded on time when graded again within this many days.
    public static let regradeWithinDays = 30.0

    public init(hazards: [Hazard], plans: [CheckPlan], runs: [CheckRun], riskPoints: [RiskPoint], gradings: [GradingRecord],
                riskPointAddedAt: [Int64: Date], local: LocalTime) {
        self.hazards = hazards
        self.plans = plans
        self.runs = runs
        self.riskPoints = riskPoints
        self.gradings = gradings
        self.riskPointAddedAt = riskPointAddedAt
        self.local = local
    }

    /// The deadline as it stood at an instant: an extension counts only once granted.
    static func deadline(of hazard: Hazard, at date: Date) -> Date? {
        guard let notice = hazard.notice, notice.issuedAt <= date else { return nil }
        if let request = hazard.extensionRequest {
            if request.state == .granted, let decided = request.decidedAt, decided <= date { return request.requestedDeadline }
            return request.previousDeadline
        }
        return notice.deadline
    }

    static func closed(_ hazard: Hazard, by date: Date) -> Bool { hazard.closedAt.map { $0 <= date } ?? false }
    static func cancelled(_ hazard: Hazard, by date: Date) -> Bool { hazard.cancellation.map { $0.cancelledAt <= date } ?? false }

    /// The metrics of the `dualPrevention.*` catalog keys over the window `since … asOf`.
    public func metrics(asOf date: Date, since: Date) -> [String: MetricValue] {
        let found = hazards.filter { $0.foundAt <= date && $0.foundAt >= since && !Self.cancelled($0, by: date) }
        let closed = found.filter { Self.closed($0, by: date) }
        let due = found.filter { hazard in
            guard let deadline = Self.deadline(of: hazard, at: date) else { return false }
            return deadline <= date || Self.closed(hazard, by: date)
        }
        let onTime = due.filter { hazard in
            guard let closedAt = hazard.closedAt, closedAt <= date, let deadline = Self.deadline(of: hazard, at: date) else { return false }
            return closedAt <= deadline
        }
        let open = hazards.filter { $0.foundAt <= date && !Self.closed($0, by: date) && !Self.cancelled($0, by: date) }
        let badMajor = open.filter { hazard in
            guard hazard.grade == .major else { return false }
            let listed = hazard.listings.contains { $0.listedAt <= date && ($0.liftedAt.map { $0 > date } ?? true) }
            let overdue = Self.deadline(of: hazard, at: date).map { $0 < date } ?? false
            return listed || overdue
        }
        let schedule = CheckSchedule(local: local)
        let missed = plans.flatMap { plan in
            schedule.entries(for: plan, runs: runs.filter { $0.performedAt <= date }, at: date)
                .filter { $0.status == .missed && $0.end >= since }
        }
        // A kind of check with no plan at all is the worst miss: one for each kind without a plan in force.
        let unplanned = CheckKind.allCases.filter { kind in !plans.contains { $0.kind == kind && $0.startsOn <= date } }
        // Every hazard found on a risk point after an earlier one on the same point.
        let byPoint = Dictionary(grouping: found.filter { $0.riskPointID != nil }, by: { $0.riskPointID ?? 0 })
        var repeats: [Hazard] = []
        for group in byPoint.values {
            repeats += group.sorted { $0.foundAt < $1.foundAt }.dropFirst()
        }
        let existing = riskPoints.filter { (riskPointAddedAt[$0.id] ?? .distantFuture) <= date }
        let wellGraded = existing.filter { point in
            let own = gradings.filter { $0.riskPointID == point.id && $0.gradedAt <= date }
            guard !own.isEmpty else { return false }
            // Each hazard on it that closed must be followed by a re-grading within the limit (or the limit not yet passed).
            return hazards.filter { $0.riskPointID == point.id && Self.closed($0, by: date) }.allSatisfy { hazard in
                guard let closedAt = hazard.closedAt else { return true }
                let limit = closedAt.addingTimeInterval(Self.regradeWithinDays * 86_400)
                return own.contains { $0.gradedAt >= closedAt && $0.gradedAt <= limit } || limit > date
            }
        }
        func rate(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 1 : Double(part) / Double(whole) }
        // Evidence in id order, so that the same records always give the same explanation.
        func ids(_ list: [Hazard]) -> [String] { list.sorted { $0.id < $1.id }.map { "hazard#\($0.id)" } }
        return [
            "dualPrevention.closedLoopRate": MetricValue(rate(closed.count, found.count), evidence: ids(closed)),
            "dualPrevention.onTimeRate": MetricValue(rate(onTime.count, due.count), evidence: ids(onTime)),
            "dualPrevention.missedChecks": MetricValue(Double(missed.count + unplanned.count),
                                                       evidence: missed.map { "check_plan#\($0.planID):\($0.period)" } + unplanned.map { "no-plan:\($0.rawValue)" }),
            "dualPrevention.overdueOrListedMajor": MetricValue(Double(badMajor.count), evidence: ids(badMajor)),
            "dualPrevention.repeatHazards": MetricValue(Double(repeats.count), evidence: ids(repeats)),
            "dualPrevention.gradedOnTimeShare": MetricValue(rate(wellGraded.count, existing.count), evidence: wellGraded.map { "risk_point#\($0.id)" }),
        ]
    }
}
