import Foundation

/// The four areas the red and black lists are kept for (Yanqing model, DOMAIN.md §7).
public enum ListArea: String, Sendable, Codable, CaseIterable, Labelled {
    case productQuality, metrology, standardisation, specialEquipment

    public var label: Text {
        switch self {
        case .productQuality: Text(zh: "产品质量", en: "product quality")
        case .metrology: Text(zh: "计量", en: "metrology")
        case .standardisation: Text(zh: "标准化", en: "standardisation")
        case .specialEquipment: Text(zh: "特种设备", en: "special equipment")
        }
    }
}

/// What an input record is. Each kind allows a fixed set of subtypes, except `veto` (any veto code of the rules).
public enum QualityRecordKind: String, Sendable, Codable, CaseIterable, Labelled {
    /// A supervisory spot check (监督抽查): passed, failed, or failed on a safety or key indicator.
    case spotCheck
    /// A production licence issued (with its validity) or revoked.
    case licence
    /// A certificate (management system, product, measurement system) with its validity, or one suspended or withdrawn.
    case certification
    /// A quality award or honour (famous brand and the like), which may be revoked.
    case award
    /// A quality violation and its penalty.
    case violation
    /// A consumer complaint, substantiated or not.
    case complaint
    /// A quality injury; a major quality accident vetoes the credit grade.
    case injury
    /// A defective-product recall, done or due and not done.
    case recall
    /// A veto behaviour established by a regulator (production without a licence, false certification…).
    case veto
    /// A figure the enterprise reports: R&D share, units produced, quality cost… (see `QualityIndicator`).
    case indicator
    /// An enterprise standard declared publicly, or a national or industry standard drafted.
    case standard

    public var label: Text {
        switch self {
        case .spotCheck: Text(zh: "监督抽查", en: "spot check")
        case .licence: Text(zh: "生产许可", en: "licence")
        case .certification: Text(zh: "认证", en: "certification")
        case .award: Text(zh: "质量奖励", en: "award")
        case .violation: Text(zh: "质量违法", en: "violation")
        case .complaint: Text(zh: "消费者投诉", en: "complaint")
        case .injury: Text(zh: "质量伤害", en: "injury")
        case .recall: Text(zh: "缺陷产品召回", en: "recall")
        case .veto: Text(zh: "否决行为", en: "veto behaviour")
        case .indicator: Text(zh: "经营指标", en: "indicator")
        case .standard: Text(zh: "标准化", en: "standard")
        }
    }

    /// The subtypes allowed, each with its label; nil for `veto`, whose codes come from the credit rules.
    public var subtypes: [(String, Text)]? {
        switch self {
        case .spotCheck:
            [
                ("passed", Text(zh: "合格", en: "passed")), ("failed", Text(zh: "不合格", en: "failed")),
                ("failedSafety", Text(zh: "安全或关键指标不合格", en: "failed on a safety or key indicator")),
            ]
        case .licence: [("issued", Text(zh: "取得", en: "issued")), ("revoked", Text(zh: "吊销", en: "revoked"))]
        case .certification:
            [
                ("system", Text(zh: "质量管理体系认证", en: "management system certificate")),
                ("product", Text(zh: "产品认证", en: "product certificate")),
                ("measurement", Text(zh: "测量管理体系认证", en: "measurement system certificate")),
                ("suspended", Text(zh: "证书暂停", en: "certificate suspended")),
                ("withdrawn", Text(zh: "证书撤销", en: "certificate withdrawn")),
            ]
        case .award:
            [
                ("national", Text(zh: "国家级质量奖", en: "national award")), ("provincial", Text(zh: "省级质量奖", en: "provincial award")),
                ("municipal", Text(zh: "市级质量奖", en: "municipal award")), ("famousBrand", Text(zh: "名牌产品", en: "famous brand")),
                ("revoked", Text(zh: "荣誉撤销", en: "honour revoked")),
            ]
        case .violation:
            [
                ("general", Text(zh: "一般违法", en: "general")), ("major", Text(zh: "重大违法", en: "major")),
                ("counterfeiting", Text(zh: "制假售假", en: "counterfeiting")),
                ("refusedSupervision", Text(zh: "拒不接受监管或拒不整改重大隐患", en: "refused supervision or to fix a major hazard")),
            ]
        case .complaint: [("substantiated", Text(zh: "经查实", en: "substantiated")), ("unfounded", Text(zh: "不属实", en: "unfounded"))]
        case .injury:
            [
                ("general", Text(zh: "一般伤害", en: "general")), ("serious", Text(zh: "严重伤害", en: "serious harm")),
                ("majorAccident", Text(zh: "重大质量事故", en: "major quality accident")),
            ]
        case .recall: [("done", Text(zh: "已召回", en: "done")), ("dueNotDone", Text(zh: "应召回未召回", en: "due and not done"))]
        case .standard:
            [
                ("declared", Text(zh: "企业标准自我声明公开", en: "declared publicly")),
                ("drafted", Text(zh: "主导或参与制修订国家、行业标准", en: "national or industry standard drafted")),
            ]
        case .indicator: QualityIndicator.allCases.map { ($0.rawValue, $0.label) }
        case .veto: nil
        }
    }

    /// Kinds only a regulator records: results of supervision and enforcement, honours conferred by government and
    /// complaints (received through 12315), never self-declared.
    public var regulatorOnly: Bool { [.spotCheck, .violation, .veto, .award, .complaint].contains(self) }

    /// Subtypes of the other kinds that only a regulator records: findings against the enterprise, which it must not
    /// be able to leave out or withdraw.
    public var regulatorOnlySubtypes: [String] {
        switch self {
        case .licence: ["revoked"]
        case .certification: ["suspended", "withdrawn"]
        case .injury: ["serious", "majorAccident"]
        case .recall: ["dueNotDone"]
        default: regulatorOnly ? (subtypes?.map(\.0) ?? []) : []
        }
    }

    public func regulatorOnly(subtype: String) -> Bool { regulatorOnly || regulatorOnlySubtypes.contains(subtype) }
}

/// The figures an enterprise reports as `indicator` records. Flows (units, money) are summed over a period;
/// shares and counts take the latest value reported.
public enum QualityIndicator: String, Sendable, Codable, CaseIterable, Labelled {
    case rndShare, patents, trainingShare, calibratedShare
    case unitsProduced, unitsNonconforming, unitsSold, revenue, qualityCost, qualityLoss

    public var label: Text {
        switch self {
        case .rndShare: Text(zh: "研发投入占营业收入比例", en: "R&D share of revenue")
        case .patents: Text(zh: "有效发明专利数", en: "valid invention patents")
        case .trainingShare: Text(zh: "质量培训覆盖率", en: "share of staff trained on quality")
        case .calibratedShare: Text(zh: "计量器具检定/校准有效率", en: "share of instruments within calibration")
        case .unitsProduced: Text(zh: "产量（件）", en: "units produced")
        case .unitsNonconforming: Text(zh: "不合格品数（件）", en: "units nonconforming")
        case .unitsSold: Text(zh: "销量（件）", en: "units sold")
        case .revenue: Text(zh: "营业收入（元）", en: "revenue (yuan)")
        case .qualityCost: Text(zh: "质量成本（元）", en: "quality cost (yuan)")
        case .qualityLoss: Text(zh: "质量损失（元）", en: "quality loss (yuan)")
        }
    }

    /// A share lies between 0 and 1.
    public var isShare: Bool { [.rndShare, .trainingShare, .calibratedShare].contains(self) }
    /// A flow is summed over a period; the others take the latest value.
    public var isFlow: Bool { [.unitsProduced, .unitsNonconforming, .unitsSold, .revenue, .qualityCost, .qualityLoss].contains(self) }
}

/// One input to the credit grade, the lists and the benchmark assessment. Records are never edited: a wrong
/// one is withdrawn with a reason, and it still counts for any date before the withdrawal.
public struct QualityRecord: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var enterpriseID: Int64
    public var kind: QualityRecordKind
    public var subtype: String
    /// When it happened (a spot check's date, a licence's issue date, a period's last day for an indicator).
    public var occurredOn: Date
    public var area: ListArea
    public var product: String
    /// A document number: licence, certificate, penalty decision, spot-check report.
    public var reference: String
    public var note: String
    /// The figure of an indicator.
    public var value: Double?
    /// The end of a licence's, certificate's or honour's validity.
    public var validUntil: Date?
    public var recordedBy: Int64
    public var recordedAt: Date
    public var withdrawnAt: Date?
    public var withdrawnBy: Int64?
    public var withdrawalReason: String?

    public init(
        id: Int64 = 0,
        enterpriseID: Int64,
        kind: QualityRecordKind,
        subtype: String,
        occurredOn: Date,
        area: ListArea = .productQuality,
        product: String = "",
        reference: String = "",
        note: String = "",
        value: Double? = nil,
        validUntil: Date? = nil,
        recordedBy: Int64 = 0,
        recordedAt: Date = .distantPast
    ) {
        self.id = id
        self.enterpriseID = enterpriseID
        self.kind = kind
        self.subtype = subtype
        self.occurredOn = occurredOn
        self.area = area
        self.product = product
        self.reference = reference
        self.note = note
        self.value = value
        self.validUntil = validUntil
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }

    /// How records are named in explanations and evidence lists.
    public var key: String { id < 0 ? "hazard#\(-id)" : "QR-\(id)" }
    public var indicator: QualityIndicator? { kind == .indicator ? QualityIndicator(rawValue: subtype) : nil }

    /// What the record says, as of an instant: known then (happened and recorded), and not yet withdrawn.
    public func known(at date: Date) -> Bool {
        occurredOn <= date && recordedAt <= date && (withdrawnAt.map { $0 > date } ?? true)
    }

    /// Valid at an instant: a licence, certificate or honour between its date and the end of its validity.
    public func valid(at date: Date) -> Bool {
        known(at: date) && (validUntil.map { $0 >= date } ?? true)
    }

    /// Checks the fields each kind needs; `now` bounds the dates.
    public func validate(now: Date) throws(InputError) {
        if let subtypes = kind.subtypes {
            guard subtypes.contains(where: { $0.0 == subtype }) else {
                throw InputError(
                    rule: "RECORD-SUBTYPE",
                    message: Text(zh: "\(kind.label.zh)的类型不能是“\(subtype)”", en: "\"\(subtype)\" is not a subtype of \(kind.rawValue)"),
                    hint: Text(zh: "可选：\(subtypes.map(\.0).joined(separator: ", "))", en: "one of: \(subtypes.map(\.0).joined(separator: ", "))")
                )
            }
        } else if subtype.range(of: "^[a-z][a-zA-Z]{1,40}$", options: .regularExpression) == nil {
            throw InputError(
                rule: "RECORD-SUBTYPE",
                message: Text(zh: "否决行为代码“\(subtype)”格式不对", en: "veto code \"\(subtype)\" is not a code"),
                hint: Text(zh: "使用信用规则中的否决代码，如 unlicensedProduction", en: "use a veto code of the credit rules, e.g. unlicensedProduction")
            )
        }
        guard occurredOn <= now else {
            throw InputError(
                rule: "RECORD-DATE-FUTURE",
                message: Text(zh: "日期不能晚于今天", en: "the date cannot be in the future"),
                hint: Text(zh: "填写事情发生的日期", en: "give the date it happened")
            )
        }
        if [.spotCheck, .recall].contains(kind), product.nonBlank == nil { throw .required("product", zh: "产品") }
        // A revocation voids the licence, certificate or honour of the same number: both need it.
        if [.licence, .certification, .award].contains(kind), reference.nonBlank == nil { throw .required("reference", zh: "证书或文书编号") }
        let needsValidity =
            (kind == .licence && subtype == "issued") || (kind == .certification && ["system", "product", "measurement"].contains(subtype))
        if needsValidity, validUntil == nil {
            throw InputError(
                rule: "RECORD-VALIDITY",
                message: Text(zh: "许可证和证书须填写有效期", en: "a licence or certificate needs its validity"),
                hint: Text(zh: "用 --valid-until 填写有效期截止日期", en: "give --valid-until")
            )
        }
        if let validUntil, validUntil < occurredOn {
            throw InputError(rule: "RECORD-VALIDITY", message: Text(zh: "有效期截止日期早于取得日期", en: "the validity ends before the record's date"))
        }
        if let indicator {
            guard let value, value.isFinite, value >= 0 else {
                throw InputError(
                    rule: "RECORD-VALUE",
                    message: Text(zh: "指标须填写不小于0的数值", en: "an indicator needs a value of 0 or more"),
                    hint: Text(zh: "用 --value 填写", en: "give --value")
                )
            }
            if indicator.isShare, value > 1 {
                throw InputError(
                    rule: "RECORD-VALUE",
                    message: Text(zh: "\(indicator.label.zh)是0到1之间的比例，不是\(value)", en: "\(indicator.label.en) is a share from 0 to 1, not \(value)"),
                    hint: Text(zh: "例如 3.5% 写作 0.035", en: "for example 3.5% is 0.035")
                )
            }
        } else if value != nil {
            throw InputError(
                rule: "RECORD-VALUE",
                message: Text(zh: "只有经营指标才填写数值", en: "only an indicator has a value"),
                hint: Text(zh: "去掉 --value", en: "leave out --value")
            )
        }
    }
}

/// Who may record inputs: a regulator of the enterprise's jurisdiction records anything; the enterprise's principal,
/// director or officer records what the enterprise itself declares (never spot checks, violations or vetoes).
public enum QualityRecordPolicy {
    static let enterpriseRecorders: [Role] = [.principal, .director, .officer]

    public static func mayRecord(
        _ actor: Actor,
        kind: QualityRecordKind,
        subtype: String,
        enterpriseID: Int64,
        jurisdictionPath: [Int64]
    ) throws(Refusal) {
        if actor.regulates(jurisdictionPath: jurisdictionPath) { return }
        guard actor.belongs(to: enterpriseID) else { throw Refusal(actor.role == .regulator ? .notRegulatorOfJurisdiction : .notInEnterprise) }
        guard !kind.regulatorOnly(subtype: subtype) else {
            throw Refusal(.roleNotAllowed(action: .report, role: actor.role, allowed: [.regulator]))
                .relabelled(
                    Text(
                        zh: "\(kind.label.zh)（\(subtype)）只能由辖区监管人员录入或撤回",
                        en: "a \(kind.label.en) (\(subtype)) is recorded and withdrawn by a regulator of the jurisdiction"
                    )
                )
        }
        guard enterpriseRecorders.contains(actor.role) else {
            throw Refusal(.roleNotAllowed(action: .report, role: actor.role, allowed: enterpriseRecorders))
                .relabelled(
                    Text(
                        zh: "只有主要负责人、质量安全总监或质量安全员可以录入本企业的质量记录",
                        en: "only the principal, the director or an officer records the enterprise's quality records"
                    )
                )
        }
    }
}

extension QualityRecord {
    /// When a record happened, as recorded: a bare date of today (read as the end of the day) means now, so that a
    /// record of today is known at once; any other future moment stays as given (and is refused by the store).
    public static func occurred(_ date: Date, now: Date, local: LocalTime) -> Date {
        guard date > now, let endOfToday = try? local.parse(local.day(now)), date == endOfToday else { return date }
        return now
    }
}

extension QualityRecord {
    /// Withdraws a wrong record with a reason: by whoever may record its kind, and by the enterprise only when its own
    /// people recorded it (never a regulator's entry); once. `recordedByEnterprise` is the recorder's enterprise.
    public mutating func withdraw(
        reason: String,
        by actor: Actor,
        recordedByEnterprise: Int64?,
        jurisdictionPath: [Int64],
        at now: Date
    ) throws(Refusal) {
        try QualityRecordPolicy.mayRecord(actor, kind: kind, subtype: subtype, enterpriseID: enterpriseID, jurisdictionPath: jurisdictionPath)
        if actor.role != .regulator, recordedByEnterprise != enterpriseID {
            throw Refusal(
                .rule(
                    code: "RECORD-WITHDRAW-SCOPE",
                    message: Text(
                        zh: "该记录由监管人员录入，只能由辖区监管人员撤回",
                        en: "a regulator entered this record; only a regulator of the jurisdiction withdraws it"
                    )
                )
            )
        }
        guard withdrawnAt == nil else {
            throw Refusal(.rule(code: "RECORD-WITHDRAWN", message: Text(zh: "该记录已撤回", en: "the record is already withdrawn")))
        }
        try Refusal.Reason.requireText(reason, "reason", zh: "撤回理由")
        withdrawnAt = now
        withdrawnBy = actor.id
        withdrawalReason = reason
    }
}
