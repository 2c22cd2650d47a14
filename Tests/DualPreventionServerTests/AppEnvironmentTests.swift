import DualPrevention
import DualPreventionEnvironment
import DualPreventionStore
import Foundation
import Testing

/// The environment is what the program takes from its machine; every part of it can be given instead.
@Suite struct AppEnvironmentTests {
    @Test func itIsBuiltFromWhatItIsGiven() async throws {
        let instant = Date(timeIntervalSince1970: 1_790_000_000)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("environment-\(UUID().uuidString)/dualprev.sqlite").path
        let environment = try AppEnvironment(clock: .fixed(instant), configuration: .init(databasePath: path, checklistsFolder: "checklists"))
        #expect(environment.clock.now() == instant)
        #expect(environment.catalogue.path == "checklists")
        #expect(try environment.catalogue.checklists().count >= 8)
        let repository = try await environment.repository()
        #expect(repository.bands == environment.catalogue.bands)
        #expect(repository.dimensions == environment.catalogue.dimensions)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(environment.openAPIDocument?.contains("\nopenapi: 3.1") == true)
    }

    @Test func theChecklistsFolderDefaultsToTheWorkingDirectorysThenTheShippedOne() {
        // Tests run in the package's folder, which has checklists/.
        #expect(AppEnvironment.Configuration(databasePath: "x.sqlite").checklistsFolder == "./checklists")
        #expect(AppEnvironment.Configuration(databasePath: "x.sqlite", checklistsFolder: "/srv/taizhou").checklistsFolder == "/srv/taizhou")
    }

    @Test func theSystemClockMoves() async throws {
        let first = AppClock.system.now()
        try await Task.sleep(for: .milliseconds(5))
        #expect(AppClock.system.now() > first)
    }
}
