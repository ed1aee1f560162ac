import FieldnotesCore
import FieldnotesSupport

/// The cache's binary form of a snapshot. Any change to it changes `SnapshotCache.format`.
extension AccountSnapshot {
    package func encode(into w: inout ByteWriter) {
        w.string(name)
        w.stage(stage)
        w.string(stageText)
        w.day(decisionDate)
        w.string(decisionDateText)
        w.string(nextStep)
        w.string(ourPosition)
        w.string(budget)
        w.string(pain)
        w.number(contacts.count)
        for c in contacts {
            w.string(c.name)
            w.string(c.title)
            w.number(c.roles.count)
            for r in c.roles { w.string(r) }
            w.flag(c.left)
        }
        w.number(opportunities.count)
        for o in opportunities {
            w.string(o.name)
            w.stage(o.stage)
            w.string(o.value)
            w.string(o.currency)
            w.day(o.decisionDate)
            w.string(o.nextStep)
        }
        w.number(competitors.count)
        for c in competitors {
            w.string(c.name)
            w.flag(c.incumbent)
        }
        for list in [answered, open, assumptions] {
            w.number(list.count)
            for s in list { w.string(s) }
        }
        w.number(lines.count)
        for l in lines { w.word(l) }
        w.number(sections.count)
        for s in sections {
            w.string(s.key)
            w.word(s.hash)
        }
        w.number(log.count)
        for e in log {
            w.day(e.date)
            w.string(e.title)
        }
        w.number(errors)
        w.string(firstError)
    }

    package init(from r: inout ByteReader) throws {
        self.init()
        name = try r.optionalString()
        stage = try r.stage()
        stageText = try r.optionalString()
        decisionDate = try r.day()
        decisionDateText = try r.optionalString()
        nextStep = try r.optionalString()
        ourPosition = try r.optionalString()
        budget = try r.optionalString()
        pain = try r.optionalString()
        for _ in 0..<(try r.count()) {
            let name = try r.string(), title = try r.optionalString()
            var roles: [String] = []
            for _ in 0..<(try r.count()) { roles.append(try r.string()) }
            contacts.append(Person(name: name, title: title, roles: roles, left: try r.flag()))
        }
        for _ in 0..<(try r.count()) {
            opportunities.append(
                Deal(
                    name: try r.string(), stage: try r.stage(), value: try r.optionalString(),
                    currency: try r.optionalString(), decisionDate: try r.day(),
                    nextStep: try r.optionalString()))
        }
        for _ in 0..<(try r.count()) { competitors.append(Rival(name: try r.string(), incumbent: try r.flag())) }
        var lists: [[String]] = []
        for _ in 0..<3 {
            var list: [String] = []
            for _ in 0..<(try r.count()) { list.append(try r.string()) }
            lists.append(list)
        }
        (answered, open, assumptions) = (lists[0], lists[1], lists[2])
        for _ in 0..<(try r.count()) { lines.append(try r.word()) }
        for _ in 0..<(try r.count()) { sections.append(SectionHash(key: try r.string(), hash: try r.word())) }
        for _ in 0..<(try r.count()) { log.append(Entry(date: try r.day(), title: try r.string())) }
        errors = try r.number()
        firstError = try r.optionalString()
        guard errors >= 0 else { throw ByteReader.Corrupt() }
    }
}
