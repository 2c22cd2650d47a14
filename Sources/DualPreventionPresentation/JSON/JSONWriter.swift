import DualPrevention
import Foundation

/// JSON written by hand for what is read in bulk, in one of two styles:
/// - `pretty`, exactly as `Output.encoded` prints (`JSONEncoder` with sorted keys, two-space indents, `"key" : value`,
///   slashes unescaped, dates in ISO 8601): grading a province prints tens of thousands of grades, and the encoder
///   (building a tree of values, sorting every object's keys) cost more than the grading. Tests hold the bytes equal
///   to the encoder's.
/// - `compact`, for the API's pages: no white space, slashes unescaped. Tests hold its values equal to what the
///   server's encoder writes (the encoder's keys come in no fixed order; these come sorted).
///
/// Callers write each object's keys in sorted order (plain string order, as the encoder sorts them) and leave out
/// absent optionals, as the synthesized `Encodable` does.
public struct JSONWriter: Sendable {
    public enum Style: Sendable { case pretty, compact }

    public private(set) var bytes: [UInt8] = []
    private let style: Style
    /// The nesting of the container being written; 0 is the top level.
    private var depth: Int
    /// Whether the container being written already holds a value (the next one needs a comma).
    private var filled = false

    /// A writer whose values sit `depth` levels in, as the elements of an array nested that deep.
    public init(style: Style = .pretty, depth: Int = 0, capacity: Int = 0) {
        self.style = style
        self.depth = depth
        bytes.reserveCapacity(capacity)
    }

    private mutating func newline() {
        guard style == .pretty else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    /// The start of the next value in the open container (an array element, or a key): a comma after the previous
    /// one, then a fresh line.
    public mutating func item() {
        if filled { bytes.append(UInt8(ascii: ",")) }
        newline()
        filled = true
    }

    /// A value on a line of its own at the writer's depth, as an element of an array that deep (the caller writes
    /// what separates elements, with `raw`).
    public mutating func line(_ write: (inout JSONWriter) -> Void) {
        if style == .pretty { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth)) }
        write(&self)
    }

    /// Text written as it is.
    public mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    public mutating func key(_ name: String) {
        item()
        string(name)
        switch style {
        case .pretty: bytes.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: ":"), UInt8(ascii: " ")])
        case .compact: bytes.append(UInt8(ascii: ":"))
        }
    }

    /// An object whose fields `body` writes (keys in sorted order).
    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        container(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), body)
    }

    /// An array whose elements `body` writes, each after `item()`.
    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        container(open: UInt8(ascii: "["), close: UInt8(ascii: "]"), body)
    }

    /// An array of `values`, each written by `element`.
    public mutating func array<Element>(_ values: [Element], _ element: (inout JSONWriter, Element) -> Void) {
        array { json in
            for value in values {
                json.item()
                element(&json, value)
            }
        }
    }

    private mutating func container(open: UInt8, close: UInt8, _ body: (inout JSONWriter) -> Void) {
        bytes.append(open)
        let outer = filled
        depth += 1
        filled = false
        body(&self)
        depth -= 1
        // An empty container keeps an empty line inside it, as the encoder writes it.
        if !filled && style == .pretty { bytes.append(UInt8(ascii: "\n")) }
        newline()
        bytes.append(close)
        filled = outer
    }

    public mutating func strings(_ values: [String]) {
        array(values) { json, value in json.string(value) }
    }

    public mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        defer { bytes.append(UInt8(ascii: "\"")) }
        // Most text needs no escape: copy it whole.
        let plain = value.utf8.withContiguousStorageIfAvailable { utf8 in
            utf8.allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        }
        if plain == true {
            bytes.append(contentsOf: value.utf8)
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
    }

    /// A number as the encoder writes a `Double`: its shortest text, without a trailing `.0`.
    public mutating func number(_ value: Double) {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    public mutating func number(_ value: some BinaryInteger) {
        bytes.append(contentsOf: String(value).utf8)
    }

    public mutating func bool(_ value: Bool) {
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// A date as the encoder's ISO 8601 strategy writes it: `2026-11-29T15:59:59Z`, whole seconds (rounded down), UTC.
    public mutating func date(_ value: Date) {
        bytes.append(UInt8(ascii: "\""))
        Self.appendISO8601(value, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// The civil date and time of an instant in UTC, computed from its seconds (Howard Hinnant's `civil_from_days`),
    /// because the format style costs more than the rest of a hazard's fields together. Years 1583 to 9999 (the
    /// format style's calendar is Julian before October 1582); others through the format style.
    static func appendISO8601(_ value: Date, to bytes: inout [UInt8]) {
        let seconds = Int64(value.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let time = seconds - days * 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shifted + 2) / 5 + 1
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        guard (1_583...9_999).contains(year) else {
            bytes.append(contentsOf: value.formatted(.iso8601).utf8)
            return
        }
        func digits(_ value: Int64, _ count: Int) {
            var divisor: Int64 = 1
            for _ in 1..<count { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(year, 4)
        bytes.append(UInt8(ascii: "-"))
        digits(month, 2)
        bytes.append(UInt8(ascii: "-"))
        digits(day, 2)
        bytes.append(UInt8(ascii: "T"))
        digits(time / 3_600, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(time % 3_600 / 60, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(time % 60, 2)
        bytes.append(UInt8(ascii: "Z"))
    }

    public mutating func text(_ value: Text) {
        object { json in
            json.key("en")
            json.string(value.en)
            json.key("zh")
            json.string(value.zh)
        }
    }
}
