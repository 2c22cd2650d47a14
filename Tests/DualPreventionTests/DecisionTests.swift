import Foundation
import Testing

@testable import DualPrevention

/// The decisions the store used to take itself (accounts, record withdrawal, grading, appointments, lists, who
/// reports), as tables of (who, situation) → the rule that refuses, or nil when allowed. No database.
@Suite struct DecisionTests {
    static func code(_ body: () throws(Refusal) -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            if case .rule(let code, _) = error.reason { return code }
            return "\(error.reason)".components(separatedBy: "(").first
        }
    }

    // MARK: Accounts

    @Test(arguments: [
        (Who.admin, 3, false, nil as String?),  // an administrator sets anyone's, even a disabled account's
        (Who.admin, 3, true, nil),
        (Who.officer, 3, false, nil),  // one's own
        (Who.officer, 3, true, "ACCOUNT-DISABLED"),  // not one's own disabled account
        (Who.director, 3, false, "ACCOUNT-ADMIN"),  // not another person's
        (Who.regulatorOnPath, 3, false, "ACCOUNT-ADMIN"),
    ])
    func settingAPassword(who: Who, personID: Int64, disabled: Bool, refusal: String?) {
        let existing = Account(personID: personID, passwordHash: "old", changedAt: Clock.base, disabledAt: disabled ? Clock.hours(1) : nil)
        var set: Account?
        #expect(
            Self.code { () throws(Refusal) in set = try Account.settingPassword("new", of: personID, existing: existing, by: who.actor, at: Clock.now)
            } == refusal
        )
        if refusal == nil {
            #expect(set == Account(personID: personID, passwordHash: "new", changedAt: Clock.now))  // enabled again
        }
    }

    @Test(arguments: [
        (Who.admin, 3 as Int64, false, nil as String?),
        (Who.admin, 3, true, "ACCOUNT-DISABLED"),  // once
        (Who.admin, 8, false, "ACCOUNT-ADMIN"),  // never one's own
        (Who.director, 3, false, "ACCOUNT-ADMIN"),
    ])
    func disablingAnAccount(who: Who, personID: Int64, disabled: Bool, refusal: String?) {
        var account = Account(personID: personID, passwordHash: "h", changedAt: Clock.base, disabledAt: disabled ? Clock.hours(1) : nil)
        #expect(Self.code { () throws(Refusal) in try account.disable(by: who.actor, at: Clock.now) } == refusal)
        if refusal == nil { #expect(account.disabledAt == Clock.now) }
    }

    // MARK: Quality records

    static func record(kind: QualityRecordKind = .licence, subtype: String = "issued", withdrawn: Bool = false) -> QualityRecord {
        var record = QualityRecord(
            id: 5,
            enterpriseID: 1,
            kind: kind,
            subtype: subtype,
            occurredOn: Clock.base,
            reference: "XK-1",
            recordedBy: 3,
            recordedAt: Clock.base
        )
        if withdrawn {
            record.withdrawnAt = Clock.hours(1)
            record.withdrawnBy = 3
            record.withdrawalReason = "错录"
        }
        return record
    }

    @Test(arguments: [
        (Who.officer, Int64?(1), false, "录入错误", nil as String?),
        (Who.regulatorOnPath, 1, false, "录入错误", nil),
        (Who.officer, nil, false, "录入错误", "RECORD-WITHDRAW-SCOPE"),  // a regulator's entry
        (Who.regulatorOnPath, nil, false, "录入错误", nil),
        (Who.officer, 1, true, "录入错误", "RECORD-WITHDRAWN"),  // once
        (Who.officer, 1, false, "  ", "textRequired"),  // with a reason
        (Who.postWorker, 1, false, "录入错误", "roleNotAllowed"),
        (Who.outsider, 1, false, "录入错误", "notInEnterprise"),
        (Who.regulatorOffPath, 1, false, "录入错误", "notRegulatorOfJurisdiction"),
    ])
    func withdrawingARecord(who: Who, recorderEnterprise: Int64?, withdrawn: Bool, reason: String, refusal: String?) {
        var record = Self.record(withdrawn: withdrawn)
        let outcome = Self.code { () throws(Refusal) in
            try record.withdraw(
                reason: reason,
                by: who.actor,
                recordedByEnterprise: recorderEnterprise,
                jurisdictionPath: enterprisePath,
                at: Clock.now
            )
        }
        #expect(outcome == refusal)
        if refusal == nil {
            #expect(record.withdrawnAt == Clock.now && record.withdrawnBy == who.actor.id && record.withdrawalReason == reason)
        }
    }

    // MARK: Grades, appointments, reports

    @Test(arguments: [(Who.regulatorOnPath, true), (Who.regulatorOffPath, false), (Who.director, false), (Who.admin, false)])
    func whoKeepsCreditGrades(who: Who, allowed: Bool) {
        #expect((Self.code { () throws(Refusal) in try CreditGradeRecord.authorize(who.actor, jurisdictionPath: enterprisePath) } == nil) == allowed)
    }

    @Test(arguments: [
        (Who.admin, Role.assessor, false, false, nil as String?),
        (Who.regulatorOnPath, .assessor, true, false, nil),
        (Who.regulatorOnPath, .assessor, false, false, "ASSIGN-WHO"),  // out of reach
        (Who.director, .assessor, true, false, "ASSIGN-WHO"),
        (Who.admin, .officer, false, false, "ASSIGN-ROLE"),  // only an assessor is appointed
        (Who.admin, .assessor, false, true, "ASSIGN-TWICE"),  // one live appointment per pair
    ])
    func appointingAnAssessor(who: Who, role: Role, inReach: Bool, live: Bool, refusal: String?) {
        let assessor = Person(id: 7, name: "评估员", role: role)
        var made: AssessmentAssignment?
        let outcome = Self.code { () throws(Refusal) in
            made = try AssessmentAssignment.appoint(
                assessor,
                enterpriseID: 1,
                enterpriseName: "企业",
                by: who.actor,
                enterpriseInReach: inReach,
                alreadyLive: live,
                id: 40,
                at: Clock.now
            )
        }
        #expect(outcome == refusal)
        if refusal == nil {
            #expect(made == AssessmentAssignment(id: 40, assessorID: 7, enterpriseID: 1, assignedBy: who.actor.id, assignedAt: Clock.now))
        }
    }

    @Test(arguments: Who.allCases)
    func onlyEnterprisePeopleReportHazards(who: Who) {
        var enterprise: Int64?
        let outcome = Self.code { () throws(Refusal) in enterprise = try Hazard.reportingEnterprise(of: who.actor) }
        #expect((outcome == nil) == (who.actor.enterpriseID != nil))
        #expect(enterprise == who.actor.enterpriseID)
    }

    // MARK: Lists

    static let criterion = ListRules.Criterion(
        code: "clean",
        list: .red,
        area: .productQuality,
        name: Text(zh: "全部合格", en: "all passed"),
        match: .init(kind: .spotCheck, subtypes: ["passed"])
    )

    static func entry(_ id: Int64, _ state: ListEntry.State) -> ListEntry {
        var entry = ListEntry(
            id: id,
            quarter: "2026Q2",
            enterpriseID: 1,
            criterion: criterion,
            evidence: ["quality_record#1"],
            proposedBy: 10,
            proposedAt: Clock.base
        )
        entry.state = state
        if state != .proposed {
            entry.reviewedBy = 12
            entry.reviewedAt = Clock.hours(2)
        }
        return entry
    }

    @Test(arguments: [
        ([ListEntry.State.approved, .rejected], Who.regulatorOnPath, nil as String?),
        ([.approved, .proposed], .regulatorOnPath, "LIST-UNREVIEWED"),
        ([.rejected], .regulatorOnPath, "LIST-NOTHING-TO-PUBLISH"),
        ([], .regulatorOnPath, "LIST-NOTHING-TO-PUBLISH"),
        ([.approved], .director, "notRegulatorOfJurisdiction"),
        ([.approved], .regulatorOffPath, "notRegulatorOfJurisdiction"),
    ])
    func publishingAQuarter(states: [ListEntry.State], who: Who, refusal: String?) {
        let entries = states.enumerated().map { Self.entry(Int64($0.offset + 1), $0.element) }
        var published: [ListEntry] = []
        let outcome = Self.code { () throws(Refusal) in
            published = try ListEntry.publishing(entries, quarter: "2026Q2", by: who.actor, paths: [1: enterprisePath], at: Clock.now)
        }
        #expect(outcome == refusal)
        if refusal == nil {
            #expect(published.map(\.id) == entries.filter { $0.state == .approved }.map(\.id))
            #expect(published.allSatisfy { $0.state == .published && $0.publishedAt == Clock.now && $0.publishedBy == who.actor.id })
        }
    }
}
