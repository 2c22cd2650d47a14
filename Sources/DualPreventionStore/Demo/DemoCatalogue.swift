import DualPrevention

/// The sample's content: realistic risk points for three product categories (Taizhou-style analysis tables).
enum DemoCatalogue {
    struct Point {
        var workshop: Int
        var dimension: String
        var stage: String
        var name: String
        var description: String
        var measures: String
        var target: String
        var frequency: ControlFrequency
        var grading: GradingInput
    }

    struct Company {
        var name: String
        var code17: String
        var district: Int
        var category: String
        var address: String
        var workshops: [String]
        var teams: [[String]]
        var people: [(String, Role, Int?)]
        var points: [Point]
    }

    static let plastics = Company(
        name: "台州恒信塑业有限公司",
        code17: "91331002MA2AKH3L0",
        district: 0,
        category: "食品接触用塑料制品",
        address: "台州市椒江区洪家街道工业园区8号",
        workshops: ["原料仓库", "注塑车间", "吹塑车间", "包装车间"],
        teams: [["仓储班"], ["注塑一班", "注塑二班"], ["吹塑班"], ["包装班"]],
        people: [
            ("郑建国", .principal, nil), ("林晓燕", .director, nil), ("王海涛", .officer, nil), ("陈静", .officer, nil),
            ("周立新", .workshopHead, 1), ("吴春华", .workshopHead, 2), ("徐明", .teamLeader, 1), ("黄丽萍", .postWorker, 1),
            ("蒋伟", .postWorker, 3), ("杨帆", .teamLeader, 3),
        ],
        points: [
            Point(
                workshop: 0,
                dimension: "process",
                stage: "原料进厂",
                name: "原料树脂资质查验",
                description: "使用非食品级树脂或无合格证明原料，导致迁移物、重金属超标",
                measures: "核查供应商资质，每批索证索票并留样",
                target: "每批原料合格证明齐全",
                frequency: .daily,
                grading: .lec(l: 3, e: 6, c: 40)
            ),
            Point(
                workshop: 1,
                dimension: "process",
                stage: "注塑成型",
                name: "注塑温度控制",
                description: "料温过高导致树脂降解，产生异味、迁移物超标",
                measures: "温控仪每班点检，首件检验",
                target: "温度偏差≤±5℃",
                frequency: .perShift,
                grading: .lec(l: 3, e: 6, c: 15)
            ),
            Point(
                workshop: 1,
                dimension: "process",
                stage: "配料",
                name: "色母及添加剂配比",
                description: "使用GB 9685许可清单外的添加剂或超量添加",
                measures: "添加剂清单管控，双人称量复核",
                target: "添加剂100%在许可清单内",
                frequency: .daily,
                grading: .lec(l: 1, e: 6, c: 40)
            ),
            Point(
                workshop: 1,
                dimension: "equipment",
                stage: "注塑成型",
                name: "模具清洁与润滑",
                description: "模具润滑油污染制品表面",
                measures: "使用食品级润滑油，模具每班清洁",
                target: "制品表面无油污",
                frequency: .perShift,
                grading: .lec(l: 3, e: 3, c: 15)
            ),
            Point(
                workshop: 2,
                dimension: "equipment",
                stage: "计量",
                name: "计量器具检定",
                description: "电子秤、温控仪未按期检定导致配料和工艺偏差",
                measures: "建立计量器具台账，按期送检",
                target: "检定有效率100%",
                frequency: .monthly,
                grading: .ls(l: 2, s: 3)
            ),
            Point(
                workshop: 1,
                dimension: "environment",
                stage: "生产环境",
                name: "洁净车间卫生与防虫",
                description: "车间粉尘、虫害污染产品",
                measures: "风淋、防虫帘等设施，每日清洁记录",
                target: "虫害零发现",
                frequency: .daily,
                grading: .lec(l: 3, e: 6, c: 7)
            ),
            Point(
                workshop: 3,
                dimension: "environment",
                stage: "成品储存",
                name: "成品仓储温湿度",
                description: "仓库潮湿导致包装霉变、制品污染",
                measures: "温湿度记录，离地离墙存放",
                target: "相对湿度≤70%",
                frequency: .daily,
                grading: .ls(l: 2, s: 2)
            ),
            Point(
                workshop: 1,
                dimension: "personnel",
                stage: "生产作业",
                name: "操作人员卫生",
                description: "人员未穿戴洁净服进入车间污染产品",
                measures: "入车间前更衣洗手，班组长检查",
                target: "违规次数为0",
                frequency: .perShift,
                grading: .ls(l: 3, s: 2)
            ),
            Point(
                workshop: 2,
                dimension: "personnel",
                stage: "上岗",
                name: "关键岗位培训",
                description: "未经培训上岗导致工艺参数误设",
                measures: "岗前培训考核，持证上岗",
                target: "培训合格率100%",
                frequency: .monthly,
                grading: .lec(l: 1, e: 3, c: 7)
            ),
            Point(
                workshop: 3,
                dimension: "management",
                stage: "出厂检验",
                name: "成品出厂检验",
                description: "检验项目不全即出厂，不合格品流入市场",
                measures: "按GB 4806.7逐批检验感官、总迁移量、高锰酸钾消耗量",
                target: "出厂检验合格率100%",
                frequency: .daily,
                grading: .lec(l: 6, e: 6, c: 15)
            ),
            Point(
                workshop: 3,
                dimension: "management",
                stage: "标签标识",
                name: "食品接触用标识",
                description: "未标注“食品接触用”字样或使用说明，导致误用",
                measures: "标签审核，首批确认",
                target: "标签合格率100%",
                frequency: .weekly,
                grading: .ls(l: 2, s: 2)
            ),
            Point(
                workshop: 3,
                dimension: "management",
                stage: "不合格品控制",
                name: "不合格品隔离处置",
                description: "不合格品未隔离混入成品",
                measures: "不合格品区隔离、标识并建台账",
                target: "不合格品处置记录完整",
                frequency: .daily,
                grading: .ls(l: 4, s: 4)
            ),
        ]
    )

    static let chemicals = Company(
        name: "浙江黄岩明达化工有限公司",
        code17: "91331003MA2BQ7XR1",
        district: 1,
        category: "危险化学品",
        address: "台州市黄岩区江口化工园区12号",
        workshops: ["合成车间", "灌装车间", "储罐区", "质检中心"],
        teams: [["合成甲班", "合成乙班"], ["灌装班"], ["储运班"], ["化验室"]],
        people: [
            ("邱志强", .principal, nil), ("潘美玲", .director, nil), ("卢俊", .officer, nil),
            ("方永康", .workshopHead, 0), ("叶建军", .workshopHead, 1), ("罗小兵", .teamLeader, 0), ("金秀英", .postWorker, 1), ("钟磊", .postWorker, 2),
        ],
        points: [
            Point(
                workshop: 3,
                dimension: "process",
                stage: "原料进厂",
                name: "原料入厂检验",
                description: "原料纯度、水分不达标导致产品关键指标不合格",
                measures: "每批检验纯度、水分并留样",
                target: "原料检验合格率100%",
                frequency: .daily,
                grading: .lec(l: 3, e: 6, c: 15)
            ),
            Point(
                workshop: 0,
                dimension: "process",
                stage: "合成反应",
                name: "反应釜温度压力控制",
                description: "反应温度失控导致产品分解，造成质量事故",
                measures: "DCS温度压力联锁，每班巡检",
                target: "温度联锁完好率100%",
                frequency: .perShift,
                grading: .lec(l: 6, e: 6, c: 40)
            ),
            Point(
                workshop: 1,
                dimension: "equipment",
                stage: "灌装",
                name: "灌装计量",
                description: "灌装秤失准导致净含量不合格",
                measures: "灌装秤每日校准，抽检净含量",
                target: "净含量合格率100%",
                frequency: .daily,
                grading: .lec(l: 3, e: 6, c: 7)
            ),
            Point(
                workshop: 1,
                dimension: "process",
                stage: "包装",
                name: "危险化学品包装容器",
                description: "使用未经性能检验的包装容器导致泄漏",
                measures: "包装容器须有性能检验报告，入库核验",
                target: "包装件检验报告齐全",
                frequency: .daily,
                grading: .lec(l: 3, e: 6, c: 40)
            ),
            Point(
                workshop: 1,
                dimension: "management",
                stage: "标签",
                name: "安全标签与安全技术说明书",
                description: "安全标签、安全技术说明书缺失或信息错误",
                measures: "按GB 15258编制安全标签，随货附安全技术说明书",
                target: "一书一签齐全率100%",
                frequency: .weekly,
                grading: .lec(l: 3, e: 3, c: 15)
            ),
            Point(
                workshop: 2,
                dimension: "environment",
                stage: "储存",
                name: "储罐温度",
                description: "储罐温度过高导致产品变质、挥发",
                measures: "储罐喷淋降温，温度每2小时记录",
                target: "储罐温度≤35℃",
                frequency: .perShift,
                grading: .lec(l: 3, e: 6, c: 15)
            ),
            Point(
                workshop: 0,
                dimension: "equipment",
                stage: "过程检测",
                name: "在线分析仪表",
                description: "在线分析仪漂移导致误判产品合格",
                measures: "每周标定，比对实验室数据",
                target: "偏差≤2%",
                frequency: .weekly,
                grading: .ls(l: 3, s: 3)
            ),
            Point(
                workshop: 3,
                dimension: "management",
                stage: "出厂检验",
                name: "出厂全项检验",
                description: "检验项目不全，不合格品出厂",
                measures: "按产品标准逐批全项检验并留样",
                target: "出厂批次检验率100%",
                frequency: .daily,
                grading: .lec(l: 1, e: 6, c: 40)
            ),
            Point(
                workshop: 0,
                dimension: "personnel",
                stage: "上岗",
                name: "操作人员资质",
                description: "未经培训人员操作反应釜",
                measures: "持证上岗，定期复训",
                target: "持证率100%",
                frequency: .monthly,
                grading: .ls(l: 2, s: 4)
            ),
            Point(
                workshop: 1,
                dimension: "environment",
                stage: "灌装环境",
                name: "通风与防静电",
                description: "通风不良导致溶剂挥发污染产品",
                measures: "通风设施每日点检",
                target: "通风设施完好",
                frequency: .daily,
                grading: .ls(l: 2, s: 2)
            ),
            Point(
                workshop: 3,
                dimension: "management",
                stage: "许可",
                name: "生产许可证有效期",
                description: "许可证过期仍生产",
                measures: "许可证台账，到期前3个月申请延续",
                target: "许可证在有效期内",
                frequency: .quarterly,
                grading: .ls(l: 1, s: 5)
            ),
            Point(
                workshop: 3,
                dimension: "management",
                stage: "追溯",
                name: "批次追溯",
                description: "批记录不全，无法追溯召回",
                measures: "批记录电子化，一批一档",
                target: "追溯完整率100%",
                frequency: .weekly,
                grading: .ls(l: 1, s: 3)
            ),
        ]
    )

    static let bicycles = Company(
        name: "台州路桥安驰电动车有限公司",
        code17: "91331004MA2CW5EN8",
        district: 2,
        category: "电动自行车",
        address: "台州市路桥区峰江街道机电园3号",
        workshops: ["车架焊接车间", "电气装配车间", "总装车间", "成品检验站"],
        teams: [["焊接班"], ["线束班", "电池班"], ["总装一线"], ["检验班"]],
        people: [
            ("谢国平", .principal, nil), ("何丽", .director, nil), ("沈浩", .officer, nil),
            ("唐志远", .workshopHead, 1), ("韩冬", .workshopHead, 2), ("冯小军", .teamLeader, 2), ("曹红梅", .postWorker, 1), ("彭飞", .postWorker, 0),
        ],
        points: [
            Point(
                workshop: 0,
                dimension: "process",
                stage: "车架焊接",
                name: "车架焊缝质量",
                description: "虚焊、漏焊导致车架断裂",
                measures: "焊工持证，焊缝目检，每批抽检强度",
                target: "焊缝合格率≥99.5%",
                frequency: .perShift,
                grading: .lec(l: 3, e: 6, c: 40)
            ),
            Point(
                workshop: 1,
                dimension: "process",
                stage: "电气装配",
                name: "蓄电池与充电器匹配",
                description: "电池与充电器不匹配导致过充起火",
                measures: "型号核对，CCC认证部件清单管控",
                target: "配套一致率100%",
                frequency: .daily,
                grading: .lec(l: 3, e: 6, c: 40)
            ),
            Point(
                workshop: 1,
                dimension: "process",
                stage: "电气装配",
                name: "线束走线与防护",
                description: "线束磨损短路",
                measures: "走线工艺卡，扎带固定，绝缘检查",
                target: "绝缘电阻合格",
                frequency: .perShift,
                grading: .lec(l: 3, e: 6, c: 15)
            ),
            Point(
                workshop: 2,
                dimension: "process",
                stage: "总装",
                name: "最高车速限值",
                description: "控制器限速设置不当，最高车速超过25km/h",
                measures: "控制器参数锁定，逐车测速",
                target: "最高车速≤25km/h",
                frequency: .daily,
                grading: .lec(l: 6, e: 6, c: 15)
            ),
            Point(
                workshop: 3,
                dimension: "equipment",
                stage: "整车检验",
                name: "制动性能",
                description: "制动距离超标",
                measures: "逐车制动测试",
                target: "制动距离符合GB 17761",
                frequency: .daily,
                grading: .lec(l: 3, e: 6, c: 15)
            ),
            Point(
                workshop: 2,
                dimension: "equipment",
                stage: "总装",
                name: "扭力扳手校准",
                description: "扭力不足导致车把、前叉松动",
                measures: "扭力扳手每月校准",
                target: "扭矩偏差≤±5%",
                frequency: .monthly,
                grading: .ls(l: 2, s: 3)
            ),
            Point(
                workshop: 1,
                dimension: "environment",
                stage: "电池仓储",
                name: "电池仓库温度与堆放",
                description: "仓库温度过高、堆放过高引发电池热失控",
                measures: "温度监控，限高堆放，隔离存放",
                target: "仓库温度≤30℃",
                frequency: .daily,
                grading: .lec(l: 1, e: 6, c: 40)
            ),
            Point(
                workshop: 2,
                dimension: "environment",
                stage: "总装",
                name: "装配线照明与5S",
                description: "照明不足导致漏装、错装",
                measures: "5S检查，照度检测",
                target: "照度≥300lx",
                frequency: .weekly,
                grading: .ls(l: 2, s: 2)
            ),
            Point(
                workshop: 0,
                dimension: "personnel",
                stage: "上岗",
                name: "焊工资质",
                description: "无证焊工上岗",
                measures: "特种作业证核查",
                target: "持证率100%",
                frequency: .monthly,
                grading: .ls(l: 2, s: 3)
            ),
            Point(
                workshop: 2,
                dimension: "personnel",
                stage: "装配",
                name: "装配工艺执行",
                description: "未按作业指导书装配",
                measures: "首件确认，巡检",
                target: "工艺纪律检查合格率≥98%",
                frequency: .perShift,
                grading: .lec(l: 3, e: 6, c: 7)
            ),
            Point(
                workshop: 3,
                dimension: "management",
                stage: "认证",
                name: "CCC认证一致性",
                description: "关键部件变更未报认证机构，导致认证不一致",
                measures: "关键件清单管理，变更审批",
                target: "一致性检查合格",
                frequency: .monthly,
                grading: .lec(l: 1, e: 3, c: 40)
            ),
            Point(
                workshop: 3,
                dimension: "management",
                stage: "出厂检验",
                name: "成品出厂检验",
                description: "出厂检验项目缺失",
                measures: "按标准逐车检验，合格证随车",
                target: "出厂检验率100%",
                frequency: .daily,
                grading: .ls(l: 1, s: 4)
            ),
        ]
    )
}
