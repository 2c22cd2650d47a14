import Foundation

/// What a compliance item of the benchmark assessment measures (DOMAIN.md §8). Each gives a share from 0 to 1,
/// judged from the records at the end of the assessed period; a rules file may name only these.
public enum BenchmarkMeasure: String, Sendable, Codable, CaseIterable, Labelled {
    /// Principal, director and at least one officer appointed.
    case organisation
    /// Every workshop has a risk point in every dimension.
    case riskIdentification
    /// Risk points graded, and re-graded on time after a hazard on them closed.
    case gradingCurrent
    /// Daily, weekly and monthly check records done for every period due.
    case checkRecords
    /// Closed-loop and on-time rates; nothing when a major hazard is open without an approved plan.
    case closedLoop
    /// Re-grading after closure, and the share of staff trained on quality.
    case improvement

    public var label: Text {
        switch self {
        case .organisation: Text("benchmarkRules.organisationResponsibility")
        case .riskIdentification: Text("benchmarkRules.riskIdentificationComplete")
        case .gradingCurrent: Text("benchmarkRules.gradingControlListCurrent")
        case .checkRecords: Text("benchmarkRules.dailyWeeklyMonthlyRecords")
        case .closedLoop: Text("benchmarkRules.hazardClosedLoop")
        case .improvement: Text("benchmarkRules.continuousImprovement")
        }
    }

    /// How the share is worked out, for the report.
    public var explanation: Text {
        switch self {
        case .organisation:
            Text("benchmarkRules.sharePrincipalDirectorAt")
        case .riskIdentification:
            Text("benchmarkRules.shareWorkshopDimensionPairs")
        case .gradingCurrent:
            Text("benchmarkRules.shareRiskPointsGraded")
        case .checkRecords:
            Text("benchmarkRules.shareDailyWeeklyMonthly")
        case .closedLoop:
            Text("benchmarkRules.meanClosedLoopTime")
        case .improvement:
            Text("benchmarkRules.meanShareHazardsClosed")
        }
    }
}

/// The six before/after indicators of the benchmark assessment, with the direction that counts as better.
public enum BenchmarkIndicator: String, Sendable, Codable, CaseIterable, Labelled {
    /// Σ units nonconforming / Σ units produced.
    case nonconformityRate
    /// Hazards found per 100 checks performed.
    case hazardDiscoveryRate
    /// Hazards closed in the period.
    case hazardsResolved
    /// Σ quality cost / Σ revenue.
    case qualityCostRate
    /// Σ quality loss / Σ revenue.
    case qualityLossRate
    /// Complaints per 10,000 units sold.
    case complaintRate

    public var label: Text {
        switch self {
        case .nonconformityRate: Text("benchmarkRules.productNonconformityRate")
        case .hazardDiscoveryRate: Text("benchmarkRules.hazardDiscoveryRate")
        case .hazardsResolved: Text("benchmarkRules.hazardsResolved")
        case .qualityCostRate: Text("benchmarkRules.qualityCostRate")
        case .qualityLossRate: Text("benchmarkRules.qualityLossRate")
        case .complaintRate: Text("benchmarkRules.complaintRate")
        }
    }

    /// Finding more hazards and resolving more is better; every rate of loss is better lower.
    public var higherIsBetter: Bool { [.hazardDiscoveryRate, .hazardsResolved].contains(self) }

    /// Whether Taizhou's figure for it is a relative change (all but `hazardsResolved`, which is a count).
    public var referenceIsChange: Bool { self != .hazardsResolved }

    /// A value with its unit: `0.96%`, `12.5 per 100 checks`, `92`, `1.2 per 10,000 units sold`.
    public func formatted(_ value: Double) -> Text {
        switch self {
        case .nonconformityRate, .qualityCostRate, .qualityLossRate:
            let text = BenchmarkNumber.percent(value)
            return Text(zh: text, en: text)
        case .hazardDiscoveryRate:
            let n = BenchmarkNumber.plain(value, decimals: 2)
            return Text("benchmarkRules.per100Checks", "\(n)")
        case .hazardsResolved:
            let n = BenchmarkNumber.plain(value, decimals: 1)
            return Text(zh: "\(n)项", en: n)
        case .complaintRate:
            let n = BenchmarkNumber.plain(value, decimals: 2)
            return Text("benchmarkRules.per10000Units", "\(n)")
        }
    }
}

/// Numbers as the benchmark report writes them: at most a few decimals, trailing zeros dropped.
public enum BenchmarkNumber {
    public static func plain(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "–" }
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// A fraction as a percentage: 0.0096 → `0.96%`; with `signed`, −0.52 → `-52%` and 0.77 → `+77%`.
    public static func percent(_ fraction: Double, signed: Bool = false) -> String {
        let text = plain(fraction * 100, decimals: 2)
        return (signed && fraction * 100 >= 0.005 ? "+" : "") + text + "%"
    }
}

/// A region's benchmark-enterprise rules (达标评估规则, DOMAIN.md §8): compliance items worth 100 points, the pass
/// conditions, and the figures Taizhou published for its benchmark enterprises. Data (checklists/benchmark-rules.yaml),
/// replaceable without touching code.
public struct BenchmarkRules: Sendable, Hashable, Codable {
    public var version: Int
    public var name: Text
    /// The compliance items; their points add up to 100 and each measure appears once.
    public var items: [Item]
    /// The compliance score needed (85 in the default file).
    public var passScore: Double
    /// No item may score below this share of its points (0.6 in the default file).
    public var minimumItemShare: Double
    /// How many of the six indicators must have improved over the baseline (4 in the default file).
    public var indicatorsImprovedAtLeast: Int
    /// How many enterprises Taizhou's absolute figures are for (45).
    public var referenceEnterprises: Int
    /// Taizhou's published results, year on year.
    public var reference: Reference

    public init(
        version: Int,
        name: Text,
        items: [Item],
        passScore: Double,
        minimumItemShare: Double,
        indicatorsImprovedAtLeast: Int,
        referenceEnterprises: Int,
        reference: Reference
    ) {
        self.version = version
        self.name = name
        self.items = items
        self.passScore = passScore
        self.minimumItemShare = minimumItemShare
        self.indicatorsImprovedAtLeast = indicatorsImprovedAtLeast
        self.referenceEnterprises = referenceEnterprises
        self.reference = reference
    }

    public struct Item: Sendable, Hashable, Codable {
        public var code: String
        public var name: Text
        public var points: Double
        public var measure: BenchmarkMeasure

        public init(code: String, name: Text, points: Double, measure: BenchmarkMeasure) {
            self.code = code
            self.name = name
            self.points = points
            self.measure = measure
        }
    }

    /// The benchmark enterprises' results: relative changes as fractions (−0.52 is −52 %), and the number of
    /// hazards resolved as an absolute count across `referenceEnterprises` enterprises.
    public struct Reference: Sendable, Hashable, Codable {
        public var nonconformityRate: Double
        public var hazardDiscoveryRate: Double
        public var hazardsResolved: Double
        public var qualityCostRate: Double
        public var qualityLossRate: Double
        public var complaintRate: Double

        public init(
            nonconformityRate: Double,
            hazardDiscoveryRate: Double,
            hazardsResolved: Double,
            qualityCostRate: Double,
            qualityLossRate: Double,
            complaintRate: Double
        ) {
            self.nonconformityRate = nonconformityRate
            self.hazardDiscoveryRate = hazardDiscoveryRate
            self.hazardsResolved = hazardsResolved
            self.qualityCostRate = qualityCostRate
            self.qualityLossRate = qualityLossRate
            self.complaintRate = complaintRate
        }

        public subscript(_ indicator: BenchmarkIndicator) -> Double {
            switch indicator {
            case .nonconformityRate: nonconformityRate
            case .hazardDiscoveryRate: hazardDiscoveryRate
            case .hazardsResolved: hazardsResolved
            case .qualityCostRate: qualityCostRate
            case .qualityLossRate: qualityLossRate
            case .complaintRate: complaintRate
            }
        }
    }

    /// What is wrong with the rules as a whole (each field is checked where it is read).
    public func problems() -> [String] {
        var problems: [String] = []
        if items.isEmpty { problems.append("there are no items") }
        let sum = items.reduce(0) { $0 + $1.points }
        if abs(sum - 100) > 1e-9 { problems.append("the items' points add up to \(BenchmarkNumber.plain(sum, decimals: 3)), not 100") }
        for item in items where !(item.points > 0 && item.points.isFinite) { problems.append("item \(item.code): points must be above 0") }
        let codes = items.map(\.code)
        for code in Set(codes).sorted() where codes.filter({ $0 == code }).count > 1 { problems.append("item code \(code) is used twice") }
        let measures = items.map(\.measure)
        for measure in BenchmarkMeasure.allCases where measures.filter({ $0 == measure }).count > 1 {
            problems.append("measure \(measure.rawValue) is used by more than one item")
        }
        if !(0...100).contains(passScore) { problems.append("the pass score \(passScore) is not within 0–100") }
        if !(0...1).contains(minimumItemShare) { problems.append("the minimum item share \(minimumItemShare) is not within 0–1") }
        if !(0...BenchmarkIndicator.allCases.count).contains(indicatorsImprovedAtLeast) {
            problems.append("indicatorsImprovedAtLeast \(indicatorsImprovedAtLeast) is not within 0–\(BenchmarkIndicator.allCases.count)")
        }
        if referenceEnterprises < 1 { problems.append("referenceEnterprises must be at least 1") }
        for indicator in BenchmarkIndicator.allCases where !reference[indicator].isFinite {
            problems.append("the reference figure of \(indicator.rawValue) is not a number")
        }
        if reference.hazardsResolved < 0 { problems.append("the reference number of hazards resolved cannot be negative") }
        return problems
    }
}
