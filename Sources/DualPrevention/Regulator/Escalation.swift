import Foundation

/// The day counts of reminders and escalation (DOMAIN.md §10–§11); a rules file may change them.
public struct EscalationRules: Sendable, Hashable, Codable {
    /// Days before a hazard's deadline day that its owner is reminded.
    public var remindOwnerDaysBefore: Int
    /// Days after the deadline day that the director hears of an overdue hazard.
    public var directorDaysAfter: Int
    /// Days after the deadline day that the principal does.
    public var principalDaysAfter: Int
    /// Days after the deadline day that the regulator of the jurisdiction hears of an overdue major or listed hazard.
    public var regulatorDaysAfter: Int
    /// Days after the deadline day that the office above it does.
    public var regulatorAboveDaysAfter: Int
    /// A warning's deadline when the regulator names none, in local days after the day it is issued.
    public var warningDeadlineDays: Int
    /// Days a task may stay unacknowledged before its issuer hears of it.
    public var warningAcknowledgeDays: Int
    /// Daily checks missed in a row that reach the regulator of the jurisdiction.
    public var missedDailyChecksToRegulator: Int
    /// How many past days a pass looks at for missed daily checks (older misses are in the credit grade, not news).
    public var missedCheckLookbackDays: Int

    public init(
        remindOwnerDaysBefore: Int = 3,
        directorDaysAfter: Int = 1,
        principalDaysAfter: Int = 3,
        regulatorDaysAfter: Int = 1,
        regulatorAboveDaysAfter: Int = 7,
        warningDeadlineDays: Int = 15,
        warningAcknowledgeDays: Int = 3,
        missedDailyChecksToRegulator: Int = 3,
        missedCheckLookbackDays: Int = 7
    ) {
        self.remindOwnerDaysBefore = remindOwnerDaysBefore
        self.directorDaysAfter = directorDaysAfter
        self.principalDaysAfter = principalDaysAfter
        self.regulatorDaysAfter = regulatorDaysAfter
        self.regulatorAboveDaysAfter = regulatorAboveDaysAfter
        self.warningDeadlineDays = warningDeadlineDays
        self.warningAcknowledgeDays = warningAcknowledgeDays
        self.missedDailyChecksToRegulator = missedDailyChecksToRegulator
        self.missedCheckLookbackDays = missedCheckLookbackDays
    }

    /// DOMAIN.md §10–§11.
    public static let defaults = EscalationRules()

    /// What is wrong with a rules file's numbers, if anything: every count is a whole number of days ≥ 0, the ladder
    /// climbs (principal not before director, the office above not before the regulator), a warning has a deadline.
    public var problems: [String] {
        var found: [String] = []
        let counts = [
            ("remind_owner_days_before", remindOwnerDaysBefore), ("director_days_after", directorDaysAfter),
            ("principal_days_after", principalDaysAfter), ("regulator_days_after", regulatorDaysAfter),
            ("regulator_above_days_after", regulatorAboveDaysAfter), ("warning_acknowledge_days", warningAcknowledgeDays),
        ]
        for (key, value) in counts where value < 0 { found.append("\(key) is \(value); use 0 or more days") }
        if warningDeadlineDays < 1 { found.append("warning_deadline_days is \(warningDeadlineDays); use 1 or more days") }
        if missedDailyChecksToRegulator < 1 { found.append("missed_daily_checks_to_regulator is \(missedDailyChecksToRegulator); use 1 or more") }
        if missedCheckLookbackDays < missedDailyChecksToRegulator {
            found.append("missed_check_lookback_days is shorter than missed_daily_checks_to_regulator")
        }
        if principalDaysAfter < directorDaysAfter { found.append("principal_days_after comes before director_days_after") }
        if regulatorAboveDaysAfter < regulatorDaysAfter { found.append("regulator_above_days_after comes before regulator_days_after") }
        return found
    }
}

/// One rung of the ladder: what the notification is about, for whom.
public enum EscalationStep: String, Sendable, Codable, CaseIterable, Labelled {
    case remindOwner, director, principal, regulator, regulatorAbove, warningUnacknowledged, warningUnanswered
    case checkMissed, checksMissedToRegulator

    public var label: Text {
        switch self {
        case .remindOwner: Text("escalation.deadlineComing")
        case .director: Text("escalation.overdueDirector")
        case .principal: Text("escalation.overduePrincipal")
        case .regulator: Text("escalation.overdueRegulator")
        case .regulatorAbove: Text("escalation.overdueOfficeAbove")
        case .warningUnacknowledged: Text("escalation.warningNotAcknowledged")
        case .warningUnanswered: Text("escalation.warningNotAnsweredDeadline")
        case .checkMissed: Text("escalation.dailyCheckMissed")
        case .checksMissedToRegulator: Text("escalation.dailyChecksMissedRow")
        }
    }
}

/// Who a notification is for, before the store turns it into people.
public enum Recipient: Sendable, Hashable, Codable {
    case person(Int64)
    /// Every person of the enterprise with this role.
    case role(Role, enterpriseID: Int64)
    /// Every regulator of exactly this office.
    case office(Int64)
}

public enum NotifiedObject: String, Sendable, Codable, CaseIterable {
    case hazard, warningTask, checkPlan
}

/// A notification the clock has made due.
public struct DueNotification: Sendable, Hashable {
    public var object: NotifiedObject
    public var objectID: Int64
    public var enterpriseID: Int64
    public var step: EscalationStep
    public var recipient: Recipient
    public var due: Date
    /// The check period a missed-check notification is about (one per period); empty for the others.
    public var period: String

    public init(
        object: NotifiedObject,
        objectID: Int64,
        enterpriseID: Int64,
        step: EscalationStep,
        recipient: Recipient,
        due: Date,
        period: String = ""
    ) {
        self.object = object
        self.objectID = objectID
        self.enterpriseID = enterpriseID
        self.step = step
        self.recipient = recipient
        self.due = due
        self.period = period
    }
}

/// What the ladder reads of a hazard.
public struct EscalationSubject: Sendable, Hashable {
    public var hazardID: Int64
    public var enterpriseID: Int64
    /// The enterprise's jurisdiction first, then the offices above it.
    public var jurisdictionPath: [Int64]
    public var state: HazardState
    public var grade: HazardGrade
    public var isListed: Bool
    public var ownerID: Int64?
    public var deadline: Date?

    public init(
        hazardID: Int64,
        enterpriseID: Int64,
        jurisdictionPath: [Int64],
        state: HazardState,
        grade: HazardGrade,
        isListed: Bool,
        ownerID: Int64?,
        deadline: Date?
    ) {
        self.hazardID = hazardID
        self.enterpriseID = enterpriseID
        self.jurisdictionPath = jurisdictionPath
        self.state = state
        self.grade = grade
        self.isListed = isListed
        self.ownerID = ownerID
        self.deadline = deadline
    }

    public init(_ hazard: Hazard) {
        self.init(
            hazardID: hazard.id,
            enterpriseID: hazard.enterpriseID,
            jurisdictionPath: hazard.jurisdictionPath,
            state: hazard.state,
            grade: hazard.grade,
            isListed: hazard.isListed,
            ownerID: hazard.ownerID,
            deadline: hazard.deadline
        )
    }
}

/// The ladder, computed from the clock alone: which notifications are due at an instant. Running it again at a later
/// instant returns the earlier ones again; the outbox records each (object, step, person) once.
public enum EscalationLadder {
    private static let day: TimeInterval = 86_400

    /// A hazard still being rectified: its owner before the deadline; after it the director, the principal, and for a
    /// major or listed hazard the regulator of its jurisdiction and the office above. Deadlines are exclusive (the
    /// start of the day after the last day), so "n days after the deadline" is n days after that last day.
    public static func steps(for hazard: EscalationSubject, at now: Date, rules: EscalationRules) -> [DueNotification] {
        guard hazard.state == .notified || hazard.state == .rectifying, let deadline = hazard.deadline else { return [] }
        let lastDay = deadline.addingTimeInterval(-day)
        func after(_ days: Int) -> Date { lastDay.addingTimeInterval(Double(days) * day) }
        var rungs: [(EscalationStep, Recipient, Date)] = []
        if now < deadline, let owner = hazard.ownerID {
            rungs.append((.remindOwner, .person(owner), after(-rules.remindOwnerDaysBefore)))
        }
        if now >= deadline {
            rungs.append((.director, .role(.director, enterpriseID: hazard.enterpriseID), after(rules.directorDaysAfter)))
            rungs.append((.principal, .role(.principal, enterpriseID: hazard.enterpriseID), after(rules.principalDaysAfter)))
            if hazard.grade == .major || hazard.isListed {
                if let office = hazard.jurisdictionPath.first {
                    rungs.append((.regulator, .office(office), after(rules.regulatorDaysAfter)))
                }
                if hazard.jurisdictionPath.count > 1 {
                    rungs.append((.regulatorAbove, .office(hazard.jurisdictionPath[1]), after(rules.regulatorAboveDaysAfter)))
                }
            }
        }
        // Keyed by the deadline too: after an extension, the new deadline's rungs are news again.
        let period = String(Int64(deadline.timeIntervalSince1970))
        return rungs.filter { $0.2 <= now }.map {
            DueNotification(
                object: .hazard,
                objectID: hazard.hazardID,
                enterpriseID: hazard.enterpriseID,
                step: $0.0,
                recipient: $0.1,
                due: $0.2,
                period: period
            )
        }
    }

    /// A warning's task: its issuer hears when it is not acknowledged within the days allowed, and when it is not
    /// answered by the deadline.
    public static func steps(for task: WarningTask, of warning: RiskWarning, at now: Date, rules: EscalationRules) -> [DueNotification] {
        var rungs: [(EscalationStep, Date)] = []
        let acknowledgeBy = warning.issuedAt.addingTimeInterval(Double(rules.warningAcknowledgeDays) * day)
        if task.state == .issued, now >= acknowledgeBy { rungs.append((.warningUnacknowledged, acknowledgeBy)) }
        if task.state == .issued || task.state == .acknowledged, now >= task.deadline { rungs.append((.warningUnanswered, task.deadline)) }
        return rungs.map {
            DueNotification(
                object: .warningTask,
                objectID: task.id,
                enterpriseID: task.enterpriseID,
                step: $0.0,
                recipient: .person(warning.issuedBy),
                due: $0.1
            )
        }
    }

    /// A daily check plan: each local day of the lookback that ended without its record reminds the person
    /// responsible and the director; the day that makes `missedDailyChecksToRegulator` missed in a row reaches the
    /// regulator of the enterprise's jurisdiction. `done` holds the keys of the days recorded; `days` are the local
    /// days that ended by now, oldest first (`CheckSchedule.endedPeriods`), worked out once for every plan of a zone.
    public static func steps(
        forDaily plan: CheckPlan,
        jurisdictionPath: [Int64],
        done: Set<String>,
        days ended: [CheckSchedule.Period],
        at now: Date,
        rules: EscalationRules
    ) -> [DueNotification] {
        guard plan.kind == .daily, rules.missedCheckLookbackDays > 0 else { return [] }
        let since = now.addingTimeInterval(-Double(rules.missedCheckLookbackDays) * day)
        // A run of misses is counted from its start, which may lie before the lookback: the regulator hears once, on
        // the day that makes the run long enough, and only when that day is within the lookback.
        let counted = since.addingTimeInterval(-Double(rules.missedDailyChecksToRegulator) * day)
        let days = ended.filter { $0.end >= counted && $0.end <= now && $0.start >= plan.startsOn }
        var due: [DueNotification] = []
        var run = 0
        for period in days {
            guard !done.contains(period.key) else {
                run = 0
                continue
            }
            run += 1
            guard period.end >= since else { continue }
            func notice(_ step: EscalationStep, _ recipient: Recipient) -> DueNotification {
                DueNotification(
                    object: .checkPlan,
                    objectID: plan.id,
                    enterpriseID: plan.enterpriseID,
                    step: step,
                    recipient: recipient,
                    due: period.end,
                    period: period.key
                )
            }
            due.append(notice(.checkMissed, .person(plan.responsibleID)))
            due.append(notice(.checkMissed, .role(.director, enterpriseID: plan.enterpriseID)))
            if run == rules.missedDailyChecksToRegulator, let office = jurisdictionPath.first {
                due.append(notice(.checksMissedToRegulator, .office(office)))
            }
        }
        return due
    }
}
