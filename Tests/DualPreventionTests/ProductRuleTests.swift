import Foundation
import Testing

@testable import DualPrevention

/// The rules of DOMAIN.md §12: the batches a hazard names, the production stop of a major hazard, the recall of what
/// was shipped and the credit record it becomes.
@Suite struct ProductRuleTests {
    /// A district regulator below the city office (20) that lists the fixtures' major hazards.
    static let districtRegulator = Actor(id: 12, name: "区局监管", role: .regulator, jurisdictionID: 30)
    static let provinceRegulator = Actor(id: 13, name: "省局监管", role: .regulator, jurisdictionID: 10)

    static func batch(_ number: String = "B-01", made: Int = 1_000, shipped: Int = 400, from: Double = -20, to: Double = -10) -> BatchDraft {
        BatchDraft(
            number: number,
            product: "电动自行车充电器",
            quantityMade: made,
            quantityShipped: shipped,
            producedFrom: Clock.days(from),
            producedTo: Clock.days(to)
        )
    }

    static func plan(deadline: Date = Clock.days(40), method: String = "通知经销商下架并上门回收") -> RecallPlan {
        RecallPlan(scope: "2026年9月发往华东经销商的两批", method: method, channels: "经销商通知、官网公告", deadline: deadline, disposal: "返厂拆解报废")
    }

    /// The rule code of what `body` threw, nil when it did not throw.
    static func code(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let refusal as Refusal {
            return refusal.rule
        } catch {
            return "not a refusal: \(error)"
        }
    }

    /// A batch of a hazard as the store hands it over.
    static func stored(
        _ id: Int64,
        _ number: String,
        made: Int,
        shipped: Int,
        product: String = "电动自行车充电器",
        of hazard: Hazard
    )
        -> ProductBatch
    {
        ProductBatch(
            id: id,
            hazardID: hazard.id,
            number: number,
            product: product,
            quantityMade: made,
            quantityShipped: shipped,
            producedFrom: Clock.days(-20),
            producedTo: Clock.days(-10),
            recordedBy: Who.officer.actor.id,
            recordedAt: Clock.hours(2)
        )
    }

    /// Batches 1 (shipped 400), 2 (not shipped) and 3 (shipped 50) of a hazard.
    static func batches(of hazard: Hazard) -> [ProductBatch] {
        [
            stored(1, "B-01", made: 1_000, shipped: 400, of: hazard), stored(2, "B-02", made: 1_000, shipped: 0, of: hazard),
            stored(3, "B-03", made: 50, shipped: 50, of: hazard),
        ]
    }

    // MARK: Batches

    /// (who, the hazard's situation, the rule that refuses, nil when the batch is recorded).
    static let batchPermissions: [(Who, Fixture, String?)] = [
        (.principal, .gRectifying, nil), (.director, .gRectifying, nil), (.officer, .gRectifying, nil),
        (.workshopHead, .mAckedPlanApproved, nil), (.officer, .gReported, nil), (.officer, .mAwaitingListed, nil),
        (.teamLeader, .gRectifying, "PRODUCT-ROLE"), (.postWorker, .gRectifying, "PRODUCT-ROLE"),
        (.outsider, .gRectifying, "SCOPE-ENTERPRISE"), (.regulatorOnPath, .gRectifying, "SCOPE-ENTERPRISE"),
        (.admin, .gRectifying, "SCOPE-ENTERPRISE"), (.assessor, .gRectifying, "SCOPE-ENTERPRISE"),
        (.officer, .gClosed, "PRODUCT-HAZARD-OPEN"), (.officer, .gCancelled, "PRODUCT-HAZARD-OPEN"),
        (.officer, .mClosedListed, "PRODUCT-HAZARD-OPEN"),
    ]

    @Test(arguments: batchPermissions)
    func batchesAreNamedByTheEnterprisesManagersWhileTheHazardIsOpen(_ who: Who, _ fixture: Fixture, _ expected: String?) throws {
        let hazard = try fixture.build()
        #expect(Self.code { _ = try ProductBatch.record(Self.batch(), on: hazard, besides: [], by: who.actor, at: Clock.now) } == expected)
    }

    /// (case, the draft, the rule that refuses).
    static let batchPayloads: [(String, BatchDraft, String?)] = [
        ("a whole batch", batch(), nil),
        ("nothing shipped", batch(shipped: 0), nil),
        ("all shipped", batch(made: 400, shipped: 400), nil),
        ("made and found the same day", batch(from: 9, to: 9), nil),
        ("no number", batch("  "), "INPUT-REQUIRED"),
        ("a number named before, spaces around it", batch(" B-07 "), "BATCH-ONCE"),
        ("more shipped than made", batch(made: 100, shipped: 101), "BATCH-QUANTITY"),
        ("nothing made", batch(made: 0, shipped: 0), "BATCH-QUANTITY"),
        ("a negative quantity shipped", batch(shipped: -1), "BATCH-QUANTITY"),
        ("production ending before it began", batch(from: -5, to: -6), "BATCH-DATES"),
        ("production ending in the future", batch(from: -5, to: 11), "BATCH-DATES"),
    ]

    @Test(arguments: batchPayloads)
    func aBatchNeedsANewNumberAProductAndQuantitiesThatAddUp(_ label: String, _ draft: BatchDraft, _ expected: String?) throws {
        let hazard = try Fixture.gRectifying.build()
        let named = try ProductBatch.record(Self.batch("B-07"), on: hazard, besides: [], by: Who.officer.actor, at: Clock.now)
        #expect(
            Self.code { _ = try ProductBatch.record(draft, on: hazard, besides: [named], by: Who.officer.actor, at: Clock.now) } == expected,
            "\(label)"
        )
    }

    @Test func aRecordedBatchKeepsItsTrimmedFieldsAndWhoNamedItWhen() throws {
        let hazard = try Fixture.gRectifying.build()
        var draft = Self.batch(" B-09 ")
        draft.product = " 充电器 "
        let batch = try ProductBatch.record(draft, on: hazard, besides: [], by: Who.director.actor, at: Clock.now)
        #expect(batch.number == "B-09" && batch.product == "充电器")
        #expect(batch.hazardID == hazard.id && batch.recordedBy == Who.director.actor.id && batch.recordedAt == Clock.now)
        #expect(batch.isShipped && batch.quantityShipped == 400 && batch.quantityMade == 1_000)
        // The same number on another hazard is another batch record.
        var other = hazard
        other.id = hazard.id + 1
        #expect(
            Self.code { _ = try ProductBatch.record(Self.batch("B-09"), on: other, besides: [batch], by: Who.officer.actor, at: Clock.now) } == nil
        )
    }

    // MARK: The production stop

    /// (who, the hazard, the rule that refuses an order).
    static let stopOrders: [(Actor, Fixture, String?)] = [
        (Who.director.actor, .mAckedPlanApproved, nil), (Who.principal.actor, .mReportedListed, nil),
        (Who.regulatorOnPath.actor, .mRectifyingListed, nil), (districtRegulator, .mAwaitingListed, nil),
        (Who.officer.actor, .mAckedPlanApproved, "PRODUCT-ROLE"), (Who.workshopHead.actor, .mAckedPlanApproved, "PRODUCT-ROLE"),
        (Who.outsider.actor, .mAckedPlanApproved, "SCOPE-ENTERPRISE"),
        (Who.regulatorOffPath.actor, .mAckedPlanApproved, "SCOPE-JURISDICTION"),
        (Who.director.actor, .gRectifying, "STOP-MAJOR-ONLY"),
        (Who.director.actor, .mClosedListed, "PRODUCT-HAZARD-OPEN"),
    ]

    @Test(arguments: stopOrders)
    func aStopIsOrderedForAnOpenMajorHazardByItsLeadersOrARegulatorOverIt(_ actor: Actor, _ fixture: Fixture, _ expected: String?) throws {
        let hazard = try fixture.build()
        #expect(Self.code { _ = try ProductionStop.order(scope: "二车间封口线", for: hazard, besides: [], by: actor, at: Clock.now) } == expected)
    }

    @Test func oneStopIsInForceAtATimeAndItNamesItsScope() throws {
        let hazard = try Fixture.mAckedPlanApproved.build()
        let stop = try ProductionStop.order(scope: " 二车间封口线 ", for: hazard, besides: [], by: Who.director.actor, at: Clock.now)
        #expect(stop.scope == "二车间封口线" && stop.orderedBy == Who.director.actor.id && stop.orderedAt == Clock.now && stop.isInForce)
        #expect(
            Self.code { _ = try ProductionStop.order(scope: "包装线", for: hazard, besides: [stop], by: Who.principal.actor, at: Clock.now) }
                == "STOP-ONE-IN-FORCE"
        )
        #expect(
            Self.code { _ = try ProductionStop.order(scope: " ", for: hazard, besides: [], by: Who.principal.actor, at: Clock.now) }
                == "INPUT-REQUIRED"
        )
    }

    /// The hazard a stop is lifted on: accepted or not, listed or not, the listing lifted or not.
    enum LiftCase: String, CaseIterable, CustomTestStringConvertible {
        case openUnlisted, awaitingListed, acceptedListed, acceptedListingLifted, acceptedUnlisted, cancelled
        var testDescription: String { rawValue }

        func hazard() throws -> Hazard {
            switch self {
            case .openUnlisted: return try Fixture.mAckedPlanApproved.build()
            case .awaitingListed: return try Fixture.mAwaitingListed.build()
            case .acceptedListed: return try Fixture.mClosedListed.build()
            case .acceptedListingLifted:
                var hazard = try Fixture.mClosedListed.build()
                try hazard.apply(.liftListing(note: "整改到位"), by: Who.regulatorOnPath.actor, at: Clock.hours(10))
                return hazard
            case .acceptedUnlisted:
                var hazard = try Fixture.mAckedPlanApproved.build()
                try hazard.apply(.startRectification, by: Who.officer.actor, at: Clock.hours(6))
                try hazard.apply(.submitRectification(Payload.submission), by: Who.officer.actor, at: Clock.hours(8))
                try hazard.apply(.accept(Payload.acceptance(passed: true)), by: Who.director.actor, at: Clock.hours(9))
                return hazard
            case .cancelled:
                var hazard = try Fixture.mAckedNoPlan.build()
                try hazard.apply(.cancel(reason: "经复核不构成隐患"), by: Who.director.actor, at: Clock.hours(5))
                return hazard
            }
        }
    }

    /// (the hazard, who lifts, the rule that refuses).
    static let stopLifts: [(LiftCase, Actor, String?)] = [
        (.openUnlisted, Who.director.actor, "STOP-LIFT-ACCEPTED"),
        (.awaitingListed, Who.regulatorOnPath.actor, "STOP-LIFT-ACCEPTED"),
        (.acceptedListed, Who.director.actor, "STOP-LIFT-CONSENT"),
        (.acceptedListed, Who.principal.actor, "STOP-LIFT-CONSENT"),
        (.acceptedListed, districtRegulator, "STOP-LIFT-CONSENT"),
        (.acceptedListed, Who.regulatorOnPath.actor, nil),
        (.acceptedListed, provinceRegulator, nil),
        (.acceptedListed, Who.regulatorOffPath.actor, "SCOPE-JURISDICTION"),
        (.acceptedListingLifted, Who.director.actor, nil),
        (.acceptedListingLifted, districtRegulator, nil),
        (.acceptedUnlisted, Who.principal.actor, nil),
        (.acceptedUnlisted, Who.officer.actor, "PRODUCT-ROLE"),
        (.acceptedUnlisted, Who.outsider.actor, "SCOPE-ENTERPRISE"),
        (.cancelled, Who.director.actor, nil),
    ]

    @Test(arguments: stopLifts)
    func aStopIsLiftedAfterAcceptanceAndWhileListedOnlyByTheListingOffice(_ situation: LiftCase, _ actor: Actor, _ expected: String?) throws {
        let hazard = try situation.hazard()
        var stop = ProductionStop(hazardID: hazard.id, scope: "二车间封口线", orderedBy: Who.director.actor.id, orderedAt: Clock.hours(1))
        #expect(Self.code { try stop.lift(note: "复测合格，恢复生产", hazard: hazard, by: actor, at: Clock.days(11)) } == expected)
        if expected == nil {
            #expect(!stop.isInForce && stop.liftedBy == actor.id && stop.liftedAt == Clock.days(11) && stop.liftNote == "复测合格，恢复生产")
            #expect(Self.code { try stop.lift(note: "再次", hazard: hazard, by: actor, at: Clock.days(12)) } == "STOP-NONE")
        } else {
            #expect(stop.isInForce, "a refused lift changes nothing")
        }
    }

    @Test func aLiftNeedsANote() throws {
        let hazard = try LiftCase.acceptedUnlisted.hazard()
        var stop = ProductionStop(hazardID: hazard.id, scope: "二车间", orderedBy: Who.director.actor.id, orderedAt: Clock.hours(1))
        #expect(Self.code { try stop.lift(note: " \n", hazard: hazard, by: Who.director.actor, at: Clock.days(11)) } == "INPUT-REQUIRED")
        #expect(stop.isInForce)
    }

    // MARK: The recall

    /// (case, the hazard, who, the batches named, a recall already planned, the plan, the rule that refuses).
    static let recallPlans: [(String, Fixture, Who, Bool, Bool, RecallPlan, String?)] = [
        ("a shipped batch, by the officer", .mRectifyingListed, .officer, true, false, plan(), nil),
        ("by the workshop head", .gAwaiting, .workshopHead, true, false, plan(), nil),
        ("by a team leader", .gAwaiting, .teamLeader, true, false, plan(), "PRODUCT-ROLE"),
        ("by a regulator", .gAwaiting, .regulatorOnPath, true, false, plan(), "SCOPE-ENTERPRISE"),
        ("no batch named", .gAwaiting, .officer, false, false, plan(), "RECALL-SHIPPED"),
        ("planned before", .gAwaiting, .officer, true, true, plan(), "RECALL-ONCE"),
        ("a deadline already past", .gAwaiting, .officer, true, false, plan(deadline: Clock.now), "DEADLINE-FUTURE"),
        ("no method", .gAwaiting, .officer, true, false, plan(method: " "), "INPUT-REQUIRED"),
        ("a closed hazard", .gClosed, .director, true, false, plan(), "PRODUCT-HAZARD-OPEN"),
    ]

    @Test(arguments: recallPlans)
    func aRecallIsPlannedOnceForShippedBatchesWithEveryElement(
        _ label: String,
        _ fixture: Fixture,
        _ who: Who,
        _ named: Bool,
        _ planned: Bool,
        _ plan: RecallPlan,
        _ expected: String?
    ) throws {
        let hazard = try fixture.build()
        let batches = named ? Self.batches(of: hazard) : []
        let existing = planned ? Recall(hazardID: hazard.id, enterpriseID: 1, plan: Self.plan(), plannedBy: 3, plannedAt: Clock.hours(9)) : nil
        #expect(
            Self.code { _ = try Recall.plan(plan, for: hazard, batches: batches, existing: existing, by: who.actor, at: Clock.now) } == expected,
            "\(label)"
        )
    }

    @Test func onlyUnshippedBatchesNeedNoRecall() throws {
        let hazard = try Fixture.gAwaiting.build()
        let unshipped = Self.batches(of: hazard).filter { !$0.isShipped }
        #expect(
            Self.code { _ = try Recall.plan(Self.plan(), for: hazard, batches: unshipped, existing: nil, by: Who.officer.actor, at: Clock.now) }
                == "RECALL-SHIPPED"
        )
        #expect(Self.code { try Recall.requirePlanBeforeAcceptance(of: hazard, batches: unshipped, recall: nil) } == nil)
    }

    /// (case, goods recovered so far per batch, the batch, the quantity, the rule that refuses).
    static let returns: [(String, [Int64: Int], Int64, Int, String?)] = [
        ("part of a shipped batch", [:], 1, 150, nil),
        ("the rest of it", [1: 150], 1, 250, nil),
        ("all of a batch at once", [:], 3, 50, nil),
        ("more than was shipped in all", [1: 150], 1, 251, "RECALL-QUANTITY"),
        ("nothing", [:], 1, 0, "RECALL-QUANTITY"),
        ("a negative quantity", [:], 1, -5, "RECALL-QUANTITY"),
        ("a batch never shipped", [:], 2, 1, "RECALL-BATCH"),
    ]

    @Test(arguments: returns)
    func goodsRecoveredAddUpToNoMoreThanWasShipped(
        _ label: String,
        _ before: [Int64: Int],
        _ batchID: Int64,
        _ quantity: Int,
        _ expected: String?
    )
        throws
    {
        let hazard = try Fixture.gAwaiting.build()
        let batches = Self.batches(of: hazard)
        var recall = try Recall.plan(Self.plan(), for: hazard, batches: batches, existing: nil, by: Who.officer.actor, at: Clock.now)
        for (id, count) in before {
            recall.returns.append(RecallReturn(batchID: id, quantity: count, disposal: "报废", recordedBy: 3, recordedAt: Clock.now))
        }
        let batch = try #require(batches.first { $0.id == batchID })
        let code = Self.code {
            try recall.recordReturn(of: batch, quantity: quantity, disposal: "返厂报废", hazard: hazard, by: Who.officer.actor, at: Clock.days(12))
        }
        #expect(code == expected, "\(label)")
        #expect(recall.recovered(of: batchID) == (before[batchID] ?? 0) + (expected == nil ? quantity : 0))
    }

    @Test func aReturnIsOfTheRecallsOwnHazardAndNamesItsDisposal() throws {
        let hazard = try Fixture.gAwaiting.build()
        var recall = try Recall.plan(Self.plan(), for: hazard, batches: Self.batches(of: hazard), existing: nil, by: Who.officer.actor, at: Clock.now)
        var foreign = Self.batches(of: hazard)[0]
        foreign.hazardID = hazard.id + 1
        #expect(
            Self.code { try recall.recordReturn(of: foreign, quantity: 1, disposal: "报废", hazard: hazard, by: Who.officer.actor, at: Clock.now) }
                == "RECALL-BATCH"
        )
        let batch = Self.batches(of: hazard)[0]
        #expect(
            Self.code { try recall.recordReturn(of: batch, quantity: 1, disposal: "", hazard: hazard, by: Who.officer.actor, at: Clock.now) }
                == "INPUT-REQUIRED"
        )
        #expect(
            Self.code { try recall.recordReturn(of: batch, quantity: 1, disposal: "报废", hazard: hazard, by: Who.teamLeader.actor, at: Clock.now) }
                == "PRODUCT-ROLE"
        )
        #expect(recall.returns.isEmpty)
    }

    /// (case, goods recovered per batch, closed as done, who, when, the rule that refuses).
    static let closures: [(String, [Int64: Int], Bool, Actor, Date, String?)] = [
        ("done, every shipped batch returned", [1: 380, 3: 50], true, Who.director.actor, Clock.days(20), nil),
        ("done by the principal", [1: 1, 3: 1], true, Who.principal.actor, Clock.days(20), nil),
        ("done, a shipped batch with nothing back", [1: 380], true, Who.director.actor, Clock.days(20), "RECALL-RETURNS"),
        ("done, by the officer", [1: 380, 3: 50], true, Who.officer.actor, Clock.days(20), "PRODUCT-ROLE"),
        ("done, by a regulator", [1: 380, 3: 50], true, Who.regulatorOnPath.actor, Clock.days(20), "SCOPE-ENTERPRISE"),
        ("not done, after the deadline, by a regulator", [:], false, Who.regulatorOnPath.actor, Clock.days(40), nil),
        ("not done, after the deadline, by the director", [1: 10], false, Who.director.actor, Clock.days(41), nil),
        ("not done, before the deadline", [:], false, Who.regulatorOnPath.actor, Clock.days(39), "RECALL-NOT-DUE"),
        ("not done, by another city's regulator", [:], false, Who.regulatorOffPath.actor, Clock.days(40), "SCOPE-JURISDICTION"),
    ]

    @Test(arguments: closures)
    func aRecallClosesDoneWithEveryShippedBatchReturnedOrNotDoneOnceDue(
        _ label: String,
        _ returned: [Int64: Int],
        _ done: Bool,
        _ actor: Actor,
        _ at: Date,
        _ expected: String?
    ) throws {
        let hazard = try Fixture.gAwaiting.build()
        let batches = Self.batches(of: hazard)
        var recall = try Recall.plan(Self.plan(), for: hazard, batches: batches, existing: nil, by: Who.officer.actor, at: Clock.now)
        for (id, count) in returned.sorted(by: { $0.key < $1.key }) {
            let batch = try #require(batches.first { $0.id == id })
            try recall.recordReturn(of: batch, quantity: count, disposal: "返厂报废", hazard: hazard, by: Who.officer.actor, at: Clock.days(15))
        }
        #expect(Self.code { try recall.close(done: done, note: "召回结束", batches: batches, hazard: hazard, by: actor, at: at) } == expected, "\(label)")
        #expect((recall.closure != nil) == (expected == nil), "\(label)")
        if expected == nil {
            #expect(
                Self.code { try recall.close(done: true, note: "再次", batches: batches, hazard: hazard, by: Who.director.actor, at: at) }
                    == "RECALL-CLOSED"
            )
            #expect(
                Self.code { try recall.recordReturn(of: batches[0], quantity: 1, disposal: "报废", hazard: hazard, by: Who.officer.actor, at: at) }
                    == "RECALL-CLOSED"
            )
        }
    }

    @Test func theReturnsMissingAreNamed() throws {
        let hazard = try Fixture.gAwaiting.build()
        let batches = Self.batches(of: hazard)
        var recall = try Recall.plan(Self.plan(), for: hazard, batches: batches, existing: nil, by: Who.officer.actor, at: Clock.now)
        do {
            try recall.close(done: true, note: "完成", batches: batches, hazard: hazard, by: Who.director.actor, at: Clock.days(20))
            Issue.record("closed as done with nothing returned")
        } catch {
            #expect(error.message.en.contains("B-01, B-03"))
            #expect(!error.message.en.contains("B-02"), "an unshipped batch needs no return")
        }
    }

    /// (case, the closure: done or not and when, the instant judged, where the recall stands).
    static let standings: [(String, (Bool, Double)?, Double, Recall.Standing)] = [
        ("open before the deadline", nil, 39.9, .underway),
        ("open at the deadline", nil, 40, .overdue),
        ("done before the deadline", (true, 39), 45, .done),
        ("done at the deadline, which is exclusive", (true, 40), 45, .dueNotDone),
        ("done after the deadline", (true, 41), 45, .dueNotDone),
        ("recorded as not done", (false, 40), 45, .dueNotDone),
    ]

    @Test(arguments: standings)
    func whereARecallStands(_ label: String, _ closure: (Bool, Double)?, _ at: Double, _ expected: Recall.Standing) {
        var recall = Recall(hazardID: 1, enterpriseID: 1, plan: Self.plan(deadline: Clock.days(40)), plannedBy: 3, plannedAt: Clock.now)
        recall.closure = closure.map { Recall.Closure(done: $0.0, closedBy: 2, closedAt: Clock.days($0.1), note: "结束") }
        #expect(recall.standing(at: Clock.days(at)) == expected, "\(label)")
    }

    @Test func aClosedRecallBecomesTheCreditRecordThatVetoesWhenDueAndNotDone() throws {
        let hazard = try Fixture.gAwaiting.build()
        let batches =
            Self.batches(of: hazard) + [
                Self.stored(4, "B-04", made: 10, shipped: 10, of: hazard),
                Self.stored(5, "B-05", made: 10, shipped: 10, product: "电源适配器", of: hazard),
            ]
        var recall = try Recall.plan(Self.plan(), for: hazard, batches: batches, existing: nil, by: Who.officer.actor, at: Clock.now)
        #expect(recall.qualityRecord(batches: batches, hazardNumber: hazard.number) == nil, "an open recall is no record yet")
        var notDone = recall
        try notDone.close(done: false, note: "经销商未配合", batches: batches, hazard: hazard, by: Who.regulatorOnPath.actor, at: Clock.days(42))
        var record = try #require(notDone.qualityRecord(batches: batches, hazardNumber: hazard.number))
        #expect(record.kind == .recall && record.subtype == "dueNotDone")
        #expect(record.occurredOn == Clock.days(40) && record.recordedAt == Clock.days(42) && record.recordedBy == Who.regulatorOnPath.actor.id)
        #expect(record.product == "电动自行车充电器、电源适配器" && record.reference == hazard.number && record.note == "经销商未配合")
        try record.validate(now: Clock.days(42))
        // Stored as QR-9, the record is the recall veto's evidence.
        record.id = 9
        let metrics = QualityRecordMetrics(records: [record], people: [], peopleAddedAt: [:]).metrics(asOf: Clock.days(50), since: Clock.days(-300))
        #expect(metrics["veto.recallNotDone"] == MetricValue(1, evidence: ["QR-9"]))

        for batch in batches where batch.isShipped {
            try recall.recordReturn(of: batch, quantity: 1, disposal: "报废", hazard: hazard, by: Who.officer.actor, at: Clock.days(20))
        }
        try recall.close(done: true, note: "召回完成", batches: batches, hazard: hazard, by: Who.director.actor, at: Clock.days(30))
        var done = try #require(recall.qualityRecord(batches: batches, hazardNumber: hazard.number))
        #expect(done.subtype == "done" && done.occurredOn == Clock.days(30))
        done.id = 10
        let clean = QualityRecordMetrics(records: [done], people: [], peopleAddedAt: [:]).metrics(asOf: Clock.days(50), since: Clock.days(-300))
        #expect(clean["veto.recallNotDone"]?.value == 0)
    }

    // MARK: Acceptance waits for the recall plan

    @Test func aHazardWithShippedBatchesIsNotAcceptedBeforeItsRecallIsPlanned() throws {
        let hazard = try Fixture.mAwaitingListed.build()
        let batches = Self.batches(of: hazard)
        do {
            try Recall.requirePlanBeforeAcceptance(of: hazard, batches: batches, recall: nil)
            Issue.record("accepted without a recall plan")
        } catch {
            #expect(error.rule == "RECALL-PLAN-BEFORE-ACCEPTANCE")
            #expect(error.message.en.contains("B-01, B-03") && !error.message.en.contains("B-02"))
        }
        let recall = try Recall.plan(Self.plan(), for: hazard, batches: batches, existing: nil, by: Who.officer.actor, at: Clock.now)
        #expect(Self.code { try Recall.requirePlanBeforeAcceptance(of: hazard, batches: batches, recall: recall) } == nil)
        #expect(Self.code { try Recall.requirePlanBeforeAcceptance(of: hazard, batches: [], recall: nil) } == nil)
    }

    // MARK: What a hazard affects, as the store hands it over

    static let passing = HazardEvent.accept(AcceptanceDraft(passed: true, criteria: "复查合格", opinion: "同意"))
    static let failing = HazardEvent.accept(AcceptanceDraft(passed: false, criteria: "复查", opinion: "仍有缺陷"))

    /// (case, the event, which batches, planned, the rule that holds it).
    static let gates: [(String, HazardEvent, [Int64], Bool, String?)] = [
        ("a passing acceptance, shipped batches, no plan", passing, [1, 2, 3], false, "RECALL-PLAN-BEFORE-ACCEPTANCE"),
        ("a passing acceptance, one shipped batch, no plan", passing, [3], false, "RECALL-PLAN-BEFORE-ACCEPTANCE"),
        ("a passing acceptance once the recall is planned", passing, [1, 2, 3], true, nil),
        ("a passing acceptance, nothing shipped", passing, [2], false, nil),
        ("a passing acceptance, no batch named", passing, [], false, nil),
        ("a failing acceptance sends it back: no plan needed", failing, [1, 2, 3], false, nil),
        ("any other event", .cancel(reason: "误报"), [1, 2, 3], false, nil),
        ("a submission", .startRectification, [1, 3], false, nil),
    ]

    @Test(arguments: gates)
    func onlyAPassingAcceptanceWaitsForTheRecallPlan(
        _ label: String,
        _ event: HazardEvent,
        _ ids: [Int64],
        _ planned: Bool,
        _ expected: String?
    ) throws {
        let hazard = try Fixture.mAwaitingListed.build()
        let batches = Self.batches(of: hazard).filter { ids.contains($0.id) }
        let recall = planned ? try Recall.plan(Self.plan(), for: hazard, batches: batches, existing: nil, by: Who.officer.actor, at: Clock.now) : nil
        let products = HazardProducts(batches: batches, recall: recall)
        #expect(Self.code { try products.admit(event, on: hazard) } == expected, "\(label)")
    }

    /// (case, the fixture, the action of the transition, its effects, the scope typed, the workshop, the scope ordered).
    static let reportStops: [(String, Fixture, Action, [Transition.Effect], String?, String, String?)] = [
        ("a major report, no scope typed", .mReportedListed, .report, [.stopAffectedProduction], nil, "二车间", "二车间 二车间封口工位"),
        ("a major report, a scope typed", .mReportedListed, .report, [.stopAffectedProduction], " 3号封口线 ", "二车间", "3号封口线"),
        ("a major report, a blank scope", .mReportedListed, .report, [.stopAffectedProduction], "  ", "", "二车间封口工位"),
        ("a general report", .gReported, .report, [], "3号封口线", "二车间", nil),
        ("an acceptance", .mAwaitingListed, .acceptPass, [.stopAffectedProduction], nil, "二车间", nil),
    ]

    @Test(arguments: reportStops)
    func aMajorReportOrdersTheStopOfWhatItAffects(
        _ label: String,
        _ fixture: Fixture,
        _ action: Action,
        _ effects: [Transition.Effect],
        _ scope: String?,
        _ workshop: String,
        _ expected: String?
    ) throws {
        let hazard = try fixture.build()
        let transition = Transition(action: action, from: .reported, to: .reported, effects: effects)
        let stop = ProductionStop.onReport(hazard, transition, scope: scope, workshopName: workshop, at: Clock.hours(1))
        #expect(stop?.scope == expected, "\(label)")
        if let stop {
            #expect(stop.hazardID == hazard.id && stop.orderedBy == hazard.foundBy && stop.orderedAt == Clock.hours(1) && stop.isInForce)
        }
    }

    @Test func theStopTheRecallAndABatchAreFoundOrRefusedByName() throws {
        let hazard = try Fixture.mAwaitingListed.build()
        let empty = HazardProducts()
        #expect(Self.code { _ = try empty.requireStopInForce(of: hazard) } == "STOP-NONE")
        #expect(Self.code { _ = try empty.requireRecall(of: hazard) } == "RECALL-NONE")
        #expect(Self.code { _ = try empty.requireBatch("B-01", of: hazard) } == "BATCH-UNKNOWN")
        let lifted = ProductionStop(
            id: 1,
            hazardID: hazard.id,
            scope: "一线",
            orderedBy: 1,
            orderedAt: Clock.base,
            liftedBy: 2,
            liftedAt: Clock.hours(1),
            liftNote: "复产"
        )
        let inForce = ProductionStop(id: 2, hazardID: hazard.id, scope: "二线", orderedBy: 1, orderedAt: Clock.hours(2))
        let products = HazardProducts(batches: Self.batches(of: hazard), stops: [lifted, inForce])
        #expect(try products.requireStopInForce(of: hazard) == inForce)
        #expect(HazardProducts(stops: [lifted]).stopInForce == nil)
        #expect(try products.requireBatch(" B-03 ", of: hazard).id == 3)
        #expect(products.shippedBatches.map(\.number) == ["B-01", "B-03"])
        do {
            _ = try products.requireBatch("B-9", of: hazard)
            Issue.record("an unknown batch was found")
        } catch {
            #expect(error.message.en.contains("B-01, B-02, B-03"))
        }
    }

    /// (who, the hazard, which products, the actions offered).
    static let offered: [(Who, Fixture, String, [ProductAction])] = [
        (.officer, .gRectifying, "none", [.recordBatch]),
        (.principal, .gRectifying, "none", [.recordBatch]),
        (.principal, .mAckedPlanApproved, "none", [.recordBatch, .orderStop]),
        (.principal, .mAckedPlanApproved, "stop", [.recordBatch]),
        (.officer, .mAwaitingListed, "shipped", [.recordBatch, .planRecall]),
        (.officer, .mAwaitingListed, "planned", [.recordBatch, .recordReturn]),
        (.principal, .mAwaitingListed, "planned", [.recordBatch, .orderStop, .recordReturn]),
        (.postWorker, .mAwaitingListed, "planned", []),
        (.outsider, .mAwaitingListed, "shipped", []),
        (.regulatorOnPath, .mAwaitingListed, "none", [.orderStop]),
        (.principal, .mClosedListed, "stop", []),
        (.regulatorOnPath, .mClosedListed, "stop", [.liftStop]),
        (.officer, .mClosedListed, "planned", [.recordReturn]),
        (.principal, .mClosedListed, "returned", [.recordReturn, .closeRecall]),
        (.officer, .mClosedListed, "returned", [.recordReturn]),
    ]

    @Test(arguments: offered)
    func theActionsOfferedAreThoseTheRulesWouldTake(_ who: Who, _ fixture: Fixture, _ situation: String, _ expected: [ProductAction]) throws {
        let hazard = try fixture.build()
        let batches = Self.batches(of: hazard)
        var products = HazardProducts()
        switch situation {
        case "stop": products.stops = [ProductionStop(id: 1, hazardID: hazard.id, scope: "一线", orderedBy: 1, orderedAt: Clock.base)]
        case "shipped": products.batches = batches
        case "planned", "returned":
            products.batches = batches
            // As the store hands a recall over, planned while the hazard was open.
            let returns =
                situation == "returned"
                ? batches.filter(\.isShipped).map {
                    RecallReturn(batchID: $0.id, quantity: 1, disposal: "销毁", recordedBy: 3, recordedAt: Clock.hours(2))
                } : []
            products.recall = Recall(
                hazardID: hazard.id,
                enterpriseID: hazard.enterpriseID,
                plan: Self.plan(),
                plannedBy: Who.officer.actor.id,
                plannedAt: Clock.hours(1),
                returns: returns
            )
        default: break
        }
        #expect(products.availableActions(on: hazard, for: who.actor, at: Clock.now) == expected, "\(who) \(fixture) \(situation)")
    }

    @Test func noQuantityTypedOverflowsASumOrABatch() throws {
        let hazard = try Fixture.gRectifying.build()
        let huge = BatchDraft(
            number: "B-X",
            product: "餐盒",
            quantityMade: ProductBatch.largestQuantity + 1,
            quantityShipped: 0,
            producedFrom: Clock.days(-2),
            producedTo: Clock.days(-1)
        )
        #expect(Self.code { _ = try ProductBatch.record(huge, on: hazard, besides: [], by: Who.officer.actor, at: Clock.now) } == "BATCH-QUANTITY")
        let awaiting = try Fixture.mAwaitingListed.build()
        let batches = Self.batches(of: awaiting)
        var recall = try Recall.plan(Self.plan(), for: awaiting, batches: batches, existing: nil, by: Who.officer.actor, at: Clock.now)
        try recall.recordReturn(of: batches[0], quantity: 1, disposal: "销毁", hazard: awaiting, by: Who.officer.actor, at: Clock.now)
        #expect(
            Self.code {
                try recall.recordReturn(of: batches[0], quantity: .max, disposal: "销毁", hazard: awaiting, by: Who.officer.actor, at: Clock.now)
            }
                == "RECALL-QUANTITY"
        )
    }

    /// (case, closed at (days; nil while open), as done, whether it stands as a derived record, withdrawn at).
    static let overdue: [(String, Double?, Bool, Bool, Double?)] = [
        ("open", nil, false, true, nil),
        ("closed as done before its deadline", 39, true, false, nil),
        ("closed as done after its deadline", 45, true, true, 45),
        ("recorded as not done", 41, false, true, 41),
    ]

    @Test(arguments: overdue)
    func aRecallPastItsDeadlineIsTheVetoUntilItsClosingRecordStandsInstead(
        _ label: String,
        _ closed: Double?,
        _ done: Bool,
        _ derived: Bool,
        _ withdrawn: Double?
    ) throws {
        var hazard = try Fixture.mAwaitingListed.build()
        hazard.id = 7  // as stored: the derived record's id is the hazard's, negated
        let batches = Self.batches(of: hazard)
        var recall = try Recall.plan(
            Self.plan(deadline: Clock.days(40)),
            for: hazard,
            batches: batches,
            existing: nil,
            by: Who.officer.actor,
            at: Clock.now
        )
        if let closed { recall.closure = Recall.Closure(done: done, closedBy: Who.principal.actor.id, closedAt: Clock.days(closed), note: "结束") }
        let record = recall.overdueRecord(batches: batches, hazardNumber: hazard.number)
        #expect((record != nil) == derived, "\(label)")
        guard let record else { return }
        #expect(record.isDerived && record.key == "hazard#\(hazard.id)" && record.kind == .recall && record.subtype == "dueNotDone")
        #expect(record.occurredOn == Clock.days(40) && record.recordedAt == Clock.days(40), "dated at the deadline")
        #expect(record.withdrawnAt == withdrawn.map(Clock.days), "\(label)")
        #expect(record.known(at: Clock.days(39.9)) == false && record.known(at: Clock.days(40)))
        if let withdrawn {
            #expect(!record.known(at: Clock.days(withdrawn)), "the closing record stands instead from the closure")
            // The stored record takes over at the same instant.
            let stored = try #require(recall.qualityRecord(batches: batches, hazardNumber: hazard.number))
            #expect(stored.subtype == "dueNotDone" && stored.recordedAt == Clock.days(withdrawn))
        }
    }
}
