import DualPrevention
import DualPreventionPresentation
import DualPreventionStore
import Foundation
import Hummingbird

/// What anyone may read without a login (DOMAIN.md §14): the red and black lists as the public sees them on a date.
struct PublicPages {
    let pages: Pages
    var repository: any Repository { pages.repository }

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.get("public/lists", use: lists)
    }

    /// `?asOf=2026-12-31` (the end of that day, Asia/Shanghai); today when left out.
    @Sendable func lists(_ request: Request, context: ServerContext) async throws -> HTML {
        let l = context.language
        let local = try LocalTime()
        let date = try RequestInput.asOf(request, now: context.now)
        let lines = try await repository.publicLists(rules: try RequestInput.rule(pages.rules.lists, "list"), at: date, now: context.now)
        struct Row {
            var list: String
            var black: Bool
            var enterprise: String
            var creditCode: String
            var area: String
            var reason: String
            var quarter: String
            var published: String
            var until: String
        }
        let rows = lines.map { line in
            var until = ""
            if case .shown(let end) = line.visibility { until = local.deadline(end) }
            return Row(
                list: line.entry.list.label(l),
                black: line.entry.list == .black,
                enterprise: line.enterpriseName,
                creditCode: line.creditCode,
                area: line.entry.area.label(l),
                reason: line.entry.criterionName(l),
                quarter: line.entry.quarter,
                published: line.entry.publishedAt.map(local.day) ?? "",
                until: until
            )
        }
        struct Model {
            var asOf: String
            var rows: [Row]
            var red: [Row]
            var black: [Row]
            var hasRed: Bool
            var hasBlack: Bool
        }
        let red = rows.filter { !$0.black }
        let black = rows.filter(\.black)
        return try pages.page(
            "public-lists",
            title: Text("publicPages.title"),
            Model(asOf: local.day(date), rows: rows, red: red, black: black, hasRed: !red.isEmpty, hasBlack: !black.isEmpty),
            request: request,
            context: context
        )
    }
}
