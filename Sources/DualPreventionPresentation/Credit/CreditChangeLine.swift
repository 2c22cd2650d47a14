import DualPrevention

/// One cause of a change between two grades, in words: an item whose points moved (`30 → 40（+10）`) or a veto
/// behaviour that appeared or went away, with the records newly behind it.
public struct CreditChangeLine: Sendable, Hashable {
    /// The item's code (`veto.<code>` for a veto).
    public var item: String
    public var name: String
    public var detail: String
    public var isVeto: Bool
    /// `bad` when it cost points or brought a veto, `good` for the opposite, empty otherwise (the timeline's marks).
    public var tone: String
    public var evidence: [CreditEvidenceLink]
    public var moreEvidence: String?

    public init(_ change: CreditChange, directory: CreditEvidenceDirectory, dates: LocalDates) {
        let l = dates.language
        let veto = change.item.hasPrefix("veto.")
        item = change.item
        name = change.name(l)
        isVeto = veto
        if veto {
            let appeared = (change.after ?? 0) > (change.before ?? 0)
            detail = appeared ? Text("creditView.vetoAppeared")(l) : Text("creditView.vetoGone")(l)
            tone = appeared ? "bad" : "good"
        } else {
            let delta = (change.after ?? 0) - (change.before ?? 0)
            let before = change.before.map { CreditGradeView.points($0) } ?? "—"
            let after = change.after.map { CreditGradeView.points($0) } ?? "—"
            detail = Text("creditView.pointsMoved", before, after, CreditGradeView.signed(delta))(l)
            tone = delta < 0 ? "bad" : delta > 0 ? "good" : ""
        }
        evidence = directory.links(change.newEvidence, dates: dates)
        moreEvidence = CreditEvidence.more(change.newEvidence, l)
    }
}
