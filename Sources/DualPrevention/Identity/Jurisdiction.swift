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
        case .province: Text(zh: "省", en: "province")
        case .city: Text(zh: "市", en: "city")
        case .district: Text(zh: "区/县", en: "district/county")
        case .town: Text(zh: "乡镇/街道", en: "town")
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
                message: Text(zh: "只有省级辖区可以没有上级", en: "only a province can be a root of the jurisdiction tree"),
                hint: Text(zh: "请用 --parent 指定上级辖区", en: "name its parent with --parent")
            )
        case let parent? where parent.level >= level:
            throw InputError(
                rule: "JURISDICTION-LEVEL",
                message: Text(
                    zh: "\(level.label.zh)不能隶属于\(parent.level.label.zh)“\(parent.name)”",
                    en: "a \(level.label.en) cannot sit under the \(parent.level.label.en) \(parent.name)"
                ),
                hint: Text(zh: "下级辖区的层级必须低于上级", en: "a child must be at a lower level than its parent")
            )
        default:
            return
        }
    }
}
