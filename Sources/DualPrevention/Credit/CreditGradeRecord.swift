import Foundation

/// A credit grade as it was computed and stored: the assessment with its explanation, what changed since the
/// enterprise's previous grade, and the honours flagged for revocation. Grades are never edited.
public struct CreditGradeRecord: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var enterpriseID: Int64
    public var asOf: Date
    public var since: Date
    public var computedBy: Int64
    public var computedAt: Date
    public var rulesVersion: Int
    public var score: Double
    public var grade: CreditGrade
    public var previousID: Int64?
    public var previousGrade: CreditGrade?
    public var assessment: CreditAssessment
    /// Why the score or grade moved since the previous grade: each line whose points changed, each veto that came or went.
    public var changes: [CreditChange]
    /// Honours in force (record keys) to be revoked because the enterprise fell to D or onto the black list.
    public var honoursToRevoke: [String]

    public init(
        id: Int64 = 0,
        enterpriseID: Int64,
        asOf: Date,
        since: Date,
        computedBy: Int64,
        computedAt: Date,
        assessment: CreditAssessment,
        previous: CreditGradeRecord?,
        honoursToRevoke: [String]
    ) {
        self.id = id
        self.enterpriseID = enterpriseID
        self.asOf = asOf
        self.since = since
        self.computedBy = computedBy
        self.computedAt = computedAt
        self.rulesVersion = assessment.rulesVersion
        self.score = assessment.score
        self.grade = assessment.grade
        self.previousID = previous?.id
        self.previousGrade = previous?.grade
        self.assessment = assessment
        self.changes = previous.map { CreditChange.between($0.assessment, assessment) } ?? []
        self.honoursToRevoke = honoursToRevoke
    }

    /// Whether this grade is a change of grade (the first grade is one too).
    public var gradeChanged: Bool { previousGrade != grade }
}

/// One cause of a change between two assessments.
public struct CreditChange: Sendable, Hashable, Codable {
    public var item: String
    public var name: Text
    public var before: Double?
    public var after: Double?
    /// Records behind the new value that were not behind the old one.
    public var newEvidence: [String]

    public static func between(_ old: CreditAssessment, _ new: CreditAssessment) -> [CreditChange] {
        var changes: [CreditChange] = []
        let oldLines = Dictionary(old.lines.map { ($0.item, $0) }, uniquingKeysWith: { a, _ in a })
        let newLines = Dictionary(new.lines.map { ($0.item, $0) }, uniquingKeysWith: { a, _ in a })
        // The rounding line moves with any change; it is not a cause.
        for line in new.lines where oldLines[line.item]?.points != line.points && line.group != "total" {
            let before = oldLines[line.item]
            changes.append(
                CreditChange(
                    item: line.item,
                    name: line.name,
                    before: before?.points,
                    after: line.points,
                    newEvidence: line.evidence.filter { !(before?.evidence.contains($0) ?? false) }
                )
            )
        }
        for line in old.lines where newLines[line.item] == nil && line.group != "total" {
            changes.append(CreditChange(item: line.item, name: line.name, before: line.points, after: nil, newEvidence: []))
        }
        let oldVetoes = Dictionary(old.vetoes.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let newVetoes = Dictionary(new.vetoes.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        for veto in new.vetoes where oldVetoes[veto.code] == nil {
            changes.append(CreditChange(item: "veto." + veto.code, name: veto.name, before: 0, after: 1, newEvidence: veto.evidence))
        }
        for veto in old.vetoes where newVetoes[veto.code] == nil {
            changes.append(CreditChange(item: "veto." + veto.code, name: veto.name, before: 1, after: 0, newEvidence: []))
        }
        return changes
    }
}

extension CreditGradeRecord {
    /// A grade is computed and kept by a regulator of the enterprise's jurisdiction or above.
    public static func authorize(_ actor: Actor, jurisdictionPath: [Int64]) throws(Refusal) {
        guard actor.regulates(jurisdictionPath: jurisdictionPath) else { throw Refusal(.notRegulatorOfJurisdiction) }
    }
}
