import Foundation

/// Reading and writing instants in an enterprise's time zone. Times are kept in UTC; people see local time.
public struct LocalTime: Sendable, Hashable {
    public let timeZone: TimeZone
    private let calendar: Calendar

    public init(timeZoneID: String = Enterprise.defaultTimeZoneID) throws(InputError) {
        guard let zone = TimeZone(identifier: timeZoneID) else {
            throw InputError(
                rule: "TIME-ZONE",
                message: Text("localTime.unknownTimeZone", "\(timeZoneID)"),
                hint: Text("localTime.exampleAsiaShanghai")
            )
        }
        timeZone = zone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
    }

    /// The last second of a local day: a date that is not a deadline (found on, completed on) reads as this.
    public func endOfDay(year: Int, month: Int, day: Int) -> Date? {
        startOfNextDay(year: year, month: month, day: day)?.addingTimeInterval(-1)
    }

    /// The first instant after a local day.
    func startOfNextDay(year: Int, month: Int, day: Int) -> Date? {
        let start = calendar.date(from: DateComponents(year: year, month: month, day: day))
        return start.flatMap { calendar.date(byAdding: .day, value: 1, to: $0) }
    }

    /// Parses a deadline. Deadlines are exclusive: what is done before the instant is on time, at or after it late.
    /// So `YYYY-MM-DD` is the start of the next local day (the whole day is in time, to its last instant), and
    /// `YYYY-MM-DD HH:MM` that local minute.
    public func parseDeadline(_ text: String, field: String = "deadline") throws(InputError) -> Date {
        let instant = try parse(text, field: field)
        let isBareDate = !text.trimmingCharacters(in: .whitespaces).contains { $0 == " " || $0 == "T" }
        return isBareDate ? instant.addingTimeInterval(1) : instant
    }

    /// A deadline as people wrote it: a whole day (one that ends at local midnight) as that day, else its minute.
    public func deadline(_ deadline: Date) -> String {
        let parts = calendar.dateComponents([.hour, .minute, .second], from: deadline)
        guard parts.hour == 0, parts.minute == 0, parts.second == 0 else { return minute(deadline) }
        return day(deadline.addingTimeInterval(-1))
    }

    /// Parses `YYYY-MM-DD` (the last second of that local day) or `YYYY-MM-DD HH:MM` (that local minute).
    public func parse(_ text: String, field: String = "date") throws(InputError) -> Date {
        let parts = text.trimmingCharacters(in: .whitespaces).split(whereSeparator: { $0 == " " || $0 == "T" })
        let rawDateParts = parts.first?.split(separator: "-", omittingEmptySubsequences: false) ?? []
        let dateParts = rawDateParts.compactMap { Int($0) }
        let invalid = InputError(
            rule: "INPUT-DATE",
            message: Text("localTime.notValidDate", "\(field)", "\(text)"),
            hint: Text("localTime.write20261231", "\(timeZone.identifier)")
        )
        // Years outside 1900–9999 are typing mistakes, and would break the text order of stored times.
        guard rawDateParts.count == 3, dateParts.count == 3, (1900...9999).contains(dateParts[0]), (1...12).contains(dateParts[1]),
            (1...31).contains(dateParts[2])
        else { throw invalid }
        if parts.count == 1 {
            guard let end = endOfDay(year: dateParts[0], month: dateParts[1], day: dateParts[2]),
                calendar.component(.day, from: end) == dateParts[2]
            else { throw invalid }
            return end
        }
        let timeParts = parts[1].split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2, timeParts.count >= 2, (0...23).contains(timeParts[0]), (0...59).contains(timeParts[1]),
            let instant = calendar.date(
                from: DateComponents(
                    year: dateParts[0],
                    month: dateParts[1],
                    day: dateParts[2],
                    hour: timeParts[0],
                    minute: timeParts[1]
                )
            ),
            calendar.component(.day, from: instant) == dateParts[2]  // 2026-02-30 would roll over to March
        else { throw invalid }
        return instant
    }

    public func year(of date: Date) -> Int { calendar.component(.year, from: date) }

    /// Local midnight at the start of the day holding `date`.
    public func startOfDay(_ date: Date) -> Date { calendar.startOfDay(for: date) }

    /// Local midnight at the start of the month holding `date`, moved by `months` (negative: earlier).
    public func startOfMonth(_ date: Date, moved months: Int = 0) -> Date {
        let first = calendar.date(from: calendar.dateComponents([.year, .month], from: date)) ?? startOfDay(date)
        return calendar.date(byAdding: .month, value: months, to: first) ?? first
    }

    /// `2026-11`: the local month holding `date`.
    public func month(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month], from: date)
        return Self.padded(c.year ?? 0, 4) + "-" + Self.padded(c.month ?? 0, 2)
    }

    /// `2026-11-23 14:05` in local time.
    public func minute(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return Self.day(c) + " " + Self.padded(c.hour ?? 0, 2) + ":" + Self.padded(c.minute ?? 0, 2)
    }

    /// `2026-11-23` in local time.
    public func day(_ date: Date) -> String {
        Self.day(calendar.dateComponents([.year, .month, .day], from: date))
    }

    // Written by hand rather than with String(format:), which was a tenth of exporting a ledger.
    static func day(_ c: DateComponents) -> String {
        padded(c.year ?? 0, 4) + "-" + padded(c.month ?? 0, 2) + "-" + padded(c.day ?? 0, 2)
    }

    /// A non-negative number with leading zeros to `width` digits, as `%0<width>d` writes it.
    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// Numbers of documents kept per enterprise and year without gaps: `ZG-2026-0001`.
public enum DocumentKind: String, Sendable, Codable, CaseIterable {
    /// 整改通知单 (rectification notice).
    case notice = "ZG"
    /// 隐患 (hazard).
    case hazard = "YH"

    public func number(year: Int, sequence: Int) -> String {
        String(format: "%@-%04d-%04d", rawValue, year, sequence)
    }
}
