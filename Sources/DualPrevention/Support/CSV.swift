/// RFC 4180 CSV, read and written. Records keep the line they start on, so errors can name it even when a
/// quoted field spans lines. A UTF-8 byte-order mark is accepted on reading and written for spreadsheets.
public enum CSV {
    public static let byteOrderMark = "\u{FEFF}"

    public struct Record: Sendable, Hashable {
        public var line: Int
        public var fields: [String]
    }

    /// A quoted field that never ends: nothing after its start can be read reliably.
    public struct UnclosedQuote: Error, Sendable, Equatable {
        public var line: Int
    }

    public static func parse(_ text: String) throws(UnclosedQuote) -> [Record] {
        var records: [Record] = []
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
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
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

    /// First bytes that make a spreadsheet read a cell as a formula (OWASP's CSV injection list).
    static let formulaStarts: Set<UInt8> = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D]

    public static func escape(_ text: String) -> String {
        // Judged on the UTF-8 bytes (all the characters that matter are ASCII): a ledger has millions of cells.
        // A cell a spreadsheet would run as a formula (=, +, -, @, or a TAB or CR before one, which spreadsheets skip)
        // is written as text; plain numbers stay numbers.
        let formula = text.utf8.first.map { Self.formulaStarts.contains($0) } ?? false
        let safe = formula && Double(text) == nil ? "'" + text : text
        let quoted = safe.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        return quoted ? "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : safe
    }

    /// A whole file: BOM, header, rows, CRLF line ends as spreadsheet programs expect.
    public static func document(header: [String], rows: [[String]]) -> String {
        byteOrderMark + ([header] + rows).map(line).joined()
    }

    /// One record with its CRLF line end: a file written a line at a time is `document` of all of them.
    public static func line(_ cells: [String]) -> String {
        cells.map(escape).joined(separator: ",") + "\r\n"
    }
}
