import DualPrevention
import Foundation
import GRDB

extension RiskWarning: SnakeCaseRecord { public static let databaseTableName = "warning" }

/// A task's row: the task without the jurisdiction path its loader fills in. Audit entries record this row.
struct WarningTaskRow: SnakeCaseRecord, Equatable, Identifiable {
    static let databaseTableName = "warning_task"
    var id: Int64
    var warningID: Int64
    var enterpriseID: Int64
    var deadline: Date
    var state: WarningTaskState
    var acknowledgedBy: Int64?
    var acknowledgedAt: Date?
    var answeredBy: Int64?
    var answeredAt: Date?
    var results: [WarningTask.ItemResult]
    var hazardIds: [Int64]
    var closedAt: Date?

    init(_ task: WarningTask) {
        (id, warningID, enterpriseID, deadline, state) = (task.id, task.warningID, task.enterpriseID, task.deadline, task.state)
        (acknowledgedBy, acknowledgedAt, answeredBy, answeredAt) = (task.acknowledgedBy, task.acknowledgedAt, task.answeredBy, task.answeredAt)
        (results, hazardIds, closedAt) = (task.results, task.hazardIDs, task.closedAt)
    }

    func task(path: [Int64]) -> WarningTask {
        WarningTask(
            id: id,
            warningID: warningID,
            enterpriseID: enterpriseID,
            jurisdictionPath: path,
            deadline: deadline,
            state: state,
            acknowledgedBy: acknowledgedBy,
            acknowledgedAt: acknowledgedAt,
            answeredBy: answeredBy,
            answeredAt: answeredAt,
            results: results,
            hazardIDs: hazardIds,
            closedAt: closedAt
        )
    }
}

/// An inspection's row: the inspection without the jurisdiction path. Audit entries record this row.
struct InspectionRow: SnakeCaseRecord, Equatable, Identifiable {
    static let databaseTableName = "inspection"
    var id: Int64
    var number: String
    var kind: InspectionKind
    var enterpriseID: Int64
    var regulatorID: Int64
    var officeID: Int64
    var performedAt: Date
    var summary: String
    var items: [InspectionItem]
    var delegatesAcceptance: Bool
    var recordedAt: Date

    init(_ i: Inspection) {
        (id, number, kind, enterpriseID, regulatorID, officeID) = (i.id, i.number, i.kind, i.enterpriseID, i.regulatorID, i.officeID)
        (performedAt, summary, items, delegatesAcceptance, recordedAt) = (i.performedAt, i.summary, i.items, i.delegatesAcceptance, i.recordedAt)
    }

    func inspection(path: [Int64]) -> Inspection {
        Inspection(
            id: id,
            number: number,
            kind: kind,
            enterpriseID: enterpriseID,
            jurisdictionPath: path,
            regulatorID: regulatorID,
            officeID: officeID,
            performedAt: performedAt,
            summary: summary,
            items: items,
            delegatesAcceptance: delegatesAcceptance,
            recordedAt: recordedAt
        )
    }
}

extension WarningTaskState: DatabaseValueConvertible {}
extension WarningKind: DatabaseValueConvertible {}
extension InspectionKind: DatabaseValueConvertible {}
extension EscalationStep: DatabaseValueConvertible {}
extension NotifiedObject: DatabaseValueConvertible {}

extension HazardOrigin: HazardPart {
    static var tableName: String { "hazard_origin" }
    func write(to c: inout some ColumnWriter) {
        (c["kind"], c["record_id"], c["record_number"], c["accepting_office"]) = (kind.rawValue, recordID, recordNumber, acceptingOffice)
    }

    init(row r: Row) throws {
        guard let kind = OriginKind(rawValue: try r.decode(forColumn: "kind")) else {
            throw DatabaseError(message: "hazard_origin.kind holds an unknown kind")
        }
        self.init(
            kind: kind,
            recordID: try r.decode(forColumn: "record_id"),
            recordNumber: try r.decode(forColumn: "record_number"),
            acceptingOffice: try r.decode(forColumn: "accepting_office")
        )
    }
}
