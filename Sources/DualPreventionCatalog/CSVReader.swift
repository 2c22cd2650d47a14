import DualPrevention

/// RFC 4180 CSV as the imports read it. Records keep the line they start on, so errors can name it even when a
/// quoted field spans lines. A UTF-8 byte-order mark is accepted (`CSVWriter` writes one for spreadsheets).
public enum CSVReader {
    public static let byteOrderMark = "\u{FEFF}"

    /// A quoted field that never ends: nothing after its start can be read reliably.
    public struct UnclosedQuote: Error, Sendable, Equatable {
        public var line: Int
    }

    public static func parse(_ text: String) throws(UnclosedQuote) -> [ImportedRow] {
        var records: [ImportedRow] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var recordLine = 1
        var chars = Array(text.hasPrefix(byteOrderMark) ? String(text.dropFirst()) : text)
        if chars.last != "\n" { chars.append("\n") }
        var index = 0
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(ImportedRow(line: recordLine, fields: fields)) }
            fields = []
            field = ""
        }
        while index < chars.count {
            let char = chars[index]
            if quoted {
                if char == "\"" {
                    if index + 1 < chars.count, chars[index + 1] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    // "\r\n" is one Character in Swift; every line ending inside a field counts.
                    if char == "\n" || char == "\r\n" || char == "\r" { line += 1 }
                    field.append(char)
                }
            } else {
                switch char {
                case "\"" where field.isEmpty: quoted = true
                case ",":
                    fields.append(field)
                    field = ""
                case "\r\n", "\n", "\r":
                    endRecord()
                    line += 1
                    recordLine = line
                default: field.append(char)
                }
            }
            index += 1
        }
        if quoted { throw UnclosedQuote(line: recordLine) }
        return records
    }
}
