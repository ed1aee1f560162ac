import FieldnotesCore
import FieldnotesSupport

/// What changed in an account between two versions of its notes, in sales terms.
public struct AccountChange: Sendable {
    public enum Kind: String, Sendable { case added, removed, changed }

    public var kind: Kind
    public var name: String
    public var path: String
    /// The path it had before, when the file was renamed.
    public var renamedFrom: String?
    /// Each line says one change ("stage: discovery → solution").
    public var items: [Item]
    /// Errors in the notes as they are now (`path:line:col: message`): what could not be read
    /// cannot be compared.
    public var errors: [String] = []

    public struct Item: Sendable, Equatable {
        /// What kind of change: stage, contact, role, competitor, position, decision_date,
        /// answered, reopened, assumption, log.
        public var topic: String
        public var text: String
    }

    /// The differences between `old` (nil: the account is new) and `new` (nil: it was removed).
    public static func between(
        _ old: AccountReport?, _ new: AccountReport?, renamedFrom: String? = nil
    ) -> AccountChange? {
        guard let report = new ?? old else { return nil }
        let errors =
            new.map { n in n.diagnostics.filter { $0.severity == .error }.map { n.oneLine($0) } } ?? []
        let name = report.fields.name?.value ?? report.path
        guard let old else {
            var items: [Item] = []
            if let stage = report.fields.stage?.value {
                items.append(Item(topic: "stage", text: "new account at \(stage.rawValue)"))
            }
            for c in report.fields.contacts {
                items.append(Item(topic: "contact", text: "contact added: \(contactText(c))"))
            }
            return AccountChange(
                kind: .added, name: name, path: report.path, renamedFrom: nil, items: items, errors: errors)
        }
        guard let new else {
            return AccountChange(kind: .removed, name: name, path: report.path, renamedFrom: nil, items: [])
        }
        let a = old.fields, b = new.fields
        var items: [Item] = []
        // A stage that is written but not valid is not "none": the error is listed with the account.
        func stage(_ f: AccountFields) -> String {
            f.stage?.value.rawValue ?? (f.keyRanges["stage"] != nil ? "not valid" : "not set")
        }
        if stage(a) != stage(b) {
            items.append(Item(topic: "stage", text: "stage: \(stage(a)) → \(stage(b))"))
        }
        peopleChanges(a, b, &items)
        competitionChanges(a, b, &items)
        checklistChanges(old, new, &items)
        notesChanges(old, new, &items)
        guard !items.isEmpty || renamedFrom != nil || !errors.isEmpty else { return nil }
        return AccountChange(
            kind: .changed, name: name, path: new.path, renamedFrom: renamedFrom, items: items, errors: errors)
    }

    /// Contacts added or removed, and the roles and reporting lines of those still there.
    private static func peopleChanges(_ a: AccountFields, _ b: AccountFields, _ items: inout [Item]) {
        let oldContacts = Dictionary(a.contacts.map { ($0.name.value, $0) }, uniquingKeysWith: { x, _ in x })
        let newContacts = Dictionary(b.contacts.map { ($0.name.value, $0) }, uniquingKeysWith: { x, _ in x })
        for c in b.contacts where oldContacts[c.name.value] == nil {
            items.append(Item(topic: "contact", text: "contact added: \(contactText(c))"))
        }
        for c in a.contacts where newContacts[c.name.value] == nil {
            items.append(Item(topic: "contact", text: "contact removed: \(c.name.value)"))
        }
        for c in b.contacts {
            guard let before = oldContacts[c.name.value] else { continue }
            let added = c.roles.filter { !before.roles.contains($0) },
                removed = before.roles.filter { !c.roles.contains($0) }
            if !added.isEmpty || !removed.isEmpty {
                var parts: [String] = []
                if !added.isEmpty { parts.append("now " + added.joined(separator: ", ")) }
                if !removed.isEmpty { parts.append("no longer " + removed.joined(separator: ", ")) }
                items.append(Item(topic: "role", text: "\(c.name.value): \(parts.joined(separator: "; "))"))
            }
            if before.reportsTo?.value != c.reportsTo?.value, let boss = c.reportsTo?.value {
                items.append(Item(topic: "role", text: "\(c.name.value) now reports to \(boss)"))
            }
        }
    }

    /// Competitors that came, went or became the incumbent; our position and the decision date.
    private static func competitionChanges(_ a: AccountFields, _ b: AccountFields, _ items: inout [Item]) {
        let oldCompetitors = Dictionary(a.competitors.map { ($0.name.value, $0) }, uniquingKeysWith: { x, _ in x })
        let newCompetitors = Set(b.competitors.map(\.name.value))
        for c in b.competitors {
            if let before = oldCompetitors[c.name.value] {
                if c.incumbent && !before.incumbent {
                    items.append(Item(topic: "competitor", text: "\(c.name.value) is now the incumbent"))
                }
            } else {
                items.append(
                    Item(topic: "competitor", text: "new \(c.incumbent ? "incumbent" : "competitor"): \(c.name.value)"))
            }
        }
        for c in a.competitors where !newCompetitors.contains(c.name.value) {
            items.append(Item(topic: "competitor", text: "competitor gone: \(c.name.value)"))
        }
        if a.ourPosition?.value != b.ourPosition?.value {
            items.append(
                Item(
                    topic: "position",
                    text: "our position: \(a.ourPosition?.value ?? "not set") → "
                        + (b.ourPosition?.value ?? "not set")))
        }
        if a.decisionDate?.value != b.decisionDate?.value {
            items.append(
                Item(
                    topic: "decision_date",
                    text: "decision date: \(a.decisionDate.map { "\($0.value)" } ?? "not set") → "
                        + (b.decisionDate.map { "\($0.value)" } ?? "not set")))
        }
    }

    /// Questions of the checklist newly answered, or answered before and open again.
    private static func checklistChanges(_ old: AccountReport, _ new: AccountReport, _ items: inout [Item]) {
        let before = Dictionary(old.results.map { ($0.question.id, $0.status) }, uniquingKeysWith: { x, _ in x })
        for r in new.results {
            let was = before[r.question.id]
            if r.status == .answered && was != .answered {
                items.append(Item(topic: "answered", text: "answered: \(r.question.ask)"))
            } else if was == .answered && r.status.isOpen {
                items.append(Item(topic: "reopened", text: "no longer answered: \(r.question.ask)"))
            }
        }
    }

    /// New assumptions and new entries of the log.
    private static func notesChanges(_ old: AccountReport, _ new: AccountReport, _ items: inout [Item]) {
        let oldAssumptions = Set(old.body.assumptions.map(\.text))
        for text in new.body.assumptions.map(\.text) where !oldAssumptions.contains(text) {
            // Without its own marker ("Assumption: …"), which the item already says.
            var shown = Substring(text)
            if let marker = BodyScanner.markerWords.first(where: { shown.lowercased().hasPrefix($0) }) {
                shown = shown.dropFirst(marker.count)
            }
            items.append(Item(topic: "assumption", text: "new assumption: \(shown.trimmingSpaces())"))
        }
        let oldLog = Set(old.body.log.map { "\($0.date.map { "\($0)" } ?? "")|\($0.title)" })
        for entry in new.body.log where !oldLog.contains("\(entry.date.map { "\($0)" } ?? "")|\(entry.title)") {
            items.append(Item(topic: "log", text: "log: \(entry.title)"))
        }
    }

    private static func contactText(_ c: Contact) -> String {
        var s = c.name.value
        var details: [String] = []
        if let title = c.title, !title.isEmpty { details.append(title) }
        if !c.roles.isEmpty { details.append(c.roles.joined(separator: ", ")) }
        if !details.isEmpty { s += " (" + details.joined(separator: "; ") + ")" }
        return s
    }
}

/// The `changes` report: every account that changed since a commit.
public struct ChangesReport: Sendable {
    /// What the comparison starts from, for the reader ("2026-11-15 (abc1234)").
    public var since: String
    public var sinceCommit: String?
    /// Said once at the top: a shallow or empty history.
    public var notice: String?
    public var changes: [AccountChange]

    /// The report as text, for a terminal.
    public func text() -> String { ChangesTextWriter.text(self) }

    /// The report as Markdown, for a pipeline review.
    public func markdown() -> String { ChangesMarkdownWriter.markdown(self) }

    public func json() -> String { ChangesJSONWriter.json(self) }
}
