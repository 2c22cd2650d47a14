import Foundation
import Testing

@testable import DualPrevention

/// Every (fixture, action, actor) triple against a table written out from DOMAIN.md §4 and `permit`.
@Suite struct HazardMachineTests {
    /// Roles named in the refusals, in the order the rules list them.
    static let managerRoles: [Role] = [.principal, .director, .officer, .workshopHead]
    static let leaderRoles: [Role] = [.principal, .director]

    enum Cell: Equatable {
        case ok(HazardState)
        case no(Refusal.Reason)
        /// `.roleNotAllowed` with the actor's own role and this allowed list.
        case noRole([Role])
    }

    enum Outcome: Equatable, CustomStringConvertible {
        case allowed(HazardState)
        case refused(Refusal.Reason)
        var description: String {
            switch self {
            case .allowed(let state): "allowed → \(state)"
            case .refused(let reason): "refused: \(reason)"
            }
        }
    }

    static func resolve(_ cell: Cell, _ action: Action, _ who: Who) -> Outcome {
        switch cell {
        case .ok(let state): .allowed(state)
        case .no(let reason): .refused(reason)
        case .noRole(let allowed): .refused(.roleNotAllowed(action: action, role: who.actor.role, allowed: allowed))
        }
    }

    /// Builds a full row: named actors first, then enterprise members, then everyone else.
    static func row(_ named: [Who: Cell] = [:], members: Cell, others: Cell = .no(.notInEnterprise)) -> [Who: Cell] {
        var cells: [Who: Cell] = [:]
        for who in Who.members { cells[who] = members }
        for who in Who.nonMembers { cells[who] = others }
        cells.merge(named) { _, new in new }
        return cells
    }

    static func managers(_ cell: Cell) -> [Who: Cell] {
        [.principal: cell, .director: cell, .officer: cell, .workshopHead: cell]
    }

    static func leaders(_ cell: Cell) -> [Who: Cell] {
        [.principal: cell, .director: cell]
    }

    static let general: [Fixture] = [
        .gReported, .gNotified, .gAcknowledged, .gRectifying, .gRectifyingExtensionPending,
        .gAwaiting, .gClosed, .gCancelled,
    ]

    /// The expected table. The owner, notice receiver, plan author, extension requester and rectifier is
    /// always the officer; the notice issuer, plan approver and acceptor in the fixtures is the director.
    static func expected(_ action: Action, _ f: Fixture) -> [Who: Cell] {
        let wrong = Cell.no(.wrongState(action: action, state: f.state))
        let notRegulator = Cell.no(.notRegulatorOfJurisdiction)
        switch action {
        case .issueNotice:
            let cell: Cell = [.gReported, .mReportedListed].contains(f) ? .ok(.notified) : wrong
            return row(managers(cell), members: .noRole(managerRoles))

        case .acknowledgeNotice:
            // Only the receiver, only while the notice is issued and not yet acknowledged.
            if f == .gNotified { return row([.officer: .ok(.notified)], members: .no(.notReceiver)) }
            return row(members: wrong)

        case .submitPlan:
            // Otherwise: not notified, or a plan already submitted or approved.
            let cell: Cell =
                if general.contains(f) { .no(.planOnlyForMajor) } else if f == .mAckedNoPlan { .ok(.notified) } else { wrong }
            return row(managers(cell), members: .noRole(managerRoles))

        case .approvePlan, .rejectPlan:
            let cell: Cell =
                if general.contains(f) { .no(.planOnlyForMajor) } else if f == .mAckedPlanSubmitted { .ok(.notified) } else { wrong }
            return row(leaders(cell), members: .noRole(leaderRoles))

        case .startRectification:
            let owner: Cell =
                switch f {
                case .gReported, .mReportedListed: .no(.notOwner)  // nobody owns it before the notice
                case .gNotified: .no(.noticeNotAcknowledged)
                case .gAcknowledged, .mAckedPlanApproved: .ok(.rectifying)
                case .mAckedNoPlan, .mAckedPlanSubmitted: .no(.planRequired)
                default: wrong
                }
            return row([.officer: owner], members: .no(.notOwner))

        case .requestExtension:
            let owner: Cell =
                switch f {
                case .gReported, .mReportedListed: .no(.notOwner)
                case .gNotified, .gAcknowledged, .mAckedNoPlan, .mAckedPlanSubmitted, .mAckedPlanApproved: .ok(.notified)
                case .gRectifying, .mRectifyingListed: .ok(.rectifying)
                case .gRectifyingExtensionPending: .no(.extensionAlreadyUsed)
                default: wrong
                }
            return row([.officer: owner], members: .no(.notOwner))

        case .approveExtension, .denyExtension:
            switch f {
            case .gRectifyingExtensionPending:
                // Requested by the officer (rank 4): only the principal and the director are above.
                return row(leaders(.ok(.rectifying)), members: .no(.deciderNotAbove))
            case .gReported, .mReportedListed, .gClosed, .mClosedListed, .gCancelled:
                return row(members: wrong)
            default:
                return row(members: .no(.noExtensionPending))
            }

        case .submitRectification:
            let owner: Cell =
                switch f {
                case .gReported, .mReportedListed: .no(.notOwner)
                case .gRectifying, .mRectifyingListed: .ok(.awaitingAcceptance)
                case .gRectifyingExtensionPending: .no(.extensionPending)
                default: wrong
                }
            return row([.officer: owner], members: .no(.notOwner))

        case .acceptPass, .acceptFail:
            guard [.gAwaiting, .mAwaitingListed].contains(f) else { return row(managers(wrong), members: .noRole(managerRoles)) }
            var named = managers(.ok(action == .acceptPass ? .closed : .rectifying))
            named[.officer] = .no(.acceptorIsRectifier)
            return row(named, members: .noRole(managerRoles))

        case .list:
            let regulator: Cell =
                if general.contains(f) { .no(.listingOnlyForMajor) } else if f == .mClosedListed { wrong } else if f.listed {
                    .no(.alreadyListed)
                } else { .ok(.notified) }
            return row([.regulatorOnPath: regulator], members: notRegulator, others: notRegulator)

        case .liftListing:
            let regulator: Cell = f.listed ? .ok(f.state) : .no(.notListed)
            return row([.regulatorOnPath: regulator], members: notRegulator, others: notRegulator)

        case .cancel:
            let cell: Cell =
                switch f {
                case .gClosed, .mClosedListed, .gCancelled: wrong
                case .mReportedListed, .mRectifyingListed, .mAwaitingListed: .no(.listedCannotBeCancelled)
                default: .ok(.cancelled)
                }
            return row(leaders(cell), members: .noRole(leaderRoles))

        case .report, .grade:
            preconditionFailure("not a hazard action")
        }
    }

    @Test(arguments: Fixture.allCases)
    func fixtureReachesItsState(_ fixture: Fixture) throws {
        let hazard = try fixture.build()
        #expect(hazard.state == fixture.state)
        #expect(hazard.grade == fixture.grade)
        #expect(hazard.isListed == fixture.listed)
        #expect(hazard.foundBy == Who.postWorker.actor.id)
    }

    @Test func hazardActionsAreEveryActionButReportAndGrade() {
        #expect(
            Action.hazardActions == [
                .issueNotice, .acknowledgeNotice, .submitPlan, .approvePlan, .rejectPlan, .startRectification,
                .requestExtension, .approveExtension, .denyExtension, .submitRectification, .acceptPass, .acceptFail,
                .list, .liftListing, .cancel,
            ]
        )
    }

    @Test(arguments: Fixture.allCases, Action.hazardActions)
    func everyActorGetsTheTabledOutcome(_ fixture: Fixture, _ action: Action) throws {
        let hazard = try fixture.build()
        let table = Self.expected(action, fixture)
        #expect(Set(table.keys) == Set(Who.allCases))
        let event = Payload.event(for: action)
        #expect(event.action == action)

        for who in Who.allCases {
            let expected = Self.resolve(try #require(table[who]), action, who)
            let available = hazard.availableActions(for: who.actor, at: Clock.now)
            var copy = hazard
            switch attempt(event, on: &copy, by: who.actor, at: Clock.now) {
            case .success(let transition):
                #expect(Outcome.allowed(copy.state) == expected, "\(fixture) \(action) by \(who)")
                #expect(transition.action == action && transition.from == hazard.state && transition.to == copy.state)
                #expect(available.contains(action), "\(action) applied but not offered to \(who) on \(fixture)")
            case .failure(let refusal):
                #expect(Outcome.refused(refusal.reason) == expected, "\(fixture) \(action) by \(who)")
                #expect(copy == hazard, "a refused \(action) changed the hazard")
                #expect(refusal.allowedNow == available, "\(fixture) \(action) by \(who)")
                #expect(!available.contains(action), "\(action) offered to \(who) on \(fixture) but refused")
            }
        }
    }

    @Test(arguments: Fixture.allCases)
    func availableActionsAreExactlyTheAllowedCellsOfTheTable(_ fixture: Fixture) throws {
        let hazard = try fixture.build()
        for who in Who.allCases {
            let allowed = Action.hazardActions.filter { action in
                if case .ok = Self.expected(action, fixture)[who] { return true }
                return false
            }
            #expect(hazard.availableActions(for: who.actor, at: Clock.now) == allowed, "\(fixture) for \(who)")
        }
    }

    @Test func nonMembersMayDoNothingExceptTheRegulatorOnThePath() throws {
        for fixture in Fixture.allCases {
            let hazard = try fixture.build()
            for who in [Who.assessor, .admin, .outsider, .regulatorOffPath] {
                #expect(hazard.availableActions(for: who.actor, at: Clock.now).isEmpty, "\(who) on \(fixture)")
            }
            let regulator = hazard.availableActions(for: Who.regulatorOnPath.actor, at: Clock.now)
            #expect(Set(regulator).isSubset(of: [.list, .liftListing]))
        }
    }

    @Test func refusalHintNamesTheActionsAllowedNowWithoutCommandLines() throws {
        var hazard = try Fixture.gReported.build()
        let before = hazard
        guard case .failure(let refusal) = attempt(.startRectification, on: &hazard, by: Who.director.actor, at: Clock.now) else {
            Issue.record("start on a reported hazard was accepted")
            return
        }
        #expect(hazard == before)
        #expect(refusal.reason == .notOwner)
        #expect(refusal.allowedNow == [.issueNotice, .cancel])
        #expect(refusal.kind == .refusedByRule)
        #expect(refusal.rule == "HAZARD-OWNER")
        #expect(refusal.hint?.en == "you may now: issue rectification notice; cancel hazard")
        #expect(refusal.hint?.zh == "您现在可以：下达整改通知单；撤销隐患")
        // How to take them is each front end's: no command line in the domain's words.
        #expect(refusal.hint?.en.contains("dualprev") == false)

        var closed = try Fixture.gClosed.build()
        guard case .failure(let none) = attempt(Payload.event(for: .cancel), on: &closed, by: Who.postWorker.actor, at: Clock.now) else {
            Issue.record("post worker cancelled a closed hazard")
            return
        }
        #expect(none.allowedNow.isEmpty)
        #expect(none.hint == Text(zh: "您目前不能对该对象执行任何操作", en: "there is nothing you may do on it now"))
    }
}

@Suite("One name per hazard action")
struct ActionSlugTests {
    @Test(arguments: Action.hazardActions)
    func everyHazardActionIsFoundByItsSlug(_ action: Action) {
        #expect(Action(hazardSlug: action.slug) == action)
    }

    @Test func slugsAreDistinctAndUnknownOnesAreNone() {
        #expect(Set(Action.allCases.map(\.slug)).count == Action.allCases.count)
        for slug in ["no-such-action", "report", "grade", "", "Notice"] { #expect(Action(hazardSlug: slug) == nil, "\(slug)") }
    }
}
