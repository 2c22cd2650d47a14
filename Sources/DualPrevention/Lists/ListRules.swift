import Foundation

/// The red list (守信) and the black list (失信), Yanqing model (DOMAIN.md §7).
public enum ListKind: String, Sendable, Codable, CaseIterable, Labelled {
    case red, black

    public var label: Text {
        switch self {
        case .red: Text("listRules.redList")
        case .black: Text("listRules.blackList")
        }
    }
}

/// A region's criteria for the red and black lists, per area, and what drops a red entry. Data
/// (checklists/list-rules.yaml), replaceable without touching code.
public struct ListRules: Sendable, Hashable, Codable {
    public var version: Int
    public var name: Text
    /// How long a red entry lasts once published.
    public var redDays: Int
    /// How long a black entry is shown to the public, in calendar months counted from the end of the quarter it was
    /// published for (DOMAIN.md §14: 2026Q1 → until 2027-03-31); it is kept in the record afterwards.
    public var blackPublicMonths: Int
    public var criteria: [Criterion]
    /// Records that drop a red entry at once when they happen after its publication.
    public var breaches: [Match]

    public init(version: Int, name: Text, redDays: Int = 365, blackPublicMonths: Int = 12, criteria: [Criterion], breaches: [Match]) {
        self.version = version
        self.name = name
        self.redDays = redDays
        self.blackPublicMonths = blackPublicMonths
        self.criteria = criteria
        self.breaches = breaches
    }

    /// Records of one kind, any of some subtypes (all subtypes when empty).
    public struct Match: Sendable, Hashable, Codable {
        public var kind: QualityRecordKind
        public var subtypes: [String]

        public init(kind: QualityRecordKind, subtypes: [String] = []) {
            self.kind = kind
            self.subtypes = subtypes
        }

        public func matches(_ record: QualityRecord) -> Bool {
            record.kind == kind && (subtypes.isEmpty || subtypes.contains(record.subtype))
        }
    }

    /// One criterion: at least `atLeast` records matching, of its area, within `withinMonths` before the date;
    /// with `sameProduct`, that many of one product; with `noneOf`, and none of those subtypes in the window.
    public struct Criterion: Sendable, Hashable, Codable {
        public var code: String
        public var list: ListKind
        public var area: ListArea
        public var name: Text
        public var match: Match
        public var atLeast: Int
        public var withinMonths: Int
        public var sameProduct: Bool
        public var noneOf: [String]

        public init(
            code: String,
            list: ListKind,
            area: ListArea,
            name: Text,
            match: Match,
            atLeast: Int = 1,
            withinMonths: Int = 12,
            sameProduct: Bool = false,
            noneOf: [String] = []
        ) {
            self.code = code
            self.list = list
            self.area = area
            self.name = name
            self.match = match
            self.atLeast = atLeast
            self.withinMonths = withinMonths
            self.sameProduct = sameProduct
            self.noneOf = noneOf
        }

        /// The records that meet the criterion for one enterprise, or nil when it is not met. Records count when they
        /// happened by `date` and were known (recorded, not withdrawn) at `knownAt`.
        public func evidence(in records: [QualityRecord], asOf date: Date, knownAt: Date) -> [QualityRecord]? {
            let from = Months.before(date, withinMonths)
            let window = records.filter { record in
                record.kind == match.kind && record.area == area && record.occurredOn <= date && record.occurredOn >= from
                    && record.recordedAt <= knownAt && (record.withdrawnAt.map { $0 > knownAt } ?? true)
            }
            if window.contains(where: { noneOf.contains($0.subtype) }) { return nil }
            let matching = window.filter(match.matches).sorted { $0.id < $1.id }
            if sameProduct {
                let groups = Dictionary(grouping: matching, by: \.product).values.filter { $0.count >= atLeast }
                return groups.min { ($0.first?.id ?? 0) < ($1.first?.id ?? 0) }
            }
            return matching.count >= atLeast ? matching : nil
        }
    }

    /// What is wrong with the rules as a whole (each field is checked where it is read).
    public func problems() -> [String] {
        var problems: [String] = []
        let codes = criteria.map(\.code)
        for code in Set(codes) where codes.filter({ $0 == code }).count > 1 { problems.append("criterion code \(code) is used twice") }
        for criterion in criteria {
            if let subtypes = criterion.match.kind.subtypes?.map(\.0) {
                for subtype in criterion.match.subtypes + criterion.noneOf where !subtypes.contains(subtype) {
                    problems.append(
                        "criterion \(criterion.code): a \(criterion.match.kind.rawValue) has no subtype \(subtype) (one of \(subtypes.joined(separator: ", ")))"
                    )
                }
            }
        }
        for list in ListKind.allCases where !criteria.contains(where: { $0.list == list }) {
            problems.append("no criterion puts an enterprise on the \(list.rawValue) list")
        }
        return problems
    }

    /// The first breach of a red entry: a matching record that became known after the entry was proposed (so one
    /// between proposal and publication counts too), and was known by `date`.
    public func breach(of entry: ListEntry, in records: [QualityRecord], at date: Date) -> QualityRecord? {
        guard entry.list == .red, entry.publishedAt != nil else { return nil }
        return records.filter { record in
            record.enterpriseID == entry.enterpriseID && breaches.contains { $0.matches(record) }
                && record.knownSince >= entry.proposedAt && record.known(at: date)
        }.min { ($0.knownSince, $0.id) < ($1.knownSince, $1.id) }
    }

    /// Breaches in the year before `date`, known at `knownAt`: an enterprise with one is not proposed for the red list.
    public func recentBreaches(in records: [QualityRecord], asOf date: Date, knownAt: Date) -> [QualityRecord] {
        let from = Months.before(date, 12)
        return records.filter { record in
            breaches.contains { $0.matches(record) } && record.occurredOn >= from && record.occurredOn <= date
                && record.recordedAt <= knownAt && (record.withdrawnAt.map { $0 > knownAt } ?? true)
        }
    }
}

extension QualityRecord {
    /// When the record became known: it happened and was recorded.
    public var knownSince: Date { max(occurredOn, recordedAt) }
}

/// Proposals for one enterprise: every criterion met, with its evidence, unless an earlier entry for the same
/// criterion already rests on all of that evidence (so a black entry is not proposed again each quarter).
public enum ListEvaluator {
    public struct Proposal: Sendable, Hashable, Codable {
        public var enterpriseID: Int64
        public var criterion: ListRules.Criterion
        public var evidence: [String]
    }

    public static func evaluate(
        _ rules: ListRules,
        enterpriseID: Int64,
        records: [QualityRecord],
        existing: [ListEntry],
        asOf date: Date,
        knownAt: Date
    ) -> [Proposal] {
        let own = records.filter { $0.enterpriseID == enterpriseID }
        let met = rules.criteria.compactMap { criterion -> Proposal? in
            guard let evidence = criterion.evidence(in: own, asOf: date, knownAt: knownAt)?.map(\.key) else { return nil }
            return Proposal(enterpriseID: enterpriseID, criterion: criterion, evidence: evidence)
        }
        // No red entry for an enterprise that meets a black criterion or breached in the past year.
        let redBarred = met.contains { $0.criterion.list == .black } || !rules.recentBreaches(in: own, asOf: date, knownAt: knownAt).isEmpty
        return met.filter { proposal in
            if proposal.criterion.list == .red, redBarred { return false }
            return !existing.contains {
                $0.enterpriseID == enterpriseID && $0.criterion == proposal.criterion.code && Set(proposal.evidence).isSubset(of: $0.evidence)
            }
        }
    }
}
