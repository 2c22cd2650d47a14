import DualPrevention
import Foundation

/// The product batch ledger (产品批次台账): one row per batch a hazard names, with what came back of it.
public enum BatchLedger {
    public static let header = [
        "序号", "企业", "隐患编号", "隐患状态", "批次号", "产品", "生产数量", "发货数量", "已召回数量", "生产日期起", "生产日期止", "登记人",
        "登记时间",
    ]

    /// The rows, numbered (序号) from `first`: a ledger written a page at a time numbers on from the last page.
    public static func rows(_ lines: [BatchLedgerLine], numberedFrom first: Int = 1) -> [[String]] {
        lines.enumerated().map { index, line in
            let local = LocalTime(line)
            let b = line.batch
            return [
                String(first + index), line.enterpriseName, line.hazardNumber, line.hazardState.label.zh, b.number, b.product,
                String(b.quantityMade), String(b.quantityShipped), b.isShipped ? String(line.recovered) : "", local.day(b.producedFrom),
                local.day(b.producedTo), line.recordedByName, local.minute(b.recordedAt),
            ]
        }
    }
}

/// The recall ledger (召回台账): one row per recall, its plan, progress and standing.
public enum RecallLedger {
    public static let header = [
        "序号", "企业", "隐患编号", "召回范围", "召回方式", "告知渠道", "召回期限", "召回产品处置", "发货数量", "已召回数量", "状态", "制定人",
        "制定时间", "结束时间", "结束说明",
    ]

    public static func rows(_ lines: [RecallLedgerLine], now: Date, numberedFrom first: Int = 1) -> [[String]] {
        lines.enumerated().map { index, line in
            let local = LocalTime(line)
            let r = line.recall
            return [
                String(first + index), line.enterpriseName, line.hazardNumber, r.plan.scope, r.plan.method, r.plan.channels,
                local.deadline(r.plan.deadline), r.plan.disposal, String(line.shipped), String(line.recovered),
                r.standing(at: now).label.zh, line.plannedByName, local.minute(r.plannedAt), r.closure.map { local.minute($0.closedAt) } ?? "",
                r.closure?.note ?? "",
            ]
        }
    }
}
