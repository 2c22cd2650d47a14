import DualPrevention
import Foundation
import GRDB
import Testing

@testable import DualPreventionStore

/// Batches, production stops and recalls saved on both stores (DOMAIN.md §12, issue 16): the rules decide, the store
/// keeps what they decided with its audit entry, and the database refuses what they would refuse.
@Suite("Products: batches, stops, recalls")
struct ProductStoreTests {
    static func batch(_ number: String, made: Int, shipped: Int) -> BatchDraft {
        BatchDraft(
            number: number,
            product: "食品级聚丙烯餐盒",
            quantityMade: made,
            quantityShipped: shipped,
            producedFrom: Clock.days(-30),
            producedTo: Clock.days(-25)
        )
    }

    static let plan = RecallPlan(
        scope: "B-01、B-02 两批次，浙江省内 12 家经销商",
        method: "通知经销商下架，上门回收",
        channels: "电话、短信、企业官网公告",
        deadline: Clock.days(10),
        disposal: "集中封存后销毁"
    )

    /// A major hazard reported by the officer, with two shipped batches and one kept in the warehouse, rectified
    /// under an approved plan and waiting for acceptance.
    static func majorAwaitingAcceptance(_ f: Fixture) async throws -> Hazard {
        let a = f.a
        let reported = try await f.report(a, grade: .major, by: a.officer)
        for (number, shipped) in [("B-01", 400), ("B-02", 600), ("B-03", 0)] {
            _ = try await f.repository.recordBatch(
                Self.batch(number, made: 1_000, shipped: shipped),
                hazard: reported.number,
                by: a.officer,
                at: Clock.hours(1.5)
            )
        }
        _ = try await f.notice(reported, a)
        try await f.perform(.acknowledgeNotice, on: reported, by: a.workshopHead, at: Clock.hours(3))
        let plan = PlanDraft(
            target: "消除原料污染隐患",
            methods: "更换供料管路",
            funds: "专项资金3万元",
            organisation: "注塑车间",
            timeLimit: Clock.days(5),
            safetyMeasures: "停机挂牌"
        )
        try await f.perform(.submitPlan(plan), on: reported, by: a.workshopHead, at: Clock.hours(4))
        try await f.perform(.approvePlan(note: "同意"), on: reported, by: a.director, at: Clock.hours(5))
        try await f.perform(.startRectification, on: reported, by: a.workshopHead, at: Clock.hours(6))
        return try await f.repository.perform(
            .submitRectification(measuresTaken: "已更换供料管路并清洗", completedAt: Clock.hours(20), funds: "2.6万元", evidence: []),
            on: "\(reported.id)",
            by: a.workshopHead,
            at: Clock.hours(21)
        ).0
    }

    static func accept(_ f: Fixture, _ hazard: Hazard, at: Date) async throws -> Hazard {
        try await f.repository.perform(
            .accept(passed: true, criteria: "管路更换、检测合格", opinion: "同意验收", evidence: []),
            on: "\(hazard.id)",
            by: f.a.director,
            at: at
        ).0
    }

    @Test(arguments: TestStore.all)
    func aMajorHazardWithShippedBatchesIsAcceptedOnlyAfterItsRecallIsPlannedAndARecallNotDoneVetoesTheGrade(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let repo = f.repository
        var hazard = try await Self.majorAwaitingAcceptance(f)

        // The report of a major hazard ordered the stop of what it affects, by the reporter, at the report.
        var products = try await repo.products(of: hazard.number, visibleTo: .person(f.a.officer))
        let stop = try #require(products.stopInForce)
        #expect(products.stops.count == 1 && stop.orderedBy == f.a.officer.id && stop.orderedAt == Clock.hours(1))
        #expect(stop.scope == "\(f.a.workshop.name) 注塑车间 3 号机")
        #expect(products.batches.map(\.number) == ["B-01", "B-02", "B-03"] && products.shippedBatches.count == 2)

        // Acceptance waits for the recall plan, naming both shipped batches; nothing is saved.
        let before = try await f.snapshot()
        let refused = await #expect(throws: Refusal.self) { try await Self.accept(f, hazard, at: Clock.hours(22)) }
        #expect(refused?.rule == "RECALL-PLAN-BEFORE-ACCEPTANCE")
        #expect(refused?.message.en.contains("B-01, B-02") == true && refused?.message.en.contains("B-03") == false)
        #expect(try await f.snapshot() == before)
        #expect(try await repo.hazard(hazard.number, visibleTo: .system).state == .awaitingAcceptance)

        // A stop cannot be lifted before the acceptance either.
        let early = await #expect(throws: Refusal.self) {
            _ = try await repo.liftStop(note: "复产", hazard: hazard.number, by: f.a.principal, at: Clock.hours(22))
        }
        #expect(early?.rule == "STOP-LIFT-ACCEPTED")

        let recall = try await repo.planRecall(Self.plan, hazard: hazard.number, by: f.a.officer, at: Clock.hours(23))
        #expect(recall.plannedBy == f.a.officer.id && recall.enterpriseID == f.a.enterprise.id)
        hazard = try await Self.accept(f, hazard, at: Clock.hours(24))
        #expect(hazard.state == .closed)
        let lifted = try await repo.liftStop(note: "整改验收合格，恢复生产", hazard: hazard.number, by: f.a.principal, at: Clock.hours(25))
        #expect(lifted.liftedBy == f.a.principal.id && lifted.liftedAt == Clock.hours(25) && !lifted.isInForce)

        // Part of B-01 comes back; B-02 never does. After the deadline the regulator records the recall as not done.
        var progress = try await repo.recordRecallReturn(
            batch: "B-01",
            quantity: 150,
            disposal: "封存销毁",
            hazard: hazard.number,
            by: f.a.officer,
            at: Clock.days(3)
        )
        #expect(progress.recovered(of: products.batches[0].id) == 150)
        let tooMany = await #expect(throws: Refusal.self) {
            _ = try await repo.recordRecallReturn(
                batch: "B-01",
                quantity: 251,
                disposal: "封存",
                hazard: hazard.number,
                by: f.a.officer,
                at: Clock.days(4)
            )
        }
        #expect(tooMany?.rule == "RECALL-QUANTITY")
        let unknown = await #expect(throws: Refusal.self) {
            _ = try await repo.recordRecallReturn(
                batch: "B-09",
                quantity: 1,
                disposal: "封存",
                hazard: hazard.number,
                by: f.a.officer,
                at: Clock.days(4)
            )
        }
        #expect(unknown?.rule == "BATCH-UNKNOWN")
        // Left open past its deadline, the recall is the veto already, before anyone records it; not before the deadline.
        let rules = try CreditAndListsTests.creditRules()
        func vetoes(asOf: Date) async throws -> [String: [String]] {
            let grade = try await repo.assessCredit(
                enterpriseID: f.a.enterprise.id,
                rules: rules,
                asOf: asOf,
                since: asOf.addingTimeInterval(-365 * Clock.day),
                visibleTo: .person(f.regulator1)
            )
            return Dictionary(uniqueKeysWithValues: grade.assessment.vetoes.map { ($0.code, $0.evidence) })
        }
        #expect(try await vetoes(asOf: Clock.days(9))["recallNotDone"] == nil)
        #expect(try await vetoes(asOf: Clock.days(10.5))["recallNotDone"] == ["hazard#\(hazard.id)"])
        let notYet = await #expect(throws: Refusal.self) {
            _ = try await repo.closeRecall(done: false, note: "逾期未完成", hazard: hazard.number, by: f.regulator1, at: Clock.days(9))
        }
        #expect(notYet?.rule == "RECALL-NOT-DUE")
        let (closed, record) = try await repo.closeRecall(
            done: false,
            note: "B-02 批次经销商未配合，逾期未完成召回",
            hazard: hazard.number,
            by: f.regulator1,
            at: Clock.days(11)
        )
        progress = closed
        #expect(progress.standing(at: Clock.days(11)) == .dueNotDone)
        #expect(record.kind == .recall && record.subtype == "dueNotDone" && record.occurredOn == Self.plan.deadline)
        #expect(record.reference == hazard.number && record.enterpriseID == f.a.enterprise.id && record.id > 0)
        products = try await repo.products(of: hazard.number, visibleTo: .person(f.regulator1))
        #expect(products.recall?.closure?.done == false && products.recall?.returns.count == 1)

        // The credit grade: D by the recall veto, the record named in its evidence.
        let grade = try await repo.assessCredit(
            enterpriseID: f.a.enterprise.id,
            rules: try CreditAndListsTests.creditRules(),
            asOf: Clock.days(12),
            since: Clock.days(12 - 365),
            visibleTo: .person(f.regulator1)
        )
        #expect(grade.grade == .d)
        let veto = try #require(grade.assessment.vetoes.first { $0.code == "recallNotDone" })
        #expect(veto.evidence == [record.key])

        // Every row matches its audit entry.
        let report = try await repo.verifyAudit(expectedHead: nil)
        #expect(report.firstBroken == nil && report.mismatches.isEmpty, "\(report.mismatches)")
        let kinds = try await repo.database.read { db in
            try String.fetchAll(
                db,
                sql:
                    "SELECT DISTINCT action FROM audit_log WHERE object_type IN ('product_batch','production_stop','recall','recall_return') ORDER BY 1"
            )
        }
        #expect(kinds == ["batch.record", "recall.notDone", "recall.plan", "recall.return", "stop.lift", "stop.order"])
    }

    @Test(arguments: TestStore.all) func aGeneralHazardStopsNothingAndAStopIsOrderedOnlyForAMajorOne(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let general = try await f.report(f.a)
        #expect(try await f.repository.products(of: general.number, visibleTo: .system).stops.isEmpty)
        let refused = await #expect(throws: Refusal.self) {
            _ = try await f.repository.orderStop(scope: "3号线", hazard: general.number, by: f.a.principal, at: Clock.hours(2))
        }
        #expect(refused?.rule == "STOP-MAJOR-ONLY")
        let major = try await f.report(f.a, grade: .major, by: f.a.officer, at: Clock.hours(3))
        let again = await #expect(throws: Refusal.self) {
            _ = try await f.repository.orderStop(scope: "3号线", hazard: major.number, by: f.regulator1, at: Clock.hours(4))
        }
        #expect(again?.rule == "STOP-ONE-IN-FORCE")
    }

    @Test(arguments: TestStore.all) func productsAreSeenOnlyWhereTheirHazardIs(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let hazard = try await f.report(f.a, grade: .major, by: f.a.officer)
        _ = try await f.repository.recordBatch(Self.batch("B-01", made: 100, shipped: 10), hazard: hazard.number, by: f.a.officer, at: Clock.hours(2))
        await #expect(throws: NotFoundError.self) {
            _ = try await f.repository.products(of: "\(hazard.id)", visibleTo: .person(f.b.officer))
        }
        await #expect(throws: NotFoundError.self) {
            _ = try await f.repository.recordBatch(
                Self.batch("B-02", made: 1, shipped: 0),
                hazard: "\(hazard.id)",
                by: f.b.officer,
                at: Clock.hours(2)
            )
        }
        for (viewer, expected) in [(f.regulator1, 1), (f.cityRegulator, 1), (f.regulator2, 0), (f.b.director, 0), (f.a.postWorker, 1)] {
            let lines = try await f.repository.batchLedger(enterpriseID: nil, after: 0, limit: 50, visibleTo: .person(viewer))
            #expect(lines.count == expected, "\(viewer.name)")
        }
        let line = try #require(try await f.repository.batchLedger(enterpriseID: f.a.enterprise.id, after: 0, limit: 1, visibleTo: .system).first)
        #expect(line.hazardNumber == hazard.number && line.enterpriseName == f.a.enterprise.name && line.recovered == 0)
        #expect(try await f.repository.batchLedger(enterpriseID: nil, after: line.batch.id, limit: 50, visibleTo: .system).isEmpty)
    }

    @Test(arguments: TestStore.all) func theDatabaseRefusesWhatTheRulesWouldRefuse(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let hazard = try await Self.majorAwaitingAcceptance(f)
        _ = try await f.repository.planRecall(Self.plan, hazard: hazard.number, by: f.a.officer, at: Clock.hours(23))
        let batch = try #require(try await f.repository.products(of: hazard.number, visibleTo: .system).batches.first)
        let recall = try #require(try await f.repository.products(of: hazard.number, visibleTo: .system).recall)
        let now = "2026-09-30 00:00:00.000"
        // The other hazard of the enterprise, with a batch of its own that no recall covers.
        let other = try await f.report(f.a, by: f.a.officer, at: Clock.hours(30))
        let stray = try await f.repository.recordBatch(
            Self.batch("C-01", made: 10, shipped: 10),
            hazard: other.number,
            by: f.a.officer,
            at: Clock.hours(31)
        )
        let refused: [(ResultCode, String)] = [
            (.SQLITE_CONSTRAINT_TRIGGER, "UPDATE product_batch SET quantity_shipped = 0 WHERE id = \(batch.id)"),
            (.SQLITE_CONSTRAINT_TRIGGER, "DELETE FROM product_batch WHERE id = \(batch.id)"),
            (.SQLITE_CONSTRAINT_TRIGGER, "UPDATE recall SET deadline = '2027-01-01 00:00:00.000' WHERE id = \(recall.id)"),
            (.SQLITE_CONSTRAINT_TRIGGER, "DELETE FROM production_stop WHERE hazard_id = \(hazard.id)"),
            // A second stop in force.
            (
                .SQLITE_CONSTRAINT_UNIQUE,
                "INSERT INTO production_stop (id, hazard_id, scope, ordered_by, ordered_at) VALUES (99, \(hazard.id), '全厂', \(f.a.principal.id), '\(now)')"
            ),
            // More back than was shipped (400), and a batch of another hazard than the recall's.
            (
                .SQLITE_CONSTRAINT_TRIGGER,
                """
                INSERT INTO recall_return (id, recall_id, batch_id, quantity, disposal, recorded_by, recorded_at)
                VALUES (99, \(recall.id), \(batch.id), 401, '销毁', \(f.a.officer.id), '\(now)')
                """
            ),
            (
                .SQLITE_CONSTRAINT_TRIGGER,
                """
                INSERT INTO recall_return (id, recall_id, batch_id, quantity, disposal, recorded_by, recorded_at)
                VALUES (99, \(recall.id), \(stray.id), 1, '销毁', \(f.a.officer.id), '\(now)')
                """
            ),
            // Closed as not done before its deadline.
            (
                .SQLITE_CONSTRAINT_CHECK,
                "UPDATE recall SET closed_done = 0, closed_by = \(f.regulator1.id), closed_at = '\(now)', close_note = '未完成' WHERE id = \(recall.id)"
            ),
            // More shipped than made, and more made than a batch holds.
            (
                .SQLITE_CONSTRAINT_CHECK,
                """
                INSERT INTO product_batch (id, hazard_id, number, product, quantity_made, quantity_shipped, produced_from, produced_to, recorded_by, recorded_at)
                VALUES (99, \(hazard.id), 'B-9', '餐盒', 10, 11, '\(now)', '\(now)', \(f.a.officer.id), '\(now)')
                """
            ),
            (
                .SQLITE_CONSTRAINT_CHECK,
                """
                INSERT INTO product_batch (id, hazard_id, number, product, quantity_made, quantity_shipped, produced_from, produced_to, recorded_by, recorded_at)
                VALUES (99, \(hazard.id), 'B-9', '餐盒', 1000000001, 0, '\(now)', '\(now)', \(f.a.officer.id), '\(now)')
                """
            ),
        ]
        for (code, sql) in refused { await ConstraintTests.expectRefused(f, code, sql) }
        let counts = [try await f.count("recall_return"), try await f.count("production_stop"), try await f.count("product_batch")]
        #expect(counts == [0, 1, 4])
    }
}

/// One enterprise, one file, read in one snapshot on both stores (issue 16).
@Suite("Enterprise file")
struct EnterpriseFileTests {
    @Test(arguments: TestStore.all) func anEnterprisesFileIsItsWholeRecordAtOneHead(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let point = try await f.addRiskPoint(f.a)
        let hazard = try await f.report(f.a, grade: .major, riskPointID: point.id, by: f.a.officer)
        _ = try await f.repository.recordBatch(
            ProductStoreTests.batch("B-01", made: 10, shipped: 5),
            hazard: hazard.number,
            by: f.a.officer,
            at: Clock.hours(2)
        )
        _ = try await f.report(f.b)
        let (file, timelines) = try await f.repository.enterpriseFile(f.a.enterprise.name, visibleTo: .person(f.regulator1))
        #expect(file.enterprise.id == f.a.enterprise.id && file.jurisdictions.map(\.id) == [f.district1.id, f.city.id, f.province.id])
        #expect(file.people.count == 6 && file.riskPoints.map(\.id) == [point.id] && file.gradings[point.id]?.count == 1)
        #expect(file.hazards.map(\.id) == [hazard.id], "its own hazards, not another enterprise's")
        #expect(timelines[hazard.id]?.map(\.action) == ["hazard.report"])
        #expect(file.products[hazard.id]?.batches.count == 1 && file.products[hazard.id]?.stops.count == 1)
        let report = try await f.repository.verifyAudit(expectedHead: nil)
        #expect(file.auditHead == report.headHash && file.auditEntries == Int64(report.entries))
        await #expect(throws: NotFoundError.self) { _ = try await f.repository.enterpriseFile(f.a.enterprise.name, visibleTo: .person(f.regulator2)) }
        await #expect(throws: NotFoundError.self) {
            _ = try await f.repository.enterpriseFile(String(f.a.enterprise.id), visibleTo: .person(f.b.director))
        }
    }
}
