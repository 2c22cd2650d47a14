import Foundation
import Testing

/// Batches, the production stop and the recall through the real binary (issue 16): a major hazard with two shipped
/// batches is accepted only after its recall is planned, the stop is lifted after the acceptance, the ledgers export
/// as CSV with a byte-order mark.
@Suite("dualprev products end to end", .serialized)
struct ProductCLITests {
    @Test func aMajorHazardsBatchesStopAndRecallGoRoundTheCommands() throws {
        let plant = try ClosedLoopTests.Plant()
        let cli = plant.cli
        let future = ClosedLoopTests.future
        let reported =
            try cli.json([
                "hazard", "report", "--as", "Olli", "--workshop", "注塑车间", "--grade", "major", "--source", "spotCheck",
                "--description", "食品级原料混入回收料", "--stop-scope", "3号注塑线及其餐盒产品",
            ]) as? [String: Any]
        let number = try #require(reported?["number"] as? String)
        for (batch, shipped) in [("B-01", "400"), ("B-02", "600"), ("B-03", "0")] {
            try cli.ok([
                "hazard", "batch", number, "--as", "Olli", "--number", batch, "--product", "PP餐盒", "--made", "1000", "--shipped", shipped,
                "--from", "2026-09-01", "--to", "2026-09-02",
            ])
        }
        let twice = try cli.run([
            "hazard", "batch", number, "--as", "Olli", "--number", "B-01", "--product", "PP", "--made", "1", "--shipped", "0", "--from", "2026-09-01",
        ])
        #expect(twice.status == 77 && twice.stderr.contains("BATCH-ONCE"))
        let byWorker = try cli.run([
            "hazard", "batch", number, "--as", "Pia", "--number", "B-09", "--product", "PP", "--made", "1", "--shipped", "0", "--from", "2026-09-01",
        ])
        #expect(byWorker.status == 77 && byWorker.stderr.contains("PRODUCT-ROLE"))

        try cli.ok(["hazard", "notice", number, "--as", "Olli", "--to", "Hank", "--deadline", future, "--measures", "隔离回收料"])
        try cli.ok(["hazard", "acknowledge", number, "--as", "Hank"])
        try cli.ok([
            "hazard", "plan", number, "--as", "Hank", "--target", "杜绝混料", "--methods", "分区存放", "--funds", "2万元",
            "--organisation", "注塑车间", "--time-limit", future, "--safety", "停线",
        ])
        try cli.ok(["hazard", "plan-approve", number, "--as", "Dora"])
        try cli.ok(["hazard", "start", number, "--as", "Hank"])
        try cli.ok(["hazard", "submit", number, "--as", "Hank", "--measures-taken", "回收料单独存放并上锁"])

        let held = try cli.run(["hazard", "accept", number, "--as", "Dora", "--criteria", "无混料", "--opinion", "同意"])
        #expect(held.status == 77 && held.stderr.contains("RECALL-PLAN-BEFORE-ACCEPTANCE") && held.stderr.contains("B-01, B-02"))
        let early = try cli.run(["hazard", "stop-lift", number, "--as", "Boss", "--note", "复产"])
        #expect(early.status == 77 && early.stderr.contains("STOP-LIFT-ACCEPTED"))
        try cli.ok([
            "hazard", "recall-plan", number, "--as", "Olli", "--scope", "B-01、B-02 两批次", "--method", "通知经销商下架回收",
            "--channels", "电话、官网", "--deadline", future, "--disposal", "封存销毁",
        ])
        try cli.ok(["hazard", "accept", number, "--as", "Dora", "--criteria", "无混料", "--opinion", "同意"])
        let lifted = try cli.ok(["hazard", "stop-lift", number, "--as", "Boss", "--note", "验收合格，恢复生产"])
        #expect(lifted.contains("3号注塑线及其餐盒产品") && lifted.contains("验收合格，恢复生产"))

        try cli.ok(["hazard", "recall-return", number, "--as", "Olli", "--batch", "B-01", "--quantity", "400", "--disposal", "销毁"])
        let notAll = try cli.run(["hazard", "recall-close", number, "--as", "Boss", "--note", "完成"])
        #expect(notAll.status == 77 && notAll.stderr.contains("RECALL-RETURNS") && notAll.stderr.contains("B-02"))
        let notDue = try cli.run(["hazard", "recall-close", number, "--as", "Reg", "--not-done", "--note", "未完成"])
        #expect(notDue.status == 77 && notDue.stderr.contains("RECALL-NOT-DUE"))
        try cli.ok(["hazard", "recall-return", number, "--as", "Olli", "--batch", "B-02", "--quantity", "580", "--disposal", "销毁"])
        let closed = try cli.json(["hazard", "recall-close", number, "--as", "Boss", "--note", "两批次已回收销毁"]) as? [String: Any]
        let record = try #require(closed?["qualityRecord"] as? [String: Any])
        #expect(record["kind"] as? String == "recall" && record["subtype"] as? String == "done" && record["reference"] as? String == number)

        let shown = try cli.json(["hazard", "show", number, "--as", "Reg"]) as? [String: Any]
        let products = try #require(shown?["products"] as? [String: Any])
        #expect((products["batches"] as? [Any])?.count == 3 && (products["stops"] as? [Any])?.count == 1)
        #expect(((products["recall"] as? [String: Any])?["closure"] as? [String: Any])?["done"] as? Bool == true)
        let text = try cli.ok(["hazard", "show", number, "--as", "Reg"])
        #expect(text.contains("B-02") && text.contains("980 recovered of 1000 shipped"))
        #expect(text.components(separatedBy: "Product batches").count == 2, "the batches are printed once")

        try cli.ok(["hazard", "product-ledger", "batches", "--as", "Reg", "--format", "csv", "--output", "batches.csv"])
        let bytes = try Data(contentsOf: cli.directory.appendingPathComponent("batches.csv"))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "a byte-order mark first")
        let csv = String(decoding: bytes, as: UTF8.self)
        #expect(csv.contains("序号,企业,隐患编号"))
        #expect(csv.contains(",B-01,PP餐盒,1000,400,400,") && csv.contains(",B-03,PP餐盒,1000,0,,"))
        let recalls = try cli.ok(["hazard", "product-ledger", "recalls", "--as", "Dora", "--format", "csv"])
        #expect(recalls.contains(",1000,980,已按期完成,"), "\(recalls)")
        #expect(try cli.run(["audit", "verify"]).status == 0)
    }
}

/// Control lists per tier through the binary (issue 16): a team's list shows the red point of its workshop.
@Suite("dualprev control lists", .serialized)
struct ControlListCLITests {
    @Test func aTeamsListShowsTheRedPointOfItsWorkshop() throws {
        let plant = try ClosedLoopTests.Plant()
        let cli = plant.cli
        let e = "\(plant.ids["enterprise"]!)"
        let workshop = "\(plant.ids["workshop"]!)"
        let team = try cli.id(["team", "add", "--as", "Boss", "--workshop", workshop, "--name", "甲班"])
        _ = try cli.id(["team", "add", "--as", "Boss", "--workshop", workshop, "--name", "乙班"])
        func point(_ name: String, team: String?, l: String) throws -> Int {
            try cli.id(
                [
                    "risk", "add", "--as", "Dora", "--enterprise", e, "--workshop", "注塑车间", "--dimension", "process", "--stage", "成型",
                    "--name", name, "--description", "描述", "--measures", "措施", "--target", "目标", "--frequency", "daily",
                    "--owner", "Hank", "--method", "lec", "--l", l, "--e", "6", "--c", "15",
                ] + (team.map { ["--team", $0] } ?? [])
            )
        }
        let red = try point("原料混入异物", team: nil, l: "10")
        let ownYellow = try point("甲班料温", team: "甲班", l: "1")
        let otherYellow = try point("乙班料温", team: "乙班", l: "1")
        let listed = try cli.json(["risk", "list", "--as", "Dora", "--enterprise", e, "--tier", "team", "--workshop", "注塑车间", "--team", "甲班"])
        let ids = ((listed as? [[String: Any]]) ?? []).compactMap { $0["id"] as? Int }
        #expect(ids.contains(red), "the red point of the team's workshop")
        #expect(ids.contains(plant.ids["risk"]!), "the orange point of its workshop")
        #expect(ids.contains(ownYellow) && !ids.contains(otherYellow), "its own yellow point, not the other team's")
        let text = try cli.ok(["risk", "list", "--as", "Dora", "--enterprise", e, "--tier", "team", "--workshop", "注塑车间", "--team", "\(team)"])
        #expect(text.contains("原料混入异物"))
        let missing = try cli.run(["risk", "list", "--as", "Dora", "--enterprise", e, "--tier", "team", "--workshop", "注塑车间"])
        #expect(missing.status == 64 && missing.stderr.contains("--team"))
        // The A4 forms: on the workshop's list the red point carried down from the enterprise is its head's (Hank);
        // on the team's list every row is its named owner's, with a line for the team's head to sign.
        // A red point of another workshop, owned by the officer, is on every list of the enterprise.
        _ = try cli.id(["workshop", "add", "--as", "Boss", "--enterprise", e, "--name", "包装车间"])
        let packing = try cli.id([
            "risk", "add", "--as", "Dora", "--enterprise", e, "--workshop", "包装车间", "--dimension", "process", "--stage", "包装",
            "--name", "包装材料混用", "--description", "描述", "--measures", "措施", "--target", "目标", "--frequency", "daily",
            "--owner", "Olli", "--method", "lec", "--l", "10", "--e", "6", "--c", "15",
        ])
        #expect(packing > 0)
        try cli.ok(["risk", "list", "--as", "Dora", "--enterprise", e, "--tier", "workshop", "--workshop", "注塑车间", "--form", "workshop.html"])
        let workshopForm = try String(contentsOf: cli.directory.appendingPathComponent("workshop.html"), encoding: .utf8)
        let workshopRows = workshopForm.components(separatedBy: "<tr><td>").dropFirst()
        #expect(workshopRows.first { $0.contains("包装材料混用") }?.contains("<td>Hank</td></tr>") == true, "the workshop's head")
        try cli.ok([
            "risk", "list", "--as", "Dora", "--enterprise", e, "--tier", "team", "--workshop", "注塑车间", "--team", "甲班", "--form", "team.html",
        ])
        let form = try String(contentsOf: cli.directory.appendingPathComponent("team.html"), encoding: .utf8)
        #expect(form.hasPrefix("<!DOCTYPE html>") && form.contains("size: A4"))
        #expect(form.contains("<td>原料混入异物</td>") && form.contains("<td>甲班料温</td>") && !form.contains("乙班料温"))
        let rows = form.components(separatedBy: "<tr><td>").dropFirst()
        #expect(rows.first { $0.contains("包装材料混用") }?.contains("<td>Olli</td></tr>") == true, "its named owner on a team's list")
        #expect(rows.first { $0.contains("甲班料温") }?.contains("<td>Hank</td></tr>") == true, "its named owner for the team's own point")
        #expect(form.contains("Head of the unit (signature)"), "a line for the team's head to sign")
        let filtered = try cli.run([
            "risk", "list", "--as", "Dora", "--enterprise", e, "--tier", "team", "--workshop", "注塑车间", "--team", "甲班", "--colour", "red",
            "--form", "red.html",
        ])
        #expect(filtered.status == 64 && filtered.stderr.contains("--form"), "a form is the whole list")
        let noTier = try cli.run(["risk", "list", "--as", "Dora", "--enterprise", e, "--form", "x.html"])
        #expect(noTier.status == 64 && noTier.stderr.contains("--tier"))
    }
}

/// One enterprise, one file (issue 16): the whole record in one HTML file, stamped with the audit head it was drawn at.
@Suite("dualprev archive", .serialized)
struct ArchiveCLITests {
    @Test func anEnterprisesFileHoldsItsRecordAndTheHeadItWasDrawnAt() throws {
        let plant = try ClosedLoopTests.Plant()
        let cli = plant.cli
        let e = "\(plant.ids["enterprise"]!)"
        let photo = try cli.file("before.jpg", contents: "the-photo-bytes")
        let reported =
            try cli.json([
                "hazard", "report", "--as", "Pia", "--workshop", "注塑车间", "--grade", "general", "--source", "dailyCheck",
                "--description", "温控仪偏差12℃ <b>", "--photo", photo,
            ]) as? [String: Any]
        let number = try #require(reported?["number"] as? String)
        try cli.ok(["hazard", "notice", number, "--as", "Olli", "--to", "Hank", "--deadline", ClosedLoopTests.future, "--measures", "更换热电偶"])
        #expect(try cli.run(["archive", "--enterprise", e, "--as", "Reg", "--output", "file.html"], lang: "zh").status == 0)
        let html = try String(contentsOf: cli.directory.appendingPathComponent("file.html"), encoding: .utf8)
        let head = try #require((try cli.json(["audit", "verify"]) as? [String: Any])?["headHash"] as? String)
        #expect(html.contains(head), "stamped with the head it was drawn at")
        #expect(html.contains("Plant") && html.contains("91331002MA2AKH3L0A") && html.contains("注塑温度控制"))
        #expect(html.contains(number) && html.contains("下达整改通知单") && html.contains("更换热电偶"), "the hazard with its timeline")
        let evidence = try #require(try cli.json(["hazard", "show", number, "--as", "Dora"]) as? [String: Any])
        let hash = try #require(((evidence["evidence"] as? [[String: Any]])?.first)?["sha256"] as? String)
        #expect(html.contains(hash), "the evidence hash")
        #expect(html.contains("温控仪偏差12℃ &lt;b&gt;") && !html.contains("12℃ <b>"), "text from the records is escaped")
        let other = try cli.run(["archive", "--enterprise", e, "--as", "OtherReg", "--output", "other.html"])
        #expect(other.status == 66, "another district's regulator does not even find it")
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("other.html").path))
    }
}

/// Whose grade would fall at the next grading (issue 16's regulator analytics).
@Suite("dualprev credit falling", .serialized)
struct CreditFallingCLITests {
    @Test func anEnterpriseWithANewVetoIsListedWithTheRecordBehindIt() throws {
        let cli = try CLI()
        try cli.ok(["demo"])
        let city = "台州市局 孙建华"
        let before = try #require(try cli.json(["credit", "falling", "--as", city]) as? [[String: Any]])
        #expect(!before.contains { $0["enterpriseName"] as? String == "台州恒信塑业有限公司" }, "graded A, still A")
        let record = try #require(
            try cli.json([
                "record", "add", "--as", city, "--enterprise", "1", "--kind", "recall", "--subtype", "dueNotDone", "--date",
                try LocalTimeDay.today(), "--product", "PP餐盒", "--reference", "YH-2026-0009",
            ]) as? [String: Any]
        )
        let key = "QR-\(record["id"] as? Int ?? 0)"
        let lines = try #require(try cli.json(["credit", "falling", "--as", city]) as? [[String: Any]])
        let line = try #require(lines.first { $0["enterpriseName"] as? String == "台州恒信塑业有限公司" })
        let fall = try #require(line["fall"] as? [String: Any])
        #expect(fall["stored"] as? String == "A" && fall["now"] as? String == "D")
        let items = try #require(fall["items"] as? [[String: Any]])
        #expect(items.contains { $0["item"] as? String == "veto.recallNotDone" && ($0["newEvidence"] as? [String]) == [key] })
        let csv = try cli.ok(["credit", "falling", "--as", city, "--format", "csv"])
        #expect(csv.contains("台州恒信塑业有限公司") && csv.contains(key))
        let district = try #require(try cli.json(["credit", "falling", "--as", "路桥分局 赵敏"]) as? [[String: Any]])
        #expect(!district.contains { $0["enterpriseName"] as? String == "台州恒信塑业有限公司" }, "another district's regulator does not see it")
    }
}

/// Today in Asia/Shanghai, as the CLI reads a bare date.
enum LocalTimeDay {
    static func today() throws -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
