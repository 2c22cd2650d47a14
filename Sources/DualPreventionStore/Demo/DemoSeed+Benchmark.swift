import DualPrevention
import Foundation

/// The plastics maker's history for the benchmark report: hazards found and closed in the baseline half-year and
/// the assessed one, and the figures it reported each quarter (production, sales, quality cost and loss, complaints).
extension DemoSeed {
    /// The half-year the enterprise came on the system in (two months back, often the one under way), and the same
    /// half a year earlier.
    public static func benchmarkPeriods(now: Date, local: LocalTime) -> (period: ReportingPeriod, baseline: ReportingPeriod) {
        let period = ReportingPeriod.containing(now.addingTimeInterval(-60 * 86_400), unit: .half, in: local)
        return (period, period.yearBefore)
    }

    static let pastHazards = [
        "注塑机料筒温控仪示值偏差超过5℃", "原料仓库树脂未离地存放", "首件检验记录漏填迁移试验项目", "洁净车间防虫灯损坏",
        "色母添加量记录与配方不一致", "成品包装袋封口不严", "模具润滑油未使用食品级", "计量电子秤检定证书过期",
    ]

    /// Hazards found over a period and each closed within days (some late, after their deadline).
    func closedHazards(_ c: Company, in period: ReportingPeriod, count: Int, late: Int, local: LocalTime) async throws {
        // Before the demo's own weeks begin, so the two histories do not overlap.
        let start = period.start(in: local)
        let span = min(period.end(in: local), day(-55)).timeIntervalSince(start)
        let officer = c.actor("王海涛")
        let head = c.actor("吴春华")
        for index in 0..<count {
            let found = start.addingTimeInterval(span * Double(index + 1) / Double(count + 1) + 9 * 3_600)
            func at(_ hours: Double) -> Date { found.addingTimeInterval(hours * 3_600) }
            let isLate = index < late
            let hazard = try await repository.reportHazard(
                HazardReport(
                    workshopID: c.workshops[1].id,
                    teamID: c.teams[1].first?.id,
                    source: .dailyCheck,
                    grade: .general,
                    description: Self.pastHazards[index % Self.pastHazards.count],
                    foundAt: found
                ),
                by: officer,
                at: at(0)
            )
            let id = String(hazard.id)
            _ = try await repository.perform(
                .issueNotice(
                    receiverID: head.id,
                    responsibleUnit: c.workshops[1].name,
                    nature: "影响产品质量安全",
                    requiredMeasures: "立即整改并复查",
                    deadline: at(24 * 5)
                ),
                on: id,
                by: officer,
                at: at(1)
            )
            _ = try await repository.perform(.event(.acknowledgeNotice), on: id, by: head, at: at(2))
            _ = try await repository.perform(.event(.startRectification), on: id, by: head, at: at(3))
            let done = at(isLate ? 24 * 8 : 24 * 3)
            _ = try await repository.perform(
                .submitRectification(measuresTaken: "已整改并复查合格", completedAt: done, funds: "", evidence: []),
                on: id,
                by: head,
                at: done
            )
            _ = try await repository.perform(
                .accept(passed: true, criteria: "复查合格", opinion: "同意销号", evidence: []),
                on: id,
                by: c.actor("林晓燕"),
                at: done.addingTimeInterval(20 * 3_600)
            )
        }
    }

    /// Quarterly figures for the baseline and the assessed half-year: nonconformity and quality cost fall, as at
    /// Taizhou's benchmark enterprises; complaints are records of their own.
    func benchmarkHistory(_ c: Company) async throws {
        let local = try LocalTime()
        let (period, baseline) = Self.benchmarkPeriods(now: now, local: local)
        try await closedHazards(c, in: baseline, count: 3, late: 1, local: local)
        try await closedHazards(c, in: period, count: 6, late: 0, local: local)
        let director = c.actor("林晓燕")
        // Complaints come through 12315 and are on record with the district.
        let regulator = try await repository.person("椒江分局 陈刚").actor
        // (units produced, nonconforming, sold, revenue, quality cost, quality loss, complaints) per quarter.
        let figures: [(ReportingPeriod, [Double], Int)] = [
            (baseline, [1_180_000, 21_800, 1_150_000, 9_400_000, 301_000, 104_000], 7),
            (period, [1_260_000, 11_300, 1_240_000, 10_300_000, 296_000, 82_000], 5),
        ]
        let kinds: [QualityIndicator] = [.unitsProduced, .unitsNonconforming, .unitsSold, .revenue, .qualityCost, .qualityLoss]
        for (half, values, complaints) in figures {
            // Quarters reported so far (a report is filed five days after the quarter ends).
            for (q, quarter) in half.split(into: .quarter).enumerated() where quarter.end(in: local).addingTimeInterval(5 * 86_400) <= now {
                let end = quarter.end(in: local)
                let share = q == 0 ? 0.48 : 0.52
                let drafts = zip(kinds, values).map { kind, value in
                    QualityRecord(
                        enterpriseID: c.enterprise.id,
                        kind: .indicator,
                        subtype: kind.rawValue,
                        occurredOn: end,
                        reference: "统计报表 \(quarter)",
                        value: (value * share).rounded(),
                        validUntil: nil
                    )
                }
                let complaintDrafts = (0..<(q == 0 ? complaints / 2 : complaints - complaints / 2)).map { n in
                    QualityRecord(
                        enterpriseID: c.enterprise.id,
                        kind: .complaint,
                        subtype: n == 0 ? "substantiated" : "unfounded",
                        occurredOn: end.addingTimeInterval(-Double(10 + n * 9) * 86_400),
                        product: "PP餐盒",
                        note: "12315 转办"
                    )
                }
                _ = try await repository.addQualityRecords(drafts, by: director, at: end.addingTimeInterval(5 * 86_400)) { _, _ in }
                _ = try await repository.addQualityRecords(complaintDrafts, by: regulator, at: end.addingTimeInterval(5 * 86_400)) { _, _ in }
            }
        }
    }
}
