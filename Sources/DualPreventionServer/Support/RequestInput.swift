import DualPrevention
import DualPreventionPresentation
import DualPreventionStore
import Foundation
import Hummingbird

/// Reading a request's input and writing plain responses, once for every controller and page: required fields,
/// dates, enumerated values, windows, pages of a list, CSV and text bodies. Errors name the field and what to send.
enum RequestInput {
    struct Page<Item: Encodable & Sendable>: ResponseEncodable, Sendable {
        var items: [Item]
        var total: Int
        var offset: Int
        var limit: Int
    }

    /// JSON written by hand (`JSONWriter`, compact) for the lists read most, where the encoder cost more than the reads.
    struct WrittenJSON: ResponseGenerator, Sendable {
        var bytes: [UInt8]

        func response(from request: Request, context: some RequestContext) -> Response {
            var headers = HTTPFields()
            headers[.contentType] = "application/json; charset=utf-8"
            headers[.contentLength] = String(bytes.count)
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }

    /// A page of hazards the store already cut and counted, written by hand: the same values as the encoder's `Page`.
    static func hazardPage(_ found: Paged<Hazard>, _ page: PageRequest) -> WrittenJSON {
        var json = JSONWriter(style: .compact, capacity: 1_200 * found.items.count + 64)
        json.page(found.items, total: found.total, offset: page.offset, limit: page.limit) { json, hazard in json.hazard(hazard) }
        return WrittenJSON(bytes: json.bytes)
    }

    /// `?offset=&limit=` (limit 1–500, 100 by default).
    static func pageRequest(_ request: Request) throws -> PageRequest {
        let offset = request.uri.queryParameters.get("offset", as: Int.self) ?? 0
        let limit = request.uri.queryParameters.get("limit", as: Int.self) ?? 100
        guard offset >= 0, (1...500).contains(limit) else {
            throw Problem(status: .badRequest, rule: "PAGE", title: "bad page", detail: "offset ≥ 0 and limit from 1 to 500")
        }
        return PageRequest(offset: offset, limit: limit)
    }

    /// A page the store already cut and counted.
    static func page<Item: Encodable & Sendable>(_ found: Paged<Item>, _ page: PageRequest) -> Page<Item> {
        Page(items: found.items, total: found.total, offset: page.offset, limit: page.limit)
    }

    static func page<Item: Encodable & Sendable>(_ all: [Item], _ request: Request) throws -> Page<Item> {
        let page = try pageRequest(request)
        return Page(items: Array(all.dropFirst(page.offset).prefix(page.limit)), total: all.count, offset: page.offset, limit: page.limit)
    }

    /// An enumerated filter value, or 400 naming the values it may take.
    static func filter<T: RawRepresentable & CaseIterable>(_ text: String?, _ name: String) throws -> T? where T.RawValue == String {
        guard let text else { return nil }
        guard let value = T(rawValue: text) else {
            throw Problem(
                status: .badRequest,
                rule: "FILTER",
                title: "bad filter",
                detail: "unknown \(name) \(text); one of: " + T.allCases.map(\.rawValue).joined(separator: ", ")
            )
        }
        return value
    }

    /// `true` or `false` (absent is false).
    static func flag(_ text: String?, _ name: String) throws -> Bool {
        guard let text else { return false }
        guard text == "true" || text == "false" else {
            throw Problem(status: .badRequest, rule: "FILTER", title: "bad filter", detail: "\(name) is true or false")
        }
        return text == "true"
    }

    /// A body out of a page form's fields, as the API would send it: empty fields (and `_csrf`, `_action`) absent, the
    /// fields `number` names whole numbers, those `boolean` names `true` or anything else for false, the rest text.
    static func formBody<Body: Decodable>(
        _ fields: [String: String],
        number: (String) -> Bool,
        boolean: (String) -> Bool = { _ in false }
    ) throws -> Body {
        var object: [String: Any] = [:]
        for (name, value) in fields where !name.hasPrefix("_") {
            let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { continue }
            if number(name) {
                guard let whole = Int64(text) else { throw InputError(rule: "INPUT-NUMBER", message: Text("hazardInput.mustNumber", "\(name)")) }
                object[name] = whole
            } else if boolean(name) {
                object[name] = text == "true"
            } else {
                object[name] = text
            }
        }
        return try JSONDecoder().decode(Body.self, from: JSONSerialization.data(withJSONObject: object))
    }

    static func required<T>(_ value: T?, _ field: String) throws -> T {
        guard let value else { throw InputError(rule: "INPUT-REQUIRED", message: Text("requestInput.required", "\(field)")) }
        return value
    }

    /// `2026-12-31` (end of that day, Asia/Shanghai), `2026-12-31 17:30`, or a full ISO 8601 instant.
    static func date(_ text: String?, _ field: String) throws -> Date {
        let text = try required(text, field)
        if let instant = try? Date(text, strategy: .iso8601) { return instant }
        return try LocalTime().parse(text, field: field)
    }

    /// The start of a day: `2026-12-31` (its first instant in `local`'s zone, Asia/Shanghai by default), `2026-12-31
    /// 17:30`, or an ISO 8601 instant.
    static func day(_ text: String, _ field: String, local: LocalTime? = nil) throws -> Date {
        if let instant = try? Date(text, strategy: .iso8601) { return instant }
        let local = try local ?? LocalTime()
        let parsed = try local.parse(text, field: field)
        return text.contains(" ") || text.contains("T") ? parsed : local.startOfDay(parsed)
    }

    /// A deadline: `2026-12-31` (the whole of that day: it ends at the start of the next, in `local`'s zone,
    /// Asia/Shanghai by default),
    /// `2026-12-31 17:30`, or a full ISO 8601 instant.
    static func deadline(_ text: String?, _ field: String, local: LocalTime? = nil) throws -> Date {
        let text = try required(text, field)
        if let instant = try? Date(text, strategy: .iso8601) { return instant }
        return try (local ?? LocalTime()).parseDeadline(text, field: field)
    }

    static func parse<T: RawRepresentable>(_ text: String?, _ field: String) throws -> T where T.RawValue == String, T: CaseIterable {
        let raw = try required(text, field)
        guard let value = T(rawValue: raw) else {
            throw InputError(
                rule: "INPUT-VALUE",
                message: Text("requestInput.notValidValue", "\(field)", "\(raw)"),
                hint: Text("requestInput.one").appending(T.allCases.map(\.rawValue).joined(separator: ", "))
            )
        }
        return value
    }

    /// A rules file the server was started with, or 500 naming the one missing.
    static func rule<T>(_ value: T?, _ name: String) throws -> T {
        guard let value else { throw Problem.missingAssets("\(name) rules") }
        return value
    }

    /// Months before `asOf` (1–120, 12 by default), as the CLI counts them.
    static func window(_ request: Request, asOf: Date) throws -> Date {
        let months = request.uri.queryParameters.get("months", as: Int.self) ?? 12
        guard (1...120).contains(months) else {
            throw InputError(rule: "INPUT-MONTHS", message: Text("creditController.monthsFrom1120"))
        }
        return Months.before(asOf, months)
    }

    static func asOf(_ request: Request, now: Date) throws -> Date {
        guard let text = request.uri.queryParameters.get("asOf") else { return now }
        return try date(text, "asOf")
    }

    static func text(_ form: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: form)))
    }

    static func csv(_ text: String, name: String) -> Response {
        Response(status: .ok, headers: csvHeaders(name), body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// The risk register a filter selects, as the paper table's CSV (the API's export and the register page's button).
    static func riskRegister(_ filter: RiskFilter, repository: any Repository, viewer: Viewer) async throws -> Response {
        let points = try await repository.riskPoints(filter, visibleTo: viewer)
        let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: Set(points.map(\.enterpriseID)))
        let gradings = try await RiskTable.latestGradings(points, repository: repository, viewer: viewer)
        return csv(RiskTable.exportCSV(points, names: names, gradings: gradings, dimensions: repository.dimensions), name: "risk-register")
    }

    /// A CSV download written as it is produced.
    static func csv(name: String, _ write: @escaping @Sendable (inout any ResponseBodyWriter) async throws -> Void) -> Response {
        Response(
            status: .ok,
            headers: csvHeaders(name),
            body: ResponseBody { writer in
                try await write(&writer)
                try await writer.finish(nil)
            }
        )
    }

    private static func csvHeaders(_ name: String) -> HTTPFields {
        [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name).csv\""]
    }
}
