import Foundation

/// The data files shipped with the program as SwiftPM resources: the checklists and rules files (`checklists/`) and
/// the JSON Schemas and the OpenAPI document (`schemas/`). They travel in a bundle beside the binary, so a release build copied
/// alone to another directory still finds them.
public enum ShippedResources {
    /// The shipped folder of checklists and rules files.
    public static var checklists: URL? {
        Bundle.module.url(forResource: "checklists", withExtension: nil)
    }

    /// The text of the shipped OpenAPI document.
    public static var openAPI: String? {
        Bundle.module.url(forResource: "schemas", withExtension: nil)
            .flatMap { try? String(contentsOf: $0.appendingPathComponent("openapi.yaml"), encoding: .utf8) }
    }
}
