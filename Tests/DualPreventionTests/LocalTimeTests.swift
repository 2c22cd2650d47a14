import Foundation
import Testing

@testable import DualPrevention

@Suite struct LocalTimeTests {
    let shanghai = try! LocalTime()

    @Test func dateAloneMeansTheLastSecondOfThatLocalDay() throws {
        let deadline = try shanghai.parse("2026-11-30")
        // 2026-11-30 23:59:59 Asia/Shanghai == 2026-11-30T15:59:59Z.
        #expect(deadline == Date(timeIntervalSince1970: 1_796_054_399))
        #expect(deadline == ISO8601DateFormatter().date(from: "2026-11-30T15:59:59Z"))
        #expect(shanghai.minute(deadline) == "2026-11-30 23:59")
        #expect(shanghai.day(deadline) == "2026-11-30")
    }

    /// A deadline given as a date is the whole of that day: it ends at the start of the next local day, exclusive, so
    /// nothing is late during the day's last second.
    @Test(arguments: [
        ("2026-11-30", "Asia/Shanghai", "2026-11-30T16:00:00Z", "2026-11-30"),
        ("2026-12-31", "Asia/Shanghai", "2026-12-31T16:00:00Z", "2026-12-31"),
        ("2028-02-29", "Asia/Shanghai", "2028-02-29T16:00:00Z", "2028-02-29"),
        ("2026-11-30", "UTC", "2026-12-01T00:00:00Z", "2026-11-30"),
        ("2026-11-30 17:30", "Asia/Shanghai", "2026-11-30T09:30:00Z", "2026-11-30 17:30"),
        ("2026-12-01 00:00", "Asia/Shanghai", "2026-11-30T16:00:00Z", "2026-11-30"),
    ])
    func aDeadlineDateEndsAtTheStartOfTheNextLocalDay(_ text: String, _ zone: String, _ instant: String, _ shown: String) throws {
        let local = try LocalTime(timeZoneID: zone)
        let deadline = try local.parseDeadline(text)
        #expect(deadline == ISO8601DateFormatter().date(from: instant))
        #expect(local.deadline(deadline) == shown)
    }

    @Test func dateAndMinuteAreReadInLocalTime() throws {
        #expect(try shanghai.parse("2026-11-30 17:30") == Date(timeIntervalSince1970: 1_796_031_000))
        #expect(try shanghai.parse("2026-11-30T17:30") == Date(timeIntervalSince1970: 1_796_031_000))
        #expect(try shanghai.parse("2026-12-01 00:00") == Date(timeIntervalSince1970: 1_796_054_400))
    }

    @Test func otherTimeZonesShiftTheInstant() throws {
        let utc = try LocalTime(timeZoneID: "UTC")
        #expect(try utc.parse("2026-11-30") == Date(timeIntervalSince1970: 1_796_083_199))
    }

    @Test func leapDaysAreHonoured() throws {
        #expect(try shanghai.day(shanghai.parse("2028-02-29")) == "2028-02-29")
        #expect(throws: InputError.self) { try shanghai.parse("2026-02-29") }
    }

    @Test(arguments: [
        "2026-02-30", "2026-13-01", "abc", "", "2026-00-10", "2026-11-31", "2026-11-00", "2026-11",
        "2026-11-30 24:00", "2026-11-30 12:60", "2026-11-30 12", "2026/11/30",
        "2026-02-30 10:00", "2026-04-31 08:00", "x-2026-11-30", "2026-11-30-1",
    ])
    func invalidDatesAreRejected(_ text: String) {
        #expect {
            try shanghai.parse(text, field: "deadline")
        } throws: { error in
            guard let input = error as? InputError else { return false }
            return input.rule == "INPUT-DATE" && input.message.en == "deadline '\(text)' is not a valid date"
        }
    }

    @Test func unknownTimeZoneIsRejected() {
        #expect {
            try LocalTime(timeZoneID: "Mars/Olympus")
        } throws: { error in
            (error as? InputError)?.rule == "TIME-ZONE"
        }
    }

    @Test func yearIsTheLocalYear() {
        // 2026-12-31T16:30Z is already 2027-01-01 00:30 in Shanghai.
        let instant = Date(timeIntervalSince1970: 1_798_734_600)
        #expect(shanghai.year(of: instant) == 2027)
        #expect(try! LocalTime(timeZoneID: "UTC").year(of: instant) == 2026)
        #expect(shanghai.minute(instant) == "2027-01-01 00:30")
    }

    @Test(arguments: [
        (DocumentKind.notice, 2026, 1, "ZG-2026-0001"),
        (.notice, 2026, 123, "ZG-2026-0123"),
        (.hazard, 2027, 9999, "YH-2027-9999"),
        (.hazard, 2026, 7, "YH-2026-0007"),
    ])
    func documentNumbers(_ kind: DocumentKind, _ year: Int, _ sequence: Int, _ expected: String) {
        #expect(kind.number(year: year, sequence: sequence) == expected)
    }

    // Local days and minutes as text: zero-padded fields in the enterprise's own time zone.
    /// (instant, time zone, day, minute).
    static let cases: [(Date, String, String, String)] = [
        (Date(timeIntervalSince1970: 0), "UTC", "1970-01-01", "1970-01-01 00:00"),
        (Date(timeIntervalSince1970: 1_790_000_000), "Asia/Shanghai", "2026-09-21", "2026-09-21 22:13"),
        (Date(timeIntervalSince1970: 1_790_000_000), "America/Los_Angeles", "2026-09-21", "2026-09-21 07:13"),
        // 2026-12-31 16:05 UTC is already the new year in Shanghai.
        (Date(timeIntervalSince1970: 1_798_733_100), "Asia/Shanghai", "2027-01-01", "2027-01-01 00:05"),
    ]

    @Test(arguments: cases)
    func daysAndMinutesAreZeroPadded(_ instant: Date, _ zone: String, _ day: String, _ minute: String) throws {
        let local = try LocalTime(timeZoneID: zone)
        #expect(local.day(instant) == day)
        #expect(local.minute(instant) == minute)
    }

    @Test(arguments: [(0, 2, "00"), (7, 2, "07"), (12, 2, "12"), (2026, 4, "2026"), (5, 4, "0005"), (12345, 4, "12345")])
    func numbersArePaddedToTheirWidth(_ value: Int, _ width: Int, _ text: String) {
        #expect(LocalTime.padded(value, width) == text)
    }
}
