import DualPrevention
import DualPreventionPresentation
import Foundation
import Testing

@Suite("Credit grades in words: names, evidence and what changed")
struct CreditViewTests {
    static let local = try! LocalTime(timeZoneID: "Asia/Shanghai")

    /// The last second of a local day in Shanghai.
    static func day(_ text: String) -> Date { try! local.parse(text) }

    static func dates(_ l: Language) -> LocalDates { LocalDates(local, language: l) }

    /// A region's rules whose names differ from the default rules', so that a test can tell which named a group.
    static let rules = CreditRules(
        version: 3,
        name: Text(zh: "测试地区信用规则", en: "test region's credit rules"),
        groups: [
            CreditRules.Group(
                code: "innovation",
                name: Text(zh: "创新能力（本地区）", en: "innovation (this region)"),
                points: 40,
                items: [
                    CreditRules.Item(
                        code: "innovation.patents",
                        name: Text(zh: "有效发明专利（每项10分）", en: "invention patents (10 each)"),
                        points: 40,
                        metric: "innovation.patents",
                        scoring: .perCount(10)
                    )
                ]
            ),
            CreditRules.Group(
                code: "responsibility",
                name: Text(zh: "双重预防（本地区）", en: "dual prevention (this region)"),
                points: 60,
                items: [
                    CreditRules.Item(
                        code: "responsibility.closedLoop",
                        name: Text(zh: "隐患闭环率", en: "closed-loop rate"),
                        points: 30,
                        metric: "dualPrevention.closedLoopRate",
                        scoring: .linear(zeroAt: 0, fullAt: 1)
                    ),
                    CreditRules.Item(
                        code: "management.staff",
                        name: Text(zh: "配备质量安全总监和质量安全员", en: "director and officers appointed"),
                        points: 30,
                        metric: "management.staffAppointed",
                        scoring: .atLeast(1)
                    ),
                ]
            ),
        ],
        deductions: CreditRules.Group(
            code: "violations",
            name: Text(zh: "违法扣分（本地区）", en: "violations (this region)"),
            points: 20,
            items: [
                CreditRules.Item(
                    code: "violations.general",
                    name: Text(zh: "一般质量违法行为（每起扣5分）", en: "general violations (5 each)"),
                    points: 20,
                    metric: "violations.general",
                    scoring: .perCount(5)
                )
            ]
        ),
        bonus: CreditRules.Group(
            code: "awards",
            name: Text(zh: "奖励加分（本地区）", en: "awards (this region)"),
            points: 5,
            items: [
                CreditRules.Item(
                    code: "awards.provincial",
                    name: Text(zh: "省级及以上政府质量奖（每项5分）", en: "provincial or national awards (5 each)"),
                    points: 5,
                    metric: "awards.provincial",
                    scoring: .perCount(5)
                )
            ]
        ),
        bands: [
            CreditRules.Band(grade: .a, from: 90), CreditRules.Band(grade: .b, from: 80), CreditRules.Band(grade: .c, from: 60),
            CreditRules.Band(grade: .d, from: 0),
        ],
        vetoes: [
            CreditRules.Veto(
                code: "unlicensedProduction",
                name: Text(zh: "无证生产", en: "production without a licence"),
                metric: "veto.unlicensedProduction"
            )
        ],
        measures: [CreditRules.Measure(grade: .d, text: Text(zh: "列入质量黑名单", en: "quality blacklist"))]
    )

    /// Three patents, a closed-loop rate of 91.23 % on ten hazards and the staff appointed: 87.369, rounded to 87.4 (B).
    /// Later a fourth patent, a violation, a provincial award and production without a licence: 97.4 by score, D.
    static func metrics(patents: Int, closedLoop: Double = 0.9123, violations: Int = 0, awards: Int = 0, veto: Bool = false) -> [String: MetricValue]
    {
        [
            "innovation.patents": MetricValue(Double(patents), evidence: (0..<patents).map { "QR-\($0 + 1)" }),
            "dualPrevention.closedLoopRate": MetricValue(closedLoop, evidence: (1...10).map { "hazard#\($0)" }),
            "management.staffAppointed": MetricValue(1, evidence: ["person#25", "person#26", "person#27"]),
            "violations.general": MetricValue(Double(violations), evidence: (0..<violations).map { "QR-\($0 + 20)" }),
            "awards.provincial": MetricValue(Double(awards), evidence: (0..<awards).map { "QR-\($0 + 30)" }),
            "veto.unlicensedProduction": MetricValue(veto ? 1 : 0, evidence: veto ? ["QR-40"] : []),
        ]
    }

    static func record(
        _ id: Int64,
        asOf: Date,
        _ metrics: [String: MetricValue],
        previous: CreditGradeRecord?,
        honours: [String] = []
    ) -> CreditGradeRecord {
        CreditGradeRecord(
            id: id,
            enterpriseID: 7,
            asOf: asOf,
            since: asOf.addingTimeInterval(-365 * 86_400),
            computedBy: 3,
            computedAt: asOf,
            assessment: CreditScorer.assess(metrics, rules: rules),
            previous: previous,
            honoursToRevoke: honours
        )
    }

    static let june = record(1, asOf: day("2026-06-30"), metrics(patents: 3), previous: nil)
    static let november = record(
        2,
        asOf: day("2026-11-23"),
        metrics(patents: 4, violations: 1, awards: 1, veto: true),
        previous: june,
        honours: ["QR-30"]
    )

    static let directory = CreditEvidenceDirectory(
        enterpriseID: 7,
        hazardNumbers: [12: "YH-2026-0012"],
        records: [
            69: QualityRecord(
                id: 69,
                enterpriseID: 7,
                kind: .spotCheck,
                subtype: "failed",
                occurredOn: day("2026-03-05"),
                product: "电热水壶",
                reference: "CJ-2026-031"
            )
        ],
        people: [25: Person(id: 25, name: "林晓燕", role: .director, enterpriseID: 7)],
        riskPoints: [7: "注塑温度控制"],
        checkPlans: [4: .daily, 5: .weekly],
        warnings: [3: CreditEvidenceDirectory.Warning(id: 2, number: "YJ-2026-0001", title: "电热水壶专项排查")]
    )

    @Test(
        arguments: [
            ("hazard#12", CreditEvidence.hazard(12)), ("QR-69", .qualityRecord(69)), ("person#25", .person(25)),
            ("risk_point#7", .riskPoint(7)), ("warning_task#3", .warningTask(3)),
            ("check_plan#4:2026-11-23", .missedCheck(planID: 4, period: "2026-11-23")),
            ("check_plan#5:2026-W47", .missedCheck(planID: 5, period: "2026-W47")), ("no-plan:weekly", .noPlan(.weekly)),
            ("missing:officer", .other("missing:officer")), ("hazard#x", .other("hazard#x")), ("no-plan:yearly", .other("no-plan:yearly")),
        ] as [(String, CreditEvidence)]
    )
    func evidenceKeysAreReadBackAsTheScorerWroteThem(_ key: String, _ expected: CreditEvidence) {
        #expect(CreditEvidence(key) == expected)
    }

    @Test(
        arguments: [
            (Language.zh, "hazard#12", "/hazards/12", ["YH-2026-0012"]),
            (.zh, "hazard#99", "/hazards/99", ["99"]),
            (.zh, "QR-69", nil, ["监督抽查", "不合格", "2026年3月5日", "电热水壶", "CJ-2026-031"]),
            (.en, "QR-69", nil, ["spot check", "failed", "2026-03-05", "CJ-2026-031"]),
            (.zh, "QR-70", nil, ["70"]),
            (.zh, "person#25", nil, ["林晓燕", "质量安全总监"]),
            (.en, "person#25", nil, ["林晓燕", "quality safety director"]),
            (.zh, "person#26", nil, ["26"]),
            (.zh, "risk_point#7", "/risks?enterprise=7", ["注塑温度控制"]),
            (.zh, "warning_task#3", "/warnings/2", ["YJ-2026-0001", "电热水壶专项排查"]),
            (.zh, "warning_task#4", nil, ["4"]),
            (.zh, "check_plan#4:2026-11-23", nil, ["日管控", "2026年11月23日"]),
            (.en, "check_plan#4:2026-11-23", nil, ["daily control", "2026-11-23"]),
            (.zh, "check_plan#5:2026-W47", nil, ["周排查", "47"]),
            (.zh, "no-plan:monthly", nil, ["月调度"]),
            (.en, "no-plan:monthly", nil, ["monthly scheduling"]),
        ] as [(Language, String, String?, [String])]
    )
    func evidenceIsReadableAndLinkedToItsRecord(_ l: Language, _ key: String, _ href: String?, _ words: [String]) {
        let link = Self.directory.link(key, dates: Self.dates(l))
        #expect(link.href == href)
        #expect(link.text != key, "no raw key on the page")
        for word in words { #expect(link.text.contains(word), "\(link.text) names \(word)") }
    }

    @Test(arguments: Language.allCases)
    func groupsAndItemsAreNamedInTheReadersLanguage(_ l: Language) {
        let view = CreditGradeView(Self.june, rules: Self.rules, directory: Self.directory, dates: Self.dates(l))
        let ruleGroups = Self.rules.groups + [Self.rules.deductions, Self.rules.bonus]
        #expect(view.groups.map(\.code) == ruleGroups.map(\.code))
        #expect(view.groups.map(\.name) == ruleGroups.map { $0.name(l) })
        #expect(view.groups.flatMap(\.items).map(\.name) == ruleGroups.flatMap(\.items).map { $0.name(l) })
        // Without the rules at hand (a grade kept under rules no longer loaded), the default groups keep their names.
        let bare = CreditGradeView(Self.june, rules: nil, directory: Self.directory, dates: Self.dates(l))
        let defaults = [
            Text("creditView.groupInnovation"), Text("creditView.groupResponsibility"), Text("creditView.groupViolations"),
            Text("creditView.groupAwards"),
        ]
        #expect(bare.groups.map(\.name) == defaults.map { $0(l) })
        for group in bare.groups {
            #expect(group.name != group.code, "\(group.code) is named, not shown as its code")
            #expect(group.maximum == nil, "no maximum without the rules it was graded under")
        }
        #expect(bare.rules != view.rules)
    }

    @Test func theScoreIsExplainedWithoutARoundingRow() {
        let view = CreditGradeView(Self.june, rules: Self.rules, directory: Self.directory, dates: Self.dates(.zh))
        #expect(!view.groups.contains { $0.code == "total" }, "the clamp and the rounding are not an indicator group")
        #expect(view.groups.map(\.points) == ["30", "57.369", "0", "0"])
        #expect(view.groups.map(\.maximum) == ["40", "60", "20", "5"])
        #expect(view.sum == "87.369")
        #expect(view.score == "87.4")
        #expect(view.grade == "B" && view.byScore == "B" && !view.vetoed)
        #expect(view.adjustment?.contains("87.369") == true && view.adjustment?.contains("87.4") == true)
        // A score that needs no rounding says nothing more.
        let round = Self.record(5, asOf: Self.day("2026-06-30"), Self.metrics(patents: 3, closedLoop: 1), previous: nil)
        let plain = CreditGradeView(round, rules: Self.rules, directory: Self.directory, dates: Self.dates(.zh))
        #expect(plain.sum == "90" && plain.score == "90.0" && plain.adjustment == nil)
        // Rules of another version still name the groups, but their points are not this grade's maxima.
        var newer = Self.rules
        newer.version = 4
        let other = CreditGradeView(Self.june, rules: newer, directory: Self.directory, dates: Self.dates(.zh))
        #expect(other.groups.map(\.maximum) == [nil, nil, nil, nil])
        #expect(other.groups.first?.name == "创新能力（本地区）")
    }

    @Test func itemsShowTheirValuesAndTheirFirstRecords() {
        let view = CreditGradeView(Self.june, rules: Self.rules, directory: Self.directory, dates: Self.dates(.en))
        let items = Dictionary(uniqueKeysWithValues: view.groups.flatMap(\.items).map { ($0.code, $0) })
        #expect(items["innovation.patents"]?.value == "3")
        #expect(items["responsibility.closedLoop"]?.value == "91.2%")
        #expect(items["management.staff"]?.value == Text("creditView.yes")(.en))
        #expect(items["responsibility.closedLoop"]?.metric == CreditMetric.catalog["dualPrevention.closedLoopRate"].map { $0(.en) })
        let loop = items["responsibility.closedLoop"]
        #expect(loop?.evidence.count == CreditEvidence.shownPerList)
        #expect(loop?.evidence.allSatisfy { $0.href?.hasPrefix("/hazards/") == true } == true)
        #expect(loop?.moreEvidence?.contains("2") == true, "ten hazards: eight shown and two more")
        #expect(items["management.staff"]?.moreEvidence == nil)
        let keys = CreditGradeView.evidenceKeys(Self.june)
        #expect(keys.contains("hazard#8") && !keys.contains("hazard#9"), "only what is shown is looked up")
    }

    @Test func aVetoAndHonoursAreShownWithTheirRecords() {
        let view = CreditGradeView(Self.november, rules: Self.rules, directory: Self.directory, dates: Self.dates(.zh))
        #expect(view.grade == "D" && view.byScore == "A" && view.vetoed)
        #expect(view.gradeName == CreditGrade.d.label(.zh))
        #expect(view.vetoes.map(\.name) == ["无证生产"])
        #expect(view.vetoes.first?.evidence.count == 1)
        #expect(view.honours.count == 1)
        #expect(view.previousGrade == "B")
        #expect(view.measure == "列入质量黑名单")
        #expect(view.asOf == "2026年11月23日")
    }

    @Test func theHistoryListsStoredGradesNewestFirstWithWhatChangedAndWhy() {
        let history = CreditHistoryView([Self.june, Self.november], directory: Self.directory, dates: Self.dates(.zh))
        #expect(history.entries.map(\.id) == [2, 1])
        #expect(history.older == nil)
        let newest = history.entries[0]
        #expect(newest.asOf == "2026年11月23日")
        #expect(newest.grade == "D" && newest.score == "97.4")
        #expect(newest.gradeChange == "B → D")
        #expect(newest.scoreChange == "+10")
        #expect(!newest.first && !newest.unchanged)
        #expect(newest.changes.map(\.item) == ["innovation.patents", "violations.general", "awards.provincial", "veto.unlicensedProduction"])
        #expect(newest.changes.map(\.tone) == ["good", "bad", "good", "bad"])
        #expect(newest.changes.map(\.isVeto) == [false, false, false, true])
        #expect(newest.changes.map(\.name) == ["有效发明专利（每项10分）", "一般质量违法行为（每起扣5分）", "省级及以上政府质量奖（每项5分）", "无证生产"])
        #expect(newest.changes[0].detail.contains("30 → 40") && newest.changes[0].detail.contains("+10"))
        #expect(newest.changes[1].detail.contains("0 → -5") && newest.changes[1].detail.contains("-5"))
        #expect(newest.changes[3].detail == Text("creditView.vetoAppeared")(.zh))
        // Why: the records newly behind each change, and only those.
        let causes = CreditHistoryView.changes(from: Self.june, to: Self.november)
        #expect(causes.map(\.newEvidence) == [["QR-4"], ["QR-20"], ["QR-30"], ["QR-40"]])
        #expect(newest.changes.map(\.evidence.count) == [1, 1, 1, 1])
        // The store's comparison when it kept the grade says the same.
        #expect(causes == Self.november.changes)
        let oldest = history.entries[1]
        #expect(oldest.first && oldest.changes.isEmpty && oldest.gradeChange == nil && oldest.scoreChange == nil)
        #expect(CreditHistoryView.evidenceKeys([Self.june, Self.november]) == ["QR-4", "QR-20", "QR-30", "QR-40"])
    }

    @Test func theOldestListedGradeIsStillComparedWithTheOneBeforeIt() {
        let january = Self.record(9, asOf: Self.day("2026-01-31"), Self.metrics(patents: 3), previous: nil)
        let history = CreditHistoryView([Self.november, january, Self.june], directory: Self.directory, dates: Self.dates(.en), limit: 2)
        #expect(history.entries.map(\.id) == [2, 1])
        #expect(history.older == 1)
        #expect(history.entries[1].first == false)
        #expect(history.entries[1].unchanged, "June scored as January did")
        #expect(history.entries[1].scoreChange == "0")
        #expect(history.entries[0].asOf == "2026-11-23")
    }

    @Test(arguments: [(Language.zh, "2026年11月24日"), (.en, "2026-11-24")])
    func datesAreInTheEnterprisesTimeZone(_ l: Language, _ expected: String) throws {
        // 17:00 UTC on 23 November is 01:00 on the 24th in Shanghai.
        let instant = try #require(ISO8601DateFormatter().date(from: "2026-11-23T17:00:00Z"))
        let grade = Self.record(4, asOf: instant, Self.metrics(patents: 3), previous: nil)
        #expect(CreditHistoryView([grade], directory: Self.directory, dates: Self.dates(l)).entries.first?.asOf == expected)
        #expect(CreditGradeView(grade, rules: Self.rules, directory: Self.directory, dates: Self.dates(l)).asOf == expected)
    }
}
