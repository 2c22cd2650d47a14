import Foundation

extension BenchmarkAssessor {
    /// The share of every compliance measure at the end of `period` (or at `now` when that comes first), with the
    /// records behind it. Only the enterprise's own records count.
    public static func measures(_ inputs: BenchmarkInputs, period: ReportingPeriod, at now: Date = .distantFuture) -> [BenchmarkMeasure: MetricValue]
    {
        let data = inputs.scoped
        let start = period.start(in: data.local)
        let end = min(period.end(in: data.local), now)
        var result: [BenchmarkMeasure: MetricValue] = [:]
        for measure in BenchmarkMeasure.allCases {
            result[measure] =
                switch measure {
                case .organisation: organisation(data, end: end)
                case .riskIdentification: riskIdentification(data, end: end)
                case .gradingCurrent: gradingCurrent(data, start: start, end: end)
                case .checkRecords: checkRecords(data, start: start, end: end)
                case .closedLoop: closedLoop(data, start: start, end: end)
                case .improvement: improvement(data, start: start, end: end)
                }
        }
        return result
    }

    static func performance(_ data: BenchmarkInputs) -> DualPreventionPerformance {
        DualPreventionPerformance(
            hazards: data.hazards.map(HazardFacts.init),
            plans: data.plans,
            runs: data.runs.map(CheckStamp.init),
            riskPointIDs: data.riskPoints.map(\.id),
            gradings: data.gradings.map(GradingStamp.init),
            riskPointAddedAt: data.riskPointAddedAt,
            local: data.local
        )
    }

    /// Principal, director and at least one officer: a third each.
    static func organisation(_ data: BenchmarkInputs, end: Date) -> MetricValue {
        let roles: [Role] = [.principal, .director, .officer]
        let staff = data.people.filter { roles.contains($0.role) && (data.peopleAddedAt[$0.id].map { $0 <= end } ?? false) }
        // A regional director in office at the end is the director of an enterprise that has none of its own.
        let regional = staff.contains { $0.role == .director } ? nil : DirectorAppointment.inOffice(data.directorAppointments, at: end)
        let appointed = roles.filter { role in staff.contains { $0.role == role } || (role == .director && regional != nil) }
        return MetricValue(
            Double(appointed.count) / Double(roles.count),
            evidence: staff.sorted { $0.id < $1.id }.map { "person#\($0.id)" } + (regional.map { [$0.number] } ?? [])
                + roles.filter { !appointed.contains($0) }.map { "missing:\($0.rawValue)" }
        )
    }

    /// Workshop × dimension pairs covered by a risk point that exists at the end; none covered when there is no workshop.
    static func riskIdentification(_ data: BenchmarkInputs, end: Date) -> MetricValue {
        let workshops = data.workshops.sorted { $0.id < $1.id }
        let known = Set(workshops.map(\.id))
        var covered: Set<String> = []
        var evidence: [String] = []
        for point in data.riskPoints.sorted(by: { $0.id < $1.id }) where (data.riskPointAddedAt[point.id] ?? .distantFuture) <= end {
            guard known.contains(point.workshopID), let dimension = try? data.dimensions.resolve(point.dimension) else { continue }
            covered.insert("workshop#\(point.workshopID):\(dimension.code)")
            evidence.append("risk_point#\(point.id)")
        }
        let pairs = workshops.flatMap { workshop in data.dimensions.dimensions.map { "workshop#\(workshop.id):\($0.code)" } }
        guard !pairs.isEmpty else { return MetricValue(0, evidence: ["missing:workshop"]) }
        let missing = pairs.filter { !covered.contains($0) }.map { "missing:\($0)" }
        return MetricValue(Double(pairs.count - missing.count) / Double(pairs.count), evidence: evidence + missing)
    }

    /// The performance figure of risk points graded and re-graded on time; 0 when no risk point exists at the end,
    /// since an empty control list is not a current one.
    static func gradingCurrent(_ data: BenchmarkInputs, start: Date, end: Date) -> MetricValue {
        guard data.riskPoints.contains(where: { (data.riskPointAddedAt[$0.id] ?? .distantFuture) <= end }) else {
            return MetricValue(0, evidence: ["missing:risk_point"])
        }
        return performance(data).metrics(asOf: end, since: start)["dualPrevention.gradedOnTimeShare"] ?? MetricValue(0)
    }

    /// For each kind, the check periods ending within the assessed period that were done, over those done or missed;
    /// a kind with no plan in force counts 0, one with nothing due yet counts in full. The three kinds are averaged.
    static func checkRecords(_ data: BenchmarkInputs, start: Date, end: Date) -> MetricValue {
        let schedule = CheckSchedule(local: data.local)
        // Judged at the instant the period is over, so that its last day, week or month is done or missed, not due.
        let over = end.addingTimeInterval(1)
        let runs = data.runs.filter { $0.performedAt < over }
        var shares: [Double] = []
        var evidence: [String] = []
        for kind in CheckKind.allCases {
            let plans = data.plans.filter { $0.kind == kind && $0.startsOn <= end }.sorted { $0.id < $1.id }
            guard !plans.isEmpty else {
                shares.append(0)
                evidence.append("no-plan:\(kind.rawValue)")
                continue
            }
            let entries = plans.flatMap { schedule.entries(for: $0, runs: runs, at: over) }.filter { $0.end > start && $0.end <= over }
            let done = entries.filter { $0.status == .done }
            let missed = entries.filter { $0.status == .missed }
            shares.append(done.count + missed.count == 0 ? 1 : Double(done.count) / Double(done.count + missed.count))
            evidence += done.map { "check_plan#\($0.planID):\($0.period)" } + missed.map { "missed:check_plan#\($0.planID):\($0.period)" }
        }
        return MetricValue(shares.reduce(0, +) / Double(shares.count), evidence: evidence)
    }

    /// Mean of the closed-loop and on-time rates over the period, or 0 when a major hazard is open at the end
    /// without an approved governance plan (rectification of a major hazard cannot start without one).
    static func closedLoop(_ data: BenchmarkInputs, start: Date, end: Date) -> MetricValue {
        let unplanned = data.hazards.filter { hazard in
            let facts = HazardFacts(hazard)
            return hazard.grade == .major && hazard.foundAt <= end && !facts.isClosed(by: end) && !facts.isCancelled(by: end)
                && !hazard.plans.contains { $0.state == .approved && ($0.decidedAt.map { $0 <= end } ?? false) }
        }
        guard unplanned.isEmpty else {
            return MetricValue(0, evidence: unplanned.sorted { $0.id < $1.id }.map { "no-approved-plan:hazard#\($0.id)" })
        }
        let metrics = performance(data).metrics(asOf: end, since: start)
        let closed = metrics["dualPrevention.closedLoopRate"] ?? MetricValue(1)
        let onTime = metrics["dualPrevention.onTimeRate"] ?? MetricValue(1)
        var seen: Set<String> = []
        return MetricValue((closed.value + onTime.value) / 2, evidence: (closed.evidence + onTime.evidence).filter { seen.insert($0).inserted })
    }

    /// Mean of two halves: hazards closed in the period whose risk point was re-graded within the limit (all of them
    /// when none closed; a limit not yet passed at the end counts as met), and the latest share of staff trained.
    static func improvement(_ data: BenchmarkInputs, start: Date, end: Date) -> MetricValue {
        let closed = data.hazards.filter { hazard in
            hazard.riskPointID != nil && (hazard.closedAt.map { $0 >= start && $0 <= end } ?? false)
        }.sorted { $0.id < $1.id }
        let regraded = closed.filter { hazard in
            guard let closedAt = hazard.closedAt, let point = hazard.riskPointID else { return false }
            let limit = closedAt.addingTimeInterval(regradeWithinDays * 86_400)
            return limit > end || data.gradings.contains { $0.riskPointID == point && $0.gradedAt >= closedAt && $0.gradedAt <= limit }
        }
        let regradeShare = closed.isEmpty ? 1 : Double(regraded.count) / Double(closed.count)
        // The latest figure dated within the period or before, as an indicator's date is the last day it covers.
        let training = data.records
            .filter { $0.indicator == .trainingShare && $0.withdrawnAt == nil && $0.occurredOn <= end && $0.value != nil }
            .max { ($0.occurredOn, $0.id) < ($1.occurredOn, $1.id) }
        let trained = training?.value.map { $0.isFinite ? min(max($0, 0), 1) : 0 } ?? 0
        var evidence = regraded.map { "hazard#\($0.id)" } + closed.filter { !regraded.contains($0) }.map { "not-regraded:hazard#\($0.id)" }
        evidence.append(training?.key ?? "missing:trainingShare")
        return MetricValue((regradeShare + trained) / 2, evidence: evidence)
    }
}
