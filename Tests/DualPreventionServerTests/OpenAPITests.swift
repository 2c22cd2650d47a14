import DualPrevention
import DualPreventionStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Yams

@testable import DualPreventionServer

/// schemas/openapi.yaml says exactly what the server routes: every path and method, no more, no fewer.
@Suite("OpenAPI document")
struct OpenAPITests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("schemas/openapi.yaml")

    @Test func theDocumentListsEveryRouteAndNothingElse() async throws {
        let text = try String(contentsOf: Self.file, encoding: .utf8)
        let document = try #require(try Yams.load(yaml: text) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let documented = Set(
            paths.flatMap { path, operations in
                operations.keys.filter { ["get", "post", "put", "patch", "delete"].contains($0) }.map { "\($0.uppercased()) \(path)" }
            }
        )
        let repository = StoreRepository(
            database: try AppDatabase.inMemory(),
            evidenceStore: EvidenceStore(root: FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString))
        )
        let router = try buildRouter(repository: repository, sessions: SessionStore(), openAPI: text)
        // The API and health; the pages are HTML for browsers, not part of the API.
        let routed = Set(
            router.routes.map { route in
                let path = route.path.description
                return "\(route.method.rawValue) \(path.hasPrefix("/") ? path : "/" + path)"
            }.filter { $0.contains(" /api/v1") || $0.hasSuffix(" /health") }
        )
        let app = Application(router: router)
        try await app.test(.router) { client in
            let served = try await client.execute(uri: "/api/v1/openapi.yaml", method: .get)
            #expect(served.status == .ok && String(buffer: served.body) == text, "the served document is the file")
        }
        #expect(
            routed == documented,
            "routed, not documented: \(routed.subtracting(documented).sorted()); documented, not routed: \(documented.subtracting(routed).sorted())"
        )
        // Every operation but login and health needs the session, and every error is a problem.
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let problem = try #require(schemas["Problem"] as? [String: Any])
        #expect((problem["required"] as? [String])?.contains("rule") == true)
    }
}
