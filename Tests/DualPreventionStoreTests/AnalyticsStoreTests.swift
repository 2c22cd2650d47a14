import DualPrevention
import Foundation
import Testing

@testable import DualPreventionStore

/// The regulator's analytics counted in the database, on both stores (issue 16): the same repeats as the credit
/// metric's rule over the hazards themselves, the same monthly loop figures as the overview's, and only in sight.
@Suite("Analytics in SQL")
struct AnalyticsStoreTests {
    @Test(arguments: TestStore.all)
    func repeatsAndTheTrendAreCountedInSightAsTheRulesCountThem(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let repo = f.repository
        let point = try await f.addRiskPoint(f.a)
        let other = try await f.addRiskPoint(f.a, name: "原料验收")
        // On the first point three hazards (one cancelled), on the second one, one on no point; in B one on no point.
        var onPoint: [Hazard] = []
        for hours in [1.0, 30, 60] { onPoint.append(try await f.report(f.a, riskPointID: point.id, at: Clock.hours(hours))) }
        try await f.perform(.cancel(reason: "误报"), on: onPoint[2], by: f.a.director, at: Clock.hours(61))
        _ = try await f.report(f.a, riskPointID: other.id, at: Clock.hours(2))
        _ = try await f.report(f.a, at: Clock.hours(3))
        _ = try await f.report(f.b, at: Clock.hours(4))
        let closed = try await f.awaitingAcceptance(f.b)
        _ = try await repo.perform(
            .accept(passed: true, criteria: "已整改", opinion: "同意", evidence: []),
            on: "\(closed.id)",
            by: f.b.director,
            at: Clock.hours(7)
        )

        let now = Clock.days(3)
        let since = Clock.days(-30)
        let city = Viewer.person(f.cityRegulator)
        let points = try await repo.repeatPoints(since: since, asOf: now, limit: 10, visibleTo: city)
        #expect(points.count == 1)
        #expect(points.first?.riskPointID == point.id && points.first?.hazards == 2 && points.first?.repeats == 1)
        #expect(points.first?.enterprise == f.a.enterprise.name && points.first?.category == f.a.enterprise.productCategory)
        #expect(points.first?.firstFound == onPoint[0].foundAt && points.first?.lastFound == onPoint[1].foundAt)
        // The credit metric counts the same repeats from the hazards themselves.
        let hazards = try await repo.hazards(HazardFilter(enterpriseID: f.a.enterprise.id), visibleTo: city)
        let facts = hazards.map(HazardFacts.init).filter { $0.foundAt >= since && $0.foundAt <= now && !$0.isCancelled(by: now) }
        let byPoint = Dictionary(grouping: facts.filter { $0.riskPointID != nil }, by: { $0.riskPointID ?? 0 })
        #expect(byPoint.values.map { RepeatHazards.repeats($0.count) }.reduce(0, +) == points.map(\.repeats).reduce(0, +))

        let categories = RepeatHazards.categories(try await repo.repeatBuckets(since: since, asOf: now, visibleTo: city))
        #expect(categories.count == 1, "both fixture enterprises make 食品相关产品")
        #expect(categories.first?.hazards == 4 + 2 && categories.first?.onRiskPoints == 3 && categories.first?.repeats == 1)
        #expect(categories.first?.pointsWithRepeats == 1)

        // Out of sight: district 2 sees only B, which has no risk point.
        #expect(try await repo.repeatPoints(since: since, asOf: now, limit: 10, visibleTo: .person(f.regulator2)).isEmpty)
        let second = RepeatHazards.categories(try await repo.repeatBuckets(since: since, asOf: now, visibleTo: .person(f.regulator2)))
        #expect(second.first?.hazards == 2 && second.first?.onRiskPoints == 0)

        // The trend's month holding these hazards is the overview's figure for the same window, per district.
        let months = LoopTrend.months(endingAt: now, count: 2, local: try LocalTime())
        let trend = try await repo.loopTrend(months: months, visibleTo: city)
        #expect(Set(trend.series.map(\.jurisdictionID)) == [f.district1.id, f.district2.id])
        for (index, month) in months.enumerated() {
            let figures = try await repo.enterpriseFigures(asOf: month.end, since: month.start, visibleTo: city)
            for series in trend.series {
                let sum = figures.filter { $0.jurisdictionID == series.jurisdictionID }.reduce(DualPreventionPerformance.LoopTally.zero) {
                    $0 + $1.loop
                }
                let expected = DualPreventionPerformance.LoopTally(found: sum.found, closed: sum.closed, due: sum.due, onTime: sum.onTime)
                #expect(series.months[index] == expected, "\(series.name) \(month.key)")
            }
        }
        let total = trend.series.flatMap(\.months).reduce(DualPreventionPerformance.LoopTally.zero, +)
        #expect(total.found == 6 && total.closed == 1, "six hazards not cancelled, B's one closed")
        let district = try await repo.loopTrend(months: months, visibleTo: .person(f.regulator1))
        #expect(district.series.map(\.jurisdictionID) == [f.district1.id])
    }
}
