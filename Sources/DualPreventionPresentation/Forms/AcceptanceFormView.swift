import DualPrevention
import Foundation

/// The acceptance form (质量隐患治理验收表) once, for the printed page (Mustache) and the fixed-width text alike: what
/// was done and by whom, and the acceptance of the latest submission if there is one yet.
public struct AcceptanceFormView: Sendable {
    public var id: Int64
    public var number: String
    public var hazard: String
    public var notice: String
    public var enterprise: String
    public var description: String
    public var measures: String
    public var completed: String
    public var rectifier: String
    public var funds: String
    public var criteria: String
    public var passed: Bool
    public var failed: Bool
    public var opinion: String
    public var acceptor: String
    public var acceptedOn: String
    /// Each evidence file: its label, name and the start of its hash.
    public var files: [String]

    /// Nil until a rectification was submitted.
    public init?(_ hazard: Hazard, evidence: [EvidenceItem], names: Names) {
        guard let submission = hazard.submissions.last else { return nil }
        let local = names.localTime(hazard.enterpriseID)
        // The acceptance of this submission (a later one), or the last when the hazard closed.
        let acceptance = hazard.acceptances.last.flatMap { $0.sequence >= submission.sequence || hazard.state == .closed ? $0 : nil }
        id = hazard.id
        number = hazard.notice?.number ?? hazard.number
        self.hazard = hazard.number
        notice = hazard.notice?.number ?? "—"
        enterprise = names.enterprise(hazard.enterpriseID)
        description = hazard.description
        measures = submission.measuresTaken
        completed = local.minute(submission.completedAt)
        rectifier = names.person(submission.rectifierID)
        funds = submission.funds
        criteria = acceptance?.criteria ?? ""
        passed = acceptance?.passed == true
        failed = acceptance.map { !$0.passed } ?? false
        opinion = acceptance?.opinion ?? ""
        acceptor = acceptance.map { names.signature($0.acceptorID, enterpriseID: hazard.enterpriseID, at: $0.acceptedAt) } ?? ""
        acceptedOn = acceptance.map { local.day($0.acceptedAt) } ?? ""
        files = evidence.filter { $0.attachedTo != "hazard" || $0.label == "before" }
            .map { "\($0.label): \($0.fileName) sha256:\($0.sha256.prefix(16))…" }
    }
}
