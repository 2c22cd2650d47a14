import Foundation

/// One proposed, reviewed and published entry of a quarter's red or black list, with its criterion and evidence.
/// A value type: the rules of each step live here, the store only keeps what they return.
public struct ListEntry: Sendable, Hashable, Codable, Identifiable {
    public enum State: String, Sendable, Codable, CaseIterable, Labelled {
        case proposed, approved, rejected, published

        public var label: Text {
            switch self {
            case .proposed: Text("listEntry.proposed")
            case .approved: Text("listEntry.approved")
            case .rejected: Text("listEntry.rejected")
            case .published: Text("listEntry.published")
            }
        }
    }

    public var id: Int64
    /// `2026Q3`.
    public var quarter: String
    public var enterpriseID: Int64
    public var list: ListKind
    public var area: ListArea
    public var criterion: String
    public var criterionName: Text
    public var evidence: [String]
    public var state: State
    public var proposedBy: Int64
    public var proposedAt: Date
    public var reviewedBy: Int64?
    public var reviewedAt: Date?
    public var reviewNote: String
    public var publishedBy: Int64?
    public var publishedAt: Date?

    public init(
        id: Int64 = 0,
        quarter: String,
        enterpriseID: Int64,
        criterion: ListRules.Criterion,
        evidence: [String],
        proposedBy: Int64,
        proposedAt: Date
    ) {
        self.id = id
        self.quarter = quarter
        self.enterpriseID = enterpriseID
        self.list = criterion.list
        self.area = criterion.area
        self.criterion = criterion.code
        self.criterionName = criterion.name
        self.evidence = evidence
        self.state = .proposed
        self.proposedBy = proposedBy
        self.proposedAt = proposedAt
        self.reviewNote = ""
    }

    static func refuse(_ code: String, zh: String, en: String) -> Refusal { Refusal(.rule(code: code, message: Text(zh: zh, en: en))) }

    /// Lists are kept by regulators: one of the enterprise's jurisdiction or above proposes, reviews and publishes.
    public static func authorize(_ actor: Actor, jurisdictionPath: [Int64]) throws(Refusal) {
        guard actor.regulates(jurisdictionPath: jurisdictionPath) else { throw Refusal(.notRegulatorOfJurisdiction) }
    }

    /// A named reviewer, not the proposer, approves or rejects (a rejection says why).
    public mutating func review(approve: Bool, note: String, by actor: Actor, jurisdictionPath: [Int64], at now: Date) throws(Refusal) {
        try Self.authorize(actor, jurisdictionPath: jurisdictionPath)
        guard state == .proposed else {
            throw Self.refuse(
                "LIST-STATE",
                zh: "该名单条目已\(state.label.zh)，不能再审核",
                en: "the entry is already \(state.label.en); it cannot be reviewed again"
            )
        }
        guard actor.id != proposedBy else {
            throw Self.refuse("LIST-SEPARATION", zh: "提出人不能审核自己提出的名单条目", en: "the person who proposed an entry may not review it")
        }
        if !approve { try Refusal.Reason.requireText(note, "note", zh: "不通过的理由") }
        state = approve ? .approved : .rejected
        reviewedBy = actor.id
        reviewedAt = now
        reviewNote = note
    }

    /// Publishing makes an approved entry public from now.
    public mutating func publish(by actor: Actor, jurisdictionPath: [Int64], at now: Date) throws(Refusal) {
        try Self.authorize(actor, jurisdictionPath: jurisdictionPath)
        guard state == .approved else {
            throw Self.refuse(
                "LIST-STATE",
                zh: "只有审核通过的条目可以公布（本条目\(state.label.zh)）",
                en: "only approved entries are published (this one is \(state.label.en))"
            )
        }
        state = .published
        publishedBy = actor.id
        publishedAt = now
    }

    /// What the public saw of the entry at an instant.
    public enum Visibility: Sendable, Hashable, Codable {
        case notPublished
        /// Public, until the instant given.
        case shown(until: Date)
        /// A red entry whose year ended.
        case expired(on: Date)
        /// A red entry dropped at once because of a breach (the record named).
        case dropped(on: Date, breach: String)
        /// A black entry past its year of disclosure: kept in the record, no longer public.
        case hidden(since: Date)

        public var isPublic: Bool { if case .shown = self { true } else { false } }
    }

    /// `local` is the enterprise's zone: a black entry's year ends at local midnight after its quarter's anniversary.
    public func visibility(at date: Date, rules: ListRules, breach: QualityRecord?, local: LocalTime) -> Visibility {
        guard state == .published, let published = publishedAt, published <= date else { return .notPublished }
        switch list {
        case .red:
            let end = published.addingTimeInterval(Double(rules.redDays) * 86_400)
            if let breach, breach.knownSince < end, breach.known(at: date) {
                return .dropped(on: max(breach.knownSince, published), breach: breach.key)
            }
            return date < end ? .shown(until: end) : .expired(on: end)
        case .black:
            let end = Self.blackPublicEnd(quarter: quarter, months: rules.blackPublicMonths, local: local) ?? published
            return date < end ? .shown(until: end) : .hidden(since: end)
        }
    }
}

extension ListEntry {
    /// The first instant a black entry of `quarter` is no longer public: `months` calendar months after the quarter's
    /// end (exclusive, like every deadline), local midnight. Nil for a quarter that is not one (the store's CHECK
    /// keeps them out): such an entry is hidden from its publication on.
    public static func blackPublicEnd(quarter: String, months: Int, local: LocalTime) -> Date? {
        guard let period = try? ReportingPeriod(quarter), period.unit == .quarter else { return nil }
        let monthsFromStart = period.index * 3 + months  // from January 1st of the quarter's year
        let year = period.year + monthsFromStart / 12
        let month = monthsFromStart % 12 + 1
        return ReportingPeriod(year: year, unit: .month, index: month).start(in: local)
    }

    /// Lists are evaluated by a regulator, over the enterprises of their jurisdiction.
    public static func mayEvaluate(_ actor: Actor) throws(Refusal) {
        guard actor.role == .regulator else { throw Refusal(.notRegulatorOfJurisdiction) }
    }

    /// Publishes a quarter: only once no entry in sight waits for review, and only if one is approved. `entries` are the
    /// quarter's entries in the regulator's sight; `paths` each enterprise's jurisdiction path. Returns the entries published.
    public static func publishing(
        _ entries: [ListEntry],
        quarter: String,
        by actor: Actor,
        paths: [Int64: [Int64]],
        at now: Date
    ) throws(Refusal) -> [ListEntry] {
        try mayEvaluate(actor)
        let pending = entries.filter { $0.state == .proposed }
        guard pending.isEmpty else {
            let ids = pending.map { "#\($0.id)" }.joined(separator: ", ")
            throw Refusal(
                .rule(
                    code: "LIST-UNREVIEWED",
                    message: Text("listEntry.stillHasEntriesReview", "\(quarter)", "\(ids)")
                )
            )
        }
        let approved = entries.filter { $0.state == .approved }
        guard !approved.isEmpty else {
            throw Refusal(
                .rule(
                    code: "LIST-NOTHING-TO-PUBLISH",
                    message: Text("listEntry.hasNoApprovedEntry", "\(quarter)")
                )
            )
        }
        var published: [ListEntry] = []
        for var entry in approved {
            try entry.publish(by: actor, jurisdictionPath: paths[entry.enterpriseID] ?? [], at: now)
            published.append(entry)
        }
        return published
    }
}
