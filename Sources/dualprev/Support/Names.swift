import DualPrevention

/// Resolves a workshop, team or post given by id or name inside one enterprise.
func resolvePlace<T>(_ key: String, in items: [T], id: KeyPath<T, Int64>, name: KeyPath<T, String>, what: String) throws -> T {
    if let number = Int64(key), let found = items.first(where: { $0[keyPath: id] == number }) { return found }
    let matches = items.filter { $0[keyPath: name] == key }
    guard let found = matches.first else { throw NotFoundError(what: what, key: key) }
    return found
}
