import Testing

@testable import DualPrevention
@testable import DualPreventionCatalog

@Suite("CSV and the risk analysis table")
struct RiskTableTests {
    @Test func csvKeepsTheLineEachRecordStartsOn() throws {
        let text = CSVReader.byteOrderMark + "a,b\r\n\"多行\n说明\",\"含\"\"引号\"\"\"\r\nx,\n"
        let records = try CSVReader.parse(text)
        #expect(records.map(\.line) == [1, 2, 4])
        #expect(records[0].fields == ["a", "b"])
        #expect(records[1].fields == ["多行\n说明", "含\"引号\""])
        #expect(records[2].fields == ["x", ""])
    }

    @Test func anUnclosedQuoteAndCRLFLinesAreHandled() throws {
        #expect(throws: CSVReader.UnclosedQuote(line: 2)) { try CSVReader.parse("a,b\n\"open,x\ny,z\n") }
        let crlf = try CSVReader.parse("a,b\r\n\"one\r\ntwo\r\nthree\",x\r\nlast,y\r\n")
        #expect(crlf.map(\.line) == [1, 2, 5])
    }

    static let lookup = RiskTable.Lookup(
        workshops: ["注塑车间": 10],
        teams: [10: ["注塑一班": 20]],
        posts: [20: ["操作岗": 30]],
        people: ["吴春华": [5], "张伟": [6, 7]],
        defaultCategory: "食品接触用塑料制品",
        existing: [RiskTable.RowKey(workshopID: 10, controlStage: "包装", name: "已有风险点"): 99]
    )

    @Test func rowsAlreadyInTheRegisterOrTwiceInTheFileAreRefused() {
        let text =
            "车间,风险维度,风险控制环节,风险点,风险描述,管控措施,管控目标,管控频次,责任人\n"
            + "注塑车间,生产工艺,包装,已有风险点,包装破损导致污染,检查,完好,每日,吴春华\n"
            + "注塑车间,生产工艺,注塑,新风险点,温度高导致降解,点检,偏差小,每班,吴春华\n"
            + "注塑车间,生产工艺,注塑,新风险点,温度高导致降解,点检,偏差小,每班,吴春华,多余\n"
        guard case .failure(let failure) = RiskTable.read(csv: text, enterpriseID: 1, lookup: Self.lookup, dimensions: DimensionCatalog()) else {
            Issue.record("accepted")
            return
        }
        #expect(failure.errors.map(\.row) == [1, 3])
        #expect(failure.errors[0].problem.contains("#99"))
        #expect(failure.errors[1].problem.contains("fields under a header"))
    }

    @Test func chineseAndEnglishHeadersAreRead() throws {
        let chinese =
            "序号,车间,班组,岗位,风险维度,风险控制环节,风险点,风险描述,管控措施,管控目标,管控频次,责任人,评级方法,L,E,C\n"
            + "1,注塑车间,注塑一班,操作岗,生产工艺,注塑成型,注塑温度,温度过高导致降解,每班点检,偏差≤5℃,每班,吴春华,LEC,3,6,15\n"
        let english =
            "workshop,dimension,control stage,risk point,description,measures,target,frequency,owner,method,L,S\n"
            + "注塑车间,equipment,模具,模具清洁,润滑油污染制品,食品级润滑油,无油污,weekly,吴春华,LS,2,3\n"
        let a = try RiskTable.read(csv: chinese, enterpriseID: 1, lookup: Self.lookup, dimensions: DimensionCatalog()).get()
        #expect(a.count == 1)
        #expect(a[0].point.postID == 30 && a[0].point.ownerID == 5 && a[0].point.dimension == "process")
        #expect(a[0].grading == .lec(l: 3, e: 6, c: 15))
        #expect(a[0].point.productCategory == "食品接触用塑料制品")
        let b = try RiskTable.read(csv: english, enterpriseID: 1, lookup: Self.lookup, dimensions: DimensionCatalog()).get()
        #expect(b[0].grading == .ls(l: 2, s: 3))
        #expect(b[0].point.frequency == .weekly)
    }

    @Test func everyBadRowIsReportedByNumberAndNothingIsReturned() throws {
        let text =
            "车间,风险维度,风险控制环节,风险点,风险描述,管控措施,管控目标,管控频次,责任人,评级方法,L,E,C\n"
            + "注塑车间,生产工艺,注塑,温度,温度高导致降解,点检,偏差小,每班,吴春华,LEC,3,6,15\n"
            + "注塑车间,生产工艺,注塑,温度,温度高导致降解,点检,偏差小,每时,吴春华,LEC,2,6,15\n"
            + "\"仓库\",管理,入库,标识,\"标识不清\n导致混料\",,清晰,每日,张伟,,,,\n"
        let result = RiskTable.read(csv: text, enterpriseID: 1, lookup: Self.lookup, dimensions: DimensionCatalog())
        guard case .failure(let failure) = result else {
            Issue.record("a table with bad rows was accepted")
            return
        }
        let found = Set(failure.errors.map { "\($0.row):\($0.line):\($0.column)" })
        #expect(found == ["2:3:管控频次", "2:3:评级方法", "3:4:车间", "3:4:风险维度", "3:4:管控措施", "3:4:责任人"])
    }

    @Test func aMissingColumnIsReportedOnTheHeader() {
        guard
            case .failure(let failure) = RiskTable.read(
                csv: "车间,风险点\n注塑车间,温度\n",
                enterpriseID: 1,
                lookup: Self.lookup,
                dimensions: DimensionCatalog()
            )
        else {
            Issue.record("accepted")
            return
        }
        #expect(failure.errors.allSatisfy { $0.row == 0 && $0.line == 1 })
        #expect(failure.errors.map(\.column).contains("管控频次"))
    }
}
