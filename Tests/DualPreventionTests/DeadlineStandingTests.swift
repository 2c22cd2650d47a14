import Foundation
import Testing

@testable import DualPrevention

@Suite("Where a hazard stands against its deadline")
struct DeadlineStandingTests {
    /// A general hazard submitted on `submittedOn` (days from the base) and accepted a day later; due on day 30.
    static func closed(submittedOn day: Double) throws -> Hazard {
        var h = try Fixture.gRectifying.build()
        var submission = Payload.submission
        submission.completedAt = Clock.days(day)
        try h.apply(.submitRectification(submission), by: Who.officer.actor, at: Clock.days(day))
        try h.apply(.accept(Payload.acceptance(passed: true)), by: Who.director.actor, at: Clock.days(day + 1))
        return h
    }

    @Test(arguments: [
        (Fixture.gReported, 40.0, DeadlineStanding.none),
        (.gCancelled, 40, .none),
        (.gNotified, 10, .onTrack),
        (.gNotified, 27.5, .dueSoon),
        (.gRectifying, 30, .overdue(days: 1)),
        (.gRectifying, 35, .overdue(days: 5)),
        (.gAwaiting, 35, .onTime),
        (.gClosed, 90, .onTime),
    ])
    func standingOfEachSituation(_ fixture: Fixture, _ day: Double, _ expected: DeadlineStanding) throws {
        #expect(try fixture.build().deadlineStanding(at: Clock.days(day)) == expected)
    }

    @Test func aHazardClosedLateWasLateAndIsNotOverdue() throws {
        let late = try Self.closed(submittedOn: 35)
        let standing = late.deadlineStanding(at: Clock.days(60))
        #expect(standing == .late(days: 5))
        #expect(!standing.isOverdue, "closed: nothing is left to do, so no alarm")
        // The credit rules still count it as closed late.
        #expect(late.isOverdue(at: Clock.days(60)))
        #expect(try Self.closed(submittedOn: 20).deadlineStanding(at: Clock.days(60)) == .onTime)
    }
}
