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
        var names = Names()
        for id in Set(enterpriseIDs) {
            names.enterprises[id] = try await repository.enterprise(String(id), visibleTo: viewer)
            for person in try await repository.people(enterpriseID: id, visibleTo: viewer) { names.people[person.id] = person }
            for w in try await repository.workshops(enterpriseID: id, visibleTo: viewer) { names.workshops[w.id] = w }
            for t in try await repository.teams(enterpriseID: id, visibleTo: viewer) { names.teams[t.id] = t }
            for p in try await repository.posts(enterpriseID: id, visibleTo: viewer) { names.posts[p.id] = p }
        }
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
