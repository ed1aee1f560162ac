import FieldnotesCore
import FieldnotesSupport

extension TimelineDigest.Deal {
    typealias Version = (day: Day?, snap: AccountSnapshot)

    /// What the flags read of `all` (every readable version), from the versions since the file
    /// was last added; nil when the account is gone or is no open deal (`AccountFields.openDealStage`:
    /// open, or won with opportunities still open).
    init?(_ all: [TimelineDigest.Step]) {
        let present = all.reversed().prefix { $0.snap != nil }.reversed()
        guard let now = present.last?.snap, let stage = now.stage else { return nil }
        guard !stage.isClosed || (stage == .closedWon && !now.openDeals.isEmpty) else { return nil }
        let steps: [Version] = present.map { ($0.day, $0.snap!) }
        let moves = Array(zip(steps.dropLast(), steps.dropFirst()))
        self.stage = stage
        dates = Self.dateRuns(steps, now: now)
        guard !stage.isClosed else { return }
        backMoves = moves.compactMap { a, b in
            guard let x = a.snap.stage, let y = b.snap.stage, !x.isClosed, !y.isClosed, y < x else { return nil }
            return TimelineDigest.BackMove(from: x, to: y, day: b.day)
        }
        keyContactsGone = Self.keyContactsGone(moves, now: now)
        lateDecisionMakers = Self.lateDecisionMakers(moves)
        if let step = now.nextStep {
            let same = steps.reversed().prefix { $0.snap.nextStep == step }
            if same.allSatisfy({ $0.snap.stage == now.stage }) { nextStepSince = same.last?.day }
        }
        var seen = Set<String>()
        for text in now.assumptions where seen.insert(text).inserted {
            let run = steps.reversed().prefix { $0.snap.assumptions.contains(text) }
            assumptions.append(TimelineDigest.Assumed(text: text, since: run.last?.day))
        }
    }

    /// The account's decision date while it is open, then each open opportunity's: the current
    /// run of each (`date` nil where the deal is closed or absent: the run starts after it), when
    /// the date now is its last.
    private static func dateRuns(_ steps: [Version], now: AccountSnapshot) -> [TimelineDigest.DateRun] {
        var runs: [TimelineDigest.DateRun] = []
        func run(_ label: String, _ date: (AccountSnapshot) -> Day??) {
            var written: [(day: Day?, date: Day)] = []
            for step in steps.reversed() {
                guard let d = date(step.snap) else { break }
                if let d { written.append((step.day, d)) }
            }
            written.reverse()
            guard let first = written.first?.date, let last = written.last?.date,
                date(now).flatMap({ $0 }) == last
            else { return }
            let pushed = zip(written, written.dropFirst()).filter { $1.date > $0.date }.map(\.1.day)
            runs.append(TimelineDigest.DateRun(label: label, first: first, last: last, pushedOn: pushed))
        }
        if now.stage?.isClosed == false {
            run("decision date") { $0.stage?.isClosed == true ? nil : .some($0.decisionDate) }
        }
        for deal in now.openDeals {
            run("\(deal.name) decision date") { s in s.openDeals.first { $0.name == deal.name }.map(\.decisionDate) }
        }
        return runs
    }

    /// For each key role nobody holds now: who held it and was removed or lost it (each person
    /// once, as they went last). A role someone with status: left still holds in the notes is
    /// key-contact-left's.
    private static func keyContactsGone(
        _ moves: [(Version, Version)], now: AccountSnapshot
    ) -> [TimelineDigest.Gone] {
        var out: [TimelineDigest.Gone] = []
        for role in ["economic_buyer", "champion", "decision_maker"] {
            guard !now.contacts.contains(where: { $0.roles.contains(role) }) else { continue }
            var gone: [TimelineDigest.Gone] = []
            for (a, b) in moves {
                for person in a.snap.contacts where person.roles.contains(role) {
                    let after = b.snap.contacts.first { $0.name == person.name }
                    guard after?.roles.contains(role) != true else { continue }
                    gone.removeAll { $0.name == person.name }
                    gone.append(.init(role: role, name: person.name, removed: after == nil, day: b.day))
                }
            }
            out += gone
        }
        return out
    }

    /// Someone who became economic buyer or decision maker at solution or later. Someone renamed
    /// (a contact with the same role and title gone in the same version: a spelling fixed) is no
    /// new decision maker.
    private static func lateDecisionMakers(_ moves: [(Version, Version)]) -> [TimelineDigest.Late] {
        var out: [TimelineDigest.Late] = []
        for (a, b) in moves {
            guard let stage = b.snap.stage, !stage.isClosed, stage >= .solution else { continue }
            let names = Set(b.snap.contacts.map(\.name))
            let removed = a.snap.contacts.filter { !names.contains($0.name) }
            for role in ["economic_buyer", "decision_maker"] {
                let before = Set(a.snap.active.filter { $0.roles.contains(role) }.map(\.name))
                for person in b.snap.active where person.roles.contains(role) && !before.contains(person.name) {
                    if !a.snap.contacts.contains(where: { $0.name == person.name }),
                        removed.contains(where: { $0.roles.contains(role) && $0.title == person.title })
                    {
                        continue
                    }
                    out.append(.init(name: person.name, role: role, stage: stage, day: b.day))
                }
            }
        }
        return out
    }
}

extension AccountSnapshot {
    /// The opportunities not closed (one without a stage goes by the account's), as
    /// `AccountFields.openDealStage` counts them.
    var openDeals: [Deal] { opportunities.filter { ($0.stage ?? stage)?.isClosed != true } }
}
