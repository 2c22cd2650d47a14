/// A product category's risk-point template (checklists/*.yaml): the starting point of an enterprise's
/// risk analysis table, as the per-product guides of the Taizhou scheme give it.
public struct Checklist: Sendable, Hashable, Codable {
    public var category: String
    public var name: Text
    public var version: Int
    public var scope: String
    public var standards: [Standard]
    public var riskPoints: [TemplateRiskPoint]

    public init(category: String, name: Text, version: Int, scope: String, standards: [Standard], riskPoints: [TemplateRiskPoint]) {
        self.category = category
        self.name = name
        self.version = version
        self.scope = scope
        self.standards = standards
        self.riskPoints = riskPoints
    }

    public struct Standard: Sendable, Hashable, Codable {
        public var code: String
        public var title: String

        public init(code: String, title: String) {
            self.code = code
            self.title = title
        }
    }
}

/// One row of a template: the analysis-table columns, the suggested grading and the check items.
public struct TemplateRiskPoint: Sendable, Hashable, Codable {
    public var code: String
    public var dimension: String
    public var controlStage: String
    public var name: String
    public var hazard: String
    public var measures: [String]
    public var target: String
    public var frequency: ControlFrequency
    public var responsibleRole: Role
    public var standard: String?
    public var grading: GradingInput
    public var checkItems: [CheckItem]

    public init(
        code: String,
        dimension: String,
        controlStage: String,
        name: String,
        hazard: String,
        measures: [String],
        target: String,
        frequency: ControlFrequency,
        responsibleRole: Role,
        standard: String?,
        grading: GradingInput,
        checkItems: [CheckItem]
    ) {
        self.code = code
        self.dimension = dimension
        self.controlStage = controlStage
        self.name = name
        self.hazard = hazard
        self.measures = measures
        self.target = target
        self.frequency = frequency
        self.responsibleRole = responsibleRole
        self.standard = standard
        self.grading = grading
        self.checkItems = checkItems
    }

    /// The risk point it becomes in one workshop, owned by the given person.
    public func instantiate(enterpriseID: Int64, workshopID: Int64, ownerID: Int64, category: String) -> RiskPoint {
        RiskPoint(
            id: 0,
            enterpriseID: enterpriseID,
            workshopID: workshopID,
            dimension: dimension,
            controlStage: controlStage,
            name: name,
            hazardDescription: hazard,
            measures: measures.joined(separator: "；"),
            target: target,
            frequency: frequency,
            ownerID: ownerID,
            productCategory: category
        )
    }
}

/// What an inspector ticks, and how it is verified.
public struct CheckItem: Sendable, Hashable, Codable {
    public var item: String
    public var verify: String

    public init(item: String, verify: String) {
        self.item = item
        self.verify = verify
    }
}
