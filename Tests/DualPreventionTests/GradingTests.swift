import Foundation
import Testing

@testable import DualPrevention

struct LECCase: Sendable, CustomTestStringConvertible {
    let l: Double, e: Double, c: Double
    let score: Double
    let colour: RiskColour
    init(_ l: Double, _ e: Double, _ c: Double, _ score: Double, _ colour: RiskColour) {
        (self.l, self.e, self.c, self.score, self.colour) = (l, e, c, score, colour)
    }
    var testDescription: String { "L=\(l) E=\(e) C=\(c) → \(score) \(colour)" }
}

@Suite struct GradingTests {
    /// The tables as decimal strings, independent of the grader's own arrays.
    static let lTable = ["10", "6", "3", "1", "0.5", "0.2", "0.1"]
    static let eTable = ["10", "6", "3", "2", "1", "0.5"]
    static let cTable = ["100", "40", "15", "7", "3", "1"]

    static func decimal(_ text: String) -> Decimal { Decimal(string: text)! }

    /// Reference: DOMAIN.md §3 default bands in exact decimal arithmetic.
    static func referenceColour(_ d: Decimal) -> RiskColour {
        if d > 320 { return .red }
        if d > 160 { return .orange }
        if d > 70 { return .yellow }
        return .blue
    }

    /// Every table combination whose product is exactly `target`, found in exact arithmetic.
    static func combinations(givingExactly target: Decimal) -> [[String]] {
        var found: [[String]] = []
        for l in lTable {
            for e in eTable {
                for c in cTable where decimal(l) * decimal(e) * decimal(c) == target {
                    found.append([l, e, c])
                }
            }
        }
        return found
    }

    @Test(arguments: [
        LECCase(10, 10, 100, 10_000, .red),
        LECCase(6, 6, 15, 540, .red),
        LECCase(3, 3, 40, 360, .red),  // smallest product above 320
        LECCase(10, 10, 3, 300, .orange),  // largest product not above 320
        LECCase(10, 2, 15, 300, .orange),
        LECCase(3, 6, 15, 270, .orange),
        LECCase(10, 6, 3, 180, .orange),  // smallest product above 160
        LECCase(10, 1, 15, 150, .yellow),  // largest product not above 160
        LECCase(3, 0.5, 100, 150, .yellow),
        LECCase(10, 0.5, 15, 75, .yellow),  // smallest product above 70
        LECCase(10, 1, 7, 70, .blue),  // exactly on the 70 edge
        LECCase(1, 10, 7, 70, .blue),
        LECCase(3, 3, 7, 63, .blue),
        LECCase(0.1, 0.5, 1, 0.05, .blue),
        LECCase(0.2, 3, 1, 0.6, .blue),
    ])
    func lecDefaultBands(_ test: LECCase) throws {
        let result = try Grader.grade(.lec(l: test.l, e: test.e, c: test.c))
        #expect(result.colour == test.colour)
        #expect(abs(result.score - test.score) < 1e-9)
        #expect(result.controlTier == test.colour.controlTier)
        #expect(result.input.method == .lec)
    }

    @Test func exactBandEdgesThatTheTablesCanReach() throws {
        // No combination lands on 320 or 160; two land on 70, and 70 is not above 70.
        #expect(Self.combinations(givingExactly: 320).isEmpty)
        #expect(Self.combinations(givingExactly: 160).isEmpty)
        let seventy = Self.combinations(givingExactly: 70)
        #expect(seventy == [["10", "1", "7"], ["1", "10", "7"]])
        for combo in seventy {
            let result = try Grader.grade(.lec(l: Double(combo[0])!, e: Double(combo[1])!, c: Double(combo[2])!))
            #expect(result.colour == .blue)
        }
    }

    @Test func everyLECCombinationMatchesTheDecimalReference() throws {
        var counts: [RiskColour: Int] = [:]
        for l in Self.lTable {
            for e in Self.eTable {
                for c in Self.cTable {
                    let d = Self.decimal(l) * Self.decimal(e) * Self.decimal(c)
                    let result = try Grader.grade(.lec(l: Double(l)!, e: Double(e)!, c: Double(c)!))
                    #expect(result.colour == Self.referenceColour(d), "L=\(l) E=\(e) C=\(c) D=\(d)")
                    #expect(abs(result.score - Double("\(d)")!) < 1e-9, "L=\(l) E=\(e) C=\(c)")
                    counts[result.colour, default: 0] += 1
                }
            }
        }
        #expect(counts == [.red: 40, .orange: 21, .yellow: 28, .blue: 163])
    }

    @Test func customBandsOnReachableProductsAreExclusiveAbove() throws {
        let bands = GradingBands(
            lecRedAbove: 270,
            lecOrangeAbove: 90,
            lecYellowAbove: 0.6,
            lsRedFrom: 16,
            lsOrangeFrom: 8,
            lsYellowFrom: 3
        )
        func colour(_ l: Double, _ e: Double, _ c: Double) throws -> RiskColour {
            try Grader.grade(.lec(l: l, e: e, c: c), bands: bands).colour
        }
        #expect(try colour(3, 6, 15) == .orange)  // 270: exactly on the red edge
        #expect(try colour(10, 10, 3) == .red)  // 300: orange by default, red here
        #expect(try colour(6, 1, 15) == .yellow)  // 90: exactly on the orange edge
        #expect(try colour(3, 2, 15) == .yellow)  // 90 by another route
        #expect(try colour(10, 1, 15) == .orange)  // 150
        #expect(try colour(0.2, 3, 1) == .blue)  // 0.2 × 3 is 0.6000000000000001 in Double; exactly 0.6 here
        #expect(try colour(0.1, 6, 1) == .blue)  // 0.6 again
        #expect(try colour(1, 1, 1) == .yellow)
        #expect(try Grader.grade(.lec(l: 10, e: 10, c: 3)).colour == .orange)
    }

    @Test(arguments: [
        ("L", 2.0, 1.0, 1.0), ("L", 0, 1, 1), ("L", 0.15, 1, 1), ("L", 0.3, 1, 1), ("L", -1, 1, 1),
        ("E", 1, 4, 1), ("E", 1, 0, 1), ("E", 1, 0.2, 1),
        ("C", 1, 1, 50), ("C", 1, 1, 0), ("C", 1, 1, 10),
    ])
    func valuesOutsideTheTablesAreRejected(_ factor: String, _ l: Double, _ e: Double, _ c: Double) {
        let (value, table) =
            switch factor {
            case "L": (l, Grader.lecL)
            case "E": (e, Grader.lecE)
            default: (c, Grader.lecC)
            }
        #expect(throws: GradingError.valueNotInTable(factor: factor, value: value, allowed: table)) {
            try Grader.grade(.lec(l: l, e: e, c: c))
        }
    }

    @Test func valueNotInTableMessageListsTheTable() {
        let error = GradingError.valueNotInTable(factor: "L", value: 2, allowed: Grader.lecL)
        #expect(error.message.en == "L=2 is not a value of the table")
        #expect(error.hint?.en == "L can be one of: 10, 6, 3, 1, 0.5, 0.2, 0.1")
        #expect(error.kind == .badInput)
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity, 1e300])
    func nonFiniteOrHugeValuesAreRejectedNotTrapped(_ value: Double) {
        for input in [GradingInput.lec(l: value, e: 1, c: 1), .lec(l: 1, e: value, c: 1), .lec(l: 1, e: 1, c: value)] {
            #expect {
                try Grader.grade(input)
            } throws: { error in
                guard case .valueNotInTable(_, let found, _) = error as? GradingError else { return false }
                return found.isNaN ? value.isNaN : found == value
            }
        }
    }

    static func lsColour(_ r: Int) -> RiskColour {
        switch r {
        case 20...25: .red
        case 10...16: .orange
        case 5...9: .yellow
        case 1...4: .blue
        default: fatalError("R=\(r) cannot come from 1–5 × 1–5")
        }
    }

    @Test(arguments: 1...5, 1...5)
    func lsMatrixDefaultBands(_ l: Int, _ s: Int) throws {
        let result = try Grader.grade(.ls(l: l, s: s))
        #expect(result.score == Double(l * s))
        #expect(result.colour == Self.lsColour(l * s))
        #expect(result.input.summary == "L=\(l) S=\(s)")
    }

    @Test(arguments: [(0, 3, "L"), (6, 3, "L"), (-1, 3, "L"), (3, 0, "S"), (3, 6, "S")])
    func lsOutsideOneToFiveIsRejected(_ l: Int, _ s: Int, _ factor: String) {
        let value = factor == "L" ? l : s
        #expect(throws: GradingError.valueNotInTable(factor: factor, value: Double(value), allowed: [1, 2, 3, 4, 5])) {
            try Grader.grade(.ls(l: l, s: s))
        }
    }

    @Test func customLSBandsChangeTheColour() throws {
        let bands = GradingBands(
            lecRedAbove: 320,
            lecOrangeAbove: 160,
            lecYellowAbove: 70,
            lsRedFrom: 16,
            lsOrangeFrom: 8,
            lsYellowFrom: 3
        )
        #expect(try Grader.grade(.ls(l: 4, s: 4)).colour == .orange)
        #expect(try Grader.grade(.ls(l: 4, s: 4), bands: bands).colour == .red)
        #expect(try Grader.grade(.ls(l: 2, s: 4), bands: bands).colour == .orange)
        #expect(try Grader.grade(.ls(l: 1, s: 3), bands: bands).colour == .yellow)
        #expect(try Grader.grade(.ls(l: 1, s: 2), bands: bands).colour == .blue)
        #expect(try Grader.grade(.lec(l: 10, e: 10, c: 3), bands: bands).colour == .orange)
    }

    @Test func lecSummaryTrimsWholeNumbers() {
        #expect(GradingInput.lec(l: 3, e: 0.5, c: 15).summary == "L=3 E=0.5 C=15")
    }

    @Test(arguments: [
        (RiskColour.red, ControlTier.enterprise), (.orange, .department), (.yellow, .workshop), (.blue, .team),
    ])
    func colourMapsToItsControlTier(_ colour: RiskColour, _ tier: ControlTier) {
        #expect(colour.controlTier == tier)
    }

    @Test func higherTiersAlsoControlEveryTierBelow() {
        #expect(ControlTier.enterprise.tiersControlling == [.enterprise, .department, .workshop, .team])
        #expect(ControlTier.department.tiersControlling == [.department, .workshop, .team])
        #expect(ControlTier.workshop.tiersControlling == [.workshop, .team])
        #expect(ControlTier.team.tiersControlling == [.team])
        #expect(ControlTier.team.above == .workshop)
        #expect(ControlTier.workshop.above == .department)
        #expect(ControlTier.department.above == .enterprise)
        #expect(ControlTier.enterprise.above == .enterprise)
        #expect(RiskColour.allCases.sorted(by: >) == [.red, .orange, .yellow, .blue])
    }

    @Test(arguments: [
        (Role.principal, ControlTier?.some(.enterprise)), (.director, .enterprise), (.officer, .department),
        (.workshopHead, .workshop), (.teamLeader, .team), (.postWorker, .team),
        (.regulator, nil), (.assessor, nil), (.admin, nil),
    ])
    func roleControlsItsTier(_ role: Role, _ tier: ControlTier?) {
        #expect(role.controlTier == tier)
    }

    @Test func gradingIsAllowedFromTeamLeaderUpInsideTheEnterprise() {
        for who in [Who.principal, .director, .officer, .workshopHead, .teamLeader] {
            #expect(throws: Never.self) { try GradingRecord.authorize(who.actor, enterpriseID: 1) }
        }
        #expect(
            throws: Refusal(
                .roleNotAllowed(
                    action: .grade,
                    role: .postWorker,
                    allowed: [.principal, .director, .officer, .workshopHead, .teamLeader]
                )
            )
        ) {
            try GradingRecord.authorize(Who.postWorker.actor, enterpriseID: 1)
        }
        for who in [Who.outsider, .regulatorOnPath, .admin] {
            #expect(throws: Refusal(.notInEnterprise)) { try GradingRecord.authorize(who.actor, enterpriseID: 1) }
        }
    }
}
