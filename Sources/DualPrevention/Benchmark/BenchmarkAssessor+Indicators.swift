import Foundation

extension BenchmarkAssessor {
    /// A value of one indicator over one period, the records it came from, and what is missing when there is none.
    struct Figure {
        var value: Double?
        var missing: Text?
        var evidence: [String]
    }

    /// The six indicators of `period` against `baseline`, each with its trend over their quarters (months for a quarter).
    public static func indicators(
        _ inputs: BenchmarkInputs,
        rules: BenchmarkRules,
        period: ReportingPeriod,
        baseline: ReportingPeriod
    ) -> [BenchmarkAssessment.IndicatorLine] {
        let data = inputs.scoped
        let months = Double(period.months)
        return BenchmarkIndicator.allCases.map { key in
            let before = figure(key, baseline, data)
            let now = figure(key, period, data)
            let trend = trendPeriods(baseline).map { (sub: $0, inBaseline: true) } + trendPeriods(period).map { (sub: $0, inBaseline: false) }
            var change: Double?
            if let b = before.value, let v = now.value, b != 0 { change = (v - b) / b }
            var improved = false
            if let b = before.value, let v = now.value { improved = key.higherIsBetter ? v > b : v < b }
            let published = rules.reference[key]
            // Taizhou's count is for a year across its enterprises: per enterprise, pro rata for the period's length.
            let referenceValue = key.referenceIsChange ? nil : published / Double(max(rules.referenceEnterprises, 1)) * months / 12
            let better: Bool? =
                if let referenceValue {
                    now.value.map { $0 >= referenceValue - 1e-9 }
                } else {
                    change.map { key.higherIsBetter ? $0 >= published - 1e-9 : $0 <= published + 1e-9 }
                }
            let missing = [before.missing, now.missing].compactMap { $0 }
            var seen: Set<String> = []
            let evidence = (before.evidence + now.evidence).filter { seen.insert($0).inserted }
            return BenchmarkAssessment.IndicatorLine(
                key: key,
                name: key.label,
                higherIsBetter: key.higherIsBetter,
                baseline: before.value,
                value: now.value,
                change: change,
                improved: improved,
                missing: missing.isEmpty ? nil : Text(zh: missing.map(\.zh).joined(separator: "；"), en: missing.map(\.en).joined(separator: "; ")),
                reference: published,
                referenceChange: key.referenceIsChange ? published : nil,
                referenceValue: referenceValue,
                betterThanReference: better,
                trend: trend.map { .init(label: $0.sub.description, value: figure(key, $0.sub, data).value, inBaseline: $0.inBaseline) },
                evidence: evidence
            )
        }
    }

    /// The points of a trend: a year or a half by quarters, a quarter by months, a month as itself.
    static func trendPeriods(_ period: ReportingPeriod) -> [ReportingPeriod] {
        switch period.unit {
        case .year, .half: period.split(into: .quarter)
        case .quarter: period.split(into: .month)
        case .month: [period]
        }
    }

    /// One indicator over one period, from records not withdrawn whose date falls inside it.
    static func figure(_ key: BenchmarkIndicator, _ period: ReportingPeriod, _ data: BenchmarkInputs) -> Figure {
        let local = data.local
        let records = data.records.filter { $0.withdrawnAt == nil && period.contains($0.occurredOn, in: local) }.sorted { $0.id < $1.id }
        func flow(_ indicator: QualityIndicator) -> [QualityRecord] { records.filter { $0.indicator == indicator } }
        func sum(_ list: [QualityRecord]) -> Double { list.reduce(0) { $0 + ($1.value ?? 0) } }
        /// `numerator` over the sum of a flow, times `scale`; nil when the flow has no records or adds up to 0.
        func ratio(_ numerator: [QualityRecord], counted: Bool = false, over denominator: QualityIndicator, scale: Double = 1) -> Figure {
            let below = flow(denominator)
            let evidence = (numerator + below).sorted { $0.id < $1.id }.map(\.key)
            guard !below.isEmpty else {
                return Figure(
                    value: nil,
                    missing: Text(
                        zh: "\(period)没有“\(denominator.label.zh)”（\(denominator.rawValue)）指标记录",
                        en: "no \(denominator.rawValue) indicator records in \(period)"
                    ),
                    evidence: evidence
                )
            }
            let total = sum(below)
            guard total > 0 else {
                return Figure(
                    value: nil,
                    missing: Text(
                        zh: "\(period)的“\(denominator.label.zh)”（\(denominator.rawValue)）合计为0",
                        en: "\(denominator.rawValue) adds up to 0 in \(period)"
                    ),
                    evidence: evidence
                )
            }
            return Figure(value: (counted ? Double(numerator.count) : sum(numerator)) / total * scale, missing: nil, evidence: evidence)
        }
        switch key {
        case .nonconformityRate: return ratio(flow(.unitsNonconforming), over: .unitsProduced)
        case .qualityCostRate: return ratio(flow(.qualityCost), over: .revenue)
        case .qualityLossRate: return ratio(flow(.qualityLoss), over: .revenue)
        case .complaintRate: return ratio(records.filter { $0.kind == .complaint }, counted: true, over: .unitsSold, scale: 10_000)
        case .hazardDiscoveryRate:
            let found = data.hazards.filter { $0.cancellation == nil && period.contains($0.foundAt, in: local) }.sorted { $0.id < $1.id }
            let runs = data.runs.filter { period.contains($0.performedAt, in: local) }.sorted { $0.id < $1.id }
            let evidence = found.map { "hazard#\($0.id)" } + runs.map { "check_plan#\($0.planID):\($0.period)" }
            guard !runs.isEmpty else {
                return Figure(
                    value: nil,
                    missing: Text("benchmarkAssessor.noCheckRunsPerformed", "\(period)"),
                    evidence: evidence
                )
            }
            return Figure(value: Double(found.count) / Double(runs.count) * 100, missing: nil, evidence: evidence)
        case .hazardsResolved:
            let closed = data.hazards.filter { $0.closedAt.map { period.contains($0, in: local) } ?? false }.sorted { $0.id < $1.id }
            return Figure(value: Double(closed.count), missing: nil, evidence: closed.map { "hazard#\($0.id)" })
        }
    }
}
