import DualPrevention
import DualPreventionPresentation
import Testing

struct LocalDatesTests {
    @Test(arguments: [
        ("2026-11-19", Language.zh, "2026年11月19日"), ("2026-11-19", .en, "2026-11-19"),
        ("2026-W47", .zh, "2026年第47周"), ("2026-W07", .en, "2026 week 7"),
        ("2026-11", .zh, "2026年11月"), ("2026-11", .en, "2026-11"),
        ("2026Q3", .zh, "2026Q3"), ("", .zh, ""),
    ])
    func checkPeriodsReadAsWords(_ key: String, _ language: Language, _ expected: String) throws {
        #expect(LocalDates(try LocalTime(), language: language).period(key) == expected)
    }
}
