import DualPrevention
import DualPreventionPresentation
import DualPreventionStore
import Foundation
import Hummingbird

/// The regulator's analytics as a page (issue 16): the monthly closed-loop and on-time chart per district, the risk
/// points whose hazards came back, the product categories, each downloadable as CSV (and the chart as SVG).
struct AnalyticsPages {
    let pages: Pages
    var repository: any Repository { pages.repository }
    /// Risk points shown on the page; the CSV has them all.
    static let pointsShown = 20

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.get("analytics", use: page)
        for kind in AnalyticsQuery.Kind.allCases {
            group.get("analytics/\(kind.rawValue).csv") { request, context -> Response in
                try await AnalyticsQuery(request).csv(kind, repository, viewer: try context.requireViewer(), now: context.now)
            }
        }
        group.get("analytics/trend.svg") { request, context -> Response in
            let query = try AnalyticsQuery(request)
            let trend = try await query.trend(repository, viewer: try context.requireViewer(), now: context.now)
            return Response(
                status: .ok,
                headers: [.contentType: "image/svg+xml; charset=utf-8", .contentDisposition: "attachment; filename=\"loop-trend.svg\""],
                body: .init(byteBuffer: ByteBuffer(string: query.svg(trend, language: context.language)))
            )
        }
    }

    @Sendable func page(_ request: Request, context: ServerContext) async throws -> HTML {
        let viewer = try context.requireViewer()
        let query = try AnalyticsQuery(request, limit: Self.pointsShown)
        let now = context.now
        async let trendRead = query.trend(repository, viewer: viewer, now: now)
        async let pointsRead = query.points(repository, viewer: viewer, now: now)
        let categories = try await query.categories(repository, viewer: viewer, now: now)
        let (trend, points) = (try await trendRead, try await pointsRead)
        struct Model {
            var months: Int
            var chart: String
            var points: [[String]]
            var categories: [[String]]
            var pointHeader: [String]
            var categoryHeader: [String]
        }
        let l = context.language
        return try pages.page(
            "analytics",
            title: Text("analyticsPages.title"),
            Model(
                months: query.months,
                chart: query.svg(trend, language: l),
                points: AnalyticsTables.pointRows(points, local: try LocalTime()),
                categories: AnalyticsTables.categoryRows(categories),
                pointHeader: AnalyticsTables.pointHeader.map { $0(l) },
                categoryHeader: AnalyticsTables.categoryHeader.map { $0(l) }
            ),
            request: request,
            context: context
        )
    }
}
