import Foundation

/// The credit metrics that come from input records and appointments (all but the `dualPrevention.*` keys),
/// as of an instant. A record counts once it has happened and been recorded, until it is withdrawn, so the
/// same instant always gives the same figures however many records come later.
public struct QualityRecordMetrics: Sendable {
    public var records: [QualityRecord]
    public var people: [Person]
    /// When each person was added (their appointment, from the first audit entry).
    public var peopleAddedAt: [Int64: Date]
    /// The enterprise's regional directors' appointments (DOMAIN.md §13): one in office is its director.
    public var directorAppointments: [DirectorAppointment]

    public init(records: [QualityRecord], people: [Person], peopleAddedAt: [Int64: Date], directorAppointments: [DirectorAppointment] = []) {
        self.records = records
        self.people = people
        self.peopleAddedAt = peopleAddedAt
        self.directorAppointments = directorAppointments
    }

    /// Known at `date`; for counted kinds, also happened since `since`.
    func known(_ kind: QualityRecordKind, _ subtypes: Set<String>? = nil, at date: Date) -> [QualityRecord] {
        records.filter { $0.kind == kind && (subtypes?.contains($0.subtype) ?? true) && $0.known(at: date) }
            .sorted { ($0.occurredOn, $0.id) < ($1.occurredOn, $1.id) }
    }

    /// Licences, certificates and honours valid at `date`: within their validity and not voided by a later
    /// record of the same reference (a licence revoked, a certificate suspended or withdrawn, an honour revoked).
    public func valid(_ kind: QualityRecordKind, _ subtypes: Set<String>, voidedBy: Set<String>, at date: Date) -> [QualityRecord] {
        let voids = known(kind, voidedBy, at: date)
        return known(kind, subtypes, at: date).filter { record in
            record.valid(at: date) && !voids.contains { $0.reference == record.reference && $0.occurredOn >= record.occurredOn }
        }
    }

    /// Honours (awards, famous brands) in force: what is flagged for revocation when an enterprise falls to D
    /// or onto the black list.
    public func honours(at date: Date) -> [QualityRecord] {
        valid(.award, ["national", "provincial", "municipal", "famousBrand"], voidedBy: ["revoked"], at: date)
    }

    public func metrics(asOf date: Date, since: Date) -> [String: MetricValue] {
        func count(_ list: [QualityRecord]) -> MetricValue { MetricValue(Double(list.count), evidence: list.map(\.key)) }
        func present(_ list: [QualityRecord]) -> MetricValue { MetricValue(list.isEmpty ? 0 : 1, evidence: list.map(\.key)) }
        func inWindow(_ kind: QualityRecordKind, _ subtypes: Set<String>? = nil) -> [QualityRecord] {
            known(kind, subtypes, at: date).filter { $0.occurredOn >= since }
        }
        var result: [String: MetricValue] = [:]
        // Figures the enterprise reports: the latest value known.
        let latest: [(String, QualityIndicator)] = [
            ("innovation.rndShare", .rndShare), ("innovation.patents", .patents),
            ("management.trainingShare", .trainingShare), ("metrology.calibratedShare", .calibratedShare),
        ]
        for (key, indicator) in latest {
            if let record = known(.indicator, [indicator.rawValue], at: date).last, let value = record.value {
                result[key] = MetricValue(value, evidence: [record.key])
            }
        }
        let appointed = people.filter { (peopleAddedAt[$0.id] ?? .distantFuture) <= date }
        let roles: [Role] = [.principal, .director, .officer]
        let holders = roles.compactMap { role in appointed.filter { $0.role == role }.min { $0.id < $1.id } }
        // A regional director in office is the director of an enterprise that has none of its own.
        let regional = holders.contains { $0.role == .director } ? nil : DirectorAppointment.inOffice(directorAppointments, at: date)
        result["management.staffAppointed"] = MetricValue(
            holders.count + (regional == nil ? 0 : 1) == roles.count ? 1 : 0,
            evidence: holders.map { "person#\($0.id)" } + (regional.map { [$0.number] } ?? [])
        )
        result["management.systemCertified"] = present(valid(.certification, ["system"], voidedBy: ["suspended", "withdrawn"], at: date))
        result["certification.valid"] = present(valid(.certification, ["product"], voidedBy: ["suspended", "withdrawn"], at: date))
        result["metrology.measurementSystem"] = present(valid(.certification, ["measurement"], voidedBy: ["suspended", "withdrawn"], at: date))
        result["certification.suspensions"] = count(inWindow(.certification, ["suspended", "withdrawn"]))
        result["licensing.valid"] = present(valid(.licence, ["issued"], voidedBy: ["revoked"], at: date))
        result["standards.declared"] = present(known(.standard, ["declared"], at: date))
        result["standards.drafted"] = count(inWindow(.standard, ["drafted"]))
        let spotChecks = inWindow(.spotCheck)
        let passed = spotChecks.filter { $0.subtype == "passed" }
        // No spot check in the window means nothing failed: the rate is 1 (the catalog says so).
        result["spotChecks.passRate"] = MetricValue(
            spotChecks.isEmpty ? 1 : Double(passed.count) / Double(spotChecks.count),
            evidence: spotChecks.map(\.key)
        )
        result["spotChecks.safetyFailures"] = count(inWindow(.spotCheck, ["failedSafety"]))
        result["violations.general"] = count(inWindow(.violation, ["general"]))
        result["complaints.substantiated"] = count(inWindow(.complaint, ["substantiated"]))
        result["injuries.count"] = count(inWindow(.injury))
        let honours = honours(at: date)
        result["awards.provincial"] = count(honours.filter { ["national", "provincial"].contains($0.subtype) })
        result["awards.municipal"] = count(honours.filter { ["municipal", "famousBrand"].contains($0.subtype) })
        // Veto behaviours: those a regulator records as such, plus those other records establish.
        var vetoes: [String: [QualityRecord]] = Dictionary(grouping: inWindow(.veto), by: \.subtype)
        vetoes["recallNotDone", default: []] += inWindow(.recall, ["dueNotDone"])
        vetoes["majorAccident", default: []] += inWindow(.injury, ["majorAccident"])
        vetoes["majorViolation", default: []] += inWindow(.violation, ["major"])
        for code in CreditMetric.builtInVetoes { vetoes[code, default: []] += [] }
        for (code, list) in vetoes { result["veto.\(code)"] = count(list.sorted { $0.id < $1.id }) }
        return result
    }
}
