import Foundation

/// The four areas the red and black lists are kept for (Yanqing model, DOMAIN.md §7).
public enum ListArea: String, Sendable, Codable, CaseIterable, Labelled {
    case productQuality, metrology, standardisation, specialEquipment

    public var label: Text {
        switch self {
        case .productQuality: Text("qualityRecord.productQuality")
        case .metrology: Text("qualityRecord.metrology")
        case .standardisation: Text("qualityRecord.standardisation")
        case .specialEquipment: Text("qualityRecord.specialEquipment")
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
        case .spotCheck: Text("qualityRecord.spotCheck")
        case .licence: Text("qualityRecord.licence")
        case .certification: Text("qualityRecord.certification")
        case .award: Text("qualityRecord.award")
        case .violation: Text("qualityRecord.violation")
        case .complaint: Text("qualityRecord.complaint")
        case .injury: Text("qualityRecord.injury")
        case .recall: Text("qualityRecord.recall")
        case .veto: Text("qualityRecord.vetoBehaviour")
        case .indicator: Text("qualityRecord.indicator")
        case .standard: Text("qualityRecord.standard")
        }
    }

    /// The subtypes allowed, each with its label; nil for `veto`, whose codes come from the credit rules.
    public var subtypes: [(String, Text)]? {
        switch self {
        case .spotCheck:
            [
                ("passed", Text("qualityRecord.passed")), ("failed", Text("qualityRecord.failed")),
                ("failedSafety", Text("qualityRecord.failedSafetyKeyIndicator")),
            ]
        case .licence: [("issued", Text("qualityRecord.issued")), ("revoked", Text("qualityRecord.revoked"))]
        case .certification:
            [
                ("system", Text("qualityRecord.managementSystemCertificate")),
                ("product", Text("qualityRecord.productCertificate")),
                ("measurement", Text("qualityRecord.measurementSystemCertificate")),
                ("suspended", Text("qualityRecord.certificateSuspended")),
                ("withdrawn", Text("qualityRecord.certificateWithdrawn")),
            ]
        case .award:
            [
                ("national", Text("qualityRecord.nationalAward")), ("provincial", Text("qualityRecord.provincialAward")),
                ("municipal", Text("qualityRecord.municipalAward")), ("famousBrand", Text("qualityRecord.famousBrand")),
                ("revoked", Text("qualityRecord.honourRevoked")),
            ]
        case .violation:
            [
                ("general", Text("qualityRecord.general")), ("major", Text("qualityRecord.major")),
                ("counterfeiting", Text("qualityRecord.counterfeiting")),
                ("refusedSupervision", Text("qualityRecord.refusedSupervisionFixMajor")),
            ]
        case .complaint: [("substantiated", Text("qualityRecord.substantiated")), ("unfounded", Text("qualityRecord.unfounded"))]
        case .injury:
            [
                ("general", Text("qualityRecord.general2")), ("serious", Text("qualityRecord.seriousHarm")),
                ("majorAccident", Text("qualityRecord.majorQualityAccident")),
            ]
        case .recall: [("done", Text("qualityRecord.done")), ("dueNotDone", Text("qualityRecord.dueNotDone"))]
        case .standard:
            [
                ("declared", Text("qualityRecord.declaredPublicly")),
                ("drafted", Text("qualityRecord.nationalIndustryStandardDrafted")),
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
        case .rndShare: Text("qualityRecord.rDShareRevenue")
        case .patents: Text("creditMetric.validInventionPatents")
        case .trainingShare: Text("creditMetric.shareStaffTrainedQuality")
        case .calibratedShare: Text("creditMetric.shareInstrumentsWithinCalibration")
        case .unitsProduced: Text("qualityRecord.unitsProduced")
        case .unitsNonconforming: Text("qualityRecord.unitsNonconforming")
        case .unitsSold: Text("qualityRecord.unitsSold")
        case .revenue: Text("qualityRecord.revenueYuan")
        case .qualityCost: Text("qualityRecord.qualityCostYuan")
        case .qualityLoss: Text("qualityRecord.qualityLossYuan")
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
                    hint: Text("creditRules.one", "\(subtypes.map(\.0).joined(separator: ", "))")
                )
            }
        } else if subtype.range(of: "^[a-z][a-zA-Z]{1,40}$", options: .regularExpression) == nil {
            throw InputError(
                rule: "RECORD-SUBTYPE",
                message: Text("qualityRecord.vetoCodeNotCode", "\(subtype)"),
                hint: Text("qualityRecord.useVetoCodeCredit")
            )
        }
        guard occurredOn <= now else {
            throw InputError(
                rule: "RECORD-DATE-FUTURE",
                message: Text("qualityRecord.dateCannotFuture"),
                hint: Text("qualityRecord.giveDateHappened")
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
                message: Text("qualityRecord.licenceCertificateNeedsValidity"),
                hint: Text("qualityRecord.giveValidUntil")
            )
        }
        if let validUntil, validUntil < occurredOn {
            throw InputError(rule: "RECORD-VALIDITY", message: Text("qualityRecord.validityEndsBeforeRecord"))
        }
        if let indicator {
            guard let value, value.isFinite, value >= 0 else {
                throw InputError(
                    rule: "RECORD-VALUE",
                    message: Text("qualityRecord.indicatorNeedsValue0"),
                    hint: Text("qualityRecord.giveValue")
                )
            }
            if indicator.isShare, value > 1 {
                throw InputError(
                    rule: "RECORD-VALUE",
                    message: Text("qualityRecord.shareFrom01", indicator.label, "\(value)"),
                    hint: Text("qualityRecord.example350")
                )
            }
        } else if value != nil {
            throw InputError(
                rule: "RECORD-VALUE",
                message: Text("qualityRecord.onlyIndicatorHasValue"),
                hint: Text("qualityRecord.leaveOutValue")
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
                    Text("qualityRecord.recordedWithdrawnRegulatorJurisdiction", kind.label, "\(subtype)")
                )
        }
        guard enterpriseRecorders.contains(actor.role) else {
            throw Refusal(.roleNotAllowed(action: .report, role: actor.role, allowed: enterpriseRecorders))
                .relabelled(
                    Text("qualityRecord.onlyPrincipalDirectorOfficer")
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
                    message: Text("qualityRecord.regulatorEnteredThisRecord")
                )
            )
        }
        guard withdrawnAt == nil else {
            throw Refusal(.rule(code: "RECORD-WITHDRAWN", message: Text("qualityRecord.recordAlreadyWithdrawn")))
        }
        try Refusal.Reason.requireText(reason, "reason", zh: "撤回理由")
        withdrawnAt = now
        withdrawnBy = actor.id
        withdrawalReason = reason
    }
}
