import DualPrevention
import Foundation

/// The stored grades of one enterprise, newest first, each with what changed since the stored grade before it and
/// why: the items whose points moved and the vetoes that appeared or went away, with the records newly behind them.
public struct CreditHistoryView: Sendable {
    public struct Entry: Sendable, Hashable {
        public var id: Int64
        public var asOf: String
        public var grade: String
        public var score: String
        /// `B → A` when the grade moved since the grade before; nil otherwise.
        public var gradeChange: String?
        /// `+2.5` against the grade before; nil for the first stored grade.
        public var scoreChange: String?
        /// The enterprise's first stored grade: nothing to compare with.
        public var first: Bool
        /// Compared with the grade before, no item's points moved and no veto came or went.
        public var unchanged: Bool
        public var changes: [CreditChangeLine]
    }

    public var entries: [Entry]
    /// Older stored grades not listed; nil when all are.
    public var older: Int?

    /// Grades listed on a page.
    public static let shown = 20

    /// `records` in any order; `dates` in the enterprise's time zone. The oldest grade listed is still compared with
    /// the one before it when that one is beyond the limit.
    public init(_ records: [CreditGradeRecord], directory: CreditEvidenceDirectory, dates: LocalDates, limit: Int = CreditHistoryView.shown) {
        let pairs = Self.pairs(records, limit: limit)
        entries = pairs.map { pair in
            let record = pair.record
            let previous = pair.previous
            let changes = previous.map { Self.changes(from: $0, to: record) } ?? []
            return Entry(
                id: record.id,
                asOf: dates.day(record.asOf),
                grade: record.grade.rawValue,
                score: String(format: "%.1f", record.score),
                gradeChange: previous.flatMap { $0.grade == record.grade ? nil : "\($0.grade.rawValue) → \(record.grade.rawValue)" },
                scoreChange: previous.map { CreditGradeView.signed(record.score - $0.score) },
                first: previous == nil,
                unchanged: previous != nil && changes.isEmpty,
                changes: changes.map { CreditChangeLine($0, directory: directory, dates: dates) }
            )
        }
        older = records.count > pairs.count ? records.count - pairs.count : nil
    }

    /// What changed from one grade to the next: the same comparison the store makes when it keeps a grade.
    public static func changes(from previous: CreditGradeRecord, to record: CreditGradeRecord) -> [CreditChange] {
        CreditChange.between(previous.assessment, record.assessment)
    }

    /// The evidence keys the history shows: what a page loads into the directory first.
    public static func evidenceKeys(_ records: [CreditGradeRecord], limit: Int = CreditHistoryView.shown) -> [String] {
        pairs(records, limit: limit).flatMap { pair -> [String] in
            guard let previous = pair.previous else { return [] }
            return changes(from: previous, to: pair.record).flatMap { CreditEvidence.shown($0.newEvidence) }
        }
    }

    /// The grades listed, newest first (by the instant graded, then when computed), each with the grade before it.
    static func pairs(_ records: [CreditGradeRecord], limit: Int) -> [(record: CreditGradeRecord, previous: CreditGradeRecord?)] {
        let ordered = records.sorted { ($0.asOf, $0.computedAt, $0.id) < ($1.asOf, $1.computedAt, $1.id) }
        return ordered.indices.reversed().prefix(max(0, limit)).map { index -> (record: CreditGradeRecord, previous: CreditGradeRecord?) in
            (record: ordered[index], previous: index > ordered.startIndex ? ordered[index - 1] : nil)
        }
    }
}
