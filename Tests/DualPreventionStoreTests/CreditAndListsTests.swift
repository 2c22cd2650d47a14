import DualPrevention
import DualPreventionCatalog
import DualPreventionStore
import Foundation
import GRDB
import Testing

@testable import DualPreventionStore

/// Inputs, stored grades and lists through the store: who may do what, all-or-nothing imports, grades that do
/// not move for a past date, and entries that leave the public view when their time is up.
@Suite("Credit grades and lists in the store")
struct CreditAndListsTests {
    static let checklists = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("checklists")

    static func creditRules() throws -> CreditRules {
        guard case .creditRules(let rules) = try CatalogLoader.load(file: checklists.appendingPathComponent("credit-rules.yaml").path) else {
            throw InputError(rule: "TEST", message: Text(zh: "规则", en: "not credit rules"))
        }
        return rules
    }

    static func listRules() throws -> ListRules {
        guard case .listRules(let rules) = try CatalogLoader.load(file: checklists.appendingPathComponent("list-rules.yaml").path) else {
            throw InputError(rule: "TEST", message: Text(zh: "规则", en: "not list rules"))
        }
        return rules
    }

    static func draft(
        _ staff: Staff,
        _ kind: QualityRecordKind,
        _ subtype: String,
        day: Double,
        product: String = "餐盒",
        validDays: Double? = nil
    ) -> QualityRecord {
        QualityRecord(
            enterpriseID: staff.enterprise.id,
            kind: kind,
            subtype: subtype,
            occurredOn: Clock.days(day),
            product: product,
            reference: "REF-\(kind.rawValue)",
            validUntil: validDays.map { Clock.days(day + $0) }
        )
    }

    func add(_ f: Fixture, _ drafts: [QualityRecord], by actor: Actor, at: Date) async throws -> [QualityRecord] {
        try await f.repository.addQualityRecords(drafts, by: actor, at: at) { _, _ in }
    }

    @Test("who records what: refused for the wrong person, invisible to the other enterprise", arguments: TestStore.all)
    func recordingIsScoped(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let spotCheck = Self.draft(f.a, .spotCheck, "passed", day: 1)
        await #expect(throws: Refusal.self) { _ = try await self.add(f, [spotCheck], by: f.a.director, at: Clock.days(2)) }
        await #expect(throws: Refusal.self) {
            _ = try await self.add(f, [Self.draft(f.a, .award, "municipal", day: 1)], by: f.a.workshopHead, at: Clock.days(2))
        }
        await #expect(throws: NotFoundError.self) { _ = try await self.add(f, [spotCheck], by: f.regulator2, at: Clock.days(2)) }
        await #expect(throws: NotFoundError.self) { _ = try await self.add(f, [spotCheck], by: f.b.director, at: Clock.days(2)) }
        let added = try await add(f, [spotCheck], by: f.regulator1, at: Clock.days(2))
        #expect(added.first?.recordedBy == f.regulator1.id)
        #expect(try await f.repository.qualityRecords(enterpriseID: nil, kind: nil, visibleTo: .person(f.a.officer)).map(\.id) == added.map(\.id))
        #expect(try await f.repository.qualityRecords(enterpriseID: nil, kind: nil, visibleTo: .person(f.b.officer)).isEmpty)
        await #expect(throws: NotFoundError.self) {
            _ = try await f.repository.qualityRecords(enterpriseID: f.a.enterprise.id, kind: nil, visibleTo: .person(f.b.officer))
        }
    }

    @Test("a batch with one bad record records nothing", arguments: TestStore.all)
    func batchIsAllOrNothing(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let before = try await f.count("audit_log")
        let drafts = [Self.draft(f.a, .standard, "declared", day: 1), Self.draft(f.a, .licence, "issued", day: 1)]  // the licence lacks its validity
        await #expect(throws: InputError.self) { _ = try await self.add(f, drafts, by: f.a.director, at: Clock.days(2)) }
        #expect(try await f.repository.qualityRecords(enterpriseID: nil, kind: nil, visibleTo: .system).isEmpty)
        #expect(try await f.count("audit_log") == before)
    }

    @Test("records are withdrawn once, never edited or deleted", arguments: TestStore.all)
    func recordsAreKept(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let record = try #require(try await add(f, [Self.draft(f.a, .injury, "general", day: 1)], by: f.a.officer, at: Clock.days(2)).first)
        let withdrawn = try await f.repository.withdrawQualityRecord(record.id, reason: "重复录入", by: f.a.director, at: Clock.days(3))
        #expect(withdrawn.withdrawnBy == f.a.director.id)
        await #expect(throws: Refusal.self) {
            _ = try await f.repository.withdrawQualityRecord(record.id, reason: "再撤一次", by: f.a.director, at: Clock.days(4))
        }
        await #expect(throws: (any Error).self) { try await f.execute("UPDATE quality_record SET subtype = 'serious' WHERE id = ?", [record.id]) }
        await #expect(throws: (any Error).self) { try await f.execute("DELETE FROM quality_record WHERE id = ?", [record.id]) }
        // A regulator's entry is not the enterprise's to withdraw; the same record twice is refused.
        let licence = try #require(
            try await add(f, [Self.draft(f.a, .licence, "issued", day: 1, validDays: 365)], by: f.regulator1, at: Clock.days(2)).first
        )
        await #expect(throws: Refusal.self) {
            _ = try await f.repository.withdrawQualityRecord(licence.id, reason: "不想要", by: f.a.director, at: Clock.days(3))
        }
        await #expect(throws: Refusal.self) {
            _ = try await self.add(f, [Self.draft(f.a, .recall, "dueNotDone", day: 1)], by: f.a.director, at: Clock.days(3))
        }
        await #expect(throws: InputError.self) {
            _ = try await self.add(f, [Self.draft(f.a, .licence, "issued", day: 1, validDays: 365)], by: f.a.director, at: Clock.days(3))
        }
        #expect(try await f.repository.verifyAudit(expectedHead: nil).isIntact)
        // Behind the program's back (trigger dropped), an edit is caught by the record check.
        try await f.dropTrigger("quality_record_no_edit", on: "quality_record")
        try await f.execute("UPDATE quality_record SET subtype = 'serious' WHERE id = ?", [record.id])
        #expect(try await f.repository.verifyAudit(expectedHead: nil).mismatches.map(\.objectType) == ["quality_record"])
    }

    @Test(
        "a grade as of a past date is the same before and after records added later; a regulator's grade is stored with its change",
        arguments: TestStore.all
    )
    func gradesAsOf(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let rules = try Self.creditRules()
        _ = try await add(
            f,
            [
                Self.draft(f.a, .licence, "issued", day: -300, validDays: 1_000),
                Self.draft(f.a, .certification, "system", day: -200, validDays: 1_000),
            ],
            by: f.a.director,
            at: Clock.days(1)
        )
        _ = try await add(f, [Self.draft(f.a, .spotCheck, "passed", day: 2)], by: f.regulator1, at: Clock.days(3))
        let asOf = Clock.days(10)
        let since = Clock.days(10 - 365)
        let before = try await f.repository.assessCredit(
            enterpriseID: f.a.enterprise.id,
            rules: rules,
            asOf: asOf,
            since: since,
            visibleTo: .person(f.a.director)
        )
        // Later: a failed spot check (dated inside the window), a recall not done, and the first grade stored.
        _ = try await add(
            f,
            [Self.draft(f.a, .spotCheck, "failedSafety", day: 5), Self.draft(f.a, .recall, "dueNotDone", day: 9)],
            by: f.regulator1,
            at: Clock.days(20)
        )
        let after = try await f.repository.assessCredit(
            enterpriseID: f.a.enterprise.id,
            rules: rules,
            asOf: asOf,
            since: since,
            visibleTo: .person(f.regulator1)
        )
        #expect(after.assessment == before.assessment)
        #expect(before.assessment.vetoes.isEmpty)
        await #expect(throws: Refusal.self) {
            _ = try await f.repository.recordCreditGrade(
                enterpriseID: f.a.enterprise.id,
                rules: rules,
                asOf: asOf,
                since: since,
                by: f.a.director,
                at: Clock.days(21)
            )
        }
        await #expect(throws: Refusal.self) {
            _ = try await f.repository.recordCreditGrade(
                enterpriseID: f.a.enterprise.id,
                rules: rules,
                asOf: asOf,
                since: since,
                by: f.regulator2,
                at: Clock.days(21)
            )
        }
        let first = try await f.repository.recordCreditGrade(
            enterpriseID: f.a.enterprise.id,
            rules: rules,
            asOf: asOf,
            since: since,
            by: f.regulator1,
            at: Clock.days(21)
        )
        #expect(first.assessment == before.assessment)
        #expect(first.previousID == nil)
        let now = try await f.repository.recordCreditGrade(
            enterpriseID: f.a.enterprise.id,
            rules: rules,
            asOf: Clock.days(21),
            since: Clock.days(21 - 365),
            by: f.cityRegulator,
            at: Clock.days(21)
        )
        #expect(now.grade == .d)
        #expect(now.assessment.vetoes.map(\.code) == ["recallNotDone"])
        #expect(now.previousID == first.id)
        #expect(now.previousGrade == first.grade)
        #expect(now.changes.contains { $0.item == "veto.recallNotDone" && !$0.newEvidence.isEmpty })
        #expect(now.changes.contains { $0.item == "spotChecks.safety" })
        #expect(abs(now.assessment.lines.reduce(0) { $0 + $1.points } - now.score) < 1e-9)
        #expect(try await f.repository.creditGrades(enterpriseID: nil, visibleTo: .person(f.b.director)).isEmpty)
        #expect(
            try await f.repository.creditGrades(enterpriseID: f.a.enterprise.id, visibleTo: .person(f.a.director)).map(\.id) == [first.id, now.id]
        )
        await #expect(throws: (any Error).self) { try await f.execute("UPDATE credit_grade SET grade = 'A' WHERE id = ?", [now.id]) }
        #expect(try await f.repository.verifyAudit(expectedHead: nil).isIntact)
    }

    @Test("grading many enterprises is one transaction: one refused, none stored", arguments: TestStore.all)
    func batchGrades(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let rules = try Self.creditRules()
        let requests = [f.a, f.b].map { CreditGradeRequest(enterpriseID: $0.enterprise.id, asOf: Clock.days(2), since: Clock.days(-363)) }
        let before = try await f.count("audit_log")
        await #expect(throws: Refusal.self) {
            _ = try await f.repository.recordCreditGrades(requests, rules: rules, by: f.regulator1, at: Clock.days(3))
        }
        #expect(try await f.repository.creditGrades(enterpriseID: nil, visibleTo: .system).isEmpty)
        #expect(try await f.count("audit_log") == before)
        let both = try await f.repository.recordCreditGrades(requests, rules: rules, by: f.cityRegulator, at: Clock.days(3))
        #expect(both.map(\.enterpriseID) == [f.a.enterprise.id, f.b.enterprise.id])
        #expect(try await f.count("audit_log") == before + 2)
    }

    @Test("honours are flagged for revocation on D", arguments: TestStore.all)
    func honoursFlaggedOnD(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let rules = try Self.creditRules()
        let brand = try #require(
            try await add(f, [Self.draft(f.a, .award, "famousBrand", day: 1, validDays: 365)], by: f.regulator1, at: Clock.days(1)).first
        )
        let fine = try await f.repository.recordCreditGrade(
            enterpriseID: f.a.enterprise.id,
            rules: rules,
            asOf: Clock.days(2),
            since: Clock.days(-363),
            by: f.regulator1,
            at: Clock.days(2)
        )
        #expect(fine.grade == .d, "an enterprise with next to no records scores below 60")
        #expect(fine.honoursToRevoke == [brand.key])
    }

    @Test("a quarter: evaluated once it ended, reviewed by someone else, published, then public for its time", arguments: TestStore.all)
    func quarterOfLists(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let rules = try Self.listRules()
        let local = try LocalTime()
        // Clock.t0 is 2026-09-21: 2026Q3 ends on the 30th.
        let quarter = try ReportingPeriod("2026Q3")
        _ = try await add(
            f,
            [
                Self.draft(f.b, .spotCheck, "failed", day: -800, product: "硫酸"), Self.draft(f.b, .spotCheck, "failed", day: -300, product: "硫酸"),
                Self.draft(f.b, .spotCheck, "failedSafety", day: -5, product: "硫酸"),
            ],
            by: f.regulator2,
            at: Clock.days(1)
        )
        _ = try await add(f, [Self.draft(f.a, .award, "provincial", day: -40)], by: f.regulator1, at: Clock.days(1))
        await #expect(throws: InputError.self) {
            _ = try await f.repository.evaluateLists(quarter: quarter, rules: rules, by: f.cityRegulator, at: Clock.days(5))
        }
        await #expect(throws: Refusal.self) {
            _ = try await f.repository.evaluateLists(quarter: quarter, rules: rules, by: f.a.director, at: Clock.days(12))
        }
        let proposed = try await f.repository.evaluateLists(quarter: quarter, rules: rules, by: f.cityRegulator, at: Clock.days(12))
        #expect(Set(proposed.map(\.criterion)) == ["repeatedFailures", "provincialAward"])
        #expect(
            try await f.repository.evaluateLists(quarter: quarter, rules: rules, by: f.cityRegulator, at: Clock.days(13)).isEmpty,
            "nothing twice"
        )
        let black = try #require(proposed.first { $0.list == .black })
        let red = try #require(proposed.first { $0.list == .red })
        #expect(black.evidence.count == 3)
        // A district regulator sees only its own district's entries.
        #expect(try await f.repository.listEntries(quarter: "2026Q3", visibleTo: .person(f.regulator2)).map(\.id) == [black.id])
        await #expect(throws: Refusal.self) { _ = try await f.repository.publishLists(quarter: "2026Q3", by: f.cityRegulator, at: Clock.days(14)) }
        await #expect(throws: Refusal.self) {
            _ = try await f.repository.reviewListEntry(black.id, approve: true, note: "", by: f.cityRegulator, at: Clock.days(14))
        }
        await #expect(throws: NotFoundError.self) {
            _ = try await f.repository.reviewListEntry(black.id, approve: true, note: "", by: f.regulator1, at: Clock.days(14))
        }
        _ = try await f.repository.reviewListEntry(black.id, approve: true, note: "属实", by: f.regulator2, at: Clock.days(14))
        _ = try await f.repository.reviewListEntry(red.id, approve: true, note: "属实", by: f.regulator1, at: Clock.days(14))
        let published = try await f.repository.publishLists(quarter: "2026Q3", by: f.cityRegulator, at: Clock.days(15))
        #expect(published.count == 2)
        await #expect(throws: Refusal.self) { _ = try await f.repository.publishLists(quarter: "2026Q3", by: f.cityRegulator, at: Clock.days(16)) }
        await #expect(throws: (any Error).self, "a published entry is not put back behind the program's back") {
            try await f.execute("UPDATE list_entry SET state = 'approved', published_at = NULL, published_by = NULL WHERE id = ?", [black.id])
        }
        await #expect(throws: (any Error).self) { try await f.execute("UPDATE list_entry SET evidence = '[\"QR-1\"]' WHERE id = ?", [black.id]) }

        /// What the public sees on a day, read both ways: every published entry judged in Swift, and the public read
        /// that the database narrows first (`ListRules.publicWindow`); they must agree.
        func publicCriteria(_ day: Double) async throws -> Set<String> {
            let judged = try await f.repository.publishedLists(rules: rules, at: Clock.days(day)).filter(\.visibility.isPublic)
            let narrowed = try await f.repository.publicLists(rules: rules, at: Clock.days(day), now: Clock.days(day))
            #expect(narrowed == judged, "day \(day)")
            return Set(judged.map(\.entry.criterion))
        }
        #expect(try await publicCriteria(14) == [])
        #expect(try await publicCriteria(100) == ["repeatedFailures", "provincialAward"])
        // A violation of enterprise A after publication drops its red entry at once; the black entry of B stays a year.
        _ = try await add(f, [Self.draft(f.a, .violation, "general", day: 120)], by: f.regulator1, at: Clock.days(121))
        #expect(try await publicCriteria(120) == ["repeatedFailures", "provincialAward"])
        #expect(try await publicCriteria(122) == ["repeatedFailures"])
        // Published on day 15 for 2026Q3, the black entry is public until 2027-09-30 (local): a year from the end of
        // its quarter, not from its publication (which would have kept it public until day 380).
        let yearEnd = try #require(local.endOfDay(year: 2027, month: 10, day: 1).map(local.startOfDay))
        #expect(try await publicCriteria(374) == ["repeatedFailures"], "2027-09-30, 08:00 local: still public")
        #expect(try await publicCriteria(375) == [], "2027-10-01, 08:00 local: a year on from the quarter's end, no longer public")
        // Asked about a day it was public, after its year: not shown again.
        #expect(try await f.repository.publicLists(rules: rules, at: Clock.days(100), now: Clock.days(375)).map(\.entry.criterion) == [])
        #expect(
            try await f.repository.publicLists(rules: rules, at: Clock.days(100), now: Clock.days(200)).map(\.entry.criterion) == ["repeatedFailures"]
        )
        let kept = try await f.repository.publishedLists(rules: rules, at: Clock.days(375))
        #expect(kept.contains { $0.entry.id == black.id && $0.visibility == .hidden(since: yearEnd) }, "but it is kept")
        #expect(local.day(quarter.end(in: local)) == "2026-09-30")
        #expect(try await f.repository.verifyAudit(expectedHead: nil).isIntact)
    }
}
