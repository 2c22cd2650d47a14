import DualPrevention
import Foundation
import GRDB

// One enterprise of the synthetic province: its organisation and people, its risk points from its category's
// checklist, its scheduled checks with some periods missed, its credit inputs and its hazards, each driven through
// the hazard machine as far as its history has reached by the province's `asOf`.

extension ProvinceGenerator {
    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈")
    static let givenNames = [
        "伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "建华", "海涛", "晓燕",
        "志远", "春华", "丽萍", "永康", "建军", "美玲",
    ]
    /// Unambiguous characters of a credit code's organisation part.
    static let codeAlphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")

    /// A name unique in the province: a Chinese name and the enterprise's number.
    func name(_ random: inout SplitMix64, _ index: Int) -> String {
        let surname = Self.surnames[Int.random(in: 0..<Self.surnames.count, using: &random)]
        let given = Self.givenNames[Int.random(in: 0..<Self.givenNames.count, using: &random)]
        return "\(surname)\(given)-\(String(format: "%05d", index + 1))"
    }

    /// A valid unified social credit code, unique per index.
    static func creditCode(_ index: Int) throws -> CreditCode {
        var n = index
        var org = ""
        for _ in 0..<7 {
            org = String(codeAlphabet[n % codeAlphabet.count]) + org
            n /= codeAlphabet.count
        }
        return try CreditCode.completing("91331000MA" + org)
    }

    struct Staff {
        var enterprise: Enterprise
        var workshops: [Workshop]
        var teams: [Team]
        var principal: Actor
        var director: Actor
        var officer: Actor
        var heads: [Actor]
        var teamLeader: Actor
        var postWorker: Actor
        var points: [Int64]
    }

    func enterprise(_ index: Int, tree: inout Tree, start: Date, random: inout SplitMix64, summary: inout Summary, in db: Database) throws {
        let checklist = checklists[index % checklists.count]
        let place = tree.places[Int.random(in: 0..<tree.places.count, using: &random)]
        var at = start.addingTimeInterval(Double.random(in: 0..<(30 * 86_400), using: &random).rounded())
        func tick() -> Date {
            at = at.addingTimeInterval(60)
            return at
        }
        let admin = tree.admin
        let enterprise = try record(
            tick(),
            StoreRepository.addEnterprise(
                Enterprise(
                    id: 0,
                    name: "\(checklist.name.zh)合成企业\(String(format: "%05d", index + 1))",
                    creditCode: try Self.creditCode(index),
                    jurisdictionID: place,
                    productCategory: checklist.name.zh,
                    address: "合成省 第\(index + 1)号"
                ),
                by: admin,
                at: at,
                in: db
            ),
            in: db
        )
        var workshops: [Workshop] = []
        var teams: [Team] = []
        for name in ["生产车间", "仓储车间"] {
            let workshop = try record(
                tick(),
                StoreRepository.addWorkshop(enterpriseID: enterprise.id, name: name, by: admin, at: at, in: db),
                in: db
            )
            let team = try record(tick(), StoreRepository.addTeam(workshopID: workshop.id, name: "甲班", by: admin, at: at, in: db), in: db)
            _ = try record(tick(), StoreRepository.addPost(teamID: team.id, name: "操作岗", by: admin, at: at, in: db), in: db)
            workshops.append(workshop)
            teams.append(team)
        }
        func person(_ role: Role, workshop: Int64? = nil) throws -> Actor {
            try record(
                tick(),
                StoreRepository.addPerson(
                    Person(id: 0, name: name(&random, index), role: role, enterpriseID: enterprise.id, workshopID: workshop),
                    by: admin,
                    at: at,
                    in: db
                ),
                in: db
            ).actor
        }
        var staff = Staff(
            enterprise: enterprise,
            workshops: workshops,
            teams: teams,
            principal: try person(.principal),
            director: try person(.director),
            officer: try person(.officer),
            heads: [try person(.workshopHead, workshop: workshops[0].id), try person(.workshopHead, workshop: workshops[1].id)],
            teamLeader: try person(.teamLeader, workshop: workshops[0].id),
            postWorker: try person(.postWorker, workshop: workshops[0].id),
            points: []
        )
        try account(staff.director.id, by: admin, at: tick(), in: db)
        tree.directors.append(staff.director.name)
        if summary.exampleDirector.isEmpty { summary.exampleDirector = staff.director.name }
        let imported = try record(
            tick(),
            StoreRepository.importChecklist(
                checklist,
                enterpriseID: enterprise.id,
                workshopID: workshops[0].id,
                by: staff.officer,
                at: at,
                bands: repository.bands,
                dimensions: repository.dimensions,
                in: db
            ),
            in: db
        )
        staff.points = imported.added.map(\.riskPointID)
        if index % 100 == 0, !tree.assessors.isEmpty {
            let assessor = tree.assessors[(index / 100) % tree.assessors.count]
            _ = try record(tick(), StoreRepository.assignAssessor(assessor.id, enterpriseID: enterprise.id, by: admin, at: at, in: db), in: db)
        }
        try checks(staff, onboarded: at, random: &random, in: db)
        try records(staff, regulator: tree.regulators[district(of: place, in: tree)] ?? admin, onboarded: at, random: &random, in: db)
        let regulator = tree.regulators[district(of: place, in: tree)] ?? admin
        // A quarter of the hazards are recent (the last 45 days), so that the history's end leaves some in every state.
        let span = max(7_200, options.asOf.timeIntervalSince(at) - 3_600)
        for _ in 0..<options.hazardsPerEnterprise {
            let back =
                random.chance(0.25)
                ? Double.random(in: 3_600..<min(span, 45 * 86_400), using: &random)
                : Double.random(in: 3_600..<span, using: &random)
            try hazard(staff, regulator: regulator, found: options.asOf.addingTimeInterval(-back.rounded()), random: &random, in: db)
        }
    }

    // MARK: Scheduled checks

    /// Daily checks over the last four weeks, weekly over half a year, monthly over a year; about one in fourteen
    /// periods is missed. Plans start no earlier than the enterprise came on the system.
    func checks(_ staff: Staff, onboarded: Date, random: inout SplitMix64, in db: Database) throws {
        let schedule = CheckSchedule(local: try LocalTime(timeZoneID: staff.enterprise.timeZoneID))
        let spans: [(CheckKind, Actor, TimeInterval)] = [
            (.daily, staff.officer, 28), (.weekly, staff.director, 182), (.monthly, staff.principal, 364),
        ]
        for (kind, responsible, days) in spans {
            let items = try StoreRepository.items(
                of: CheckPlan(
                    id: 0,
                    enterpriseID: staff.enterprise.id,
                    kind: kind,
                    responsibleID: responsible.id,
                    startsOn: onboarded
                ),
                in: db
            )
            guard !items.isEmpty else { continue }
            let first = schedule.period(kind, containing: max(onboarded, options.asOf.addingTimeInterval(-days * 86_400)))
            let added = max(first.start, onboarded)
            let plan = try record(
                added,
                StoreRepository.addCheckPlan(
                    enterpriseID: staff.enterprise.id,
                    kind: kind,
                    responsibleID: responsible.id,
                    startsOn: first.start,
                    by: staff.director,
                    at: added,
                    in: db
                ),
                in: db
            )
            // Who records and what is covered are the same for every period of the plan: decided once, as `recordCheck` decides them.
            try CheckRun.authorize(responsible, kind: kind, enterpriseID: staff.enterprise.id)
            let results = items.map { ItemResult(ref: $0.ref, riskPointID: $0.riskPointID, item: $0.item, passed: true, note: "") }
            let minutes =
                kind == .monthly
                ? CheckMinutes(
                    chair: staff.principal.name,
                    attendees: "\(staff.director.name)、\(staff.officer.name)",
                    situation: "本月质量安全总体受控",
                    problems: "",
                    decisions: "按计划开展下月排查"
                ) : nil
            var period = first
            while true {
                let at = period.start.addingTimeInterval(9 * 3_600)
                guard at < options.asOf else { break }
                if at >= added, random.chance(0.93) {
                    let run = CheckRun(
                        id: try StoreRepository.nextID("check_run", in: db),
                        planID: plan.id,
                        enterpriseID: staff.enterprise.id,
                        kind: kind,
                        period: period.key,
                        performedBy: responsible.id,
                        performedAt: at,
                        results: results,
                        minutes: minutes
                    )
                    try AuditLog.append(try StoreRepository.save(run, by: responsible, in: db), at: at, in: db)
                }
                period = schedule.period(kind, containing: period.end.addingTimeInterval(1))
            }
        }
    }

    // MARK: Credit inputs

    /// What the enterprise declares on joining (a licence, certificates, standards, indicators), the honours and findings
    /// a regulator records, and the regulator's spot checks. Each enterprise draws a quality level that makes each input
    /// more or less likely, so that a province's grades spread over A to D as real ones do.
    func records(_ staff: Staff, regulator: Actor, onboarded: Date, random: inout SplitMix64, in db: Database) throws {
        let id = staff.enterprise.id
        let level = Double.random(in: 0..<1, using: &random)
        let day = 86_400.0
        let lasting = options.asOf.addingTimeInterval(730 * day)
        func declared(
            _ kind: QualityRecordKind,
            _ subtype: String,
            daysBefore: Double,
            reference: String = "",
            value: Double? = nil,
            validUntil: Date? = nil
        )
            -> QualityRecord
        {
            QualityRecord(
                enterpriseID: id,
                kind: kind,
                subtype: subtype,
                occurredOn: onboarded.addingTimeInterval(-daysBefore * day),
                product: kind == .licence || kind == .certification ? staff.enterprise.productCategory : "",
                reference: reference,
                value: value,
                validUntil: validUntil
            )
        }
        var records = [
            declared(.licence, "issued", daysBefore: 400, reference: "XK-\(id)", validUntil: onboarded.addingTimeInterval(1_400 * day)),
            // A certificate kept up (renewed through the window) or let lapse.
            declared(
                .certification,
                "system",
                daysBefore: 200,
                reference: "CERT-\(id)",
                validUntil: level > 0.25 ? lasting : onboarded.addingTimeInterval(900 * day)
            ),
            declared(
                .indicator,
                QualityIndicator.trainingShare.rawValue,
                daysBefore: 1,
                value: Double(Int.random(in: 70...100, using: &random)) / 100
            ),
            declared(.indicator, QualityIndicator.rndShare.rawValue, daysBefore: 1, value: (level * 4.5).rounded() / 100),
            declared(.indicator, QualityIndicator.patents.rawValue, daysBefore: 1, value: (level * 6).rounded(.down)),
            declared(.indicator, QualityIndicator.calibratedShare.rawValue, daysBefore: 1, value: (75 + level * 25).rounded() / 100),
        ]
        if level > 0.2 { records.append(declared(.standard, "declared", daysBefore: 30, reference: "QB-\(id)")) }
        if level > 0.4 { records.append(declared(.certification, "product", daysBefore: 150, reference: "CCC-\(id)", validUntil: lasting)) }
        if level > 0.6 { records.append(declared(.certification, "measurement", daysBefore: 100, reference: "MS-\(id)", validUntil: lasting)) }
        if level > 0.85 { records.append(declared(.standard, "drafted", daysBefore: 60, reference: "GB-\(id)")) }
        _ = try record(
            onboarded,
            StoreRepository.addQualityRecords(records, by: staff.officer, at: onboarded, progress: { _, _ in }, in: db),
            in: db
        )
        // What only a regulator records: an honour for the best, a violation for the worst.
        let found = onboarded.addingTimeInterval(Double.random(in: 20..<300, using: &random).rounded() * day)
        if found.addingTimeInterval(day) < options.asOf, level > 0.92 || level < 0.12 {
            let finding = QualityRecord(
                enterpriseID: id,
                kind: level > 0.5 ? .award : .violation,
                subtype: level > 0.5 ? "municipal" : "general",
                occurredOn: found,
                reference: "\(level > 0.5 ? "JL" : "CF")-\(id)",
                note: level > 0.5 ? "市政府质量奖" : "标签标识不符合规定"
            )
            let at = found.addingTimeInterval(day)
            _ = try record(at, StoreRepository.addQualityRecords([finding], by: regulator, at: at, progress: { _, _ in }, in: db), in: db)
        }
        var checked = onboarded
        for n in 0..<Int.random(in: 0...3, using: &random) {
            checked = checked.addingTimeInterval(Double.random(in: 30..<200, using: &random).rounded() * 86_400)
            guard checked.addingTimeInterval(86_400) < options.asOf else { break }
            let failed = random.chance(0.15)
            let spot = QualityRecord(
                enterpriseID: id,
                kind: .spotCheck,
                subtype: failed ? "failed" : "passed",
                occurredOn: checked,
                product: staff.enterprise.productCategory,
                reference: "JC-\(id)-\(n + 1)",
                note: failed ? "抽检不合格" : ""
            )
            let at = checked.addingTimeInterval(86_400)
            _ = try record(at, StoreRepository.addQualityRecords([spot], by: regulator, at: at, progress: { _, _ in }, in: db), in: db)
        }
    }
}
