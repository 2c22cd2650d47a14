import DualPrevention
import Foundation

/// What one action changed on a hazard, for its audit entry: the fields whose value changed, each with its new value
/// (`null` when it was cleared), and of each list of parts only the parts added or changed, keyed by their index. An
/// action writes a few fields and one part, so its entry does not re-encode the whole hazard; the report's entry
/// records the whole hazard once, and `fold` rebuilds the current state from the entries in order.
struct HazardChanges: Encodable {
    let old: Hazard
    let new: Hazard

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Every stored field of `Hazard`, under the name its `Codable` conformance gives it. A field missing here shows up
    /// at once: `audit verify` would find the folded state differs from the row (`HazardChangesTests`).
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        func field<V: Encodable & Equatable>(_ name: String, _ path: KeyPath<Hazard, V>) throws {
            guard old[keyPath: path] != new[keyPath: path] else { return }
            try container.encode(new[keyPath: path], forKey: Key(name))
        }
        func optional<V: Encodable & Equatable>(_ name: String, _ path: KeyPath<Hazard, V?>) throws {
            guard old[keyPath: path] != new[keyPath: path] else { return }
            if let value = new[keyPath: path] {
                try container.encode(value, forKey: Key(name))
            } else {
                try container.encodeNil(forKey: Key(name))
            }
        }
        func parts<P: Encodable & Equatable>(_ name: String, _ path: KeyPath<Hazard, [P]>) throws {
            let (was, now) = (old[keyPath: path], new[keyPath: path])
            guard was != now else { return }
            // Parts are only ever added or updated; should a list shrink, the whole list is recorded instead.
            guard now.count >= was.count else { return try container.encode(now, forKey: Key(name)) }
            var changed = container.nestedContainer(keyedBy: Key.self, forKey: Key(name))
            for (index, part) in now.enumerated() where index >= was.count || part != was[index] {
                try changed.encode(part, forKey: Key(String(index)))
            }
        }
        try field("id", \.id)
        try field("number", \.number)
        try field("enterpriseID", \.enterpriseID)
        try field("jurisdictionPath", \.jurisdictionPath)
        try field("workshopID", \.workshopID)
        try optional("teamID", \.teamID)
        try optional("postID", \.postID)
        try optional("riskPointID", \.riskPointID)
        try optional("checkItemRef", \.checkItemRef)
        try field("source", \.source)
        try field("grade", \.grade)
        try field("description", \.description)
        try field("location", \.location)
        try field("foundBy", \.foundBy)
        try field("foundAt", \.foundAt)
        try field("state", \.state)
        try optional("ownerID", \.ownerID)
        try optional("ownerRole", \.ownerRole)
        try optional("deadline", \.deadline)
        try optional("closedAt", \.closedAt)
        try optional("notice", \.notice)
        try parts("plans", \.plans)
        try optional("extensionRequest", \.extensionRequest)
        try parts("submissions", \.submissions)
        try parts("acceptances", \.acceptances)
        try parts("listings", \.listings)
        try optional("cancellation", \.cancellation)
    }

    /// Applies one entry's recorded state to the state folded so far (parsed JSON): a whole `hazard` replaces it,
    /// `changes` overwrite fields, clear those given as `null`, and set parts by index.
    static func fold(_ state: [String: Any]?, payload: [String: Any]) -> [String: Any]? {
        if let whole = payload["hazard"] as? [String: Any] { return whole }
        // An entry with neither, or changes with no report before them, cannot be applied.
        guard var state, let changes = payload["changes"] as? [String: Any] else { return nil }
        for (name, value) in changes {
            if value is NSNull {
                state[name] = nil
            } else if var list = state[name] as? [Any], let indexed = value as? [String: Any] {
                for (key, part) in indexed.sorted(by: { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }) {
                    guard let index = Int(key), index >= 0, index <= list.count else { return nil }
                    if index == list.count { list.append(part) } else { list[index] = part }
                }
                state[name] = list
            } else {
                state[name] = value
            }
        }
        return state
    }
}
