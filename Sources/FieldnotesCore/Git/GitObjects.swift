import FieldnotesSupport
import Foundation

extension Git {
    /// Reads the objects `ids` (object ids) as blobs of at most `maxSize` bytes, and hands them to
    /// `body` in chunks of `chunk` contents or `chunkBytes` bytes (one larger content comes alone;
    /// the first chunks are smaller, so that `body` starts while git is still warming up), in the
    /// order asked, from one `git cat-file --batch` run on a thread of its own, so that git
    /// reads the next chunk while `body` works on this one, and reads the versions of one file one
    /// after the other (its delta bases stay in git's cache). A content over `maxSize`, or an
    /// object that is not a blob, is passed over as it comes, never held; an id that is not one
    /// (empty, or with a line break) is missing without asking git. At most two chunks wait:
    /// memory stays that of a few chunks however long the history.
    package func streamBlobs(
        _ ids: [String], maxSize: Int, chunk: Int, chunkBytes: Int, _ body: ([(id: String, blob: Blob)]) throws -> Void
    ) throws {
        guard !ids.isEmpty else { return }
        let asked = ids.map { !$0.isEmpty && !$0.utf8.contains { $0 == 0x0A || $0 == 0x0D } }
        var lines: [UInt8] = []
        lines.reserveCapacity(ids.count * 41)
        for (id, ask) in zip(ids, asked) where ask {
            lines.append(contentsOf: id.utf8)
            lines.append(0x0A)
        }
        let request = lines
        let queue = ChunkQueue()
        let git = self
        let producer = Thread {
            var parser = BatchParser(ids: ids, asked: asked, maxSize: maxSize, chunk: chunk, chunkBytes: chunkBytes) {
                queue.put($0)
            }
            do {
                // --buffer: git writes its answers in blocks, not one write per object.
                if !request.isEmpty {
                    try git.run(["cat-file", "--batch", "--buffer"], input: Data(request)) { parser.feed($0) }
                }
                parser.finish()
                queue.finish(nil)
            } catch {
                queue.finish(error)
            }
        }
        producer.start()
        var failure: Error?
        while let next = queue.take() {
            do {
                if failure == nil { try body(next) }
            } catch {
                failure = error
                queue.cancel()
            }
        }
        if let failure { throw failure }
        if let error = queue.error { throw error }
    }
}

extension Git {
    /// A `git cat-file --batch` or `--batch-check` answer `<id> <type> <size>`: the id, type and
    /// size; nil for `<name> missing` (or `ambiguous`) and any other answer.
    static func objectHeader(_ line: ArraySlice<UInt8>) -> (id: String, type: String, size: Int)? {
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        func isHex(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20) >= 0x61 && (b | 0x20) <= 0x66 }
        let fields = line.split(separator: 0x20)
        guard fields.count == 3, !fields[0].isEmpty, fields[0].allSatisfy(isHex), (1..<19).contains(fields[2].count),
            fields[2].allSatisfy(isDigit)
        else { return nil }
        let size = fields[2].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        return (String(decoding: fields[0], as: UTF8.self), String(decoding: fields[1], as: UTF8.self), size)
    }
}

/// Chunks passed from the thread reading git to the one using them; at most two wait.
private final class ChunkQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [[(id: String, blob: Git.Blob)]] = []
    private var done = false
    private var cancelled = false
    private(set) var error: Error?

    func put(_ chunk: [(id: String, blob: Git.Blob)]) {
        condition.lock()
        while chunks.count >= 2 && !cancelled { condition.wait() }
        if !cancelled { chunks.append(chunk) }
        condition.signal()
        condition.unlock()
    }

    func finish(_ error: Error?) {
        condition.lock()
        self.error = error
        done = true
        condition.broadcast()
        condition.unlock()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        chunks = []
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk, or nil when git is done and every chunk was taken.
    func take() -> [(id: String, blob: Git.Blob)]? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !done { condition.wait() }
        guard !chunks.isEmpty else { return nil }
        let next = chunks.removeFirst()
        condition.broadcast()
        return next
    }
}

/// Reads `git cat-file --batch` output as it comes: `<id> <type> <size>\n<content>\n`, or
/// `<name> missing\n` (or `ambiguous`), one answer per id asked, in order: each answer is the
/// one of the next id asked (ids not asked are missing in their place).
private struct BatchParser {
    let ids: [String]
    let asked: [Bool]
    let maxSize: Int
    let chunk: Int
    let chunkBytes: Int
    /// The contents of the next chunk: a few at first, doubling up to `chunk`.
    var limit: Int
    let emit: ([(id: String, blob: Git.Blob)]) -> Void
    var buffer: [UInt8] = []
    var start = 0
    var pending: [(id: String, blob: Git.Blob)] = []
    var pendingBytes = 0
    /// The next id whose answer comes.
    var next = 0
    /// The content coming: its size, and whether it is held (else passed over, its answer given).
    var current: (size: Int, keep: Bool)?
    /// The bytes still to pass over (a content not held, with its closing line break).
    var skipping = 0

    init(
        ids: [String], asked: [Bool], maxSize: Int, chunk: Int, chunkBytes: Int,
        emit: @escaping ([(id: String, blob: Git.Blob)]) -> Void
    ) {
        self.ids = ids
        self.asked = asked
        self.maxSize = maxSize
        self.chunk = chunk
        self.chunkBytes = chunkBytes
        self.limit = min(chunk, 32)
        self.emit = emit
        skipUnasked()
    }

    private mutating func add(_ blob: Git.Blob, size: Int = 0) {
        pending.append((ids[next], blob))
        pendingBytes += size
        next += 1
        if pending.count >= limit || pendingBytes >= chunkBytes {
            emit(pending)
            pending = []
            pendingBytes = 0
            limit = min(chunk, 2 * limit)
        }
        skipUnasked()
    }

    /// Ids that were not asked are missing, in their place.
    private mutating func skipUnasked() {
        while next < ids.count && !asked[next] {
            pending.append((ids[next], .missing))
            next += 1
        }
    }

    mutating func feed(_ bytes: ArraySlice<UInt8>) {
        var bytes = bytes
        // A content passed over is never held.
        if skipping > 0 {
            let n = min(skipping, bytes.count)
            skipping -= n
            bytes = bytes.dropFirst(n)
        }
        buffer.append(contentsOf: bytes)
        while next < ids.count {
            if let (size, keep) = current {
                if keep {
                    guard buffer.count - start >= size + 1 else { break }
                    add(.content(Array(buffer[start..<(start + size)])), size: size)
                    start += size + 1
                } else {
                    // What is here now, and the rest as it comes.
                    let here = min(size + 1, buffer.count - start)
                    start += here
                    skipping = size + 1 - here
                }
                current = nil
            } else {
                guard let newline = buffer[start...].firstIndex(of: 0x0A) else { break }
                let header = buffer[start..<newline]
                start = newline + 1
                guard let answer = Git.objectHeader(header) else {
                    add(.missing)
                    continue
                }
                if answer.type != "blob" {
                    add(.notABlob(answer.type))
                    current = (answer.size, false)
                } else if answer.size > maxSize {
                    add(.tooLarge(answer.size))
                    current = (answer.size, false)
                } else {
                    current = (answer.size, true)
                }
            }
        }
        // Keep only what is not consumed (amortized: compact once half the buffer is read).
        if start > 0 && start * 2 >= buffer.count {
            buffer.removeSubrange(0..<start)
            start = 0
        }
    }

    mutating func finish() {
        // Ids git gave no answer for (it stopped early) are missing.
        while next < ids.count { add(.missing) }
        if !pending.isEmpty { emit(pending) }
        pending = []
    }
}
