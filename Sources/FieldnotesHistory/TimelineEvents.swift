import FieldnotesCore
import FieldnotesSupport

/// What happened to an account from one version to the next, in sales terms: one home for
/// `history`, `changes`, the movement on the pipeline page and the history's risk flags.
public enum TimelineEvents {
    /// Every event of `timeline`, oldest first; with `first`, only those of the versions from
    /// that index on. Made once per account (`TimelineDigest`), so this decodes nothing.
    public static func events(
        _ timeline: AccountTimeline, in history: History, checklist: Checklist, fromVersion first: Int = 0
    ) -> [HistoryEvent] {
        history.digest(timeline.path, fromVersion: first)?.events ?? []
    }

    /// Every event from the versions' facts (`History.facts(of:)`), oldest first, each with the
    /// index of its version; with `first`, only those of the versions from that index on (the
    /// version before it is read as their starting point: an event depends only on its version
    /// and the one before).
    static func indexedEvents(
        _ timeline: AccountTimeline, facts: [VersionFacts], checklist: Checklist, fromVersion first: Int = 0
    ) -> [(version: Int, event: HistoryEvent)] {
        var events: [(version: Int, event: HistoryEvent)] = []
        var previous: AccountSnapshot?
        var wasPresent = false
        let start = max(0, min(first, timeline.versions.count) - 1)
        for (index, version) in timeline.versions.enumerated().dropFirst(start) {
            var out = Emitter(version: version)
            if let from = version.renamedFrom {
                out.add(
                    .renamed, field: "path", old: from, new: version.path, "renamed from \(from) to \(version.path)")
            }
            switch facts[index] {
            case .removed:
                if wasPresent { out.add(.accountRemoved, "account removed") }
                previous = nil
                wasPresent = false
            case .tooLarge(let size):
                out.add(.unreadable, "this version is larger than 10 MB (\(FileReader.describeSize(size))): not read")
                (previous, wasPresent) = (nil, true)
            case .unreadable(let why):
                out.add(.unreadable, "this version could not be read: \(why)")
                (previous, wasPresent) = (nil, true)
            case .unavailable:
                out.add(.unreadable, "this version's content is not in the repository (a partial clone?)")
                (previous, wasPresent) = (nil, true)
            case .snapshot(let now):
                if let before = previous {
                    compare(before, now, checklist: checklist, &out)
                } else if !wasPresent {
                    opening(now, atBoundary: version.atBoundary, &out)
                }
                // After a version not read, what changed is not known: nothing is claimed.
                // Errors are said when they appear or their number changes, not at every version.
                if now.errors > 0 && now.errors != (previous?.errors ?? 0) {
                    let first = now.firstError.map { " (\($0))" } ?? ""
                    out.add(
                        .errors, new: "\(now.errors)",
                        "this version has \(now.errors) error\(now.errors == 1 ? "" : "s")\(first): "
                            + "its facts are what could be read")
                }
                previous = now
                wasPresent = true
            }
            if index >= first { events += out.events.map { (index, $0) } }
        }
        return events
    }

    /// Collects the events of one version.
    struct Emitter {
        let version: HistoryVersion
        var events: [HistoryEvent] = []

        mutating func add(
            _ kind: HistoryEvent.Kind, field: String? = nil, old: String? = nil, new: String? = nil, _ text: String
        ) {
            events.append(
                HistoryEvent(
                    date: version.day, commit: version.commit, kind: kind, field: field, old: old, new: new, text: text)
            )
        }
    }

    private static func opening(_ now: AccountSnapshot, atBoundary: Bool, _ out: inout Emitter) {
        let stage = now.stage?.rawValue ?? now.stageText.map { "'\($0)' (not a stage)" } ?? "no stage"
        if atBoundary {
            out.add(
                .historyStarts, field: "stage", new: now.stage?.rawValue, "history starts (shallow clone) at \(stage)")
        } else {
            out.add(.accountAdded, field: "stage", new: now.stage?.rawValue, "new account at \(stage)")
        }
    }

    static func compare(_ a: AccountSnapshot, _ b: AccountSnapshot, checklist: Checklist, _ out: inout Emitter) {
        if a.stage != nil && b.stage != nil {
            stage(a.stage, b.stage, field: "stage", label: "stage", &out)
        } else if a.stage != b.stage || a.stageText != b.stageText {
            // Not set, or written but not a stage: said as written, never as gone.
            func shown(_ s: AccountSnapshot) -> String {
                s.stage?.rawValue ?? s.stageText.map { "'\($0)' (not a stage)" } ?? "not set"
            }
            out.add(
                .stageChanged, field: "stage", old: a.stage?.rawValue ?? a.stageText,
                new: b.stage?.rawValue ?? b.stageText, "stage: \(shown(a)) → \(shown(b))")
        }
        if b.decisionDate == nil, let written = b.decisionDateText, written != a.decisionDateText {
            // Mistyped, not removed: said as written.
            let was = a.decisionDate.map { "\($0)" } ?? a.decisionDateText.map { "'\($0)'" } ?? "not set"
            out.add(
                .changed, field: "decision_date", old: a.decisionDate.map { "\($0)" } ?? a.decisionDateText,
                new: written, "decision date: \(was) → '\(written)' (not a date)")
        } else if b.decisionDateText == nil {
            date(a.decisionDate, b.decisionDate, field: "decision_date", label: "decision date", &out)
        }
        // Each part compared whole first: a commit changes a few things, and most versions of a
        // long history differ from the last in one or two.
        if a.opportunities != b.opportunities { deals(a, b, &out) }
        if a.contacts != b.contacts { people(a, b, &out) }
        for (field, label, x, y) in [
            ("our_position", "our position", a.ourPosition, b.ourPosition), ("budget", "budget", a.budget, b.budget),
            ("pain", "pain", a.pain, b.pain),
        ] where x != y {
            let scale = Scales.scale(field) ?? []
            let i = x.flatMap { scale.firstIndex(of: $0) }, j = y.flatMap { scale.firstIndex(of: $0) }
            let kind: HistoryEvent.Kind = i != nil && j != nil ? (j! > i! ? .upgraded : .downgraded) : .changed
            let direction = kind == .changed ? "" : kind == .upgraded ? " (up)" : " (down)"
            out.add(
                kind, field: field, old: x, new: y, "\(label): \(x ?? "not set") → \(y ?? "not set")\(direction)")
        }
        if a.nextStep != b.nextStep {
            out.add(
                .nextStepChanged, field: "next_step", old: a.nextStep, new: b.nextStep,
                "next step: \(b.nextStep.map { "“\($0)”" } ?? "none")")
        }
        if a.competitors != b.competitors { competitors(a, b, &out) }
        if a.answered != b.answered || a.open != b.open { answers(a, b, checklist: checklist, &out) }
        if a.assumptions != b.assumptions { assumptions(a, b, &out) }
        if a.log != b.log {
            // A log gains an entry or two a version: a short one is looked up in the last one's
            // entries (dates first) rather than hashing every title of both; a long one by a set.
            let known =
                a.log.count * b.log.count > 4096 ? Set(a.log.map { LogKey(date: $0.date, title: $0.title) }) : nil
            for e in b.log {
                let seen =
                    known?.contains(LogKey(date: e.date, title: e.title))
                    ?? a.log.contains { $0.date == e.date && $0.title == e.title }
                if !seen { out.add(.logEntry, field: "log", new: e.date.map { "\($0)" }, "log: \(e.title)") }
            }
        }
    }

    private struct LogKey: Hashable {
        var date: Day?
        var title: String
    }

    private static func stage(_ x: Stage?, _ y: Stage?, field: String, label: String, _ out: inout Emitter) {
        guard x != y else { return }
        let old = x?.rawValue, new = y?.rawValue
        let text = "\(label): \(old ?? "not set") → \(new ?? "not set")"
        guard let x, let y else {
            out.add(.stageChanged, field: field, old: old, new: new, text)
            return
        }
        if y.isClosed {
            out.add(.stageClosed, field: field, old: old, new: new, text)
        } else if x.isClosed {
            out.add(.stageReopened, field: field, old: old, new: new, text + " (reopened)")
        } else if y > x {
            out.add(.stageForward, field: field, old: old, new: new, text + " (forward)")
        } else {
            out.add(.stageBack, field: field, old: old, new: new, text + " (back)")
        }
    }

    private static func date(_ x: Day?, _ y: Day?, field: String, label: String, _ out: inout Emitter) {
        guard x != y else { return }
        let old = x.map { "\($0)" }, new = y.map { "\($0)" }
        switch (x, y) {
        case (nil, let y?): out.add(.decisionDateSet, field: field, new: new, "\(label) set: \(y)")
        case (let x?, nil): out.add(.decisionDateCleared, field: field, old: old, "\(label) removed (was \(x))")
        case (let x?, let y?):
            let days = x.days(until: y)
            out.add(
                days > 0 ? .decisionDatePushed : .decisionDatePulledIn, field: field, old: old, new: new,
                "\(label): \(x) → \(y) (\(days > 0 ? "+" : "−")\(abs(days)) days)")
        default: return
        }
    }

    private static func deals(_ a: AccountSnapshot, _ b: AccountSnapshot, _ out: inout Emitter) {
        let before = Dictionary(a.opportunities.map { ($0.name, $0) }, uniquingKeysWith: { x, _ in x })
        let names = Set(b.opportunities.map(\.name))
        for o in b.opportunities {
            let field = "opportunities[\(o.name)]"
            guard let old = before[o.name] else {
                let value = o.value.map { ", " + Money.text($0, currency: o.currency) } ?? ""
                out.add(.opportunityAdded, field: field, new: o.value, "opportunity added: \(o.name)\(value)")
                continue
            }
            stage(old.stage, o.stage, field: field + ".stage", label: "stage of \(o.name)", &out)
            if old.value != o.value || old.currency != o.currency {
                let was = old.value.map { Money.text($0, currency: old.currency) } ?? "no value"
                let now = o.value.map { Money.text($0, currency: o.currency) } ?? "no value"
                out.add(
                    .valueChanged, field: field + ".value", old: old.value, new: o.value,
                    "value of \(o.name): \(was) → \(now)")
            }
            date(
                old.decisionDate, o.decisionDate, field: field + ".decision_date", label: "decision date of \(o.name)",
                &out)
            if old.nextStep != o.nextStep {
                out.add(
                    .nextStepChanged, field: field + ".next_step", old: old.nextStep, new: o.nextStep,
                    "next step of \(o.name): \(o.nextStep.map { "“\($0)”" } ?? "none")")
            }
        }
        for o in a.opportunities where !names.contains(o.name) {
            out.add(
                .opportunityRemoved, field: "opportunities[\(o.name)]", old: o.value, "opportunity removed: \(o.name)")
        }
    }

    private static func people(_ a: AccountSnapshot, _ b: AccountSnapshot, _ out: inout Emitter) {
        let before = Dictionary(a.contacts.map { ($0.name, $0) }, uniquingKeysWith: { x, _ in x })
        let names = Set(b.contacts.map(\.name))
        for c in b.contacts {
            let field = "contacts[\(c.name)]"
            guard let old = before[c.name] else {
                var details = [c.title, c.roles.isEmpty ? nil : c.roles.map(Words.spaced).joined(separator: ", ")]
                    .compactMap { $0 }
                if c.left { details.append("left") }
                let shown = details.isEmpty ? "" : " (\(details.joined(separator: "; ")))"
                out.add(.contactAdded, field: field, new: c.name, "contact added: \(c.name)\(shown)")
                continue
            }
            if c.left != old.left {
                out.add(
                    c.left ? .contactLeft : .contactReturned, field: field + ".status",
                    old: old.left ? "left" : "active",
                    new: c.left ? "left" : "active", c.left ? "\(c.name) left" : "\(c.name) is active again")
            }
            for role in c.roles where !old.roles.contains(role) {
                out.add(.roleGained, field: field + ".roles", new: role, "\(c.name) is now \(Words.spaced(role))")
            }
            for role in old.roles where !c.roles.contains(role) {
                out.add(.roleLost, field: field + ".roles", old: role, "\(c.name) is no longer \(Words.spaced(role))")
            }
        }
        for c in a.contacts where !names.contains(c.name) {
            let roles = c.roles.isEmpty ? "" : " (\(c.roles.map(Words.spaced).joined(separator: ", ")))"
            out.add(.contactRemoved, field: "contacts[\(c.name)]", old: c.name, "contact removed: \(c.name)\(roles)")
        }
    }

    private static func competitors(_ a: AccountSnapshot, _ b: AccountSnapshot, _ out: inout Emitter) {
        let before = Dictionary(a.competitors.map { ($0.name, $0) }, uniquingKeysWith: { x, _ in x })
        let names = Set(b.competitors.map(\.name))
        for c in b.competitors {
            if let old = before[c.name] {
                if c.incumbent && !old.incumbent {
                    out.add(.incumbent, field: "competitors[\(c.name)]", new: c.name, "\(c.name) is now the incumbent")
                }
            } else {
                out.add(
                    .competitorAdded, field: "competitors[\(c.name)]", new: c.name,
                    "new \(c.incumbent ? "incumbent" : "competitor"): \(c.name)")
            }
        }
        for c in a.competitors where !names.contains(c.name) {
            out.add(.competitorRemoved, field: "competitors[\(c.name)]", old: c.name, "competitor gone: \(c.name)")
        }
    }

    private static func answers(_ a: AccountSnapshot, _ b: AccountSnapshot, checklist: Checklist, _ out: inout Emitter)
    {
        let wasAnswered = Set(a.answered), isOpen = Set(b.open)
        func ask(_ id: String) -> String { checklist.questions.first { $0.id == id }?.ask ?? id }
        for id in b.answered where !wasAnswered.contains(id) {
            out.add(.answered, field: id, "answered: \(ask(id))")
        }
        for id in a.answered where isOpen.contains(id) {
            out.add(.reopened, field: id, "no longer answered: \(ask(id))")
        }
    }

    private static func assumptions(_ a: AccountSnapshot, _ b: AccountSnapshot, _ out: inout Emitter) {
        let old = Set(a.assumptions), new = Set(b.assumptions)
        for text in b.assumptions where !old.contains(text) {
            out.add(.assumptionAdded, field: "assumption", new: text, "new assumption: \(shown(text))")
        }
        let lines = Set(b.lines)
        for text in a.assumptions where !new.contains(text) {
            if lines.contains(AccountSnapshot.lineKey(text)) {
                out.add(.assumptionVerified, field: "assumption", old: text, "assumption verified: \(shown(text))")
            } else {
                out.add(.assumptionRemoved, field: "assumption", old: text, "assumption removed: \(shown(text))")
            }
        }
    }

    /// An assumption without its marker ("Assumption: …"), which the event already says.
    static func shown(_ text: String) -> String {
        var s = Substring(text)
        while let c = s.first, c == "*" || c == "_" || c == " " || c == "-" { s = s.dropFirst() }
        if let marker = BodyScanner.markerWords.first(where: { s.lowercased().hasPrefix($0) }) {
            s = s.dropFirst(marker.count)
        }
        while let c = s.first, c == "*" || c == "_" || c == " " || c == ":" || c == "—" { s = s.dropFirst() }
        return String(s)
    }
}
