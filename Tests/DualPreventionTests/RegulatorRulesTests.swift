import DualPrevention
import Foundation
import Testing

/// The regulator's side (DOMAIN.md §10–§11): warnings and their tasks, inspections and the hazards they find, who
/// accepts a found hazard, and the escalation ladder. Jurisdictions as in `Fixtures.swift`: province 10 → city 20 →
/// districts 30 (enterprise 1's) and 31; province 10 → city 21 → district 40.
@Suite struct RegulatorRulesTests {
    /// What a row expects: the state reached (or the enterprises reached), or the code of the rule that refused.
    enum Outcome<Value: Sendable & Equatable>: Sendable, Equatable {
        case to(Value)
        case no(String)
    }

    static let day: TimeInterval = 86_400
    static let shanghai = try! LocalTime(timeZoneID: "Asia/Shanghai")

    static func regulator(_ office: Int64) -> Actor {
        Actor(id: 100 + office, name: "监管员\(office)", role: .regulator, jurisdictionID: office)
    }

    static func outcome<T>(_ body: () throws(Refusal) -> T) -> Result<T, Refusal> {
        do throws(Refusal) {
            return .success(try body())
        } catch {
            return .failure(error)
        }
    }

    /// The code of the rule that refused, or nil when it went through.
    static func rule<T>(_ result: Result<T, Refusal>) -> String? {
        if case .failure(let refusal) = result { return refusal.rule }
        return nil
    }

    // MARK: Issuing a warning

    static let items = [WarningItem(ref: "A", text: "冷藏库温度记录是否完整"), WarningItem(ref: "B", text: "运输车辆温控是否有效")]

    /// Enterprises 1, 4, 5 in district 30; 2 in district 31 (same city); 3 in district 40 of city 21. Out of order on purpose.
    static let candidates = [
        ScopeCandidate(enterpriseID: 5, jurisdictionPath: [30, 20, 10], productCategory: "乳制品"),
        ScopeCandidate(enterpriseID: 3, jurisdictionPath: [40, 21, 10], productCategory: "乳制品"),
        ScopeCandidate(enterpriseID: 1, jurisdictionPath: [30, 20, 10], productCategory: "乳制品"),
        ScopeCandidate(enterpriseID: 4, jurisdictionPath: [30, 20, 10], productCategory: "糕点"),
        ScopeCandidate(enterpriseID: 2, jurisdictionPath: [31, 20, 10], productCategory: "乳制品"),
    ]

    static func draft(
        scope: WarningScope = .category("乳制品"),
        items: [WarningItem]? = nil,
        title: String = "预警",
        deadline: Date? = nil
    )
        -> WarningDraft
    {
        WarningDraft(number: "YJ-2026-0003", title: title, text: "请排查冷链温控", scope: scope, items: items ?? Self.items, deadline: deadline)
    }

    static func issue(
        _ draft: WarningDraft,
        by actor: Actor,
        at now: Date = Clock.now,
        rules: EscalationRules = .defaults
    )
        -> Result<(RiskWarning, [WarningTask]), Refusal>
    {
        Self.outcome { () throws(Refusal) in
            try RiskWarning.issue(draft, candidates: Self.candidates, by: actor, at: now, rules: rules, time: Self.shanghai)
        }
    }

    /// (issuer, draft, the enterprises given a task or the refusal).
    static let issuing: [(Actor, WarningDraft, Outcome<[Int64]>)] = [
        (regulator(30), draft(), .to([1, 5])), (regulator(20), draft(), .to([1, 2, 5])), (regulator(10), draft(), .to([1, 2, 3, 5])),
        (regulator(30), draft(scope: .category("糕点")), .to([4])), (regulator(21), draft(scope: .category("糕点")), .no("WARNING-SCOPE-EMPTY")),
        (regulator(30), draft(scope: .category("饮料")), .no("WARNING-SCOPE-EMPTY")),
        (regulator(30), draft(scope: .category(" ")), .no("INPUT-REQUIRED")),
        (regulator(20), draft(scope: .enterprises([2, 1])), .to([1, 2])),
        (regulator(30), draft(scope: .enterprises([1, 2])), .no("WARNING-SCOPE-JURISDICTION")),
        (regulator(20), draft(scope: .enterprises([1, 3])), .no("WARNING-SCOPE-JURISDICTION")),
        (regulator(20), draft(scope: .enterprises([1, 99])), .no("WARNING-SCOPE-JURISDICTION")),
        (regulator(20), draft(scope: .enterprises([])), .no("WARNING-SCOPE-EMPTY")),
        (Who.director.actor, draft(), .no("SCOPE-JURISDICTION")), (Who.admin.actor, draft(), .no("SCOPE-JURISDICTION")),
        (Actor(id: 41, name: "评估员", role: .assessor, jurisdictionID: 20), draft(), .no("SCOPE-JURISDICTION")),
        (Actor(id: 42, name: "无辖区监管员", role: .regulator), draft(), .no("SCOPE-JURISDICTION")),
        (regulator(30), draft(items: []), .no("WARNING-ITEMS")),
        (regulator(30), draft(items: [WarningItem(ref: "A", text: "一"), WarningItem(ref: "A", text: "二")]), .no("WARNING-ITEM-REFS")),
        (regulator(30), draft(items: [WarningItem(ref: " ", text: "一")]), .no("WARNING-ITEM-REFS")),
        (regulator(30), draft(items: [WarningItem(ref: "A", text: "  ")]), .no("INPUT-REQUIRED")),
        (regulator(30), draft(title: ""), .no("INPUT-REQUIRED")),
        (regulator(30), draft(deadline: Clock.days(20)), .to([1, 5])),
        (regulator(30), draft(deadline: Clock.now), .no("DEADLINE-FUTURE")), (regulator(30), draft(deadline: Clock.days(9)), .no("DEADLINE-FUTURE")),
    ]

    @Test(arguments: issuing)
    func aWarningReachesOnlyTheIssuersJurisdiction(_ issuer: Actor, _ draft: WarningDraft, _ expected: Outcome<[Int64]>) {
        switch Self.issue(draft, by: issuer) {
        case .success(let (warning, tasks)):
            #expect(Outcome.to(tasks.map(\.enterpriseID)) == expected)
            #expect(warning.issuedBy == issuer.id && warning.jurisdictionID == issuer.jurisdictionID && warning.issuedAt == Clock.now)
            if let given = draft.deadline { #expect(warning.deadline == given) }
            for task in tasks {
                let candidate = Self.candidates.first { $0.enterpriseID == task.enterpriseID }
                #expect(task.jurisdictionPath == candidate?.jurisdictionPath && task.jurisdictionPath.contains(warning.jurisdictionID))
                #expect(task.state == .issued && task.deadline == warning.deadline)
            }
        case .failure(let refusal):
            #expect(Outcome.no(refusal.rule) == expected)
        }
    }

    /// (issued at, warning_deadline_days, deadline instant, the deadline as people read it), in Asia/Shanghai.
    @Test(arguments: [
        ("2026-11-30T09:30:00Z", 15, "2026-12-15T16:00:00Z", "2026-12-15"), ("2026-11-30T15:59:59Z", 1, "2026-12-01T16:00:00Z", "2026-12-01"),
        ("2026-11-30T16:30:00Z", 15, "2026-12-16T16:00:00Z", "2026-12-16"),  // 00:30 on 1 December, local: a day later than in UTC
        ("2026-11-30T09:30:00Z", 0, "2026-11-30T16:00:00Z", "2026-11-30"),
    ])
    func theDefaultDeadlineIsTheEndOfALocalDay(_ issued: String, _ days: Int, _ instant: String, _ shown: String) throws {
        let now = try #require(ISO8601DateFormatter().date(from: issued))
        let (warning, tasks) = try Self.issue(Self.draft(), by: Self.regulator(30), at: now, rules: EscalationRules(warningDeadlineDays: days)).get()
        #expect(warning.deadline == ISO8601DateFormatter().date(from: instant))
        #expect(Self.shanghai.deadline(warning.deadline) == shown)
        #expect(!tasks.isEmpty && tasks.allSatisfy { $0.deadline == warning.deadline })
    }

    // MARK: The warning task machine

    /// Issued by the regulator of district 30 (id 130) at `Clock.base`, due 15 days later.
    static let warning = RiskWarning(
        id: 5,
        number: "YJ-2026-0003",
        kind: .investigation,
        title: "冷链专项排查",
        text: "请逐项自查并答复",
        scope: .category("乳制品"),
        items: items,
        checklistID: nil,
        issuedBy: 130,
        jurisdictionID: 30,
        issuedAt: Clock.base,
        deadline: Clock.days(15)
    )

    static func pass(_ ref: String) -> WarningTask.ItemResult { WarningTask.ItemResult(ref: ref, passed: true) }
    static func fail(_ ref: String, _ note: String = "温控记录缺失三天") -> WarningTask.ItemResult {
        WarningTask.ItemResult(ref: ref, passed: false, note: note)
    }

    /// Task 9 of enterprise 1 in `state`, reached through the machine; the officer acknowledges and answers.
    static func task(_ state: WarningTaskState) throws -> WarningTask {
        var made = WarningTask(id: 9, warningID: 5, enterpriseID: 1, jurisdictionPath: enterprisePath, deadline: warning.deadline)
        let officer = Who.officer.actor
        if state != .issued { try made.apply(.acknowledge, of: warning, by: officer, at: Clock.hours(2)) }
        if state == .rectifying { try made.apply(.answer([pass("A"), fail("B")]), of: warning, by: officer, at: Clock.hours(3)) }
        if state == .closed { try made.apply(.answer([pass("A"), pass("B")]), of: warning, by: officer, at: Clock.hours(3)) }
        return made
    }

    /// (state, event, actor, outcome). Items of the warning: A and B.
    static let taskTable: [(WarningTaskState, WarningTaskEvent, Who, Outcome<WarningTaskState>)] = [
        (.issued, .acknowledge, .director, .to(.acknowledged)), (.issued, .acknowledge, .workshopHead, .to(.acknowledged)),
        (.issued, .acknowledge, .teamLeader, .no("WARNING-ROLE")), (.issued, .acknowledge, .postWorker, .no("WARNING-ROLE")),
        (.issued, .acknowledge, .outsider, .no("SCOPE-ENTERPRISE")), (.issued, .acknowledge, .regulatorOnPath, .no("SCOPE-ENTERPRISE")),
        (.acknowledged, .acknowledge, .director, .no("WARNING-STATE")), (.closed, .acknowledge, .director, .no("WARNING-STATE")),
        (.issued, .answer([pass("A"), pass("B")]), .director, .no("WARNING-STATE")),
        (.acknowledged, .answer([pass("A"), pass("B")]), .principal, .to(.closed)),
        (.acknowledged, .answer([fail("B"), pass("A")]), .officer, .to(.rectifying)),
        (.acknowledged, .answer([pass("A"), pass("B")]), .postWorker, .no("WARNING-ROLE")),
        (.acknowledged, .answer([pass("A"), pass("B")]), .outsider, .no("SCOPE-ENTERPRISE")),
        (.acknowledged, .answer([pass("A")]), .director, .no("WARNING-ANSWER-ITEMS")),
        (.acknowledged, .answer([pass("A"), pass("B"), pass("C")]), .director, .no("WARNING-ANSWER-ITEMS")),
        (.acknowledged, .answer([pass("A"), pass("A"), pass("B")]), .director, .no("WARNING-ANSWER-ITEMS")),
        (.acknowledged, .answer([pass("A"), fail("B", " ")]), .director, .no("INPUT-REQUIRED")),
        (.rectifying, .answer([pass("A"), pass("B")]), .director, .no("WARNING-STATE")),
        (.closed, .answer([pass("A"), pass("B")]), .director, .no("WARNING-STATE")),
        (.rectifying, .link(hazardIDs: [70]), .director, .to(.rectifying)),
        (.rectifying, .link(hazardIDs: [70, 71]), .director, .no("WARNING-LINK")),
        (.rectifying, .link(hazardIDs: []), .director, .no("WARNING-LINK")), (.acknowledged, .link(hazardIDs: []), .director, .no("WARNING-LINK")),
        (.closed, .link(hazardIDs: [70]), .director, .no("WARNING-LINK")),
        (.rectifying, .settle(hazardStates: [.closed, .rectifying]), .director, .to(.rectifying)),
        (.rectifying, .settle(hazardStates: [.closed, .cancelled]), .director, .to(.closed)),
        (.acknowledged, .settle(hazardStates: [.closed, .cancelled]), .director, .to(.acknowledged)),  // settling only closes a task with hazards
    ]

    @Test(arguments: taskTable)
    func taskMachine(_ start: WarningTaskState, _ event: WarningTaskEvent, _ who: Who, _ expected: Outcome<WarningTaskState>) throws {
        let before = try Self.task(start)
        var task = before
        let result = Self.outcome { () throws(Refusal) in try task.apply(event, of: Self.warning, by: who.actor, at: Clock.now) }
        switch result {
        case .success:
            #expect(Outcome.to(task.state) == expected, "\(event) by \(who) on \(start)")
        case .failure(let refusal):
            #expect(Outcome.no(refusal.rule) == expected, "\(event) by \(who) on \(start)")
            #expect(task == before, "a refused event changed the task")
        }
    }

    @Test func theTaskRecordsWhoActedAndReturnsTheFailedItemsInItemOrder() throws {
        var task = try Self.task(.issued)
        try task.apply(.acknowledge, of: Self.warning, by: Who.director.actor, at: Clock.hours(4))
        #expect(task.acknowledgedBy == Who.director.actor.id && task.acknowledgedAt == Clock.hours(4))
        let failed = try task.apply(.answer([Self.fail("B"), Self.pass("A")]), of: Self.warning, by: Who.officer.actor, at: Clock.hours(5))
        #expect(failed == [Self.fail("B")])
        #expect(task.results == [Self.pass("A"), Self.fail("B")], "results follow the warning's item order")
        #expect(task.answeredBy == Who.officer.actor.id && task.answeredAt == Clock.hours(5))
        #expect(task.state == .rectifying && task.closedAt == nil)
        try task.apply(.link(hazardIDs: [70]), of: Self.warning, by: Who.officer.actor, at: Clock.hours(6))
        #expect(task.hazardIDs == [70])
        let relink = Self.outcome { () throws(Refusal) in
            try task.apply(.link(hazardIDs: [71]), of: Self.warning, by: Who.officer.actor, at: Clock.hours(6))
        }
        #expect(Self.rule(relink) == "WARNING-LINK" && task.hazardIDs == [70])
        try task.apply(.settle(hazardStates: [.closed, .cancelled]), of: Self.warning, by: Who.officer.actor, at: Clock.hours(9))
        #expect(task.state == .closed && task.closedAt == Clock.hours(9))

        var passed = try Self.task(.acknowledged)
        let none = try passed.apply(.answer([Self.pass("B"), Self.pass("A")]), of: Self.warning, by: Who.director.actor, at: Clock.hours(5))
        #expect(none.isEmpty && passed.state == .closed && passed.closedAt == Clock.hours(5), "an all-pass answer closes the task at once")
    }

    @Test func aFailedItemNeedsWhatWasFound() throws {
        var task = try Self.task(.acknowledged)
        let answer = WarningTaskEvent.answer([Self.pass("A"), Self.fail("B", "")])
        let result = Self.outcome { () throws(Refusal) in try task.apply(answer, of: Self.warning, by: Who.director.actor, at: Clock.now) }
        #expect(result == .failure(Refusal(.textRequired(field: "what was found at item B", zh: "排查项 B 发现的问题"))))
    }

    /// (answered, relative to the deadline, or never; now, relative to it; missed).
    static let misses: [(TimeInterval?, TimeInterval, Bool)] = [
        (-3_600, 10 * day, false), (0, 10 * day, true), (3_600, 2 * 3_600, true), (nil, -1, false), (nil, 0, true), (nil, day, true),
    ]

    @Test(arguments: misses)
    func aTaskMissesItsDeadlineWhenAnsweredAtOrAfterItOrNotByIt(_ answered: TimeInterval?, _ now: TimeInterval, _ missed: Bool) {
        let deadline = Self.warning.deadline
        let answeredAt = answered.map { deadline + $0 }
        let task = WarningTask(warningID: 5, enterpriseID: 1, jurisdictionPath: enterprisePath, deadline: deadline, answeredAt: answeredAt)
        #expect(task.missedDeadline(at: deadline + now) == missed)
    }

    // MARK: Inspections and the hazards they find

    static let passedItem = InspectionItem(ref: "1", text: "冷藏库温度记录", passed: true)
    static let failedItem = InspectionItem(ref: "2", text: "封口热封强度", passed: false, finding: "热封强度不足", workshopID: 1, grade: .major)
    static let workshops: Set<Int64> = [1, 2]

    static func inspection(_ items: [InspectionItem]? = nil, performedAt: Date = Clock.hours(1), delegates: Bool = false) -> Inspection {
        Inspection(
            id: 3,
            number: "JC-2026-0003",
            kind: .random,
            enterpriseID: 1,
            jurisdictionPath: enterprisePath,
            regulatorID: 0,
            officeID: 0,
            performedAt: performedAt,
            summary: "双随机抽查",
            items: items ?? [passedItem, failedItem],
            delegatesAcceptance: delegates,
            recordedAt: Clock.base
        )
    }

    static func failing(finding: String = "漏气", workshop: Int64?) -> InspectionItem {
        InspectionItem(ref: "2", text: "封口", passed: false, finding: finding, workshopID: workshop)
    }

    /// (recorder, draft, the refusal or nil); a recorded draft returns only its failed item.
    static let inspections: [(Actor, Inspection, String?)] = [
        (regulator(30), inspection(), nil), (regulator(20), inspection(), nil), (regulator(10), inspection(), nil),
        (regulator(20), inspection(delegates: true), nil),
        (regulator(31), inspection(), "SCOPE-JURISDICTION"), (regulator(21), inspection(), "SCOPE-JURISDICTION"),
        (Who.director.actor, inspection(), "SCOPE-JURISDICTION"),
        (Actor(id: 42, name: "无辖区监管员", role: .regulator), inspection(), "SCOPE-JURISDICTION"),
        (regulator(30), inspection(performedAt: Clock.now), nil), (regulator(30), inspection(performedAt: Clock.now + 60), "FOUND-PAST"),
        (regulator(30), inspection([]), "INSPECTION-ITEMS"),
        (regulator(30), inspection([passedItem, failedItem, passedItem]), "INSPECTION-ITEM-REFS"),
        (regulator(30), inspection([failing(finding: " ", workshop: 1)]), "INPUT-REQUIRED"),
        (regulator(30), inspection([failing(workshop: nil)]), "INSPECTION-WORKSHOP"),
        (regulator(30), inspection([failing(workshop: 9)]), "INSPECTION-WORKSHOP"),  // not a workshop of enterprise 1
    ]

    @Test(arguments: inspections)
    func aRegulatorOfThePathRecordsAnInspection(_ actor: Actor, _ draft: Inspection, _ rule: String?) {
        let result = Self.outcome { () throws(Refusal) in try Inspection.record(draft, workshops: Self.workshops, by: actor, at: Clock.now) }
        #expect(Self.rule(result) == rule)
        guard case .success(let (inspection, failed)) = result else { return }
        #expect(failed == [Self.failedItem])
        #expect(inspection.regulatorID == actor.id && inspection.officeID == actor.jurisdictionID && inspection.recordedAt == Clock.now)
        let office = draft.delegatesAcceptance ? nil : actor.jurisdictionID  // a delegating regulator leaves acceptance to the enterprise
        #expect(inspection.origin == HazardOrigin(kind: .inspection, recordID: 3, recordNumber: "JC-2026-0003", acceptingOffice: office))
    }

    static func finding(_ source: HazardSource = .inspection) -> HazardDraft {
        var draft = Payload.draft(grade: .major)
        draft.source = source
        return draft
    }

    static let origin = HazardOrigin(kind: .inspection, recordID: 3, recordNumber: "JC-2026-0003", acceptingOffice: 30)
    static let finders: [(Actor, String?)] = [
        (regulator(30), nil), (regulator(20), nil), (regulator(31), "SCOPE-JURISDICTION"), (Who.director.actor, "SCOPE-JURISDICTION"),
    ]

    @Test(arguments: finders)
    func aRegulatorOfThePathOpensTheHazardItFound(_ actor: Actor, _ rule: String?) {
        let result = Self.outcome { () throws(Refusal) in try Hazard.reportFinding(Self.finding(), origin: Self.origin, by: actor, at: Clock.now) }
        #expect(Self.rule(result) == rule)
        guard case .success(let (hazard, transition)) = result else { return }
        #expect(hazard.origin == Self.origin && hazard.source == .inspection)
        #expect(hazard.foundBy == actor.id && hazard.state == .reported && hazard.enterpriseID == 1)
        #expect(transition.effects == [.stopAffectedProduction])
    }

    @Test(arguments: [
        (InspectionKind.random, HazardSource.inspection), (.targeted, .inspection), (.spotCheck, .spotCheck), (.complaint, .complaint),
    ])
    func anInspectionKindNamesTheSourceOfItsHazards(_ kind: InspectionKind, _ source: HazardSource) throws {
        #expect(kind.hazardSource == source)
        let (hazard, _) = try Hazard.reportFinding(Self.finding(kind.hazardSource), origin: Self.origin, by: Self.regulator(30), at: Clock.now)
        #expect(hazard.source == source)
    }

    @Test(arguments: [
        (HazardSource.dailyCheck, nil as String?), (.weeklyCheck, nil), (.monthlyCheck, nil), (.spotCheck, nil), (.complaint, nil),
        (.report, nil), (.inspection, "HAZARD-SOURCE-RECORD"), (.warning, "HAZARD-SOURCE-RECORD"),
    ])
    func onlyTheirRecordsOpenHazardsOfInspectionsAndWarnings(_ source: HazardSource, _ rule: String?) {
        let result = Self.outcome { () throws(Refusal) in try Hazard.report(Self.finding(source), by: Who.director.actor, at: Clock.now) }
        #expect(Self.rule(result) == rule)
    }

    // MARK: Accepting a found hazard

    /// (accepting office, acceptor, passed, outcome) on a hazard awaiting acceptance that the officer rectified.
    static let acceptances: [(Int64?, Actor, Bool, Outcome<HazardState>)] = [
        (30, regulator(30), true, .to(.closed)), (30, regulator(30), false, .to(.rectifying)),
        (30, regulator(20), true, .to(.closed)), (30, regulator(10), true, .to(.closed)),
        (30, regulator(31), true, .no("ACCEPT-FINDING-REGULATOR")), (30, regulator(21), true, .no("ACCEPT-FINDING-REGULATOR")),
        (30, Actor(id: 42, name: "无辖区监管员", role: .regulator), true, .no("ACCEPT-FINDING-REGULATOR")),
        (30, Who.director.actor, true, .no("ACCEPT-FINDING-REGULATOR")), (30, Who.principal.actor, false, .no("ACCEPT-FINDING-REGULATOR")),
        (30, Who.officer.actor, true, .no("ACCEPT-FINDING-REGULATOR")),
        (20, regulator(30), true, .no("ACCEPT-FINDING-REGULATOR")),  // an office below the finding one
        (20, regulator(20), true, .to(.closed)), (20, regulator(10), false, .to(.rectifying)),
        // The enterprise moved out from under the finding office (99): the regulators over it now accept.
        (99, regulator(30), true, .to(.closed)), (99, regulator(31), true, .no("ACCEPT-FINDING-REGULATOR")),
        // Delegated: the enterprise's director alone (DOMAIN.md §10).
        (nil, Who.director.actor, true, .to(.closed)), (nil, Who.workshopHead.actor, false, .no("ROLE")),
        (nil, Who.officer.actor, true, .no("ROLE")), (nil, Who.postWorker.actor, true, .no("ROLE")),
        (nil, regulator(30), true, .no("SCOPE-ENTERPRISE")), (nil, regulator(20), true, .no("SCOPE-ENTERPRISE")),
    ]

    @Test(arguments: acceptances)
    func aFindingIsAcceptedByTheFindingOfficeOrAbove(_ office: Int64?, _ actor: Actor, _ passed: Bool, _ expected: Outcome<HazardState>) throws {
        var hazard = try Fixture.gAwaiting.build()
        hazard.origin = HazardOrigin(kind: .inspection, recordID: 3, recordNumber: "JC-2026-0003", acceptingOffice: office)
        let before = hazard
        let offered = hazard.availableActions(for: actor, at: Clock.now).contains(passed ? .acceptPass : .acceptFail)
        switch attempt(.accept(Payload.acceptance(passed: passed)), on: &hazard, by: actor, at: Clock.now) {
        case .success:
            #expect(Outcome.to(hazard.state) == expected, "\(actor.name)")
            #expect(hazard.acceptances.last?.acceptorID == actor.id)
            let closedAt: Date? = passed ? Clock.now : nil
            #expect(hazard.closedAt == closedAt)
            #expect(offered, "accepted but not offered to \(actor.name)")
        case .failure(let refusal):
            #expect(Outcome.no(refusal.rule) == expected, "\(actor.name)")
            #expect(hazard == before)
            #expect(!offered, "refused but offered to \(actor.name)")
        }
    }

    /// (accepting office, who cancels) → outcome: what a regulator found and keeps to accept, the enterprise may not cancel.
    static let cancellations: [(Int64?, Actor, Outcome<HazardState>)] = [
        (30, Who.director.actor, .no("ACCEPT-FINDING-REGULATOR")), (30, Who.principal.actor, .no("ACCEPT-FINDING-REGULATOR")),
        (30, regulator(30), .to(.cancelled)), (30, regulator(20), .to(.cancelled)), (30, regulator(31), .no("ACCEPT-FINDING-REGULATOR")),
        (nil, Who.director.actor, .to(.cancelled)), (nil, regulator(30), .no("SCOPE-ENTERPRISE")),
    ]

    @Test(arguments: cancellations)
    func aFindingIsCancelledOnlyByTheOfficeThatAcceptsIt(_ office: Int64?, _ actor: Actor, _ expected: Outcome<HazardState>) throws {
        var hazard = try Fixture.gAwaiting.build()
        hazard.origin = HazardOrigin(kind: .inspection, recordID: 3, recordNumber: "JC-2026-0003", acceptingOffice: office)
        let before = hazard
        switch attempt(.cancel(reason: "重复录入"), on: &hazard, by: actor, at: Clock.now) {
        case .success: #expect(Outcome.to(hazard.state) == expected, "\(actor.name)")
        case .failure(let refusal):
            #expect(Outcome.no(refusal.rule) == expected, "\(actor.name)")
            #expect(hazard == before)
        }
    }

    // MARK: The escalation ladder

    /// The deadline of a hazard due on 2026-12-04: 2026-12-05 00:00 in Shanghai.
    static let due = Date(timeIntervalSince1970: 1_796_400_000)

    /// Hazard 7 of enterprise 1, owned by the officer (3).
    static func subject(_ state: HazardState, _ grade: HazardGrade, listed: Bool = false, deadline: Date?) -> EscalationSubject {
        EscalationSubject(
            hazardID: 7,
            enterpriseID: 1,
            jurisdictionPath: enterprisePath,
            state: state,
            grade: grade,
            isListed: listed,
            ownerID: 3,
            deadline: deadline
        )
    }

    /// (state, grade, listed, now relative to the deadline, rungs due).
    static let ladder: [(HazardState, HazardGrade, Bool, TimeInterval, [EscalationStep])] = [
        (.rectifying, .general, false, -5 * day, []), (.rectifying, .general, false, -4 * day - 1, []),
        (.rectifying, .general, false, -4 * day, [.remindOwner]), (.notified, .general, false, -1, [.remindOwner]),
        (.rectifying, .general, false, 0, [.director]), (.rectifying, .general, false, 2 * day - 1, [.director]),
        (.rectifying, .general, false, 2 * day, [.director, .principal]), (.rectifying, .general, false, 30 * day, [.director, .principal]),
        (.rectifying, .major, false, -1, [.remindOwner]), (.rectifying, .major, false, 0, [.director, .regulator]),
        (.notified, .major, false, 2 * day, [.director, .principal, .regulator]),
        (.rectifying, .major, false, 6 * day - 1, [.director, .principal, .regulator]),
        (.rectifying, .major, false, 6 * day, [.director, .principal, .regulator, .regulatorAbove]),
        (.rectifying, .general, true, 0, [.director, .regulator]),
        (.rectifying, .general, true, 6 * day, [.director, .principal, .regulator, .regulatorAbove]),
        (.awaitingAcceptance, .major, true, 10 * day, []), (.closed, .major, false, 10 * day, []),
        (.cancelled, .general, false, 10 * day, []), (.reported, .major, false, 10 * day, []),
    ]

    @Test(arguments: ladder)
    func theLadderClimbs(_ state: HazardState, _ grade: HazardGrade, _ listed: Bool, _ offset: TimeInterval, _ expected: [EscalationStep]) {
        let now = Self.due + offset
        let steps = EscalationLadder.steps(for: Self.subject(state, grade, listed: listed, deadline: Self.due), at: now, rules: .defaults)
        #expect(steps.map(\.step) == expected)
        #expect(steps.allSatisfy { $0.due <= now && $0.object == .hazard && $0.objectID == 7 && $0.enterpriseID == 1 })
    }

    @Test func eachRungNamesItsRecipientAndWhenItFellDue() {
        // Each rung is keyed by the deadline it climbs from, so an extended deadline's rungs are news again.
        func note(_ step: EscalationStep, _ recipient: Recipient, _ due: Date) -> DueNotification {
            let period = String(Int64(Self.due.timeIntervalSince1970))
            return DueNotification(object: .hazard, objectID: 7, enterpriseID: 1, step: step, recipient: recipient, due: due, period: period)
        }
        let (d, day) = (Self.due, Self.day)
        let major = Self.subject(.rectifying, .major, deadline: d)
        #expect(EscalationLadder.steps(for: major, at: d - 1, rules: .defaults) == [note(.remindOwner, .person(3), d - 4 * day)])
        #expect(
            EscalationLadder.steps(for: major, at: d + 6 * day, rules: .defaults) == [
                note(.director, .role(.director, enterpriseID: 1), d), note(.principal, .role(.principal, enterpriseID: 1), d + 2 * day),
                note(.regulator, .office(30), d), note(.regulatorAbove, .office(20), d + 6 * day),
            ]
        )
    }

    @Test func noDeadlineNoOwnerOrNoOfficeAboveLeaveTheirRungsOut() {
        let late = Self.due + 10 * Self.day
        #expect(EscalationLadder.steps(for: Self.subject(.rectifying, .major, deadline: nil), at: late, rules: .defaults).isEmpty)
        var ownerless = Self.subject(.rectifying, .major, deadline: Self.due)
        ownerless.ownerID = nil
        #expect(EscalationLadder.steps(for: ownerless, at: Self.due - 1, rules: .defaults).isEmpty)
        var alone = Self.subject(.rectifying, .major, deadline: Self.due)
        alone.jurisdictionPath = [30]
        #expect(EscalationLadder.steps(for: alone, at: late, rules: .defaults).map(\.step) == [.director, .principal, .regulator])
    }

    /// (task state, now relative to the warning's issue, rungs due); the deadline is 15 days after issue.
    static let taskLadder: [(WarningTaskState, TimeInterval, [EscalationStep])] = [
        (.issued, 3 * day - 1, []), (.issued, 3 * day, [.warningUnacknowledged]), (.issued, 15 * day, [.warningUnacknowledged, .warningUnanswered]),
        (.acknowledged, 3 * day, []), (.acknowledged, 15 * day - 1, []), (.acknowledged, 15 * day, [.warningUnanswered]),
        (.rectifying, 20 * day, []), (.closed, 20 * day, []),
    ]

    @Test(arguments: taskLadder)
    func theIssuerHearsOfAnUnacknowledgedOrUnansweredTask(_ state: WarningTaskState, _ offset: TimeInterval, _ expected: [EscalationStep]) throws {
        let task = try Self.task(state)
        let steps = EscalationLadder.steps(for: task, of: Self.warning, at: Self.warning.issuedAt + offset, rules: .defaults)
        #expect(steps.map(\.step) == expected)
        for due in steps {
            #expect(due.recipient == .person(Self.warning.issuedBy) && due.object == .warningTask && due.objectID == 9)
            #expect(due.due == (due.step == .warningUnacknowledged ? Self.warning.issuedAt + 3 * Self.day : task.deadline))
        }
    }

    /// (rules, how many problems, what each of them mentions).
    static let ruleFiles: [(EscalationRules, Int, String)] = [
        (.defaults, 0, ""), (EscalationRules(remindOwnerDaysBefore: -1), 1, "remind_owner_days_before"),
        (EscalationRules(directorDaysAfter: -1), 1, "director_days_after"), (EscalationRules(regulatorDaysAfter: -2), 1, "regulator_days_after"),
        (EscalationRules(warningAcknowledgeDays: -1), 1, "warning_acknowledge_days"),
        (EscalationRules(warningDeadlineDays: 0), 1, "warning_deadline_days"),  // yet `issue` accepts 0: the end of the day of issue
        (EscalationRules(directorDaysAfter: 5, principalDaysAfter: 3), 1, "principal_days_after comes before director_days_after"),
        (EscalationRules(regulatorDaysAfter: 8), 1, "regulator_above_days_after comes before regulator_days_after"),
        (EscalationRules(principalDaysAfter: -1), 2, "principal_days_after"),
    ]

    @Test(arguments: ruleFiles)
    func aRulesFileIsCheckedBeforeUse(_ rules: EscalationRules, _ count: Int, _ mention: String) {
        #expect(rules.problems.count == count, "\(rules.problems)")
        #expect(rules.problems.allSatisfy { $0.contains(mention) }, "\(rules.problems)")
    }
}

/// An inspection dated today (a bare date reads as the end of the day) was performed now; other days stay as given.
@Suite("When an inspection was performed")
struct InspectionPerformedTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21 22:13 in Shanghai

    @Test(arguments: [
        ("2026-09-21", true),  // today: the day's end is ahead, so now
        ("2026-09-20", false),  // yesterday, as given
        ("2026-09-22", false),  // tomorrow, as given (record refuses it)
    ])
    func todayStandsForNow(_ text: String, _ isNow: Bool) throws {
        let local = try LocalTime()
        let parsed = try local.parse(text)
        let performed = Inspection.performed(parsed, now: Self.now, local: local)
        #expect((performed == Self.now) == isNow)
        if !isNow { #expect(performed == parsed) }
    }
}

/// Missed daily checks on the ladder: each missed day reminds the person responsible and the director; the day that
/// makes three in a row reaches the regulator; days before the plan started or outside the lookback are not news.
@Suite("Missed daily checks on the ladder")
struct MissedCheckLadderTests {
    static let local: LocalTime = {
        do { return try LocalTime() } catch { preconditionFailure("Asia/Shanghai is a known zone") }
    }()
    /// 2026-12-10 08:00 in Shanghai.
    static let now = Date(timeIntervalSince1970: 1_796_860_800)
    /// The local days ended over the last month, as a pass works them out once.
    static let days = CheckSchedule(local: local).endedPeriods(.daily, since: now.addingTimeInterval(-30 * 86_400), asOf: now)

    static func keys(daysBack: [Int]) -> Set<String> {
        Set(daysBack.map { local.day(now.addingTimeInterval(-Double($0) * 86_400)) })
    }

    @Test(arguments: [
        // (days recorded, counted back from yesterday = 1; plan started days ago) → (missed days, regulator notices)
        ([1, 2, 3, 4, 5, 6, 7], 30, 0, 0),
        ([1, 2, 3, 5, 6, 7], 30, 1, 0),
        ([1, 4, 5, 6, 7], 30, 2, 0),
        ([4, 5, 6, 7], 30, 3, 1),
        ([], 30, 7, 0),  // the run reached three before the lookback: the regulator heard then, not again
        ([], 5, 4, 1),  // four days since the plan started, none recorded: three in a row on the third
        ([], 2, 1, 0),  // the plan started yesterday morning: only yesterday counts
    ])
    func missedDays(_ recorded: [Int], _ startedDaysAgo: Int, _ missed: Int, _ toRegulator: Int) {
        let plan = CheckPlan(
            id: 9,
            enterpriseID: 1,
            kind: .daily,
            responsibleID: 42,
            startsOn: Self.local.startOfDay(Self.now.addingTimeInterval(-Double(startedDaysAgo - 1) * 86_400))
        )
        let due = EscalationLadder.steps(
            forDaily: plan,
            jurisdictionPath: [30, 20, 10],
            done: Self.keys(daysBack: recorded),
            days: Self.days,
            at: Self.now,
            rules: .defaults
        )
        let checks = due.filter { $0.step == .checkMissed }
        #expect(checks.count == missed * 2)
        #expect(Set(checks.map(\.recipient)) == (missed == 0 ? [] : [.person(42), .role(.director, enterpriseID: 1)]))
        #expect(Set(checks.map(\.period)).count == missed)
        let regulator = due.filter { $0.step == .checksMissedToRegulator }
        #expect(regulator.count == toRegulator)
        #expect(regulator.allSatisfy { $0.recipient == .office(30) })
        #expect(due.allSatisfy { $0.due <= Self.now && $0.object == .checkPlan && $0.objectID == 9 })
    }

    @Test func weeklyPlansAreNotOnThisRung() {
        let plan = CheckPlan(id: 9, enterpriseID: 1, kind: .weekly, responsibleID: 42, startsOn: Self.now.addingTimeInterval(-30 * 86_400))
        #expect(EscalationLadder.steps(forDaily: plan, jurisdictionPath: [30], done: [], days: Self.days, at: Self.now, rules: .defaults).isEmpty)
    }
}

/// What an answer's failed items open, and what an enterprise sees of a warning's scope: decided in the domain.
@Suite("Findings of an answer, and the scope as seen")
struct WarningFindingsTests {
    static let warning = RiskWarning(
        id: 5,
        number: "YJ-2026-0005",
        kind: .warning,
        title: "预警",
        text: "请排查",
        scope: .enterprises([1, 2, 3]),
        items: [WarningItem(ref: "B1", text: "仓库"), WarningItem(ref: "B2", text: "充电区")],
        checklistID: nil,
        issuedBy: 9,
        jurisdictionID: 30,
        issuedAt: Date(timeIntervalSince1970: 1_790_000_000),
        deadline: Date(timeIntervalSince1970: 1_791_000_000)
    )

    @Test func eachFailedItemOpensAHazardInTheNamedWorkshop() throws {
        let found = try WarningTask.findings([.init(ref: "B2", passed: false, note: "未隔离")], of: Self.warning, workshopID: 4)
        #expect(found.map(\.ref) == ["B2"] && found.map(\.workshopID) == [4])
        #expect(found.map(\.description) == ["未隔离（YJ-2026-0005 充电区）"])
        #expect(try WarningTask.findings([], of: Self.warning, workshopID: nil).isEmpty, "nothing failed: no workshop needed")
        #expect(throws: Refusal.self) { try WarningTask.findings([.init(ref: "B1", passed: false, note: "超温")], of: Self.warning, workshopID: nil) }
    }

    @Test func anEnterpriseSeesOnlyItselfInANamedSet() {
        let director = Actor(id: 1, name: "总监", role: .director, enterpriseID: 2)
        let regulator = Actor(id: 2, name: "监管", role: .regulator, jurisdictionID: 30)
        #expect(Self.warning.seen(by: director).scope == .enterprises([2]))
        #expect(Self.warning.seen(by: regulator).scope == .enterprises([1, 2, 3]))
        var category = Self.warning
        category.scope = .category("电动自行车")
        #expect(category.seen(by: director).scope == .category("电动自行车"))
    }
}
