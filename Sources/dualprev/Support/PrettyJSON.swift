import DualPrevention
import Foundation

/// Pretty-printed JSON exactly as `Output.encoded` writes it (`JSONEncoder` with sorted keys, two-space indents,
/// `"key" : value`, slashes unescaped, dates in ISO 8601), written by hand for what a command prints in bulk: grading a
/// province prints tens of thousands of grades, and the encoder (building a tree of values, sorting every object's
/// keys) cost more than the grading. Callers write each object's keys in sorted order (plain string order, as the
/// encoder sorts them) and leave out absent optionals, as the synthesized `Encodable` does. Tests hold the bytes equal
/// to the encoder's.
struct PrettyJSON {
    private(set) var bytes: [UInt8] = []
    /// The nesting of the container being written; 0 is the top level.
    private var depth: Int
    /// Whether the container being written already holds a value (the next one needs a comma).
    private var filled = false

    /// A writer whose values sit `depth` levels in, as the elements of an array nested that deep.
    init(depth: Int = 0) {
        self.depth = depth
    }

    private mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    /// The start of the next value in the open container (an array element, or a key): a comma after the previous
    /// one, then a fresh line.
    mutating func item() {
        if filled { bytes.append(UInt8(ascii: ",")) }
        newline()
        filled = true
    }

    /// A value on a line of its own at the writer's depth, as an element of an array that deep (the caller writes
    /// what separates elements, with `raw`).
    mutating func line(_ write: (inout PrettyJSON) -> Void) {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
        write(&self)
    }

    /// Text written as it is.
    mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func key(_ name: String) {
        item()
        string(name)
        bytes.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: ":"), UInt8(ascii: " ")])
    }

    /// An object whose fields `body` writes (keys in sorted order).
    mutating func object(_ body: (inout PrettyJSON) -> Void) {
        container(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), body)
    }

    /// An array whose elements `body` writes, each after `item()`.
    mutating func array(_ body: (inout PrettyJSON) -> Void) {
        container(open: UInt8(ascii: "["), close: UInt8(ascii: "]"), body)
    }

    private mutating func container(open: UInt8, close: UInt8, _ body: (inout PrettyJSON) -> Void) {
        bytes.append(open)
        let outer = filled
        depth += 1
        filled = false
        body(&self)
        depth -= 1
        // An empty container keeps an empty line inside it, as the encoder writes it.
        if !filled { bytes.append(UInt8(ascii: "\n")) }
        newline()
        bytes.append(close)
        filled = outer
    }

    mutating func strings(_ values: [String]) {
        array { json in
            for value in values {
                json.item()
                json.string(value)
            }
        }
    }

    mutating func string(_ value: String) {
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
    mutating func number(_ value: Double) {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    mutating func number(_ value: some BinaryInteger) {
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func bool(_ value: Bool) {
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// A date as the encoder's ISO 8601 strategy writes it (whole seconds, UTC).
    mutating func date(_ value: Date) {
        string(value.formatted(.iso8601))
    }

    mutating func text(_ value: Text) {
        object { json in
            json.key("en")
            json.string(value.en)
            json.key("zh")
            json.string(value.zh)
        }
    }
}

extension PrettyJSON {
    /// A grade record, field for field as its synthesized `Encodable` writes it.
    mutating func grade(_ record: CreditGradeRecord) {
        object { json in
            json.key("asOf")
            json.date(record.asOf)
            json.key("assessment")
            json.assessment(record.assessment)
            json.key("changes")
            json.array { json in
                for change in record.changes {
                    json.item()
                    json.object { json in
                        if let after = change.after {
                            json.key("after")
                            json.number(after)
                        }
                        if let before = change.before {
                            json.key("before")
                            json.number(before)
                        }
                        json.key("item")
                        json.string(change.item)
                        json.key("name")
                        json.text(change.name)
                        json.key("newEvidence")
                        json.strings(change.newEvidence)
                    }
                }
            }
            json.key("computedAt")
            json.date(record.computedAt)
            json.key("computedBy")
            json.number(record.computedBy)
            json.key("enterpriseID")
            json.number(record.enterpriseID)
            json.key("grade")
            json.string(record.grade.rawValue)
            json.key("honoursToRevoke")
            json.strings(record.honoursToRevoke)
            json.key("id")
            json.number(record.id)
            if let previous = record.previousGrade {
                json.key("previousGrade")
                json.string(previous.rawValue)
            }
            if let previous = record.previousID {
                json.key("previousID")
                json.number(previous)
            }
            json.key("rulesVersion")
            json.number(record.rulesVersion)
            json.key("score")
            json.number(record.score)
            json.key("since")
            json.date(record.since)
        }
    }

    mutating func assessment(_ assessment: CreditAssessment) {
        object { json in
            json.key("grade")
            json.string(assessment.grade.rawValue)
            json.key("gradeByScore")
            json.string(assessment.gradeByScore.rawValue)
            json.key("lines")
            json.array { json in
                for line in assessment.lines {
                    json.item()
                    json.object { json in
                        json.key("evidence")
                        json.strings(line.evidence)
                        json.key("group")
                        json.string(line.group)
                        json.key("item")
                        json.string(line.item)
                        json.key("maximum")
                        json.number(line.maximum)
                        json.key("name")
                        json.text(line.name)
                        json.key("points")
                        json.number(line.points)
                        if let value = line.value {
                            json.key("value")
                            json.number(value)
                        }
                    }
                }
            }
            if let measure = assessment.measure {
                json.key("measure")
                json.text(measure)
            }
            json.key("rule")
            json.text(assessment.rule)
            json.key("rulesVersion")
            json.number(assessment.rulesVersion)
            json.key("score")
            json.number(assessment.score)
            json.key("vetoes")
            json.array { json in
                for veto in assessment.vetoes {
                    json.item()
                    json.object { json in
                        json.key("code")
                        json.string(veto.code)
                        json.key("evidence")
                        json.strings(veto.evidence)
                        json.key("name")
                        json.text(veto.name)
                    }
                }
            }
        }
    }
}
