import DualPrevention
import Foundation
import GRDB
import Synchronization

// Flat domain values are records as they are: their coding keys are the columns, in snake case.

/// Records whose coding keys map to snake-case columns (public because domain types conform).
public protocol SnakeCaseRecord: FetchableRecord, PersistableRecord, Codable {}

extension SnakeCaseRecord {
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy {
        .custom { column in ColumnKey(stringValue: ColumnKey.names.property(column)) }
    }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy {
        .custom { key in ColumnKey.names.column(key.stringValue) }
    }
}

/// Column ⇄ property names, worked out once each: every row decoded asks for every column's name.
final class ColumnNames: Sendable {
    private let cache = Mutex<(properties: [String: String], columns: [String: String])>(([:], [:]))

    func property(_ column: String) -> String {
        if let known = cache.withLock({ $0.properties[column] }) { return known }
        let name = ColumnKey.property(column)
        cache.withLock { $0.properties[column] = name }
        return name
    }

    func column(_ property: String) -> String {
        if let known = cache.withLock({ $0.columns[property] }) { return known }
        let name = ColumnKey.column(property)
        cache.withLock { $0.columns[property] = name }
        return name
    }
}

/// Maps `enterpriseID` ⇄ `enterprise_id`: our properties spell the trailing ID in capitals.
struct ColumnKey: CodingKey {
    static let names = ColumnNames()
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }

    static func column(_ property: String) -> String {
        var result = ""
        var previousIsLower = false
        for char in property {
            if char.isUppercase, previousIsLower { result.append("_") }
            result.append(contentsOf: char.lowercased())
            previousIsLower = char.isLowercase || char.isNumber
        }
        return result
    }

    static func property(_ column: String) -> String {
        let parts = column.split(separator: "_")
        guard let first = parts.first else { return column }
        return String(first) + parts.dropFirst().map { $0 == "id" ? "ID" : $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}

extension Jurisdiction: SnakeCaseRecord { public static let databaseTableName = "jurisdiction" }
extension Enterprise: SnakeCaseRecord { public static let databaseTableName = "enterprise" }
extension Workshop: SnakeCaseRecord { public static let databaseTableName = "workshop" }
extension Team: SnakeCaseRecord { public static let databaseTableName = "team" }
extension Post: SnakeCaseRecord { public static let databaseTableName = "post" }
extension Person: SnakeCaseRecord { public static let databaseTableName = "person" }
extension RiskPoint: SnakeCaseRecord { public static let databaseTableName = "risk_point" }
extension CheckPlan: SnakeCaseRecord { public static let databaseTableName = "check_plan" }
extension CheckRun: SnakeCaseRecord { public static let databaseTableName = "check_run" }
extension QualityRecord: SnakeCaseRecord { public static let databaseTableName = "quality_record" }
extension CreditGradeRecord: SnakeCaseRecord { public static let databaseTableName = "credit_grade" }
extension ListEntry: SnakeCaseRecord { public static let databaseTableName = "list_entry" }
extension Account: SnakeCaseRecord { public static let databaseTableName = "account" }
extension AssessmentAssignment: SnakeCaseRecord { public static let databaseTableName = "assessment_assignment" }
extension DirectorAppointment: SnakeCaseRecord { public static let databaseTableName = "director_appointment" }

extension CreditCode: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { value.databaseValue }
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> CreditCode? {
        String.fromDatabaseValue(dbValue).flatMap { try? CreditCode($0) }
    }
}

extension Role: DatabaseValueConvertible {}
extension JurisdictionLevel: DatabaseValueConvertible {}
extension RiskColour: DatabaseValueConvertible {}
extension ControlFrequency: DatabaseValueConvertible {}
extension HazardState: DatabaseValueConvertible {}
extension HazardGrade: DatabaseValueConvertible {}
extension HazardSource: DatabaseValueConvertible {}
extension PlanState: DatabaseValueConvertible {}
extension ExtensionState: DatabaseValueConvertible {}
extension CheckKind: DatabaseValueConvertible {}
extension QualityRecordKind: DatabaseValueConvertible {}
extension ListArea: DatabaseValueConvertible {}

// Read column by column: grading a jurisdiction reads every enterprise's people, plans and quality records, and the
// generic decoder maps every column's name for every row. The same values either way (`RecordReadTests`).

extension Person {
    public init(row r: Row) throws {
        self.init(
            id: try r.decode(forColumn: "id"),
            name: try r.decode(forColumn: "name"),
            role: try r.decode(forColumn: "role"),
            enterpriseID: try r.decode(forColumn: "enterprise_id"),
            workshopID: try r.decode(forColumn: "workshop_id"),
            jurisdictionID: try r.decode(forColumn: "jurisdiction_id"),
            phone: try r.decode(forColumn: "phone")
        )
    }
}

extension CheckPlan {
    public init(row r: Row) throws {
        self.init(
            id: try r.decode(forColumn: "id"),
            enterpriseID: try r.decode(forColumn: "enterprise_id"),
            kind: try r.decode(forColumn: "kind"),
            responsibleID: try r.decode(forColumn: "responsible_id"),
            startsOn: try r.decode(forColumn: "starts_on")
        )
    }
}

extension QualityRecord {
    public init(row r: Row) throws {
        self.init(
            id: try r.decode(forColumn: "id"),
            enterpriseID: try r.decode(forColumn: "enterprise_id"),
            kind: try r.decode(forColumn: "kind"),
            subtype: try r.decode(forColumn: "subtype"),
            occurredOn: try r.decode(forColumn: "occurred_on"),
            area: try r.decode(forColumn: "area"),
            product: try r.decode(forColumn: "product"),
            reference: try r.decode(forColumn: "reference"),
            note: try r.decode(forColumn: "note"),
            value: try r.decode(forColumn: "value"),
            validUntil: try r.decode(forColumn: "valid_until"),
            recordedBy: try r.decode(forColumn: "recorded_by"),
            recordedAt: try r.decode(forColumn: "recorded_at")
        )
        withdrawnAt = try r.decode(forColumn: "withdrawn_at")
        withdrawnBy = try r.decode(forColumn: "withdrawn_by")
        withdrawalReason = try r.decode(forColumn: "withdrawal_reason")
    }
}

/// The hazard's own row; its parts live in tables of their own.
struct HazardRow: SnakeCaseRecord, Equatable {
    static let databaseTableName = "hazard"
    var id: Int64
    var number: String
    var enterpriseID: Int64
    var workshopID: Int64
    var teamID: Int64?
    var postID: Int64?
    var riskPointID: Int64?
    var checkItemRef: String?
    var source: HazardSource
    var grade: HazardGrade
    var description: String
    var location: String
    var foundBy: Int64
    var foundAt: Date
    var state: HazardState
    var ownerID: Int64?
    var ownerRole: Role?
    var deadline: Date?
    var closedAt: Date?

    /// Read column by column: pages, exports and transitions read hazards by the thousand, and the generic decoder
    /// maps every column name for every row. A value the program cannot read (an edited state, say) still throws.
    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        number = try row.decode(forColumn: "number")
        enterpriseID = try row.decode(forColumn: "enterprise_id")
        workshopID = try row.decode(forColumn: "workshop_id")
        teamID = try row.decode(forColumn: "team_id")
        postID = try row.decode(forColumn: "post_id")
        riskPointID = try row.decode(forColumn: "risk_point_id")
        checkItemRef = try row.decode(forColumn: "check_item_ref")
        source = try row.decode(forColumn: "source")
        grade = try row.decode(forColumn: "grade")
        description = try row.decode(forColumn: "description")
        location = try row.decode(forColumn: "location")
        foundBy = try row.decode(forColumn: "found_by")
        foundAt = try row.decode(forColumn: "found_at")
        state = try row.decode(forColumn: "state")
        ownerID = try row.decode(forColumn: "owner_id")
        ownerRole = try row.decode(forColumn: "owner_role")
        deadline = try row.decode(forColumn: "deadline")
        closedAt = try row.decode(forColumn: "closed_at")
    }

    /// Written column by column too: every hazard action updates its row, and the generic encoder would map every
    /// property's name to its column each time.
    func encode(to container: inout PersistenceContainer) { write(to: &container) }

    func write(to container: inout some ColumnWriter) {
        container["id"] = id
        container["number"] = number
        container["enterprise_id"] = enterpriseID
        container["workshop_id"] = workshopID
        container["team_id"] = teamID
        container["post_id"] = postID
        container["risk_point_id"] = riskPointID
        container["check_item_ref"] = checkItemRef
        container["source"] = source
        container["grade"] = grade
        container["description"] = description
        container["location"] = location
        container["found_by"] = foundBy
        container["found_at"] = DateText.value(foundAt)
        container["state"] = state
        container["owner_id"] = ownerID
        container["owner_role"] = ownerRole
        container["deadline"] = DateText.value(deadline)
        container["closed_at"] = DateText.value(closedAt)
    }

    init(_ h: Hazard) {
        (id, number, enterpriseID, workshopID, teamID, postID) = (h.id, h.number, h.enterpriseID, h.workshopID, h.teamID, h.postID)
        (riskPointID, checkItemRef, source, grade, description, location) = (
            h.riskPointID, h.checkItemRef, h.source, h.grade, h.description, h.location
        )
        (foundBy, foundAt, state, ownerID, ownerRole, deadline, closedAt) = (
            h.foundBy, h.foundAt, h.state, h.ownerID, h.ownerRole, h.deadline, h.closedAt
        )
    }
}

/// A part of a hazard stored in its own table, keyed by the hazard. Each writes and reads its own columns: every
/// transition loads its hazard's parts and inserts or updates one, and pages, exports and grading read them by the
/// thousand, where the generic decoder maps every column's name for every row.
protocol HazardPart: Codable, Sendable {
    static var tableName: String { get }
    func write(to container: inout some ColumnWriter)
    init(row: Row) throws
}

extension Row {
    /// A JSON array of strings kept in a text column (evidence hashes); text that is not one throws, as the generic
    /// decoder would.
    func strings(_ column: String) throws -> [String] {
        let text: String = try decode(forColumn: column)
        return try JSONDecoder().decode([String].self, from: Data(text.utf8))
    }
}

extension RectificationNotice: HazardPart {
    static var tableName: String { "rectification_notice" }
    func write(to c: inout some ColumnWriter) {
        (c["number"], c["issued_by"], c["issued_at"], c["receiver_id"]) = (number, issuedBy, DateText.value(issuedAt), receiverID)
        (c["responsible_unit"], c["nature"], c["required_measures"]) = (responsibleUnit, nature, requiredMeasures)
        (c["deadline"], c["acknowledged_at"]) = (DateText.value(deadline), DateText.value(acknowledgedAt))
    }

    init(row r: Row) throws {
        self.init(
            number: try r.decode(forColumn: "number"),
            issuedBy: try r.decode(forColumn: "issued_by"),
            issuedAt: try r.decode(forColumn: "issued_at"),
            receiverID: try r.decode(forColumn: "receiver_id"),
            responsibleUnit: try r.decode(forColumn: "responsible_unit"),
            nature: try r.decode(forColumn: "nature"),
            requiredMeasures: try r.decode(forColumn: "required_measures"),
            deadline: try r.decode(forColumn: "deadline"),
            acknowledgedAt: try r.decode(forColumn: "acknowledged_at")
        )
    }
}

extension GovernancePlan: HazardPart {
    static var tableName: String { "governance_plan" }
    func write(to c: inout some ColumnWriter) {
        (c["sequence"], c["target"], c["methods"], c["funds"], c["organisation"]) = (sequence, target, methods, funds, organisation)
        (c["time_limit"], c["safety_measures"], c["author_id"], c["submitted_at"]) = (
            DateText.value(timeLimit), safetyMeasures, authorID, DateText.value(submittedAt)
        )
        (c["state"], c["decided_by"], c["decided_at"], c["decision_note"]) = (state, decidedBy, DateText.value(decidedAt), decisionNote)
    }

    init(row r: Row) throws {
        self.init(
            sequence: try r.decode(forColumn: "sequence"),
            target: try r.decode(forColumn: "target"),
            methods: try r.decode(forColumn: "methods"),
            funds: try r.decode(forColumn: "funds"),
            organisation: try r.decode(forColumn: "organisation"),
            timeLimit: try r.decode(forColumn: "time_limit"),
            safetyMeasures: try r.decode(forColumn: "safety_measures"),
            authorID: try r.decode(forColumn: "author_id"),
            submittedAt: try r.decode(forColumn: "submitted_at"),
            state: try r.decode(forColumn: "state"),
            decidedBy: try r.decode(forColumn: "decided_by"),
            decidedAt: try r.decode(forColumn: "decided_at"),
            decisionNote: try r.decode(forColumn: "decision_note")
        )
    }
}

extension ExtensionRequest: HazardPart {
    static var tableName: String { "extension_request" }
    func write(to c: inout some ColumnWriter) {
        (c["requested_by"], c["requester_role"], c["requested_at"], c["reason"]) = (requestedBy, requesterRole, DateText.value(requestedAt), reason)
        (c["previous_deadline"], c["requested_deadline"], c["state"]) = (DateText.value(previousDeadline), DateText.value(requestedDeadline), state)
        (c["decided_by"], c["decided_at"], c["decision_note"]) = (decidedBy, DateText.value(decidedAt), decisionNote)
    }

    init(row r: Row) throws {
        self.init(
            requestedBy: try r.decode(forColumn: "requested_by"),
            requesterRole: try r.decode(forColumn: "requester_role"),
            requestedAt: try r.decode(forColumn: "requested_at"),
            reason: try r.decode(forColumn: "reason"),
            previousDeadline: try r.decode(forColumn: "previous_deadline"),
            requestedDeadline: try r.decode(forColumn: "requested_deadline"),
            state: try r.decode(forColumn: "state"),
            decidedBy: try r.decode(forColumn: "decided_by"),
            decidedAt: try r.decode(forColumn: "decided_at"),
            decisionNote: try r.decode(forColumn: "decision_note")
        )
    }
}

extension RectificationSubmission: HazardPart {
    static var tableName: String { "rectification_submission" }
    func write(to c: inout some ColumnWriter) {
        (c["sequence"], c["rectifier_id"], c["submitted_at"], c["measures_taken"]) = (
            sequence, rectifierID, DateText.value(submittedAt), measuresTaken
        )
        (c["completed_at"], c["funds"], c["evidence"]) = (DateText.value(completedAt), funds, AuditLog.jsonArray(evidence))
    }

    init(row r: Row) throws {
        self.init(
            sequence: try r.decode(forColumn: "sequence"),
            rectifierID: try r.decode(forColumn: "rectifier_id"),
            submittedAt: try r.decode(forColumn: "submitted_at"),
            measuresTaken: try r.decode(forColumn: "measures_taken"),
            completedAt: try r.decode(forColumn: "completed_at"),
            funds: try r.decode(forColumn: "funds"),
            evidence: try r.strings("evidence")
        )
    }
}

extension AcceptanceRecord: HazardPart {
    static var tableName: String { "acceptance" }
    func write(to c: inout some ColumnWriter) {
        (c["sequence"], c["acceptor_id"], c["accepted_at"], c["passed"]) = (sequence, acceptorID, DateText.value(acceptedAt), passed)
        (c["criteria"], c["opinion"], c["evidence"]) = (criteria, opinion, AuditLog.jsonArray(evidence))
    }

    init(row r: Row) throws {
        self.init(
            sequence: try r.decode(forColumn: "sequence"),
            acceptorID: try r.decode(forColumn: "acceptor_id"),
            acceptedAt: try r.decode(forColumn: "accepted_at"),
            passed: try r.decode(forColumn: "passed"),
            criteria: try r.decode(forColumn: "criteria"),
            opinion: try r.decode(forColumn: "opinion"),
            evidence: try r.strings("evidence")
        )
    }
}

extension SupervisionListing: HazardPart {
    static var tableName: String { "supervision_listing" }
    func write(to c: inout some ColumnWriter) {
        (c["sequence"], c["listed_by"], c["jurisdiction_id"], c["listed_at"], c["order"]) = (
            sequence, listedBy, jurisdictionID, DateText.value(listedAt), order
        )
        (c["lifted_by"], c["lifted_at"], c["lift_note"]) = (liftedBy, DateText.value(liftedAt), liftNote)
    }

    init(row r: Row) throws {
        self.init(
            sequence: try r.decode(forColumn: "sequence"),
            listedBy: try r.decode(forColumn: "listed_by"),
            jurisdictionID: try r.decode(forColumn: "jurisdiction_id"),
            listedAt: try r.decode(forColumn: "listed_at"),
            order: try r.decode(forColumn: "order"),
            liftedBy: try r.decode(forColumn: "lifted_by"),
            liftedAt: try r.decode(forColumn: "lifted_at"),
            liftNote: try r.decode(forColumn: "lift_note")
        )
    }
}

extension Cancellation: HazardPart {
    static var tableName: String { "hazard_cancellation" }
    func write(to c: inout some ColumnWriter) {
        (c["cancelled_by"], c["cancelled_at"], c["reason"]) = (cancelledBy, DateText.value(cancelledAt), reason)
    }

    init(row r: Row) throws {
        self.init(
            cancelledBy: try r.decode(forColumn: "cancelled_by"),
            cancelledAt: try r.decode(forColumn: "cancelled_at"),
            reason: try r.decode(forColumn: "reason")
        )
    }
}

/// A domain part and its hazard id flattened into one row: the part's own keys are its columns.
struct PartRow<Part: HazardPart>: SnakeCaseRecord {
    static var databaseTableName: String { Part.tableName }
    var hazardID: Int64
    var part: Part

    enum CodingKeys: String, CodingKey { case hazardID }

    init(hazardID: Int64, part: Part) {
        self.hazardID = hazardID
        self.part = part
    }

    init(from decoder: any Decoder) throws {
        hazardID = try decoder.container(keyedBy: CodingKeys.self).decode(Int64.self, forKey: .hazardID)
        part = try Part(from: decoder)
    }

    /// Read column by column (`HazardPart.init(row:)`), not through the generic decoder.
    init(row: Row) throws {
        hazardID = try row.decode(forColumn: "hazard_id")
        part = try Part(row: row)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(hazardID, forKey: .hazardID)
        try part.encode(to: encoder)
    }

    /// Written column by column (`HazardPart.write`), not through the generic encoder.
    func encode(to container: inout PersistenceContainer) { write(to: &container) }

    func write(to container: inout some ColumnWriter) {
        container["hazard_id"] = hazardID
        part.write(to: &container)
    }

    /// Inserted through `RowValues`: every action that adds a part comes here.
    func insert(in db: any SQLContext) throws {
        var values = RowValues()
        write(to: &values)
        try values.insert(into: Part.tableName, in: db)
    }
}

/// A grading row: the inputs spread over columns so that CHECK constraints can see them.
struct GradingRow: SnakeCaseRecord {
    static let databaseTableName = "risk_grading"
    var riskPointID: Int64
    var sequence: Int
    var method: String
    var l: Double
    var e: Double?
    var c: Double?
    var s: Int?
    var score: Double
    var colour: RiskColour
    var gradedBy: Int64
    var gradedAt: Date
    var reason: String

    init(_ record: GradingRecord) {
        riskPointID = record.riskPointID
        sequence = record.sequence
        method = record.result.input.method.rawValue
        switch record.result.input {
        case .lec(let l, let e, let c): (self.l, self.e, self.c, self.s) = (l, e, c, nil)
        case .ls(let l, let s): (self.l, self.e, self.c, self.s) = (Double(l), nil, nil, s)
        }
        score = record.result.score
        colour = record.result.colour
        gradedBy = record.gradedBy
        gradedAt = record.gradedAt
        reason = record.reason
    }

    var record: GradingRecord {
        let input: GradingInput = method == "lec" ? .lec(l: l, e: e ?? 0, c: c ?? 0) : .ls(l: Int(l), s: s ?? 0)
        return GradingRecord(
            riskPointID: riskPointID,
            sequence: sequence,
            result: GradingResult(input: input, score: score, colour: colour),
            gradedBy: gradedBy,
            gradedAt: gradedAt,
            reason: reason
        )
    }
}
