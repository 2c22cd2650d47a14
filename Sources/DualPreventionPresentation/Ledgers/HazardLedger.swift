import DualPrevention
import Foundation

/// The hazard ledger (隐患台账): one row per hazard, the columns of the paper ledger.
public enum HazardLedger {
    public static let header = [
        "序号", "隐患编号", "发现日期", "发现人", "车间/位置", "隐患描述", "隐患等级", "隐患来源", "整改措施", "整改责任人",
        "整改期限", "整改资金", "完成日期", "验收人", "验收日期", "状态", "逾期天数",
    ]

    public static func csv(_ hazards: [Hazard], names: Names, now: Date) -> String {
        CSVWriter.document(header: header, rows: rows(hazards, names: names, now: now))
    }

    /// The ledger's rows, numbered (序号) from `first`: a ledger written in batches numbers on from the last.
    public static func rows(_ hazards: [Hazard], names: Names, now: Date, numberedFrom first: Int = 1) -> [[String]] {
        hazards.enumerated().map { index, h in
            let local = names.localTime(h.enterpriseID)
            let passed = h.acceptances.last { $0.passed }
            let funds = h.submissions.last?.funds.nonBlank ?? h.currentPlan?.funds ?? ""
            let place: String = [names.place(workshop: h.workshopID, team: h.teamID, post: h.postID), h.location].filter { !$0.isEmpty }.joined(
                separator: " · "
            )
            let measures: String = h.submissions.last?.measuresTaken ?? h.notice?.requiredMeasures ?? ""
            let found: [String] = [
                String(first + index), h.number, local.day(h.foundAt), names.person(h.foundBy), place,
                h.description, h.grade.label.zh, h.source.label.zh, measures,
            ]
            let completed: String = h.submissions.last.map { local.day($0.completedAt) } ?? ""
            let rectified: [String] = [names.person(h.ownerID), h.deadline.map(local.deadline) ?? "", funds, completed]
            let accepted: [String] = [
                passed.map { names.signature($0.acceptorID, enterpriseID: h.enterpriseID, at: $0.acceptedAt) } ?? "",
                passed.map { local.day($0.acceptedAt) } ?? "", h.state.label.zh,
                h.isOverdue(at: now) ? String(h.daysOverdue(at: now)) : "",
            ]
            return found + rectified + accepted
        }
    }

    /// The ledger written a batch at a time, numbering on from the last batch: header plus every batch's rows are
    /// byte for byte `csv` of the whole list, with one batch in memory.
    public struct Writer: Sendable {
        public let now: Date
        /// Rows written so far.
        public private(set) var written = 0

        public init(now: Date) { self.now = now }

        /// The byte-order mark and the header line.
        public var header: String { CSVWriter.byteOrderMark + CSVWriter.line(HazardLedger.header) }

        /// The next batch's lines.
        public mutating func rows(_ hazards: [Hazard], names: Names) -> String {
            let rows = HazardLedger.rows(hazards, names: names, now: now, numberedFrom: written + 1)
            written += rows.count
            return rows.map(CSVWriter.line).joined()
        }
    }
}
