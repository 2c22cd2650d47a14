import DualPrevention

/// What the public sees of a published list entry, in words: public until a day, expired, dropped for a breach (the
/// record named), or hidden and kept on record. The CLI and the lists page say it the same way.
public enum ListingStatus {
    public static func text(_ visibility: ListEntry.Visibility, local: LocalTime, language l: Language) -> String {
        switch visibility {
        case .notPublished: Text("listCommands.notPublished")(l)
        case .shown(let until): Text("listCommands.publicUntil", "\(local.day(until))")(l)
        case .expired(let on): Text("listCommands.expired", "\(local.day(on))")(l)
        case .dropped(let on, let breach): Text("listCommands.dropped", "\(local.day(on))", "\(breach)")(l)
        case .hidden(let since): Text("listCommands.hiddenSinceKept", "\(local.day(since))")(l)
        }
    }
}
