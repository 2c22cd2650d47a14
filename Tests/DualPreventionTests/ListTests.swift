import Foundation
import Testing

@testable import DualPrevention

/// Red and black lists: criteria over records, the review machine, and what the public sees on a date.
@Suite("Red and black lists")
struct ListTests {
    static func record(
        _ kind: QualityRecordKind,
        _ subtype: String,
        day: Double,
        product: String = "硫酸",
        area: ListArea = .productQuality,
        recordedDay: Double? = nil,
        id: Int64
    ) -> QualityRecord {
        QualityRecord(
            id: id,
            enterpriseID: 1,
            kind: kind,
            subtype: subtype,
            occurredOn: Clock.days(day),
            area: area,
            product: product,
            recordedBy: 9,
            recordedAt: Clock.days(recordedDay ?? day)
        )
    }

    static let repeated = ListRules.Criterion(
        code: "repeatedFailures",
        list: .black,
        area: .productQuality,
        name: Text(zh: "三次不合格", en: "three failures"),
        match: .init(kind: .spotCheck, subtypes: ["failed", "failedSafety"]),
        atLeast: 3,
        withinMonths: 36,
        sameProduct: true
    )
    static let clean = ListRules.Criterion(
        code: "clean",
        list: .red,
        area: .productQuality,
        name: Text(zh: "全部合格", en: "all passed"),
        match: .init(kind: .spotCheck, subtypes: ["passed"]),
        atLeast: 2,
        withinMonths: 60,
        noneOf: ["failed", "failedSafety"]
    )
    static let rules = ListRules(
        version: 1,
        name: Text(zh: "测试", en: "test"),
        criteria: [repeated, clean],
        breaches: [.init(kind: .spotCheck, subtypes: ["failed", "failedSafety"]), .init(kind: .violation)]
    )

    @Test("three failures of one product within three years; two products do not add up")
    func sameProduct() {
        let failures = [
            Self.record(.spotCheck, "failed", day: -1_000, id: 1), Self.record(.spotCheck, "failedSafety", day: -400, id: 2),
            Self.record(.spotCheck, "failed", day: -10, id: 3),
        ]
        #expect(Self.repeated.evidence(in: failures, asOf: Clock.days(0), knownAt: Clock.days(0))?.map(\.key) == ["QR-1", "QR-2", "QR-3"])
        #expect(Self.repeated.evidence(in: failures, asOf: Clock.days(100), knownAt: Clock.days(100)) == nil, "the first failure left the window")
        var mixed = failures
        mixed[1].product = "盐酸"
        #expect(Self.repeated.evidence(in: mixed, asOf: Clock.days(0), knownAt: Clock.days(0)) == nil)
        #expect(Self.repeated.evidence(in: failures, asOf: Clock.days(-20), knownAt: Clock.days(0)) == nil, "by day -20 only two had happened")
        var otherArea = failures
        otherArea[2].area = .metrology
        #expect(Self.repeated.evidence(in: otherArea, asOf: Clock.days(0), knownAt: Clock.days(0)) == nil, "a criterion looks at its own area")
    }

    @Test("all passed means none failed in the window")
    func noneOf() {
        let passes = [Self.record(.spotCheck, "passed", day: -700, id: 1), Self.record(.spotCheck, "passed", day: -20, id: 2)]
        #expect(Self.clean.evidence(in: passes, asOf: Clock.days(0), knownAt: Clock.days(0))?.count == 2)
        let failed = passes + [Self.record(.spotCheck, "failed", day: -300, id: 3)]
        #expect(Self.clean.evidence(in: failed, asOf: Clock.days(0), knownAt: Clock.days(0)) == nil)
        // A failure recorded only after the evaluation does not count for it.
        let late = passes + [Self.record(.spotCheck, "failed", day: -300, recordedDay: 5, id: 3)]
        #expect(Self.clean.evidence(in: late, asOf: Clock.days(0), knownAt: Clock.days(1))?.count == 2)
    }

    @Test("no red entry beside a black criterion met, nor after a breach in the past year")
    func redBarred() {
        let passes = [Self.record(.spotCheck, "passed", day: -700, id: 1), Self.record(.spotCheck, "passed", day: -20, id: 2)]
        #expect(
            ListEvaluator.evaluate(Self.rules, enterpriseID: 1, records: passes, existing: [], asOf: Clock.days(0), knownAt: Clock.days(0))
                .map(\.criterion.code) == ["clean"]
        )
        let violation = Self.record(.violation, "general", day: -100, id: 3)
        #expect(
            ListEvaluator.evaluate(
                Self.rules,
                enterpriseID: 1,
                records: passes + [violation],
                existing: [],
                asOf: Clock.days(0),
                knownAt: Clock.days(0)
            ).isEmpty
        )
        let failures = [
            Self.record(.spotCheck, "failed", day: -900, product: "盐酸", id: 4), Self.record(.spotCheck, "failed", day: -800, product: "盐酸", id: 5),
            Self.record(.spotCheck, "failed", day: -700, product: "盐酸", id: 6),
        ]
        var rules = Self.rules
        rules.criteria[1].noneOf = []
        #expect(
            ListEvaluator.evaluate(rules, enterpriseID: 1, records: passes + failures, existing: [], asOf: Clock.days(0), knownAt: Clock.days(0))
                .map(\.criterion.code) == ["repeatedFailures"]
        )
    }

    @Test("an entry already resting on the same evidence is not proposed again; new evidence is")
    func noRepeatProposals() {
        let failures = [
            Self.record(.spotCheck, "failed", day: -500, id: 1), Self.record(.spotCheck, "failed", day: -400, id: 2),
            Self.record(.spotCheck, "failed", day: -10, id: 3),
        ]
        let first = ListEvaluator.evaluate(Self.rules, enterpriseID: 1, records: failures, existing: [], asOf: Clock.days(0), knownAt: Clock.days(0))
        #expect(first.map(\.criterion.code) == ["repeatedFailures"])
        let entry = ListEntry(
            id: 1,
            quarter: "2026Q3",
            enterpriseID: 1,
            criterion: Self.repeated,
            evidence: first[0].evidence,
            proposedBy: 10,
            proposedAt: Clock.days(0)
        )
        #expect(
            ListEvaluator.evaluate(Self.rules, enterpriseID: 1, records: failures, existing: [entry], asOf: Clock.days(90), knownAt: Clock.days(90))
                .isEmpty
        )
        let more = failures + [Self.record(.spotCheck, "failed", day: 60, id: 4)]
        #expect(
            ListEvaluator.evaluate(Self.rules, enterpriseID: 1, records: more, existing: [entry], asOf: Clock.days(90), knownAt: Clock.days(90)).count
                == 1
        )
    }

    static let regulator = Actor(id: 10, name: "市局监管", role: .regulator, jurisdictionID: 20)
    static let otherRegulator = Actor(id: 12, name: "区局监管", role: .regulator, jurisdictionID: 30)
    static func proposed() -> ListEntry {
        ListEntry(
            id: 1,
            quarter: "2026Q3",
            enterpriseID: 1,
            criterion: repeated,
            evidence: ["QR-1"],
            proposedBy: regulator.id,
            proposedAt: Clock.days(0)
        )
    }

    /// (who reviews, approve, note, rule refused or nil).
    static let reviews: [(String, Actor, Bool, String, String?)] = [
        ("the proposer", regulator, true, "", "LIST-SEPARATION"),
        ("a district regulator", otherRegulator, true, "", nil),
        ("a district regulator rejecting without a reason", otherRegulator, false, " ", "INPUT-REQUIRED"),
        ("a district regulator rejecting with a reason", otherRegulator, false, "证据不足", nil),
        ("a regulator of another city", Who.regulatorOffPath.actor, true, "", "SCOPE-JURISDICTION"),
        ("the enterprise's director", Who.director.actor, true, "", "SCOPE-JURISDICTION"),
    ]

    @Test(arguments: reviews)
    func review(_ label: String, _ actor: Actor, _ approve: Bool, _ note: String, _ refusedBy: String?) {
        var entry = Self.proposed()
        do {
            try entry.review(approve: approve, note: note, by: actor, jurisdictionPath: enterprisePath, at: Clock.days(1))
            #expect(refusedBy == nil, "\(label) was allowed")
            #expect(entry.state == (approve ? .approved : .rejected))
            #expect(entry.reviewedBy == actor.id)
        } catch {
            #expect(error.rule == refusedBy, "\(label)")
            #expect(entry.state == .proposed)
        }
    }

    @Test("publish: only approved entries, once; reviewed entries are not reviewed again")
    func publish() throws {
        var entry = Self.proposed()
        #expect(throws: Refusal.self) { try entry.publish(by: Self.regulator, jurisdictionPath: enterprisePath, at: Clock.days(1)) }
        try entry.review(approve: true, note: "属实", by: Self.otherRegulator, jurisdictionPath: enterprisePath, at: Clock.days(1))
        #expect(throws: Refusal.self) {
            try entry.review(approve: false, note: "改主意", by: Self.otherRegulator, jurisdictionPath: enterprisePath, at: Clock.days(2))
        }
        try entry.publish(by: Self.regulator, jurisdictionPath: enterprisePath, at: Clock.days(2))
        #expect(entry.state == .published)
        #expect(entry.publishedAt == Clock.days(2))
        #expect(throws: Refusal.self) { try entry.publish(by: Self.regulator, jurisdictionPath: enterprisePath, at: Clock.days(3)) }
    }

    static func published(_ list: ListKind) -> ListEntry {
        var entry = ListEntry(
            id: 1,
            quarter: "2026Q3",
            enterpriseID: 1,
            criterion: list == .black ? repeated : clean,
            evidence: ["QR-1"],
            proposedBy: regulator.id,
            proposedAt: Clock.days(0)
        )
        entry.state = .published
        entry.publishedAt = Clock.days(10)
        return entry
    }

    static let local = try! LocalTime()

    /// Local midnight (Asia/Shanghai) starting a day.
    static func midnight(_ year: Int, _ month: Int, _ day: Int) -> Date {
        local.startOfDay(local.endOfDay(year: year, month: month, day: day)!)
    }

    @Test("black: public from publication until a year after the end of its quarter, then hidden but kept")
    func blackVisibility() {
        // 2026Q3, published on day 10 (2026-10-01): public until 2027-09-30, local, whatever the publication day.
        let entry = Self.published(.black)
        let end = Self.midnight(2027, 10, 1)
        #expect(entry.visibility(at: Clock.days(9), rules: Self.rules, breach: nil, local: Self.local) == .notPublished)
        #expect(entry.visibility(at: Clock.days(374), rules: Self.rules, breach: nil, local: Self.local) == .shown(until: end))
        #expect(entry.visibility(at: end.addingTimeInterval(-1), rules: Self.rules, breach: nil, local: Self.local).isPublic)
        #expect(entry.visibility(at: end, rules: Self.rules, breach: nil, local: Self.local) == .hidden(since: end))
    }

    /// (quarter, months public, the first local day it is hidden).
    static let blackEnds: [(String, Int, (Int, Int, Int))] = [
        ("2026Q1", 12, (2027, 4, 1)),  // DOMAIN.md §14's example: until 2027-03-31
        ("2026Q2", 12, (2027, 7, 1)),
        ("2026Q3", 12, (2027, 10, 1)),
        ("2026Q4", 12, (2028, 1, 1)),
        ("2027Q4", 12, (2029, 1, 1)),  // across a leap year: a calendar year, not 365 days
        ("2026Q1", 6, (2026, 10, 1)),
        ("2026Q4", 1, (2027, 2, 1)),
        ("2026Q2", 24, (2028, 7, 1)),
    ]

    @Test(arguments: blackEnds)
    func aBlackEntrysYearCountsFromTheEndOfItsQuarter(_ quarter: String, _ months: Int, _ day: (Int, Int, Int)) {
        #expect(ListEntry.blackPublicEnd(quarter: quarter, months: months, local: Self.local) == Self.midnight(day.0, day.1, day.2))
    }

    @Test func aBlackEntryOfAnotherZoneEndsAtItsOwnMidnight() throws {
        let urumqi = try LocalTime(timeZoneID: "Asia/Urumqi")
        let end = try #require(ListEntry.blackPublicEnd(quarter: "2026Q1", months: 12, local: urumqi))
        #expect(end.timeIntervalSince(Self.midnight(2027, 4, 1)) == 2 * 3_600)
        #expect(ListEntry.blackPublicEnd(quarter: "2026-03", months: 12, local: Self.local) == nil)
    }

    @Test("red: a year, dropped at once on a breach known by the date")
    func redVisibility() {
        let entry = Self.published(.red)
        #expect(entry.visibility(at: Clock.days(200), rules: Self.rules, breach: nil, local: Self.local).isPublic)
        #expect(entry.visibility(at: Clock.days(375), rules: Self.rules, breach: nil, local: Self.local) == .expired(on: Clock.days(375)))
        let failure = Self.record(.spotCheck, "failed", day: 50, recordedDay: 52, id: 7)
        let before = [Self.record(.spotCheck, "failed", day: -5, id: 6)]
        #expect(Self.rules.breach(of: entry, in: before, at: Clock.days(60)) == nil, "a failure known before the proposal is no breach of it")
        // One between proposal (day 0) and publication (day 10) drops it as it is published.
        let pending = Self.record(.spotCheck, "failed", day: 4, id: 8)
        let early = Self.rules.breach(of: entry, in: [pending], at: Clock.days(20))
        #expect(
            entry.visibility(at: Clock.days(20), rules: Self.rules, breach: early, local: Self.local) == .dropped(on: Clock.days(10), breach: "QR-8")
        )
        let breach = Self.rules.breach(of: entry, in: before + [failure], at: Clock.days(60))
        #expect(breach?.key == "QR-7")
        #expect(
            entry.visibility(at: Clock.days(60), rules: Self.rules, breach: breach, local: Self.local) == .dropped(on: Clock.days(52), breach: "QR-7")
        )
        #expect(Self.rules.breach(of: entry, in: [failure], at: Clock.days(51)) == nil, "not yet recorded on day 51: still public then")
    }

    @Test("rules that cannot work are refused")
    func problems() {
        var bad = Self.rules
        bad.criteria.append(Self.clean)
        bad.criteria.append(
            ListRules.Criterion(
                code: "odd",
                list: .red,
                area: .metrology,
                name: Text(zh: "x", en: "x"),
                match: .init(kind: .award, subtypes: ["gold"])
            )
        )
        let problems = bad.problems()
        #expect(problems.contains { $0.contains("clean is used twice") })
        #expect(problems.contains { $0.contains("no subtype gold") })
        #expect(
            ListRules(version: 1, name: Text(zh: "x", en: "x"), criteria: [Self.clean], breaches: []).problems().contains { $0.contains("black") }
        )
    }

    @Test(arguments: [
        ("2026Q3", "2026-07-01 00:00", "2026-09-30 23:59"), ("2026", "2026-01-01 00:00", "2026-12-31 23:59"),
        ("2026H2", "2026-07-01 00:00", "2026-12-31 23:59"), ("2026-02", "2026-02-01 00:00", "2026-02-28 23:59"),
    ])
    func reportingPeriods(_ text: String, _ start: String, _ end: String) throws {
        let local = try LocalTime()
        let period = try ReportingPeriod(text)
        #expect(period.description == text)
        #expect(local.minute(period.start(in: local)) == start)
        #expect(local.minute(period.end(in: local)) == end)
        #expect(ReportingPeriod.containing(period.end(in: local), unit: period.unit, in: local) == period)
    }

    @Test(arguments: ["2026Q5", "2026H3", "26Q1", "2026-13", "2026Q", "Q3", "2026X1"])
    func badPeriodsAreRefused(_ text: String) {
        #expect(throws: InputError.self) { try ReportingPeriod(text) }
    }

    @Test func previousQuarterCrossesTheYear() throws {
        #expect(try ReportingPeriod("2026Q1").previous.description == "2025Q4")
        #expect(try ReportingPeriod("2026Q3").previous.description == "2026Q2")
        #expect(try ReportingPeriod("2026").split(into: .quarter).map(\.description) == ["2026Q1", "2026Q2", "2026Q3", "2026Q4"])
    }
}

/// The window a store reads public entries from is never narrower than the rule (DOMAIN.md §14).
@Suite struct PublicWindowTests {
    static let rules = ListRules(version: 1, name: Text(zh: "规则", en: "rules"), criteria: [], breaches: [])

    /// Every black entry public at an instant is of a quarter the window keeps, in any zone; and the window keeps at
    /// most one quarter before the earliest public one.
    @Test(arguments: ["Asia/Shanghai", "Asia/Urumqi", "Pacific/Kiritimati", "Pacific/Pago_Pago"])
    func noPublicBlackEntryFallsOutsideTheWindow(_ zone: String) throws {
        let local = try LocalTime(timeZoneID: zone)
        let quarters = (2025...2028).flatMap { year in (1...4).map { "\(year)Q\($0)" } }
        var day = try #require(local.endOfDay(year: 2026, month: 1, day: 1))
        let last = try #require(local.endOfDay(year: 2029, month: 12, day: 31))
        var checked = 0
        while day < last {
            for instant in [day.addingTimeInterval(-86_399), day] {
                let window = Self.rules.publicWindow(at: instant)
                let shown = quarters.filter { quarter in
                    var entry = ListTests.published(.black)
                    entry.quarter = quarter
                    entry.publishedAt = .distantPast
                    return entry.visibility(at: instant, rules: Self.rules, breach: nil, local: local).isPublic
                }
                for quarter in shown { #expect(quarter >= window.blackFromQuarter, "\(quarter) public at \(instant) in \(zone)") }
                if let earliest = shown.min() {
                    #expect(quarters.filter { $0 >= window.blackFromQuarter && $0 < earliest }.count <= 1, "\(instant) \(zone)")
                    checked += 1
                }
            }
            day = day.addingTimeInterval(5 * 86_400)
        }
        #expect(checked > 300)
    }

    @Test func aRedEntryPublicAtAnInstantWasPublishedInsideTheWindow() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let window = Self.rules.publicWindow(at: now)
        #expect(window.publishedBy == now)
        #expect(window.redPublishedAfter < now.addingTimeInterval(-Double(Self.rules.redDays) * 86_400))
        #expect(window.redPublishedAfter > now.addingTimeInterval(-Double(Self.rules.redDays + 2) * 86_400))
    }
}
