import DualPrevention
import DualPreventionStore
import Foundation
import Hummingbird
import Logging

/// What each request carries: the logged-in person (set by `SessionMiddleware`, re-read from the store on every
/// request so a disabled account or a changed role counts at once) and its session token.
public struct ServerContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var person: Person?
    /// For a regional quality safety director: the appointments in office now (id, enterprise), among which the
    /// page header's switcher chooses the enterprise they act for (`person` then acts as its director).
    public var serving: [(appointmentID: Int64, enterprise: String)] = []
    /// The person's unread inbox items, counted for the pages' header.
    public var inboxUnread = 0
    /// How many hazards wait for the person (`MyWork.count`), for the page header.
    public var myWork = 0
    public var sessionToken: String?
    /// The CSRF token of this browser (pages only): every page form carries it and `PageForm.read` compares.
    public var csrf: String?
    /// The page language, from the `dp_lang` cookie (Chinese unless English was chosen).
    public var language: Language = .zh
    /// The instant the request is handled at, read once from the application's clock (`ClockMiddleware`).
    public var now = Date(timeIntervalSince1970: 0)

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// The person acting, or 401 for a request without a valid session.
    public func requirePerson() throws -> Person {
        guard let person else { throw Problem.unauthenticated }
        return person
    }

    /// The person acting as the store's viewer, or 401: every read goes through this.
    public func requireViewer() throws -> Viewer { .person(try requirePerson().actor) }
}
