import DualPreventionCatalog
import Foundation
import Testing

@testable import DualPrevention

/// Input records: each kind's fields, who may record what, and the credit metrics they give as of an instant.
@Suite("Quality records and the metrics they give")
struct QualityRecordTests {
    static func record(
        _ kind: QualityRecordKind,
        _ subtype: String,
        day: Double,
        product: String = "餐盒",
        reference: String = "",
        value: Double? = nil,
        validDays: Double? = nil,
        recordedDay: Double? = nil,
        id: Int64 = 1
    ) -> QualityRecord {
        var record = QualityRecord(
            id: id,
            enterpriseID: 1,
            kind: kind,
            subtype: subtype,
            occurredOn: Clock.days(day),
            product: product,
            reference: reference,
            value: value,
            validUntil: validDays.map { Clock.days(day + $0) },
            recordedBy: 9,
            recordedAt: Clock.days(recordedDay ?? day)
        )
        record.id = id
        return record
    }

    /// (record, rule of the error or nil when it passes).
    static let validation: [(QualityRecord, String?)] = [
        (record(.spotCheck, "passed", day: 1), nil),
        (record(.spotCheck, "excellent", day: 1), "RECORD-SUBTYPE"),
        (record(.spotCheck, "failed", day: 1, product: " "), "INPUT-REQUIRED"),
        (record(.recall, "dueNotDone", day: 1, product: ""), "INPUT-REQUIRED"),
        (record(.licence, "issued", day: 1, reference: "XK-1"), "RECORD-VALIDITY"),
        (record(.licence, "issued", day: 1, reference: "XK-1", validDays: 365), nil),
        (record(.licence, "issued", day: 1, validDays: 365), "INPUT-REQUIRED"),
        (record(.licence, "revoked", day: 1, reference: "XK-1"), nil),
        (record(.certification, "system", day: 1, reference: "C-1", validDays: -1), "RECORD-VALIDITY"),
        (record(.indicator, "rndShare", day: 1), "RECORD-VALUE"),
        (record(.indicator, "rndShare", day: 1, value: 3.5), "RECORD-VALUE"),
        (record(.indicator, "rndShare", day: 1, value: 0.035), nil),
        (record(.indicator, "revenue", day: 1, value: 35_000_000), nil),
        (record(.indicator, "revenue", day: 1, value: -1), "RECORD-VALUE"),
        (record(.indicator, "profit", day: 1, value: 1), "RECORD-SUBTYPE"),
        (record(.complaint, "substantiated", day: 1, value: 2), "RECORD-VALUE"),
        (record(.veto, "falseCertification", day: 1), nil),
        (record(.veto, "无证", day: 1), "RECORD-SUBTYPE"),
        (record(.injury, "general", day: 20), "RECORD-DATE-FUTURE"),
    ]

    @Test(arguments: validation)
    func eachKindChecksItsFields(_ record: QualityRecord, _ rule: String?) {
        do {
            try record.validate(now: Clock.days(10))
            #expect(rule == nil, "\(record.kind)/\(record.subtype) passed, expected \(rule ?? "")")
        } catch {
            #expect(error.rule == rule)
        }
    }

    /// Findings against the enterprise and what government confers, which only a regulator records.
    static let regulatorOnly: Set<String> = [
        "spotCheck/passed", "spotCheck/failed", "spotCheck/failedSafety", "violation/general", "violation/major", "violation/counterfeiting",
        "violation/refusedSupervision", "veto/unlicensedProduction", "award/national", "award/provincial", "award/municipal", "award/famousBrand",
        "award/revoked", "complaint/substantiated", "complaint/unfounded", "licence/revoked", "certification/suspended", "certification/withdrawn",
        "injury/serious", "injury/majorAccident", "recall/dueNotDone",
    ]

    /// Who may record each kind and subtype: a regulator on the path anything; the principal, director, officer the rest.
    @Test(arguments: QualityRecordKind.allCases)
    func whoMayRecord(_ kind: QualityRecordKind) {
        for subtype in kind.subtypes?.map(\.0) ?? ["unlicensedProduction"] {
            for who in Who.allCases {
                let allowed: Bool
                do {
                    try QualityRecordPolicy.mayRecord(who.actor, kind: kind, subtype: subtype, enterpriseID: 1, jurisdictionPath: enterprisePath)
                    allowed = true
                } catch {
                    allowed = false
                }
                let expected =
                    who == .regulatorOnPath
                    || (!Self.regulatorOnly.contains("\(kind.rawValue)/\(subtype)") && [.principal, .director, .officer].contains(who))
                #expect(allowed == expected, "\(who) recording a \(kind)/\(subtype)")
            }
        }
    }

    @Test("a record counts once it happened and was recorded, until withdrawn")
    func knownAtAnInstant() {
        var late = Self.record(.spotCheck, "failed", day: 1, recordedDay: 5)
        #expect(!late.known(at: Clock.days(3)), "recorded on day 5: unknown on day 3, though it happened on day 1")
        #expect(late.known(at: Clock.days(6)))
        late.withdrawnAt = Clock.days(8)
        #expect(late.known(at: Clock.days(7)), "still counts before its withdrawal")
        #expect(!late.known(at: Clock.days(9)))
    }

    static func metrics(_ records: [QualityRecord], at day: Double) -> [String: MetricValue] {
        QualityRecordMetrics(records: records, people: [], peopleAddedAt: [:]).metrics(asOf: Clock.days(day), since: Clock.days(day - 365))
    }

    @Test("a licence counts within its validity and until revoked")
    func licenceValidity() {
        let issued = Self.record(.licence, "issued", day: 0, reference: "XK-1", validDays: 100, id: 1)
        let revoked = Self.record(.licence, "revoked", day: 50, reference: "XK-1", id: 2)
        #expect(Self.metrics([issued], at: 10)["licensing.valid"]?.value == 1)
        #expect(Self.metrics([issued], at: 10)["licensing.valid"]?.evidence == ["QR-1"])
        #expect(Self.metrics([issued], at: 101)["licensing.valid"]?.value == 0, "expired")
        #expect(Self.metrics([issued, revoked], at: 49)["licensing.valid"]?.value == 1)
        #expect(Self.metrics([issued, revoked], at: 51)["licensing.valid"]?.value == 0, "revoked")
        let other = Self.record(.licence, "revoked", day: 50, reference: "XK-2", id: 3)
        #expect(Self.metrics([issued, other], at: 51)["licensing.valid"]?.value == 1, "another licence's revocation does not count")
    }

    @Test("spot checks: pass rate over the window, 1 when there are none, safety failures counted")
    func spotChecks() {
        let records = [
            Self.record(.spotCheck, "passed", day: 1, id: 1), Self.record(.spotCheck, "passed", day: 2, id: 2),
            Self.record(.spotCheck, "passed", day: 3, id: 3), Self.record(.spotCheck, "failedSafety", day: 4, id: 4),
            Self.record(.spotCheck, "failed", day: -400, id: 5),
        ]
        let m = Self.metrics(records, at: 10)
        #expect(m["spotChecks.passRate"]?.value == 0.75, "the failure 400 days back is outside the window")
        #expect(m["spotChecks.safetyFailures"]?.value == 1)
        #expect(m["spotChecks.safetyFailures"]?.evidence == ["QR-4"])
        #expect(Self.metrics([], at: 10)["spotChecks.passRate"]?.value == 1)
    }

    /// Each of the six vetoes, from the record that establishes it, forces D on an otherwise perfect score.
    static let vetoRecords: [(String, QualityRecord)] = [
        ("unlicensedProduction", record(.veto, "unlicensedProduction", day: 1)),
        ("recallNotDone", record(.recall, "dueNotDone", day: 1)),
        ("majorAccident", record(.injury, "majorAccident", day: 1)),
        ("majorViolation", record(.violation, "major", day: 1)),
        ("falseCertification", record(.veto, "falseCertification", day: 1)),
        ("jointPunishment", record(.veto, "jointPunishment", day: 1)),
    ]

    @Test(arguments: vetoRecords)
    func everyVetoComesFromItsRecord(_ code: String, _ record: QualityRecord) throws {
        var rules = CreditScorerTests.simple
        rules.vetoes = CreditMetric.builtInVetoes.map { CreditRules.Veto(code: $0, name: Text(zh: $0, en: $0), metric: "veto.\($0)") }
        var metrics = ["x": MetricValue(100)]
        for (key, value) in Self.metrics([record], at: 10) where key.hasPrefix("veto.") { metrics[key] = value }
        let result = CreditScorer.assess(metrics, rules: rules)
        #expect(result.grade == .d)
        #expect(result.gradeByScore == .a)
        #expect(result.vetoes.map(\.code) == [code])
        #expect(result.vetoes.first?.evidence == ["QR-1"])
        // A veto counts within the twelve-month window, no longer.
        #expect(Self.metrics([record], at: 400)["veto.\(code)"]?.value == 0)
    }

    @Test("honours in force, until revoked; they are what gets flagged on D")
    func honours() {
        let brand = Self.record(.award, "famousBrand", day: 0, reference: "MP-1", validDays: 365, id: 1)
        let award = Self.record(.award, "provincial", day: 0, reference: "ZJ-1", id: 2)
        let revoked = Self.record(.award, "revoked", day: 30, reference: "MP-1", id: 3)
        let metrics = QualityRecordMetrics(records: [brand, award, revoked], people: [], peopleAddedAt: [:])
        #expect(metrics.honours(at: Clock.days(10)).map(\.key) == ["QR-1", "QR-2"])
        #expect(metrics.honours(at: Clock.days(40)).map(\.key) == ["QR-2"])
        #expect(Self.metrics([brand, award], at: 10)["awards.municipal"]?.value == 1)
        #expect(Self.metrics([brand, award], at: 10)["awards.provincial"]?.value == 1)
    }

    @Test("appointments count from when each person was added")
    func appointments() {
        let people = [
            Person(id: 1, name: "甲", role: .principal, enterpriseID: 1), Person(id: 2, name: "乙", role: .director, enterpriseID: 1),
            Person(id: 3, name: "丙", role: .officer, enterpriseID: 1),
        ]
        let metrics = QualityRecordMetrics(records: [], people: people, peopleAddedAt: [1: Clock.days(0), 2: Clock.days(0), 3: Clock.days(5)])
        #expect(metrics.metrics(asOf: Clock.days(4), since: Clock.days(-365))["management.staffAppointed"]?.value == 0)
        let later = metrics.metrics(asOf: Clock.days(6), since: Clock.days(-365))["management.staffAppointed"]
        #expect(later?.value == 1)
        #expect(later?.evidence == ["person#1", "person#2", "person#3"])
    }

    @Test("the same instant gives the same metrics however many records come later")
    func asOfReproducible() {
        let before = [Self.record(.spotCheck, "passed", day: 1, id: 1), Self.record(.violation, "general", day: 2, id: 2)]
        let later =
            before + [
                Self.record(.spotCheck, "failed", day: 3, recordedDay: 12, id: 3),
                Self.record(.violation, "general", day: 11, id: 4), Self.record(.recall, "dueNotDone", day: 9, recordedDay: 11, id: 5),
            ]
        #expect(Self.metrics(before, at: 10) == Self.metrics(later, at: 10))
        #expect(Self.metrics(before, at: 13) != Self.metrics(later, at: 13))
    }

    @Test("CSV rows: all or nothing, every bad row named with its line")
    func csvImport() throws {
        let local = try LocalTime()
        let good = "企业,记录类别,类型,日期,产品,数值\n1,spotCheck,passed,2026-09-01,餐盒,\n1,indicator,rndShare,2026-09-01,,0.035\n"
        let rows = try QualityRecordTable.read(
            csv: good,
            defaultEnterprise: nil,
            enterprise: { $0 == "1" ? 1 : nil },
            local: local,
            now: Clock.days(30)
        )
        .get()
        #expect(rows.map(\.line) == [2, 3])
        #expect(rows.last?.record.value == 0.035)
        let bad =
            "kind,subtype,date,product,value\nspotCheck,passed,2026-09-01,餐盒,\ninspection,passed,2026-09-01,餐盒,\nindicator,rndShare,2026-09-01,,3.5\n"
        guard
            case .failure(let errors) = QualityRecordTable.read(
                csv: bad,
                defaultEnterprise: 1,
                enterprise: { _ in nil },
                local: local,
                now: Clock.days(30)
            )
        else {
            Issue.record("a file with bad rows was accepted")
            return
        }
        #expect(errors.errors.map(\.line) == [3, 4])
        #expect(errors.errors.map(\.column) == ["记录类别", "数值"])
        guard
            case .failure(let missing) = QualityRecordTable.read(
                csv: "kind,subtype,date\nspotCheck,passed,2026-09-01\n",
                defaultEnterprise: nil,
                enterprise: { _ in nil },
                local: local,
                now: Clock.days(30)
            )
        else {
            Issue.record("a file without enterprises was accepted")
            return
        }
        #expect(missing.errors.first?.column == "企业")
    }
}
