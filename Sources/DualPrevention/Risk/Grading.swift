import Foundation

/// The four risk colours, red the highest.
public enum RiskColour: String, Sendable, Codable, CaseIterable, Comparable, Labelled {
    case red, orange, yellow, blue

    var severity: Int {
        switch self {
        case .red: 4
        case .orange: 3
        case .yellow: 2
        case .blue: 1
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.severity < rhs.severity }

    public var label: Text {
        switch self {
        case .red: Text("grading.redMajor")
        case .orange: Text("grading.orangeHigh")
        case .yellow: Text("grading.yellowGeneral")
        case .blue: Text("grading.blueLow")
        }
    }

    /// The tier that controls a risk of this colour (it is also controlled at every tier below).
    public var controlTier: ControlTier {
        switch self {
        case .red: .enterprise
        case .orange: .department
        case .yellow: .workshop
        case .blue: .team
        }
    }
}

/// Control tiers, from the enterprise down to team and post.
public enum ControlTier: String, Sendable, Codable, CaseIterable, Comparable, Labelled {
    case enterprise, department, workshop, team

    var height: Int {
        switch self {
        case .enterprise: 4
        case .department: 3
        case .workshop: 2
        case .team: 1
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.height < rhs.height }

    /// One tier up, where an overdue hazard escalates; the enterprise tier has nothing above it.
    public var above: ControlTier {
        switch self {
        case .team: .workshop
        case .workshop: .department
        case .department, .enterprise: .enterprise
        }
    }

    /// This tier and every tier below it.
    public var tiersControlling: [ControlTier] {
        ControlTier.allCases.filter { $0 <= self }
    }

    public var label: Text {
        switch self {
        case .enterprise: Text("grading.enterprisePrincipalDirector")
        case .department: Text("grading.responsibleDepartment")
        case .workshop: Text("grading.workshop")
        case .team: Text("grading.teamPost")
        }
    }
}

public enum GradingMethodKind: String, Sendable, Codable, CaseIterable {
    case lec, ls
}

/// The inputs of one grading. LEC values are kept in tenths so that D is computed exactly.
public enum GradingInput: Sendable, Hashable, Codable {
    /// D = L × E × C.
    case lec(l: Double, e: Double, c: Double)
    /// R = L × S.
    case ls(l: Int, s: Int)

    public var method: GradingMethodKind {
        switch self {
        case .lec: .lec
        case .ls: .ls
        }
    }

    public var summary: String {
        switch self {
        case .lec(let l, let e, let c): "L=\(Self.trim(l)) E=\(Self.trim(e)) C=\(Self.trim(c))"
        case .ls(let l, let s): "L=\(l) S=\(s)"
        }
    }

    static func trim(_ value: Double) -> String {
        value.isFinite && abs(value) < 1e15 && value == value.rounded() ? String(Int(value)) : String(value)
    }
}

/// Band thresholds; configuration, with the DOMAIN.md defaults.
public struct GradingBands: Sendable, Hashable, Codable {
    /// LEC: D strictly above each threshold gives that colour (red > 320, orange > 160, yellow > 70).
    public var lecRedAbove: Double
    public var lecOrangeAbove: Double
    public var lecYellowAbove: Double
    /// LS: R at or above each threshold gives that colour (red ≥ 20, orange ≥ 10, yellow ≥ 5).
    public var lsRedFrom: Int
    public var lsOrangeFrom: Int
    public var lsYellowFrom: Int

    public static let `default` = GradingBands(
        lecRedAbove: 320,
        lecOrangeAbove: 160,
        lecYellowAbove: 70,
        lsRedFrom: 20,
        lsOrangeFrom: 10,
        lsYellowFrom: 5
    )

    public init(
        lecRedAbove: Double,
        lecOrangeAbove: Double,
        lecYellowAbove: Double,
        lsRedFrom: Int,
        lsOrangeFrom: Int,
        lsYellowFrom: Int
    ) {
        self.lecRedAbove = lecRedAbove
        self.lecOrangeAbove = lecOrangeAbove
        self.lecYellowAbove = lecYellowAbove
        self.lsRedFrom = lsRedFrom
        self.lsOrangeFrom = lsOrangeFrom
        self.lsYellowFrom = lsYellowFrom
    }
}

/// The result of grading: the score and the colour it falls in.
public struct GradingResult: Sendable, Hashable, Codable {
    public let input: GradingInput
    public let score: Double
    public let colour: RiskColour
    public var controlTier: ControlTier { colour.controlTier }

    public init(input: GradingInput, score: Double, colour: RiskColour) {
        self.input = input
        self.score = score
        self.colour = colour
    }
}

/// LEC and LS tables (DOMAIN.md §3); values outside the tables are rejected.
public enum Grader {
    public static let lecL: [Double] = [10, 6, 3, 1, 0.5, 0.2, 0.1]
    public static let lecE: [Double] = [10, 6, 3, 2, 1, 0.5]
    public static let lecC: [Double] = [100, 40, 15, 7, 3, 1]
    public static let lsRange = 1...5

    public static func grade(_ input: GradingInput, bands: GradingBands = .default) throws(GradingError) -> GradingResult {
        switch input {
        case .lec(let l, let e, let c):
            try check(l, in: lecL, factor: "L")
            try check(e, in: lecE, factor: "E")
            try check(c, in: lecC, factor: "C")
            // Tenths make every table value an integer, so D·100 is exact and band edges never blur.
            let hundredths = tenths(l) * tenths(e) * Int(c.rounded())
            let colour: RiskColour =
                if hundredths > tenths(bands.lecRedAbove) * 10 { .red } else if hundredths > tenths(bands.lecOrangeAbove) * 10 {
                    .orange
                } else if hundredths > tenths(bands.lecYellowAbove) * 10 { .yellow } else { .blue }
            return GradingResult(input: input, score: Double(hundredths) / 100, colour: colour)
        case .ls(let l, let s):
            guard lsRange.contains(l) else { throw .valueNotInTable(factor: "L", value: Double(l), allowed: lsRange.map(Double.init)) }
            guard lsRange.contains(s) else { throw .valueNotInTable(factor: "S", value: Double(s), allowed: lsRange.map(Double.init)) }
            let r = l * s
            let colour: RiskColour =
                if r >= bands.lsRedFrom { .red } else if r >= bands.lsOrangeFrom { .orange } else if r >= bands.lsYellowFrom { .yellow } else {
                    .blue
                }
            return GradingResult(input: input, score: Double(r), colour: colour)
        }
    }

    static func tenths(_ value: Double) -> Int { Int((value * 10).rounded()) }

    static func check(_ value: Double, in table: [Double], factor: String) throws(GradingError) {
        // The closeness test comes first: `tenths` traps on NaN, infinities and huge values.
        guard table.contains(where: { abs($0 - value) < 1e-9 && tenths($0) == tenths(value) }) else {
            throw .valueNotInTable(factor: factor, value: value, allowed: table)
        }
    }
}

public enum GradingError: DualPreventionError, Equatable {
    case valueNotInTable(factor: String, value: Double, allowed: [Double])
    case methodRequiresInputs(GradingMethodKind)

    public var kind: FailureKind { .badInput }
    public var rule: String {
        switch self {
        case .valueNotInTable: "GRADING-TABLE"
        case .methodRequiresInputs: "GRADING-INPUTS"
        }
    }

    public var message: Text {
        switch self {
        case .valueNotInTable(let factor, let value, _):
            Text("grading.notValueTable", "\(factor)", "\(GradingInput.trim(value))")
        case .methodRequiresInputs(let method):
            method == .lec
                ? Text("grading.lecMethodNeedsL")
                : Text("grading.lsMethodNeedsL")
        }
    }

    public var hint: Text? {
        switch self {
        case .valueNotInTable(let factor, _, let allowed):
            let list = allowed.map(GradingInput.trim).joined(separator: ", ")
            return Text("grading.canOne", "\(factor)", "\(list)")
        case .methodRequiresInputs(let method):
            return method == .lec
                ? Text("grading.exampleMethodLecL")
                : Text("grading.exampleMethodLsL")
        }
    }
}

extension GradingInput {
    /// Grading inputs as given field by field (CLI options, an API body): nil without a method; the method's own
    /// factors are required, and an LS likelihood must be a whole number of the table.
    public static func make(method: GradingMethodKind?, l: Double?, e: Double?, c: Double?, s: Int?) throws(GradingError) -> GradingInput? {
        guard let method else { return nil }
        switch method {
        case .lec:
            guard let l, let e, let c else { throw GradingError.methodRequiresInputs(.lec) }
            return .lec(l: l, e: e, c: c)
        case .ls:
            guard let l, let s else { throw GradingError.methodRequiresInputs(.ls) }
            // Checked before converting: an out-of-range or fractional L is refused with the table, not trapped.
            guard l.isFinite, l == l.rounded(), abs(l) <= 1_000 else {
                throw GradingError.valueNotInTable(factor: "L", value: l.isFinite ? l : 0, allowed: Grader.lsRange.map(Double.init))
            }
            return .ls(l: Int(l), s: s)
        }
    }
}
