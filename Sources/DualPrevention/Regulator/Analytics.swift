import Foundation

/// Hazards that come back (issue 16, the regulator's analytics): on a risk point, a hazard found after an earlier one
/// on the same point within the window is a repeat; the first is not. The database counts hazards per risk point;
/// these rules say what the counts mean.
public enum RepeatHazards {
    /// Repeats among `count` hazards of one risk point: all but the first.
    public static func repeats(_ count: Int) -> Int { max(0, count - 1) }

    /// A risk point with more than one hazard in the window, as the database counted it.
    public struct Point: Sendable, Hashable, Codable {
        public var riskPointID: Int64
        public var riskPoint: String
        public var enterpriseID: Int64
        public var enterprise: String
        public var category: String
        public var hazards: Int
        public var firstFound: Date
        public var lastFound: Date
        /// All but the first of its hazards (`RepeatHazards.repeats`), kept beside the count for the JSON.
        public private(set) var repeats: Int

        public init(
            riskPointID: Int64,
            riskPoint: String,
            enterpriseID: Int64,
            enterprise: String,
            category: String,
            hazards: Int,
            firstFound: Date,
            lastFound: Date
        ) {
            self.riskPointID = riskPointID
            self.riskPoint = riskPoint
            self.enterpriseID = enterpriseID
            self.enterprise = enterprise
            self.category = category
            self.hazards = hazards
            self.firstFound = firstFound
            self.lastFound = lastFound
            repeats = RepeatHazards.repeats(hazards)
        }
    }

    /// How many risk points of a product category had `hazards` hazards each in the window (the database's
    /// histogram); `onRiskPoint` false for the hazards found on no risk point, counted once as their total.
    public struct Bucket: Sendable, Hashable {
        public var category: String
        public var hazards: Int
        public var points: Int
        public var onRiskPoint: Bool

        public init(category: String, hazards: Int, points: Int, onRiskPoint: Bool = true) {
            self.category = category
            self.hazards = hazards
            self.points = points
            self.onRiskPoint = onRiskPoint
        }
    }

    /// One product category's hazards and repeats across the jurisdiction.
    public struct Category: Sendable, Hashable, Codable {
        public var category: String
        /// Every hazard of the category's enterprises found in the window (cancelled ones aside).
        public var hazards: Int
        /// Those found on a risk point.
        public var onRiskPoints: Int
        /// Hazards found on a risk point that already had one in the window.
        public private(set) var repeats: Int
        /// Risk points with a repeat.
        public var pointsWithRepeats: Int
        /// Repeats per hazard found on a risk point, 0 when there is none.
        public var repeatRate: Double

        public init(category: String, hazards: Int, onRiskPoints: Int, repeats: Int, pointsWithRepeats: Int) {
            self.category = category
            self.hazards = hazards
            self.onRiskPoints = onRiskPoints
            self.repeats = repeats
            self.pointsWithRepeats = pointsWithRepeats
            repeatRate = onRiskPoints == 0 ? 0 : Double(repeats) / Double(onRiskPoints)
        }
    }

    /// The categories from the database's histogram, most repeats first (then by name).
    public static func categories(_ buckets: [Bucket]) -> [Category] {
        Dictionary(grouping: buckets, by: \.category).map { category, rows in
            let onPoints = rows.filter(\.onRiskPoint)
            return Category(
                category: category,
                hazards: rows.reduce(0) { $0 + ($1.onRiskPoint ? $1.hazards * $1.points : $1.hazards) },
                onRiskPoints: onPoints.reduce(0) { $0 + $1.hazards * $1.points },
                repeats: onPoints.reduce(0) { $0 + repeats($1.hazards) * $1.points },
                pointsWithRepeats: onPoints.filter { $0.hazards > 1 }.reduce(0) { $0 + $1.points }
            )
        }
        .sorted { ($1.repeats, $0.category) < ($0.repeats, $1.category) }
    }
}

/// The closed-loop and on-time rates of each district, month by month (issue 16): each month's hazards, found in it,
/// as they stood at its end (or now, for the month under way), the same counts as the regulator's overview.
public struct LoopTrend: Sendable, Hashable, Codable {
    /// One calendar month, local time: its hazards are those found from `start` to `end` (its last millisecond, the
    /// store's precision, so that a hazard found at local midnight counts in one month only), judged at `end`.
    public struct Month: Sendable, Hashable, Codable {
        public var key: String
        public var start: Date
        public var end: Date

        public init(key: String, start: Date, end: Date) {
            self.key = key
            self.start = start
            self.end = end
        }
    }

    /// One district's months, in order.
    public struct Series: Sendable, Hashable, Codable {
        public var jurisdictionID: Int64
        public var name: String
        public var months: [DualPreventionPerformance.LoopTally]

        public init(jurisdictionID: Int64, name: String, months: [DualPreventionPerformance.LoopTally]) {
            self.jurisdictionID = jurisdictionID
            self.name = name
            self.months = months
        }
    }

    public var months: [Month]
    public var series: [Series]

    public init(months: [Month], series: [Series]) {
        self.months = months
        self.series = series
    }

    /// The `count` months ending with the one holding `now`, oldest first; the last is judged at `now`.
    public static func months(endingAt now: Date, count: Int, local: LocalTime) -> [Month] {
        (0..<max(1, count)).reversed().map { back in
            let start = local.startOfMonth(now, moved: -back)
            let end = back == 0 ? now : local.startOfMonth(now, moved: -back + 1).addingTimeInterval(-0.001)
            return Month(key: local.month(start), start: start, end: end)
        }
    }

    /// The district an enterprise's jurisdiction counts under: the district (or county) on its path to the root, else
    /// the jurisdiction itself (an enterprise registered at city level).
    public static func district(of jurisdictionID: Int64, in tree: [Int64: Jurisdiction]) -> Int64 {
        var node = tree[jurisdictionID]
        var seen: Set<Int64> = []
        while let current = node, seen.insert(current.id).inserted {
            if current.level == .district { return current.id }
            node = current.parentID.flatMap { tree[$0] }
        }
        return jurisdictionID
    }

    /// Adds up each month's tallies by enterprise jurisdiction into one series per district, by name. `tallies[m]`
    /// holds month m's tally per enterprise jurisdiction; every district of `seen` (the jurisdictions of the
    /// enterprises in sight) has its series, one without a hazard too.
    public static func build(
        months: [Month],
        tallies: [[Int64: DualPreventionPerformance.LoopTally]],
        tree: [Int64: Jurisdiction],
        seen: Set<Int64> = []
    ) -> LoopTrend {
        var sums: [Int64: [DualPreventionPerformance.LoopTally]] = [:]
        for jurisdiction in seen { sums[district(of: jurisdiction, in: tree)] = Array(repeating: .zero, count: months.count) }
        for (index, month) in tallies.enumerated() where index < months.count {
            for (jurisdiction, tally) in month {
                let district = district(of: jurisdiction, in: tree)
                var row = sums[district] ?? Array(repeating: .zero, count: months.count)
                // The month's own hazards only: what is overdue or listed at its end also counts older ones.
                row[index] =
                    row[index] + DualPreventionPerformance.LoopTally(found: tally.found, closed: tally.closed, due: tally.due, onTime: tally.onTime)
                sums[district] = row
            }
        }
        // Two districts of one name (鼓楼区 in two cities) are told apart by the jurisdiction above them.
        let names = sums.keys.map { tree[$0]?.name ?? "#\($0)" }
        let repeated = Set(names.filter { name in names.filter { $0 == name }.count > 1 })
        let series = sums.map { id, row in
            let name = tree[id]?.name ?? "#\(id)"
            let parent = tree[id]?.parentID.flatMap { tree[$0]?.name }
            return Series(jurisdictionID: id, name: repeated.contains(name) ? "\(name)（\(parent ?? "#\(id)")）" : name, months: row)
        }
        .sorted { ($0.name, $0.jurisdictionID) < ($1.name, $1.jurisdictionID) }
        return LoopTrend(months: months, series: series)
    }
}
