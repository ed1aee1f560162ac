import Foundation
import Testing

@testable import FieldnotesCore
@testable import FieldnotesHistory
@testable import FieldnotesSupport

/// Scripted, dated git histories of notes for the history engine and the reports built on it.
enum HistoryFixtures {
    /// Commits everything in `repo` as of `day` (author and committer dates alike).
    static func commit(_ repo: GitRepo, _ day: String, _ message: String) throws {
        repo.environment = ["GIT_AUTHOR_DATE": "\(day)T10:00:00Z", "GIT_COMMITTER_DATE": "\(day)T10:00:00Z"]
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "-m", message)
    }

    /// A small account without errors, with a body long enough for git to see it renamed after a small edit.
    static func account(_ name: String, stage: String = "discovery", decision: String = "2026-12-01") -> String {
        """
        ---
        account: \(name)
        owner: dana.reyes
        stage: \(stage)
        decision_date: \(decision)
        last_contact: 2026-08-30
        next_step: Agree the pilot plan with Jenny Park on 2026-09-15
        contacts:
          - name: Jenny Park
            title: Purchasing Manager
            roles: [decision_maker]
        ---
        # \(name)

        ## Notes

        \(name) makes industrial parts in three plants and sells them through distributors.
        The operations team wants fewer stock-outs; finance wants the inventory down by a fifth.
        They run an old planning tool on a server in the main plant, patched every quarter.
        Their buyer asked for a pilot in one plant before a decision on the other two.

        """
    }

    /// The day `text` ("YYYY-MM-DD") names.
    static func day(_ text: String) -> Day {
        guard case .success(let day) = Day.parse(text) else { fatalError("not a day: \(text)") }
        return day
    }

    /// Merges `branch` into the current branch as of `day`: `--no-ff` makes a merge commit,
    /// `--ff-only` moves the branch.
    static func merge(_ repo: GitRepo, _ day: String, _ branch: String, _ mode: String) throws {
        repo.environment = ["GIT_AUTHOR_DATE": "\(day)T10:00:00Z", "GIT_COMMITTER_DATE": "\(day)T10:00:00Z"]
        try repo.git("merge", "-q", mode, "-m", "merge \(branch)", branch)
    }

    /// A clone of `repo` (`git clone options… file://…`) in a folder removed with the returned repo.
    static func clone(_ repo: GitRepo, _ options: String...) throws -> GitRepo {
        let copy = try GitRepo([:])
        try FileManager.default.removeItem(at: copy.url.appendingPathComponent(".git"))
        let args = ["clone", "-q"] + options + ["file://" + repo.url.path, copy.url.path]
        let run = try runProgram("/usr/bin/env", ["git"] + args, in: repo.url)
        #expect(run.status == 0, "git clone failed: \(run.stderr)")
        return copy
    }

    /// Every account's events in `history`, by path.
    static func events(_ history: History, checklist: Checklist) -> [String: [HistoryEvent]] {
        var out: [String: [HistoryEvent]] = [:]
        for t in history.timelines { out[t.path] = TimelineEvents.events(t, in: history, checklist: checklist) }
        return out
    }

    /// Replaces the first line of `text` that starts with `prefix` (a top-level key such as
    /// "stage: ") by `line`; the text must have one.
    static func setLine(_ text: inout String, _ prefix: String, _ line: String) {
        var lines = text.components(separatedBy: "\n")
        let i = lines.firstIndex { $0.hasPrefix(prefix) }
        #expect(i != nil, "no line starting with '\(prefix)'")
        if let i { lines[i] = line }
        text = lines.joined(separator: "\n")
    }

    /// Removes the contact `name` (its whole entry) from the front matter.
    static func removeContact(_ text: inout String, _ name: String) {
        var lines = text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: "  - name: \(name)") else {
            Issue.record("no contact '\(name)'")
            return
        }
        var end = start + 1
        while end < lines.count, lines[end].hasPrefix("    ") { end += 1 }
        lines.removeSubrange(start..<end)
        text = lines.joined(separator: "\n")
    }

    /// Adds a contact entry after the line `contacts:`.
    static func addContact(_ text: inout String, _ entry: String) {
        text = text.replacingOccurrences(of: "\ncontacts:\n", with: "\ncontacts:\n" + entry)
    }

    /// The test history of the Binford Tools account (the template's, under accounts/), as a manager
    /// would dread it: from 2026-09-01 to 2026-11-20 its decision date is pushed three times
    /// (2026-11-15 → 2026-12-15 → 2027-01-15 → 2027-02-15: +92 days), the stage goes back from
    /// proposal to solution (2026-10-10), our position drops from preferred to contender
    /// (2026-11-05), the champion Raj Patel is removed and a CFO is added as economic buyer at
    /// solution (2026-11-10), and the budget drops from approved to planned with a new next step
    /// (2026-11-20). The other template accounts are committed on 2026-09-01 and never change.
    static func binford() throws -> GitRepo {
        let repo = try GitRepo([:])
        for name in [
            "fieldnotes.yml", "checklist.yml", "accounts/_template.md", "accounts/initech.md",
            "accounts/ridgeline-pumps.md",
        ] {
            try repo.write(name, try String(contentsOf: Project.template.appendingPathComponent(name), encoding: .utf8))
        }
        var b = try String(
            contentsOf: Project.template.appendingPathComponent("accounts/binford-tools.md"), encoding: .utf8)
        // One decision date: the account's (the opportunity's own is left out).
        b = b.replacingOccurrences(of: "    decision_date: 2027-01-15\n", with: "")
        setLine(&b, "stage: ", "stage: proposal")
        setLine(&b, "decision_date: ", "decision_date: 2026-11-15")
        setLine(&b, "our_position: ", "our_position: preferred")
        setLine(&b, "budget: ", "budget: approved")
        let path = "accounts/binford-tools.md"
        try repo.write(path, b)
        try commit(repo, "2026-09-01", "notes")
        setLine(&b, "decision_date: ", "decision_date: 2026-12-15")
        try repo.write(path, b)
        try commit(repo, "2026-09-20", "Binford: decision in December")
        setLine(&b, "stage: ", "stage: solution")
        try repo.write(path, b)
        try commit(repo, "2026-10-10", "Binford: back to solution")
        setLine(&b, "decision_date: ", "decision_date: 2027-01-15")
        try repo.write(path, b)
        try commit(repo, "2026-10-25", "Binford: decision in January")
        setLine(&b, "our_position: ", "our_position: contender")
        try repo.write(path, b)
        try commit(repo, "2026-11-05", "Binford: contender")
        removeContact(&b, "Raj Patel")
        addContact(
            &b,
            "  - name: Susan Ng\n    title: CFO\n    function: finance\n    roles: [economic_buyer]\n"
                + "    relationship: unknown\n    influence: high\n")
        try repo.write(path, b)
        try commit(repo, "2026-11-10", "Binford: Raj gone, the CFO decides")
        setLine(&b, "decision_date: ", "decision_date: 2027-02-15")
        setLine(&b, "budget: ", "budget: planned")
        setLine(&b, "next_step: ", "next_step: Meet Susan Ng with Tom to agree the business case together")
        try repo.write(path, b)
        try commit(repo, "2026-11-20", "Binford: February, budget planned")
        return repo
    }
}
