import DualPrevention
import Foundation

/// A hazard and its parts, field for field as their synthesized `Encodable` writes them (keys sorted, absent
/// optionals left out). The API's hazard pages are written here: the encoder took a third of the server's time for a
/// page of a hundred hazards. A test holds every hazard of the demo, in every state, equal to the encoder's value.
extension JSONWriter {
    public mutating func hazard(_ hazard: Hazard) {
        object { json in
            json.key("acceptances")
            json.array(hazard.acceptances) { json, acceptance in json.acceptance(acceptance) }
            if let cancellation = hazard.cancellation {
                json.key("cancellation")
                json.object { json in
                    json.key("cancelledAt")
                    json.date(cancellation.cancelledAt)
                    json.key("cancelledBy")
                    json.number(cancellation.cancelledBy)
                    json.key("reason")
                    json.string(cancellation.reason)
                }
            }
            json.optional("checkItemRef", hazard.checkItemRef) { $0.string($1) }
            json.optional("closedAt", hazard.closedAt) { $0.date($1) }
            json.optional("deadline", hazard.deadline) { $0.date($1) }
            json.key("description")
            json.string(hazard.description)
            json.key("enterpriseID")
            json.number(hazard.enterpriseID)
            json.optional("extensionRequest", hazard.extensionRequest) { $0.extensionRequest($1) }
            json.key("foundAt")
            json.date(hazard.foundAt)
            json.key("foundBy")
            json.number(hazard.foundBy)
            json.key("grade")
            json.string(hazard.grade.rawValue)
            json.key("id")
            json.number(hazard.id)
            json.key("jurisdictionPath")
            json.array(hazard.jurisdictionPath) { json, id in json.number(id) }
            json.key("listings")
            json.array(hazard.listings) { json, listing in json.listing(listing) }
            json.key("location")
            json.string(hazard.location)
            json.optional("notice", hazard.notice) { $0.notice($1) }
            json.key("number")
            json.string(hazard.number)
            json.optional("origin", hazard.origin) { json, origin in
                json.object { json in
                    json.optional("acceptingOffice", origin.acceptingOffice) { $0.number($1) }
                    json.key("kind")
                    json.string(origin.kind.rawValue)
                    json.key("recordID")
                    json.number(origin.recordID)
                    json.key("recordNumber")
                    json.string(origin.recordNumber)
                }
            }
            json.optional("ownerID", hazard.ownerID) { $0.number($1) }
            json.optional("ownerRole", hazard.ownerRole) { $0.string($1.rawValue) }
            json.key("plans")
            json.array(hazard.plans) { json, plan in json.plan(plan) }
            json.optional("postID", hazard.postID) { $0.number($1) }
            json.optional("riskPointID", hazard.riskPointID) { $0.number($1) }
            json.key("source")
            json.string(hazard.source.rawValue)
            json.key("state")
            json.string(hazard.state.rawValue)
            json.key("submissions")
            json.array(hazard.submissions) { json, submission in json.submission(submission) }
            json.optional("teamID", hazard.teamID) { $0.number($1) }
            json.key("workshopID")
            json.number(hazard.workshopID)
        }
    }

    /// A key and its value when the value is present; nothing when it is absent, as `encodeIfPresent` does.
    mutating func optional<Value>(_ name: String, _ value: Value?, _ write: (inout JSONWriter, Value) -> Void) {
        guard let value else { return }
        key(name)
        write(&self, value)
    }

    mutating func acceptance(_ acceptance: AcceptanceRecord) {
        object { json in
            json.key("acceptedAt")
            json.date(acceptance.acceptedAt)
            json.key("acceptorID")
            json.number(acceptance.acceptorID)
            json.key("criteria")
            json.string(acceptance.criteria)
            json.key("evidence")
            json.strings(acceptance.evidence)
            json.key("opinion")
            json.string(acceptance.opinion)
            json.key("passed")
            json.bool(acceptance.passed)
            json.key("sequence")
            json.number(acceptance.sequence)
        }
    }

    mutating func extensionRequest(_ request: ExtensionRequest) {
        object { json in
            json.optional("decidedAt", request.decidedAt) { $0.date($1) }
            json.optional("decidedBy", request.decidedBy) { $0.number($1) }
            json.key("decisionNote")
            json.string(request.decisionNote)
            json.key("previousDeadline")
            json.date(request.previousDeadline)
            json.key("reason")
            json.string(request.reason)
            json.key("requestedAt")
            json.date(request.requestedAt)
            json.key("requestedBy")
            json.number(request.requestedBy)
            json.key("requestedDeadline")
            json.date(request.requestedDeadline)
            json.key("requesterRole")
            json.string(request.requesterRole.rawValue)
            json.key("state")
            json.string(request.state.rawValue)
        }
    }

    mutating func listing(_ listing: SupervisionListing) {
        object { json in
            json.key("jurisdictionID")
            json.number(listing.jurisdictionID)
            json.key("liftNote")
            json.string(listing.liftNote)
            json.optional("liftedAt", listing.liftedAt) { $0.date($1) }
            json.optional("liftedBy", listing.liftedBy) { $0.number($1) }
            json.key("listedAt")
            json.date(listing.listedAt)
            json.key("listedBy")
            json.number(listing.listedBy)
            json.key("order")
            json.string(listing.order)
            json.key("sequence")
            json.number(listing.sequence)
        }
    }

    mutating func notice(_ notice: RectificationNotice) {
        object { json in
            json.optional("acknowledgedAt", notice.acknowledgedAt) { $0.date($1) }
            json.key("deadline")
            json.date(notice.deadline)
            json.key("issuedAt")
            json.date(notice.issuedAt)
            json.key("issuedBy")
            json.number(notice.issuedBy)
            json.key("nature")
            json.string(notice.nature)
            json.key("number")
            json.string(notice.number)
            json.key("receiverID")
            json.number(notice.receiverID)
            json.key("requiredMeasures")
            json.string(notice.requiredMeasures)
            json.key("responsibleUnit")
            json.string(notice.responsibleUnit)
        }
    }

    mutating func plan(_ plan: GovernancePlan) {
        object { json in
            json.key("authorID")
            json.number(plan.authorID)
            json.optional("decidedAt", plan.decidedAt) { $0.date($1) }
            json.optional("decidedBy", plan.decidedBy) { $0.number($1) }
            json.key("decisionNote")
            json.string(plan.decisionNote)
            json.key("funds")
            json.string(plan.funds)
            json.key("methods")
            json.string(plan.methods)
            json.key("organisation")
            json.string(plan.organisation)
            json.key("safetyMeasures")
            json.string(plan.safetyMeasures)
            json.key("sequence")
            json.number(plan.sequence)
            json.key("state")
            json.string(plan.state.rawValue)
            json.key("submittedAt")
            json.date(plan.submittedAt)
            json.key("target")
            json.string(plan.target)
            json.key("timeLimit")
            json.date(plan.timeLimit)
        }
    }

    mutating func submission(_ submission: RectificationSubmission) {
        object { json in
            json.key("completedAt")
            json.date(submission.completedAt)
            json.key("evidence")
            json.strings(submission.evidence)
            json.key("funds")
            json.string(submission.funds)
            json.key("measuresTaken")
            json.string(submission.measuresTaken)
            json.key("rectifierID")
            json.number(submission.rectifierID)
            json.key("sequence")
            json.number(submission.sequence)
            json.key("submittedAt")
            json.date(submission.submittedAt)
        }
    }

    /// A page of a list as the API returns it: `{"items": […], "limit", "offset", "total"}`.
    public mutating func page<Item>(_ items: [Item], total: Int, offset: Int, limit: Int, _ item: (inout JSONWriter, Item) -> Void) {
        object { json in
            json.key("items")
            json.array(items, item)
            json.key("limit")
            json.number(limit)
            json.key("offset")
            json.number(offset)
            json.key("total")
            json.number(total)
        }
    }
}
