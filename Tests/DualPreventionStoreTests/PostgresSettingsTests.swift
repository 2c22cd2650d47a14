import DualPreventionStore
import Foundation
import GRDB
import Testing

/// How the store's PostgreSQL connections are set up.
struct PostgresSettingsTests {
    /// Without JIT compilation: at a province's size the planner's cost of a short statement (the listed hazards
    /// counted across every listing) passes the JIT threshold, and compiling takes longer than the query.
    @Test(.enabled(if: TestPostgres.url != nil, Comment(rawValue: TestPostgres.why)))
    func theStoreConnectsWithoutJIT() async throws {
        let repository = try await TestStore.postgres.repository(evidence: try Fixture.temporaryDirectory())
        let read = try await repository.database.read { db in try String.fetchOne(db, sql: "SHOW jit") }
        let written = try await repository.database.write { db in try String.fetchOne(db, sql: "SHOW jit") }
        #expect(read == "off" && written == "off")
    }
}
