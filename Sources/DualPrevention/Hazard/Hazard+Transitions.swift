import Foundation

extension Hazard {
    /// Roles that manage hazards for the enterprise (issue notices, accept, decide).
    public static let managers: [Role] = [.principal, .director, .officer, .workshopHead]
    /// Roles that may approve a governance plan or cancel a hazard.
    public static let leaders: [Role] = [.principal, .director]

    /// Creates a hazard. Anyone of the enterprise may report one (实名制: the reporter is recorded).
    public static func report(_ draft: HazardDraft, by actor: Actor, at now: Date) throws(Refusal) -> (Hazard, Transition) {
        guard actor.belongs(to: draft.enterpriseID) else { throw Refusal(.notInEnterprise) }
        guard draft.source != .inspection && draft.source != .warning else {
            throw Refusal.warning(
                "HAZARD-SOURCE-RECORD",
                zh: "检查和预警发现的隐患由其记录生成，不能直接上报",
                en: "hazards of inspections and warnings are opened by their records, not reported directly"
            )
        }
        return try found(draft, origin: nil, by: actor, at: now)
    }

    /// The new hazard in the register, found by `actor` (whose right to find it the caller has checked).
    static func found(_ draft: HazardDraft, origin: HazardOrigin?, by actor: Actor, at now: Date) throws(Refusal) -> (Hazard, Transition) {
        try Refusal.Reason.requireText(draft.description, "description", zh: "隐患描述")
        guard draft.foundAt <= now else { throw Refusal(.foundInFuture) }
        let hazard = Hazard(
            id: 0,
            number: draft.number,
            enterpriseID: draft.enterpriseID,
            jurisdictionPath: draft.jurisdictionPath,
            workshopID: draft.workshopID,
            teamID: draft.teamID,
            postID: draft.postID,
            riskPointID: draft.riskPointID,
            checkItemRef: draft.checkItemRef,
            source: draft.source,
            grade: draft.grade,
            description: draft.description,
            location: draft.location,
            foundBy: actor.id,
            foundAt: draft.foundAt,
            state: .reported,
            ownerID: nil,
            ownerRole: nil,
            deadline: nil,
            closedAt: nil,
            notice: nil,
            plans: [],
            extensionRequest: nil,
            submissions: [],
            acceptances: [],
            listings: [],
            cancellation: nil,
            origin: origin
        )
        let effects: [Transition.Effect] = draft.grade == .major ? [.stopAffectedProduction] : []
        return (hazard, Transition(action: .report, from: .reported, to: .reported, effects: effects))
    }

    /// Applies one event by one named person at one instant, or throws the rule that refused it
    /// together with what that person may do instead. Nothing changes when it throws.
    @discardableResult
    public mutating func apply(_ event: HazardEvent, by actor: Actor, at now: Date) throws(Refusal) -> Transition {
        do {
            try permit(event.action, by: actor, at: now)
            var next = self
            let effects = try next.perform(event, by: actor, at: now)
            let transition = Transition(action: event.action, from: state, to: next.state, effects: effects)
            self = next
            return transition
        } catch {
            throw Refusal(error.reason, allowedNow: availableActions(for: actor, at: now))
        }
    }

    /// The actions this person may take now, judged by state, role, scope and separation of duties.
    public func availableActions(for actor: Actor, at now: Date) -> [Action] {
        Action.hazardActions.filter { action in
            do {
                try permit(action, by: actor, at: now)
                return true
            } catch { return false }
        }
    }

    /// The rules that do not depend on the event's payload: scope, role, state, ownership, duties.
    func permit(_ action: Action, by actor: Actor, at now: Date) throws(Refusal) {
        func scope() throws(Refusal) {
            guard actor.belongs(to: enterpriseID) else { throw Refusal(.notInEnterprise) }
        }
        func roles(_ allowed: [Role]) throws(Refusal) {
            try scope()
            guard allowed.contains(actor.role) else {
                throw Refusal(.roleNotAllowed(action: action, role: actor.role, allowed: allowed))
            }
        }
        func states(_ allowed: HazardState...) throws(Refusal) {
            guard allowed.contains(state) else { throw Refusal(.wrongState(action: action, state: state)) }
        }
        func owner() throws(Refusal) {
            try scope()
            guard actor.id == ownerID else { throw Refusal(.notOwner) }
        }
        func regulator() throws(Refusal) {
            guard actor.regulates(jurisdictionPath: jurisdictionPath) else { throw Refusal(.notRegulatorOfJurisdiction) }
        }
        /// A regulator's finding is the finding office's (or one above it) to accept or cancel (DOMAIN.md §10); should
        /// the enterprise have moved out from under that office, the regulators over it now.
        func findingOffice() throws(Refusal) {
            guard let office = origin?.acceptingOffice else { return }
            let fromOffice = jurisdictionPath.contains(office) ? Array(jurisdictionPath.drop { $0 != office }) : jurisdictionPath
            guard actor.role == .regulator, let own = actor.jurisdictionID, fromOffice.contains(own) else {
                throw Refusal(.acceptanceByRegulator)
            }
        }

        switch action {
        case .report, .grade:
            try scope()
        case .issueNotice:
            try roles(Self.managers)
            try states(.reported)
        case .acknowledgeNotice:
            try scope()
            try states(.notified)
            guard notice?.isAcknowledged == false else { throw Refusal(.wrongState(action: action, state: state)) }
            guard actor.id == notice?.receiverID else { throw Refusal(.notReceiver) }
        case .submitPlan:
            try scope()
            guard actor.id == ownerID || Self.managers.contains(actor.role) else {
                throw Refusal(.roleNotAllowed(action: action, role: actor.role, allowed: Self.managers))
            }
            guard grade == .major else { throw Refusal(.planOnlyForMajor) }
            try states(.notified)
            guard currentPlan == nil || currentPlan?.state == .rejected else { throw Refusal(.wrongState(action: action, state: state)) }
        case .approvePlan, .rejectPlan:
            try roles(Self.leaders)
            guard grade == .major else { throw Refusal(.planOnlyForMajor) }
            try states(.notified)
            guard let plan = currentPlan, plan.state == .submitted else { throw Refusal(.wrongState(action: action, state: state)) }
            guard plan.authorID != actor.id else { throw Refusal(.approverIsAuthor) }
        case .startRectification:
            try owner()
            try states(.notified)
            guard notice?.isAcknowledged == true else { throw Refusal(.noticeNotAcknowledged) }
            if grade == .major, currentPlan?.state != .approved { throw Refusal(.planRequired) }
        case .requestExtension:
            try owner()
            try states(.notified, .rectifying)
            guard extensionRequest == nil else { throw Refusal(.extensionAlreadyUsed) }
            if let deadline, now >= deadline { throw Refusal(.extensionAfterDeadline(deadline: deadline)) }
        case .approveExtension, .denyExtension:
            try scope()
            try states(.notified, .rectifying, .awaitingAcceptance)
            guard let request = extensionRequest, request.state == .requested else { throw Refusal(.noExtensionPending) }
            let above = actor.role.rank > request.requesterRole.rank || (actor.role == .principal && actor.id != request.requestedBy)
            guard actor.id != request.requestedBy, above, Self.managers.contains(actor.role) else { throw Refusal(.deciderNotAbove) }
        case .submitRectification:
            try owner()
            try states(.rectifying)
            if extensionRequest?.state == .requested { throw Refusal(.extensionPending) }
        case .acceptPass, .acceptFail:
            if origin?.acceptingOffice != nil {
                try findingOffice()
            } else if origin?.kind == .inspection {
                // Acceptance a regulator delegated goes to the enterprise's director (DOMAIN.md §10).
                try roles([.director])
            } else {
                try roles(Self.managers)
            }
            try states(.awaitingAcceptance)
            guard submissions.last?.rectifierID != actor.id else { throw Refusal(.acceptorIsRectifier) }
        case .list:
            try regulator()
            guard grade == .major else { throw Refusal(.listingOnlyForMajor) }
            try states(.reported, .notified, .rectifying, .awaitingAcceptance)
            guard !isListed else { throw Refusal(.alreadyListed) }
        case .liftListing:
            try regulator()
            guard isListed else { throw Refusal(.notListed) }
            guard isListingOfficeOrAbove(actor) else { throw Refusal(.liftBelowLister) }
        case .cancel:
            // The enterprise may not cancel what a regulator found and keeps to accept.
            if origin?.acceptingOffice != nil { try findingOffice() } else { try roles(Self.leaders) }
            try states(.reported, .notified, .rectifying, .awaitingAcceptance)
            guard !isListed else { throw Refusal(.listedCannotBeCancelled) }
        }
    }

    /// The payload rules and the change itself; runs only after `permit` said yes.
    mutating func perform(_ event: HazardEvent, by actor: Actor, at now: Date) throws(Refusal) -> [Transition.Effect] {
        switch event {
        case .issueNotice(let draft):
            guard draft.receiver.belongs(to: enterpriseID) else { throw Refusal(.receiverNotInEnterprise) }
            try Refusal.Reason.requireText(draft.requiredMeasures, "required measures", zh: "整改措施要求")
            try Refusal.Reason.requireText(draft.number, "notice number", zh: "通知单编号")
            guard draft.deadline > now else { throw Refusal(.deadlineNotInFuture) }
            notice = RectificationNotice(
                number: draft.number,
                issuedBy: actor.id,
                issuedAt: now,
                receiverID: draft.receiver.id,
                responsibleUnit: draft.responsibleUnit,
                nature: draft.nature,
                requiredMeasures: draft.requiredMeasures,
                deadline: draft.deadline,
                acknowledgedAt: nil
            )
            ownerID = draft.receiver.id
            ownerRole = draft.receiver.role
            deadline = draft.deadline
            state = .notified
            return []
        case .acknowledgeNotice:
            try notice?.acknowledge(by: actor, at: now)
            return []
        case .submitPlan(let draft):
            let missing = GovernancePlan.missingElements(draft)
            guard missing.isEmpty else { throw Refusal(.planIncomplete(missing: missing)) }
            guard draft.timeLimit > now else { throw Refusal(.deadlineNotInFuture) }
            plans.append(
                GovernancePlan(
                    sequence: plans.count + 1,
                    target: draft.target,
                    methods: draft.methods,
                    funds: draft.funds,
                    organisation: draft.organisation,
                    timeLimit: draft.timeLimit,
                    safetyMeasures: draft.safetyMeasures,
                    authorID: actor.id,
                    submittedAt: now,
                    state: .submitted,
                    decidedBy: nil,
                    decidedAt: nil,
                    decisionNote: ""
                )
            )
            return []
        case .approvePlan(let note):
            decidePlan(.approved, by: actor, at: now, note: note)
            return []
        case .rejectPlan(let reason):
            try Refusal.Reason.requireText(reason, "reason", zh: "退回理由")
            decidePlan(.rejected, by: actor, at: now, note: reason)
            return []
        case .startRectification:
            state = .rectifying
            return []
        case .requestExtension(let reason, let until):
            try Refusal.Reason.requireText(reason, "reason", zh: "延期理由")
            guard let deadline, until > deadline else { throw Refusal(.extensionNotLater) }
            extensionRequest = ExtensionRequest(
                requestedBy: actor.id,
                requesterRole: actor.role,
                requestedAt: now,
                reason: reason,
                previousDeadline: deadline,
                requestedDeadline: until,
                state: .requested,
                decidedBy: nil,
                decidedAt: nil,
                decisionNote: ""
            )
            return []
        case .decideExtension(let grant, let note):
            if !grant { try Refusal.Reason.requireText(note, "reason", zh: "驳回理由") }
            extensionRequest?.state = grant ? .granted : .denied
            extensionRequest?.decidedBy = actor.id
            extensionRequest?.decidedAt = now
            extensionRequest?.decisionNote = note
            guard grant, let until = extensionRequest?.requestedDeadline else { return [] }
            deadline = until
            notice?.deadline = until
            return [.deadlineMoved(to: until)]
        case .submitRectification(let draft):
            try Refusal.Reason.requireText(draft.measuresTaken, "measures taken", zh: "已采取的整改措施")
            guard draft.completedAt <= now else { throw Refusal(.completionInFuture) }
            submissions.append(
                RectificationSubmission(
                    sequence: submissions.count + 1,
                    rectifierID: actor.id,
                    submittedAt: now,
                    measuresTaken: draft.measuresTaken,
                    completedAt: draft.completedAt,
                    funds: draft.funds,
                    evidence: draft.evidence
                )
            )
            state = .awaitingAcceptance
            return []
        case .accept(let draft):
            try Refusal.Reason.requireText(draft.criteria, "acceptance criteria", zh: "验收标准")
            try Refusal.Reason.requireText(draft.opinion, draft.passed ? "opinion" : "reasons", zh: draft.passed ? "验收意见" : "不通过理由")
            acceptances.append(
                AcceptanceRecord(
                    sequence: acceptances.count + 1,
                    acceptorID: actor.id,
                    acceptedAt: now,
                    passed: draft.passed,
                    criteria: draft.criteria,
                    opinion: draft.opinion,
                    evidence: draft.evidence
                )
            )
            guard draft.passed else {
                state = .rectifying
                return []
            }
            state = .closed
            closedAt = now
            return riskPointID.map { [.regradeRiskPoint(riskPointID: $0)] } ?? []
        case .list(let order):
            try Refusal.Reason.requireText(order, "supervision order", zh: "督办要求")
            listings.append(
                SupervisionListing(
                    sequence: listings.count + 1,
                    listedBy: actor.id,
                    jurisdictionID: actor.jurisdictionID ?? 0,
                    listedAt: now,
                    order: order,
                    liftedBy: nil,
                    liftedAt: nil,
                    liftNote: ""
                )
            )
            return []
        case .liftListing(let note):
            try Refusal.Reason.requireText(note, "note", zh: "摘牌说明")
            listings[listings.count - 1].liftedBy = actor.id
            listings[listings.count - 1].liftedAt = now
            listings[listings.count - 1].liftNote = note
            return []
        case .cancel(let reason):
            try Refusal.Reason.requireText(reason, "reason", zh: "撤销理由")
            cancellation = Cancellation(cancelledBy: actor.id, cancelledAt: now, reason: reason)
            state = .cancelled
            return []
        }
    }

    private mutating func decidePlan(_ decision: PlanState, by actor: Actor, at now: Date, note: String) {
        plans[plans.count - 1].state = decision
        plans[plans.count - 1].decidedBy = actor.id
        plans[plans.count - 1].decidedAt = now
        plans[plans.count - 1].decisionNote = note
    }
}

extension Hazard {
    /// Checks that this person may issue a notice now, before the store draws a number for it.
    public func permitIssue(by actor: Actor, at now: Date) throws(Refusal) {
        do {
            try permit(.issueNotice, by: actor, at: now)
        } catch {
            throw Refusal(error.reason, allowedNow: availableActions(for: actor, at: now))
        }
    }
}

extension Hazard {
    /// The enterprise a person reports hazards in: their own; someone outside every enterprise reports none.
    public static func reportingEnterprise(of actor: Actor) throws(Refusal) -> Int64 {
        guard let enterpriseID = actor.enterpriseID else { throw Refusal(.notInEnterprise) }
        return enterpriseID
    }
}
