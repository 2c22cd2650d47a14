import Foundation
import Testing

/// The whole loop through the real binary, as the README shows it, and the refusals on the way.
@Suite("dualprev end to end", .serialized)
struct ClosedLoopTests {
    /// An enterprise with people in every role, one workshop and one graded risk point.
    struct Plant {
        let cli: CLI
        var ids: [String: Int] = [:]

        init() throws {
            cli = try CLI()
            try cli.ok(["init", "--admin", "Admin"])
            ids["province"] = try cli.id(["jurisdiction", "add", "--as", "1", "--name", "浙江省", "--level", "province"])
            ids["city"] = try cli.id(["jurisdiction", "add", "--as", "1", "--name", "台州市", "--level", "city", "--parent", "\(ids["province"]!)"])
            ids["district"] = try cli.id(["jurisdiction", "add", "--as", "1", "--name", "椒江区", "--level", "district", "--parent", "\(ids["city"]!)"])
            ids["otherDistrict"] = try cli.id([
                "jurisdiction", "add", "--as", "1", "--name", "黄岩区", "--level", "district", "--parent", "\(ids["city"]!)",
            ])
            ids["regulator"] = try cli.id([
                "person", "add", "--as", "1", "--name", "Reg", "--role", "regulator", "--jurisdiction", "\(ids["district"]!)",
            ])
            ids["otherRegulator"] = try cli.id([
                "person", "add", "--as", "1", "--name", "OtherReg", "--role", "regulator", "--jurisdiction", "\(ids["otherDistrict"]!)",
            ])
            ids["enterprise"] = try cli.id([
                "enterprise", "add", "--as", "Reg", "--name", "Plant", "--code", "91331002MA2AKH3L0A",
                "--jurisdiction", "\(ids["district"]!)", "--category", "食品接触用塑料制品",
            ])
            let e = "\(ids["enterprise"]!)"
            ids["principal"] = try cli.id(["person", "add", "--as", "1", "--name", "Boss", "--role", "principal", "--enterprise", e])
            ids["workshop"] = try cli.id(["workshop", "add", "--as", "Boss", "--enterprise", e, "--name", "注塑车间"])
            for (name, role) in [("Dora", "director"), ("Olli", "officer"), ("Hank", "workshopHead"), ("Pia", "postWorker")] {
                ids[name] = try cli.id([
                    "person", "add", "--as", "Boss", "--name", name, "--role", role, "--enterprise", e, "--workshop", "\(ids["workshop"]!)",
                ])
            }
            ids["risk"] = try cli.id([
                "risk", "add", "--as", "Dora", "--enterprise", e, "--workshop", "注塑车间", "--dimension", "process",
                "--stage", "注塑成型", "--name", "注塑温度控制", "--description", "料温过高导致迁移物超标",
                "--measures", "温控仪每班点检", "--target", "偏差≤±5℃", "--frequency", "perShift", "--owner", "Hank",
                "--method", "lec", "--l", "3", "--e", "6", "--c", "15",
            ])
        }

        func hazard(_ key: String) throws -> [String: Any] {
            let shown = try cli.json(["hazard", "show", key, "--as", "Dora"]) as? [String: Any]
            return shown?["hazard"] as? [String: Any] ?? [:]
        }
    }

    static let future = "2099-12-31"

    @Test("a general hazard goes round the whole loop, with a failed acceptance on the way")
    func generalLoop() throws {
        let plant = try Plant()
        let cli = plant.cli
        let risk = try cli.json(["risk", "show", "\(plant.ids["risk"]!)", "--as", "Dora"]) as? [String: Any]
        #expect((risk?["riskPoint"] as? [String: Any])?["colour"] as? String == "orange")

        let before = try cli.file("before.jpg", contents: "before-bytes")
        let reported =
            try cli.json([
                "hazard", "report", "--as", "Pia", "--workshop", "注塑车间", "--risk-point", "\(plant.ids["risk"]!)",
                "--grade", "general", "--source", "dailyCheck", "--description", "温控仪偏差12℃", "--photo", before,
            ]) as? [String: Any]
        let number = try #require(reported?["number"] as? String)
        #expect(number.hasPrefix("YH-") && number.hasSuffix("-0001"))

        let issued =
            try cli.json(["hazard", "notice", number, "--as", "Olli", "--to", "Hank", "--deadline", Self.future, "--measures", "更换热电偶"])
            as? [String: Any]
        let notice = try #require((issued?["hazard"] as? [String: Any])?["notice"] as? [String: Any])
        #expect((notice["number"] as? String)?.hasSuffix("-0001") == true)
        #expect((notice["number"] as? String)?.hasPrefix("ZG-") == true)

        // Only the receiver acknowledges.
        let wrongAck = try cli.run(["hazard", "acknowledge", number, "--as", "Olli"])
        #expect(wrongAck.status == 77)
        #expect(wrongAck.stderr.contains("NOTICE-RECEIVER"))
        try cli.ok(["hazard", "acknowledge", number, "--as", "Hank"])
        try cli.ok(["hazard", "start", number, "--as", "Hank"])
        let after = try cli.file("after.jpg", contents: "after-bytes")
        try cli.ok(["hazard", "submit", number, "--as", "Hank", "--measures-taken", "已更换", "--after", after])

        // The rectifier may not accept their own work; nothing changes.
        let own = try cli.run(["hazard", "accept", number, "--as", "Hank", "--criteria", "≤5℃", "--opinion", "ok"])
        #expect(own.status == 77)
        #expect(own.stderr.contains("ACCEPTANCE-SEPARATION"))
        #expect(own.stderr.contains("Nothing was changed"))
        #expect(try plant.hazard(number)["state"] as? String == "awaitingAcceptance")

        // A failed acceptance sends it back with reasons; a pass closes it.
        try cli.ok(["hazard", "reject", number, "--as", "Dora", "--criteria", "≤5℃", "--reasons", "仍偏差8℃"])
        #expect(try plant.hazard(number)["state"] as? String == "rectifying")
        try cli.ok(["hazard", "submit", number, "--as", "Hank", "--measures-taken", "更换热电偶并校准"])
        try cli.ok(["hazard", "accept", number, "--as", "Dora", "--criteria", "≤5℃", "--opinion", "整改到位"])
        let closed = try plant.hazard(number)
        #expect(closed["state"] as? String == "closed")
        #expect((closed["acceptances"] as? [Any])?.count == 2)

        // Closing calls for re-grading the risk point; re-grading appends to its history.
        let due = try cli.json(["risk", "list", "--regrade-due", "--as", "Dora"]) as? [Any]
        #expect(due?.count == 1)
        try cli.ok([
            "risk", "grade", "\(plant.ids["risk"]!)", "--as", "Dora", "--method", "lec", "--l", "1", "--e", "6", "--c", "15", "--reason", "闭环后复评",
        ])
        let regraded = try cli.json(["risk", "show", "\(plant.ids["risk"]!)", "--as", "Dora"]) as? [String: Any]
        #expect((regraded?["gradings"] as? [Any])?.count == 2)
        #expect((regraded?["riskPoint"] as? [String: Any])?["colour"] as? String == "yellow")

        // The forms, the history and the chain.
        let form = try cli.ok(["hazard", "print-acceptance", number, "--as", "Dora"])
        #expect(form.contains("质量隐患治理验收表") && form.contains("整改到位") && form.contains("Dora"))
        let timeline = try cli.json(["history", "hazard", "1", "--as", "Dora"]) as? [[String: Any]]
        #expect(
            timeline?.map { $0["action"] as? String ?? "" } == [
                "hazard.report", "hazard.issueNotice", "hazard.acknowledgeNotice", "hazard.startRectification", "hazard.submitRectification",
                "hazard.acceptFail", "hazard.submitRectification", "hazard.acceptPass",
            ]
        )
        let evidence = (try cli.json(["hazard", "show", number, "--as", "Dora"]) as? [String: Any])?["evidence"] as? [[String: Any]]
        #expect(evidence?.count == 2)
        #expect(try cli.run(["audit", "verify"]).status == 0)
    }

    @Test("a major hazard needs an approved plan with all five elements, and only its regulator lists it")
    func majorHazard() throws {
        let plant = try Plant()
        let cli = plant.cli
        try cli.ok(["hazard", "report", "--as", "Olli", "--workshop", "注塑车间", "--grade", "major", "--description", "反应釜联锁失效"])
        try cli.ok(["hazard", "notice", "1", "--as", "Dora", "--to", "Hank", "--deadline", Self.future, "--measures", "停用并修复"])
        try cli.ok(["hazard", "acknowledge", "1", "--as", "Hank"])

        let noPlan = try cli.run(["hazard", "start", "1", "--as", "Hank"])
        #expect(noPlan.status == 77)
        #expect(noPlan.stderr.contains("MAJOR-PLAN-APPROVED"))

        let incomplete = try cli.run([
            "hazard", "plan", "1", "--as", "Hank", "--target", "修复", "--methods", "更换", "--funds", " ",
            "--organisation", "设备部", "--time-limit", Self.future, "--safety", "停产",
        ])
        #expect(incomplete.status == 65)
        #expect(incomplete.stderr.contains("PLAN-FIVE-ELEMENTS"))

        try cli.ok([
            "hazard", "plan", "1", "--as", "Hank", "--target", "修复", "--methods", "更换", "--funds", "8万元",
            "--organisation", "设备部", "--time-limit", Self.future, "--safety", "停产",
        ])
        let byAuthor = try cli.run(["hazard", "plan-approve", "1", "--as", "Hank"])
        #expect(byAuthor.status == 77)
        try cli.ok(["hazard", "plan-approve", "1", "--as", "Dora"])

        // A regulator of another district cannot even see it; the district's regulator lists and lifts it.
        #expect(try cli.run(["hazard", "list-supervision", "1", "--as", "OtherReg", "--order", "督办"]).status == 66)
        try cli.ok(["hazard", "list-supervision", "1", "--as", "Reg", "--order", "30日内整改"])
        let cancel = try cli.run(["hazard", "cancel", "1", "--as", "Dora", "--reason", "误报"])
        #expect(cancel.status == 77)
        #expect(cancel.stderr.contains("CANCEL-LISTED"))
        let liftByEnterprise = try cli.run(["hazard", "lift-supervision", "1", "--as", "Dora", "--note", "x"])
        #expect(liftByEnterprise.status == 77)
        try cli.ok(["hazard", "start", "1", "--as", "Hank"])
        try cli.ok(["hazard", "lift-supervision", "1", "--as", "Reg", "--note", "已整改"])
        #expect(try plant.hazard("1")["state"] as? String == "rectifying")
    }

    @Test("an extension is asked once, before the deadline, and decided by someone above")
    func extensionOnce() throws {
        let plant = try Plant()
        let cli = plant.cli
        try cli.ok(["hazard", "report", "--as", "Pia", "--workshop", "注塑车间", "--grade", "general", "--description", "防虫帘破损"])
        try cli.ok(["hazard", "notice", "1", "--as", "Olli", "--to", "Hank", "--deadline", "2099-06-01", "--measures", "更换"])
        try cli.ok(["hazard", "extend", "1", "--as", "Hank", "--until", "2099-06-10", "--reason", "配件未到"])
        #expect(try cli.run(["hazard", "extension-approve", "1", "--as", "Hank"]).status == 77)
        try cli.ok(["hazard", "extension-approve", "1", "--as", "Olli"])
        let again = try cli.run(["hazard", "extend", "1", "--as", "Hank", "--until", "2099-06-20", "--reason", "再延"])
        #expect(again.status == 77)
        #expect(again.stderr.contains("EXTENSION-ONCE"))
        // A deadline of 2099-06-10 is the whole of that day in Asia/Shanghai: it ends at the start of the next, 16:00 UTC.
        #expect(try plant.hazard("1")["deadline"] as? String == "2099-06-10T16:00:00Z")
    }

    @Test("bad input is refused with what to type instead, and changes nothing")
    func badInput() throws {
        let plant = try Plant()
        let cli = plant.cli
        let code = try cli.run([
            "enterprise", "add", "--as", "1", "--name", "X", "--code", "91331002MA2AKH3L0X", "--jurisdiction", "1", "--category", "c",
        ])
        #expect(code.status == 65)
        #expect(code.stderr.contains("should be 'A'"))
        let lec = try cli.run([
            "risk", "grade", "\(plant.ids["risk"]!)", "--as", "Dora", "--method", "lec", "--l", "2", "--e", "6", "--c", "15", "--reason", "x",
        ])
        #expect(lec.status == 65)
        #expect(lec.stderr.contains("L=2") && lec.stderr.contains("10, 6, 3, 1, 0.5, 0.2, 0.1"))
        let date = try cli.run([
            "hazard", "report", "--as", "Pia", "--workshop", "注塑车间", "--grade", "general", "--description", "x", "--found", "2026-02-30",
        ])
        #expect(date.status == 65)
        let missing = try cli.run(["hazard", "show", "YH-2026-9999", "--as", "Dora"])
        #expect(missing.status == 66)
        let noActor = try cli.run(["hazard", "report", "--workshop", "注塑车间", "--grade", "general", "--description", "x"])
        #expect(noActor.status == 65)
        #expect(noActor.stderr.contains("--as"))
        let hazards = try cli.json(["hazard", "list", "--as", "Dora"]) as? [Any]
        #expect(hazards?.isEmpty == true)
        // Looking needs a name too: reads show only what that person may see.
        let anonymous = try cli.run(["risk", "list"])
        #expect(anonymous.status == 65)
        #expect(anonymous.stderr.contains("ACTOR-REQUIRED"))
        let regulatorElsewhere = try cli.json(["risk", "list", "--as", "OtherReg"]) as? [Any]
        #expect(regulatorElsewhere?.isEmpty == true)
        let huge = try cli.run([
            "risk", "grade", "\(plant.ids["risk"]!)", "--as", "Dora", "--method", "ls", "--l", "1e300", "--s", "2", "--reason", "x",
        ])
        #expect(huge.status == 65)
    }

    @Test("an UPDATE on an audit row made with the sqlite3 shell is caught by audit verify")
    func tamperWithSQLite() throws {
        let plant = try Plant()
        let cli = plant.cli
        #expect(try cli.run(["audit", "verify"]).status == 0)
        let refused = try cli.sqlite("UPDATE audit_log SET summary = 'nothing happened' WHERE seq = 3;")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("append-only"))
        let edited = try cli.sqlite("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET summary = 'nothing happened' WHERE seq = 3;")
        #expect(edited.status == 0)
        let verify = try cli.run(["audit", "verify", "--format", "json"])
        #expect(verify.status == 1)
        let report = try JSONSerialization.jsonObject(with: Data(verify.stdout.utf8)) as? [String: Any]
        #expect((report?["firstBroken"] as? [String: Any])?["seq"] as? Int == 3)
    }

    @Test("a hazard rewritten or a row added with the sqlite3 shell, with the log left alone, is caught by audit verify")
    func tamperWithRecords() throws {
        let plant = try Plant()
        let cli = plant.cli
        try cli.ok(["hazard", "report", "--as", "Pia", "--workshop", "注塑车间", "--grade", "general", "--description", "防虫帘破损"])
        // Closing it outright is refused by the table's own CHECK (a closed hazard has an owner and a deadline).
        let closed = try cli.sqlite("UPDATE hazard SET state = 'closed', closed_at = '2026-01-01 00:00:00.000' WHERE id = 1;")
        #expect(closed.status != 0)
        #expect(closed.stderr.contains("CHECK constraint failed"))
        let edited = try cli.sqlite(
            "UPDATE hazard SET description = '无隐患' WHERE id = 1;"
                + " INSERT INTO workshop (id, enterprise_id, name) VALUES (99, 1, 'ghost');"
        )
        #expect(edited.status == 0)
        let verify = try cli.run(["audit", "verify", "--format", "json"])
        #expect(verify.status == 1)
        let report = try JSONSerialization.jsonObject(with: Data(verify.stdout.utf8)) as? [String: Any]
        #expect(report?["firstBroken"] == nil)
        let mismatches = (report?["mismatches"] as? [[String: Any]])?.map { "\($0["objectType"] ?? "") \($0["objectID"] ?? "")" }
        #expect(mismatches == ["workshop 99", "hazard 1"])
    }

    @Test("checklists validate with every error located, and import into a workshop once")
    func checklists() throws {
        let plant = try Plant()
        let cli = plant.cli
        let folder = ["--checklists", CLI.checklists]
        let shipped = try FileManager.default.contentsOfDirectory(atPath: CLI.checklists).filter { $0.hasSuffix(".yaml") }.map {
            CLI.checklists + "/" + $0
        }
        #expect(try cli.run(["checklist", "validate"] + shipped + folder).status == 0)
        let list = try cli.json(["checklist", "list"] + folder) as? [[String: Any]]
        #expect((list?.count ?? 0) >= 8)

        let broken = CLI.fixture("broken-checklist.yaml")
        let result = try cli.run(["checklist", "validate", broken, "--format", "json"] + folder)
        #expect(result.status == 65)
        let issues = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        let located = Set((issues ?? []).map { "\($0["line"] ?? 0) \($0["path"] ?? "")" })
        #expect(located.isSuperset(of: ["4 version", "11 riskPoints[0].colour", "15 riskPoints[0].grading.l"]))
        #expect(located.contains { $0.hasSuffix("riskPoints[0].measures") })

        let e = "\(plant.ids["enterprise"]!)"
        let first =
            try cli.json(
                ["risk", "import", "--as", "Dora", "--enterprise", e, "--workshop", "注塑车间", "--checklist", "food-contact-plastics"] + folder
            ) as? [String: Any]
        let added = (first?["added"] as? [Any])?.count ?? 0
        #expect(added >= 20)
        let second =
            try cli.json(
                ["risk", "import", "--as", "Dora", "--enterprise", e, "--workshop", "注塑车间", "--checklist", "food-contact-plastics"] + folder
            ) as? [String: Any]
        #expect((second?["added"] as? [Any])?.isEmpty == true)
        #expect((second?["unchanged"] as? [Any])?.count == added)
        let points = try cli.json(["risk", "list", "--as", "Dora"]) as? [Any]
        #expect(points?.count == added + 1)
        #expect(
            try cli.run(["risk", "import", "--as", "Pia", "--enterprise", e, "--workshop", "注塑车间", "--checklist", "food-contact-plastics"] + folder)
                .status == 77
        )
        #expect(try cli.run(["audit", "verify"]).status == 0)
    }

    @Test("the ledger is written a batch at a time: any batch size gives the same bytes, and a failed export leaves no file")
    func ledgerExportInBatches() throws {
        let cli = try CLI()
        try cli.ok(["demo"])
        let who = ["--as", "台州市局 孙建华"]
        let whole = try cli.ok(["hazard", "export"] + who)
        #expect(try cli.ok(["hazard", "export", "--batch-size", "3"] + who) == whole)
        let lines = whole.components(separatedBy: "\r\n").dropLast()
        #expect(lines.first?.hasPrefix("\u{FEFF}序号,隐患编号") == true)
        // 序号 numbers on from batch to batch.
        let numbers = lines.dropFirst().map { $0.prefix { $0 != "," } }
        #expect(numbers.count >= 10)
        #expect(numbers == (1...numbers.count).map { Substring(String($0)) })

        let json = try cli.ok(["hazard", "export", "--format", "json"] + who)
        #expect(try cli.ok(["hazard", "export", "--format", "json", "--batch-size", "4"] + who) == json)
        let hazards = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
        let ids = hazards.compactMap { $0["id"] as? Int }
        #expect(ids.count == numbers.count && ids == ids.sorted() && Set(ids).count == ids.count)

        let file = cli.directory.appendingPathComponent("台账.csv")
        try cli.ok(["hazard", "export", "--output", file.path, "--batch-size", "2"] + who)
        #expect(String(decoding: try Data(contentsOf: file), as: UTF8.self) == whole)
        // A folder that does not exist: the storage exit code before anything is written.
        let missing = cli.directory.appendingPathComponent("no-such-folder/台账.csv")
        let failed = try cli.run(["hazard", "export", "--output", missing.path] + who)
        #expect(failed.status == 74)
        #expect(failed.stderr.contains("cannot write"))
        // A name that is taken by a folder: the rows are written to the temporary file beside it, the rename fails,
        // and the temporary file is removed.
        let taken = cli.directory.appendingPathComponent("taken")
        try FileManager.default.createDirectory(at: taken, withIntermediateDirectories: false)
        let refused = try cli.run(["hazard", "export", "--output", taken.path] + who)
        #expect(refused.status == 74)
        #expect(refused.stderr.contains("cannot write"))
        let left = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).filter { $0.hasSuffix(".partial") }
        #expect(left.isEmpty, "\(left)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: taken.path).isEmpty)
    }

    @Test("with nothing to export, the JSON ledger is an empty list")
    func emptyLedger() throws {
        let plant = try Plant()
        let json = try plant.cli.ok(["hazard", "export", "--as", "Dora", "--format", "json"])
        #expect((try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any])?.isEmpty == true)
        let csv = try plant.cli.ok(["hazard", "export", "--as", "Dora"])
        #expect(
            csv.components(separatedBy: "\r\n") == [
                "\u{FEFF}" + "序号,隐患编号,发现日期,发现人,车间/位置,隐患描述,隐患等级,隐患来源,整改措施,整改责任人,整改期限,整改资金,完成日期,验收人,验收日期,状态,逾期天数", "",
            ]
        )
    }

    @Test("the register and the ledger export as CSV with a byte-order mark, and the table imports all or nothing")
    func csvExportAndImport() throws {
        let plant = try Plant()
        let cli = plant.cli
        try cli.ok(["hazard", "report", "--as", "Pia", "--workshop", "注塑车间", "--grade", "general", "--description", "防虫帘破损，风淋门禁失效"])
        let ledger = cli.directory.appendingPathComponent("隐患台账.csv")
        try cli.ok(["hazard", "export", "--as", "Dora", "--output", ledger.path])
        let ledgerBytes = try Data(contentsOf: ledger)
        #expect(Array(ledgerBytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let ledgerText = String(decoding: ledgerBytes, as: UTF8.self)
        #expect(ledgerText.contains("隐患编号") && ledgerText.contains("防虫帘破损，风淋门禁失效") && ledgerText.contains("已上报"))

        let register = cli.directory.appendingPathComponent("register.csv")
        try cli.ok(["risk", "export", "--as", "Dora", "--output", register.path])
        // The export is the register itself: importing it again is refused row by row, and nothing doubles.
        let again = try cli.run(["risk", "import-table", register.path, "--as", "Dora", "--enterprise", "\(plant.ids["enterprise"]!)"])
        #expect(again.status == 65)
        #expect(again.stderr.contains("already in the register"))
        let own = try cli.file(
            "own.csv",
            contents: "车间,风险维度,风险控制环节,风险点,风险描述,管控措施,管控目标,管控频次,责任人,评级方法,L,S\n"
                + "注塑车间,设备设施,模具维护,顶针润滑,润滑油渗出污染制品,使用食品级润滑脂,制品无油污,每周,Hank,LS,2,3\n"
        )
        let imported = try cli.json(["risk", "import-table", own, "--as", "Dora", "--enterprise", "\(plant.ids["enterprise"]!)"]) as? [Any]
        #expect(imported?.count == 1)
        #expect((try cli.json(["risk", "list", "--as", "Dora"]) as? [Any])?.count == 2)

        let bad = try cli.file(
            "bad.csv",
            contents: "车间,风险维度,风险控制环节,风险点,风险描述,管控措施,管控目标,管控频次,责任人\n"
                + "注塑车间,生产工艺,注塑,温度,温度高导致降解,点检,偏差小,每班,Hank\n"
                + "注塑车间,生产工艺,注塑,温度,温度高导致降解,点检,偏差小,每时,Hank\n"
        )
        let refused = try cli.run(["risk", "import-table", bad, "--as", "Dora", "--enterprise", "\(plant.ids["enterprise"]!)"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("row 2 (line 3)"))
        #expect((try cli.json(["risk", "list", "--as", "Dora"]) as? [Any])?.count == 2)
        #expect(try cli.run(["audit", "verify"]).status == 0)
    }

    @Test("a daily check with two failed items on an imported checklist opens exactly two linked hazards")
    func dailyCheckOpensLinkedHazards() throws {
        let cli = try CLI()
        try cli.ok(["demo"])
        let folder = ["--checklists", CLI.checklists]
        let imported =
            try cli.json(
                ["risk", "import", "--as", "林晓燕", "--enterprise", "1", "--workshop", "注塑车间", "--checklist", "food-contact-plastics"] + folder
            ) as? [String: Any]
        let importedIDs = Set(((imported?["added"] as? [[String: Any]]) ?? []).compactMap { $0["riskPointID"] as? Int })
        let items = try cli.json(["check", "items", "--as", "王海涛", "--enterprise", "1", "--kind", "daily"]) as? [[String: Any]] ?? []
        let chosen = items.filter { importedIDs.contains($0["riskPointID"] as? Int ?? -1) }.prefix(2)
        #expect(chosen.count == 2)
        let refs = chosen.compactMap { $0["ref"] as? String }
        let before = (try cli.json(["hazard", "list", "--as", "林晓燕"]) as? [Any])?.count ?? 0

        // Only the officer (or director) records the daily check.
        #expect(try cli.run(["check", "run", "--as", "黄丽萍", "--enterprise", "1", "--kind", "daily"]).status == 77)
        let recorded =
            try cli.json([
                "check", "run", "--as", "王海涛", "--enterprise", "1", "--kind", "daily",
                "--fail", "\(refs[0])=抽查一批无合格证明", "--fail", refs[1],
            ]) as? [String: Any]
        let hazards = recorded?["hazards"] as? [[String: Any]] ?? []
        #expect(hazards.count == 2)
        #expect(Set(hazards.compactMap { $0["riskPointID"] as? Int }) == Set(chosen.compactMap { $0["riskPointID"] as? Int }))
        #expect(hazards.allSatisfy { $0["source"] as? String == "dailyCheck" && ($0["checkItemRef"] as? String)?.hasPrefix("check:") == true })
        #expect(hazards.contains { ($0["description"] as? String)?.contains("抽查一批无合格证明") == true })
        let run = recorded?["run"] as? [String: Any]
        #expect((run?["results"] as? [Any])?.count == items.count)
        #expect((try cli.json(["hazard", "list", "--as", "林晓燕"]) as? [Any])?.count == before + 2)
        // One record per period.
        let again = try cli.run(["check", "run", "--as", "王海涛", "--enterprise", "1", "--kind", "daily"])
        #expect(again.status == 65)
        #expect(again.stderr.contains("CHECK-ONCE-PER-PERIOD"))
        // The demo's checks: all three kinds recorded, one missed, and the missed one shown beside the ledger.
        let runs = try cli.json(["check", "list", "--as", "林晓燕"]) as? [[String: Any]] ?? []
        #expect(Set(runs.compactMap { $0["kind"] as? String }) == ["daily", "weekly", "monthly"])
        let due = try cli.json(["check", "due", "--as", "台州市局 孙建华"]) as? [[String: Any]] ?? []
        #expect(due.filter { $0["status"] as? String == "missed" }.count == 1)
        #expect(try cli.ok(["hazard", "list", "--as", "林晓燕"]).contains("missed checks"))
        // Monthly minutes need their chair, situation and decisions.
        #expect(try cli.run(["check", "run", "--as", "郑建国", "--enterprise", "1", "--kind", "monthly"]).status == 65)
        #expect(try cli.run(["audit", "verify"]).status == 0)
    }

    @Test("performance as of a past date is the same before and after new records")
    func performanceAsOfIsReproducible() throws {
        let cli = try CLI()
        try cli.ok(["demo"])
        let local = DateFormatter()
        local.dateFormat = "yyyy-MM-dd"
        local.timeZone = TimeZone(identifier: "Asia/Shanghai")
        let lastWeek = local.string(from: Date().addingTimeInterval(-7 * 86_400))
        let arguments = ["credit", "performance", "--as", "台州市局 孙建华", "--as-of", lastWeek, "--format", "json"]
        let before = try cli.ok(arguments)
        // Today: a new hazard, a closed one, a check.
        try cli.ok(["hazard", "report", "--as", "王海涛", "--workshop", "注塑车间", "--grade", "major", "--description", "新发现：模具冷却水渗漏"])
        try cli.ok(["hazard", "accept", "YH-2026-0002", "--as", "潘美玲", "--criteria", "30桶净含量合格", "--opinion", "同意"])
        try cli.ok(["check", "run", "--as", "王海涛", "--enterprise", "1", "--kind", "daily"])
        #expect(try cli.ok(arguments) == before)
        let now = try cli.json(["credit", "performance", "--as", "林晓燕"]) as? [[String: Any]]
        let metrics = now?.first?["metrics"] as? [String: [String: Any]]
        #expect(metrics?["dualPrevention.closedLoopRate"]?["value"] as? Double != nil)
    }

    @Test("the demo builds its sample and refuses to overwrite another database")
    func demo() throws {
        let cli = try CLI()
        let summary = try cli.json(["demo"]) as? [String: Any]
        let enterprises = try #require(summary?["enterprises"] as? [[String: Any]])
        #expect(
            enterprises.count == 6,
            "three makers with their histories, an e-bike maker registered lately, two small makers served by a regional director"
        )
        let colours = enterprises.map { ($0["riskPointsByColour"] as? [String: Int]) ?? [:] }
        for colour in ["red", "orange", "yellow", "blue"] {
            #expect(colours.reduce(0) { $0 + ($1[colour] ?? 0) } > 0, "no \(colour) risk point")
        }
        let states = Set(enterprises.flatMap { ($0["hazardsByState"] as? [String: Int])?.keys.map { $0 } ?? [] })
        #expect(states == ["reported", "notified", "rectifying", "awaitingAcceptance", "closed", "cancelled"])
        #expect(summary?["auditIntact"] as? Bool == true)
        #expect(enterprises.reduce(0) { $0 + ($1["overdue"] as? Int ?? 0) } >= 1)
        #expect(enterprises.reduce(0) { $0 + ($1["listed"] as? Int ?? 0) } == 1)
        // Running it again replaces its own sample.
        try cli.ok(["demo"])

        let other = try CLI()
        try other.ok(["init", "--admin", "A"])
        let refused = try other.run(["demo"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("DEMO-OVERWRITE"))
    }
}
