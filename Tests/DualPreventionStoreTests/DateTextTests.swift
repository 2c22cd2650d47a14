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

    static func parsed(_ text: String) -> Date? { DateText.instant(text) }

    /// Reading back: each text the store writes parses to the very bits GRDB's decoding (database text) and
    /// Foundation's ISO 8601 parsing (audit text) give, over the table and random instants from 1970 to 2200.
    @Test func parsingGivesTheBitsOfGRDBAndFoundation() throws {
        var random = SplitMix64(seed: 20_261_201)
        var seconds = Self.table.filter { $0 >= -2_208_988_800 && $0 < 7_258_118_400 }
        for _ in 0..<20_000 {
            seconds.append(Double(Int64.random(in: 0..<7_258_118_400_000, using: &random)) / 1000)
        }
        var mismatches: [String] = []
        var parsedCount = 0
        for second in seconds {
            let date = Date(timeIntervalSince1970: second)
            let database = DateText.database(date)
            let iso = DateText.iso8601(date)
            let expectedDatabase = try #require(Date.fromDatabaseValue(database.databaseValue))
            let expectedISO = try Date(iso, strategy: .iso8601)
            if let fast = Self.parsed(database) {
                parsedCount += 1
                if fast.timeIntervalSinceReferenceDate.bitPattern != expectedDatabase.timeIntervalSinceReferenceDate.bitPattern {
                    mismatches.append(database)
                }
            }
            if let fast = Self.parsed(iso) {
                parsedCount += 1
                if fast.timeIntervalSinceReferenceDate.bitPattern != expectedISO.timeIntervalSinceReferenceDate.bitPattern {
                    mismatches.append(iso)
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) differ, first: \(mismatches.prefix(5))")
        // Every instant from 1970 to 2200 takes the arithmetic (only 1900's epoch table entry would not need it).
        #expect(parsedCount >= 2 * 20_000)
    }

    /// Any other text is left to GRDB or Foundation: other shapes, impossible fields, years outside 1900–2199.
    @Test(arguments: [
        "2024-02-30 10:00:00.000", "2023-02-29 10:00:00.000", "2024-13-01 10:00:00.000", "2024-00-10 10:00:00.000",
        "2024-01-01 24:00:00.000", "2024-01-01 10:60:00.000", "2024-01-01 10:00:60.000", "2024-01-01 10:00:00",
        "2024-01-01", "2024-01-01T10:00:00.000", "2024-01-01 10:00:00.000Z", "2024-01-01T10:00:00.000+08",
        "1899-12-31 23:59:59.999", "2200-01-01 00:00:00.000", "2024-01-01 1a:00:00.000", "２０２４-01-01 10:00:00.00",
    ])
    func otherTextsAreNotParsed(_ text: String) {
        #expect(Self.parsed(text) == nil)
    }

    /// The store's readers decode dates through the arithmetic and otherwise exactly as GRDB: a leap day, NULL as nil
    /// (and an error where a date is required), a bare day, a number of seconds, and text that is no date at all.
    @Test func rowsReadDatesAsGRDBDoes() throws {
        let queue = try DatabaseQueue()
        try queue.read { db in
            let row = try #require(
                try Row.fetchOne(
                    db,
                    sql: "SELECT '2024-02-29 23:59:59.999' AS a, NULL AS b, '2024-03-01' AS c, 1790000000.5 AS d, 'soon' AS e"
                )
            )
            let leap: Date = try row.decode(forColumn: "a")
            #expect(leap == Date.fromDatabaseValue("2024-02-29 23:59:59.999".databaseValue))
            let none: Date? = try row.decode(forColumn: "b")
            #expect(none == nil)
            #expect(throws: (any Error).self) { let _: Date = try row.decode(forColumn: "b") }
            let day: Date = try row.decode(forColumn: "c")
            #expect(day == Date.fromDatabaseValue("2024-03-01".databaseValue))
            let number: Date? = try row.decode(forColumn: "d")
            #expect(number == Date(timeIntervalSince1970: 1_790_000_000.5))
            #expect(throws: (any Error).self) { let _: Date = try row.decode(forColumn: "e") }
        }
    }
}
