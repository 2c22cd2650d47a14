import DualPrevention
import Foundation

/// One credit grade as people read it, for its page and its printed notice: each indicator group named in the
/// reader's language with its points and items, each item with its value and the records behind it (linked where a
/// record has a page), the exact sum of the items and the score it was kept and rounded to, the vetoes, the measure,
/// the honours to revoke and what changed since the previous grade.
public struct CreditGradeView: Sendable {
    public struct Item: Sendable, Hashable {
        public var code: String
        public var name: String
        /// Signed: a deduction is negative.
        public var points: String
        /// The item's full points; empty for a group's cap, which has none.
        public var maximum: String
        public var value: String
        /// What the value measures (the metric's label), when the rules say which metric the item scores.
        public var metric: String?
        public var evidence: [CreditEvidenceLink]
        public var moreEvidence: String?
    }

    public struct Group: Sendable, Hashable {
        public var code: String
        public var name: String
        public var points: String
        /// The group's points in the rules the grade was computed under; nil when those rules are not at hand.
        public var maximum: String?
        public var items: [Item]
    }

    public struct Veto: Sendable, Hashable {
        public var name: String
        public var evidence: [CreditEvidenceLink]
        public var moreEvidence: String?
    }

    /// `A`, `B`, `C` or `D`.
    public var grade: String
    /// The grade with its name (`A级（守信）`).
    public var gradeName: String
    public var score: String
    /// The grade the score alone gives (differs from `grade` under a veto).
    public var byScore: String
    public var vetoed: Bool
    /// The groups in the order of the rules; the score's own adjustments (clamp, rounding) are not a group.
    public var groups: [Group]
    /// The items added up exactly, in thousandths.
    public var sum: String
    /// How the sum became the score, when it had to be kept within 0–100 or rounded; nil when they are equal.
    public var adjustment: String?
    public var vetoes: [Veto]
    public var measure: String?
    public var rule: String
    /// The rules the grade was computed under (name and version).
    public var rules: String
    public var honours: [CreditEvidenceLink]
    public var asOf: String
    /// The period the records were counted over.
    public var window: String
    /// Why it moved since the previous grade (the one it was compared with when computed).
    public var changes: [CreditChangeLine]
    public var previousGrade: String?
    public var stored: Bool

    /// Lines of this group are the score's clamp and rounding, not an indicator.
    static let adjustmentGroup = "total"

    /// `rules` name the groups and say which metric each item scores; the group maxima are taken from them only when
    /// they are the version the grade was computed under. `dates` are in the enterprise's time zone.
    public init(_ record: CreditGradeRecord, rules: CreditRules?, directory: CreditEvidenceDirectory, dates: LocalDates) {
        let l = dates.language
        let assessment = record.assessment
        let ruleGroups = rules.map { $0.groups + [$0.deductions, $0.bonus] } ?? []
        let sameVersion = rules?.version == record.rulesVersion
        let metrics = Dictionary(ruleGroups.flatMap(\.items).map { ($0.code, $0.metric) }, uniquingKeysWith: { first, _ in first })
        var order: [String] = []
        var byGroup: [String: [CreditAssessment.Line]] = [:]
        for line in assessment.lines where line.group != Self.adjustmentGroup {
            if byGroup[line.group] == nil { order.append(line.group) }
            byGroup[line.group, default: []].append(line)
        }
        groups = order.map { code in
            let lines = byGroup[code] ?? []
            let ruleGroup = ruleGroups.first { $0.code == code }
            return Group(
                code: code,
                name: Self.groupName(code, rules: rules)(l),
                points: Self.points(Self.sum(lines)),
                maximum: sameVersion ? ruleGroup.map { Self.points($0.points) } : nil,
                items: lines.map { line in
                    let metric = metrics[line.item]
                    return Item(
                        code: line.item,
                        name: line.name(l),
                        points: Self.points(line.points),
                        maximum: line.maximum == 0 ? "" : Self.points(abs(line.maximum)),
                        value: line.value.map { Self.value($0, metric: metric, l) } ?? "",
                        metric: metric.flatMap { CreditMetric.catalog[$0] }.map { $0(l) },
                        evidence: directory.links(line.evidence, dates: dates),
                        moreEvidence: CreditEvidence.more(line.evidence, l)
                    )
                }
            )
        }
        let sumText = Self.points(Self.sum(assessment.lines.filter { $0.group != Self.adjustmentGroup }))
        let scoreText = String(format: "%.1f", record.score)
        let adjusted = assessment.lines.contains(where: { $0.group == Self.adjustmentGroup && $0.points != 0 })
        sum = sumText
        score = scoreText
        adjustment = adjusted ? Text("creditView.sumAdjusted", sumText, scoreText)(l) : nil
        grade = record.grade.rawValue
        gradeName = record.grade.label(l)
        byScore = assessment.gradeByScore.rawValue
        vetoed = !assessment.vetoes.isEmpty
        vetoes = assessment.vetoes.map { veto in
            Veto(name: veto.name(l), evidence: directory.links(veto.evidence, dates: dates), moreEvidence: CreditEvidence.more(veto.evidence, l))
        }
        measure = assessment.measure.map { $0(l) }
        rule = assessment.rule(l)
        if let rules, sameVersion {
            self.rules = Text("creditView.rulesNamed", rules.name, "\(record.rulesVersion)")(l)
        } else {
            self.rules = Text("creditView.rulesVersion", "\(record.rulesVersion)")(l)
        }
        honours = record.honoursToRevoke.map { directory.link($0, dates: dates) }
        asOf = dates.day(record.asOf)
        window = Text("creditView.window", dates.day(record.since), dates.day(record.asOf))(l)
        changes = record.changes.map { CreditChangeLine($0, directory: directory, dates: dates) }
        previousGrade = record.previousGrade?.rawValue
        stored = record.id > 0
    }

    /// The evidence keys the view of `record` shows: what a page loads into the directory first.
    public static func evidenceKeys(_ record: CreditGradeRecord) -> [String] {
        let lines = record.assessment.lines.flatMap { CreditEvidence.shown($0.evidence) }
        let vetoes = record.assessment.vetoes.flatMap { CreditEvidence.shown($0.evidence) }
        let changes = record.changes.flatMap { CreditEvidence.shown($0.newEvidence) }
        return lines + vetoes + record.honoursToRevoke + changes
    }

    /// A group's name: the rules' when they have the group, else the default rules' group of that code, else the code.
    static func groupName(_ code: String, rules: CreditRules?) -> Text {
        if let rules, let group = (rules.groups + [rules.deductions, rules.bonus]).first(where: { $0.code == code }) { return group.name }
        switch code {
        case "innovation": return Text("creditView.groupInnovation")
        case "management": return Text("creditView.groupManagement")
        case "standardisation": return Text("creditView.groupStandardisation")
        case "metrology": return Text("creditView.groupMetrology")
        case "certification": return Text("creditView.groupCertification")
        case "licensing": return Text("creditView.groupLicensing")
        case "responsibility": return Text("creditView.groupResponsibility")
        case "spotChecks": return Text("creditView.groupSpotChecks")
        case "violations": return Text("creditView.groupViolations")
        case "awards": return Text("creditView.groupAwards")
        default: return Text(zh: code, en: code)
        }
    }

    /// Metrics that are shares (shown as percentages) and metrics that are 1 or 0 (shown as yes or no).
    static let shareMetrics: Set<String> = [
        "innovation.rndShare", "management.trainingShare", "metrology.calibratedShare", "dualPrevention.closedLoopRate",
        "dualPrevention.onTimeRate", "dualPrevention.gradedOnTimeShare", "spotChecks.passRate",
    ]
    static let presenceMetrics: Set<String> = [
        "management.systemCertified", "management.staffAppointed", "standards.declared", "metrology.measurementSystem",
        "certification.valid", "licensing.valid",
    ]

    static func value(_ value: Double, metric: String?, _ l: Language) -> String {
        guard let metric else { return number(value) }
        if shareMetrics.contains(metric) { return percent(value) }
        if presenceMetrics.contains(metric) { return value >= 1 ? Text("creditView.yes")(l) : Text("creditView.no")(l) }
        return number(value)
    }

    /// Lines are kept in thousandths of a point, so they are added as such.
    static func sum(_ lines: [CreditAssessment.Line]) -> Double {
        Double(lines.reduce(0) { $0 + Int(($1.points * 1_000).rounded()) }) / 1_000
    }

    /// Points to the thousandth, without trailing zeros: `5`, `4.25`, `-0.013`.
    static func points(_ value: Double) -> String {
        let milli = Int((value * 1_000).rounded())
        var fraction = String(abs(milli) % 1_000)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (milli < 0 ? "-" : "") + String(abs(milli) / 1_000) + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// A change of points with its sign: `+2.5`, `-1`, `0`.
    static func signed(_ value: Double) -> String {
        let text = points(value)
        return text.hasPrefix("-") || text == "0" ? text : "+" + text
    }

    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }

    /// A count as a whole number, anything else as it is.
    static func number(_ value: Double) -> String {
        value.isFinite && value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%g", value)
    }
}
