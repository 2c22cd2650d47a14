/// What importing a checklist into a workshop did.
public struct ImportReport: Sendable, Hashable, Codable {
    public var category: String
    public var version: Int
    public var added: [Added]
    /// Template rows already imported and unchanged since.
    public var unchanged: [String]
    /// Template rows already imported whose template changed since; the risk points are left as they are.
    public var changed: [Changed]
    /// Codes imported before that the template no longer has; their risk points stay until the enterprise removes them.
    public var removed: [String]

    public struct Added: Sendable, Hashable, Codable {
        public var code: String
        public var riskPointID: Int64
        public var colour: RiskColour
        public var ownerID: Int64
        /// Nobody of the row's role works in this workshop: the importer owns it until someone is named.
        public var ownerByDefault: Bool

        public init(code: String, riskPointID: Int64, colour: RiskColour, ownerID: Int64, ownerByDefault: Bool = false) {
            self.code = code
            self.riskPointID = riskPointID
            self.colour = colour
            self.ownerID = ownerID
            self.ownerByDefault = ownerByDefault
        }
    }

    public struct Changed: Sendable, Hashable, Codable {
        public var code: String
        public var riskPointID: Int64
        public var fields: [String]

        public init(code: String, riskPointID: Int64, fields: [String]) {
            self.code = code
            self.riskPointID = riskPointID
            self.fields = fields
        }
    }

    public init(category: String, version: Int, added: [Added] = [], unchanged: [String] = [], changed: [Changed] = [], removed: [String] = []) {
        self.category = category
        self.version = version
        self.added = added
        self.unchanged = unchanged
        self.changed = changed
        self.removed = removed
    }
}

extension TemplateRiskPoint {
    /// Names of the fields that differ from another version of the same row.
    public func differences(from other: TemplateRiskPoint) -> [String] {
        var fields: [String] = []
        if dimension != other.dimension { fields.append("dimension") }
        if controlStage != other.controlStage { fields.append("controlStage") }
        if name != other.name { fields.append("name") }
        if hazard != other.hazard { fields.append("hazard") }
        if measures != other.measures { fields.append("measures") }
        if target != other.target { fields.append("target") }
        if frequency != other.frequency { fields.append("frequency") }
        if responsibleRole != other.responsibleRole { fields.append("responsibleRole") }
        if standard != other.standard { fields.append("standard") }
        if grading != other.grading { fields.append("grading") }
        if checkItems != other.checkItems { fields.append("checkItems") }
        return fields
    }
}
