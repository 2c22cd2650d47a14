import Foundation

/// An enterprise whose grade would fall at the next grading if nothing changes (issue 16, the regulator's analytics):
/// its grade as of now is below its last stored grade. Names the items that lost points and the vetoes that came in
/// since, each with the records behind it, so a regulator can act before the grading.
public struct CreditFall: Sendable, Hashable, Codable {
    public var enterpriseID: Int64
    public var stored: CreditGrade
    public var storedScore: Double
    public var storedAsOf: Date
    public var now: CreditGrade
    public var score: Double
    public var items: [CreditChange]

    /// Nil unless `now` (not stored) is below `stored` (the last stored grade) for the same enterprise.
    public static func between(stored: CreditGradeRecord, now: CreditGradeRecord) -> CreditFall? {
        guard stored.enterpriseID == now.enterpriseID, now.grade < stored.grade else { return nil }
        let worse = CreditChange.between(stored.assessment, now.assessment).filter { change in
            let before = change.before ?? 0
            let after = change.after ?? 0
            return change.item.hasPrefix("veto.") ? after > before : after < before
        }
        return CreditFall(
            enterpriseID: now.enterpriseID,
            stored: stored.grade,
            storedScore: stored.score,
            storedAsOf: stored.asOf,
            now: now.grade,
            score: now.score,
            items: worse
        )
    }
}
