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
        let arena = Arena()
        let root = try arena.slot(of: value, parent: [], key: nil)
        var out: [UInt8] = []
        out.reserveCapacity(arena.text.count + 64)
        arena.write(root, to: &out)
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

    /// The values being built, all in one place: each value is a slot; a scalar's canonical text is a range of `text`;
    /// an array or object holds the slots of its members. A class, so that the containers the encoder hands out write
    /// into it; one per encoding, so a payload costs a few growing arrays rather than an object and a byte array per
    /// value.
    final class Arena {
        enum Slot {
            case empty
            case scalar(Range<Int>)
            case array([Int])
            /// Fields in the order they came (a few dozen at most), sorted once, when written.
            case object([(key: String, slot: Int)])
        }

        var slots: [Slot] = []
        var text: [UInt8] = []

        init() {
            slots.reserveCapacity(64)
            text.reserveCapacity(1024)
        }

        func newSlot(_ slot: Slot = .empty) -> Int {
            slots.append(slot)
            return slots.count - 1
        }

        func literal(_ scalar: String) -> Int {
            let start = text.count
            text.append(contentsOf: scalar.utf8)
            return newSlot(.scalar(start..<text.count))
        }

        func quoted(_ string: String) -> Int {
            let start = text.count
            CanonicalJSON.appendString(string, to: &text)
            return newSlot(.scalar(start..<text.count))
        }

        func set(_ slot: Int, _ key: String, _ member: Int) {
            guard case .object(var fields) = slots[slot] else {
                slots[slot] = .object([(key, member)])
                return
            }
            slots[slot] = .empty  // keeps `fields` uniquely referenced while it grows
            fields.append((key, member))
            slots[slot] = .object(fields)
        }

        func append(_ slot: Int, _ member: Int) {
            guard case .array(var items) = slots[slot] else {
                slots[slot] = .array([member])
                return
            }
            slots[slot] = .empty
            items.append(member)
            slots[slot] = .array(items)
        }

        func makeObject(_ slot: Int) { if case .empty = slots[slot] { slots[slot] = .object([]) } }
        func makeArray(_ slot: Int) { if case .empty = slots[slot] { slots[slot] = .array([]) } }

        func write(_ slot: Int, to out: inout [UInt8]) {
            switch slots[slot] {
            case .empty: out += Array("{}".utf8)
            case .scalar(let range): out.append(contentsOf: text[range])
            case .array(let items):
                out.append(UInt8(ascii: "["))
                for (index, item) in items.enumerated() {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    write(item, to: &out)
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
                    write(fields[index].slot, to: &out)
                }
                out.append(UInt8(ascii: "}"))
            }
        }

        /// A value's slot; dates in the database's text, the rest by their own `encode(to:)`. The value sits under
        /// `key` in `parent` (no key: it is `parent`'s own value); the full coding path is built only for a value
        /// that needs it.
        func slot<T: Encodable>(of value: T, parent: [any CodingKey], key: (any CodingKey)?) throws -> Int {
            switch value {
            case let date as Date: return quoted(DateText.database(date))
            case let string as String: return quoted(string)
            case let flag as Bool: return literal(flag ? "true" : "false")
            case let number as Int64: return literal(String(number))
            case let number as Int: return literal(String(number))
            // Every other integer and float here too: their own `encode(to:)` asks a single-value container to
            // encode them, which would come back to this function.
            case let number as any BinaryInteger: return literal(String(describing: number))
            case let number as Double: return literal(try CanonicalJSON.number(number, path: key.map { parent + [$0] } ?? parent))
            case let number as Float: return literal(try CanonicalJSON.number(number, path: key.map { parent + [$0] } ?? parent))
            default:
                let slot = newSlot()
                try value.encode(to: SlotEncoder(arena: self, slot: slot, codingPath: key.map { parent + [$0] } ?? parent))
                return slot
            }
        }
    }

    // MARK: Scalars

    /// A number's canonical text. `path` names where the number is, for the error only (built only then).
    static func number<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F, path: @autoclosure () -> [any CodingKey]) throws -> String {
        guard value.isFinite else { throw Unencodable(description: "\(value) at \(path().map(\.stringValue)) is not a JSON number") }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    // MARK: The encoder

    struct SlotEncoder: Encoder {
        let arena: Arena
        let slot: Int
        var codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            arena.makeObject(slot)
            return KeyedEncodingContainer(Keyed<Key>(arena: arena, slot: slot, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            arena.makeArray(slot)
            return Unkeyed(arena: arena, slot: slot, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { Single(arena: arena, slot: slot, codingPath: codingPath) }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let arena: Arena
        let slot: Int
        var codingPath: [any CodingKey]

        mutating func encodeNil(forKey key: Key) throws { arena.set(slot, key.stringValue, arena.literal("null")) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            arena.set(slot, key.stringValue, try arena.slot(of: value, parent: codingPath, key: key))
        }
        mutating func encode(_ value: Double, forKey key: Key) throws {
            arena.set(slot, key.stringValue, arena.literal(try CanonicalJSON.number(value, path: codingPath + [key])))
        }
        mutating func encode(_ value: Float, forKey key: Key) throws {
            arena.set(slot, key.stringValue, arena.literal(try CanonicalJSON.number(value, path: codingPath + [key])))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let child = arena.newSlot(.object([]))
            arena.set(slot, key.stringValue, child)
            return KeyedEncodingContainer(Keyed<NestedKey>(arena: arena, slot: child, codingPath: codingPath + [key]))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let child = arena.newSlot(.array([]))
            arena.set(slot, key.stringValue, child)
            return Unkeyed(arena: arena, slot: child, codingPath: codingPath + [key])
        }

        mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }
        mutating func superEncoder(forKey key: Key) -> any Encoder {
            let child = arena.newSlot()
            arena.set(slot, key.stringValue, child)
            return SlotEncoder(arena: arena, slot: child, codingPath: codingPath + [key])
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let arena: Arena
        let slot: Int
        var codingPath: [any CodingKey]
        var count: Int {
            if case .array(let items) = arena.slots[slot] { return items.count }
            return 0
        }
        var key: any CodingKey { IndexKey(intValue: count) }

        mutating func encodeNil() throws { arena.append(slot, arena.literal("null")) }
        mutating func encode<T: Encodable>(_ value: T) throws { arena.append(slot, try arena.slot(of: value, parent: codingPath, key: key)) }
        mutating func encode(_ value: Double) throws { arena.append(slot, arena.literal(try CanonicalJSON.number(value, path: codingPath + [key]))) }
        mutating func encode(_ value: Float) throws { arena.append(slot, arena.literal(try CanonicalJSON.number(value, path: codingPath + [key]))) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let path = codingPath + [key]
            let child = arena.newSlot(.object([]))
            arena.append(slot, child)
            return KeyedEncodingContainer(Keyed<NestedKey>(arena: arena, slot: child, codingPath: path))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let path = codingPath + [key]
            let child = arena.newSlot(.array([]))
            arena.append(slot, child)
            return Unkeyed(arena: arena, slot: child, codingPath: path)
        }

        mutating func superEncoder() -> any Encoder {
            let path = codingPath + [key]
            let child = arena.newSlot()
            arena.append(slot, child)
            return SlotEncoder(arena: arena, slot: child, codingPath: path)
        }
    }

    struct Single: SingleValueEncodingContainer {
        let arena: Arena
        let slot: Int
        var codingPath: [any CodingKey]

        /// The value's own slot takes the content of the slot it was encoded into.
        private func take(_ encoded: Int) { arena.slots[slot] = arena.slots[encoded] }

        mutating func encodeNil() throws { take(arena.literal("null")) }
        mutating func encode<T: Encodable>(_ value: T) throws { take(try arena.slot(of: value, parent: codingPath, key: nil)) }
        mutating func encode(_ value: Double) throws { take(arena.literal(try CanonicalJSON.number(value, path: codingPath))) }
        mutating func encode(_ value: Float) throws { take(arena.literal(try CanonicalJSON.number(value, path: codingPath))) }
    }

    struct IndexKey: CodingKey {
        let index: Int
        var stringValue: String { String(index) }
        var intValue: Int? { index }
        init(intValue: Int) { index = intValue }
        init?(stringValue: String) { nil }
    }
}
