/// An enterprise under supervision, identified by its unified social credit code.
public struct Enterprise: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var name: String
    public var creditCode: CreditCode
    public var jurisdictionID: Int64
    /// Product category, e.g. "食品相关产品" or "危险化学品".
    public var productCategory: String
    public var address: String
    /// IANA time zone in which deadlines and dates are read; Asia/Shanghai unless the region says otherwise.
    public var timeZoneID: String

    public static let defaultTimeZoneID = "Asia/Shanghai"

    public init(
        id: Int64,
        name: String,
        creditCode: CreditCode,
        jurisdictionID: Int64,
        productCategory: String,
        address: String = "",
        timeZoneID: String = Enterprise.defaultTimeZoneID
    ) {
        self.id = id
        self.name = name
        self.creditCode = creditCode
        self.jurisdictionID = jurisdictionID
        self.productCategory = productCategory
        self.address = address
        self.timeZoneID = timeZoneID
    }
}

/// 车间: the unit of risk identification in the Taizhou baseline.
public struct Workshop: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var enterpriseID: Int64
    public var name: String

    /// The workshop a person named, by its id or its name, among an enterprise's.
    public static func named(_ key: String, in workshops: [Workshop]) -> Workshop? {
        workshops.first { "\($0.id)" == key || $0.name == key }
    }

    public init(id: Int64, enterpriseID: Int64, name: String) {
        self.id = id
        self.enterpriseID = enterpriseID
        self.name = name
    }
}

/// 班组, inside a workshop.
public struct Team: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var workshopID: Int64
    public var name: String

    public init(id: Int64, workshopID: Int64, name: String) {
        self.id = id
        self.workshopID = workshopID
        self.name = name
    }
}

/// 岗位, inside a team.
public struct Post: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var teamID: Int64
    public var name: String

    public init(id: Int64, teamID: Int64, name: String) {
        self.id = id
        self.teamID = teamID
        self.name = name
    }
}
