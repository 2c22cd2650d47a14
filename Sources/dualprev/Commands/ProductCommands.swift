import ArgumentParser
import DualPrevention
import DualPreventionPresentation
import DualPreventionStore
import Foundation

// What a hazard affects (DOMAIN.md §12): its batches, the production stop, the recall. Each command takes one action
// on one hazard and prints what the hazard now affects (or, with --format json, what the action recorded).

/// Performs one product action as the acting person, then prints the hazard's products.
func performProductAction<Result: Encodable>(
    _ global: GlobalOptions,
    _ hazardKey: HazardKey,
    _ act: (any Repository, Actor, LocalTime, Date) async throws -> Result
) async throws {
    try await reporting(global.language) {
        let key = hazardKey.hazard
        let repository = try await global.repository()
        let actor = try await global.requireActor(repository, enterprise: hazardKey.enterprise)
        let viewer = Viewer.person(actor)
        let hazard = try await repository.hazard(key, visibleTo: viewer)
        let local = try LocalTime(timeZoneID: try await repository.enterprise(String(hazard.enterpriseID), visibleTo: viewer).timeZoneID)
        let result = try await act(repository, actor, local, global.now)
        if global.format == .json {
            global.output.emit(result, table: Table(headers: [], rows: []))
            return
        }
        try await HazardCommands.printProducts(of: String(hazard.id), repository, viewer: viewer, actor: actor, global: global)
    }
}

/// A closed recall with the quality record it became, as `recall-close --format json` prints it.
struct ClosedRecall: Encodable {
    var recall: Recall
    var qualityRecord: QualityRecord
}

extension HazardCommands {
    /// The hazard's batches, stops and recall as tables, and the product actions the person may take now.
    static func printProducts(of key: String, _ repository: any Repository, viewer: Viewer, actor: Actor, global: GlobalOptions) async throws {
        let l = global.language
        let hazard = try await repository.hazard(key, visibleTo: viewer)
        let products = try await repository.products(of: String(hazard.id), visibleTo: viewer)
        let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: [hazard.enterpriseID], people: ProductsView.people(products))
        let view = ProductsView(products, hazard: hazard, names: names, at: global.now, language: l)
        for (title, table) in productTables(view) {
            print(title(l))
            print(global.output.render(table))
        }
        let next = products.availableActions(on: hazard, for: actor, at: global.now)
        if !next.isEmpty {
            print(Text("hazardCommands.youMayNow2")(l) + next.map { "dualprev hazard \($0.slug)" }.joined(separator: ", "))
        }
    }

    /// The tables of a hazard's products, each with its title; none for a hazard that names nothing.
    static func productTables(_ view: ProductsView) -> [(Text, Table)] {
        var tables: [(Text, Table)] = []
        if !view.batches.isEmpty {
            tables.append(
                (
                    Text("productCommands.batches"),
                    Table(
                        headers: [
                            Text("productCommands.batch"), Text("productCommands.product"), Text("productCommands.made"),
                            Text("productCommands.shipped"), Text("productCommands.recovered"), Text("productCommands.produced"),
                            Text("productCommands.recorded"),
                        ],
                        rows: view.batches.map { [$0.number, $0.product, $0.made, $0.shipped, $0.recovered, $0.produced, $0.recorded] }
                    )
                )
            )
        }
        if !view.stops.isEmpty {
            tables.append(
                (
                    Text("productCommands.stops"),
                    Table(
                        headers: [Text("productCommands.scope"), Text("productCommands.ordered"), Text("productCommands.lifted")],
                        rows: view.stops.map { [$0.scope, $0.ordered, $0.inForce ? "—" : $0.lifted] }
                    )
                )
            )
        }
        if !view.recall.isEmpty {
            tables.append(
                (
                    Text("productCommands.recall").appending(view.recallStanding),
                    Table(headers: [Text("hazardCommands.field"), Text("hazardCommands.value")], rows: view.recall.map { [$0.label, $0.value] })
                )
            )
        }
        if !view.returns.isEmpty {
            tables.append(
                (
                    Text("productCommands.returns"),
                    Table(
                        headers: [
                            Text("productCommands.batch"), Text("productCommands.quantity"), Text("productCommands.disposal"),
                            Text("productCommands.recorded"),
                        ],
                        rows: view.returns.map { [$0.batch, $0.quantity, $0.disposal, $0.recorded] }
                    )
                )
            )
        }
        return tables
    }

    struct Batch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: ProductAction.recordBatch.slug,
            abstract: "Name a product batch the hazard may affect (the enterprise's principal, director or officer).",
            discussion: """
                A batch is named once per hazard and never edited. A shipped batch calls for a recall plan before the
                hazard can be accepted (dualprev hazard recall-plan). Dates are local days; today counts as now.

                Example:
                  dualprev hazard batch YH-2026-0003 --as 林晓燕 --number B-20261102 --product 食品级聚丙烯餐盒 \\
                    --made 12000 --shipped 8000 --from 2026-11-02 --to 2026-11-03
                """
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var key: HazardKey
        @Option(help: "The batch number, as printed on the goods.") var number: String
        @Option var product: String
        @Option(help: "Quantity made.") var made: Int
        @Option(help: "Quantity shipped (0 when all of it is still in the warehouse).") var shipped: Int
        @Option(help: "First day of production (2026-11-02).") var from: String
        @Option(help: "Last day of production; the first day if left out.") var to: String?

        func run() async throws {
            try await performProductAction(global, key) { repository, actor, local, now in
                let first = QualityRecord.occurred(try local.parse(from, field: "--from"), now: now, local: local)
                let last = try to.map { QualityRecord.occurred(try local.parse($0, field: "--to"), now: now, local: local) } ?? first
                let draft = BatchDraft(
                    number: number,
                    product: product,
                    quantityMade: made,
                    quantityShipped: shipped,
                    producedFrom: first,
                    producedTo: last
                )
                return try await repository.recordBatch(draft, hazard: key.hazard, by: actor, at: now)
            }
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: ProductAction.orderStop.slug,
            abstract: "Order the stop of the production a major hazard affects (its leaders, or a regulator over it).",
            discussion: """
                Reporting a major hazard orders the stop by itself; this orders one where none is in force.

                Example:
                  dualprev hazard stop YH-2026-0003 --as 王建国 --scope "2号注塑线及其产品"
                """
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var key: HazardKey
        @Option(help: "The lines or products stopped.") var scope: String

        func run() async throws {
            try await performProductAction(global, key) { repository, actor, _, now in
                try await repository.orderStop(scope: scope, hazard: key.hazard, by: actor, at: now)
            }
        }
    }

    struct StopLift: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: ProductAction.liftStop.slug,
            abstract: "Lift the production stop once the rectification is accepted.",
            discussion: """
                While the hazard is listed for supervision only the listing office (or one above it) may lift the stop;
                otherwise the enterprise's principal or director.

                Example:
                  dualprev hazard stop-lift YH-2026-0003 --as 王建国 --note "整改验收合格，恢复生产"
                """
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var key: HazardKey
        @Option(help: "Why production may resume.") var note: String

        func run() async throws {
            try await performProductAction(global, key) { repository, actor, _, now in
                try await repository.liftStop(note: note, hazard: key.hazard, by: actor, at: now)
            }
        }
    }

    struct RecallPlanCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: ProductAction.planRecall.slug,
            abstract: "Plan the recall of the hazard's shipped batches (needed before acceptance).",
            discussion: """
                Example:
                  dualprev hazard recall-plan YH-2026-0003 --as 林晓燕 --scope "B-20261102 批次，省内12家经销商" \\
                    --method "通知经销商下架，上门回收" --channels "电话、短信、官网公告" --deadline 2026-12-20 \\
                    --disposal "集中封存后销毁"
                """
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var key: HazardKey
        @Option(help: "Which goods, where: batches, customers, regions.") var scope: String
        @Option(help: "How: notice, exchange, refund, repair.") var method: String
        @Option(help: "How customers are told.") var channels: String
        @Option(help: "By when (2026-12-20: to the end of that day).") var deadline: String
        @Option(help: "What happens to recovered goods.") var disposal: String

        func run() async throws {
            try await performProductAction(global, key) { repository, actor, local, now in
                let plan = RecallPlan(
                    scope: scope,
                    method: method,
                    channels: channels,
                    deadline: try local.parseDeadline(deadline, field: "--deadline"),
                    disposal: disposal
                )
                return try await repository.planRecall(plan, hazard: key.hazard, by: actor, at: now)
            }
        }
    }

    struct RecallReturnCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: ProductAction.recordReturn.slug,
            abstract: "Record goods of one shipped batch that came back, and what was done with them.",
            discussion: """
                Example:
                  dualprev hazard recall-return YH-2026-0003 --as 林晓燕 --batch B-20261102 --quantity 1500 --disposal 封存销毁
                """
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var key: HazardKey
        @Option(help: "The batch number.") var batch: String
        @Option var quantity: Int
        @Option var disposal: String

        func run() async throws {
            try await performProductAction(global, key) { repository, actor, _, now in
                try await repository.recordRecallReturn(
                    batch: batch,
                    quantity: quantity,
                    disposal: disposal,
                    hazard: key.hazard,
                    by: actor,
                    at: now
                )
            }
        }
    }

    struct RecallClose: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: ProductAction.closeRecall.slug,
            abstract: "Close the recall as done, or record that it was not done by its deadline.",
            discussion: """
                As done: by the enterprise's principal or director, once goods of every shipped batch came back.
                As not done (--not-done): once the deadline has passed, by them or a regulator over the enterprise. The
                closed recall becomes a quality record: not done by its deadline, it is the credit grade's recall veto.

                Examples:
                  dualprev hazard recall-close YH-2026-0003 --as 王建国 --note "全部召回并销毁"
                  dualprev hazard recall-close YH-2026-0003 --as "椒江区局 陈立" --not-done --note "逾期未完成召回"
                """
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var key: HazardKey
        @Flag(help: "Record the recall as not done by its deadline.") var notDone = false
        @Option var note: String

        func run() async throws {
            try await performProductAction(global, key) { repository, actor, _, now in
                let (recall, record) = try await repository.closeRecall(done: !notDone, note: note, hazard: key.hazard, by: actor, at: now)
                return ClosedRecall(recall: recall, qualityRecord: record)
            }
        }
    }
}
