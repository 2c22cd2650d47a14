import Foundation
import GRDB
import Testing

@testable import DualPreventionStore

/// `DateText` writes by arithmetic the texts GRDB's date formatter and Foundation's ISO 8601 style write; any
/// difference would change stored rows and audit hashes, so both are compared byte for byte.
@Suite struct DateTextTests {
    static func grdb(_ date: Date) -> String { String.fromDatabaseValue(date.databaseValue) ?? "" }
    static func foundation(_ date: Date) -> String { date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)) }

    /// Epoch, leap days, century rules, millisecond halves (exact in binary: .0625 s is 62.5 ms), the last
    /// millisecond of a second, of a day and of 9999, and instants the arithmetic hands back to the formatters.
    static let table: [Double] = [
        0, 0.0625, 0.1875, 0.9995, 1.9999, 59.999, 86_399.9994, 86_399.9996, 951_782_400, 951_868_799.999,
        4_107_542_400, 4_107_628_800, 1_790_000_000.0004, 1_790_000_000.0006, 1_790_000_000.3125, 1_790_000_000.9996,
        1_764_403_200, 253_402_300_799.999, 253_402_300_800, -0.0004, -1.5, -86_400, -2_208_988_800,
    ]

    @Test(arguments: table) func tableInstants(_ seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(DateText.database(date) == Self.grdb(date), "database text at \(seconds)")
        #expect(DateText.iso8601(date) == Self.foundation(date), "ISO 8601 text at \(seconds)")
    }

    @Test func randomInstants() {
        var random = SplitMix64(seed: 20_261_130)
        var mismatches: [String] = []
        for index in 0..<20_000 {
            // Whole seconds, milliseconds, and arbitrary fractions, from 1970 to 2200.
            let whole = Double(Int64.random(in: 0..<7_258_118_400, using: &random))
            let fraction: Double =
                switch index % 3 {
                case 0: 0
                case 1: Double(Int.random(in: 0..<1000, using: &random)) / 1000
                default: Double.random(in: 0..<1, using: &random)
                }
            let date = Date(timeIntervalSince1970: whole + fraction)
            if DateText.database(date) != Self.grdb(date) { mismatches.append("database \(whole + fraction)") }
            if DateText.iso8601(date) != Self.foundation(date) { mismatches.append("iso8601 \(whole + fraction)") }
        }
        #expect(mismatches.count == 0, "\(mismatches.count) differ, first: \(mismatches.prefix(5))")
    }

    @Test func valueIsNullForNoDate() {
        #expect(DateText.value(nil) == .null)
        let date = Date(timeIntervalSince1970: 1_790_000_000)
        #expect(DateText.value(date) == date.databaseValue)
    }
}
