import Foundation
import Testing

/// Every record the CLI prints with `--format json`, checked against its JSON Schema in schemas/ by a validator
/// independent of the Swift code (.ci/validate_json.py, Python `jsonschema`), so the schemas are a contract the
/// program keeps. Needs python3 with jsonschema ≥ 4.18 (`.ci/run` installs it).
@Suite("--format json output matches schemas/", .serialized)
struct OutputSchemaTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folder = ["--checklists", CLI.checklists]
    static let cityRegulator = "台州市局 孙建华"
    static let director = "林晓燕"

    /// Runs the validator on one printed output; exit 0 when it matches.
    static func validate(_ json: String, schema: String, each: Bool, label: String, in directory: URL) throws -> CLI.Result {
        let input = directory.appendingPathComponent("output-\(UUID().uuidString).json")
        try Data(json.utf8).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            [
                "python3", root.appendingPathComponent(".ci/validate_json.py").path,
                root.appendingPathComponent("schemas/\(schema)").path, "--label", label,
            ] + (each ? ["--each"] : [])
        process.currentDirectoryURL = directory
        let stdin = try FileHandle(forReadingFrom: input)
        defer { try? stdin.close() }
        process.standardInput = stdin
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLI.Result(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self)
        )
    }

    /// Runs `dualprev ARGS --format json`, expects `status`, validates the output against `schema`
    /// (element-wise for a list, which must then not be empty unless `allowEmpty`) and returns it decoded.
    @discardableResult
    static func check(
        _ cli: CLI,
        _ arguments: [String],
        _ schema: String,
        list: Bool = false,
        allowEmpty: Bool = false,
        status: Int32 = 0,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Any? {
        let label = "dualprev " + arguments.joined(separator: " ")
        let result = try cli.run(arguments + ["--format", "json"])
        #expect(result.status == status, "\(label) exited \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
        let validation = try validate(result.stdout, schema: schema, each: list, label: label, in: cli.directory)
        #expect(
            validation.status == 0,
            "\(label) does not match schemas/\(schema):\n\(validation.stdout)\(validation.stderr)",
            sourceLocation: sourceLocation
        )
        let decoded = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        if list, !allowEmpty {
            #expect(((decoded as? [Any])?.count ?? 0) > 0, "\(label) printed no records to check", sourceLocation: sourceLocation)
        }
        return decoded
    }

    static func objects(_ value: Any?) -> [[String: Any]] { value as? [[String: Any]] ?? [] }

    /// A fresh demo database; returns its CLI.
    static func demo() throws -> CLI {
        let cli = try CLI()
        try check(cli, ["demo"], "demo-summary.schema.json")
        return cli
    }

    @Test("demo, and every listing and show of the demo data")
    func listingsAndShows() throws {
        let cli = try Self.demo()
        try Self.check(cli, ["jurisdiction", "list"], "jurisdiction.schema.json", list: true)
        let enterprises = Self.objects(try Self.check(cli, ["enterprise", "list", "--as", Self.cityRegulator], "enterprise.schema.json", list: true))
        #expect(enterprises.count == 6)
        try Self.check(cli, ["enterprise", "list", "--as", Self.director], "enterprise.schema.json", list: true)
        // The administrator sees every role, regulators and the assessor included.
        try Self.check(cli, ["person", "list", "--as", "1"], "person.schema.json", list: true)
        try Self.check(cli, ["person", "list", "--as", Self.cityRegulator], "person.schema.json", list: true)
        // Regional directors' appointments, as the district office and the director list them.
        try Self.check(cli, ["appointment", "list", "--as", "路桥分局 赵敏"], "director-appointment.schema.json", list: true)
        try Self.check(cli, ["appointment", "list", "--as", "区域总监 周丽"], "director-appointment.schema.json", list: true)
        for enterprise in enterprises {
            let e = "\(enterprise["id"] ?? 0)"
            try Self.check(cli, ["person", "list", "--enterprise", e, "--as", Self.cityRegulator], "person.schema.json", list: true)
            try Self.check(cli, ["workshop", "list", "--enterprise", e, "--as", Self.cityRegulator], "workshop.schema.json", list: true)
            try Self.check(cli, ["team", "list", "--enterprise", e, "--as", Self.cityRegulator], "team.schema.json", list: true)
            try Self.check(cli, ["post", "list", "--enterprise", e, "--as", Self.cityRegulator], "post.schema.json", list: true)
        }

        let points = Self.objects(try Self.check(cli, ["risk", "list", "--as", Self.cityRegulator], "risk-point.schema.json", list: true))
        try Self.check(cli, ["risk", "list", "--as", Self.director, "--colour", "red"], "risk-point.schema.json", list: true)
        for point in points {
            try Self.check(cli, ["risk", "show", "\(point["id"] ?? 0)", "--as", Self.cityRegulator], "risk-point-detail.schema.json")
        }

        let hazards = Self.objects(try Self.check(cli, ["hazard", "list", "--as", Self.cityRegulator], "hazard.schema.json", list: true))
        #expect(Set(hazards.compactMap { $0["state"] as? String }).count == 6, "the demo has hazards in every state")
        try Self.check(cli, ["hazard", "list", "--as", Self.cityRegulator, "--overdue"], "hazard.schema.json", list: true)
        try Self.check(cli, ["hazard", "list", "--as", Self.director, "--state", "closed"], "hazard.schema.json", list: true)
        for hazard in hazards {
            let id = "\(hazard["id"] ?? 0)"
            try Self.check(cli, ["hazard", "show", id, "--as", Self.cityRegulator], "hazard-detail.schema.json")
            try Self.check(cli, ["history", "hazard", id, "--as", Self.cityRegulator], "audit-entry.schema.json", list: true)
        }
        try Self.check(
            cli,
            ["history", "risk_point", "\(points.first?["id"] ?? 0)", "--as", Self.cityRegulator],
            "audit-entry.schema.json",
            list: true
        )
        try Self.check(cli, ["history", "person", "1", "--as", "1"], "audit-entry.schema.json", list: true)
        try Self.check(cli, ["history", "enterprise", "1", "--as", Self.director], "audit-entry.schema.json", list: true)
        try Self.check(cli, ["audit", "verify"], "audit-report.schema.json")
    }

    @Test("hazard actions print the transition and the hazard")
    func hazardActions() throws {
        let cli = try Self.demo()
        // A notified hazard whose notice is not yet acknowledged, found by the city regulator.
        let notified = Self.objects(
            try Self.check(cli, ["hazard", "list", "--as", Self.cityRegulator, "--state", "notified"], "hazard.schema.json", list: true)
        )
        let hazard = try #require(notified.first { ($0["notice"] as? [String: Any])?["acknowledgedAt"] == nil })
        let id = "\(hazard["id"] ?? 0)"
        let owner = "\(hazard["ownerID"] ?? 0)"
        let people = Self.objects(
            try Self.check(
                cli,
                ["person", "list", "--enterprise", "\(hazard["enterpriseID"] ?? 0)", "--as", Self.cityRegulator],
                "person.schema.json",
                list: true
            )
        )
        let director = "\(try #require(people.first { $0["role"] as? String == "director" }?["id"]))"

        func act(_ arguments: [String]) throws -> [String: Any] {
            let shown = try Self.check(cli, ["hazard"] + arguments, "hazard-transition.schema.json")
            return (shown as? [String: Any])?["transition"] as? [String: Any] ?? [:]
        }
        #expect(try act(["acknowledge", id, "--as", owner])["action"] as? String == "acknowledgeNotice")
        _ = try act(["start", id, "--as", owner])
        _ = try act(["extend", id, "--as", owner, "--until", "2099-12-31", "--reason", "备件到货延迟"])
        let moved = try act(["extension-approve", id, "--as", director, "--note", "同意"])
        #expect((moved["effects"] as? [Any])?.isEmpty == false, "approving an extension moves the deadline")
        _ = try act(["submit", id, "--as", owner, "--measures-taken", "已整改并复测"])
        let accepted = try act(["accept", id, "--as", director, "--criteria", "复测合格", "--opinion", "同意销号"])
        #expect(accepted["to"] as? String == "closed")
        try Self.check(cli, ["hazard", "show", id, "--as", director], "hazard-detail.schema.json")
        try Self.check(cli, ["history", "hazard", id, "--as", director], "audit-entry.schema.json", list: true)

        // A major hazard through report, notice, plan, approval and supervision listing.
        let workshops = Self.objects(
            try Self.check(cli, ["workshop", "list", "--enterprise", "1", "--as", Self.director], "workshop.schema.json", list: true)
        )
        let workshop = "\(workshops.first?["id"] ?? 0)"
        let reported =
            try Self.check(
                cli,
                [
                    "hazard", "report", "--as", Self.director, "--workshop", workshop, "--grade", "major",
                    "--source", "spotCheck", "--description", "成品仓库与化学品混存",
                ],
                "hazard.schema.json"
            ) as? [String: Any]
        let major = "\(reported?["id"] ?? 0)"
        let enterprise1 = Self.objects(
            try Self.check(cli, ["person", "list", "--enterprise", "1", "--as", Self.director], "person.schema.json", list: true)
        )
        let head = "\(try #require(enterprise1.first { $0["role"] as? String == "workshopHead" }?["id"]))"
        _ = try act(["notice", major, "--as", Self.director, "--to", head, "--deadline", "2099-12-31", "--measures", "分区存放并设隔离"])
        _ = try act(["acknowledge", major, "--as", head])
        _ = try act([
            "plan", major, "--as", head, "--target", "消除混存", "--methods", "分区隔离", "--funds", "2万元",
            "--organisation", "仓储部", "--time-limit", "2099-12-20", "--safety", "暂停出库",
        ])
        _ = try act(["plan-approve", major, "--as", Self.director])
        _ = try act(["list-supervision", major, "--as", Self.cityRegulator, "--order", "30日内整改"])
        _ = try act(["lift-supervision", major, "--as", Self.cityRegulator, "--note", "已整改"])
        _ = try act(["cancel", major, "--as", Self.director, "--reason", "测试"])
        try Self.check(cli, ["hazard", "show", major, "--as", Self.cityRegulator], "hazard-detail.schema.json")
        try Self.check(cli, ["audit", "verify"], "audit-report.schema.json")
    }

    @Test("risk grade and risk import print a grading and an import report")
    func gradingAndImport() throws {
        let cli = try Self.demo()
        let points = Self.objects(try Self.check(cli, ["risk", "list", "--as", Self.director], "risk-point.schema.json", list: true))
        let point = "\(points.first?["id"] ?? 0)"
        try Self.check(
            cli,
            ["risk", "grade", point, "--as", Self.director, "--method", "lec", "--l", "0.5", "--e", "6", "--c", "15", "--reason", "工艺变更"],
            "grading-record.schema.json"
        )
        try Self.check(
            cli,
            ["risk", "grade", point, "--as", Self.director, "--method", "ls", "--l", "4", "--s", "5", "--reason", "复评"],
            "grading-record.schema.json"
        )
        let shown = try Self.check(cli, ["risk", "show", point, "--as", Self.director], "risk-point-detail.schema.json") as? [String: Any]
        #expect(((shown?["gradings"] as? [Any])?.count ?? 0) >= 2)

        let workshops = Self.objects(
            try Self.check(cli, ["workshop", "list", "--enterprise", "1", "--as", Self.director], "workshop.schema.json", list: true)
        )
        let workshop = "\(workshops.first?["id"] ?? 0)"
        let arguments = [
            "risk", "import", "--as", Self.director, "--enterprise", "1", "--workshop", workshop, "--checklist", "food-contact-plastics",
        ]
        let first = try Self.check(cli, arguments + Self.folder, "import-report.schema.json") as? [String: Any]
        #expect((first?["added"] as? [Any])?.isEmpty == false)
        let again = try Self.check(cli, arguments + Self.folder, "import-report.schema.json") as? [String: Any]
        #expect((again?["unchanged"] as? [Any])?.isEmpty == false)

        // A region's copy of the checklists with one row's target changed: the report names the changed field.
        let copy = cli.directory.appendingPathComponent("checklists")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: CLI.checklists), to: copy)
        let file = copy.appendingPathComponent("food-contact-plastics.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let target = try #require(text.range(of: "\n    target: "))
        try Data(text.replacingCharacters(in: target, with: "\n    target: （修订）").utf8).write(to: file)
        let changed = try Self.check(cli, arguments + ["--checklists", copy.path], "import-report.schema.json") as? [String: Any]
        #expect((changed?["changed"] as? [Any])?.count == 1)
        let imported = Self.objects(
            try Self.check(
                cli,
                ["risk", "list", "--as", Self.director, "--enterprise", "1", "--workshop", workshop],
                "risk-point.schema.json",
                list: true
            )
        )
        #expect(imported.contains { $0["templateRef"] != nil })
        try Self.check(cli, ["history", "risk_point", "\(imported.last?["id"] ?? 0)", "--as", Self.director], "audit-entry.schema.json", list: true)
    }

    @Test("checks, exports and table imports print records that match their schemas")
    func checksAndExports() throws {
        let cli = try Self.demo()
        try Self.check(cli, ["check", "plans", "--as", Self.director], "check-plan.schema.json", list: true)
        try Self.check(
            cli,
            ["check", "plan", "--as", "潘美玲", "--enterprise", "2", "--kind", "daily", "--responsible", "卢俊"],
            "check-plan.schema.json"
        )
        let items = Self.objects(
            try Self.check(
                cli,
                ["check", "items", "--as", "王海涛", "--enterprise", "1", "--kind", "daily"],
                "planned-item.schema.json",
                list: true
            )
        )
        let ref = try #require(items.first?["ref"] as? String)
        try Self.check(
            cli,
            ["check", "run", "--as", "王海涛", "--enterprise", "1", "--kind", "daily", "--fail", "\(ref)=温控仪偏差"],
            "check-recorded.schema.json"
        )
        try Self.check(cli, ["check", "run", "--as", "卢俊", "--enterprise", "2", "--kind", "daily"], "check-recorded.schema.json")
        try Self.check(cli, ["check", "list", "--as", Self.director], "check-run.schema.json", list: true)
        try Self.check(cli, ["check", "due", "--as", Self.cityRegulator, "--all"], "check-schedule-entry.schema.json", list: true)
        try Self.check(cli, ["credit", "performance", "--as", Self.cityRegulator], "performance.schema.json", list: true)
        try Self.check(cli, ["risk", "export", "--as", Self.director], "risk-point.schema.json", list: true)
        try Self.check(cli, ["hazard", "export", "--as", Self.cityRegulator], "hazard.schema.json", list: true)
        let table = try cli.file(
            "own.csv",
            contents: "车间,风险维度,风险控制环节,风险点,风险描述,管控措施,管控目标,管控频次,责任人,评级方法,L,E,C\n"
                + "注塑车间,设备设施,模具维护,顶针润滑,润滑油渗出污染制品,使用食品级润滑脂,制品无油污,每周,吴春华,LEC,3,3,7\n"
        )
        try Self.check(cli, ["risk", "import-table", table, "--as", Self.director, "--enterprise", "1"], "risk-point.schema.json", list: true)
    }

    @Test("checklist list, show and validate")
    func checklists() throws {
        let cli = try CLI()
        let lists = Self.objects(try Self.check(cli, ["checklist", "list"] + Self.folder, "checklist-record.schema.json", list: true))
        #expect(lists.count >= 8)
        for list in lists {
            try Self.check(cli, ["checklist", "show", "\(list["category"] ?? "")"] + Self.folder, "checklist-record.schema.json")
        }
        let shipped = try FileManager.default.contentsOfDirectory(atPath: CLI.checklists).filter { $0.hasSuffix(".yaml") }.map {
            CLI.checklists + "/" + $0
        }
        try Self.check(cli, ["checklist", "validate"] + shipped + Self.folder, "catalog-issue.schema.json", list: true, allowEmpty: true)

        let broken = CLI.fixture("broken-checklist.yaml")
        let syntax = try cli.file("syntax.yaml", contents: "kind: checklist\nname: [unclosed\n")
        let issues = Self.objects(
            try Self.check(
                cli,
                ["checklist", "validate", broken, syntax, cli.directory.appendingPathComponent("missing.yaml").path] + Self.folder,
                "catalog-issue.schema.json",
                list: true,
                status: 65
            )
        )
        #expect(issues.count >= 5)
    }

    @Test("setup commands on a fresh database print the records they made")
    func setup() throws {
        let cli = try CLI()
        try Self.check(cli, ["init", "--admin", "Admin"], "person.schema.json")
        func id(_ value: Any?) -> String { "\((value as? [String: Any])?["id"] ?? 0)" }
        let province = id(
            try Self.check(cli, ["jurisdiction", "add", "--as", "1", "--name", "浙江省", "--level", "province"], "jurisdiction.schema.json")
        )
        let city = id(
            try Self.check(
                cli,
                ["jurisdiction", "add", "--as", "1", "--name", "台州市", "--level", "city", "--parent", province],
                "jurisdiction.schema.json"
            )
        )
        let district = id(
            try Self.check(
                cli,
                ["jurisdiction", "add", "--as", "1", "--name", "椒江区", "--level", "district", "--parent", city],
                "jurisdiction.schema.json"
            )
        )
        try Self.check(cli, ["person", "add", "--as", "1", "--name", "Reg", "--role", "regulator", "--jurisdiction", district], "person.schema.json")
        try Self.check(cli, ["person", "add", "--as", "1", "--name", "Assessor", "--role", "assessor"], "person.schema.json")
        let e = id(
            try Self.check(
                cli,
                [
                    "enterprise", "add", "--as", "Reg", "--name", "Plant", "--code", "91331002MA2AKH3L0A", "--jurisdiction", district,
                    "--category", "食品接触用塑料制品", "--address", "台州市椒江区",
                ],
                "enterprise.schema.json"
            )
        )
        try Self.check(
            cli,
            ["person", "add", "--as", "1", "--name", "Boss", "--role", "principal", "--enterprise", e, "--phone", "13800000000"],
            "person.schema.json"
        )
        let workshop = id(try Self.check(cli, ["workshop", "add", "--as", "Boss", "--enterprise", e, "--name", "注塑车间"], "workshop.schema.json"))
        let team = id(try Self.check(cli, ["team", "add", "--as", "Boss", "--workshop", workshop, "--name", "注塑一班"], "team.schema.json"))
        try Self.check(cli, ["post", "add", "--as", "Boss", "--team", team, "--name", "注塑机操作岗"], "post.schema.json")
        try Self.check(
            cli,
            ["person", "add", "--as", "Boss", "--name", "Hank", "--role", "workshopHead", "--enterprise", e, "--workshop", workshop],
            "person.schema.json"
        )
        let risk = [
            "risk", "add", "--as", "Boss", "--enterprise", e, "--workshop", "注塑车间", "--dimension", "process", "--stage", "注塑成型",
            "--description", "料温过高导致迁移物超标", "--measures", "温控仪每班点检", "--target", "偏差≤±5℃", "--frequency", "perShift", "--owner", "Hank",
        ]
        try Self.check(
            cli,
            risk + ["--name", "注塑温度控制", "--team", "注塑一班", "--post", "注塑机操作岗", "--method", "lec", "--l", "3", "--e", "6", "--c", "15"],
            "risk-point.schema.json"
        )
        let ungraded = try Self.check(cli, risk + ["--name", "未评级风险点"], "risk-point.schema.json") as? [String: Any]
        #expect(ungraded?["colour"] == nil)
        try Self.check(cli, ["history", "person", "1", "--as", "1"], "audit-entry.schema.json", list: true)
        try Self.check(cli, ["audit", "verify"], "audit-report.schema.json")
    }

    @Test("quality records, credit grades and the red and black lists")
    func creditAndLists() throws {
        let cli = try Self.demo()
        let records = Self.objects(try Self.check(cli, ["record", "list", "--as", Self.cityRegulator], "quality-record.schema.json", list: true))
        #expect(Set(records.compactMap { $0["enterpriseID"] as? Int }) == [1, 2, 3])
        let spotChecks = Self.objects(
            try Self.check(
                cli,
                ["record", "list", "--enterprise", "1", "--kind", "spotCheck", "--as", Self.director],
                "quality-record.schema.json",
                list: true
            )
        )
        #expect(spotChecks.allSatisfy { $0["kind"] as? String == "spotCheck" && $0["enterpriseID"] as? Int == 1 })
        let kinds = Self.objects(try Self.check(cli, ["record", "kinds"], "record-kind.schema.json", list: true))
        #expect(kinds.count == 11)
        let added =
            try Self.check(
                cli,
                [
                    "record", "add", "--as", "椒江分局 陈刚", "--enterprise", "1", "--kind", "spotCheck", "--subtype", "passed",
                    "--date", Shanghai.day(), "--product", "食品接触用PP餐盒", "--reference", "JC-SCHEMA-1",
                ],
                "quality-record.schema.json"
            ) as? [String: Any]
        let withdrawn =
            try Self.check(
                cli,
                ["record", "withdraw", "QR-\(added?["id"] ?? 0)", "--as", "椒江分局 陈刚", "--reason", "抽查报告编号录错"],
                "quality-record.schema.json"
            ) as? [String: Any]
        #expect(withdrawn?["withdrawnAt"] != nil)

        let stored = try Self.check(cli, ["credit", "grade", "--enterprise", "3", "--as", "路桥分局 赵敏"], "credit-grade.schema.json") as? [String: Any]
        #expect((Self.objects(stored?["grades"]).first?["stored"] as? Bool) == true)
        let preview =
            try Self.check(cli, ["credit", "grade", "--all", "--as", Self.cityRegulator, "--preview"], "credit-grade.schema.json") as? [String: Any]
        #expect(Self.objects(preview?["grades"]).count == 6)
        try Self.check(cli, ["credit", "history", "--as", Self.cityRegulator], "credit-grade-record.schema.json", list: true)

        try Self.check(cli, ["lists", "show", "--as", Self.cityRegulator], "list-entry.schema.json", list: true)
        let shown = try Self.check(cli, ["lists", "show", "--public"], "public-lists.schema.json") as? [String: Any]
        #expect(Self.objects(shown?["entries"]).isEmpty == false)
        try Self.check(cli, ["lists", "show", "--public", "--as-of", Shanghai.day(400)], "public-lists.schema.json")
    }

    @Test(
        "the validator rejects records that break the contract",
        arguments: [
            ("jurisdiction.schema.json", #"{"id":1,"name":"浙江省","level":"province","extra":true}"#),
            ("jurisdiction.schema.json", #"{"id":1,"name":"浙江省"}"#),
            ("jurisdiction.schema.json", #"{"id":1,"name":"浙江省","level":"county"}"#),
            (
                "grading-record.schema.json",
                #"{"riskPointID":1,"sequence":1,"result":{"input":{"lec":{"l":2,"e":6,"c":15}},"score":180,"colour":"orange"},"gradedBy":1,"gradedAt":"2026-11-20T01:30:00Z","reason":""}"#
            ),
            (
                "grading-record.schema.json",
                #"{"riskPointID":1,"sequence":1,"result":{"input":{"ls":{"l":4,"s":5}},"score":20,"colour":"red"},"gradedBy":1,"gradedAt":"2026-11-20 09:30","reason":""}"#
            ),
            ("record-kind.schema.json", #"{"kind":"veto","subtypes":["unlicensedProduction"],"regulatorOnly":true}"#),
            (
                "quality-record.schema.json",
                #"{"id":1,"enterpriseID":1,"kind":"spotCheck","subtype":"passed","occurredOn":"2026-11-20T01:30:00Z","area":"productQuality","product":"PP餐盒","reference":"","note":"","value":1,"recordedBy":3,"recordedAt":"2026-11-20T01:30:00Z"}"#
            ),
            (
                "list-entry.schema.json",
                #"{"id":1,"quarter":"2026Q3","enterpriseID":1,"list":"black","area":"productQuality","criterion":"counterfeiting","criterionName":{"zh":"制假售假","en":"counterfeiting"},"evidence":["QR-1"],"state":"rejected","proposedBy":2,"proposedAt":"2026-11-20T01:30:00Z","reviewedBy":3,"reviewedAt":"2026-11-20T01:30:00Z","reviewNote":""}"#
            ),
            (
                "demo-summary.schema.json",
                #"{"enterprises":[{"id":1,"name":"P","category":"C","riskPointsByColour":{"purple":1},"hazardsByState":{},"overdue":0,"listed":0}],"people":1,"auditEntries":1,"auditIntact":true,"headHash":"0000000000000000000000000000000000000000000000000000000000000000"}"#
            ),
        ]
    )
    func validatorIsStrict(schema: String, json: String) throws {
        let directory = FileManager.default.temporaryDirectory
        let result = try Self.validate(json, schema: schema, each: false, label: "sample", in: directory)
        #expect(result.status == 1, "expected schemas/\(schema) to reject \(json): \(result.stdout)\(result.stderr)")
        // The same record, well-formed, passes: the failure above is the fault planted, not a broken setup.
        let good = try Self.validate(
            #"{"id":1,"name":"浙江省","level":"province"}"#,
            schema: "jurisdiction.schema.json",
            each: false,
            label: "sample",
            in: directory
        )
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
    }
}
