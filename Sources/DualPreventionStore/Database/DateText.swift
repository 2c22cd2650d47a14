import Foundation
import GRDB

/// The two texts the store writes for an instant, computed by arithmetic rather than through ICU: every hazard action
/// writes several dates and an audit timestamp, and a formatter call costs more than the rest of the row.
///
/// Both give exactly the bytes of the formatter they stand in for (tests compare them over a table of instants and
/// many random ones); instants the arithmetic does not cover (before 1970, from the year 10000) go to that formatter.
enum DateText {
    /// What GRDB stores for a `Date`: `yyyy-MM-dd HH:mm:ss.SSS` in UTC, to the nearest millisecond (halves up).
    static func database(_ date: Date) -> String {
        // Foundation's formatter hands ICU the instant in milliseconds, rounded.
        let udate = ((date.timeIntervalSinceReferenceDate + 978_307_200.0) * 1000.0).rounded(.toNearestOrAwayFromZero)
        guard let fields = Fields(milliseconds: udate) else { return String.fromDatabaseValue(date.databaseValue) ?? "" }
        return fields.text(dateTimeSeparator: UInt8(ascii: " "), zulu: false)
    }

    /// A database value holding `database(date)`, for a column written by hand.
    static func value(_ date: Date?) -> DatabaseValue {
        guard let date else { return .null }
        return database(date).databaseValue
    }

    /// The audit log's timestamp: ISO 8601 with milliseconds, `yyyy-MM-ddTHH:mm:ss.SSSZ`, milliseconds truncated.
    static func iso8601(_ date: Date) -> String {
        // The ISO 8601 style truncates the second's fraction to milliseconds.
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let fraction = ((date.timeIntervalSince1970 - seconds) * 1000).rounded(.down)
        guard let fields = Fields(milliseconds: seconds * 1000 + fraction) else {
            return date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        }
        return fields.text(dateTimeSeparator: UInt8(ascii: "T"), zulu: true)
    }

    /// The instant of a text `database(_:)` or `iso8601(_:)` wrote (`yyyy-MM-dd HH:mm:ss.SSS`, or with `T` and a final
    /// `Z`), as GRDB's date decoding and Foundation's ISO 8601 parsing give it, to the last bit; nil for any other text
    /// (other shapes, impossible fields, years outside 1900–2199), which goes to them instead.
    ///
    /// They build the instant from calendar fields in Double arithmetic: whole days since 2001 times 86,400, plus the
    /// second of the day with its fraction. The same operations in the same order give the same bits (tests compare
    /// a table of instants and many random ones with both).
    static func instant(_ text: UnsafeRawBufferPointer) -> Date? {
        let zulu: Bool
        switch text.count {
        case 23: zulu = false
        case 24: zulu = true
        default: return nil
        }
        func number(_ from: Int, _ width: Int) -> Int? {
            var value = 0
            for offset in from..<(from + width) {
                let digit = Int(text[offset]) - 48
                guard digit >= 0, digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard text[4] == UInt8(ascii: "-"), text[7] == UInt8(ascii: "-"),
            text[10] == (zulu ? UInt8(ascii: "T") : UInt8(ascii: " ")),
            text[13] == UInt8(ascii: ":"), text[16] == UInt8(ascii: ":"), text[19] == UInt8(ascii: "."),
            !zulu || text[23] == UInt8(ascii: "Z"),
            let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
            let millisecond = number(20, 3),
            (1900...2199).contains(year), (1...12).contains(month), hour < 24, minute < 60, second < 60
        else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard day >= 1, day <= monthDays else { return nil }
        // Days from the civil date (H. Hinnant's algorithm), then from 2001-01-01 (day 11,323 after 1970-01-01).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468 - 11_323
        let secondOfDay = hour * 3600 + minute * 60 + second
        return Date(
            timeIntervalSinceReferenceDate: Double(days) * 86_400 + (Double(secondOfDay) + Double(millisecond) / 1000)
        )
    }

    /// `instant` of a string's UTF-8 bytes.
    static func instant(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { instant(UnsafeRawBufferPointer($0)) }
    }

    /// An instant's UTC calendar fields, for instants from 1970 up to the year 10000.
    struct Fields {
        var year, month, day, hour, minute, second, millisecond: Int

        /// From whole milliseconds since 1970 (each formatter arrives at them its own way).
        init?(milliseconds: Double) {
            guard milliseconds >= 0, milliseconds < 253_402_300_800_000 else { return nil }
            let total = Int(milliseconds)
            let (days, inDay) = total.quotientAndRemainder(dividingBy: 86_400_000)
            millisecond = inDay % 1000
            second = (inDay / 1000) % 60
            minute = (inDay / 60_000) % 60
            hour = inDay / 3_600_000
            // Days to a civil date (H. Hinnant's algorithm), for days on or after 1970-01-01.
            let z = days + 719_468
            let era = z / 146_097
            let dayOfEra = z - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let shifted = (5 * dayOfYear + 2) / 153
            day = dayOfYear - (153 * shifted + 2) / 5 + 1
            month = shifted < 10 ? shifted + 3 : shifted - 9
            year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        }

        func text(dateTimeSeparator: UInt8, zulu: Bool) -> String {
            String(unsafeUninitializedCapacity: 24) { buffer in
                var at = 0
                func digits(_ value: Int, _ width: Int) {
                    var value = value
                    for offset in stride(from: width - 1, through: 0, by: -1) {
                        buffer[at + offset] = UInt8(ascii: "0") + UInt8(value % 10)
                        value /= 10
                    }
                    at += width
                }
                func byte(_ value: UInt8) {
                    buffer[at] = value
                    at += 1
                }
                digits(year, 4)
                byte(UInt8(ascii: "-"))
                digits(month, 2)
                byte(UInt8(ascii: "-"))
                digits(day, 2)
                byte(dateTimeSeparator)
                digits(hour, 2)
                byte(UInt8(ascii: ":"))
                digits(minute, 2)
                byte(UInt8(ascii: ":"))
                digits(second, 2)
                byte(UInt8(ascii: "."))
                digits(millisecond, 3)
                if zulu { byte(UInt8(ascii: "Z")) }
                return at
            }
        }
    }
}

extension Row {
    /// A date column read by the store's own readers: the text the store wrote is parsed by arithmetic
    /// (`DateText.instant`), anything else (NULL, a number, another shape) by GRDB, exactly as `decode` would.
    /// Being the non-generic overload, it is the one `try row.decode(forColumn:)` picks for a `Date`.
    func decode(forColumn column: String) throws -> Date {
        if let date = try storedDate(column) { return date }
        return try decode(Date.self, forColumn: column)
    }

    /// The instant of a text the store wrote, when the column holds one.
    private func storedDate(_ column: String) throws -> Date? {
        guard case .string(let text) = try decode(DatabaseValue.self, forColumn: column).storage else { return nil }
        return DateText.instant(text)
    }

    /// The same for an optional date column: NULL is nil.
    func decode(forColumn column: String) throws -> Date? {
        if let date = try storedDate(column) { return date }
        return try decode(Date?.self, forColumn: column)
    }

    /// The same, for a column read by its position.
    func decode(atIndex index: Int) throws -> Date {
        if let date = try storedDate(atIndex: index) { return date }
        return try decode(Date.self, atIndex: index)
    }

    func decode(atIndex index: Int) throws -> Date? {
        if let date = try storedDate(atIndex: index) { return date }
        return try decode(Date?.self, atIndex: index)
    }

    private func storedDate(atIndex index: Int) throws -> Date? {
        guard case .string(let text) = try decode(DatabaseValue.self, atIndex: index).storage else { return nil }
        return DateText.instant(text)
    }
}

/// Dates as every store writes them into its tables (`yyyy-MM-dd HH:mm:ss.SSS`, UTC) and reads them back: the
/// PostgreSQL store keeps the same text, so that rows compare, sort and move between the stores unchanged.
public enum StoredDate {
    public static func text(_ date: Date) -> String { DateText.database(date) }
    public static func date(_ text: String) -> Date? { DateText.instant(text) }
}
