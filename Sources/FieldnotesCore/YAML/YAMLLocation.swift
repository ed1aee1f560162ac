import FieldnotesSupport

/// Where a byte offset falls in YAML: the path of keys and list items to it, the mapping around
/// it, and what is under it (a key, a value, a list item, or a key still being typed).
///
/// An editor asks this while a rep types, when the line under the cursor often does not parse
/// yet (`ou` on its own, `roles: [champion, `). `YAMLLocation.find` answers from the parsed tree
/// when the tree holds the line, and otherwise from the tree of the other lines, placing the
/// typed line by its indentation.
package struct YAMLLocation: Sendable, Equatable {
    package enum Step: Sendable, Equatable {
        case key(String)
        case item(Int)
    }

    package enum Place: Sendable, Equatable {
        /// On a key written with its ':'; the path ends with it.
        case key
        /// After `key:` (on the key's line, or inside a value of several lines); the path ends with the key.
        case value
        /// A key being typed (no ':' before the offset yet) in the mapping the path leads to.
        case newKey
        /// A list item, written or being typed after '- '; the path ends with its index.
        case item
    }

    /// From the root: the keys and list indices leading to the place.
    package var path: [Step]
    package var place: Place
    /// The keys of the mapping the key is in or is typed in, in source order.
    package var mappingKeys: [String]
    /// The key, for `.key` and `.value`.
    package var keyRange: SourceRange?
    /// Where the value or the item's text starts (its first byte after the spaces).
    package var valueStart: Int?
    /// Whether the offset is inside the brackets of a flow list (`[champion, |]`).
    package var inFlowList = false
    /// The items written in that flow list.
    package var listItems: [String] = []

    /// The key the place belongs to: the last key of the path (for an item, its list's key).
    package var key: String? {
        for step in path.reversed() { if case .key(let k) = step { return k } }
        return nil
    }
}

extension YAMLLocation {
    /// Where `offset` falls in lines `lines` of `file` (front matter), or nil when it is not on
    /// one of them. Tolerant: the line under the offset may be half typed or not parse, and so
    /// may other lines (a broken top-level entry is skipped, as the parser recovers there).
    package static func find(_ offset: Int, in file: SourceFile, lines: Range<Int>) -> YAMLLocation? {
        let line = file.lineIndex(of: offset)
        guard lines.contains(line) else { return nil }
        let tree = YAMLParser.parse(file, lines: lines).root
        if let tree, let found = TreeWalk(file: file, offset: offset, line: line).locate(in: tree, path: []) {
            return found
        }
        // The line is not in the tree: read it alone, and place it among the others by indentation.
        let typed = TypedLine(file: file, line: line, offset: offset)
        var others = tree
        if !typed.isBlank {
            var bytes = file.bytes
            for i in file.lineRange(line) { bytes[i] = 0x20 }
            others = YAMLParser.parse(SourceFile(path: file.path, bytes: bytes), lines: lines).root
        }
        let walk = IndentWalk(file: file, line: line, typed: typed)
        return typed.location(in: others.flatMap { walk.container(of: $0, path: []) } ?? .mapping([], keys: []))
    }
}

/// Whether a node is a block collection (a flow one starts with its bracket).
private func isBlockCollection(_ node: YAMLNode, _ file: SourceFile) -> Bool {
    guard node.mapping != nil || node.sequence != nil, node.range.start < file.bytes.count else { return false }
    let b = file.bytes[node.range.start]
    return b != UInt8(ascii: "[") && b != UInt8(ascii: "{")
}

/// Finds the offset in a tree that holds its line.
private struct TreeWalk {
    let file: SourceFile
    let offset: Int
    let line: Int

    func locate(in node: YAMLNode, path: [YAMLLocation.Step]) -> YAMLLocation? {
        if let pairs = node.mapping, isBlockCollection(node, file) {
            for pair in pairs {
                if let found = locate(pair, in: pairs, path: path) { return found }
            }
        } else if let items = node.sequence, isBlockCollection(node, file) {
            for (index, item) in items.enumerated() {
                let itemPath = path + [.item(index)]
                if isBlockCollection(item, file) {
                    if covers(item), let found = locate(in: item, path: itemPath) { return found }
                } else if file.lineIndex(of: item.range.start) == line {
                    return YAMLLocation(
                        path: itemPath, place: .item, mappingKeys: [], keyRange: nil,
                        valueStart: item.isNull ? afterSpaces(item.range.start) : item.range.start)
                }
            }
        }
        return nil
    }

    private func locate(_ pair: YAMLPair, in pairs: [YAMLPair], path: [YAMLLocation.Step]) -> YAMLLocation? {
        let value = pair.value
        let keyPath = path + [.key(pair.key)]
        if file.lineIndex(of: pair.keyRange.start) == line {
            if offset <= pair.keyRange.end {
                return YAMLLocation(
                    path: keyPath, place: .key, mappingKeys: pairs.map(\.key), keyRange: pair.keyRange)
            }
            return valueLocation(pair, path: keyPath, keys: pairs.map(\.key))
        }
        guard covers(value) else { return nil }
        if isBlockCollection(value, file) { return locate(in: value, path: keyPath) }
        // A plain scalar's next lines may well be a key being typed below its own (`outcome:` then
        // `  comp`): placed by indentation instead.
        if case .scalar(_, .plain) = value.value { return nil }
        // A value of several lines (a block scalar, a flow list, a folded plain scalar).
        return offset >= value.range.start && offset <= value.range.end
            ? valueLocation(pair, path: keyPath, keys: pairs.map(\.key)) : nil
    }

    private func valueLocation(_ pair: YAMLPair, path: [YAMLLocation.Step], keys: [String]) -> YAMLLocation {
        let value = pair.value
        let onKeyLine =
            !value.isNull && file.lineIndex(of: value.range.start) == file.lineIndex(of: pair.keyRange.start)
        var location = YAMLLocation(
            path: path, place: .value, mappingKeys: keys, keyRange: pair.keyRange,
            valueStart: onKeyLine ? value.range.start : afterSpaces(max(pair.keyRange.end, value.range.start)))
        if let items = value.sequence, !isBlockCollection(value, file), offset > value.range.start,
            offset < value.range.end || file.bytes[value.range.end - 1] != UInt8(ascii: "]")
        {
            location.inFlowList = true
            location.listItems = items.compactMap(\.scalar)
        }
        return location
    }

    /// Whether the node's lines include the offset's line.
    private func covers(_ node: YAMLNode) -> Bool {
        file.lineIndex(of: node.range.start) <= line
            && line <= file.lineIndex(of: max(node.range.start, node.range.end))
    }

    /// The first byte from `start` that is not a space or a ':', stopping at the offset.
    private func afterSpaces(_ start: Int) -> Int {
        var p = start
        while p < offset && (Bytes.isSpace(file.bytes[p]) || file.bytes[p] == UInt8(ascii: ":")) { p += 1 }
        return min(p, offset)
    }
}

/// The line under the offset, read on its own: `  - key: value`, up to the offset.
private struct TypedLine {
    var indent = 0
    var dash = false
    var isBlank = true
    var contentStart = 0
    var keyRange: SourceRange?
    var key: String?
    var valueStart: Int?
    var listItems: [String] = []
    var inFlowList = false

    init(file: SourceFile, line: Int, offset: Int) {
        let range = file.lineRange(line)
        let b = file.bytes
        var i = range.lowerBound
        // Spaces after the offset do not indent what is typed before it.
        while i < min(offset, range.upperBound) && b[i] == 0x20 { i += 1 }
        indent = i - range.lowerBound
        isBlank = !b[i..<range.upperBound].contains { !Bytes.isSpace($0) }
        if i < offset && b[i] == UInt8(ascii: "-") && (i + 1 == range.upperBound || Bytes.isSpace(b[i + 1])) {
            dash = true
            i += 1
            while i < offset && Bytes.isSpace(b[i]) { i += 1 }
        }
        contentStart = i
        guard let found = YAMLParser.simpleKey(in: file, line: line, at: i) else { return }
        keyRange = SourceRange(i, found.keyEnd)
        key = String(decoding: b[i..<found.keyEnd], as: UTF8.self)
        // Before its ':' the key is still being typed; after it, the value.
        guard found.colon < offset else { return }
        var v = found.colon + 1
        while v < offset && Bytes.isSpace(b[v]) { v += 1 }
        valueStart = v
        let value = b[v..<range.upperBound]
        inFlowList = b[v..<offset].contains(UInt8(ascii: "["))
        listItems = value.split(whereSeparator: { " \t[],".utf8.contains($0) }).map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    /// The location of this line in the mapping or list it belongs to.
    func location(in container: IndentWalk.Container) -> YAMLLocation {
        let (path, mappingKeys) = (container.path, container.keys)
        if let key {
            var location = YAMLLocation(
                path: path + [.key(key)], place: valueStart == nil ? .key : .value, mappingKeys: mappingKeys,
                keyRange: keyRange, valueStart: valueStart)
            location.inFlowList = inFlowList
            location.listItems = inFlowList ? listItems : []
            return location
        }
        let place: YAMLLocation.Place = container.isItem ? .item : .newKey
        return YAMLLocation(
            path: path, place: place, mappingKeys: place == .newKey ? mappingKeys : [], keyRange: nil,
            valueStart: contentStart)
    }
}

/// Places a line that is not in the tree by its indentation: the collection it would belong to.
private struct IndentWalk {
    /// A mapping the line is a key of, or a list the line is an item of (the path ends with its index).
    struct Container {
        var path: [YAMLLocation.Step]
        var keys: [String]
        var isItem: Bool

        static func mapping(_ path: [YAMLLocation.Step], keys: [String]) -> Container {
            Container(path: path, keys: keys, isItem: false)
        }

        static func item(_ path: [YAMLLocation.Step]) -> Container { Container(path: path, keys: [], isItem: true) }
    }

    let file: SourceFile
    let line: Int
    let typed: TypedLine

    /// The column the typed line's entry starts at: its dash, or its key.
    private var column: Int { typed.indent }

    private func column(of node: YAMLNode) -> Int {
        node.range.start - file.lineRange(file.lineIndex(of: node.range.start)).lowerBound
    }

    private func before(_ offset: Int) -> Bool { file.lineIndex(of: offset) < line }

    /// Where the typed line belongs inside `node`; nil when the line is left of it.
    func container(of node: YAMLNode, path: [YAMLLocation.Step]) -> Container? {
        guard isBlockCollection(node, file) else { return nil }
        let c = column(of: node)
        if column < c { return nil }
        if let items = node.sequence {
            let written = items.filter { before($0.range.start) }
            if column == c { return typed.dash ? .item(path + [.item(written.count)]) : nil }
            guard let last = written.last else { return nil }
            let itemPath = path + [.item(written.count - 1)]
            if let inner = container(of: last, path: itemPath) { return inner }
            return nested(in: last, path: itemPath)
        }
        let pairs = node.mapping ?? []
        let keys = pairs.map(\.key)
        let written = pairs.filter { before($0.keyRange.start) }
        guard let last = written.last else { return .mapping(path, keys: keys) }
        let keyPath = path + [.key(last.key)]
        if column == c {
            // "key:" then "- item" at the key's column: the list is the key's value.
            let isList = last.value.isNull || (last.value.sequence != nil && column(of: last.value) == c)
            if typed.dash && isList {
                return .item(keyPath + [.item(last.value.sequence?.filter { before($0.range.start) }.count ?? 0)])
            }
            return .mapping(path, keys: keys)
        }
        if before(last.value.range.start), let inner = container(of: last.value, path: keyPath) { return inner }
        return nested(in: last.value, path: keyPath)
    }

    /// The typed line indented below `node`, which has nothing (or nothing block) under it yet.
    private func nested(in node: YAMLNode, path: [YAMLLocation.Step]) -> Container {
        if typed.dash { return .item(path + [.item(node.sequence?.count ?? 0)]) }
        return .mapping(path, keys: node.mapping?.map(\.key) ?? [])
    }
}
