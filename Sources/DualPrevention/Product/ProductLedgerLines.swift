import Foundation

/// A batch with its hazard and enterprise and what came back of it: a line of the batch ledger.
public struct BatchLedgerLine: Sendable, Hashable, Codable {
    public var batch: ProductBatch
    public var hazardNumber: String
    public var hazardState: HazardState
    public var enterpriseID: Int64
    public var enterpriseName: String
    /// The enterprise's time zone, in which its dates are written.
    public var timeZoneID: String
    public var recordedByName: String
    /// Goods of the batch recovered by its hazard's recall so far.
    public var recovered: Int

    public init(
        batch: ProductBatch,
        hazardNumber: String,
        hazardState: HazardState,
        enterpriseID: Int64,
        enterpriseName: String,
        timeZoneID: String,
        recordedByName: String,
        recovered: Int
    ) {
        self.batch = batch
        self.hazardNumber = hazardNumber
        self.hazardState = hazardState
        self.enterpriseID = enterpriseID
        self.enterpriseName = enterpriseName
        self.timeZoneID = timeZoneID
        self.recordedByName = recordedByName
        self.recovered = recovered
    }
}

/// A recall with its hazard, enterprise and batches' totals: a line of the recall ledger.
public struct RecallLedgerLine: Sendable, Hashable, Codable {
    public var recall: Recall
    public var hazardNumber: String
    public var enterpriseName: String
    public var timeZoneID: String
    public var plannedByName: String
    /// Goods shipped of the hazard's batches, in all.
    public var shipped: Int

    public init(recall: Recall, hazardNumber: String, enterpriseName: String, timeZoneID: String, plannedByName: String, shipped: Int) {
        self.recall = recall
        self.hazardNumber = hazardNumber
        self.enterpriseName = enterpriseName
        self.timeZoneID = timeZoneID
        self.plannedByName = plannedByName
        self.shipped = shipped
    }

    public var recovered: Int { recall.returns.reduce(0) { $0 + $1.quantity } }
}

extension LocalTime {
    /// The zone of a ledger line, or Asia/Shanghai when the line names none the time zone database knows.
    static func of(_ timeZoneID: String) -> LocalTime {
        (try? LocalTime(timeZoneID: timeZoneID)) ?? (try! LocalTime())  // Asia/Shanghai is always in the time zone database.
    }

    /// The zone of a batch ledger line.
    public init(_ line: BatchLedgerLine) { self = .of(line.timeZoneID) }

    /// The zone of a recall ledger line.
    public init(_ line: RecallLedgerLine) { self = .of(line.timeZoneID) }
}
