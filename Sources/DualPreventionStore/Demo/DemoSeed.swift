import DualPrevention
import Foundation

/// What the sample holds, for the summary the demo prints.
public struct DemoSummary: Sendable, Codable {
    public struct EnterpriseLine: Sendable, Codable {
        public var id: Int64
        public var name: String
        public var category: String
        public var riskPointsByColour: [String: Int]
        public var hazardsByState: [String: Int]
        public var overdue: Int
        public var listed: Int
    }

    public var enterprises: [EnterpriseLine]
    public var people: Int
    public var auditEntries: Int
    public var auditIntact: Bool
    public var headHash: String
}

/// Builds the sample through the same operations a person would use, with times spread over the past weeks,
/// so that every rule is exercised and every entry is in the audit chain.
public struct DemoSeed {
    let repository: any Repository
    let now: Date
    let evidenceDirectory: URL
    let creditRules: CreditRules?
    let listRules: ListRules?
    var clock: Date

    /// Without rules, the demo stops before credit grades and lists.
    public init(repository: any Repository, now: Date, evidenceDirectory: URL, creditRules: CreditRules? = nil, listRules: ListRules? = nil) {
        self.repository = repository
        self.now = now
        self.evidenceDirectory = evidenceDirectory
        self.creditRules = creditRules
        self.listRules = listRules
        self.clock = now.addingTimeInterval(-50 * 86_400)
    }

    /// Advances the simulated clock by some hours and returns it.
    mutating func tick(_ hours: Double = 1) -> Date {
        clock = clock.addingTimeInterval(hours * 3_600)
        return clock
    }

    func day(_ offset: Double) -> Date { now.addingTimeInterval(offset * 86_400) }

    /// A small SVG "photo" standing in for a camera picture, written to disk so it is ingested like any file.
    private func photo(_ name: String, caption: String) throws -> EvidenceFile {
        try FileManager.default.createDirectory(at: evidenceDirectory, withIntermediateDirectories: true)
        let url = evidenceDirectory.appendingPathComponent(name)
        let svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="640" height="360"><rect width="640" height="360" fill="#ddd"/>\
            <text x="20" y="180" font-size="22">\(caption)</text></svg>
            """
        try Data(svg.utf8).write(to: url)
        return EvidenceFile(path: url.path, label: name.hasPrefix("after") ? "after" : "before")
    }

    struct Company {
        var enterprise: Enterprise
        var workshops: [Workshop]
        var teams: [[Team]]
        var people: [String: Person]
        var points: [RiskPoint]
        func actor(_ name: String) -> Actor { people[name]?.actor ?? Actor(id: 0, name: name, role: .postWorker) }
    }

    public mutating func run(adminName: String = "系统管理员") async throws -> DemoSummary {
        let admin = try await repository.bootstrap(adminName: adminName, demo: true, at: tick()).actor
        let province = try await repository.addJurisdiction(name: "浙江省", level: .province, parentID: nil, by: admin, at: tick())
        let city = try await repository.addJurisdiction(name: "台州市", level: .city, parentID: province.id, by: admin, at: tick())
        var districts: [Jurisdiction] = []
        for name in ["椒江区", "黄岩区", "路桥区"] {
            districts.append(try await repository.addJurisdiction(name: name, level: .district, parentID: city.id, by: admin, at: tick()))
        }
        _ = try await repository.addJurisdiction(name: "洪家街道", level: .town, parentID: districts[0].id, by: admin, at: tick())
        let cityRegulator = try await repository.addPerson(
            Person(id: 0, name: "台州市局 孙建华", role: .regulator, jurisdictionID: city.id),
            by: admin,
            at: tick()
        )
        var regulators: [Person] = []
        for (index, name) in ["椒江分局 陈刚", "黄岩分局 刘洋", "路桥分局 赵敏"].enumerated() {
            regulators.append(
                try await repository.addPerson(
                    Person(id: 0, name: name, role: .regulator, jurisdictionID: districts[index].id),
                    by: admin,
                    at: tick()
                )
            )
        }
        let assessor = try await repository.addPerson(Person(id: 0, name: "评估专家 马文", role: .assessor), by: admin, at: tick())

        var companies: [Company] = []
        for spec in [DemoCatalogue.plastics, DemoCatalogue.chemicals, DemoCatalogue.bicycles] {
            companies.append(try await setUp(spec, jurisdiction: districts[spec.district], regulator: regulators[spec.district].actor))
        }
        try await plasticsHazards(companies[0])
        try await chemicalsHazards(companies[1], regulator: regulators[1].actor)
        try await bicyclesHazards(companies[2])
        try await checks(companies[0])
        try await benchmarkHistory(companies[0])
        // The city appoints the assessor to the plastics maker, its candidate benchmark enterprise.
        _ = try await repository.assignAssessor(assessor.id, enterpriseID: companies[0].enterprise.id, by: cityRegulator.actor, at: tick())
        if let creditRules, let listRules {
            try await creditAndLists(
                companies,
                regulators: regulators.map(\.actor),
                city: cityRegulator.actor,
                creditRules: creditRules,
                listRules: listRules
            )
        }
        let newcomer = try await regulatorSide(companies, regulators: regulators.map(\.actor), city: cityRegulator.actor, admin: admin, under: city)
        let served = try await regionalDirector(in: districts[2], regulator: regulators[2].actor, admin: admin)
        return try await summary(companies + [newcomer] + served)
    }

    private mutating func setUp(_ spec: DemoCatalogue.Company, jurisdiction: Jurisdiction, regulator: Actor) async throws -> Company {
        let enterprise = try await repository.addEnterprise(
            Enterprise(
                id: 0,
                name: spec.name,
                creditCode: try CreditCode.completing(spec.code17),
                jurisdictionID: jurisdiction.id,
                productCategory: spec.category,
                address: spec.address
            ),
            by: regulator,
            at: tick()
        )
        let (principalName, _, _) = spec.people[0]
        let admin = try await repository.person("1").actor
        let principal = try await repository.addPerson(
            Person(id: 0, name: principalName, role: .principal, enterpriseID: enterprise.id),
            by: admin,
            at: tick()
        )
        var workshops: [Workshop] = []
        var teams: [[Team]] = []
        for (index, name) in spec.workshops.enumerated() {
            let workshop = try await repository.addWorkshop(enterpriseID: enterprise.id, name: name, by: principal.actor, at: tick(0.1))
            workshops.append(workshop)
            var list: [Team] = []
            for teamName in spec.teams[index] {
                let team = try await repository.addTeam(workshopID: workshop.id, name: teamName, by: principal.actor, at: tick(0.1))
                _ = try await repository.addPost(
                    teamID: team.id,
                    name: teamName.replacingOccurrences(of: "班", with: "") + "操作岗",
                    by: principal.actor,
                    at: tick(0.1)
                )
                list.append(team)
            }
            teams.append(list)
        }
        var people: [String: Person] = [principalName: principal]
        for (name, role, workshop) in spec.people.dropFirst() {
            people[name] = try await repository.addPerson(
                Person(id: 0, name: name, role: role, enterpriseID: enterprise.id, workshopID: workshop.map { workshops[$0].id }),
                by: principal.actor,
                at: tick(0.1)
            )
        }
        let director = people.values.first { $0.role == .director }?.actor ?? principal.actor
        var points: [RiskPoint] = []
        for point in spec.points {
            let owner =
                people.values.first { $0.workshopID == workshops[point.workshop].id && $0.role == .workshopHead }
                ?? people.values.first { $0.role == .officer } ?? principal
            points.append(
                try await repository.addRiskPoint(
                    RiskPoint(
                        id: 0,
                        enterpriseID: enterprise.id,
                        workshopID: workshops[point.workshop].id,
                        teamID: teams[point.workshop].first?.id,
                        dimension: point.dimension,
                        controlStage: point.stage,
                        name: point.name,
                        hazardDescription: point.description,
                        measures: point.measures,
                        target: point.target,
                        frequency: point.frequency,
                        ownerID: owner.id,
                        productCategory: spec.category
                    ),
                    grading: point.grading,
                    by: director,
                    at: tick(0.2)
                )
            )
        }
        return Company(enterprise: enterprise, workshops: workshops, teams: teams, people: people, points: points)
    }

    mutating func report(
        _ c: Company,
        by name: String,
        workshop: Int,
        point: Int?,
        grade: HazardGrade = .general,
        source: HazardSource,
        _ description: String,
        photo: EvidenceFile? = nil
    ) async throws -> Hazard {
        try await repository.reportHazard(
            HazardReport(
                workshopID: c.workshops[workshop].id,
                teamID: c.teams[workshop].first?.id,
                riskPointID: point.map { c.points[$0].id },
                source: source,
                grade: grade,
                description: description,
                foundAt: tick(),
                evidence: photo.map { [$0] } ?? []
            ),
            by: c.actor(name),
            at: clock
        )
    }

    @discardableResult
    mutating func act(_ c: Company, _ hazard: Hazard, _ command: HazardCommand, by actor: Actor, hours: Double = 6) async throws -> Hazard {
        try await repository.perform(command, on: String(hazard.id), by: actor, at: tick(hours)).0
    }

    mutating func notice(
        _ c: Company,
        _ h: Hazard,
        by issuer: String,
        to receiver: String,
        deadline: Date,
        measures: String
    ) async throws -> Hazard {
        try await act(
            c,
            h,
            .issueNotice(
                receiverID: c.people[receiver]?.id ?? 0,
                responsibleUnit: c.workshops.first { $0.id == h.workshopID }?.name ?? "",
                nature: "影响产品质量安全，可能导致不合格品出厂",
                requiredMeasures: measures,
                deadline: deadline
            ),
            by: c.actor(issuer)
        )
    }

    private mutating func plasticsHazards(_ c: Company) async throws {
        // A closed loop with a failed acceptance on the way, then re-grading of the residual risk.
        var h = try await report(
            c,
            by: "王海涛",
            workshop: 1,
            point: 1,
            source: .dailyCheck,
            "3号注塑机温控仪显示值与实测值偏差12℃",
            photo: try photo("before-temp.svg", caption: "3号注塑机温控仪偏差12℃")
        )
        h = try await notice(c, h, by: "王海涛", to: "吴春华", deadline: day(-30), measures: "更换温控仪热电偶并校准，复测三批首件")
        try await act(c, h, .event(.acknowledgeNotice), by: c.actor("吴春华"))
        try await act(c, h, .event(.startRectification), by: c.actor("吴春华"))
        try await act(c, h, .submitRectification(measuresTaken: "已校准温控仪", completedAt: clock, funds: "300元", evidence: []), by: c.actor("吴春华"))
        try await act(c, h, .accept(passed: false, criteria: "显示值与实测值偏差≤5℃", opinion: "复测偏差仍达8℃，热电偶老化未更换", evidence: []), by: c.actor("林晓燕"))
        try await act(
            c,
            h,
            .submitRectification(
                measuresTaken: "更换热电偶并重新校准，连续三批首件检验合格",
                completedAt: clock,
                funds: "1200元",
                evidence: [try photo("after-temp.svg", caption: "更换后偏差1.5℃")]
            ),
            by: c.actor("吴春华")
        )
        try await act(c, h, .accept(passed: true, criteria: "显示值与实测值偏差≤5℃，连续三批首件合格", opinion: "整改到位，同意销号", evidence: []), by: c.actor("林晓燕"))
        _ = try await repository.grade(riskPointID: c.points[1].id, .lec(l: 1, e: 6, c: 15), reason: "隐患闭环后复评（更换热电偶）", by: c.actor("林晓燕"), at: tick())

        // Under rectification with a granted extension.
        h = try await report(c, by: "徐明", workshop: 1, point: 5, source: .weeklyCheck, "注塑车间防虫帘破损两处，风淋室门禁失效")
        h = try await notice(c, h, by: "王海涛", to: "吴春华", deadline: day(3), measures: "更换防虫帘，维修风淋门禁")
        try await act(c, h, .event(.acknowledgeNotice), by: c.actor("吴春华"))
        try await act(c, h, .event(.startRectification), by: c.actor("吴春华"))
        try await act(c, h, .event(.requestExtension(reason: "风淋门禁配件需厂家发货", until: day(12))), by: c.actor("吴春华"))
        try await act(c, h, .event(.decideExtension(grant: true, note: "同意延期，期间加强人工管控")), by: c.actor("林晓燕"))

        // Notice issued, not yet acknowledged.
        h = try await report(c, by: "陈静", workshop: 3, point: 6, source: .dailyCheck, "成品仓库部分纸箱离地不足10cm")
        _ = try await notice(c, h, by: "陈静", to: "杨帆", deadline: day(5), measures: "加装托盘，离地离墙存放")

        // Just reported.
        _ = try await report(c, by: "黄丽萍", workshop: 1, point: 2, source: .report, "色母称量记录缺少复核人签名")

        // Cancelled as a duplicate, with its reason on record.
        h = try await report(c, by: "蒋伟", workshop: 3, point: nil, source: .report, "成品仓库纸箱离地不足（重复上报）")
        try await act(c, h, .event(.cancel(reason: "与同日已登记隐患重复")), by: c.actor("林晓燕"))

        // Overdue: deadline passed while still under rectification.
        h = try await report(c, by: "王海涛", workshop: 3, point: 9, source: .monthlyCheck, "出厂检验未做高锰酸钾消耗量项目，检验报告不全")
        h = try await notice(c, h, by: "林晓燕", to: "王海涛", deadline: day(-4), measures: "补齐检验项目，修订出厂检验规程")
        try await act(c, h, .event(.acknowledgeNotice), by: c.actor("王海涛"))
        try await act(c, h, .event(.startRectification), by: c.actor("王海涛"))
    }

    private mutating func chemicalsHazards(_ c: Company, regulator: Actor) async throws {
        // A major hazard: plan approved by the director, listed for supervision by the district regulator.
        var h = try await report(
            c,
            by: "卢俊",
            workshop: 0,
            point: 1,
            grade: .major,
            source: .dailyCheck,
            "2号反应釜温度联锁失效，超温时不能自动切断进料",
            photo: try photo("before-reactor.svg", caption: "2号反应釜联锁失效")
        )
        h = try await notice(c, h, by: "潘美玲", to: "方永康", deadline: day(15), measures: "停用2号反应釜，修复温度联锁并经验证后方可恢复生产")
        try await act(c, h, .event(.acknowledgeNotice), by: c.actor("方永康"))
        try await act(c, h, .event(.list(order: "挂牌督办：30日内完成联锁修复并报送整改报告")), by: regulator)
        try await act(
            c,
            h,
            .event(
                .submitPlan(
                    PlanDraft(
                        target: "恢复2号反应釜温度联锁功能，杜绝超温分解",
                        methods: "更换温度变送器和切断阀，联锁回路逐项测试",
                        funds: "专项资金8万元，备件已采购",
                        organisation: "合成车间 方永康 牵头，设备部配合",
                        timeLimit: day(14),
                        safetyMeasures: "2号釜停用挂牌，物料转移，制定超温应急处置预案"
                    )
                )
            ),
            by: c.actor("方永康")
        )
        try await act(c, h, .event(.approvePlan(note: "同意，按期完成")), by: c.actor("潘美玲"))
        try await act(c, h, .event(.startRectification), by: c.actor("方永康"))

        // Waiting for acceptance.
        h = try await report(c, by: "金秀英", workshop: 1, point: 2, source: .dailyCheck, "灌装秤未按日校准，记录缺3天")
        h = try await notice(c, h, by: "卢俊", to: "叶建军", deadline: day(6), measures: "立即校准灌装秤，补抽检当日产品净含量")
        try await act(c, h, .event(.acknowledgeNotice), by: c.actor("叶建军"))
        try await act(c, h, .event(.startRectification), by: c.actor("叶建军"))
        try await act(
            c,
            h,
            .submitRectification(
                measuresTaken: "灌装秤已校准，抽检30桶净含量全部合格",
                completedAt: clock,
                funds: "",
                evidence: [try photo("after-scale.svg", caption: "校准记录")]
            ),
            by: c.actor("叶建军")
        )

        // Closed.
        h = try await report(c, by: "卢俊", workshop: 1, point: 4, source: .weeklyCheck, "安全标签缺少应急咨询电话")
        h = try await notice(c, h, by: "卢俊", to: "叶建军", deadline: day(-20), measures: "重新印制安全标签，库存产品逐桶更换")
        try await act(c, h, .event(.acknowledgeNotice), by: c.actor("叶建军"))
        try await act(c, h, .event(.startRectification), by: c.actor("叶建军"))
        try await act(c, h, .submitRectification(measuresTaken: "标签已重印并更换", completedAt: clock, funds: "600元", evidence: []), by: c.actor("叶建军"))
        try await act(c, h, .accept(passed: true, criteria: "安全标签要素符合GB 15258", opinion: "抽查20桶，标签齐全", evidence: []), by: c.actor("潘美玲"))

        // Acceptance failed: back under rectification.
        h = try await report(c, by: "钟磊", workshop: 1, point: 3, source: .dailyCheck, "部分包装桶无性能检验报告")
        h = try await notice(c, h, by: "卢俊", to: "叶建军", deadline: day(8), measures: "停用无报告批次包装桶，向供应商索取检验报告")
        try await act(c, h, .event(.acknowledgeNotice), by: c.actor("叶建军"))
        try await act(c, h, .event(.startRectification), by: c.actor("叶建军"))
        try await act(c, h, .submitRectification(measuresTaken: "已索取部分报告", completedAt: clock, funds: "", evidence: []), by: c.actor("叶建军"))
        try await act(c, h, .accept(passed: false, criteria: "在用包装桶100%有性能检验报告", opinion: "仍有2个批次无报告，未停用", evidence: []), by: c.actor("潘美玲"))
    }

    private mutating func bicyclesHazards(_ c: Company) async throws {
        // A major hazard waiting for its plan to be approved.
        var h = try await report(c, by: "沈浩", workshop: 2, point: 3, grade: .major, source: .spotCheck, "控制器限速参数可被用户修改，最高车速可达32km/h")
        h = try await notice(c, h, by: "何丽", to: "韩冬", deadline: day(20), measures: "暂停出厂，控制器固件锁定限速参数，召回评估")
        try await act(c, h, .event(.acknowledgeNotice), by: c.actor("韩冬"))
        try await act(
            c,
            h,
            .event(
                .submitPlan(
                    PlanDraft(
                        target: "所有在库及在制车辆最高车速≤25km/h且参数不可修改",
                        methods: "升级控制器固件，逐车测速；已售车辆评估召回",
                        funds: "15万元",
                        organisation: "总装车间 韩冬，技术部 配合",
                        timeLimit: day(18),
                        safetyMeasures: "成品冻结出库，暂停销售，准备召回预案"
                    )
                )
            ),
            by: c.actor("韩冬")
        )
        // The batches it affects: two sold, one frozen in stock; the recall is planned before it can be accepted.
        let batches: [(String, Int, Int, Double)] = [
            ("EB-2026-0815", 1_200, 1_150, -75), ("EB-2026-0902", 1_500, 1_320, -60), ("EB-2026-0920", 800, 0, -52),
        ]
        for (number, made, shipped, produced) in batches {
            let draft = BatchDraft(
                number: number,
                product: "电动自行车 XC-350",
                quantityMade: made,
                quantityShipped: shipped,
                producedFrom: day(produced),
                producedTo: day(produced + 3)
            )
            _ = try await repository.recordBatch(draft, hazard: String(h.id), by: c.actor("沈浩"), at: tick())
        }
        let plan = RecallPlan(
            scope: "EB-2026-0815、EB-2026-0902 两批次已售车辆共 2470 辆，浙江、江苏经销商 36 家",
            method: "经销商通知车主到店免费升级控制器固件并复测车速",
            channels: "短信、电话、企业官网及公众号公告，经销商门店张贴",
            deadline: day(40),
            disposal: "升级后复测合格交还车主，无法升级的控制器更换后封存销毁"
        )
        _ = try await repository.planRecall(plan, hazard: String(h.id), by: c.actor("何丽"), at: tick())
        _ = try await repository.recordRecallReturn(
            batch: "EB-2026-0815",
            quantity: 412,
            disposal: "到店升级固件，复测≤25km/h",
            hazard: String(h.id),
            by: c.actor("沈浩"),
            at: tick(24)
        )

        // Overdue: notice acknowledged but rectification never started.
        h = try await report(c, by: "曹红梅", workshop: 1, point: 6, source: .dailyCheck, "电池仓库温度达34℃，堆放超过规定高度")
        h = try await notice(c, h, by: "沈浩", to: "唐志远", deadline: day(-2), measures: "加装空调降温，限高1.5米重新码放")
        try await act(c, h, .event(.acknowledgeNotice), by: c.actor("唐志远"))

        // Closed.
        h = try await report(c, by: "冯小军", workshop: 2, point: 5, source: .monthlyCheck, "两把扭力扳手超期未校准")
        h = try await notice(c, h, by: "沈浩", to: "韩冬", deadline: day(-10), measures: "送检校准，期间使用备用扳手")
        try await act(c, h, .event(.acknowledgeNotice), by: c.actor("韩冬"))
        try await act(c, h, .event(.startRectification), by: c.actor("韩冬"))
        try await act(c, h, .submitRectification(measuresTaken: "已送检校准合格，贴合格标识", completedAt: clock, funds: "200元", evidence: []), by: c.actor("韩冬"))
        try await act(c, h, .accept(passed: true, criteria: "扭力扳手校准证书在有效期内", opinion: "校准证书齐全", evidence: []), by: c.actor("沈浩"))

        // Just reported.
        _ = try await report(c, by: "彭飞", workshop: 2, point: 7, source: .report, "总装线照明灯管损坏2处")
    }

    /// The regulator's side: the city's warning on e-bike battery storage pushed to the city's e-bike makers (one
    /// acknowledged it and answered with a failed item whose hazard was closed, so its task closed; the other, newly
    /// registered, never acknowledged it: overdue); a failed spot check at the first maker whose hazards are one
    /// overdue and major, one nearly due. A pass of the ladder as of now then reaches each step: owner, director,
    /// principal, the district, the city, and the warning's issuer. Returns the newcomer, for the summary.
    private mutating func regulatorSide(
        _ companies: [Company],
        regulators: [Actor],
        city: Actor,
        admin: Actor,
        under cityJurisdiction: Jurisdiction
    ) async throws -> Company {
        let bikes = companies[2]
        // A second e-bike maker, registered lately in a county the city has just taken on (no district office of its
        // own yet): it never answers the city's warning.
        let linhai = try await repository.addJurisdiction(name: "临海市", level: .district, parentID: cityJurisdiction.id, by: admin, at: tick())
        let newcomer = try await repository.addEnterprise(
            Enterprise(
                id: 0,
                name: "临海骏捷电动车有限公司",
                creditCode: try CreditCode.completing("91331082MA2DJ7QX4"),
                jurisdictionID: linhai.id,
                productCategory: bikes.enterprise.productCategory,
                address: "临海市江南街道工业园12号"
            ),
            by: admin,
            at: tick()
        )
        let assembly = try await repository.addWorkshop(enterpriseID: newcomer.id, name: "总装车间", by: admin, at: tick())
        let team = try await repository.addTeam(workshopID: assembly.id, name: "总装班", by: admin, at: tick())
        _ = try await repository.addPost(teamID: team.id, name: "整车装配岗", by: admin, at: tick())
        var people: [String: Person] = [:]
        for (name, role) in [("孔德明", Role.principal), ("吕建平", .director)] {
            people[name] = try await repository.addPerson(Person(id: 0, name: name, role: role, enterpriseID: newcomer.id), by: admin, at: tick())
        }
        let (warning, _) = try await repository.issueWarning(
            WarningRequest(
                title: "电动自行车蓄电池存放风险预警",
                text: "近期本市发生多起电动自行车蓄电池仓储起火事故。请各电动自行车生产企业立即排查蓄电池存放、充电和消防条件，逐项答复。",
                category: bikes.enterprise.productCategory,
                items: [
                    WarningItem(ref: "B1", text: "蓄电池仓库温度、堆放高度和消防设施符合要求"),
                    WarningItem(ref: "B2", text: "充电区与成品区、原料区物理隔离"),
                    WarningItem(ref: "B3", text: "出厂蓄电池的电量不超过50%"),
                ],
                deadline: try LocalTime().startOfDay(day(-20))
            ),
            rules: .defaults,
            by: city,
            at: tick()
        )
        _ = try await repository.acknowledgeTask(warningID: warning.id, by: bikes.actor("何丽"), at: tick(5))
        let (_, found) = try await repository.answerTask(
            warningID: warning.id,
            results: [
                .init(ref: "B1", passed: true), .init(ref: "B2", passed: false, note: "电池班充电架紧邻成品待发区，未作隔离"),
                .init(ref: "B3", passed: true),
            ],
            workshopID: bikes.workshops[1].id,
            by: bikes.actor("何丽"),
            at: tick(20)
        )
        for h in found {
            _ = try await notice(bikes, h, by: "沈浩", to: "韩冬", deadline: day(-25), measures: "充电区砌防火隔墙，配置灭火器")
            try await act(bikes, h, .event(.acknowledgeNotice), by: bikes.actor("韩冬"))
            try await act(bikes, h, .event(.startRectification), by: bikes.actor("韩冬"))
            try await act(
                bikes,
                h,
                .submitRectification(measuresTaken: "充电区已砌防火隔墙并配置灭火器2具", completedAt: clock, funds: "6000元", evidence: []),
                by: bikes.actor("韩冬")
            )
            try await act(bikes, h, .accept(passed: true, criteria: "充电区与成品区物理隔离", opinion: "隔墙已完成", evidence: []), by: bikes.actor("何丽"))
        }
        let (_, spotted) = try await repository.recordInspection(
            InspectionRequest(
                kind: .spotCheck,
                enterpriseID: bikes.enterprise.id,
                performedAt: tick(),
                summary: "2026年电动自行车产品质量监督抽查",
                items: [
                    InspectionItem(
                        ref: "S1",
                        text: "整车最高车速",
                        passed: false,
                        finding: "抽样车辆实测最高车速 28 km/h，超过 25 km/h",
                        workshopID: bikes.workshops[2].id,
                        grade: .major
                    ),
                    InspectionItem(ref: "S2", text: "产品标识和说明书", passed: false, finding: "说明书未标注蓄电池充电注意事项", workshopID: bikes.workshops[3].id),
                    InspectionItem(ref: "S3", text: "制动性能", passed: true),
                ]
            ),
            by: regulators[2],
            at: clock
        )
        if spotted.count == 2 {
            _ = try await notice(bikes, spotted[0], by: "何丽", to: "韩冬", deadline: day(-8), measures: "复核控制器限速，逐车复测")
            _ = try await notice(bikes, spotted[1], by: "沈浩", to: "唐志远", deadline: day(2), measures: "修订说明书并补发")
        }
        _ = try await repository.escalate(asOf: now, rules: .defaults, senders: [], at: now)
        return Company(enterprise: newcomer, workshops: [assembly], teams: [[team]], people: people, points: [])
    }

    /// Daily, weekly and monthly checks of the plastics maker over the past weeks: one daily check missed,
    /// one with a failed item that opened a hazard, monthly minutes chaired by the principal.
    private mutating func checks(_ c: Company) async throws {
        let schedule = CheckSchedule(local: try LocalTime())
        let principal = c.actor("郑建国")
        // The plans run since the start of the benchmark baseline, so the benchmark report has checks to count.
        let start = Self.benchmarkPeriods(now: now, local: try LocalTime()).baseline.start(in: try LocalTime())
        let plans = [
            try await repository.addCheckPlan(
                enterpriseID: c.enterprise.id,
                kind: .daily,
                responsibleID: c.actor("王海涛").id,
                startsOn: start,
                by: principal,
                at: start
            ),
            try await repository.addCheckPlan(
                enterpriseID: c.enterprise.id,
                kind: .weekly,
                responsibleID: c.actor("林晓燕").id,
                startsOn: start,
                by: principal,
                at: start
            ),
            try await repository.addCheckPlan(
                enterpriseID: c.enterprise.id,
                kind: .monthly,
                responsibleID: principal.id,
                startsOn: start,
                by: principal,
                at: start
            ),
        ]
        var runs: [(Date, CheckPlan, Int)] = []
        for plan in plans {
            var cursor = schedule.period(plan.kind, containing: plan.startsOn)
            var index = 0
            while cursor.end <= now {
                // Daily records at 16:30, the weekly report on Sunday afternoon, the monthly meeting on its first morning.
                let at: Date =
                    switch plan.kind {
                    case .daily: cursor.start.addingTimeInterval(16.5 * 3_600)
                    case .weekly: cursor.end.addingTimeInterval(-7 * 3_600)
                    case .monthly: cursor.start.addingTimeInterval(9.5 * 3_600)
                    }
                runs.append((max(at, plan.startsOn.addingTimeInterval(60)), plan, index))
                cursor = schedule.period(plan.kind, containing: cursor.end.addingTimeInterval(1))
                index += 1
            }
        }
        // In time order, so the audit log reads as the weeks went by. Six days ago the daily check was missed;
        // four days ago one item failed and opened a hazard.
        let daily = runs.filter { $0.1.kind == .daily }.count
        for (at, plan, index) in runs.sorted(by: { $0.0 < $1.0 }) {
            switch plan.kind {
            case .daily where index == daily - 6:
                continue
            case .daily:
                var failures: [String: String] = [:]
                if index == daily - 4, let item = try await repository.checkItems(planID: plan.id, visibleTo: .system).first {
                    failures[item.ref] = "本批原料缺少符合性声明"
                }
                _ = try await repository.recordCheck(planID: plan.id, failures: failures, minutes: nil, by: c.actor("王海涛"), at: at)
            case .weekly:
                _ = try await repository.recordCheck(
                    planID: plan.id,
                    failures: [:],
                    minutes: CheckMinutes(
                        situation: "本周日管控记录齐全，新发现隐患已全部下达整改通知",
                        problems: "注塑车间防虫设施需更换",
                        decisions: "下周重点：出厂检验项目完整性"
                    ),
                    by: c.actor("林晓燕"),
                    at: at
                )
            case .monthly:
                _ = try await repository.recordCheck(
                    planID: plan.id,
                    failures: [:],
                    minutes: CheckMinutes(
                        chair: "郑建国",
                        attendees: "林晓燕、王海涛、陈静、周立新、吴春华",
                        situation: "本月排查隐患6项，闭环1项，1项逾期",
                        problems: "出厂检验项目不全的隐患逾期未改",
                        decisions: "12月10日前补齐高锰酸钾消耗量检验能力（王海涛）；防虫设施更换（吴春华）"
                    ),
                    by: principal,
                    at: at
                )
            }
        }
    }

    private func summary(_ companies: [Company]) async throws -> DemoSummary {
        var lines: [DemoSummary.EnterpriseLine] = []
        for c in companies {
            let points = try await repository.riskPoints(RiskFilter(enterpriseID: c.enterprise.id), visibleTo: .system)
            let hazards = try await repository.hazards(HazardFilter(enterpriseID: c.enterprise.id), visibleTo: .system)
            lines.append(
                .init(
                    id: c.enterprise.id,
                    name: c.enterprise.name,
                    category: c.enterprise.productCategory,
                    riskPointsByColour: Dictionary(grouping: points, by: { $0.colour?.rawValue ?? "ungraded" }).mapValues(\.count),
                    hazardsByState: Dictionary(grouping: hazards, by: \.state.rawValue).mapValues(\.count),
                    overdue: hazards.filter { $0.isOverdue(at: now) && $0.state.isOpen }.count,
                    listed: hazards.filter(\.isListed).count
                )
            )
        }
        let report = try await repository.verifyAudit(expectedHead: nil)
        let people = try await repository.people(enterpriseID: nil, visibleTo: .system).count
        return DemoSummary(enterprises: lines, people: people, auditEntries: report.entries, auditIntact: report.isIntact, headHash: report.headHash)
    }
}
