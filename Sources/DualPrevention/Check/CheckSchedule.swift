import Foundation

/// Periods of a plan and which of them were missed, judged at an instant passed in.
public struct CheckSchedule: Sendable {
    public let local: LocalTime

    public init(local: LocalTime) {
        self.local = local
    }

    public struct Period: Sendable, Hashable, Codable {
        public var key: String
        public var start: Date
        public var end: Date
    }

    /// The period of a kind that contains an instant.
    public func period(_ kind: CheckKind, containing date: Date) -> Period {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = local.timeZone
        let component: Calendar.Component =
            switch kind {
            case .daily: .day
            case .weekly: .weekOfYear
            case .monthly: .month
            }
        let interval = calendar.dateInterval(of: component, for: date) ?? DateInterval(start: date, duration: 86_400)
        let key: String =
            switch kind {
            case .daily: local.day(date)
            case .weekly:
                String(format: "%04d-W%02d", calendar.component(.yearForWeekOfYear, from: date), calendar.component(.weekOfYear, from: date))
            case .monthly: String(local.day(date).prefix(7))
            }
        return Period(key: key, start: interval.start, end: interval.end)
    }

    /// The periods of a kind that ended by `asOf` and not before `since`, oldest first: the ones a check could
    /// have been missed in, over a window.
    public func endedPeriods(_ kind: CheckKind, since: Date, asOf: Date) -> [Period] {
        var periods: [Period] = []
        var cursor = period(kind, containing: since.addingTimeInterval(-1))
        while cursor.end <= asOf {
            if cursor.end >= since { periods.append(cursor) }
            cursor = period(kind, containing: cursor.end.addingTimeInterval(1))
        }
        return periods
    }

    /// The periods of every kind that ended within a window (`endedPeriods`), for one time zone, worked out once:
    /// grading a jurisdiction asks the same of every plan of every enterprise in that zone, and each period costs
    /// calendar arithmetic.
    public struct EndedPeriods: Sendable {
        public let timeZone: TimeZone
        public let since: Date
        public let asOf: Date
        private let byKind: [CheckKind: [Period]]

        public init(local: LocalTime, since: Date, asOf: Date) {
            let schedule = CheckSchedule(local: local)
            timeZone = local.timeZone
            (self.since, self.asOf) = (since, asOf)
            byKind = Dictionary(uniqueKeysWithValues: CheckKind.allCases.map { ($0, schedule.endedPeriods($0, since: since, asOf: asOf)) })
        }

        /// Oldest first.
        public func periods(_ kind: CheckKind) -> [Period] { byKind[kind] ?? [] }

        /// Whether these are the periods of that zone and window.
        public func fit(_ local: LocalTime, since: Date, asOf: Date) -> Bool {
            local.timeZone == timeZone && self.since == since && self.asOf == asOf
        }
    }

    public enum Status: String, Sendable, Codable {
        case done, due, missed
    }

    public struct Entry: Sendable, Hashable, Codable {
        public var planID: Int64
        public var enterpriseID: Int64
        public var kind: CheckKind
        public var period: String
        /// When the period ends (exclusive); a missed check is judged from then.
        public var end: Date
        public var status: Status
    }

    /// Every period of the plan from its start up to now: done, missed (ended with no record) or due (the current one).
    public func entries(for plan: CheckPlan, runs: [some CheckDone], at now: Date) -> [Entry] {
        entries(for: plan, done: Set(runs.filter { $0.planID == plan.id }.map(\.period)), at: now)
    }

    /// The same, from the periods recorded of the plan (`donePeriods`): for many plans, the records are gathered
    /// once rather than searched once per plan.
    public func entries(for plan: CheckPlan, done: Set<String>, at now: Date) -> [Entry] {
        var entries: [Entry] = []
        var cursor = period(plan.kind, containing: plan.startsOn)
        while cursor.start <= now {
            let status: Status = done.contains(cursor.key) ? .done : (cursor.end <= now ? .missed : .due)
            entries.append(
                Entry(planID: plan.id, enterpriseID: plan.enterpriseID, kind: plan.kind, period: cursor.key, end: cursor.end, status: status)
            )
            cursor = period(plan.kind, containing: cursor.end.addingTimeInterval(1))
        }
        return entries
    }

    /// The periods recorded of each plan, from its records.
    public static func donePeriods(_ runs: [some CheckDone]) -> [Int64: Set<String>] {
        runs.reduce(into: [:]) { done, run in done[run.planID, default: []].insert(run.period) }
    }
}
