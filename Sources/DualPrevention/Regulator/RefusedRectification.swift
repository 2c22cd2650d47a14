import Foundation

extension Hazard {
    /// Whether, at an instant, the hazard was left overdue while listed for supervision (DOMAIN.md §10): a major
    /// hazard past its deadline, in rectification (notified or rectifying: not waiting for acceptance, not closed or
    /// cancelled), under a listing not yet lifted.
    public func leftOverdueWhileListed(at t: Date) -> Bool {
        guard grade == .major, let deadline, t >= deadline, let issued = notice?.issuedAt, issued <= t else { return false }
        if let closedAt, closedAt <= t { return false }
        if let cancelled = cancellation?.cancelledAt, cancelled <= t { return false }
        guard listings.contains(where: { $0.listedAt <= t && ($0.liftedAt.map { $0 > t } ?? true) }) else { return false }
        // After a submission the hazard waits for acceptance, until a failed acceptance sends it back.
        guard let submitted = submissions.last(where: { $0.submittedAt <= t })?.submittedAt else { return true }
        return acceptances.contains { !$0.passed && $0.acceptedAt > submitted && $0.acceptedAt <= t }
    }

    /// The first instant by `date` at which the hazard was left overdue while listed, if any: the state changes only
    /// at the deadline, at a listing, or when a failed acceptance sends it back, so those are the instants to try.
    public func firstLeftOverdueWhileListed(by date: Date) -> Date? {
        guard grade == .major, let deadline, deadline <= date else { return nil }
        let candidates = ([deadline] + listings.map(\.listedAt) + acceptances.filter { !$0.passed }.map(\.acceptedAt))
            .filter { $0 >= deadline && $0 <= date }
            .sorted()
        return candidates.first { leftOverdueWhileListed(at: $0) }
    }
}

extension QualityRecord {
    /// The "refuses to rectify a major hazard" violation a hazard's own records establish (DOMAIN.md §10), for the
    /// black list: nobody types it in. It is never stored; its negative id marks it as derived, and its key names the
    /// hazard (`hazard#<id>`).
    public static func refusedRectification(_ hazard: Hazard, asOf date: Date) -> QualityRecord? {
        guard let since = hazard.firstLeftOverdueWhileListed(by: date) else { return nil }
        let listing = hazard.listings.last { $0.listedAt <= since }
        return QualityRecord(
            id: -hazard.id,
            enterpriseID: hazard.enterpriseID,
            kind: .violation,
            subtype: "refusedSupervision",
            occurredOn: since,
            reference: hazard.number,
            note: "挂牌督办的重大隐患逾期未整改 / a listed major hazard left overdue",
            recordedBy: listing?.listedBy ?? 0,
            recordedAt: since
        )
    }

    /// True for a record the hazards establish rather than one recorded by a person.
    public var isDerived: Bool { id < 0 }
}
