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
            Text(zh: "只有本企业人员可以执行此操作", en: "only people of this enterprise may do this")
        case .notRegulatorOfJurisdiction:
            Text(
                zh: "只有该企业所在辖区（或上级辖区）的监管人员可以执行此操作",
                en: "only a regulator of this enterprise's jurisdiction (or above) may do this"
            )
        case .roleNotAllowed(let action, let role, let allowed):
            Text(
                zh: "\(role.label.zh)不能\(action.label.zh)；可由\(allowed.map(\.label.zh).joined(separator: "、"))执行",
                en: "a \(role.label.en) may not \(action.label.en); allowed: \(allowed.map(\.label.en).joined(separator: ", "))"
            )
        case .wrongState(let action, let state):
            Text(
                zh: "隐患处于“\(state.label.zh)”状态，不能\(action.label.zh)",
                en: "the hazard is \(state.label.en); it cannot \(action.label.en) now"
            )
        case .notReceiver:
            Text(zh: "只有整改通知单的接收人可以签收", en: "only the receiver of the notice may acknowledge it")
        case .notOwner:
            Text(zh: "只有隐患整改责任人可以执行此操作", en: "only the person responsible for the rectification may do this")
        case .noticeNotAcknowledged:
            Text(zh: "整改通知单尚未签收，不能开始整改", en: "the notice has not been acknowledged; rectification cannot start")
        case .planRequired:
            Text(zh: "重大隐患必须有经批准的治理方案才能开始整改", en: "a major hazard needs an approved governance plan before rectification starts")
        case .planOnlyForMajor:
            Text(zh: "治理方案仅适用于重大隐患", en: "governance plans are for major hazards only")
        case .planIncomplete(let missing):
            Text(zh: "治理方案缺少：\(missing.joined(separator: "、"))", en: "the governance plan lacks: \(missing.joined(separator: ", "))")
        case .approverIsAuthor:
            Text(zh: "治理方案的编制人不能批准自己的方案", en: "the author of a governance plan may not approve it")
        case .extensionAlreadyUsed:
            Text(zh: "每个隐患只能申请一次延期", en: "an extension can be requested only once per hazard")
        case .extensionPending:
            Text(zh: "延期申请尚待审批", en: "an extension request is still waiting for a decision")
        case .noExtensionPending:
            Text(zh: "没有待审批的延期申请", en: "there is no extension request to decide")
        case .extensionAfterDeadline(let deadline):
            Text(
                zh: "整改期限（\(deadline.formatted(.iso8601))）已过，不能再申请延期",
                en: "the deadline (\(deadline.formatted(.iso8601))) has passed; an extension can only be asked before it"
            )
        case .extensionNotLater:
            Text(zh: "延期后的期限必须晚于原期限", en: "the new deadline must be later than the current one")
        case .deciderNotAbove:
            Text(zh: "延期须由申请人以外、职级更高的人员审批", en: "an extension is decided by someone other than the requester, of a higher role")
        case .acceptorIsRectifier:
            Text(zh: "验收人不能是整改人", en: "the acceptor may not be the person who did the rectification")
        case .acceptanceByRegulator:
            Text(
                zh: "监管部门发现的隐患由发现它的监管部门（或其上级）验收或撤销",
                en: "a hazard a regulator found is accepted (or cancelled) by that regulator's office, or one above it"
            )
        case .listingOnlyForMajor:
            Text(zh: "只有重大隐患可以挂牌督办", en: "only major hazards can be listed for supervision")
        case .alreadyListed:
            Text(zh: "该隐患已挂牌督办", en: "the hazard is already listed for supervision")
        case .notListed:
            Text(zh: "该隐患未挂牌督办", en: "the hazard is not listed for supervision")
        case .liftBelowLister:
            Text(zh: "只有挂牌的监管部门或其上级可以摘牌", en: "only the office that listed it, or one above it, may lift the listing")
        case .listedCannotBeCancelled:
            Text(zh: "挂牌督办中的隐患不能撤销，须先由监管部门摘牌", en: "a hazard listed for supervision cannot be cancelled until the regulator lifts the listing")
        case .receiverNotInEnterprise:
            Text(zh: "整改责任人必须是本企业人员", en: "the person responsible must belong to this enterprise")
        case .deadlineNotInFuture:
            Text(zh: "整改期限必须晚于当前时间", en: "the deadline must be in the future")
        case .completionInFuture:
            Text(zh: "完成日期不能晚于当前时间", en: "the completion date cannot be in the future")
        case .foundInFuture:
            Text(zh: "发现时间不能晚于当前时间", en: "the time found cannot be in the future")
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
            return Text(zh: "您目前不能对该对象执行任何操作", en: "there is nothing you may do on it now")
        }
        // The actions by name only: each front end says how to take them (a command, a button).
        return Text(
            zh: "您现在可以：" + allowedNow.map(\.label.zh).joined(separator: "；"),
            en: "you may now: " + allowedNow.map(\.label.en).joined(separator: "; ")
        )
    }
}

extension Refusal.Reason {
    /// A blank text refused as required input.
    public static func requireText(_ value: String, _ field: String, zh: String) throws(Refusal) {
        guard value.nonBlank != nil else { throw Refusal(.textRequired(field: field, zh: zh)) }
    }
}
