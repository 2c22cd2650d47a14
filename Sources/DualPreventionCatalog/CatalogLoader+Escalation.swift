import DualPrevention
import Foundation
import Yams

extension CatalogLoader {
    /// The day counts of reminders and escalation; a count left out keeps DOMAIN.md's default.
    static func escalationRules(_ root: Node?, _ reader: NodeReader) -> EscalationRules? {
        let keys: [(String, WritableKeyPath<EscalationRules, Int>)] = [
            ("remindOwnerDaysBefore", \.remindOwnerDaysBefore), ("directorDaysAfter", \.directorDaysAfter),
            ("principalDaysAfter", \.principalDaysAfter), ("regulatorDaysAfter", \.regulatorDaysAfter),
            ("regulatorAboveDaysAfter", \.regulatorAboveDaysAfter), ("warningDeadlineDays", \.warningDeadlineDays),
            ("warningAcknowledgeDays", \.warningAcknowledgeDays), ("missedDailyChecksToRegulator", \.missedDailyChecksToRegulator),
            ("missedCheckLookbackDays", \.missedCheckLookbackDays),
        ]
        guard let top = reader.fields(root, "", required: ["kind", "version"], optional: keys.map(\.0)) else { return nil }
        _ = reader.integer(top["version"], "version", in: 1...9_999)
        var rules = EscalationRules.defaults
        for (key, path) in keys {
            guard let node = top[key] else { continue }
            if let value = reader.integer(node, key, in: 0...366) { rules[keyPath: path] = value }
        }
        if rules.principalDaysAfter < rules.directorDaysAfter {
            reader.report(
                top["principalDaysAfter"],
                "principalDaysAfter",
                expected: "no fewer days than directorDaysAfter (\(rules.directorDaysAfter))"
            )
        }
        if rules.regulatorAboveDaysAfter < rules.regulatorDaysAfter {
            reader.report(
                top["regulatorAboveDaysAfter"],
                "regulatorAboveDaysAfter",
                expected: "no fewer days than regulatorDaysAfter (\(rules.regulatorDaysAfter))"
            )
        }
        if rules.missedDailyChecksToRegulator < 1 {
            reader.report(top["missedDailyChecksToRegulator"], "missedDailyChecksToRegulator", expected: "1 or more")
        } else if rules.missedCheckLookbackDays < rules.missedDailyChecksToRegulator {
            reader.report(
                top["missedCheckLookbackDays"],
                "missedCheckLookbackDays",
                expected: "no fewer days than missedDailyChecksToRegulator (\(rules.missedDailyChecksToRegulator))"
            )
        }
        if rules.warningDeadlineDays < 1 { reader.report(top["warningDeadlineDays"], "warningDeadlineDays", expected: "1 or more days") }
        return rules
    }
}

extension CatalogLoader {
    /// The cap on the enterprises one regional director serves at once (DOMAIN.md §13), named by its file.
    static func appointmentRules(_ root: Node?, _ reader: NodeReader) -> AppointmentRules? {
        guard let top = reader.fields(root, "", required: ["kind", "version"], optional: ["regionalDirectorCap"]) else { return nil }
        _ = reader.integer(top["version"], "version", in: 1...9_999)
        var rules = AppointmentRules(source: URL(fileURLWithPath: reader.file).lastPathComponent)
        if let node = top["regionalDirectorCap"], let cap = reader.integer(node, "regionalDirectorCap", in: 1...1_000) {
            rules.regionalDirectorCap = cap
        }
        return rules
    }
}
