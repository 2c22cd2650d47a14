import DualPrevention
import Foundation
import Testing

@testable import DualPreventionPresentation

/// The trend chart: one panel per district, a line through the months that have something to count, broken where a
/// month has nothing (never drawn as 100 %), names escaped; and the CSV leaves such a month's rate empty.
@Suite struct LoopTrendChartTests {
    typealias T = DualPreventionPerformance.LoopTally

    static func trend() throws -> LoopTrend {
        let months = LoopTrend.months(endingAt: Date(timeIntervalSince1970: 1_790_000_000), count: 4, local: try LocalTime())
        return LoopTrend(
            months: months,
            series: [
                LoopTrend.Series(
                    jurisdictionID: 3,
                    name: "椒江区<&>",
                    months: [T(found: 2, closed: 1, due: 1, onTime: 1), T(found: 4, closed: 4, due: 2, onTime: 1), .zero, T(found: 1, closed: 0)]
                ),
                LoopTrend.Series(jurisdictionID: 5, name: "黄岩区", months: [.zero, .zero, .zero, .zero]),
            ]
        )
    }

    @Test func eachDistrictIsAPanelAndAMonthWithNothingBreaksTheLine() throws {
        let svg = LoopTrendChart.svg(try Self.trend(), title: "趋势", language: .zh)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.hasSuffix("</svg>\n"))
        #expect(svg.contains("椒江区&lt;&amp;&gt;") && !svg.contains("椒江区<&>"))
        #expect(svg.contains("黄岩区"))
        // Closed-loop: months 1–2 a line, month 3 nothing, month 4 alone a dot (0 %). On time: months 1–2, then none.
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
        #expect(svg.components(separatedBy: "<circle").count - 1 == 1)
        // The empty district has no line at all.
        let huangyan = try #require(svg.components(separatedBy: "黄岩区").last)
        #expect(!huangyan.contains("<polyline") && !huangyan.contains("<circle"))
    }

    @Test func theCSVLeavesARateWithNothingToCountEmpty() throws {
        let rows = AnalyticsTables.trendRows(try Self.trend())
        #expect(rows.count == 8)
        #expect(rows[0][4] == "50.0%" && rows[0][7] == "100.0%")
        #expect(rows[2][2] == "0" && rows[2][4] == "" && rows[2][7] == "")
        #expect(rows[3][4] == "0.0%" && rows[3][7] == "")
    }
}
