import DualPrevention
import Foundation

/// The demo's inputs, grades and lists: a model plastics maker (A), a chemicals maker with repeated spot-check
/// failures (C, and the black list), and an e-bike maker with a high score forced to D by a recall not done.
extension DemoSeed {
    struct Input {
        var kind: QualityRecordKind
        var subtype: String
        var daysAgo: Double
        var product = ""
        var reference = ""
        var note = ""
        var value: Double? = nil
        var validDays: Double? = nil
        var area: ListArea = .productQuality
    }

    /// Records each input the day after it happened, or when the enterprise came on the system if earlier.
    func record(_ c: Company, _ inputs: [Input], by actor: Actor, from anchor: Date, onboarded: Date) async throws {
        for input in inputs {
            let occurred = anchor.addingTimeInterval(-input.daysAgo * 86_400)
            let draft = QualityRecord(
                enterpriseID: c.enterprise.id,
                kind: input.kind,
                subtype: input.subtype,
                occurredOn: occurred,
                area: input.area,
                product: input.product,
                reference: input.reference,
                note: input.note,
                value: input.value,
                validUntil: input.validDays.map { occurred.addingTimeInterval($0 * 86_400) }
            )
            _ = try await repository.addQualityRecords([draft], by: actor, at: max(occurred.addingTimeInterval(86_400), onboarded)) { _, _ in }
        }
    }

    /// What each enterprise declares on joining the system: licences, certificates, standards, awards, figures.
    static func declared(
        licence: String,
        product: String,
        certificates: [String],
        rnd: Double,
        patents: Double,
        training: Double,
        calibrated: Double,
        drafted: Int
    ) -> [Input] {
        var inputs = [Input(kind: .licence, subtype: "issued", daysAgo: 900, product: product, reference: licence, validDays: 1_825)]
        for (index, subtype) in certificates.enumerated() {
            inputs.append(
                Input(
                    kind: .certification,
                    subtype: subtype,
                    daysAgo: 700 - Double(index) * 150,
                    reference: "CERT-\(subtype)-\(licence.suffix(4))",
                    validDays: 1_095,
                    area: subtype == "measurement" ? .metrology : .productQuality
                )
            )
        }
        inputs.append(Input(kind: .standard, subtype: "declared", daysAgo: 600, reference: "Q/企业标准", area: .standardisation))
        for index in 0..<drafted {
            inputs.append(
                Input(
                    kind: .standard,
                    subtype: "drafted",
                    daysAgo: 200 + Double(index) * 90,
                    reference: "T/ZZB \(1_200 + index)",
                    area: .standardisation
                )
            )
        }
        for (indicator, value) in [(QualityIndicator.rndShare, rnd), (.patents, patents), (.trainingShare, training), (.calibratedShare, calibrated)]
        {
            inputs.append(
                Input(
                    kind: .indicator,
                    subtype: indicator.rawValue,
                    daysAgo: 50,
                    value: value,
                    area: indicator == .calibratedShare ? .metrology : .productQuality
                )
            )
        }
        return inputs
    }

    mutating func creditAndLists(
        _ companies: [Company],
        regulators: [Actor],
        city: Actor,
        creditRules: CreditRules,
        listRules: ListRules
    ) async throws {
        let local = try LocalTime()
        let onboarded = day(-45)
        let (plastics, chemicals, bicycles) = (companies[0], companies[1], companies[2])
        // The quarter the lists are evaluated for: the last one ended two weeks ago.
        let evaluatedAt = day(-14)
        let current = ReportingPeriod.containing(evaluatedAt, unit: .quarter, in: local)
        let quarter = current.previous
        let quarterEnd = quarter.end(in: local)

        try await record(
            plastics,
            Self.declared(
                licence: "XK16-204-01233",
                product: "食品用塑料包装容器工具等制品",
                certificates: ["system", "product", "measurement"],
                rnd: 0.036,
                patents: 7,
                training: 0.96,
                calibrated: 0.99,
                drafted: 2
            ),
            by: plastics.actor("林晓燕"),
            from: now,
            onboarded: onboarded
        )
        // Honours and complaints are on record with the regulator, not self-declared.
        try await record(
            plastics,
            [
                Input(kind: .award, subtype: "provincial", daysAgo: 150, reference: "浙政发〔质量奖〕", note: "浙江省人民政府质量奖", validDays: 1_095),
                Input(kind: .award, subtype: "famousBrand", daysAgo: 700, product: "恒信食品级餐盒", reference: "台州名牌", validDays: 1_095),
                Input(kind: .complaint, subtype: "unfounded", daysAgo: 60, product: "PP餐盒", note: "消费者反映异味，经检验合格"),
            ],
            by: regulators[0],
            from: now,
            onboarded: onboarded
        )
        try await record(
            plastics,
            [1_500, 1_000, 600, 200, 30].map {
                Input(kind: .spotCheck, subtype: "passed", daysAgo: $0, product: "食品接触用PP餐盒", reference: "JC-\(Int($0))")
            },
            by: regulators[0],
            from: quarterEnd,
            onboarded: onboarded
        )

        try await record(
            chemicals,
            Self.declared(
                licence: "(浙)WH安许证字〔2024〕-J-0412",
                product: "工业硫酸",
                certificates: ["system", "product", "measurement"],
                rnd: 0.018,
                patents: 2,
                training: 0.82,
                calibrated: 0.95,
                drafted: 0
            ),
            by: chemicals.actor("潘美玲"),
            from: now,
            onboarded: onboarded
        )
        try await record(
            chemicals,
            [Input(kind: .award, subtype: "famousBrand", daysAgo: 500, product: "黄岩牌工业硫酸", reference: "台州名牌", validDays: 1_095)],
            by: regulators[1],
            from: now,
            onboarded: onboarded
        )
        // The same product failed three spot checks in three years: the black list's criterion.
        try await record(
            chemicals,
            [
                Input(kind: .spotCheck, subtype: "failed", daysAgo: 900, product: "工业硫酸", reference: "JC-H-0931", note: "铁含量超标"),
                Input(kind: .spotCheck, subtype: "failed", daysAgo: 400, product: "工业硫酸", reference: "JC-H-1377", note: "灰分超标"),
                Input(kind: .spotCheck, subtype: "passed", daysAgo: 150, product: "工业盐酸", reference: "JC-H-1520"),
                Input(kind: .spotCheck, subtype: "failed", daysAgo: 20, product: "工业硫酸", reference: "JC-H-1706", note: "铁含量超标（复检仍不合格）"),
                Input(kind: .violation, subtype: "general", daysAgo: 15, product: "工业硫酸", reference: "台黄市监罚〔2026〕57号", note: "生产不合格产品，罚款并没收违法所得"),
            ],
            by: regulators[1],
            from: quarterEnd,
            onboarded: onboarded
        )

        try await record(
            bicycles,
            Self.declared(
                licence: "CCC-2021011119000321",
                product: "电动自行车",
                certificates: ["system", "product", "measurement"],
                rnd: 0.041,
                patents: 12,
                training: 0.93,
                calibrated: 0.98,
                drafted: 2
            ),
            by: bicycles.actor("何丽"),
            from: now,
            onboarded: onboarded
        )
        try await record(
            bicycles,
            [
                Input(kind: .award, subtype: "famousBrand", daysAgo: 300, product: "路桥牌电动自行车", reference: "台州名牌", validDays: 1_095),
                Input(kind: .award, subtype: "municipal", daysAgo: 400, reference: "台州市政府质量奖", validDays: 1_095),
            ],
            by: regulators[2],
            from: now,
            onboarded: onboarded
        )
        try await record(
            bicycles,
            [1_400, 900, 500, 100].map { Input(kind: .spotCheck, subtype: "passed", daysAgo: $0, product: "电动自行车", reference: "JC-L-\(Int($0))") },
            by: regulators[2],
            from: quarterEnd,
            onboarded: onboarded
        )

        // A month ago the city grades everyone (each grade stored with its explanation).
        for c in companies {
            _ = try await repository.recordCreditGrade(
                enterpriseID: c.enterprise.id,
                rules: creditRules,
                asOf: day(-30),
                since: day(-30 - 365),
                by: city,
                at: day(-30).addingTimeInterval(3_600)
            )
        }

        // The quarter's lists: proposed by the city, reviewed by each district, published by the city.
        let proposals = try await repository.evaluateLists(quarter: quarter, rules: listRules, by: city, at: evaluatedAt)
        for entry in proposals {
            let reviewer = regulators[companies.firstIndex { $0.enterprise.id == entry.enterpriseID } ?? 0]
            let reject = entry.criterion == "measurementCertified"
            _ = try await repository.reviewListEntry(
                entry.id,
                approve: !reject,
                note: reject ? "认证范围仅覆盖检测室，不足以认定" : "证据属实",
                by: reviewer,
                at: day(-13)
            )
        }
        if !proposals.isEmpty { _ = try await repository.publishLists(quarter: quarter.description, by: city, at: day(-12)) }

        // A defective e-bike battery pack that was due for recall and was not recalled: a veto, and a breach of
        // the red list published days before.
        try await record(
            bicycles,
            [
                Input(
                    kind: .recall,
                    subtype: "dueNotDone",
                    daysAgo: 9,
                    product: "XD-48V 锂电池组（2025批次）",
                    reference: "台路市监召〔2026〕3号",
                    note: "责令召回后逾期未实施"
                )
            ],
            by: regulators[2],
            from: now,
            onboarded: onboarded
        )

        // Yesterday the city grades everyone again: the change and its cause go on record.
        for c in companies {
            _ = try await repository.recordCreditGrade(
                enterpriseID: c.enterprise.id,
                rules: creditRules,
                asOf: day(-1),
                since: day(-1 - 365),
                by: city,
                at: day(-1).addingTimeInterval(3_600)
            )
        }
    }
}
