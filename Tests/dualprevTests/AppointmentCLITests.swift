import DualPrevention
import Foundation
import Testing

/// The regional quality safety director through the real binary (issue 16, DOMAIN.md §13): one person appointed to
/// three small enterprises accepts a hazard in each with `--enterprise`; with the cap set to 3 in the folder's
/// appointment-rules.yaml a fourth appointment is refused naming the rule; an ended appointment stops at the next
/// command.
@Suite("dualprev regional directors end to end", .serialized)
struct AppointmentCLITests {
    /// The plant's district with three more small enterprises, each with a principal, an officer, a workshop head and
    /// a post worker but no director, and a regional director of the district.
    static func district(cap: Int) throws -> (ClosedLoopTests.Plant, [String]) {
        let plant = try ClosedLoopTests.Plant()
        let cli = plant.cli
        // The folder's own rules: a copy of the shipped ones with the cap lowered.
        let folder = cli.directory.appendingPathComponent("checklists")
        try FileManager.default.copyItem(atPath: CLI.checklists, toPath: folder.path)
        try "kind: appointmentRules\nversion: 1\nregionalDirectorCap: \(cap)\n"
            .write(to: folder.appendingPathComponent("appointment-rules.yaml"), atomically: true, encoding: .utf8)
        var names: [String] = []
        for n in 1...4 {
            let name = "小微五金厂\(n)"
            let code = try CreditCode.completing("91331002MA2C0020\(n)").value
            let id = try cli.id([
                "enterprise", "add", "--as", "Reg", "--name", name, "--code", code, "--jurisdiction", "\(plant.ids["district"]!)",
                "--category", "五金制品",
            ])
            try cli.ok(["person", "add", "--as", "1", "--name", "厂长\(n)", "--role", "principal", "--enterprise", "\(id)"])
            let workshop = try cli.id(["workshop", "add", "--as", "厂长\(n)", "--enterprise", "\(id)", "--name", "冲压车间"])
            for (person, role) in [("安全员\(n)", "officer"), ("主任\(n)", "workshopHead"), ("工人\(n)", "postWorker")] {
                try cli.ok([
                    "person", "add", "--as", "厂长\(n)", "--name", person, "--role", role, "--enterprise", "\(id)", "--workshop", "\(workshop)",
                ])
            }
            names.append(name)
        }
        try cli.ok(["person", "add", "--as", "1", "--name", "周丽", "--role", "regional-director", "--jurisdiction", "\(plant.ids["district"]!)"])
        return (plant, names)
    }

    /// A general hazard of enterprise `n`, rectified and waiting for acceptance; its number.
    static func awaitingAcceptance(_ cli: CLI, _ n: Int) throws -> String {
        let reported =
            try cli.json([
                "hazard", "report", "--as", "工人\(n)", "--workshop", "冲压车间", "--grade", "general", "--source", "dailyCheck",
                "--description", "冲床光电保护失灵",
            ]) as? [String: Any]
        let number = try #require(reported?["number"] as? String)
        try cli.ok(["hazard", "notice", number, "--as", "安全员\(n)", "--to", "主任\(n)", "--deadline", ClosedLoopTests.future, "--measures", "修复"])
        try cli.ok(["hazard", "acknowledge", number, "--as", "主任\(n)"])
        try cli.ok(["hazard", "start", number, "--as", "主任\(n)"])
        try cli.ok(["hazard", "submit", number, "--as", "主任\(n)", "--measures-taken", "更换光电保护装置"])
        return number
    }

    @Test func oneRegionalDirectorAcceptsInThreeEnterprisesTheFourthIsRefusedByTheRulesFileAndAnEndingStopsAtTheNextCommand() throws {
        let (plant, names) = try Self.district(cap: 3)
        let cli = plant.cli
        var numbers: [String] = []
        for name in names.prefix(3) {
            let made = try cli.json(["appointment", "add", "--as", "Reg", "--director", "周丽", "--enterprise", name, "--until", "2099-12-31"])
            let first = try #require((made as? [[String: Any]])?.first)
            #expect(first["enterprise"] as? String == name && first["inOffice"] as? Bool == true)
            numbers.append(try #require(first["number"] as? String))
        }
        let fourth = try cli.run(["appointment", "add", "--as", "Reg", "--director", "周丽", "--enterprise", names[3], "--until", "2099-12-31"])
        #expect(fourth.status == 77)
        #expect(
            fourth.stderr.contains("APPOINT-CAP") && fourth.stderr.contains("appointment-rules.yaml: regionalDirectorCap = 3"),
            "\(fourth.stderr)"
        )

        // Several served and none named: the command says which to name.
        let hazards = try (1...3).map { try Self.awaitingAcceptance(cli, $0) }
        let unnamed = try cli.run(["hazard", "accept", hazards[0], "--as", "周丽", "--criteria", "试验有效", "--opinion", "同意"])
        #expect(unnamed.status == 77 && unnamed.stderr.contains("--enterprise") && unnamed.stderr.contains(names[2]))
        for (index, number) in hazards.enumerated() {
            let accepted = try cli.ok([
                "hazard", "accept", number, "--as", "周丽", "--enterprise", names[index], "--criteria", "光电保护试验有效", "--opinion", "同意验收",
            ])
            #expect(accepted.contains("closed"), "\(accepted)")
            let principal = "厂长\(index + 1)"
            let shown = try cli.json(["hazard", "show", number, "--as", principal]) as? [String: Any]
            let id = try #require((shown?["hazard"] as? [String: Any])?["id"] as? Int)
            let history = try cli.ok(["history", "hazard", "\(id)", "--as", principal])
            #expect(history.contains("周丽（区域质量安全总监 \(numbers[index])，\(names[index])）"), "\(history)")
        }
        let inbox = try cli.ok(["inbox", "--as", "周丽"])
        #expect(!inbox.contains("APPOINT"))

        // As the second enterprise's director she grades a risk point, approves a governance plan and records the weekly
        // investigation report.
        let second = names[1]
        try cli.ok([
            "risk", "add", "--as", "周丽", "--enterprise", second, "--workshop", "冲压车间", "--dimension", "equipment", "--stage", "冲压",
            "--name", "冲床光电保护", "--description", "光电保护失灵导致压手", "--measures", "每班试验光电保护", "--target", "10次均有效",
            "--frequency", "weekly", "--owner", "主任2", "--method", "lec", "--l", "6", "--e", "6", "--c", "15",
        ])
        let major =
            try cli.json([
                "hazard", "report", "--as", "工人2", "--workshop", "冲压车间", "--grade", "major", "--source", "dailyCheck",
                "--description", "冲床离合器失灵",
            ]) as? [String: Any]
        let majorNumber = try #require(major?["number"] as? String)
        try cli.ok(["hazard", "notice", majorNumber, "--as", "安全员2", "--to", "主任2", "--deadline", ClosedLoopTests.future, "--measures", "更换离合器"])
        try cli.ok(["hazard", "acknowledge", majorNumber, "--as", "主任2"])
        try cli.ok([
            "hazard", "plan", majorNumber, "--as", "主任2", "--target", "消除离合器隐患", "--methods", "更换", "--funds", "1万元",
            "--organisation", "冲压车间", "--time-limit", ClosedLoopTests.future, "--safety", "停机",
        ])
        let approved = try cli.ok(["hazard", "plan-approve", majorNumber, "--as", "周丽", "--enterprise", second])
        #expect(approved.contains("周丽（区域质量安全总监 \(numbers[1])，\(second)）"), "\(approved)")
        // The weekly plan names her as the person who records it; her inbox says when it is due.
        try cli.ok(["check", "plan", "--as", "厂长2", "--enterprise", second, "--kind", "weekly", "--responsible", "周丽"])
        let due = try cli.ok(["inbox", "--as", "周丽"])
        #expect(due.contains("check:") && due.contains(second), "\(due)")
        let weekly = try cli.run([
            "check", "run", "--as", "周丽", "--enterprise", second, "--kind", "weekly", "--situation", "本周排查冲压车间，发现重大隐患1项",
        ])
        #expect(weekly.status == 0, "\(weekly.stderr)")

        // Ending the first appointment: the next command for that enterprise is refused, the others still work.
        try cli.ok(["appointment", "end", numbers[0], "--as", "Reg", "--reason", "企业已配备专职总监"])
        let after = try cli.run(["hazard", "list", "--as", "周丽", "--enterprise", names[0]])
        #expect(after.status == 77 && after.stderr.contains("APPOINT-WHICH"), "\(after.stderr)")
        try cli.ok(["hazard", "list", "--as", "周丽", "--enterprise", names[1]])
        let listed = try cli.json(["appointment", "list", "--as", "周丽"]) as? [[String: Any]]
        #expect(listed?.count == 3 && listed?.filter { $0["inOffice"] as? Bool == true }.count == 2)
        // With one in office less, the fourth enterprise is served.
        try cli.ok(["appointment", "add", "--as", "Reg", "--director", "周丽", "--enterprise", names[3], "--until", "2099-12-31"])
        // A regulator of another district does not end an appointment here.
        let foreign = try cli.run(["appointment", "end", numbers[1], "--as", "OtherReg", "--reason", "越权"])
        #expect(foreign.status != 0)
    }
}
