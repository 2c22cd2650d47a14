import DualPrevention
import Foundation

/// The rectification notice (隐患整改通知单) once, for the printed page (Mustache) and the fixed-width text alike.
public struct NoticeFormView: Sendable {
    public var id: Int64
    public var number: String
    public var enterprise: String
    public var hazard: String
    public var found: String
    public var foundBy: String
    public var location: String
    public var description: String
    public var nature: String
    public var grade: String
    public var gradeBoth: String
    public var measures: String
    public var deadline: String
    public var timeZone: String
    public var unit: String
    public var receiver: String
    public var issuer: String
    public var issuedOn: String
    public var receivedOn: String
    public var major: Bool

    /// Nil until a notice was issued.
    public init?(_ hazard: Hazard, names: Names) {
        guard let notice = hazard.notice else { return nil }
        let local = names.localTime(hazard.enterpriseID)
        id = hazard.id
        number = notice.number
        enterprise = names.enterprises[hazard.enterpriseID]?.name ?? ""
        self.hazard = hazard.number
        found = local.minute(hazard.foundAt)
        foundBy = names.person(hazard.foundBy)
        location = [names.place(workshop: hazard.workshopID, team: hazard.teamID, post: hazard.postID), hazard.location]
            .filter { !$0.isEmpty }.joined(separator: " · ")
        description = hazard.description
        nature = notice.nature
        grade = hazard.grade.label.zh
        gradeBoth = hazard.grade.label.zh + " / " + hazard.grade.label.en
        measures = notice.requiredMeasures
        deadline = local.deadline(notice.deadline)
        timeZone = local.timeZone.identifier
        unit = notice.responsibleUnit.isEmpty ? names.workshop(hazard.workshopID) : notice.responsibleUnit
        receiver = names.person(notice.receiverID)
        issuer = names.personOrID(notice.issuedBy)
        issuedOn = local.day(notice.issuedAt)
        receivedOn = notice.acknowledgedAt.map(local.day) ?? ""
        major = hazard.grade == .major
    }
}
