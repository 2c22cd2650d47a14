import DualPrevention
import Foundation

/// The whole story of one hazard in words, as its page tells it and a text form can print it: the notice, each plan,
/// each submission with its measures and files, each acceptance with its criteria and opinion or reasons, and a
/// timeline ("验收不通过：复测仍偏差8℃" by 林晓燕) instead of event codes. Built once from the hazard, the steps
/// of its record and the names they mention.
public struct HazardStory: Sendable {
    /// One recorded step of the hazard: what the audit log holds of it (the action, when, who).
    public struct Step: Sendable, Hashable {
        public var action: Action
        public var at: Date
        public var actorID: Int64
        /// The name the record gives the actor (a regulator is not among an enterprise's people).
        public var actorName: String

        public init(action: Action, at: Date, actorID: Int64, actorName: String = "") {
            self.action = action
            self.at = at
            self.actorID = actorID
            self.actorName = actorName
        }
    }

    public struct Line: Sendable, Hashable {
        public var label: String
        public var value: String
    }

    /// A file attached to a step, by its hash (the page links it).
    public struct File: Sendable, Hashable {
        public var sha256: String
        public var name: String
        public var isImage: Bool
    }

    public struct Event: Sendable, Hashable {
        public var at: String
        public var who: String
        public var text: String
        /// `good` for a pass or an approval, `bad` for a refusal of the work, empty otherwise.
        public var tone: String
    }

    public struct Submission: Sendable, Hashable {
        public var title: String
        public var lines: [Line]
        public var files: [File]
    }

    public struct Acceptance: Sendable, Hashable {
        public var title: String
        public var passed: Bool
        public var lines: [Line]
        public var files: [File]
    }

    /// The notice's lines, empty before one is issued.
    public var notice: [Line] = []
    /// Each governance plan, the latest last, as titled blocks of lines.
    public var plans: [Submission] = []
    public var submissions: [Submission] = []
    public var acceptances: [Acceptance] = []
    /// The last acceptance when it failed and the work is back with the rectifier: shown first, with its reasons.
    public var rejection: Acceptance?
    public var events: [Event] = []

    public init(_ hazard: Hazard, steps: [Step], evidence: [EvidenceItem], names: Names, language l: Language) {
        let dates = LocalDates(names.localTime(hazard.enterpriseID), language: l)
        func files(_ hashes: [String]) -> [File] {
            hashes.compactMap { sha in
                evidence.first { $0.sha256 == sha }.map { File(sha256: sha, name: $0.fileName, isImage: Self.isImage($0.fileName)) }
            }
        }
        func line(_ label: Text, _ value: String) -> Line? {
            value.nonBlank.map { Line(label: label(l), value: $0) }
        }
        if let notice = hazard.notice {
            self.notice = [
                line(Text("hazardStory.number"), notice.number),
                line(Text("hazardStory.responsiblePerson"), names.person(notice.receiverID)),
                line(Text("hazardStory.responsibleUnit"), notice.responsibleUnit),
                line(Text("hazardStory.naturePossibleConsequences"), notice.nature),
                line(Text("hazardStory.requiredMeasures"), notice.requiredMeasures),
                line(Text("hazardStory.deadline"), dates.deadline(notice.deadline)),
                line(Text("hazardStory.issued"), "\(dates.minute(notice.issuedAt)) · \(names.personOrID(notice.issuedBy))"),
                line(Text("hazardStory.acknowledged"), notice.acknowledgedAt.map(dates.minute) ?? ""),
            ].compactMap { $0 }
        }
        plans = hazard.plans.map { plan in
            let state: Text =
                switch plan.state {
                case .submitted: Text("hazardStory.waitingApproval")
                case .approved: Text("hazardStory.approved")
                case .rejected: Text("hazardStory.sentBack")
                }
            let decided = plan.decidedBy.map { "\(names.personOrID($0)) · \(plan.decidedAt.map(dates.minute) ?? "")" } ?? ""
            return Submission(
                title: Text("hazardStory.governancePlanV", "\(plan.sequence)")(l) + state(l),
                lines: [
                    line(Text("hazardStory.target"), plan.target),
                    line(Text("hazardStory.methods"), plan.methods),
                    line(Text("hazardStory.funds"), plan.funds),
                    line(Text("hazardStory.organisation"), plan.organisation),
                    line(Text("hazardStory.timeLimit"), dates.deadline(plan.timeLimit)),
                    line(Text("hazardStory.safetyMeasures"), plan.safetyMeasures),
                    line(Text("hazardStory.written"), "\(names.personOrID(plan.authorID)) · \(dates.minute(plan.submittedAt))"),
                    line(Text("hazardStory.decided"), decided),
                    line(Text("hazardStory.decisionNote"), plan.decisionNote),
                ].compactMap { $0 },
                files: []
            )
        }
        submissions = hazard.submissions.map { s in
            Submission(
                title: Text("hazardStory.submission", "\(s.sequence)")(l),
                lines: [
                    line(Text("hazardStory.measuresTaken"), s.measuresTaken),
                    line(Text("hazardStory.completed"), dates.day(s.completedAt)),
                    line(Text("hazardStory.funds2"), s.funds),
                    line(Text("hazardStory.rectifier"), "\(names.personOrID(s.rectifierID)) · \(dates.minute(s.submittedAt))"),
                ].compactMap { $0 },
                files: files(s.evidence)
            )
        }
        acceptances = hazard.acceptances.map { a in
            Acceptance(
                title: a.passed
                    ? Text("hazardStory.acceptancePassed", "\(a.sequence)")(l)
                    : Text("hazardStory.acceptanceFailed", "\(a.sequence)")(l),
                passed: a.passed,
                lines: [
                    line(Text("hazardStory.criteria"), a.criteria),
                    line(a.passed ? Text("hazardStory.opinion") : Text("hazardStory.reasons"), a.opinion),
                    line(
                        Text("hazardStory.acceptor"),
                        "\(names.signature(a.acceptorID, enterpriseID: hazard.enterpriseID, at: a.acceptedAt)) · \(dates.minute(a.acceptedAt))"
                    ),
                ].compactMap { $0 },
                files: files(a.evidence)
            )
        }
        if let last = acceptances.last, !last.passed, hazard.state == .rectifying { rejection = last }
        events = Self.events(hazard, steps: steps, names: names, dates: dates, language: l)
    }

    public static func isImage(_ fileName: String) -> Bool {
        let lower = fileName.lowercased()
        return [".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic"].contains { lower.hasSuffix($0) }
    }

    /// Each step in words, its details taken from the hazard: the n-th submission step is the n-th submission, and so on.
    static func events(_ h: Hazard, steps: [Step], names: Names, dates: LocalDates, language l: Language) -> [Event] {
        var seen: [Action: Int] = [:]
        let decidedPlans = h.plans.filter { $0.decidedBy != nil }
        let lifted = h.listings.filter { $0.liftedAt != nil }
        func colon(_ detail: String) -> String {
            guard let detail = detail.nonBlank else { return "" }
            return (l == .zh ? "：" : ": ") + detail
        }
        return steps.map { step in
            let n = seen[step.action, default: 0]
            seen[step.action] = n + 1
            var tone = ""
            let label = step.action.label(l)
            let detail: String
            switch step.action {
            case .report: detail = colon(h.description)
            case .issueNotice:
                detail =
                    h.notice.map {
                        " \($0.number)" + colon($0.requiredMeasures) + Text("hazardStory.due")(l) + dates.deadline($0.deadline)
                    } ?? ""
            case .submitPlan:
                detail = n < h.plans.count ? colon(h.plans[n].target) : ""
            case .approvePlan, .rejectPlan:
                let count = (seen[.approvePlan] ?? 0) + (seen[.rejectPlan] ?? 0) - 1
                detail = count < decidedPlans.count ? colon(decidedPlans[count].decisionNote) : ""
                tone = step.action == .approvePlan ? "good" : "bad"
            case .requestExtension:
                detail = h.extensionRequest.map { Text("hazardStory.to")(l) + dates.deadline($0.requestedDeadline) + colon($0.reason) } ?? ""
            case .approveExtension, .denyExtension:
                detail = colon(h.extensionRequest?.decisionNote ?? "")
                tone = step.action == .approveExtension ? "good" : "bad"
            case .submitRectification:
                detail = n < h.submissions.count ? colon(h.submissions[n].measuresTaken) : ""
            case .acceptPass, .acceptFail:
                let count = (seen[.acceptPass] ?? 0) + (seen[.acceptFail] ?? 0) - 1
                let record = count < h.acceptances.count ? h.acceptances[count] : nil
                detail = colon(record?.opinion.nonBlank ?? record?.criteria ?? "")
                tone = step.action == .acceptPass ? "good" : "bad"
            case .list: detail = n < h.listings.count ? colon(h.listings[n].order) : ""
            case .liftListing: detail = n < lifted.count ? colon(lifted[n].liftNote) : ""
            case .cancel: detail = colon(h.cancellation?.reason ?? "")
            case .acknowledgeNotice, .startRectification, .grade: detail = ""
            }
            // The name the audit entry was signed with: a regional director's names the appointment and the enterprise.
            let who = step.actorName.nonBlank ?? names.people[step.actorID]?.name ?? names.personOrID(step.actorID)
            return Event(at: dates.minute(step.at), who: who, text: label + detail, tone: tone)
        }
    }
}

extension HazardStory.Step {
    /// The step an audit entry of a hazard records (`hazard.<action>`), or nil for an entry of anything else.
    public init?(auditAction: String, at: Date, actorID: Int64, actorName: String) {
        guard auditAction.hasPrefix("hazard."), let action = Action(rawValue: String(auditAction.dropFirst("hazard.".count))) else {
            return nil
        }
        self.init(action: action, at: at, actorID: actorID, actorName: actorName)
    }
}

extension DeadlineStanding {
    /// Said after the deadline: nil when there is nothing to say.
    public var note: Text? {
        switch self {
        case .none, .onTrack, .onTime: nil
        case .dueSoon: Text("hazardStory.dueSoon")
        case .overdue(let days): Text("hazardStory.overdueDays", "\(days)")
        case .late(let days): Text("hazardStory.doneDaysLate", "\(days)")
        }
    }
}
