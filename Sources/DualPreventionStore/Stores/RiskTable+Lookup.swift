import DualPrevention
import Foundation

extension RiskTable {
    /// Names of the enterprise's places and people, for reading a table.
    public static func lookup(_ repository: any DirectoryStore & RiskStore, viewer: Viewer, enterprise: Enterprise) async throws -> Lookup {
        let workshops = try await repository.workshops(enterpriseID: enterprise.id, visibleTo: viewer)
        let teams = try await repository.teams(enterpriseID: enterprise.id, visibleTo: viewer)
        let posts = try await repository.posts(enterpriseID: enterprise.id, visibleTo: viewer)
        let people = try await repository.people(enterpriseID: enterprise.id, visibleTo: viewer)
        let points = try await repository.riskPoints(RiskFilter(enterpriseID: enterprise.id), visibleTo: viewer)
        return Lookup(
            workshops: Dictionary(workshops.map { ($0.name, $0.id) }, uniquingKeysWith: { first, _ in first }),
            teams: Dictionary(grouping: teams, by: \.workshopID).mapValues {
                Dictionary($0.map { ($0.name, $0.id) }, uniquingKeysWith: { a, _ in a })
            },
            posts: Dictionary(grouping: posts, by: \.teamID).mapValues { Dictionary($0.map { ($0.name, $0.id) }, uniquingKeysWith: { a, _ in a }) },
            people: Dictionary(grouping: people, by: \.name).mapValues { $0.map(\.id) },
            defaultCategory: enterprise.productCategory,
            existing: Dictionary(
                points.map { (RowKey(workshopID: $0.workshopID, controlStage: $0.controlStage, name: $0.name), $0.id) },
                uniquingKeysWith: { first, _ in first }
            )
        )
    }

    /// The latest grading of each graded risk point.
    public static func latestGradings(
        _ points: [RiskPoint],
        repository: any DirectoryStore & RiskStore,
        viewer: Viewer
    ) async throws -> [Int64: GradingRecord] {
        // A few thousand at a time: one read each, not one per point.
        var latest: [Int64: GradingRecord] = [:]
        let graded = points.filter { $0.colour != nil }.map(\.id)
        for start in stride(from: 0, to: graded.count, by: 5_000) {
            let chunk = Array(graded[start..<min(graded.count, start + 5_000)])
            latest.merge(try await repository.latestGradings(riskPointIDs: chunk, visibleTo: viewer)) { first, _ in first }
        }
        return latest
    }
}
