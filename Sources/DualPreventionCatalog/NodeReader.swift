import Foundation
import Yams

/// Walks a YAML tree by the shape a catalog file must have, collecting every issue on the way.
final class NodeReader {
    let file: String
    private(set) var issues: [CatalogIssue] = []

    init(file: String) {
        self.file = file
    }

    func report(_ node: Node?, _ path: String, found: String? = nil, expected: String, near parent: Node? = nil) {
        let mark = node?.mark ?? parent?.mark
        issues.append(
            CatalogIssue(
                file: file,
                line: mark?.line ?? 1,
                column: mark?.column ?? 1,
                path: path.isEmpty ? "(document)" : path,
                found: found ?? Self.describe(node),
                expected: expected
            )
        )
    }

    static func describe(_ node: Node?) -> String {
        switch node {
        case nil: "nothing"
        case .scalar(let scalar)?: "\"\(scalar.string)\""
        case .mapping(let mapping)?: "a mapping of " + mapping.keys.compactMap(\.string).joined(separator: ", ")
        case .sequence(let sequence)?: "a list of \(sequence.count) items"
        case .alias?: "an alias"
        }
    }

    /// The fields of a mapping; unknown fields and missing required ones are reported.
    func fields(_ node: Node?, _ path: String, required: [String], optional: [String] = []) -> [String: Node]? {
        guard case .mapping(let mapping)? = node else {
            report(node, path, expected: "a mapping with " + required.joined(separator: ", "))
            return nil
        }
        var result: [String: Node] = [:]
        let allowed = Set(required + optional)
        for (key, value) in mapping {
            let name = key.string ?? ""
            if allowed.contains(name) {
                result[name] = value
            } else {
                report(key, join(path, name), found: "unknown field \"\(name)\"", expected: "one of " + (required + optional).joined(separator: ", "))
            }
        }
        for name in required where result[name] == nil {
            report(nil, join(path, name), expected: "a value (the field is required)", near: node)
        }
        return result
    }

    func string(_ node: Node?, _ path: String, minLength: Int = 1, pattern: String? = nil) -> String? {
        guard case .scalar(let scalar)? = node, scalar.tag != Tag(.null) || !scalar.string.isEmpty else {
            if node != nil { report(node, path, expected: "text") }
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count >= minLength else {
            report(node, path, expected: "text of at least \(minLength) characters")
            return nil
        }
        if let pattern, text.range(of: pattern, options: .regularExpression) == nil {
            report(node, path, expected: "text matching \(pattern)")
            return nil
        }
        return text
    }

    func integer(_ node: Node?, _ path: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = node?.int, range.contains(value) else {
            if node != nil { report(node, path, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)") }
            return nil
        }
        return value
    }

    func number(_ node: Node?, _ path: String, from table: [Double]) -> Double? {
        let list = table.map { $0 == $0.rounded() ? String(Int($0)) : String($0) }.joined(separator: ", ")
        guard let value = node?.float, table.contains(where: { abs($0 - value) < 1e-9 }) else {
            if node != nil { report(node, path, expected: "one of \(list)") }
            return nil
        }
        return value
    }

    func positive(_ node: Node?, _ path: String) -> Double? {
        guard let value = node?.float, value.isFinite, value > 0 else {
            if node != nil { report(node, path, expected: "a number above 0") }
            return nil
        }
        return value
    }

    func choice<T>(_ node: Node?, _ path: String, _ options: [(String, T)]) -> T? {
        guard let text = node?.string, let found = options.first(where: { $0.0 == text }) else {
            if node != nil { report(node, path, expected: "one of " + options.map(\.0).joined(separator: ", ")) }
            return nil
        }
        return found.1
    }

    func list(_ node: Node?, _ path: String, minItems: Int) -> [Node]? {
        guard case .sequence(let sequence)? = node else {
            if node != nil { report(node, path, expected: "a list") }
            return nil
        }
        let items = Array(sequence)
        if items.count < minItems { report(node, path, expected: "at least \(minItems) items") }
        return items
    }

    func join(_ path: String, _ field: String) -> String { path.isEmpty ? field : path + "." + field }
}
