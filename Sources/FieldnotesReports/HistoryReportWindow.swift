import FieldnotesCore
import FieldnotesHistory
import FieldnotesSupport
import Foundation

/// The part of the history a report shows (`--since`): the events on or after a day, or those of
/// the commits after a revision (and the work tree's). One home for `history` and `changes`.
package struct HistoryWindow: Sendable {
    /// Where the window starts, as the command line says it.
    package enum Since: Sendable, Equatable {
        /// 7 days before the --as-of date (or today).
        case lastWeek
        /// This day and after.
        case date(Day)
        /// After a git revision (a commit, a tag, HEAD~3): the commits it does not contain.
        case revision(String)
    }

    /// A `--since` that is neither a date nor a commit of the repository.
    package struct UnknownRevision: Error, Sendable {
        package var text: String
        package var help: String
    }

    /// How reports name where the window starts ("2026-11-13 (7 days before 2026-11-20)", "HEAD~3").
    package var named: String
    /// The last commit before the window, when there is one: the events shown came after it.
    package var commit: String?
    /// The first day shown (a date window).
    var from: Day?
    /// The commits shown (a revision window): those of the first-parent history not in the revision.
    var commits: Set<String>?

    /// The whole history.
    package static let all = HistoryWindow(named: "the first commit")

    /// Whether the window shows `event`: the work tree's (no commit, or no date) always.
    package func contains(_ event: HistoryEvent) -> Bool {
        contains(commit: event.commit, day: event.date)
    }

    func contains(commit: String?, day: Day?) -> Bool {
        if let commits { return commit.map { commits.contains($0) } ?? true }
        if let from { return day.map { $0 >= from } ?? true }
        return true
    }

    /// The events of `timeline` the window shows, oldest first: only the versions in it (and the
    /// one before, their starting point) are compared.
    package func events(_ timeline: AccountTimeline, in history: History, checklist: Checklist) -> [HistoryEvent] {
        guard let first = timeline.versions.firstIndex(where: { contains(commit: $0.commit, day: $0.day) }) else {
            return []
        }
        return TimelineEvents.events(timeline, in: history, checklist: checklist, fromVersion: first).filter(contains)
    }

    /// The window `since` stands for in the repository of `git` (a revision is resolved there).
    /// `.lastWeek` without `asOf` is the whole history.
    package static func resolve(_ since: Since, asOf: Day?, git: Git) throws -> HistoryWindow {
        switch since {
        case .revision(let text):
            guard let sha = git.commit(text) else {
                let hasCommits = git.commit("HEAD") != nil
                throw UnknownRevision(
                    text: text,
                    help: hasCommits
                        ? "write a date such as \(asOf.map { "\($0.adding(days: -7))" } ?? "YYYY-MM-DD"), "
                            + "or a revision such as HEAD~3 or a tag"
                        : "the repository has no commits yet")
            }
            // The first-parent commits of HEAD that `sha` does not contain (all its parents count).
            let listed = try git.string(["rev-list", "--first-parent", "HEAD", "^" + sha])
            let commits = Set(listed.split(separator: "\n").map(String.init))
            return HistoryWindow(named: text, commit: sha, commits: commits)
        case .date(let day):
            return HistoryWindow(named: "\(day)", commit: git.lastCommit(before: day), from: day)
        case .lastWeek:
            guard let asOf else { return .all }
            let day = asOf.adding(days: -7)
            return HistoryWindow(
                named: "\(day) (7 days before \(asOf))", commit: git.lastCommit(before: day), from: day)
        }
    }
}

extension HistoryWindow {
    /// The history of `files` read from git, with the window `since` stands for; outside git, an
    /// error that says `command` needs it (before any work).
    package static func load(
        command: String, since: Since?, workspace: Workspace, files: [Workspace.AccountFile], allAccounts: Bool,
        asOf: Day?, cwd: URL
    ) throws -> (History, HistoryWindow) {
        let git = Git(directory: workspace.root)
        let notInGit = ToolError(
            "'fieldnotes \(command)' reads the history of the notes, and '\(shown(workspace.root, cwd))' "
                + "is not in a git repository",
            help: "keep the notes in git: 'git init', then commit them")
        // A window is resolved in git first; without one, the engine says it is not in git.
        guard since == nil || git.topLevel() != nil else { throw notInGit }
        let window = try since.map { try resolve($0, asOf: asOf, git: git) } ?? .all
        do {
            let history = try HistoryEngine.load(
                workspace: workspace, files: files, allAccounts: allAccounts, asOf: asOf)
            return (history, window)
        } catch is HistoryEngine.NotInGit {
            throw notInGit
        }
    }

    private static func shown(_ root: URL, _ cwd: URL) -> String {
        let shown = Workspace.relative(root, to: cwd)
        return shown.isEmpty ? "." : shown
    }
}
