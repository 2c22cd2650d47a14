import Foundation
import Testing

@testable import DualPrevention

/// The regulator's analytics rules (issue 16): what a repeat hazard is, how a category's counts add up from the
/// database's histogram, the months of the trend and the district each enterprise counts under.
@Suite struct AnalyticsTests {
    @Test(arguments: [(0, 0), (1, 0), (2, 1), (5, 4)])
    func allButTheFirstHazardOfARiskPointAreRepeats(_ count: Int, _ repeats: Int) {
        #expect(RepeatHazards.repeats(count) == repeats)
    }

    @Test func aCategoryAddsUpItsRiskPointsAndItsHazardsOnNone() {
        let buckets = [
            // 食品: 10 points with one hazard, 3 with two, 1 with four, and 7 hazards on no risk point.
            RepeatHazards.Bucket(category: "食品", hazards: 1, points: 10),
            RepeatHazards.Bucket(category: "食品", hazards: 2, points: 3),
            RepeatHazards.Bucket(category: "食品", hazards: 4, points: 1),
            RepeatHazards.Bucket(category: "食品", hazards: 7, points: 1, onRiskPoint: false),
            // 电线: 5 points with one hazard each; no repeat.
            RepeatHazards.Bucket(category: "电线", hazards: 1, points: 5),
            // 化工: hazards on no risk point only.
            RepeatHazards.Bucket(category: "化工", hazards: 3, points: 1, onRiskPoint: false),
        ]
        let categories = RepeatHazards.categories(buckets)
        #expect(categories.map(\.category) == ["食品", "化工", "电线"], "most repeats first, then by name")
        let food = categories[0]
        #expect(food.hazards == 10 + 6 + 4 + 7)
        #expect(food.onRiskPoints == 20)
        #expect(food.repeats == 3 + 3)
        #expect(food.pointsWithRepeats == 4)
        #expect(abs(food.repeatRate - 6.0 / 20.0) < 1e-12)
        #expect(categories[1].hazards == 3 && categories[1].onRiskPoints == 0 && categories[1].repeatRate == 0)
        #expect(categories[2].repeats == 0 && categories[2].hazards == 5)
        #expect(RepeatHazards.categories([]).isEmpty)
    }

    @Test func theMonthsEndWithTheOneUnderWayInLocalTime() throws {
        let local = try LocalTime(timeZoneID: "Asia/Shanghai")
        // 2026-12-02 07:30 in Shanghai is 2026-12-01 23:30 UTC: already December there.
        let now = try #require(ISO8601DateFormatter().date(from: "2026-12-01T23:30:00Z"))
        let months = LoopTrend.months(endingAt: now, count: 12, local: local)
        #expect(months.map(\.key).first == "2026-01" && months.map(\.key).last == "2026-12")
        #expect(months.count == 12)
        #expect(months.last?.end == now, "the month under way is judged now")
        #expect(months[0].start == ISO8601DateFormatter().date(from: "2025-12-31T16:00:00Z"), "local midnight of 1 January")
        for (earlier, later) in zip(months, months.dropFirst()) {
            #expect(earlier.end.addingTimeInterval(0.001) == later.start, "months meet: \(earlier.key) → \(later.key)")
            #expect(earlier.end < later.start, "a hazard found at midnight counts in one month")
        }
        let one = LoopTrend.months(endingAt: now, count: 1, local: local)
        #expect(one.map(\.key) == ["2026-12"])
        let acrossYears = LoopTrend.months(endingAt: now, count: 14, local: local)
        #expect(acrossYears.first?.key == "2025-11")
    }

    static let tree: [Int64: Jurisdiction] = Dictionary(
        uniqueKeysWithValues: [
            Jurisdiction(id: 1, name: "浙江省", level: .province, parentID: nil),
            Jurisdiction(id: 2, name: "台州市", level: .city, parentID: 1),
            Jurisdiction(id: 3, name: "椒江区", level: .district, parentID: 2),
            Jurisdiction(id: 4, name: "洪家街道", level: .town, parentID: 3),
            Jurisdiction(id: 5, name: "黄岩区", level: .district, parentID: 2),
        ].map { ($0.id, $0) }
    )

    @Test(arguments: [(Int64(3), Int64(3)), (4, 3), (5, 5), (2, 2), (99, 99)])
    func anEnterpriseCountsUnderItsDistrict(_ registered: Int64, _ district: Int64) {
        #expect(LoopTrend.district(of: registered, in: Self.tree) == district)
    }

    @Test func theTrendAddsUpEachMonthPerDistrictAndKeepsDistrictsWithoutHazards() throws {
        let local = try LocalTime()
        let months = LoopTrend.months(endingAt: Date(timeIntervalSince1970: 1_790_000_000), count: 2, local: local)
        typealias T = DualPreventionPerformance.LoopTally
        let tallies: [[Int64: T]] = [
            [3: T(found: 2, closed: 1, due: 1, onTime: 1, overdueOrListedMajor: 4, overdue: 9), 4: T(found: 1, closed: 1, due: 1, onTime: 0)],
            [4: T(found: 4, closed: 2, due: 2, onTime: 2)],
        ]
        let trend = LoopTrend.build(months: months, tallies: tallies, tree: Self.tree, seen: [3, 4, 5])
        #expect(trend.series.map(\.name) == ["椒江区", "黄岩区"].sorted())
        let jiaojiang = try #require(trend.series.first { $0.jurisdictionID == 3 })
        #expect(jiaojiang.months[0] == T(found: 3, closed: 2, due: 2, onTime: 1), "the town's enterprises count under its district")
        #expect(jiaojiang.months[1] == T(found: 4, closed: 2, due: 2, onTime: 2))
        #expect(abs(jiaojiang.months[0].closedLoopRate - 2.0 / 3.0) < 1e-12 && jiaojiang.months[0].onTimeRate == 0.5)
        let huangyan = try #require(trend.series.first { $0.jurisdictionID == 5 })
        #expect(huangyan.months == [.zero, .zero], "a district in sight without a hazard keeps its series")
    }

    @Test func districtsOfOneNameAreToldApartByTheCityAbove() {
        var tree = Self.tree
        tree[6] = Jurisdiction(id: 6, name: "宁波市", level: .city, parentID: 1)
        tree[7] = Jurisdiction(id: 7, name: "椒江区", level: .district, parentID: 6)
        let months = [LoopTrend.Month(key: "2026-11", start: Date(timeIntervalSince1970: 0), end: Date(timeIntervalSince1970: 1))]
        let trend = LoopTrend.build(months: months, tallies: [[:]], tree: tree, seen: [3, 5, 7])
        #expect(Set(trend.series.map(\.name)) == ["椒江区（台州市）", "椒江区（宁波市）", "黄岩区"])
    }
}
