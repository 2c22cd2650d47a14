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
                line(Text(zh: "编号", en: "number"), notice.number),
                line(Text(zh: "整改责任人", en: "responsible person"), names.person(notice.receiverID)),
                line(Text(zh: "责任单位", en: "responsible unit"), notice.responsibleUnit),
                line(Text(zh: "隐患性质及可能后果", en: "nature and possible consequences"), notice.nature),
                line(Text(zh: "整改要求", en: "required measures"), notice.requiredMeasures),
                line(Text(zh: "整改期限", en: "deadline"), dates.deadline(notice.deadline)),
                line(Text(zh: "下达", en: "issued"), "\(dates.minute(notice.issuedAt)) · \(names.personOrID(notice.issuedBy))"),
                line(Text(zh: "签收", en: "acknowledged"), notice.acknowledgedAt.map(dates.minute) ?? ""),
            ].compactMap { $0 }
        }
        plans = hazard.plans.map { plan in
            let state: Text =
                switch plan.state {
                case .submitted: Text(zh: "待批准", en: "waiting for approval")
                case .approved: Text(zh: "已批准", en: "approved")
                case .rejected: Text(zh: "已退回", en: "sent back")
                }
            let decided = plan.decidedBy.map { "\(names.personOrID($0)) · \(plan.decidedAt.map(dates.minute) ?? "")" } ?? ""
            return Submission(
                title: Text(zh: "治理方案第\(plan.sequence)版 · ", en: "Governance plan v\(plan.sequence) · ")(l) + state(l),
                lines: [
                    line(Text(zh: "治理目标", en: "target"), plan.target),
                    line(Text(zh: "方法和措施", en: "methods"), plan.methods),
                    line(Text(zh: "经费和物资", en: "funds"), plan.funds),
                    line(Text(zh: "机构和人员", en: "organisation"), plan.organisation),
                    line(Text(zh: "时限", en: "time limit"), dates.deadline(plan.timeLimit)),
                    line(Text(zh: "安全措施和应急预案", en: "safety measures"), plan.safetyMeasures),
                    line(Text(zh: "编制", en: "written by"), "\(names.personOrID(plan.authorID)) · \(dates.minute(plan.submittedAt))"),
                    line(Text(zh: "审批", en: "decided by"), decided),
                    line(Text(zh: "审批意见", en: "decision note"), plan.decisionNote),
                ].compactMap { $0 },
                files: []
            )
        }
        submissions = hazard.submissions.map { s in
            Submission(
                title: Text(zh: "第\(s.sequence)次整改提交", en: "Submission \(s.sequence)")(l),
                lines: [
                    line(Text(zh: "已采取的整改措施", en: "measures taken"), s.measuresTaken),
                    line(Text(zh: "完成日期", en: "completed on"), dates.day(s.completedAt)),
                    line(Text(zh: "整改资金", en: "funds"), s.funds),
                    line(Text(zh: "整改人", en: "rectifier"), "\(names.personOrID(s.rectifierID)) · \(dates.minute(s.submittedAt))"),
                ].compactMap { $0 },
                files: files(s.evidence)
            )
        }
        acceptances = hazard.acceptances.map { a in
            Acceptance(
                title: a.passed
                    ? Text(zh: "第\(a.sequence)次验收：通过", en: "Acceptance \(a.sequence): passed")(l)
                    : Text(zh: "第\(a.sequence)次验收：不通过", en: "Acceptance \(a.sequence): failed")(l),
                passed: a.passed,
                lines: [
                    line(Text(zh: "验收标准", en: "criteria"), a.criteria),
                    line(a.passed ? Text(zh: "验收意见", en: "opinion") : Text(zh: "不通过理由", en: "reasons"), a.opinion),
                    line(Text(zh: "验收人", en: "acceptor"), "\(names.personOrID(a.acceptorID)) · \(dates.minute(a.acceptedAt))"),
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
                        " \($0.number)" + colon($0.requiredMeasures) + Text(zh: "，期限 ", en: "; due ")(l) + dates.deadline($0.deadline)
                    } ?? ""
            case .submitPlan:
                detail = n < h.plans.count ? colon(h.plans[n].target) : ""
            case .approvePlan, .rejectPlan:
                let count = (seen[.approvePlan] ?? 0) + (seen[.rejectPlan] ?? 0) - 1
                detail = count < decidedPlans.count ? colon(decidedPlans[count].decisionNote) : ""
                tone = step.action == .approvePlan ? "good" : "bad"
            case .requestExtension:
                detail = h.extensionRequest.map { Text(zh: "至 ", en: " to ")(l) + dates.deadline($0.requestedDeadline) + colon($0.reason) } ?? ""
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
            let who = names.people[step.actorID]?.name ?? step.actorName.nonBlank ?? names.personOrID(step.actorID)
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
    /// Said after the deadline: empty when there is nothing to say.
    public var note: Text {
        switch self {
        case .none, .onTrack, .onTime: Text(zh: "", en: "")
        case .dueSoon: Text(zh: "（即将到期）", en: " (due soon)")
        case .overdue(let days): Text(zh: "（已逾期 \(days) 天）", en: " (overdue by \(days) days)")
        case .late(let days): Text(zh: "（逾期 \(days) 天完成）", en: " (done \(days) days late)")
        }
    }
}
