import DualPrevention
import Foundation

/// The regulator's analytics as CSV files (issue 16): repeat hazards per risk point and per product category, and the
/// monthly closed-loop and on-time rates per district. Headers in Chinese, as the ledgers.
public enum AnalyticsTables {
    public static let pointHeader = [
        Text(zh: "序号", en: "No."), Text(zh: "企业", en: "Enterprise"), Text(zh: "产品类别", en: "Product category"),
        Text(zh: "风险点", en: "Risk point"), Text(zh: "隐患数", en: "Hazards"), Text(zh: "重复隐患数", en: "Repeats"),
        Text(zh: "首次发现", en: "First found"), Text(zh: "最近发现", en: "Last found"),
    ]

    public static func pointRows(_ points: [RepeatHazards.Point], local: LocalTime) -> [[String]] {
        points.enumerated().map { index, p in
            [
                String(index + 1), p.enterprise, p.category, p.riskPoint, String(p.hazards), String(p.repeats), local.day(p.firstFound),
                local.day(p.lastFound),
            ]
        }
    }

    public static let categoryHeader = [
        Text(zh: "序号", en: "No."), Text(zh: "产品类别", en: "Product category"), Text(zh: "隐患数", en: "Hazards"),
        Text(zh: "风险点上的隐患数", en: "On risk points"), Text(zh: "重复隐患数", en: "Repeats"),
        Text(zh: "有重复隐患的风险点", en: "Points with repeats"), Text(zh: "重复率", en: "Repeat rate"),
    ]

    public static func categoryRows(_ categories: [RepeatHazards.Category]) -> [[String]] {
        categories.enumerated().map { index, c in
            [
                String(index + 1), c.category, String(c.hazards), String(c.onRiskPoints), String(c.repeats), String(c.pointsWithRepeats),
                percent(c.repeatRate),
            ]
        }
    }

    public static let trendHeader = [
        Text(zh: "辖区", en: "District"), Text(zh: "月份", en: "Month"), Text(zh: "发现隐患", en: "Found"), Text(zh: "已闭环", en: "Closed"),
        Text(zh: "闭环率", en: "Closed-loop rate"), Text(zh: "到期隐患", en: "Due"), Text(zh: "按期整改", en: "On time"),
        Text(zh: "按期率", en: "On-time rate"),
    ]

    /// One row per district and month; a rate with nothing to count is left empty rather than shown as 100 %.
    public static func trendRows(_ trend: LoopTrend) -> [[String]] {
        trend.series.flatMap { series in
            zip(trend.months, series.months).map { month, t in
                [
                    series.name, month.key, String(t.found), String(t.closed), t.found == 0 ? "" : percent(t.closedLoopRate), String(t.due),
                    String(t.onTime), t.due == 0 ? "" : percent(t.onTimeRate),
                ]
            }
        }
    }

    /// `87.5%`.
    public static func percent(_ rate: Double) -> String { String(format: "%.1f%%", rate * 100) }
}
