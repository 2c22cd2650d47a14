import Foundation
import Testing

@testable import DualPrevention

@Suite("What waits for each person")
struct MyWorkTests {
    /// (situation, person, day) → (owned, the decision waiting, due soon, overdue).
    @Test(arguments: [
        (Fixture.gReported, Who.director, 10.0, false, Action?.some(.issueNotice), false, false),
        (.gReported, .postWorker, 10, false, nil, false, false),
        (.gNotified, .officer, 10, true, .acknowledgeNotice, false, false),
        (.gRectifying, .officer, 10, true, nil, false, false),
        (.gRectifying, .officer, 28, true, nil, true, false),
        (.gRectifying, .director, 28, false, nil, true, false),
        (.gRectifying, .officer, 31, true, nil, false, true),
        (.gRectifying, .director, 31, false, nil, false, true),
        (.gRectifying, .workshopHead, 31, false, nil, false, false),
        (.gRectifyingExtensionPending, .director, 10, false, .approveExtension, false, false),
        (.mAckedPlanSubmitted, .director, 10, false, .approvePlan, false, false),
        (.gAwaiting, .director, 10, false, .acceptPass, false, false),
        (.gAwaiting, .officer, 10, true, nil, false, false),
        (.gClosed, .director, 40, false, nil, false, false),
        (.gClosed, .officer, 40, false, nil, false, false),
    ])
    func eachSituationWaitsForTheRightPerson(
        _ fixture: Fixture,
        _ who: Who,
        _ day: Double,
        _ owned: Bool,
        _ decision: Action?,
        _ dueSoon: Bool,
        _ overdue: Bool
    ) throws {
        let hazard = try fixture.build()
        let work = MyWork.of([hazard], for: who.actor, at: Clock.days(day))
        #expect(work.owned.map(\.id) == (owned ? [hazard.id] : []), "owned")
        #expect(work.decisions.map(\.action) == (decision.map { [$0] } ?? []), "decision")
        #expect(work.dueSoon.isEmpty == !dueSoon, "due soon")
        #expect(work.overdue.isEmpty == !overdue, "overdue")
        let waitsForOwner = owned && hazard.state != .awaitingAcceptance
        #expect(work.count == ((waitsForOwner || decision != nil) ? 1 : 0), "count")
    }

    @Test func anotherEnterprisesHazardsWaitForNobodyHere() throws {
        let hazard = try Fixture.gRectifying.build()
        for who in [Who.outsider, .regulatorOffPath] {
            #expect(MyWork.of([hazard], for: who.actor, at: Clock.days(31)) == MyWork(), "\(who)")
        }
    }
}
