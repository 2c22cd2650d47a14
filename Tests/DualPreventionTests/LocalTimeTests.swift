import Foundation
import Testing

@testable import DualPrevention

/// Local days and minutes as text: zero-padded fields in the enterprise's own time zone.
@Suite struct LocalTimeTests {
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
