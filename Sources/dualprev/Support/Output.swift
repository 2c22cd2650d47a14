import DualPrevention
import DualPreventionPresentation
import Foundation

/// A table with headers in both languages, printed as aligned text or CSV.
struct Table {
    var headers: [Text]
    var rows: [[String]]
}

/// Prints data as a table for people, JSON for scripts, or CSV.
struct Output {
    let format: OutputFormat
    let language: Language

    func emit(_ value: some Encodable, table: @autoclosure () -> Table) {
        switch format {
        case .json: print(Self.json(value))
        case .table: print(render(table()), terminator: "")
        case .csv: print(csv(table()), terminator: "")
        }
    }

    /// The JSON every command prints, or the encoder's error (for writers that must clean up first).
    static func encoded(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func json(_ value: some Encodable) -> String {
        do {
            return try encoded(value)
        } catch {
            // A script must not mistake a failed encoding for an empty result: say so and stop with the storage code.
            FileHandle.standardError.write(Data("cannot encode the result as JSON: \(error)\n".utf8))
            exit(ExitStatus.io)
        }
    }

    func render(_ table: Table) -> String {
        let headers = table.headers.map { $0(language) }
        let widths = headers.indices.map { column in
            ([headers[column]] + table.rows.map { column < $0.count ? $0[column] : "" }).map(Self.width).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - Self.width(cell))
            }.joined(separator: "  ")
        }
        var out = line(headers) + "\n"
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for row in table.rows { out += line(row.map { $0.replacingOccurrences(of: "\n", with: " ") }) + "\n" }
        if table.rows.isEmpty { out += Text("output.none")(language) + "\n" }
        return out
    }

    func csv(_ table: Table) -> String {
        func field(_ text: String) -> String {
            text.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        return ([table.headers.map { $0(language) }] + table.rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// Terminal columns: East Asian wide characters take two.
    static func width(_ text: String) -> Int { TextWidth.of(text) }

    /// Pads to a display width, for laying out forms.
    static func pad(_ text: String, to width: Int) -> String { TextWidth.pad(text, to: width) }

    func say(_ text: Text) {
        if format == .table { print(text(language)) }
    }
}
