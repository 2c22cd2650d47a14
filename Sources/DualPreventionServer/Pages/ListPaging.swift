import Foundation
import Hummingbird

/// One page of a long list as the page shows it: how many in all, which ones these are, and the links to the pages
/// before and after with every other query parameter kept (filters survive paging). The database pages and counts;
/// this only writes the links. Rendered by the `pager` partial.
struct ListPaging {
    /// Capped: an offset near Int.max would overflow the page arithmetic and stop the process.
    static let maxOffset = 10_000_000

    var count: Int
    var range: String?
    var previous: String?
    var next: String?

    /// The offset a request asks for, bounded to 0…`maxOffset`.
    static func offset(_ request: Request) -> Int {
        min(max(0, request.uri.queryParameters.get("offset", as: Int.self) ?? 0), maxOffset)
    }

    /// The request's query parameters other than the offset, percent-encoded, as `key=value`.
    static func kept(_ request: Request) -> [String] {
        func encoded(_ text: Substring) -> String { String(text).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
        return request.uri.queryParameters.filter { $0.key != "offset" && !$0.value.isEmpty }.map { "\(encoded($0.key))=\(encoded($0.value))" }
    }

    /// Another path with the request's filters (every query parameter but the offset): an export of what a list shows.
    static func sameFilters(_ path: String, request: Request) -> String {
        let kept = kept(request)
        return kept.isEmpty ? path : path + "?" + kept.joined(separator: "&")
    }

    init(total: Int, offset: Int, size: Int, path: String, request: Request) {
        let kept = Self.kept(request)
        func link(_ at: Int) -> String { path + "?" + (kept + ["offset=\(at)"]).joined(separator: "&") }
        count = total
        range = total > size || offset > 0 ? "\(min(total, offset + 1))–\(min(total, offset + size))" : nil
        previous = offset > 0 ? link(max(0, offset - size)) : nil
        next = offset + size < total ? link(offset + size) : nil
    }
}
