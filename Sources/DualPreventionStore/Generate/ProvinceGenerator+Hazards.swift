import DualPrevention
import Foundation
import GRDB

// Hazards with full histories: reported, noticed, acknowledged, planned and listed when major, extended now and then,
// rectified (late about one time in seven, failed acceptance one in ten), accepted, and a few cancelled or stalled.
// A history stops where the province's `asOf` cuts it, which leaves hazards in every state.

extension ProvinceGenerator {
    static let descriptions = [
        "设备温控仪显示值与实测值偏差超限", "原料进货查验记录缺少供应商资质", "成品仓库离地离墙存放不足", "计量器具超期未检定",
        "出厂检验项目不全", "防虫防鼠设施破损", "关键工序作业指导书未更新", "不合格品未隔离标识", "标签标识要素不全",
        "生产记录缺少复核签名",
    ]
    static let sources: [HazardSource] = [.dailyCheck, .weeklyCheck, .monthlyCheck, .report]

    func hazard(_ staff: Staff, regulator: Actor, found: Date, random: inout SplitMix64, in db: Database) throws {
        let major = random.chance(0.1)
        let reporter = [staff.postWorker, staff.teamLeader, staff.officer][Int.random(in: 0..<3, using: &random)]
        let point: Int64? = staff.points.isEmpty || random.chance(0.3) ? nil : staff.points[Int.random(in: 0..<staff.points.count, using: &random)]
        let report = HazardReport(
            workshopID: staff.workshops[0].id,
            teamID: staff.teams[0].id,
            riskPointID: point,
            source: Self.sources[Int.random(in: 0..<Self.sources.count, using: &random)],
            grade: major ? .major : .general,
            description: Self.descriptions[Int.random(in: 0..<Self.descriptions.count, using: &random)],
            location: staff.workshops[0].name,
            foundAt: found
        )
        var hazard = try record(found, StoreRepository.reportHazard(report, files: [], by: reporter, at: found, in: db), in: db)
        var at = found
        let owner = staff.heads[0]
        /// Performs the next step some hours later, unless that is past the end of the history.
        func step(_ hours: ClosedRange<Double>, _ command: HazardCommand, by actor: Actor) throws -> Bool {
            let next = at.addingTimeInterval((Double.random(in: hours, using: &random) * 3_600).rounded())
            guard next < options.asOf else { return false }
            at = next
            try apply(command, to: &hazard, by: actor, at: at, in: db)
            return true
        }
        if random.chance(0.03) {
            _ = try step(1...48, .event(.cancel(reason: "重复上报")), by: staff.director)
            return
        }
        /// Performs a product action some hours later, unless that is past the end of the history.
        func product(_ hours: ClosedRange<Double>, _ command: ProductCommand, by actor: Actor) throws -> Bool {
            let next = at.addingTimeInterval((Double.random(in: hours, using: &random) * 3_600).rounded())
            guard next < options.asOf else { return false }
            at = next
            let (_, drafts) = try StoreRepository.apply(command, to: hazard, by: actor, at: at, in: db)
            for draft in drafts { try AuditLog.append(draft, at: at, in: db) }
            return true
        }
        // Half the major hazards name the batches they may affect: one to three, most of them shipped.
        var shipped: [(number: String, quantity: Int)] = []
        if major, random.chance(0.5) {
            for index in 1...Int.random(in: 1...3, using: &random) {
                let made = Int.random(in: 200...20_000, using: &random)
                let out = random.chance(0.6) ? Int.random(in: 1...made, using: &random) : 0
                let number = "\(hazard.number.replacingOccurrences(of: "YH-", with: "P"))-\(index)"
                let producedTo = found.addingTimeInterval(-Double(Int.random(in: 1...20, using: &random)) * 86_400)
                let draft = BatchDraft(
                    number: number,
                    product: staff.enterprise.productCategory,
                    quantityMade: made,
                    quantityShipped: out,
                    producedFrom: producedTo.addingTimeInterval(-2 * 86_400),
                    producedTo: producedTo
                )
                guard try product(1...24, .recordBatch(draft), by: staff.officer) else { return }
                if out > 0 { shipped.append((number, out)) }
            }
        }
        // The notice follows the report within half a day to five days, so recent reports still wait for theirs.
        let delay = Double.random(in: 12...120, using: &random).rounded()
        let noticeAt = at.addingTimeInterval(delay * 3_600)
        let deadline = noticeAt.addingTimeInterval(
            Double(major ? Int.random(in: 30...60, using: &random) : Int.random(in: 5...30, using: &random)) * 86_400
        )
        let notice = HazardCommand.issueNotice(
            receiverID: owner.id,
            responsibleUnit: staff.workshops[0].name,
            nature: "影响产品质量安全",
            requiredMeasures: "立即整改并验证效果",
            deadline: deadline
        )
        guard try step(delay...delay, notice, by: staff.officer) else { return }
        guard try step(1...24, .event(.acknowledgeNotice), by: owner) else { return }
        let listed = major && random.chance(0.4)
        if listed { guard try step(1...72, .event(.list(order: "挂牌督办：限期整改并报送整改报告")), by: regulator) else { return } }
        if major {
            let plan = PlanDraft(
                target: "消除重大隐患",
                methods: "更换设备并验证",
                funds: "专项资金",
                organisation: "\(staff.workshops[0].name)牵头",
                timeLimit: deadline,
                safetyMeasures: "停用相关设备，落实应急预案"
            )
            guard try step(4...48, .event(.submitPlan(plan)), by: owner) else { return }
            guard try step(4...48, .event(.approvePlan(note: "同意")), by: staff.director) else { return }
        }
        guard try step(1...24, .event(.startRectification), by: owner) else { return }
        if random.chance(0.1), at.addingTimeInterval(86_400) < deadline {
            guard try step(1...12, .event(.requestExtension(reason: "配件待到货", until: deadline.addingTimeInterval(10 * 86_400))), by: owner) else {
                return
            }
            guard try step(1...24, .event(.decideExtension(grant: random.chance(0.7), note: "经研究决定")), by: staff.director) else { return }
        }
        // Some rectifications stall: they stay open and fall overdue.
        if random.chance(0.06) { return }
        let effective = hazard.deadline ?? deadline
        let late = random.chance(0.15)
        let remaining = max(2, effective.timeIntervalSince(at) / 3_600)
        let hours = late ? (remaining + 24)...(remaining + 240) : (1...max(1, remaining - 1))
        let submit = HazardCommand.submitRectification(
            measuresTaken: "已整改并自查合格",
            completedAt: at.addingTimeInterval(hours.lowerBound * 3_600 - 3_600),
            funds: "",
            evidence: []
        )
        guard try submitStep(hours, submit, by: owner, at: &at, hazard: &hazard, random: &random, in: db) else { return }
        // Recent submissions are often still waiting for their acceptance check when the history ends.
        if options.asOf.timeIntervalSince(at) < 30 * 86_400, random.chance(0.6) { return }
        if random.chance(0.1) {
            guard try step(4...48, .accept(passed: false, criteria: "符合整改要求", opinion: "整改不到位", evidence: []), by: staff.officer) else { return }
            guard
                try submitStep(
                    24...120,
                    .submitRectification(measuresTaken: "再次整改", completedAt: at, funds: "", evidence: []),
                    by: owner,
                    at: &at,
                    hazard: &hazard,
                    random: &random,
                    in: db
                )
            else { return }
        }
        // Shipped goods are recalled: planned before the acceptance, which waits for it.
        var recallDeadline: Date?
        if !shipped.isEmpty {
            let deadline = at.addingTimeInterval(Double(Int.random(in: 20...60, using: &random)) * 86_400)
            let plan = RecallPlan(
                scope: "批次 " + shipped.map(\.number).joined(separator: "、") + " 已发货产品",
                method: "通知经销商下架，联系用户退换",
                channels: "电话、短信、企业网站公告",
                deadline: deadline,
                disposal: "集中封存后销毁"
            )
            guard try product(1...24, .planRecall(plan), by: staff.officer) else { return }
            recallDeadline = deadline
        }
        guard try step(4...48, .accept(passed: true, criteria: "符合整改要求", opinion: "整改到位，同意销号", evidence: []), by: staff.officer) else { return }
        // The stop of a major hazard is lifted once accepted: by the listing office while listed, else the principal.
        if major { guard try product(1...24, .liftStop(note: "整改验收合格，恢复生产"), by: listed ? regulator : staff.principal) else { return } }
        if listed { guard try step(24...240, .event(.liftListing(note: "整改完成，摘牌")), by: regulator) else { return } }
        guard let recallDeadline else { return }
        // Most recalls bring something back of every shipped batch and are closed as done; a few are left to run out.
        guard random.chance(0.85) else {
            if recallDeadline.addingTimeInterval(86_400) < options.asOf {
                at = max(at, recallDeadline)
                _ = try product(1...48, .closeRecall(done: false, note: "逾期未完成召回"), by: regulator)
            }
            return
        }
        for (number, quantity) in shipped {
            let back = max(1, Int(Double(quantity) * Double.random(in: 0.5...1, using: &random)))
            guard try product(24...240, .recordReturn(batch: number, quantity: back, disposal: "封存销毁"), by: staff.officer) else { return }
        }
        _ = try product(1...48, .closeRecall(done: true, note: "已按计划完成召回"), by: staff.principal)
    }

    /// A submission, completed an hour before it is submitted.
    func submitStep(
        _ hours: ClosedRange<Double>,
        _ command: HazardCommand,
        by actor: Actor,
        at: inout Date,
        hazard: inout Hazard,
        random: inout SplitMix64,
        in db: Database
    ) throws -> Bool {
        let next = at.addingTimeInterval((Double.random(in: hours, using: &random) * 3_600).rounded())
        guard next < options.asOf else { return false }
        var timed = command
        if case .submitRectification(let measures, _, let funds, let evidence) = command {
            timed = .submitRectification(measuresTaken: measures, completedAt: next.addingTimeInterval(-3_600), funds: funds, evidence: evidence)
        }
        at = next
        try apply(timed, to: &hazard, by: actor, at: at, in: db)
        return true
    }

    /// Load, decide, save, with the hazard already in hand: the store's own decide-and-save step, without reloading.
    func apply(_ command: HazardCommand, to hazard: inout Hazard, by actor: Actor, at now: Date, in db: Database) throws {
        let (_, drafts) = try StoreRepository.apply(command, to: &hazard, files: [], by: actor, at: now, in: db)
        for draft in drafts { try AuditLog.append(draft, at: now, in: db) }
    }

    // MARK: Lists

    /// The province's regulator evaluates the last quarter that ended; a city regulator reviews (approving most) and
    /// the province publishes what was approved.
    func lists(tree: Tree, summary: inout Summary, in db: Database) throws {
        guard let rules = listRules, let province = tree.regulators[tree.province] else { return }
        let local = try LocalTime()
        let quarter = ReportingPeriod.containing(options.asOf, unit: .quarter, in: local).previous
        // A week after the quarter ended, or just before `asOf` when that is sooner.
        let end = quarter.end(in: local)
        let at = max(end, min(end.addingTimeInterval(7 * 86_400), options.asOf.addingTimeInterval(-3_600)))
        let entries = try record(at, StoreRepository.evaluateLists(quarter: quarter, rules: rules, by: province, at: at, in: db), in: db)
        guard !entries.isEmpty else { return }
        for entry in entries {
            let reviewer =
                tree.regulators.first {
                    $0.value.id != province.id && tree.levels[$0.key] == .city
                        && (try? StoreRepository.enterprisePath(entry.enterpriseID, in: db).contains($0.key)) == true
                }?.value ?? province
            guard reviewer.id != province.id else { continue }
            _ = try record(
                at,
                StoreRepository.reviewListEntry(entry.id, approve: entry.id % 5 != 0, note: "经审核", by: reviewer, at: at, in: db),
                in: db
            )
        }
        if try ListEntry.filter(Column("quarter") == quarter.description && Column("state") == "proposed").fetchCount(db) == 0,
            try ListEntry.filter(Column("quarter") == quarter.description && Column("state") == "approved").fetchCount(db) > 0
        {
            _ = try record(at, StoreRepository.publishLists(quarter: quarter.description, by: province, at: at, in: db), in: db)
        }
    }
}
