import Foundation
import Testing

@testable import FieldnotesCore
@testable import FieldnotesHistory
@testable import FieldnotesSupport

/// The history engine on real git repositories: versions, renames, merges, shallow clones, the cache.
@Suite struct HistoryEngineTests {
    static func load(_ repo: GitRepo, asOf: Day? = nil, useCache: Bool = true, sub: String = "") throws -> (
        Workspace, History
    ) {
        let root = sub.isEmpty ? repo.url : repo.url.appendingPathComponent(sub)
        let workspace = try Workspace.open(paths: [], cwd: root, configPath: nil)
        let files = try workspace.accountFiles(paths: [], cwd: root)
        let history = try HistoryEngine.load(
            workspace: workspace, files: files, allAccounts: true, asOf: asOf, useCache: useCache)
        return (workspace, history)
    }

    static func events(_ repo: GitRepo, _ path: String) throws -> [HistoryEvent] {
        let (workspace, history) = try load(repo)
        let timeline = try #require(history.timeline(path))
        return TimelineEvents.events(timeline, in: history, checklist: workspace.checklist)
    }

    @Test func binfordTimelineSaysEverySlip() throws {
        let repo = try HistoryFixtures.binford()
        let events = try Self.events(repo, "accounts/binford-tools.md")
        let pushes = events.filter { $0.kind == .decisionDatePushed && $0.field == "decision_date" }
        #expect(pushes.map(\.new) == ["2026-12-15", "2027-01-15", "2027-02-15"])
        #expect(events.contains { $0.kind == .stageBack && $0.old == "proposal" && $0.new == "solution" })
        #expect(events.contains { $0.kind == .downgraded && $0.field == "our_position" })
        #expect(events.contains { $0.kind == .downgraded && $0.field == "budget" })
        #expect(events.contains { $0.kind == .contactRemoved && $0.old == "Raj Patel" })
        #expect(events.contains { $0.kind == .contactAdded && $0.new == "Susan Ng" })
    }
}
