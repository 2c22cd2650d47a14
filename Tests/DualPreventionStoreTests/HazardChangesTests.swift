import DualPrevention
import Foundation
import GRDB
import Testing

@testable import DualPreventionStore

/// A hazard action's audit entry records only what it changed; folding a hazard's entries in order gives its row.
@Suite struct HazardChangesTests {
    static func payloads(_ f: Fixture, of hazardID: Int64) async throws -> [[String: Any]] {
        let texts = try await f.repository.database.read { db in
            try String.fetchAll(
                db,
                sql: "SELECT payload FROM audit_log WHERE object_type = 'hazard' AND object_id = ? ORDER BY seq",
                arguments: [hazardID]
            )
        }
        return try texts.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    static func folded(_ payloads: [[String: Any]]) -> [String: Any]? {
        payloads.reduce(nil as [String: Any]?) { state, payload in HazardChanges.fold(state, payload: payload) }
    }

    static func current(_ hazard: Hazard) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(CanonicalJSON.string(hazard).utf8))
    }

    @Test(arguments: TestStore.all) func aHazardsEntriesFoldIntoItsRowAfterEveryAction(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let point = try await f.addRiskPoint(f.a)
        var hazard = try await f.awaitingAcceptance(f.a, riskPointID: point.id)
        #expect(RecordCheck.same(Self.folded(try await Self.payloads(f, of: hazard.id)), try Self.current(hazard)))
        hazard = try await f.repository.perform(
            .accept(passed: false, criteria: "防护栏符合标准", opinion: "未固定", evidence: []),
            on: "\(hazard.id)",
            by: f.a.officer,
            at: Clock.hours(8)
        ).0
        #expect(RecordCheck.same(Self.folded(try await Self.payloads(f, of: hazard.id)), try Self.current(hazard)))
        hazard = try await f.repository.perform(
            .submitRectification(measuresTaken: "已固定", completedAt: Clock.hours(9), funds: "", evidence: []),
            on: "\(hazard.id)",
            by: f.a.workshopHead,
            at: Clock.hours(10)
        ).0
        hazard = try await f.repository.perform(
            .accept(passed: true, criteria: "防护栏符合标准", opinion: "同意销号", evidence: []),
            on: "\(hazard.id)",
            by: f.a.officer,
            at: Clock.hours(11)
        ).0
        #expect(hazard.state == .closed)
        let payloads = try await Self.payloads(f, of: hazard.id)
        #expect(RecordCheck.same(Self.folded(payloads), try Self.current(hazard)))
        #expect(try await f.repository.verifyAudit(expectedHead: nil).isIntact)

        // Only the report records the whole hazard; later entries name what they changed and nothing else.
        #expect(payloads.first?["hazard"] != nil)
        for payload in payloads.dropFirst() {
            let changes = try #require(payload["changes"] as? [String: Any])
            #expect(payload["hazard"] == nil)
            #expect(Set(changes.keys).isDisjoint(with: ["number", "description", "location", "foundAt", "jurisdictionPath"]))
        }
        // The second submission is recorded as the part at index 1, not as the list of both.
        let second = try #require(payloads.last { (($0["changes"] as? [String: Any])?["submissions"]) != nil })
        let submissions = try #require((second["changes"] as? [String: Any])?["submissions"] as? [String: Any])
        #expect(Array(submissions.keys) == ["1"])
    }

    /// Logs written before this encoding recorded the whole hazard at every action; they still verify.
    @Test func aLogThatRecordedTheWholeHazardEachTimeStillVerifies() async throws {
        let f = try await Fixture.inMemory()
        let reported = try await f.report(f.a)
        let director = f.a.director
        try await f.repository.sqlite!.writer.write { db in
            var hazard = try #require(try HazardStorage.load(reported.id, in: db))
            let old = hazard
            let transition = try hazard.apply(.cancel(reason: "重复上报"), by: director, at: Clock.hours(2))
            try HazardStorage.save(hazard, old: old, in: db)
            struct Whole: Encodable {
                var transition: Transition
                var hazard: Hazard
            }
            var draft = StoreRepository.audit(hazard, transition, old: old, by: director, evidence: [])
            draft.payload = StoreRepository.payload(Whole(transition: transition, hazard: hazard))
            try AuditLog.append(draft, at: Clock.hours(2), in: db)
        }
        #expect(try await f.repository.verifyAudit(expectedHead: nil).isIntact)
        try await f.execute("UPDATE hazard_cancellation SET reason = '误报' WHERE hazard_id = ?", [reported.id])
        #expect(try await f.repository.verifyAudit(expectedHead: nil).mismatches.map(\.objectID) == [reported.id])
    }

    @Test(arguments: TestStore.all) func anEditedPartIsReported(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let hazard = try await f.awaitingAcceptance(f.a)
        try await f.execute("UPDATE rectification_submission SET measures_taken = '未整改' WHERE hazard_id = ?", [hazard.id])
        let report = try await f.repository.verifyAudit(expectedHead: nil)
        #expect(report.firstBroken == nil)
        #expect(report.mismatches.map(\.objectType) == ["hazard"])
        #expect(report.mismatches.first?.objectID == hazard.id)
    }

    @Test func foldingFollowsTheRules() {
        let whole: [String: Any] = ["state": "reported", "plans": [] as [Any], "deadline": "2026-01-01 00:00:00.000"]
        // A whole hazard replaces what was folded.
        #expect(RecordCheck.same(HazardChanges.fold(nil, payload: ["hazard": whole]), whole))
        // Fields are overwritten, `null` clears one, parts are set by index.
        let changed = HazardChanges.fold(
            whole,
            payload: ["changes": ["state": "notified", "deadline": NSNull(), "plans": ["0": ["id": 1]]] as [String: Any]]
        )
        #expect(RecordCheck.same(changed, ["state": "notified", "plans": [["id": 1]]] as [String: Any]))
        // A part beyond the end, changes with no report before them, or an entry with neither, cannot be applied.
        #expect(HazardChanges.fold(whole, payload: ["changes": ["plans": ["1": ["id": 1]]] as [String: Any]]) == nil)
        #expect(HazardChanges.fold(nil, payload: ["changes": ["state": "notified"]]) == nil)
        #expect(HazardChanges.fold(whole, payload: [:]) == nil)
    }

    @Test(arguments: TestStore.all) func changesNameOnlyWhatDiffers(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let noticed = try await f.notice(try await f.report(f.a), f.a)
        #expect(noticed.deadline != nil)
        #expect(try CanonicalJSON.string(HazardChanges(old: noticed, new: noticed)) == "{}")
        var edited = noticed
        edited.deadline = nil
        edited.description = "改"
        #expect(try CanonicalJSON.string(HazardChanges(old: noticed, new: edited)) == #"{"deadline":null,"description":"改"}"#)
    }
}
