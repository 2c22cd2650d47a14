import DualPrevention
import Foundation

extension Names {
    /// `people`: the ids of others named in what is printed (regulators who recorded, reviewed or graded).
    public static func load(
        _ repository: any DirectoryStore,
        viewer: Viewer,
        enterpriseIDs: some Sequence<Int64>,
        people: [Int64] = []
    ) async throws -> Names {
        var names = try await repository.names(enterpriseIDs: Array(enterpriseIDs), visibleTo: viewer)
        await names.addPeople(people, from: repository)
        return names
    }

    /// Adds people outside the loaded enterprises (regulators who recorded, reviewed or graded), by id.
    private mutating func addPeople(_ ids: some Sequence<Int64>, from repository: any DirectoryStore) async {
        for id in Set(ids) where people[id] == nil {
            if let person = try? await repository.person(String(id)) { people[id] = person }
        }
    }

    /// Only the enterprises' names and time zones: enough for a list of hazards across many enterprises.
    public static func loadEnterprises(_ repository: any DirectoryStore, viewer: Viewer, ids: some Sequence<Int64>) async throws -> Names {
        var names = Names()
        for enterprise in try await repository.enterprises(ids: Array(Set(ids)), visibleTo: viewer) { names.enterprises[enterprise.id] = enterprise }
        return names
    }
}
