import Foundation

/// A rule refused an action. Carries the rule and what the same person may do now instead.
public struct Refusal: DualPreventionError, Equatable {
    public let reason: Reason
    /// Actions this actor may take on this object right now (empty when none).
    public var allowedNow: [Action]
    /// Set when the standard wording of the reason does not fit the action (setup actions).
    var customMessage: Text?

    public init(_ reason: Reason, allowedNow: [Action] = []) {
        self.reason = reason
        self.allowedNow = allowedNow
    }

    public enum Reason: Sendable, Equatable {
        case notInEnterprise
        case notRegulatorOfJurisdiction
        case roleNotAllowed(action: Action, role: Role, allowed: [Role])
        case wrongState(action: Action, state: HazardState)
        case notReceiver
        case notOwner
        case noticeNotAcknowledged
        case planRequired
        case planOnlyForMajor
        case planIncomplete(missing: [String])
        case approverIsAuthor
        case extensionAlreadyUsed
        case extensionPending
        case noExtensionPending
        case extensionAfterDeadline(deadline: Date)
        case extensionNotLater
        case deciderNotAbove
        case acceptorIsRectifier
        /// A regulator's finding is accepted by the finding office (or one above it), unless it delegated.
        case acceptanceByRegulator
        case listingOnlyForMajor
        case alreadyListed
        case notListed
        case liftBelowLister
        case listedCannotBeCancelled
        case receiverNotInEnterprise
        case deadlineNotInFuture
        case completionInFuture
        case foundInFuture
        case textRequired(field: String, zh: String)
        /// A rule outside the hazard machine (lists, grades), with its own code and wording.
        case rule(code: String, message: Text)
    }

    public var kind: FailureKind {
        switch reason {
        case .textRequired, .planIncomplete, .deadlineNotInFuture, .completionInFuture, .foundInFuture, .extensionNotLater:
            .badInput
        default:
            .refusedByRule
        }
    }

    public var rule: String {
        switch reason {
        case .notInEnterprise: "SCOPE-ENTERPRISE"
        case .acceptanceByRegulator: "ACCEPT-FINDING-REGULATOR"
        case .notRegulatorOfJurisdiction: "SCOPE-JURISDICTION"
        case .roleNotAllowed: "ROLE"
        case .wrongState: "STATE"
        case .notReceiver: "NOTICE-RECEIVER"
        case .notOwner: "HAZARD-OWNER"
        case .noticeNotAcknowledged: "NOTICE-ACKNOWLEDGED"
        case .planRequired: "MAJOR-PLAN-APPROVED"
        case .planOnlyForMajor: "PLAN-MAJOR-ONLY"
        case .planIncomplete: "PLAN-FIVE-ELEMENTS"
        case .approverIsAuthor: "PLAN-SEPARATION"
        case .extensionAlreadyUsed: "EXTENSION-ONCE"
        case .extensionPending: "EXTENSION-PENDING"
        case .noExtensionPending: "EXTENSION-NONE"
        case .extensionAfterDeadline: "EXTENSION-BEFORE-DEADLINE"
        case .extensionNotLater: "EXTENSION-LATER"
        case .deciderNotAbove: "EXTENSION-DECIDER"
        case .acceptorIsRectifier: "ACCEPTANCE-SEPARATION"
        case .listingOnlyForMajor: "LISTING-MAJOR-ONLY"
        case .alreadyListed: "LISTING-ALREADY"
        case .notListed: "LISTING-NONE"
        case .liftBelowLister: "LISTING-LIFT-LEVEL"
        case .listedCannotBeCancelled: "CANCEL-LISTED"
        case .receiverNotInEnterprise: "NOTICE-RECEIVER-SCOPE"
        case .deadlineNotInFuture: "DEADLINE-FUTURE"
        case .completionInFuture: "COMPLETION-PAST"
        case .foundInFuture: "FOUND-PAST"
        case .textRequired: "INPUT-REQUIRED"
        case .rule(let code, _): code
        }
    }

    public var message: Text {
        if let customMessage { return customMessage }
        return switch reason {
        case .notInEnterprise:
            Text("refusal.onlyPeopleThisEnterprise")
        case .notRegulatorOfJurisdiction:
            Text("refusal.onlyRegulatorThisEnterprise")
        case .roleNotAllowed(let action, let role, let allowed):
            Text(
                zh: "\(role.label.zh)不能\(action.label.zh)；可由\(allowed.map(\.label.zh).joined(separator: "、"))执行",
                en: "a \(role.label.en) may not \(action.label.en); allowed: \(allowed.map(\.label.en).joined(separator: ", "))"
            )
        case .wrongState(let action, let state):
            Text("refusal.hazardCannotNow", state.label, action.label)
        case .notReceiver:
            Text("refusal.onlyReceiverNoticeMay")
        case .notOwner:
            Text("refusal.onlyPersonResponsibleRectification")
        case .noticeNotAcknowledged:
            Text("refusal.noticeHasNotBeen")
        case .planRequired:
            Text("refusal.majorHazardNeedsApproved")
        case .planOnlyForMajor:
            Text("refusal.governancePlansMajorHazards")
        case .planIncomplete(let missing):
            Text(zh: "治理方案缺少：\(missing.joined(separator: "、"))", en: "the governance plan lacks: \(missing.joined(separator: ", "))")
        case .approverIsAuthor:
            Text("refusal.authorGovernancePlanMay")
        case .extensionAlreadyUsed:
            Text("refusal.extensionCanRequestedOnly")
        case .extensionPending:
            Text("refusal.extensionRequestStillWaiting")
        case .noExtensionPending:
            Text("refusal.thereNoExtensionRequest")
        case .extensionAfterDeadline(let deadline):
            // The rule does not know the enterprise's zone: the day in the default one (Asia/Shanghai), as it was typed.
            Text("refusal.deadlineHasPassedExtension", (try? LocalTime())?.deadline(deadline) ?? deadline.formatted(.iso8601))
        case .extensionNotLater:
            Text("refusal.newDeadlineMustLater")
        case .deciderNotAbove:
            Text("refusal.extensionDecidedSomeoneOther")
        case .acceptorIsRectifier:
            Text("refusal.acceptorMayNotPerson")
        case .acceptanceByRegulator:
            Text("refusal.hazardRegulatorFoundAccepted")
        case .listingOnlyForMajor:
            Text("refusal.onlyMajorHazardsCan")
        case .alreadyListed:
            Text("refusal.hazardAlreadyListedSupervision")
        case .notListed:
            Text("refusal.hazardNotListedSupervision")
        case .liftBelowLister:
            Text("refusal.onlyOfficeThatListed")
        case .listedCannotBeCancelled:
            Text("refusal.hazardListedSupervisionCannot")
        case .receiverNotInEnterprise:
            Text("refusal.personResponsibleMustBelong")
        case .deadlineNotInFuture:
            Text("refusal.deadlineMustFuture")
        case .completionInFuture:
            Text("refusal.completionDateCannotFuture")
        case .foundInFuture:
            Text("refusal.timeFoundCannotFuture")
        case .textRequired(let field, let zh):
            Text(zh: "\(zh)不能为空", en: "\(field) must not be empty")
        case .rule(_, let message):
            message
        }
    }

    public var hint: Text? {
        if customMessage != nil { return nil }
        if case .rule = reason { return nil }
        if case .textRequired(let field, let zh) = reason { return Text(zh: "请填写\(zh)", en: "give the \(field)") }
        guard !allowedNow.isEmpty else {
            return Text("refusal.thereNothingYouMay")
        }
        // The actions by name only: each front end says how to take them (a command, a button).
        return Text(
            zh: "您现在可以：" + allowedNow.map(\.label.zh).joined(separator: "；"),
            en: "you may now: " + allowedNow.map(\.label.en).joined(separator: "; ")
        )
    }
}

extension Refusal.Reason {
    /// A blank text refused as required input; the text trimmed otherwise.
    @discardableResult
    public static func requireText(_ value: String, _ field: String, zh: String) throws(Refusal) -> String {
        guard let text = value.nonBlank else { throw Refusal(.textRequired(field: field, zh: zh)) }
        return text
    }
}
