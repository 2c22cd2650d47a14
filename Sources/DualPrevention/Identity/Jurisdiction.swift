/// The level of a jurisdiction; a child is always one or more levels below its parent.
public enum JurisdictionLevel: String, Sendable, Codable, CaseIterable, Comparable, Labelled {
    case province, city, district, town

    var depth: Int {
        switch self {
        case .province: 0
        case .city: 1
        case .district: 2
        case .town: 3
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.depth < rhs.depth }

    public var label: Text {
        switch self {
        case .province: Text("jurisdiction.province")
        case .city: Text("jurisdiction.city")
        case .district: Text("jurisdiction.districtCounty")
        case .town: Text("jurisdiction.town")
        }
    }
}

/// A node of the jurisdiction tree (province → city → district/county → town).
public struct Jurisdiction: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var name: String
    public var level: JurisdictionLevel
    public var parentID: Int64?

    public init(id: Int64, name: String, level: JurisdictionLevel, parentID: Int64?) {
        self.id = id
        self.name = name
        self.level = level
        self.parentID = parentID
    }

    /// Checks a new node against its parent: only a province may be a root; children sit below parents.
    public static func validate(name: String, level: JurisdictionLevel, parent: Jurisdiction?) throws(InputError) {
        guard name.nonBlank != nil else { throw .required("name", zh: "名称") }
        switch parent {
        case nil where level != .province:
            throw InputError(
                rule: "JURISDICTION-ROOT",
                message: Text("jurisdiction.onlyProvinceCanRoot"),
                hint: Text("jurisdiction.nameParentWithParent")
            )
        case let parent? where parent.level >= level:
            throw InputError(
                rule: "JURISDICTION-LEVEL",
                message: Text("jurisdiction.cannotSitUnder", level.label, parent.level.label, "\(parent.name)"),
                hint: Text("jurisdiction.childMustAtLower")
            )
        default:
            return
        }
    }
}
