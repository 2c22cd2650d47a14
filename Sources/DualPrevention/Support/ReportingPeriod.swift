import Foundation

/// A reporting period: a year (`2026`), a half (`2026H1`), a quarter (`2026Q3`) or a month (`2026-07`).
/// Lists are published per quarter; benchmark indicators compare a period with a baseline.
public struct ReportingPeriod: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Unit: String, Sendable, Codable { case year, half, quarter, month }

    public var year: Int
    public var unit: Unit
    /// 1 for a year; 1–2 for a half; 1–4 for a quarter; 1–12 for a month.
    public var index: Int

    public init(year: Int, unit: Unit, index: Int) {
        self.year = year
        self.unit = unit
        self.index = index
    }

    public init(_ text: String, field: String = "period") throws(InputError) {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        let invalid = InputError(
            rule: "INPUT-PERIOD",
            message: Text("reportingPeriod.notPeriod", "\(field)", "\(text)"),
            hint: Text("reportingPeriod.write20262026h12026q3")
        )
        guard t.count >= 4, let year = Int(t.prefix(4)), (1900...9998).contains(year) else { throw invalid }
        let rest = t.dropFirst(4)
        // Int() would also read a sign ("2026-+7").
        guard rest.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) else { throw invalid }
        switch rest.first {
        case nil: self.init(year: year, unit: .year, index: 1)
        case "H":
            guard let i = Int(rest.dropFirst()), (1...2).contains(i), rest.count == 2 else { throw invalid }
            self.init(year: year, unit: .half, index: i)
        case "Q":
            guard let i = Int(rest.dropFirst()), (1...4).contains(i), rest.count == 2 else { throw invalid }
            self.init(year: year, unit: .quarter, index: i)
        case "-":
            guard let i = Int(rest.dropFirst()), (1...12).contains(i), rest.count == 3 else { throw invalid }
            self.init(year: year, unit: .month, index: i)
        default: throw invalid
        }
    }

    /// Encoded as its text (`2026Q3`), as people write it.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message.en))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public var description: String {
        switch unit {
        case .year: String(year)
        case .half: "\(year)H\(index)"
        case .quarter: "\(year)Q\(index)"
        case .month: String(format: "%04d-%02d", year, index)
        }
    }

    var months: Int {
        switch unit {
        case .year: 12
        case .half: 6
        case .quarter: 3
        case .month: 1
        }
    }

    var firstMonth: Int { (index - 1) * months + 1 }

    /// The first instant of the period (local midnight of its first day).
    public func start(in local: LocalTime) -> Date {
        local.startOfDay(local.endOfDay(year: year, month: firstMonth, day: 1) ?? .distantPast)
    }

    /// The last second of the period's last local day.
    public func end(in local: LocalTime) -> Date {
        let lastMonth = firstMonth + months - 1
        let next = lastMonth == 12 ? (year + 1, 1) : (year, lastMonth + 1)
        return (local.endOfDay(year: next.0, month: next.1, day: 1) ?? .distantFuture).addingTimeInterval(-86_400)
    }

    /// Whether an instant falls within the period.
    public func contains(_ date: Date, in local: LocalTime) -> Bool { date >= start(in: local) && date <= end(in: local) }

    /// The period split into smaller ones (a year into quarters, say), for trends.
    public func split(into unit: Unit) -> [ReportingPeriod] {
        let size = ReportingPeriod(year: year, unit: unit, index: 1).months
        guard size <= months else { return [self] }
        return (0..<(months / size)).map { ReportingPeriod(year: year, unit: unit, index: (firstMonth - 1) / size + $0 + 1) }
    }

    /// The period of a unit that holds an instant.
    public static func containing(_ date: Date, unit: Unit, in local: LocalTime) -> ReportingPeriod {
        let day = local.day(date)
        let year = Int(day.prefix(4)) ?? 1970
        let month = Int(day.dropFirst(5).prefix(2)) ?? 1
        let size = ReportingPeriod(year: year, unit: unit, index: 1).months
        return ReportingPeriod(year: year, unit: unit, index: (month - 1) / size + 1)
    }

    /// The period of the same unit just before.
    public var previous: ReportingPeriod {
        let count = 12 / months
        return index > 1 ? ReportingPeriod(year: year, unit: unit, index: index - 1) : ReportingPeriod(year: year - 1, unit: unit, index: count)
    }

    /// The same period one year earlier: the usual baseline.
    public var yearBefore: ReportingPeriod { ReportingPeriod(year: year - 1, unit: unit, index: index) }
}
