/// A dimension along which sources of risk are identified. The five are the default; a region adds more.
public struct Dimension: Sendable, Hashable, Codable, Labelled {
    public let code: String
    public let label: Text

    public init(code: String, label: Text) {
        self.code = code
        self.label = label
    }

    public static let defaults: [Dimension] = [
        Dimension(code: "process", label: Text("dimension.productionProcess")),
        Dimension(code: "equipment", label: Text("dimension.equipmentFacilities")),
        Dimension(code: "environment", label: Text("dimension.workingEnvironment")),
        Dimension(code: "personnel", label: Text("dimension.personnelBehaviour")),
        Dimension(code: "management", label: Text("dimension.managementSystem")),
    ]
}

/// The dimensions in force; configuration, with the five of DOMAIN.md §3 by default.
public struct DimensionCatalog: Sendable, Hashable {
    public let dimensions: [Dimension]

    public init(_ dimensions: [Dimension] = Dimension.defaults) {
        self.dimensions = dimensions
    }

    /// Finds a dimension by code or by either label.
    public func resolve(_ text: String) throws(InputError) -> Dimension {
        if let found = dimensions.first(where: { $0.code == text || $0.label.zh == text || $0.label.en == text }) {
            return found
        }
        let codes = dimensions.map(\.code).joined(separator: ", ")
        throw InputError(
            rule: "RISK-DIMENSION",
            message: Text("dimension.unknownRiskDimension", "\(text)"),
            hint: Text("dimension.useOne", "\(codes)")
        )
    }
}
