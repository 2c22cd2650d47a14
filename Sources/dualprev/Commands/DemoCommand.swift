import ArgumentParser
import DualPrevention
import DualPreventionStore
import Foundation

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a sample database (three enterprises, graded risk points, hazards in every state) and print its summary.",
        discussion: """
            Replaces an earlier demo database at the same path; refuses to touch any other database.

            Examples:
              dualprev demo
              dualprev demo --db /tmp/sample.sqlite --lang en
            """
    )

    @OptionGroup var global: GlobalOptions

    /// Replaces the demo database at `--db` with a fresh sample.
    static func build(_ global: GlobalOptions) async throws -> (any Repository, DemoSummary) {
        try DemoCommand.clear(global.db)
        let repository = try global.repository()
        var seed = DemoSeed(
            repository: repository,
            now: global.now,
            evidenceDirectory: URL(fileURLWithPath: global.db + ".demo-photos"),
            creditRules: try global.creditRules(),
            listRules: try global.listRules()
        )
        if global.format == .table {
            FileHandle.standardError.write(Data(Text(zh: "正在生成示例数据……\n", en: "Building the sample…\n")(global.language).utf8))
        }
        return (repository, try await seed.run())
    }

    func run() async throws {
        try await reporting(global.language) {
            let (_, summary) = try await DemoCommand.build(global)
            global.output.emit(summary, table: DemoCommand.table(summary, language: global.language))
            if global.format == .table { print(DemoCommand.tour(summary, db: global.db, language: global.language, now: global.now)) }
        }
    }

    /// Removes a database only if the demo made it (its first audit entry says so); anything else is refused.
    static func clear(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        guard SQLiteRepository.isDemoDatabase(path: path) else {
            throw InputError(
                rule: "DEMO-OVERWRITE",
                message: Text(zh: "\(path) 已存在且不是示例数据库，不会覆盖", en: "\(path) exists and is not a demo database; it will not be overwritten"),
                hint: Text(zh: "用 --db 指定另一个文件", en: "name another file with --db")
            )
        }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        for folder in [".evidence", ".demo-photos"] { try? FileManager.default.removeItem(atPath: path + folder) }
    }

    static func table(_ summary: DemoSummary, language l: Language) -> Table {
        Table(
            headers: [
                Text(zh: "编号", en: "id"), Text(zh: "企业", en: "enterprise"), Text(zh: "产品类别", en: "category"),
                Text(zh: "风险点 红/橙/黄/蓝", en: "risk points R/O/Y/B"), Text(zh: "隐患（按状态）", en: "hazards by state"),
                Text(zh: "逾期", en: "overdue"), Text(zh: "挂牌", en: "listed"),
            ],
            rows: summary.enterprises.map { e in
                let colours = RiskColour.allCases.map { String(e.riskPointsByColour[$0.rawValue] ?? 0) }.joined(separator: "/")
                let states = HazardState.allCases.compactMap { s in e.hazardsByState[s.rawValue].map { "\(s.label(l)) \($0)" } }.joined(
                    separator: "，"
                )
                return [String(e.id), e.name, e.category, colours, states, String(e.overdue), String(e.listed)]
            }
        )
    }

    static func tour(_ summary: DemoSummary, db: String, language l: Language, now: Date) -> String {
        let benchmark = DemoSeed.benchmarkPeriods(now: now, local: (try? LocalTime()) ?? Names().localTime(0))
        let dbFlag = db == "./dualprev.sqlite" ? "" : " --db \(db)"
        let audit =
            summary.auditIntact
            ? Text(
                zh: "审计链完好：\(summary.auditEntries) 条，末条哈希 \(summary.headHash.prefix(16))…",
                en: "Audit chain intact: \(summary.auditEntries) entries, head \(summary.headHash.prefix(16))…"
            )
            : Text(zh: "审计链断裂！", en: "Audit chain BROKEN!")
        return """

            \(Text(zh: "数据库：\(db)（\(summary.people) 名具名人员）", en: "Database: \(db) (\(summary.people) named people)")(l))
            \(audit(l))

            \(Text(zh: "试试：", en: "Try:")(l))
              # \(Text(zh: "企业质量安全总监看本企业", en: "a director sees her own enterprise")(l))
              dualprev risk list --as 林晓燕 --colour red\(dbFlag)
              # \(Text(zh: "市局监管人员看全市", en: "the city regulator sees the whole city")(l))
              dualprev hazard list --as "台州市局 孙建华" --overdue\(dbFlag)
              dualprev hazard show 1 --as 林晓燕\(dbFlag)
              dualprev hazard print-notice 1 --as 林晓燕\(dbFlag)
              dualprev hazard print-acceptance 1 --as 林晓燕\(dbFlag)
              # \(Text(zh: "信用等级（逐项说明依据记录）、红黑名单、标杆企业评估", en: "credit grades (every item with its records), red and black lists, benchmark assessment")(l))
              dualprev credit grade --all --as "台州市局 孙建华" --preview\(dbFlag)
              dualprev credit grade --enterprise 3 --as "路桥分局 赵敏" --preview\(dbFlag)
              dualprev lists show --public\(dbFlag)
              dualprev benchmark assess --as "评估专家 马文" --enterprise 1 --period \(benchmark.period) --baseline \(benchmark.baseline) --report 标杆评估.html\(dbFlag)
              dualprev audit verify\(dbFlag)
            """
    }
}
