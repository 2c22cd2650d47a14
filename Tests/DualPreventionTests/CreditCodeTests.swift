import Foundation
import Testing

@testable import DualPrevention

@Suite struct CreditCodeTests {
    /// GB 32100 by hand: the code of each character is its index in the alphabet, weighted and summed.
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    static func weightedSum(_ first17: String) -> Int {
        zip(first17, weights).reduce(0) { $0 + alphabet.firstIndex(of: $1.0)! * $1.1 }
    }

    static func referenceCheck(_ first17: String) -> Character {
        let value = 31 - weightedSum(first17) % 31
        return alphabet[value == 31 ? 0 : value]
    }

    @Test func realFormatExampleIsValidByHand() throws {
        let first17 = "91350100M000100Y4"
        // 9·1 + 1·3 + 3·9 + 5·27 + 0·19 + 1·26 + 0·16 + 0·17 + M(21)·20 + 0·29 + 0·25 + 0·13 + 1·8 + 0·24 + 0·10 + Y(30)·30 + 4·28
        #expect(Self.weightedSum(first17) == 9 + 3 + 27 + 135 + 26 + 420 + 8 + 900 + 112)
        #expect(Self.weightedSum(first17) == 1640)
        #expect(1640 % 31 == 28)  // 31 − 28 = 3 → '3'
        #expect(Self.referenceCheck(first17) == "3")
        #expect(CreditCode.checkCharacter(for: first17) == "3")
        #expect(try CreditCode("91350100M000100Y43").value == "91350100M000100Y43")
    }

    @Test(arguments: [
        "91350100M000100Y4", "91110000600037341", "91440300708461136", "12100000400000624",
        "00000000000000000", "YYYYYYYYYYYYYYYYY", "52310115MJ5312345", "93330100MA2AB1C2D",
    ])
    func completedCodesAreValidAndMatchTheReference(_ first17: String) throws {
        let check = Self.referenceCheck(first17)
        #expect(CreditCode.checkCharacter(for: first17) == check)
        let code = try CreditCode.completing(first17)
        #expect(code.value == first17 + String(check))
        #expect(try CreditCode(code.value) == code)
        #expect(code.description == code.value)
    }

    @Test func sumDivisibleBy31GivesCheckZero() throws {
        let first17 = "92350100M000100Y4"
        #expect(Self.weightedSum(first17) == 1643)
        #expect(Self.weightedSum(first17) % 31 == 0)
        #expect(CreditCode.checkCharacter(for: first17) == "0")
        #expect(try CreditCode("92350100M000100Y40").value == "92350100M000100Y40")
        #expect(throws: CreditCodeError.wrongCheckCharacter(expected: "0", found: "Y")) {
            try CreditCode("92350100M000100Y4Y")
        }
    }

    @Test(arguments: ["91350100M000100Y40", "91350100M000100Y4X", "91350100M000100Y4Y", "91350100M000100Y44"])
    func wrongCheckCharacterReportsTheExpectedOne(_ raw: String) {
        #expect(throws: CreditCodeError.wrongCheckCharacter(expected: "3", found: raw.last!)) {
            try CreditCode(raw)
        }
    }

    @Test func wrongCheckMessageNamesBothCharacters() {
        let error = CreditCodeError.wrongCheckCharacter(expected: "3", found: "X")
        #expect(error.message.zh.contains("应为“3”") && error.message.zh.contains("实际为“X”"))
        #expect(error.kind == .badInput)
        #expect(error.rule == "GB32100-CHECK")
    }

    @Test(arguments: [("", 0), ("91350100M000100Y4", 17), ("91350100M000100Y433", 19), ("9135", 4)])
    func wrongLengthIsReported(_ raw: String, _ count: Int) {
        #expect(throws: CreditCodeError.wrongLength(found: count)) { try CreditCode(raw) }
    }

    @Test(arguments: ["I", "O", "Z", "S", "V"], [1, 9, 17, 18])
    func forbiddenLettersAreReportedWithTheirPosition(_ letter: String, _ position: Int) {
        var chars = Array("91350100M000100Y43")
        chars[position - 1] = Character(letter)
        #expect(throws: CreditCodeError.invalidCharacter(Character(letter), position: position)) {
            try CreditCode(String(chars))
        }
    }

    @Test func firstForbiddenCharacterIsTheOneReported() {
        #expect(throws: CreditCodeError.invalidCharacter("-", position: 3)) { try CreditCode("91-50100M000100YO3") }
        #expect(throws: CreditCodeError.invalidCharacter("O", position: 16)) { try CreditCode("91350100M000100O43") }
    }

    @Test func lowerCaseIsAcceptedAndUpperCased() throws {
        let code = try CreditCode("91350100m000100y43")
        #expect(code.value == "91350100M000100Y43")
        #expect(code == (try CreditCode("  91350100M000100Y43 ")))
        // Lower-case forbidden letters are still forbidden.
        #expect(throws: CreditCodeError.invalidCharacter("I", position: 9)) { try CreditCode("91350100i000100Y43") }
    }

    @Test func codableRoundTripAndRejectionOnDecode() throws {
        let code = try CreditCode("91350100M000100Y43")
        let data = try JSONEncoder().encode([code])
        #expect(String(decoding: data, as: UTF8.self) == #"["91350100M000100Y43"]"#)
        #expect(try JSONDecoder().decode([CreditCode].self, from: data) == [code])
        #expect(throws: CreditCodeError.wrongCheckCharacter(expected: "3", found: "4")) {
            try JSONDecoder().decode([CreditCode].self, from: Data(#"["91350100M000100Y44"]"#.utf8))
        }
    }
}
