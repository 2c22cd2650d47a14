import Foundation
import Testing

/// Days and quarters in Asia/Shanghai, counted from today as the demo counts them.
enum Shanghai {
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        return calendar
    }()

    static func date(_ daysFromToday: Int) -> Date { calendar.date(byAdding: .day, value: daysFromToday, to: Date())! }

    /// `YYYY-MM-DD` of the local day `daysFromToday` days from today.
    static func day(_ daysFromToday: Int = 0) -> String { format(date(daysFromToday)) }

    static func format(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    struct Quarter: CustomStringConvertible {
        var year: Int
        var number: Int

        init(containing date: Date) {
            let c = Shanghai.calendar.dateComponents([.year, .month], from: date)
            year = c.year ?? 0
            number = ((c.month ?? 1) - 1) / 3 + 1
        }

        init(year: Int, number: Int) {
            self.year = year
            self.number = number
        }

        var previous: Quarter { number == 1 ? Quarter(year: year - 1, number: 4) : Quarter(year: year, number: number - 1) }
        var description: String { "\(year)Q\(number)" }
        /// The 15th of the quarter's middle month.
        var middle: String { String(format: "%04d-%02d-15", year, (number - 1) * 3 + 2) }
    }

    /// The quarter the demo evaluates and publishes: the last one ended two weeks before today.
    static var demoQuarter: Quarter { Quarter(containing: date(-14)).previous }
}

/// Credit grades, their inputs and the red and black lists, end to end on the built binary with the demo data
/// (DOMAIN.md §6–7): enterprise 1 grade A and on the red list, enterprise 2 grade C and on the black list,
/// enterprise 3 a high score forced to D by a recall not done, its red entries dropped on that breach.
@Suite("credit grades and red and black lists end to end", .serialized)
struct CreditListsCLITests {
    static let city = "台州市局 孙建华"
    /// Each demo enterprise's district regulator.
    static let district = [1: "椒江分局 陈刚", 2: "黄岩分局 刘洋", 3: "路桥分局 赵敏"]

    static func demo() throws -> CLI {
        let cli = try CLI()
        try cli.ok(["demo"])
        return cli
    }

    static func objects(_ value: Any?) -> [[String: Any]] { value as? [[String: Any]] ?? [] }
    static func object(_ value: Any?) -> [String: Any] { value as? [String: Any] ?? [:] }
    static func int(_ value: Any?) -> Int { (value as? NSNumber)?.intValue ?? -1 }
    static func double(_ value: Any?) -> Double { (value as? NSNumber)?.doubleValue ?? .nan }

    /// The grades of `credit grade … --format json`, by enterprise id.
    static func grades(_ cli: CLI, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [Int: [String: Any]] {
        let result = object(try cli.json(["credit", "grade"] + arguments, sourceLocation: sourceLocation))
        var byEnterprise: [Int: [String: Any]] = [:]
        for graded in objects(result["grades"]) {
            let grade = object(graded["grade"])
            byEnterprise[int(grade["enterpriseID"])] = grade
        }
        return byEnterprise
    }

    static func recordCount(_ cli: CLI) throws -> Int {
        objects(try cli.json(["record", "list", "--as", city])).count
    }

    /// Many grades print a chunk at a time; the JSON is the same bytes whatever the chunk, and the same as the whole
    /// result encoded at once (which is how one enterprise's grade prints).
    @Test func gradesInChunksPrintTheWholeResult() throws {
        let cli = try Self.demo()
        // The instant of grading is the only thing that differs between two runs.
        func run(_ arguments: [String]) throws -> String {
            try cli.ok(["credit", "grade", "--as", Self.city, "--preview", "--as-of", "2026-10-31", "--format", "json"] + arguments)
                .replacingOccurrences(of: #""computedAt" : "[^"]*""#, with: #""computedAt" : "-""#, options: .regularExpression)
        }
        let whole = try run(["--all"])
        #expect(try run(["--all", "--chunk-size", "1"]) == whole)
        #expect(try run(["--all", "--chunk-size", "2"]) == whole)
        #expect(Self.objects(Self.object(try cli.json(["credit", "grade", "--all", "--as", Self.city, "--preview"]))["grades"]).count == 6)
        // 黄岩区 has one enterprise: graded as many, it prints as that enterprise graded alone.
        let one = try run(["--all", "--jurisdiction", "黄岩区"])
        let id = try #require(Self.objects(Self.object(try JSONSerialization.jsonObject(with: Data(one.utf8)))["grades"]).first)
        let enterprise = try #require((id["grade"] as? [String: Any])?["enterpriseID"] as? Int)
        #expect(try run(["--enterprise", String(enterprise)]) == one)
        #expect(try cli.run(["credit", "grade", "--all", "--as", Self.city, "--chunk-size", "0"]).status == 64)
    }

    @Test("the demo's enterprises get three different grades, each explained line by line; a veto forces D")
    func demoGrades() throws {
        let cli = try Self.demo()
        let result = Self.object(try cli.json(["credit", "grade", "--all", "--as", Self.city, "--preview"]))
        let graded = Self.objects(result["grades"])
        // Three makers with their histories, an e-bike maker registered lately and two small makers served by a regional
        // director, with no record yet (D by score).
        #expect(graded.count == 6)
        #expect(graded.allSatisfy { $0["stored"] as? Bool == false }, "--preview stores nothing")
        let grades = try Self.grades(cli, ["--all", "--as", Self.city, "--preview"])
        #expect(
            Set(grades.values.compactMap { $0["grade"] as? String }) == ["A", "C", "D"],
            "three different grades: \(grades.mapValues { $0["grade"] ?? "" })"
        )
        #expect(grades[1]?["grade"] as? String == "A")
        #expect(grades[2]?["grade"] as? String == "C")
        let distribution = Self.object(result["distribution"])
        #expect(distribution.values.map { Self.int($0) }.reduce(0, +) == 6)
        // The table (kept as rows only, a chunk of records at a time) says the same as the JSON.
        let table = try cli.ok(["credit", "grade", "--all", "--as", Self.city, "--preview"])
        let counts = ["A", "B", "C", "D"].map { "\($0) \(distribution[$0].map(Self.int) ?? 0)" }.joined(separator: "  ")
        #expect(table.contains("distribution: " + counts), "\(table)")
        for g in graded { #expect(table.contains(g["enterpriseName"] as? String ?? "?")) }

        let bikes = try #require(grades[3])
        let assessment = Self.object(bikes["assessment"])
        #expect(bikes["grade"] as? String == "D")
        #expect(assessment["grade"] as? String == "D")
        #expect(
            ["A", "B"].contains(assessment["gradeByScore"] as? String ?? ""),
            "by score alone enterprise 3 is A or B, not \(assessment["gradeByScore"] ?? "")"
        )
        #expect(Self.double(bikes["score"]) >= 80)
        let veto = try #require(Self.objects(assessment["vetoes"]).first { $0["code"] as? String == "recallNotDone" })
        let vetoEvidence = (veto["evidence"] as? [String]) ?? []
        #expect(vetoEvidence.contains { $0.hasPrefix("QR-") }, "the veto names its record: \(vetoEvidence)")

        for (enterprise, grade) in grades {
            let assessment = Self.object(grade["assessment"])
            let lines = Self.objects(assessment["lines"])
            let sum = lines.map { Self.double($0["points"]) }.reduce(0, +)
            #expect(
                abs(sum - Self.double(grade["score"])) < 0.0005,
                "enterprise \(enterprise): lines add up to \(sum), score \(grade["score"] ?? "")"
            )
            #expect(Self.double(assessment["score"]) == Self.double(grade["score"]))
            #expect(Self.int(grade["id"]) == 0, "a preview has no id")
        }

        // The city graded everyone yesterday: enterprise 3's stored grade names the veto that came, and the honours to revoke.
        let history = Self.objects(try cli.json(["credit", "history", "--enterprise", "3", "--as", Self.district[3]!]))
        #expect(history.count >= 2)
        let fell = try #require(
            history.first { grade in
                Self.objects(grade["changes"]).contains { $0["item"] as? String == "veto.recallNotDone" }
            },
            "a stored grade of enterprise 3 changed on veto.recallNotDone"
        )
        #expect(fell["grade"] as? String == "D")
        #expect(fell["previousGrade"] as? String != "D", "the veto is what brought it to D")
        #expect(((fell["honoursToRevoke"] as? [String]) ?? []).isEmpty == false)
        let change = try #require(Self.objects(fell["changes"]).first { $0["item"] as? String == "veto.recallNotDone" })
        #expect((change["newEvidence"] as? [String]) == vetoEvidence)

        // Under one district only: its one enterprise, and the distribution of that district.
        let district = Self.object(try cli.json(["credit", "grade", "--all", "--jurisdiction", "黄岩区", "--as", Self.city, "--preview"]))
        #expect(Self.objects(district["grades"]).map { Self.object($0["grade"])["enterpriseID"] as? Int } == [2])
        #expect(Self.object(district["distribution"]).mapValues { Self.int($0) } == ["C": 1])
        #expect(try cli.run(["credit", "grade", "--all", "--jurisdiction", "西湖区", "--as", Self.city, "--preview"]).status == 66)
        #expect(try cli.run(["credit", "grade", "--enterprise", "1", "--jurisdiction", "黄岩区", "--as", Self.city]).status == 64)
    }

    @Test("a grade as of a past date stays the same when inputs are recorded later; today's grade moves")
    func asOfIsReproducible() throws {
        let cli = try Self.demo()
        let regulator = Self.district[1]!
        let past = ["--enterprise", "1", "--as", regulator, "--preview", "--as-of", Shanghai.day(-20)]
        let today = ["--enterprise", "1", "--as", regulator, "--preview", "--as-of", Shanghai.day()]
        let pastBefore = try #require(try Self.grades(cli, past)[1])
        let todayBefore = try #require(try Self.grades(cli, today)[1])

        let failed = Self.object(
            try cli.json([
                "record", "add", "--as", regulator, "--enterprise", "1", "--kind", "spotCheck", "--subtype", "failed",
                "--date", Shanghai.day(), "--product", "食品接触用PP餐盒", "--reference", "JC-T-01", "--note", "迁移量超标",
            ])
        )
        let violation = Self.object(
            try cli.json([
                "record", "add", "--as", regulator, "--enterprise", "1", "--kind", "violation", "--subtype", "general",
                "--date", Shanghai.day(), "--product", "食品接触用PP餐盒", "--reference", "台椒市监罚〔T〕1号",
            ])
        )
        let failedKey = "QR-\(Self.int(failed["id"]))"
        let violationKey = "QR-\(Self.int(violation["id"]))"

        let pastAfter = try #require(try Self.grades(cli, past)[1])
        let todayAfter = try #require(try Self.grades(cli, today)[1])
        let before = try #require(pastBefore["assessment"] as? NSDictionary)
        let after = try #require(pastAfter["assessment"] as? NSDictionary)
        #expect(before.isEqual(after), "the grade as of \(Shanghai.day(-20)) changed after inputs recorded today")

        #expect(Self.double(todayAfter["score"]) < Self.double(todayBefore["score"]))
        let todayAssessment = try #require(todayBefore["assessment"] as? NSDictionary)
        #expect(!todayAssessment.isEqual(todayAfter["assessment"] as? NSDictionary ?? [:]))
        let lines = Self.objects(Self.object(todayAfter["assessment"])["lines"])
        let general = try #require(lines.first { $0["item"] as? String == "violations.general" })
        #expect(Self.double(general["points"]) == -5)
        #expect((general["evidence"] as? [String]) == [violationKey])
        let passRate = try #require(lines.first { $0["item"] as? String == "spotChecks.passRate" })
        #expect(((passRate["evidence"] as? [String]) ?? []).contains(failedKey))
        let pastLines = Self.objects(Self.object(pastAfter["assessment"])["lines"])
        #expect(!pastLines.contains { (($0["evidence"] as? [String]) ?? []).contains { [failedKey, violationKey].contains($0) } })
    }

    @Test("record add, import and withdraw: who records what, every bad row named, all or nothing")
    func recording() throws {
        let cli = try Self.demo()
        let count = try Self.recordCount(cli)

        // An enterprise declares what it declares, never a spot check.
        let director = try cli.run([
            "record", "add", "--as", "林晓燕", "--enterprise", "1", "--kind", "spotCheck", "--subtype", "passed",
            "--date", Shanghai.day(-1), "--product", "PP餐盒",
        ])
        #expect(director.status == 77, "\(director.stderr)")
        // Nor for an enterprise not its own: it does not see it.
        let other = try cli.run([
            "record", "add", "--as", "林晓燕", "--enterprise", "2", "--kind", "award", "--subtype", "municipal", "--date", Shanghai.day(-1),
        ])
        #expect(other.status == 66, "\(other.stderr)")
        let subtype = try cli.run([
            "record", "add", "--as", "林晓燕", "--enterprise", "1", "--kind", "standard", "--subtype", "cityLevel", "--date", Shanghai.day(-1),
        ])
        #expect(subtype.status == 65)
        #expect(subtype.stderr.contains("declared, drafted"), "\(subtype.stderr)")
        // Honours are conferred, not self-declared; findings against the enterprise are the regulator's.
        let selfAward = try cli.run([
            "record", "add", "--as", "林晓燕", "--enterprise", "1", "--kind", "award", "--subtype", "provincial",
            "--date", Shanghai.day(-1), "--reference", "自封",
        ])
        #expect(selfAward.status == 77, "\(selfAward.stderr)")
        let typo = try cli.run([
            "record", "add", "--as", Self.district[1]!, "--enterprise", "1", "--kind", "veto", "--subtype", "falseCertificate",
            "--date", Shanghai.day(-1),
        ])
        #expect(typo.status == 65, "a veto code the rules do not know is refused: \(typo.stderr)")
        #expect(typo.stderr.contains("falseCertification"), "\(typo.stderr)")
        let future = try cli.run([
            "record", "add", "--as", Self.district[1]!, "--enterprise", "1", "--kind", "spotCheck", "--subtype", "passed",
            "--date", Shanghai.day(1), "--product", "PP餐盒",
        ])
        #expect(future.status == 65)
        #expect(future.stderr.contains("RECORD-DATE-FUTURE"), "\(future.stderr)")
        #expect(try Self.recordCount(cli) == count)

        // Something that happened today is recorded today, by the enterprise (a licence) and by the regulator (a spot check).
        let award = Self.object(
            try OutputSchemaTests.check(
                cli,
                [
                    "record", "add", "--as", "林晓燕", "--enterprise", "1", "--kind", "licence", "--subtype", "issued",
                    "--date", Shanghai.day(), "--reference", "台州市政府质量奖", "--valid-until", Shanghai.day(1_000),
                ],
                "quality-record.schema.json"
            )
        )
        #expect(award["recordedBy"] != nil)
        let check = Self.object(
            try OutputSchemaTests.check(
                cli,
                [
                    "record", "add", "--as", Self.district[1]!, "--enterprise", "1", "--kind", "spotCheck",
                    "--subtype", "passed", "--date", Shanghai.day(), "--product", "PP餐盒", "--reference", "JC-T-02",
                ],
                "quality-record.schema.json"
            )
        )
        #expect(try Self.recordCount(cli) == count + 2)

        // Withdrawn once, with a reason; a second time is refused.
        let key = "QR-\(Self.int(check["id"]))"
        let withdrawn = Self.object(
            try OutputSchemaTests.check(
                cli,
                ["record", "withdraw", key, "--as", Self.district[1]!, "--reason", "报告编号录错"],
                "quality-record.schema.json"
            )
        )
        #expect(withdrawn["withdrawnAt"] != nil)
        #expect(withdrawn["withdrawalReason"] as? String == "报告编号录错")
        let again = try cli.run(["record", "withdraw", key, "--as", Self.district[1]!, "--reason", "再次撤回"])
        #expect(again.status == 77)
        #expect(again.stderr.contains("RECORD-WITHDRAWN"), "\(again.stderr)")
        let count2 = try Self.recordCount(cli)
        #expect(count2 == count + 2, "a withdrawn record stays on record")

        // A file with two bad rows: both named by their line, nothing recorded.
        let bad = try cli.file(
            "bad.csv",
            contents: """
                enterprise,kind,subtype,date,product,value
                1,spotCheck,passed,\(Shanghai.day(-3)),PP餐盒,
                1,inspection,passed,\(Shanghai.day(-3)),PP餐盒,
                1,indicator,rndShare,\(Shanghai.day(-3)),,3.5

                """
        )
        let refused = try cli.run(["record", "import", bad, "--as", Self.city])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("line 3") && refused.stderr.contains("inspection"), "\(refused.stderr)")
        #expect(refused.stderr.contains("line 4") && refused.stderr.contains("3.5"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("line 2"), "the good row is not blamed: \(refused.stderr)")
        #expect(try Self.recordCount(cli) == count2)

        // Chinese headers, an enterprise by name, a row dated today: every row recorded.
        let good = try cli.file(
            "good.csv",
            contents: """
                企业,类别,类型,日期,产品,文书编号,数值,有效期至
                1,spotCheck,passed,\(Shanghai.day(-3)),食品接触用PP餐盒,JC-T-03,,
                浙江黄岩明达化工有限公司,indicator,rndShare,\(Shanghai.day(-2)),,,0.021,
                浙江黄岩明达化工有限公司,licence,issued,\(Shanghai.day(-1)),工业硫酸,XK-T-9,,\(Shanghai.day(1_800))
                3,complaint,substantiated,\(Shanghai.day()),电动自行车,TS-T-1,,

                """
        )
        let imported = Self.objects(
            try OutputSchemaTests.check(cli, ["record", "import", good, "--as", Self.city], "quality-record.schema.json", list: true)
        )
        #expect(imported.count == 4)
        #expect(imported.map { Self.int($0["enterpriseID"]) } == [1, 2, 2, 3])
        #expect(imported.map { $0["kind"] as? String ?? "" } == ["spotCheck", "indicator", "licence", "complaint"])
        #expect(try Self.recordCount(cli) == count2 + 4)
    }

    @Test("the public lists: the black entry shown for a year, then hidden but kept; red entries dropped on a breach")
    func publicLists() throws {
        let cli = try Self.demo()
        func lines(_ arguments: [String]) throws -> [[String: Any]] {
            Self.objects(Self.object(try cli.json(["lists", "show", "--public"] + arguments))["entries"])
        }
        func entry(_ line: [String: Any]) -> [String: Any] { Self.object(line["entry"]) }
        func isBlack2(_ entry: [String: Any]) -> Bool {
            Self.int(entry["enterpriseID"]) == 2 && entry["list"] as? String == "black" && entry["criterion"] as? String == "repeatedFailures"
        }

        let today = try lines([])
        #expect(today.contains { isBlack2(entry($0)) }, "enterprise 2's black entry is public")
        #expect(today.contains { Self.int(entry($0)["enterpriseID"]) == 1 && entry($0)["list"] as? String == "red" })
        #expect(!today.contains { Self.int(entry($0)["enterpriseID"]) == 3 }, "enterprise 3's red entries were dropped on the recall not done")
        #expect(today.allSatisfy { Self.object($0["visibility"])["shown"] != nil })

        let later = try lines(["--as-of", Shanghai.day(400)])
        #expect(!later.contains { isBlack2(entry($0)) }, "a year on, the black entry is no longer public")

        let all = Self.objects(try cli.json(["lists", "show", "--as", Self.city]))
        let kept = try #require(all.first(where: isBlack2), "the black entry is kept in the record")
        #expect(kept["state"] as? String == "published")
        let dropped = all.filter { Self.int($0["enterpriseID"]) == 3 && $0["list"] as? String == "red" && $0["state"] as? String == "published" }
        #expect(!dropped.isEmpty, "enterprise 3's red entries were published before the breach")
        #expect(all.allSatisfy { $0["quarter"] as? String == Shanghai.demoQuarter.description })
    }

    @Test("a quarter's lists: evaluated, reviewed by another regulator, published once all are reviewed")
    func quarterFlow() throws {
        let cli = try Self.demo()
        let quarter = Shanghai.demoQuarter.previous
        // Inputs dated inside that quarter for enterprise 3 (enterprise 2 breached within the year, so it gets no red entry): a provincial award and a standard drafted.
        let award = Self.object(
            try cli.json([
                "record", "add", "--as", Self.district[3]!, "--enterprise", "3", "--kind", "award", "--subtype", "provincial",
                "--date", quarter.middle, "--reference", "浙政发〔T〕", "--valid-until", Shanghai.day(1_000),
            ])
        )
        let standard = Self.object(
            try cli.json([
                "record", "add", "--as", "何丽", "--enterprise", "3", "--kind", "standard", "--subtype", "drafted",
                "--date", quarter.middle, "--reference", "T/ZZB T-1", "--area", "standardisation",
            ])
        )
        let awardKey = "QR-\(Self.int(award["id"]))"
        let standardKey = "QR-\(Self.int(standard["id"]))"

        let proposed = Self.objects(
            try OutputSchemaTests.check(
                cli,
                ["lists", "evaluate", "--quarter", quarter.description, "--as", Self.city],
                "list-entry.schema.json",
                list: true
            )
        )
        #expect(proposed.allSatisfy { $0["state"] as? String == "proposed" && $0["quarter"] as? String == quarter.description })
        let red = try #require(proposed.first { Self.int($0["enterpriseID"]) == 3 && $0["criterion"] as? String == "provincialAward" })
        #expect(red["list"] as? String == "red")
        #expect((red["evidence"] as? [String]) == [awardKey])
        let leader = try #require(proposed.first { Self.int($0["enterpriseID"]) == 3 && $0["criterion"] as? String == "standardsLeader" })
        #expect((leader["evidence"] as? [String])?.contains(standardKey) == true)

        let early = try cli.run(["lists", "publish", "--quarter", quarter.description, "--as", Self.city])
        #expect(early.status == 77, "\(early.stderr)")
        #expect(early.stderr.contains("LIST-UNREVIEWED"), "\(early.stderr)")
        let own = try cli.run(["lists", "review", "\(Self.int(red["id"]))", "--approve", "--as", Self.city])
        #expect(own.status == 77, "\(own.stderr)")
        #expect(own.stderr.contains("LIST-SEPARATION"), "\(own.stderr)")
        let silent = try cli.run(["lists", "review", "\(Self.int(leader["id"]))", "--reject", "--as", Self.district[3]!])
        #expect(silent.status == 65, "a rejection without a note is bad input: \(silent.stderr)")
        #expect(silent.stderr.contains("note"), "\(silent.stderr)")

        let rejected = Self.object(
            try OutputSchemaTests.check(
                cli,
                [
                    "lists", "review", "\(Self.int(leader["id"]))", "--reject", "--note", "参与而非主导制定",
                    "--as", Self.district[3]!,
                ],
                "list-entry.schema.json"
            )
        )
        #expect(rejected["state"] as? String == "rejected")
        for entry in proposed where Self.int(entry["id"]) != Self.int(leader["id"]) {
            let reviewer = try #require(Self.district[Self.int(entry["enterpriseID"])])
            let approved = Self.object(
                try OutputSchemaTests.check(
                    cli,
                    [
                        "lists", "review", "\(Self.int(entry["id"]))", "--approve", "--note", "证据属实",
                        "--as", reviewer,
                    ],
                    "list-entry.schema.json"
                )
            )
            #expect(approved["state"] as? String == "approved")
        }
        let twice = try cli.run(["lists", "review", "\(Self.int(red["id"]))", "--reject", "--note", "改变主意", "--as", Self.district[3]!])
        #expect(twice.status == 77, "\(twice.stderr)")

        let published = Self.objects(
            try OutputSchemaTests.check(
                cli,
                ["lists", "publish", "--quarter", quarter.description, "--as", Self.city],
                "list-entry.schema.json",
                list: true
            )
        )
        #expect(published.count == proposed.count - 1)
        #expect(published.allSatisfy { $0["state"] as? String == "published" })
        #expect(!published.contains { Self.int($0["id"]) == Self.int(leader["id"]) })
        let again = Self.objects(try cli.json(["lists", "evaluate", "--quarter", quarter.description, "--as", Self.city]))
        #expect(again.isEmpty, "nothing is proposed twice on the same evidence: \(again)")

        func isRed2(_ line: [String: Any]) -> Bool { Self.int(Self.object(line["entry"])["id"]) == Self.int(red["id"]) }
        let shown = Self.objects(Self.object(try cli.json(["lists", "show", "--public"]))["entries"])
        #expect(shown.contains(where: isRed2), "the approved red entry is public once published")

        // A breach after publication drops the red entry at once, from the public view only.
        let breach = Self.object(
            try cli.json([
                "record", "add", "--as", Self.district[3]!, "--enterprise", "3", "--kind", "violation", "--subtype", "general",
                "--date", Shanghai.day(), "--product", "工业硫酸", "--reference", "台黄市监罚〔T〕2号",
            ])
        )
        let afterBreach = Self.objects(Self.object(try cli.json(["lists", "show", "--public"]))["entries"])
        #expect(!afterBreach.contains(where: isRed2), "QR-\(Self.int(breach["id"])) drops the red entry")
        let kept = Self.objects(try cli.json(["lists", "show", "--as", Self.city, "--quarter", quarter.description]))
        #expect(kept.contains { Self.int($0["id"]) == Self.int(red["id"]) && $0["state"] as? String == "published" })
    }
}
