import FieldnotesCore
import FieldnotesHistory
import FieldnotesSupport
import Foundation

/// The reports' pipeline driver: opens the notes repository, checks every account once (in
/// chunks, on every core; of the findings, only the errors a report counts are made) and keeps
/// what the reports are made of. The memory policy lives here:
/// an account's text and parse tree are let go as soon as its facts are drawn, unless the
/// report quotes the notes; a report written per account (Markdown briefs) is made on the core
/// that checked it, while the text is at hand, so memory stays small however many accounts
/// there are.
package struct ReportPipeline: Sendable {
    package var workspace: Workspace
    package var context: CheckContext
    /// The account files found (folders that could not be read left out).
    package var files: [Workspace.AccountFile]
    /// Folders the walk could not enter.
    package var unreadableFolders: [Workspace.AccountFile]
    /// The date given with --as-of: only then do reports hold clock-dependent content.
    package var asOf: Day?
    /// What each account's history in git says, by path, once `readHistory` read it; nil when it
    /// was not read (--no-history, outside git, or git could not tell).
    package var history: [String: AccountHistoryFacts]?
    /// The history being read on a thread of its own (`startReadingHistory`), while the notes are
    /// checked; `finishReadingHistory` takes its result.
    private var pending: PendingHistory?

    /// What a report keeps of each account once its facts are drawn.
    package enum Keep: Sendable {
        /// The facts only (summary, missing, the pipeline page).
        case facts
        /// The facts with the notes' text and parse tree, for reports that quote the notes.
        case text
    }

    /// How many accounts are checked at a time: the reports of one chunk are alive together.
    package static let chunkSize = 512

    /// - Parameter today: the date checks count from when `asOf` is not given.
    package init(paths: [String], cwd: URL, configPath: String?, asOf: Day?, today: Day) throws {
        workspace = try Workspace.open(paths: paths, cwd: cwd, configPath: configPath)
        // A folder that cannot be read is a problem of the walk, not an account.
        let found = try workspace.accountFiles(paths: paths, cwd: cwd)
        files = found.filter { $0.unreadableFolder == nil }
        unreadableFolders = found.filter { $0.unreadableFolder != nil }
        context = CheckContext(config: workspace.config, checklist: workspace.checklist, asOf: asOf ?? today)
        self.asOf = asOf
    }

    /// The facts of `files` (nil: this run's), in order, each with what `render` made of the
    /// account's full facts on the core that checked it.
    ///   - chunk: called with each chunk's results, in order, as soon as they are drawn: a report
    ///     printed account by account prints them there and lets what it printed go.
    package func facts<R: Sendable>(
        of files: [Workspace.AccountFile]? = nil, keep: Keep, render: (@Sendable (AccountFacts) -> R)?,
        chunk: ((inout [(facts: AccountFacts, rendered: R?)]) -> Void)? = nil
    ) -> [(facts: AccountFacts, rendered: R?)] {
        let files = files ?? self.files
        let checklist = workspace.checklist, staleAfter = workspace.config.staleAfter, asOf = asOf
        var history = history ?? [:]
        var waiting = pending
        var all: [(facts: AccountFacts, rendered: R?)] = []
        all.reserveCapacity(files.count)
        var start = 0
        while start < files.count {
            let files = Array(files[start..<min(files.count, start + Self.chunkSize)])
            @Sendable func draw(_ report: AccountReport, _ history: [String: AccountHistoryFacts]) -> (AccountFacts, R?)
            {
                let facts = AccountFacts(
                    report, checklist: checklist, staleAfter: staleAfter, asOf: asOf, history: history[report.path])
                return (keep == .text ? facts : Self.slimmed(facts), render?(facts))
            }
            var drawn: [(facts: AccountFacts, rendered: R?)]
            if let reading = waiting {
                // The first chunk is checked while the history is read; its facts wait for it.
                let reports = Batch.check(files, context: context, findings: .errors) { $0 }
                history = reading.wait().history ?? [:]
                waiting = nil
                drawn = Batch.map(reports.count) { [history] i in draw(reports[i], history) }.map { ($0.0, $0.1) }
            } else {
                drawn = Batch.check(files, context: context, findings: .errors) { [history] in draw($0, history) }.map {
                    ($0.0, $0.1)
                }
            }
            chunk?(&drawn)
            all += drawn
            start += Self.chunkSize
        }
        return all
    }

    /// Reads the history of `files` (nil: this run's) from git once, and what it says of each
    /// account (`HistorySignals`), for the facts drawn after it. Outside git, nothing is read and
    /// nothing said. Never fails: what the reader should know (a shallow clone, a version too
    /// large, git failing) is returned, one sentence each, and the report goes on without the
    /// history when it could not be read.
    ///   - allAccounts: whether the run covers every account (no paths given).
    /// - Parameter events: the events the report shows (a summary's movement), besides those the
    ///   history's flags read.
    package mutating func readHistory(
        of files: [Workspace.AccountFile]? = nil, allAccounts: Bool, events: HistorySignals.EventWindow = .all
    ) -> [String] {
        let loaded: History
        do {
            loaded = try HistoryEngine.load(
                workspace: workspace, files: files ?? self.files, allAccounts: allAccounts, asOf: asOf)
        } catch is HistoryEngine.NotInGit {
            return []
        } catch {
            return ["the history in git could not be read (\(Self.describe(error))): the report goes on without it"]
        }
        history = HistorySignals.assess(
            loaded, checklist: workspace.checklist, config: workspace.config, asOf: asOf, events: events)
        return loaded.notices
    }

    /// Starts reading the history (as `readHistory` does) on a thread of its own: the notes are
    /// checked meanwhile, and `facts` waits for it before it draws the first account's facts.
    package mutating func startReadingHistory(
        of files: [Workspace.AccountFile]? = nil, allAccounts: Bool, events: HistorySignals.EventWindow = .all
    ) {
        let pipeline = self
        pending = PendingHistory {
            var reader = pipeline
            let notices = reader.readHistory(of: files, allAccounts: allAccounts, events: events)
            return (reader.history, notices)
        }
    }

    /// What the history started by `startReadingHistory` said (it is waited for if need be): its
    /// facts are kept for later `facts` calls, and the notices returned.
    package mutating func finishReadingHistory() -> [String] {
        guard let pending else { return [] }
        let (history, notices) = pending.wait()
        self.history = history
        self.pending = nil
        return notices
    }

    /// Why git failed, in one line.
    private static func describe(_ error: Error) -> String {
        let text: String
        switch error {
        case let failure as Git.Failure:
            text = failure.stderr.isEmpty ? "git exited with \(failure.status)" : failure.stderr
        case let tool as ToolError: text = tool.message
        default: text = "\(error)"
        }
        return text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
    }

    /// The facts of `files` (nil: this run's), without the notes' text.
    package func facts(of files: [Workspace.AccountFile]? = nil) -> [AccountFacts] {
        facts(of: files, keep: .facts, render: nil as (@Sendable (AccountFacts) -> Never)?).map(\.facts)
    }

    /// The same facts without the account's text and parse tree, for reports that only need the
    /// facts.
    package static func slimmed(_ facts: AccountFacts) -> AccountFacts {
        var copy = facts
        copy.report.source = SourceFile(path: facts.report.path, bytes: [])
        copy.report.fields.root = nil
        copy.report.fields.valid = [:]
        copy.report.fields.keyRanges = [:]
        copy.report.fields.misspelled = [:]
        copy.report.diagnostics = []
        // The sections were read into the facts (statuses, assumptions); of the log, the newest
        // dated entry stays (what was agreed last time, for the agenda).
        copy.report.body.sections = []
        copy.report.body.log = AgendaDocument.Agreed.newest(in: facts.report.body.log).map { [$0.entry] } ?? []
        // What the reports read after loading: the questions due at the next stage (missing --next),
        // the attendees of the next meeting (agenda); the rest is in the facts already.
        let nextStage = facts.stage?.next
        copy.report.results = facts.report.results.compactMap { result in
            guard result.status == .upcoming, let nextStage, result.question.isDue(at: nextStage) else { return nil }
            var kept = result
            kept.gaps = []
            kept.assumptions = []
            kept.nearMiss = nil
            return kept
        }
        let fields = facts.report.fields
        let attendees = Set(fields.nextMeetingWith.map(\.value))
        copy.report.fields.contacts =
            attendees.isEmpty ? [] : fields.contacts.filter { attendees.contains($0.name.value) }
        copy.report.fields.competitors = []
        return copy
    }
}

/// A history read on a thread of its own, and its result once it is there.
private final class PendingHistory: @unchecked Sendable {
    typealias Result = (history: [String: AccountHistoryFacts]?, notices: [String])
    private let done = DispatchSemaphore(value: 0)
    private var result: Result = (nil, [])

    init(_ read: @escaping @Sendable () -> Result) {
        let thread = Thread { [self] in
            result = read()
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The result, waiting for it the first time (then at once).
    func wait() -> Result {
        done.wait()
        done.signal()
        return result
    }
}
