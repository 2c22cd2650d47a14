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
