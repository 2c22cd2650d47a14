import DualPrevention
import Foundation
import GRDB

// Batches, production stops and recalls: each action loads the hazard in the actor's sight and what it affects, the
// domain decides (`ProductBatch.record`, `ProductionStop`, `Recall`), and the store saves the change with its audit
// entry in one transaction.

extension StoreRepository {
    /// One product action on the hazard of `key` in the actor's sight, in one transaction with its audit entries.
    public func perform(_ command: ProductCommand, on key: String, by actor: Actor, at now: Date) async throws -> ProductOutcome {
        try await actRecordingAll(at: now) { db in
            let actor = try Self.current(actor, at: now, in: db)
            let hazard = try Self.findHazard(key, visibleTo: .person(actor), in: db)
            return try Self.apply(command, to: hazard, by: actor, at: now, in: db)
        }
    }

    /// Decides and saves one product action on a hazard already loaded (by `perform`, or held by the generator):
    /// loads what the hazard affects, the domain decides, the store saves the change; returns what was recorded and
    /// the audit entries.
    static func apply(
        _ command: ProductCommand,
        to hazard: Hazard,
        by actor: Actor,
        at now: Date,
        in db: any SQLContext
    ) throws -> (ProductOutcome, [AuditDraft]) {
        let products = try Self.products(of: hazard.id, in: db)
        var outcome = ProductOutcome()
        func audit(_ action: String, _ table: String, _ id: Int64, _ summary: String, _ row: some Encodable) -> AuditDraft {
            productAudit(action, table, id, hazard, actor, summary, row)
        }
        switch command {
        case .recordBatch(let draft):
            var batch = try ProductBatch.record(draft, on: hazard, besides: products.batches, by: actor, at: now)
            batch.id = try Self.nextID(ProductBatch.databaseTableName, in: db)
            try batch.insert(db)
            outcome.batch = batch
            let summary = "\(hazard.number) batch \(batch.number): \(batch.quantityShipped)/\(batch.quantityMade) shipped"
            return (outcome, [audit("batch.record", ProductBatch.databaseTableName, batch.id, summary, batch)])
        case .orderStop(let scope):
            var stop = try ProductionStop.order(scope: scope, for: hazard, besides: products.stops, by: actor, at: now)
            stop.id = try Self.nextID(ProductionStop.databaseTableName, in: db)
            try stop.insert(db)
            outcome.stop = stop
            return (outcome, [stopAudit("stop.order", stop, hazard, actor)])
        case .liftStop(let note):
            var stop = try products.requireStopInForce(of: hazard)
            try stop.lift(note: note, hazard: hazard, by: actor, at: now)
            try stop.update(db)
            outcome.stop = stop
            return (outcome, [stopAudit("stop.lift", stop, hazard, actor)])
        case .planRecall(let plan):
            var recall = try Recall.plan(plan, for: hazard, batches: products.batches, existing: products.recall, by: actor, at: now)
            recall.id = try Self.nextID(RecallRow.databaseTableName, in: db)
            let row = RecallRow(recall)
            try row.insert(db)
            outcome.recall = recall
            return (outcome, [audit("recall.plan", RecallRow.databaseTableName, recall.id, "\(hazard.number) recall planned", row)])
        case .recordReturn(let number, let quantity, let disposal):
            var recall = try products.requireRecall(of: hazard)
            let batch = try products.requireBatch(number, of: hazard)
            let given = try recall.recordReturn(of: batch, quantity: quantity, disposal: disposal, hazard: hazard, by: actor, at: now)
            let row = RecallReturnRow(id: try Self.nextID(RecallReturnRow.databaseTableName, in: db), recallID: recall.id, given)
            try row.insert(db)
            outcome.recall = recall
            let summary = "\(hazard.number) batch \(batch.number): \(row.quantity) recovered"
            return (outcome, [audit("recall.return", RecallReturnRow.databaseTableName, row.id, summary, row)])
        case .closeRecall(let done, let note):
            var recall = try products.requireRecall(of: hazard)
            var record = try recall.close(done: done, note: note, batches: products.batches, hazard: hazard, by: actor, at: now)
            let row = RecallRow(recall)
            try row.update(db)
            record.id = try Self.nextID(QualityRecord.databaseTableName, in: db)
            try record.insert(db)
            (outcome.recall, outcome.qualityRecord) = (recall, record)
            let closed = audit(
                done ? "recall.close" : "recall.notDone",
                RecallRow.databaseTableName,
                recall.id,
                "\(hazard.number) recall \(recall.standing(at: now).rawValue)",
                row
            )
            let derived = AuditDraft(
                actor: actor,
                action: "record.add",
                objectType: QualityRecord.databaseTableName,
                objectID: record.id,
                enterpriseID: record.enterpriseID,
                summary: "\(record.kind.rawValue)/\(record.subtype) \(record.product) (\(hazard.number))",
                payload: payload(record)
            )
            return (outcome, [closed, derived])
        }
    }

    public func products(of hazardKey: String, visibleTo viewer: Viewer) async throws -> HazardProducts {
        try await read { db in
            let hazard = try Self.findHazard(hazardKey, visibleTo: viewer, in: db)
            return try Self.products(of: hazard.id, in: db)
        }
    }

    /// A viewer who sees little (an enterprise, a town, `enterpriseID`) is read through its enterprises' hazards;
    /// one who sees much walks the batches in id order and stops when the page is full (CROSS JOIN keeps SQLite from
    /// starting at the hazards of every enterprise in sight and sorting them all for each page).
    public func batchLedger(enterpriseID: Int64?, after afterID: Int64, limit: Int, visibleTo viewer: Viewer) async throws -> [BatchLedgerLine] {
        try await read { db in
            let only: SQLText = enterpriseID.map { "AND h.enterprise_id = \($0)" } ?? ""
            let walk = try enterpriseID == nil && viewer.sight(in: db) != .little
            let from: SQLText = walk ? "product_batch b CROSS JOIN hazard h" : "hazard h JOIN product_batch b ON b.hazard_id = h.id"
            let rows = try Row.fetchAll(
                db,
                """
                SELECT b.*, h.number AS hazard_number, h.state AS hazard_state, h.enterprise_id AS enterprise_id, e.name AS enterprise_name,
                  e.time_zone_id AS time_zone_id, p.name AS recorder_name,
                  (SELECT coalesce(sum(rr.quantity), 0) FROM recall r JOIN recall_return rr ON rr.recall_id = r.id
                   WHERE r.hazard_id = b.hazard_id AND rr.batch_id = b.id) AS recovered
                FROM \(from) JOIN enterprise e ON e.id = h.enterprise_id JOIN person p ON p.id = b.recorded_by
                WHERE h.id = b.hazard_id AND b.id > \(afterID) AND \(viewer.sees("h.enterprise_id")) \(only)
                ORDER BY b.id LIMIT \(max(1, limit))
                """
            )
            return try rows.map { row in
                BatchLedgerLine(
                    batch: try ProductBatch(row: row),
                    hazardNumber: row["hazard_number"],
                    hazardState: row["hazard_state"],
                    enterpriseID: row["enterprise_id"],
                    enterpriseName: row["enterprise_name"],
                    timeZoneID: row["time_zone_id"],
                    recordedByName: row["recorder_name"],
                    recovered: row["recovered"]
                )
            }
        }
    }

    public func recallLedger(enterpriseID: Int64?, after afterID: Int64, limit: Int, visibleTo viewer: Viewer) async throws -> [RecallLedgerLine] {
        try await read { db in
            let only: SQLText = enterpriseID.map { "AND r.enterprise_id = \($0)" } ?? ""
            // A viewer who sees much walks the recalls in id order: the unary plus keeps SQLite off the enterprise
            // index, through which it would read and sort every recall in sight for each page.
            let walk = try enterpriseID == nil && viewer.sight(in: db) != .little
            let seen = viewer.sees(walk ? "+r.enterprise_id" : "r.enterprise_id")
            let rows = try Row.fetchAll(
                db,
                """
                SELECT r.*, h.number AS hazard_number, e.name AS enterprise_name, e.time_zone_id AS time_zone_id, p.name AS planner_name,
                  (SELECT coalesce(sum(b.quantity_shipped), 0) FROM product_batch b WHERE b.hazard_id = r.hazard_id) AS shipped
                FROM recall r JOIN hazard h ON h.id = r.hazard_id JOIN enterprise e ON e.id = r.enterprise_id
                JOIN person p ON p.id = r.planned_by
                WHERE r.id > \(afterID) AND \(seen) \(only)
                ORDER BY r.id LIMIT \(max(1, limit))
                """
            )
            let recalls = try rows.map { try RecallRow(row: $0) }
            let returns = try Self.recallReturns(of: recalls.map(\.id), in: db)
            return zip(rows, recalls).map { row, recall in
                RecallLedgerLine(
                    recall: recall.recall(returns: returns),
                    hazardNumber: row["hazard_number"],
                    enterpriseName: row["enterprise_name"],
                    timeZoneID: row["time_zone_id"],
                    plannedByName: row["planner_name"],
                    shipped: row["shipped"]
                )
            }
        }
    }
}

extension StoreRepository {
    /// What one hazard affects, each part through its hazard's index.
    static func products(of hazardID: Int64, in db: any SQLContext) throws -> HazardProducts {
        let batches = try ProductBatch.fetchAll(db, sql: "SELECT * FROM product_batch WHERE hazard_id = ? ORDER BY id", arguments: [hazardID])
        let stops = try ProductionStop.fetchAll(db, sql: "SELECT * FROM production_stop WHERE hazard_id = ? ORDER BY id", arguments: [hazardID])
        let recall = try RecallRow.fetchOne(db, sql: "SELECT * FROM recall WHERE hazard_id = ?", arguments: [hazardID])
        let returns = try recall.map { try Self.recallReturns(of: [$0.id], in: db) } ?? []
        return HazardProducts(batches: batches, stops: stops, recall: recall?.recall(returns: returns))
    }

    static func recallReturns(of recallIDs: [Int64], in db: any SQLContext) throws -> [RecallReturnRow] {
        guard !recallIDs.isEmpty else { return [] }
        return try RecallReturnRow.fetchAll(
            db,
            "SELECT * FROM recall_return WHERE recall_id IN (\(sql: db.idSet, arguments: [IDSet.json(recallIDs)])) ORDER BY id"
        )
    }

    /// The production stop a report brings about (a major hazard), saved with its audit entry; nil when none.
    static func stopOnReport(
        _ hazard: Hazard,
        _ transition: Transition,
        scope: String?,
        by actor: Actor,
        at now: Date,
        in db: any SQLContext
    ) throws -> AuditDraft? {
        let workshop = try String.fetchOne(db, sql: "SELECT name FROM workshop WHERE id = ?", arguments: [hazard.workshopID]) ?? ""
        guard var stop = ProductionStop.onReport(hazard, transition, scope: scope, workshopName: workshop, at: now) else { return nil }
        stop.id = try Self.nextID(ProductionStop.databaseTableName, in: db)
        try stop.insert(db)
        return stopAudit("stop.order", stop, hazard, actor)
    }

    static func stopAudit(_ action: String, _ stop: ProductionStop, _ hazard: Hazard, _ actor: Actor) -> AuditDraft {
        productAudit(
            action,
            ProductionStop.databaseTableName,
            stop.id,
            hazard,
            actor,
            "\(hazard.number) production stop \(stop.isInForce ? "ordered" : "lifted"): \(stop.scope)",
            stop
        )
    }

    static func productAudit(
        _ action: String,
        _ objectType: String,
        _ objectID: Int64,
        _ hazard: Hazard,
        _ actor: Actor,
        _ summary: String,
        _ row: some Encodable
    ) -> AuditDraft {
        AuditDraft(
            actor: actor,
            action: action,
            objectType: objectType,
            objectID: objectID,
            enterpriseID: hazard.enterpriseID,
            summary: summary,
            payload: payload(row)
        )
    }
}
