import DualPrevention
import Foundation
import GRDB

extension ProductBatch: SnakeCaseRecord { public static let databaseTableName = "product_batch" }
extension ProductionStop: SnakeCaseRecord { public static let databaseTableName = "production_stop" }

/// A recall's row: the plan and the closure flat, without the returns (rows of their own). Audit entries record this row.
struct RecallRow: SnakeCaseRecord, Equatable, Identifiable {
    static let databaseTableName = "recall"
    var id: Int64
    var hazardID: Int64
    var enterpriseID: Int64
    var scope: String
    var method: String
    var channels: String
    var deadline: Date
    var disposal: String
    var plannedBy: Int64
    var plannedAt: Date
    var closedDone: Bool?
    var closedBy: Int64?
    var closedAt: Date?
    var closeNote: String?

    init(_ recall: Recall) {
        (id, hazardID, enterpriseID, plannedBy, plannedAt) = (recall.id, recall.hazardID, recall.enterpriseID, recall.plannedBy, recall.plannedAt)
        (scope, method, channels, deadline, disposal) = (
            recall.plan.scope, recall.plan.method, recall.plan.channels, recall.plan.deadline, recall.plan.disposal
        )
        (closedDone, closedBy, closedAt, closeNote) = (
            recall.closure?.done, recall.closure?.closedBy, recall.closure?.closedAt, recall.closure?.note
        )
    }

    func recall(returns: [RecallReturnRow]) -> Recall {
        var closure: Recall.Closure?
        if let closedDone, let closedBy, let closedAt {
            closure = Recall.Closure(done: closedDone, closedBy: closedBy, closedAt: closedAt, note: closeNote ?? "")
        }
        return Recall(
            id: id,
            hazardID: hazardID,
            enterpriseID: enterpriseID,
            plan: RecallPlan(scope: scope, method: method, channels: channels, deadline: deadline, disposal: disposal),
            plannedBy: plannedBy,
            plannedAt: plannedAt,
            returns: returns.filter { $0.recallID == id }.sorted { $0.id < $1.id }.map(\.recallReturn),
            closure: closure
        )
    }
}

/// Goods of one batch that came back, as a row of its own. Audit entries record this row.
struct RecallReturnRow: SnakeCaseRecord, Equatable, Identifiable {
    static let databaseTableName = "recall_return"
    var id: Int64
    var recallID: Int64
    var batchID: Int64
    var quantity: Int
    var disposal: String
    var recordedBy: Int64
    var recordedAt: Date

    init(id: Int64, recallID: Int64, _ given: RecallReturn) {
        (self.id, self.recallID, batchID, quantity) = (id, recallID, given.batchID, given.quantity)
        (disposal, recordedBy, recordedAt) = (given.disposal, given.recordedBy, given.recordedAt)
    }

    var recallReturn: RecallReturn {
        RecallReturn(batchID: batchID, quantity: quantity, disposal: disposal, recordedBy: recordedBy, recordedAt: recordedAt)
    }
}
