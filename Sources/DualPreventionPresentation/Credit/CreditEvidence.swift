import DualPrevention
import Foundation

/// A record a credit grade names as evidence, read back from the key the scorer wrote for it: `hazard#12`, `QR-69`
/// (a quality record), `person#25`, `risk_point#7`, `warning_task#3`, `check_plan#4:2026-11-23` (a period of a check
/// plan that was missed) and `no-plan:daily` (a kind of check with no plan in force). Any other key is kept as written.
public enum CreditEvidence: Sendable, Hashable {
    case hazard(Int64)
    case qualityRecord(Int64)
    case person(Int64)
    case riskPoint(Int64)
    case warningTask(Int64)
    case missedCheck(planID: Int64, period: String)
    case noPlan(CheckKind)
    case other(String)

    public init(_ key: String) {
        self = Self.parse(key) ?? .other(key)
    }

    static func parse(_ key: String) -> CreditEvidence? {
        func number(after prefix: String) -> Int64? { key.hasPrefix(prefix) ? Int64(key.dropFirst(prefix.count)) : nil }
        if let id = number(after: "hazard#") { return .hazard(id) }
        if let id = number(after: "QR-") { return .qualityRecord(id) }
        if let id = number(after: "person#") { return .person(id) }
        if let id = number(after: "risk_point#") { return .riskPoint(id) }
        if let id = number(after: "warning_task#") { return .warningTask(id) }
        if key.hasPrefix("check_plan#") {
            let rest = key.dropFirst("check_plan#".count)
            guard let colon = rest.firstIndex(of: ":"), let plan = Int64(rest[..<colon]) else { return nil }
            return .missedCheck(planID: plan, period: String(rest[rest.index(after: colon)...]))
        }
        if key.hasPrefix("no-plan:"), let kind = CheckKind(rawValue: String(key.dropFirst("no-plan:".count))) { return .noPlan(kind) }
        return nil
    }

    /// Records a list shows before "and n more": a closed-loop rate may rest on hundreds of hazards.
    public static let shownPerList = 8

    /// The keys a list shows, the first ones.
    public static func shown(_ keys: [String]) -> ArraySlice<String> { keys.prefix(shownPerList) }

    /// "and n more" under a list cut short; nil when nothing was left out.
    static func more(_ keys: [String], _ l: Language) -> String? {
        keys.count > shownPerList ? Text("creditView.moreEvidence", "\(keys.count - shownPerList)")(l) : nil
    }
}

/// One piece of evidence as a page shows it: readable text, and the record's page when it has one.
public struct CreditEvidenceLink: Sendable, Hashable {
    public var text: String
    public var href: String?

    public init(text: String, href: String? = nil) {
        self.text = text
        self.href = href
    }
}

/// What the evidence of one enterprise's grades names, loaded once for a page: hazard numbers, quality records,
/// people, risk points, check plans and warnings. What is not here shows by its number, never as a raw key.
public struct CreditEvidenceDirectory: Sendable {
    /// The warning a task belongs to, as its evidence shows it.
    public struct Warning: Sendable, Hashable {
        public var id: Int64
        public var number: String
        public var title: String

        public init(id: Int64, number: String, title: String) {
            self.id = id
            self.number = number
            self.title = title
        }
    }

    /// Which records a list of keys names, kind by kind: what a page reads before it builds the views.
    public struct Wanted: Sendable, Hashable {
        public var hazards: Set<Int64> = []
        public var records: Set<Int64> = []
        public var people: Set<Int64> = []
        public var riskPoints: Set<Int64> = []
        public var warningTasks: Set<Int64> = []
        public var checkPlans: Set<Int64> = []

        public init(_ keys: some Sequence<String>) {
            for key in keys {
                switch CreditEvidence(key) {
                case .hazard(let id): hazards.insert(id)
                case .qualityRecord(let id): records.insert(id)
                case .person(let id): people.insert(id)
                case .riskPoint(let id): riskPoints.insert(id)
                case .warningTask(let id): warningTasks.insert(id)
                case .missedCheck(let planID, _): checkPlans.insert(planID)
                case .noPlan, .other: break
                }
            }
        }
    }

    public var enterpriseID: Int64
    public var hazardNumbers: [Int64: String]
    public var records: [Int64: QualityRecord]
    public var people: [Int64: Person]
    /// Risk point names by id.
    public var riskPoints: [Int64: String]
    /// The kind of each check plan, by plan id.
    public var checkPlans: [Int64: CheckKind]
    /// The warning of each task, by task id.
    public var warnings: [Int64: Warning]

    public init(
        enterpriseID: Int64,
        hazardNumbers: [Int64: String] = [:],
        records: [Int64: QualityRecord] = [:],
        people: [Int64: Person] = [:],
        riskPoints: [Int64: String] = [:],
        checkPlans: [Int64: CheckKind] = [:],
        warnings: [Int64: Warning] = [:]
    ) {
        self.enterpriseID = enterpriseID
        self.hazardNumbers = hazardNumbers
        self.records = records
        self.people = people
        self.riskPoints = riskPoints
        self.checkPlans = checkPlans
        self.warnings = warnings
    }

    /// The first keys of a list (`CreditEvidence.shown`), each as a link.
    public func links(_ keys: [String], dates: LocalDates) -> [CreditEvidenceLink] {
        CreditEvidence.shown(keys).map { link($0, dates: dates) }
    }

    /// One key as people read it: a hazard by its number, a quality record by its kind and date, a person by name and
    /// role, a missed check by its kind and period; linked to the page of the record where there is one.
    public func link(_ key: String, dates: LocalDates) -> CreditEvidenceLink {
        let l = dates.language
        switch CreditEvidence(key) {
        case .hazard(let id):
            return CreditEvidenceLink(text: hazardNumbers[id] ?? Text("creditView.hazardNumbered", "\(id)")(l), href: "/hazards/\(id)")
        case .qualityRecord(let id):
            guard let record = records[id] else { return CreditEvidenceLink(text: Text("creditView.qualityRecordNumbered", "\(id)")(l)) }
            return CreditEvidenceLink(text: Self.describe(record, dates: dates))
        case .person(let id):
            guard let person = people[id] else { return CreditEvidenceLink(text: Text("creditView.personNumbered", "\(id)")(l)) }
            return CreditEvidenceLink(text: Text("creditView.person", person.name, person.role.label)(l))
        case .riskPoint(let id):
            return CreditEvidenceLink(
                text: riskPoints[id] ?? Text("creditView.riskPointNumbered", "\(id)")(l),
                href: "/risks?enterprise=\(enterpriseID)"
            )
        case .warningTask(let id):
            guard let warning = warnings[id] else { return CreditEvidenceLink(text: Text("creditView.warningTaskNumbered", "\(id)")(l)) }
            let text = [warning.number, warning.title].compactMap(\.nonBlank).joined(separator: " ")
            return CreditEvidenceLink(text: text, href: "/warnings/\(warning.id)")
        case .missedCheck(let planID, let period):
            let kind: Text = checkPlans[planID]?.label ?? Text("creditView.checkPlanNumbered", "\(planID)")
            return CreditEvidenceLink(text: Text("creditView.missedCheck", kind, Self.period(period, dates: dates))(l))
        case .noPlan(let kind):
            return CreditEvidenceLink(text: Text("creditView.noCheckPlan", kind.label)(l))
        case .other(let key):
            return CreditEvidenceLink(text: key)
        }
    }

    /// A quality record in words: `监督抽查·不合格，2026年3月5日 · 电热水壶 · CJ-2026-031`.
    static func describe(_ record: QualityRecord, dates: LocalDates) -> String {
        let l = dates.language
        // A veto record's subtype is a veto code of the rules, named by the metric catalogue.
        let subtype: Text? =
            record.kind == .veto
            ? CreditMetric.catalog["veto." + record.subtype]
            : record.kind.subtypes?.first(where: { $0.0 == record.subtype })?.1
        let what = subtype ?? Text(zh: record.subtype, en: record.subtype)
        let head = Text("creditView.qualityRecord", record.kind.label, what, dates.day(record.occurredOn))(l)
        var parts = [head]
        if let value = record.value {
            parts.append(record.indicator?.isShare == true ? CreditGradeView.percent(value) : CreditGradeView.number(value))
        }
        if let product = record.product.nonBlank { parts.append(product) }
        if let reference = record.reference.nonBlank { parts.append(reference) }
        return parts.joined(separator: " · ")
    }

    /// A check period as people write it: a day in words (`2026年11月23日`), a week (`2026年第47周`), a month.
    static func period(_ key: String, dates: LocalDates) -> String {
        let l = dates.language
        let parts = key.split(separator: "-")
        if parts.count == 3 { return dates.worded(key) }
        if parts.count == 2, parts[1].hasPrefix("W"), let week = Int(parts[1].dropFirst()) {
            return Text("creditView.week", String(parts[0]), "\(week)")(l)
        }
        if parts.count == 2, let month = Int(parts[1]) { return Text("creditView.month", String(parts[0]), "\(month)")(l) }
        return key
    }
}
