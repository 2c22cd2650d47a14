import Foundation
import GRDB

/// The canonical JSON of audit payloads, written here rather than by Foundation's encoder so that its bytes are fixed
/// by this file alone (any store, or a verifier in another language, can write the same):
/// - objects with their keys sorted by their UTF-8 bytes, arrays in order, no spaces;
/// - strings escaped as `AuditLog.Canonical` escapes them (`"` and `\`, the short escapes, other control characters
///   as `\u00xx`, everything else as raw UTF-8);
/// - integers in decimal, other numbers as Swift's shortest round-trip text (integral ones without a fraction);
/// - dates as the database stores them (`yyyy-MM-dd HH:mm:ss.SSS`, UTC), so that a row read back encodes the same;
/// - `nil` left out of objects, as synthesised `Codable` leaves it out.
enum CanonicalJSON {
    struct Unencodable: Error, CustomStringConvertible {
        var description: String
    }

    /// The canonical text of a value.
    static func string(_ value: some Encodable) throws -> String {
        String(decoding: try bytes(value), as: UTF8.self)
    }

    static func bytes(_ value: some Encodable) throws -> [UInt8] {
        let node = try node(value, parent: [], key: nil)
        var out: [UInt8] = []
        out.reserveCapacity(512)
        node.write(to: &out)
        return out
    }

    /// Appends a string literal, escaped by the canonical rules. Runs of bytes that need no escape are copied whole.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var plain = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain..<index]))
                plain = index + 1
                out.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x09: out.append(UInt8(ascii: "t"))
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                default:
                    out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// A value being built: a scalar already in its canonical text, an array or an object. A class, so that a
    /// container handed out by the encoder writes into the node it belongs to. An object keeps its fields in the order
    /// they came (a few dozen at most) and sorts them once, when written.
    final class Node {
        enum Content {
            case empty
            case scalar([UInt8])
            case array([Node])
            case object([(key: String, node: Node)])
        }

        var content: Content = .empty

        init() {}
        init(scalar: [UInt8]) { content = .scalar(scalar) }

        func write(to out: inout [UInt8]) {
            switch content {
            case .empty: out += Array("{}".utf8)
            case .scalar(let bytes): out += bytes
            case .array(let items):
                out.append(UInt8(ascii: "["))
                for (index, item) in items.enumerated() {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    item.write(to: &out)
                }
                out.append(UInt8(ascii: "]"))
            case .object(let fields):
                // Sorted by key bytes; of a key set twice, the last value counts (as a dictionary would keep it).
                let order = fields.indices.sorted {
                    fields[$0].key == fields[$1].key ? $0 < $1 : fields[$0].key.utf8.lexicographicallyPrecedes(fields[$1].key.utf8)
                }
                out.append(UInt8(ascii: "{"))
                var first = true
                for (position, index) in order.enumerated() {
                    if position + 1 < order.count, fields[order[position + 1]].key == fields[index].key { continue }
                    if !first { out.append(UInt8(ascii: ",")) }
                    first = false
                    CanonicalJSON.appendString(fields[index].key, to: &out)
                    out.append(UInt8(ascii: ":"))
                    fields[index].node.write(to: &out)
                }
                out.append(UInt8(ascii: "}"))
            }
        }

        func set(_ key: String, _ node: Node) {
            guard case .object(var fields) = content else {
                content = .object([(key, node)])
                return
            }
            content = .empty  // keeps `fields` uniquely referenced while it grows
            fields.append((key, node))
            content = .object(fields)
        }

        func append(_ node: Node) {
            guard case .array(var items) = content else {
                content = .array([node])
                return
            }
            content = .empty
            items.append(node)
            content = .array(items)
        }

        func makeObject() { if case .empty = content { content = .object([]) } }
        func makeArray() { if case .empty = content { content = .array([]) } }
    }

    // MARK: Scalars

    static func scalar(_ text: String) -> Node { Node(scalar: Array(text.utf8)) }

    static func quoted(_ text: String) -> Node {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 2)
        appendString(text, to: &out)
        return Node(scalar: out)
    }

    /// `path` names where the number is, for the error only (built only then: most numbers are fine).
    static func number<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F, path: @autoclosure () -> [any CodingKey]) throws -> Node {
        guard value.isFinite else { throw Unencodable(description: "\(value) at \(path().map(\.stringValue)) is not a JSON number") }
        if value == value.rounded(), abs(value) < 1e15 { return scalar(String(Int64(value))) }
        return scalar(String(value))
    }

    /// A value's node; dates in the database's text, the rest by their own `encode(to:)`. The value sits under `key`
    /// in `parent` (no key: it is `parent`'s own value); the full coding path is built only for a value that needs it.
    static func node<T: Encodable>(_ value: T, parent: [any CodingKey], key: (any CodingKey)?) throws -> Node {
        switch value {
        case let date as Date: return quoted(DateText.database(date))
        case let text as String: return quoted(text)
        case let flag as Bool: return scalar(flag ? "true" : "false")
        case let number as Int64: return scalar(String(number))
        case let number as Int: return scalar(String(number))
        // Every other integer and float here too: their own `encode(to:)` asks a single-value container to encode
        // them, which would come back to this function.
        case let number as any BinaryInteger: return scalar(String(describing: number))
        case let number as Double: return try self.number(number, path: key.map { parent + [$0] } ?? parent)
        case let number as Float: return try self.number(number, path: key.map { parent + [$0] } ?? parent)
        default:
            let node = Node()
            try value.encode(to: NodeEncoder(node: node, codingPath: key.map { parent + [$0] } ?? parent))
            return node
        }
    }

    // MARK: The encoder

    struct NodeEncoder: Encoder {
        let node: Node
        var codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            node.makeObject()
            return KeyedEncodingContainer(Keyed<Key>(node: node, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            node.makeArray()
            return Unkeyed(node: node, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { Single(node: node, codingPath: codingPath) }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        var codingPath: [any CodingKey]

        mutating func encodeNil(forKey key: Key) throws { node.set(key.stringValue, CanonicalJSON.scalar("null")) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            node.set(key.stringValue, try CanonicalJSON.node(value, parent: codingPath, key: key))
        }
        mutating func encode(_ value: Double, forKey key: Key) throws {
            node.set(key.stringValue, try CanonicalJSON.number(value, path: codingPath + [key]))
        }
        mutating func encode(_ value: Float, forKey key: Key) throws {
            node.set(key.stringValue, try CanonicalJSON.number(value, path: codingPath + [key]))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let child = Node()
            child.makeObject()
            node.set(key.stringValue, child)
            return KeyedEncodingContainer(Keyed<NestedKey>(node: child, codingPath: codingPath + [key]))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let child = Node()
            child.makeArray()
            node.set(key.stringValue, child)
            return Unkeyed(node: child, codingPath: codingPath + [key])
        }

        mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }
        mutating func superEncoder(forKey key: Key) -> any Encoder {
            let child = Node()
            node.set(key.stringValue, child)
            return NodeEncoder(node: child, codingPath: codingPath + [key])
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let node: Node
        var codingPath: [any CodingKey]
        var count: Int {
            if case .array(let items) = node.content { return items.count }
            return 0
        }
        var key: any CodingKey { IndexKey(intValue: count) }

        mutating func encodeNil() throws { node.append(CanonicalJSON.scalar("null")) }
        mutating func encode<T: Encodable>(_ value: T) throws { node.append(try CanonicalJSON.node(value, parent: codingPath, key: key)) }
        mutating func encode(_ value: Double) throws { node.append(try CanonicalJSON.number(value, path: codingPath + [key])) }
        mutating func encode(_ value: Float) throws { node.append(try CanonicalJSON.number(value, path: codingPath + [key])) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let child = Node()
            child.makeObject()
            let path = codingPath + [key]
            node.append(child)
            return KeyedEncodingContainer(Keyed<NestedKey>(node: child, codingPath: path))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let child = Node()
            child.makeArray()
            let path = codingPath + [key]
            node.append(child)
            return Unkeyed(node: child, codingPath: path)
        }

        mutating func superEncoder() -> any Encoder {
            let child = Node()
            let path = codingPath + [key]
            node.append(child)
            return NodeEncoder(node: child, codingPath: path)
        }
    }

    struct Single: SingleValueEncodingContainer {
        let node: Node
        var codingPath: [any CodingKey]

        mutating func encodeNil() throws { node.content = .scalar(Array("null".utf8)) }
        mutating func encode<T: Encodable>(_ value: T) throws { node.content = try CanonicalJSON.node(value, parent: codingPath, key: nil).content }
        mutating func encode(_ value: Double) throws { node.content = try CanonicalJSON.number(value, path: codingPath).content }
        mutating func encode(_ value: Float) throws { node.content = try CanonicalJSON.number(value, path: codingPath).content }
    }

    struct IndexKey: CodingKey {
        let index: Int
        var stringValue: String { String(index) }
        var intValue: Int? { index }
        init(intValue: Int) { index = intValue }
        init?(stringValue: String) { nil }
    }
}
