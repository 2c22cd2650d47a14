import Foundation

/// Dual-prevention performance as of an instant, derived from the records and never typed in
/// (DOMAIN.md §6: it feeds the "fulfilment of quality responsibility" group). Everything is judged by the
/// timestamps the records carry, so the same instant gives the same figures however many records come later.
public struct DualPreventionPerformance: Sendable {
    /// The hazards, as much of each as the figures read.
    public var hazards: [HazardFacts]
    public var plans: [CheckPlan]
    /// The check records, without their item results (which no figure here reads).
    public var runs: [CheckStamp]
    /// The enterprise's risk points, by id: the figures count them and read nothing else of them.
    public var riskPointIDs: [Int64]
    /// When each risk point was graded (the gradings without their inputs).
    public var gradings: [GradingStamp]
    /// When each risk point was added (from its first audit entry).
    public var riskPointAddedAt: [Int64: Date]
    public var local: LocalTime
    /// The check periods of the window being graded, when the caller worked them out once for many enterprises of
    /// the same time zone; used only when they fit `local` and the window asked for.
    public var endedPeriods: CheckSchedule.EndedPeriods?
    /// Hazards on a risk point that were found before the window and closed by its end, given by their closures
    /// only, in place of being in `hazards` (see `countsOnlyByItsClosure`). Empty when `hazards` has every hazard.
    public var earlierClosures: [ClosureStamp] = []
    /// The enterprise's tasks under regulators' warnings: when each was due and answered.
    public var warningTasks: [WarningTaskStamp] = []

    /// A closed hazard's risk point counts as re-graded on time when graded again within this many days.
    public static let regradeWithinDays = 30.0

    public init(
        hazards: [HazardFacts],
        plans: [CheckPlan],
        runs: [CheckStamp],
        riskPointIDs: [Int64],
        gradings: [GradingStamp],
        riskPointAddedAt: [Int64: Date],
        local: LocalTime
    ) {
        self.hazards = hazards
        self.plans = plans
        self.runs = runs
        self.riskPointIDs = riskPointIDs
        self.gradings = gradings
        self.riskPointAddedAt = riskPointAddedAt
        self.local = local
    }

    /// Whether a hazard counts in the figures of the window `since … asOf` only through its closure (which asks for
    /// a re-grading of its risk point): found before the window, it is in no count of hazards found; closed by its
    /// end, it is in no count of open ones. A loader may give such a hazard as a `ClosureStamp`, for every window
    /// that starts no earlier and ends no earlier.
    public static func countsOnlyByItsClosure(foundAt: Date, closedAt: Date?, since: Date, asOf: Date) -> Bool {
        guard let closedAt else { return false }
        return foundAt < since && closedAt <= asOf
    }

    /// The hazards of a window and what became of them by its end: the counts behind the closed-loop and on-time
    /// rates, which a regulator adds up over every enterprise of a jurisdiction.
    public struct LoopCounts: Sendable, Hashable {
        /// Found in the window and not cancelled by its end.
        public var found: [HazardFacts]
        public var closed: [HazardFacts]
        /// Of those found, the ones whose deadline had passed or that had closed.
        public var due: [HazardFacts]
        public var onTime: [HazardFacts]
        /// Open major hazards listed for supervision or past their deadline (whenever found).
        public var overdueOrListedMajor: [HazardFacts]
        /// Open hazards past their deadline (whenever found).
        public var overdue: [HazardFacts]

        public var closedLoopRate: Double { Self.rate(closed.count, found.count) }
        public var onTimeRate: Double { Self.rate(onTime.count, due.count) }
        static func rate(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 1 : Double(part) / Double(whole) }

        public static func + (a: Self, b: Self) -> Self {
            Self(
                found: a.found + b.found,
                closed: a.closed + b.closed,
                due: a.due + b.due,
                onTime: a.onTime + b.onTime,
                overdueOrListedMajor: a.overdueOrListedMajor + b.overdueOrListedMajor,
                overdue: a.overdue + b.overdue
            )
        }
        public static let zero = Self(found: [], closed: [], due: [], onTime: [], overdueOrListedMajor: [], overdue: [])

        /// The same figures as counts only, as a database aggregate gives them.
        public var tally: LoopTally {
            LoopTally(
                found: found.count,
                closed: closed.count,
                due: due.count,
                onTime: onTime.count,
                overdueOrListedMajor: overdueOrListedMajor.count,
                overdue: overdue.count
            )
        }
    }

    /// The loop counts as numbers, which add up over enterprises and jurisdictions without holding any hazard.
    public struct LoopTally: Sendable, Hashable, Codable {
        public var found: Int
        public var closed: Int
        public var due: Int
        public var onTime: Int
        public var overdueOrListedMajor: Int
        public var overdue: Int

        public init(found: Int = 0, closed: Int = 0, due: Int = 0, onTime: Int = 0, overdueOrListedMajor: Int = 0, overdue: Int = 0) {
            self.found = found
            self.closed = closed
            self.due = due
            self.onTime = onTime
            self.overdueOrListedMajor = overdueOrListedMajor
            self.overdue = overdue
        }

        public var closedLoopRate: Double { LoopCounts.rate(closed, found) }
        public var onTimeRate: Double { LoopCounts.rate(onTime, due) }

        public static func + (a: Self, b: Self) -> Self {
            Self(
                found: a.found + b.found,
                closed: a.closed + b.closed,
                due: a.due + b.due,
                onTime: a.onTime + b.onTime,
                overdueOrListedMajor: a.overdueOrListedMajor + b.overdueOrListedMajor,
                overdue: a.overdue + b.overdue
            )
        }
        public static let zero = Self()
    }

    /// The loop counts of some hazards over the window `since … asOf`, judged by the records' own timestamps.
    public static func loopCounts(_ hazards: [Hazard], asOf date: Date, since: Date) -> LoopCounts {
        loopCounts(hazards.map(HazardFacts.init), asOf: date, since: since)
    }

    public static func loopCounts(_ hazards: [HazardFacts], asOf date: Date, since: Date) -> LoopCounts {
        let found = hazards.filter { $0.foundAt <= date && $0.foundAt >= since && !$0.isCancelled(by: date) }
        let closed = found.filter { $0.isClosed(by: date) }
        let due = found.filter { hazard in
            guard let deadline = hazard.deadline(at: date) else { return false }
            return deadline <= date || hazard.isClosed(by: date)
        }
        let onTime = due.filter { hazard in
            guard let closedAt = hazard.closedAt, closedAt <= date, let deadline = hazard.deadline(at: date) else { return false }
            return closedAt < deadline
        }
        let open = hazards.filter { $0.foundAt <= date && !$0.isClosed(by: date) && !$0.isCancelled(by: date) }
        let overdue = open.filter { $0.deadline(at: date).map { $0 <= date } ?? false }
        let overdueIDs = Set(overdue.map(\.id))
        let badMajor = open.filter { $0.grade == .major && ($0.isListed(at: date) || overdueIDs.contains($0.id)) }
        return LoopCounts(found: found, closed: closed, due: due, onTime: onTime, overdueOrListedMajor: badMajor, overdue: overdue)
    }

    /// Periods of check plans missed by an instant and ending after `since`, plus one per kind of check with no plan
    /// in force (the worst miss), as evidence strings.
    public static func missedChecks(plans: [CheckPlan], runs: [some CheckDone], local: LocalTime, asOf date: Date, since: Date) -> [String] {
        let schedule = CheckSchedule(local: local)
        let missed = plans.flatMap { plan in
            schedule.entries(for: plan, runs: runs.filter { $0.performedAt <= date }, at: date)
                .filter { $0.status == .missed && $0.end >= since }
        }
        let unplanned = CheckKind.allCases.filter { kind in !plans.contains { $0.kind == kind && $0.startsOn <= date } }
        return missed.map { "check_plan#\($0.planID):\($0.period)" } + unplanned.map { "no-plan:\($0.rawValue)" }
    }

    /// The same as `missedChecks(plans:runs:local:asOf:since:)`, from the periods of the window worked out before:
    /// a plan's periods are those ending after it started (periods follow each other), and a period is missed when
    /// the plan has no record for it by the window's end.
    public static func missedChecks(plans: [CheckPlan], runs: [some CheckDone], ended: CheckSchedule.EndedPeriods) -> [String] {
        let missed = plans.flatMap { plan in
            let done = Set(runs.lazy.filter { $0.planID == plan.id && $0.performedAt <= ended.asOf }.map(\.period))
            return ended.periods(plan.kind).filter { $0.end > plan.startsOn && !done.contains($0.key) }.map { "check_plan#\(plan.id):\($0.key)" }
        }
        let unplanned = CheckKind.allCases.filter { kind in !plans.contains { $0.kind == kind && $0.startsOn <= ended.asOf } }
        return missed + unplanned.map { "no-plan:\($0.rawValue)" }
    }

    /// How many periods of a plan were missed, from the periods of its kind that ended within the window (as
    /// `endedPeriods` gives them, oldest first, for the plan's time zone) and the number of those the plan has a
    /// record for. The count `missedChecks` gives for one plan, without its runs in memory.
    /// Periods follow each other, so the plan's periods are those ending after it started: no calendar arithmetic
    /// per plan, which a province's tens of thousands of plans would feel.
    public static func missedCount(plan: CheckPlan, ended: [CheckSchedule.Period], done: Int) -> Int {
        var low = 0
        var high = ended.count
        while low < high {
            let middle = (low + high) / 2
            if ended[middle].end > plan.startsOn { high = middle } else { low = middle + 1 }
        }
        return max(0, ended.count - low - done)
    }

    /// The metrics of the `dualPrevention.*` catalog keys over the window `since … asOf`.
    public func metrics(asOf date: Date, since: Date) -> [String: MetricValue] {
        let loop = Self.loopCounts(hazards, asOf: date, since: since)
        let found = loop.found
        let missed =
            if let ended = endedPeriods, ended.fit(local, since: since, asOf: date) {
                Self.missedChecks(plans: plans, runs: runs, ended: ended)
            } else {
                Self.missedChecks(plans: plans, runs: runs, local: local, asOf: date, since: since)
            }
        // Every hazard found on a risk point after an earlier one on the same point.
        let byPoint = Dictionary(grouping: found.filter { $0.riskPointID != nil }, by: { $0.riskPointID ?? 0 })
        var repeats: [HazardFacts] = []
        for group in byPoint.values {
            repeats += group.sorted { $0.foundAt < $1.foundAt }.dropFirst()
        }
        let existing = riskPointIDs.filter { (riskPointAddedAt[$0] ?? .distantFuture) <= date }
        // When each risk point's hazards closed, by the end of the window: the ones at hand and the ones given by
        // their closure alone.
        var closures: [Int64: [Date]] = [:]
        for hazard in hazards where hazard.isClosed(by: date) {
            if let point = hazard.riskPointID, let closedAt = hazard.closedAt { closures[point, default: []].append(closedAt) }
        }
        for stamp in earlierClosures where stamp.closedAt <= date { closures[stamp.riskPointID, default: []].append(stamp.closedAt) }
        let wellGraded = existing.filter { point in
            let own = gradings.filter { $0.riskPointID == point && $0.gradedAt <= date }
            guard !own.isEmpty else { return false }
            // Each hazard on it that closed must be followed by a re-grading within the limit (or the limit not yet passed).
            return (closures[point] ?? []).allSatisfy { closedAt in
                let limit = closedAt.addingTimeInterval(Self.regradeWithinDays * 86_400)
                return own.contains { $0.gradedAt >= closedAt && $0.gradedAt <= limit } || limit > date
            }
        }
        let missedWarnings = warningTasks.filter { $0.missed(asOf: date, since: since) }.sorted { $0.taskID < $1.taskID }
        let rate = LoopCounts.rate
        // Evidence in id order, so that the same records always give the same explanation.
        func ids(_ list: [HazardFacts]) -> [String] { list.sorted { $0.id < $1.id }.map { "hazard#\($0.id)" } }
        return [
            "dualPrevention.closedLoopRate": MetricValue(loop.closedLoopRate, evidence: ids(loop.closed)),
            "dualPrevention.onTimeRate": MetricValue(loop.onTimeRate, evidence: ids(loop.onTime)),
            "dualPrevention.missedChecks": MetricValue(Double(missed.count), evidence: missed),
            "dualPrevention.overdueOrListedMajor": MetricValue(Double(loop.overdueOrListedMajor.count), evidence: ids(loop.overdueOrListedMajor)),
            "dualPrevention.repeatHazards": MetricValue(Double(repeats.count), evidence: ids(repeats)),
            "dualPrevention.warningsMissed": MetricValue(Double(missedWarnings.count), evidence: missedWarnings.map { "warning_task#\($0.taskID)" }),
            "dualPrevention.gradedOnTimeShare": MetricValue(
                rate(wellGraded.count, existing.count),
                evidence: wellGraded.map { "risk_point#\($0)" }
            ),
        ]
    }
}

/// A task under a regulator's warning as the figures read it: when it was due and when (if ever) it was answered.
public struct WarningTaskStamp: Sendable, Hashable {
    public var taskID: Int64
    public var deadline: Date
    public var answeredAt: Date?

    public init(taskID: Int64, deadline: Date, answeredAt: Date?) {
        self.taskID = taskID
        self.deadline = deadline
        self.answeredAt = answeredAt
    }

    /// Due within the window `since … asOf` and not answered before its deadline: answered late, or not by `asOf`
    /// (an answer after `asOf` is not known at it). DOMAIN.md §10: the credit grade reads this flag directly.
    public func missed(asOf date: Date, since: Date) -> Bool {
        deadline > since && deadline <= date && !(answeredAt.map { $0 < deadline && $0 <= date } ?? false)
    }
}

/// When a hazard on a risk point closed: all the figures of a window read of a hazard found before it and closed by
/// its end.
public struct ClosureStamp: Sendable, Hashable {
    public var riskPointID: Int64
    public var closedAt: Date

    public init(riskPointID: Int64, closedAt: Date) {
        self.riskPointID = riskPointID
        self.closedAt = closedAt
    }
}

/// When a risk point was graded: all the performance figures read of a grading.
public struct GradingStamp: Sendable, Hashable {
    public var riskPointID: Int64
    public var gradedAt: Date

    public init(riskPointID: Int64, gradedAt: Date) {
        self.riskPointID = riskPointID
        self.gradedAt = gradedAt
    }

    public init(_ record: GradingRecord) {
        self.init(riskPointID: record.riskPointID, gradedAt: record.gradedAt)
    }
}
