/// The four quality credit grades (Chongqing model, DOMAIN.md §6).
public enum CreditGrade: String, Sendable, Codable, CaseIterable, Comparable, Labelled {
    case a = "A"
    case b = "B"
    case c = "C"
    case d = "D"

    var rank: Int {
        switch self {
        case .a: 4
        case .b: 3
        case .c: 2
        case .d: 1
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }

    public var label: Text {
        switch self {
        case .a: Text("creditRules.a")
        case .b: Text("creditRules.b")
        case .c: Text("creditRules.c")
        case .d: Text("creditRules.d")
        }
    }
}

/// A region's credit rules: indicator groups and their items, deductions, bonus, bands, veto behaviours and the
/// supervision measure of each grade. Data (checklists/credit-rules.yaml), replaceable without touching code.
public struct CreditRules: Sendable, Hashable, Codable {
    public var version: Int
    public var name: Text
    /// The base groups; their points add up to 100.
    public var groups: [Group]
    /// Quality violations: points taken off, at most `points` in all.
    public var deductions: Group
    /// Quality awards: points added, at most `points` in all.
    public var bonus: Group
    /// Lower bound of each grade, highest first; the last grade takes everything below.
    public var bands: [Band]
    /// Behaviours that force grade D whatever the score.
    public var vetoes: [Veto]
    public var measures: [Measure]

    public init(version: Int, name: Text, groups: [Group], deductions: Group, bonus: Group, bands: [Band], vetoes: [Veto], measures: [Measure]) {
        self.version = version
        self.name = name
        self.groups = groups
        self.deductions = deductions
        self.bonus = bonus
        self.bands = bands
        self.vetoes = vetoes
        self.measures = measures
    }

    public struct Group: Sendable, Hashable, Codable {
        public var code: String
        public var name: Text
        public var points: Double
        public var items: [Item]

        public init(code: String, name: Text, points: Double, items: [Item]) {
            self.code = code
            self.name = name
            self.points = points
            self.items = items
        }
    }

    public struct Item: Sendable, Hashable, Codable {
        public var code: String
        public var name: Text
        public var points: Double
        /// The measured value it is scored on (a key of the metric catalog).
        public var metric: String
        public var scoring: Scoring

        public init(code: String, name: Text, points: Double, metric: String, scoring: Scoring) {
            self.code = code
            self.name = name
            self.points = points
            self.metric = metric
            self.scoring = scoring
        }
    }

    /// How a metric value becomes points (0 … item points; deductions and bonus count upwards too).
    public enum Scoring: Sendable, Hashable, Codable {
        /// Linear between `zeroAt` (no points) and `fullAt` (all points); either may be the larger.
        case linear(zeroAt: Double, fullAt: Double)
        /// All points when the value is at least the threshold, none otherwise.
        case atLeast(Double)
        /// All points when the value is at most the threshold, none otherwise.
        case atMost(Double)
        /// So many points for each counted record, up to the item's points.
        case perCount(Double)
    }

    public struct Band: Sendable, Hashable, Codable {
        public var grade: CreditGrade
        public var from: Double

        public init(grade: CreditGrade, from: Double) {
            self.grade = grade
            self.from = from
        }
    }

    public struct Veto: Sendable, Hashable, Codable {
        public var code: String
        public var name: Text
        /// The veto applies when this metric counts one record or more.
        public var metric: String

        public init(code: String, name: Text, metric: String) {
            self.code = code
            self.name = name
            self.metric = metric
        }
    }

    public struct Measure: Sendable, Hashable, Codable {
        public var grade: CreditGrade
        public var text: Text

        public init(grade: CreditGrade, text: Text) {
            self.grade = grade
            self.text = text
        }
    }

    /// What is wrong with the rules as a whole (each item is checked where it is read).
    public func problems() -> [String] {
        var problems: [String] = []
        let base = groups.reduce(0) { $0 + $1.points }
        if abs(base - 100) > 1e-9 { problems.append("the groups' points add up to \(base), not 100") }
        for group in groups + [deductions, bonus] {
            let sum = group.items.reduce(0) { $0 + $1.points }
            if group.code != deductions.code, group.code != bonus.code, abs(sum - group.points) > 1e-9 {
                problems.append("group \(group.code): its items add up to \(sum), not \(group.points)")
            }
        }
        let codes = (groups + [deductions, bonus]).flatMap { $0.items.map(\.code) }
        for code in Set(codes) where codes.filter({ $0 == code }).count > 1 { problems.append("item code \(code) is used twice") }
        let ordered = bands.map(\.from)
        if ordered != ordered.sorted(by: >) { problems.append("bands must go from the highest grade down") }
        if Set(bands.map(\.grade)).count != CreditGrade.allCases.count { problems.append("bands must name each grade A, B, C, D once") }
        return problems
    }
}

extension CreditRules {
    /// The veto behaviours a veto record may name (`veto.<code>` metrics of the rules).
    public var vetoCodes: [String] { vetoes.compactMap { $0.metric.hasPrefix("veto.") ? String($0.metric.dropFirst(5)) : nil } }

    /// A veto record must name a veto of these rules: a mistyped code would be stored and never force D.
    public func requireKnownVeto(_ record: QualityRecord) throws(InputError) {
        guard record.kind == .veto, !vetoCodes.contains(record.subtype) else { return }
        throw InputError(
            rule: "RECORD-VETO-CODE",
            message: Text("creditRules.creditRulesHaveNo", "\(record.subtype)"),
            hint: Text("creditRules.one", "\(vetoCodes.joined(separator: ", "))")
        )
    }
}
