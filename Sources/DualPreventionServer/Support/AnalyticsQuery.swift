import DualPrevention
import DualPreventionPresentation
import DualPreventionStore
import Foundation
import Hummingbird

/// The regulator's analytics as the page and the API ask for them (issue 16): the query's `months` and `limit`, read
/// and checked once, and the reads they make. The store counts; the domain says what the counts mean.
struct AnalyticsQuery {
    enum Kind: String, CaseIterable {
        case repeatPoints = "repeat-points"
        case repeatCategories = "repeat-categories"
        case trend
    }

    var months: Int
    var limit: Int

    /// `months` (1–36, 12 by default); `limit`, the risk points read (1–10,000).
    init(_ request: Request, limit: Int = 10_000) throws {
        months = request.uri.queryParameters.get("months", as: Int.self) ?? 12
        guard (1...36).contains(months) else {
            throw InputError(rule: "INPUT-MONTHS", message: Text("analyticsQuery.monthsFrom1To36"))
        }
        self.limit = limit
    }

    func points(_ repository: any Repository, viewer: Viewer, now: Date) async throws -> [RepeatHazards.Point] {
        try await repository.repeatPoints(since: Months.before(now, months), asOf: now, limit: limit, visibleTo: viewer)
    }

    func categories(_ repository: any Repository, viewer: Viewer, now: Date) async throws -> [RepeatHazards.Category] {
        RepeatHazards.categories(try await repository.repeatBuckets(since: Months.before(now, months), asOf: now, visibleTo: viewer))
    }

    func trend(_ repository: any Repository, viewer: Viewer, now: Date) async throws -> LoopTrend {
        try await repository.loopTrend(months: LoopTrend.months(endingAt: now, count: months, local: try LocalTime()), visibleTo: viewer)
    }

    /// One of the three as a CSV file with its byte-order mark.
    func csv(_ kind: Kind, _ repository: any Repository, viewer: Viewer, now: Date) async throws -> Response {
        let (header, rows): ([Text], [[String]]) =
            switch kind {
            case .repeatPoints:
                (
                    AnalyticsTables.pointHeader,
                    AnalyticsTables.pointRows(try await points(repository, viewer: viewer, now: now), local: try LocalTime())
                )
            case .repeatCategories:
                (AnalyticsTables.categoryHeader, AnalyticsTables.categoryRows(try await categories(repository, viewer: viewer, now: now)))
            case .trend:
                (AnalyticsTables.trendHeader, AnalyticsTables.trendRows(try await trend(repository, viewer: viewer, now: now)))
            }
        return RequestInput.csv(CSVWriter.document(header: header.map(\.zh), rows: rows), name: kind.rawValue)
    }

    /// The chart as an SVG document.
    func svg(_ trend: LoopTrend, language: Language) -> String {
        LoopTrendChart.svg(trend, title: Text("loopTrendChart.title", "\(months)")(language), language: language)
    }
}

/// The analytics over the API: JSON pages and CSV files.
struct AnalyticsController {
    let repository: any Repository

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.get("analytics/repeat-points") { request, context in
            try RequestInput.page(
                try await AnalyticsQuery(request).points(repository, viewer: try context.requireViewer(), now: context.now),
                request
            )
        }
        group.get("analytics/repeat-categories") { request, context in
            let categories = try await AnalyticsQuery(request).categories(repository, viewer: try context.requireViewer(), now: context.now)
            return try RequestInput.page(categories, request)
        }
        group.get("analytics/trend") { request, context -> LoopTrend in
            try await AnalyticsQuery(request).trend(repository, viewer: try context.requireViewer(), now: context.now)
        }
        for kind in AnalyticsQuery.Kind.allCases {
            group.get("analytics/\(kind.rawValue).csv") { request, context -> Response in
                try await AnalyticsQuery(request).csv(kind, repository, viewer: try context.requireViewer(), now: context.now)
            }
        }
    }
}
