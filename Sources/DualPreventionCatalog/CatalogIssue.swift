import DualPrevention

/// One thing wrong in a catalog file: where it is, which field, what was found and what was expected.
public struct CatalogIssue: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var path: String
    public var found: String
    public var expected: String

    public var description: String { "\(file):\(line):\(column): \(path): found \(found); expected \(expected)" }
}

/// A file that did not load, with every issue found in it (never only the first).
public struct CatalogError: DualPreventionError {
    public var issues: [CatalogIssue]
    public var kind: FailureKind { .badInput }
    public var rule: String { "CATALOG-INVALID" }

    public var message: Text {
        let lines = issues.map(\.description).joined(separator: "\n  ")
        return Text("catalogIssue.errors", "\(issues.count)", "\(lines)")
    }

    public var hint: Text? {
        Text("catalogIssue.fixEachLineAbove")
    }
}
