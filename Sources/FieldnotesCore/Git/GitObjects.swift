import FieldnotesSupport
import Foundation

extension Git {
    /// Reads the blobs `ids` (object ids), each at most `maxSize` bytes, and hands them to `body`
    /// in chunks of `chunk` contents or `chunkBytes` bytes (one larger content comes alone), in
    /// the order asked: sizes first (`git cat-file --batch-check`), then
    /// the contents in one `git cat-file --batch` run, on a thread of its own, so that git reads
    /// the next chunk while `body` works on this one, and reads the versions of one file one
    /// after the other (its delta bases stay in git's cache). At most two chunks wait: memory
    /// stays that of a few chunks however long the history.
    package func streamBlobs(
        _ ids: [String], maxSize: Int, chunk: Int, chunkBytes: Int, _ body: ([(id: String, blob: Blob)]) throws -> Void
    ) throws {
        guard !ids.isEmpty else { return }
        var answered: [(id: String, blob: Blob)] = []
        var wanted: [String] = []
        for (id, checked) in zip(ids, try check(ids, maxSize: maxSize)) {
            switch checked {
            case .done(let blob): answered.append((id, blob))
            case .read(let sha): wanted.append(sha)
            }
        }
        if !answered.isEmpty { try body(answered) }
        try streamContents(wanted, chunk: chunk, chunkBytes: chunkBytes, body)
    }

    /// The contents of the blobs `ids` (object ids), in one `git cat-file --batch` run on a
    /// thread of its own, handed to `body` in chunks as they come (at most two wait).
    package func streamContents(
        _ wanted: [String], chunk: Int, chunkBytes: Int, _ body: ([(id: String, blob: Blob)]) throws -> Void
    ) throws {
        guard !wanted.isEmpty else { return }
        let request = Data(wanted.map { $0 + "\n" }.joined().utf8)
        let queue = ChunkQueue()
        let git = self
        let producer = Thread {
            var parser = BatchParser(chunk: chunk, chunkBytes: chunkBytes) { queue.put($0) }
            do {
                // --buffer: git writes its answers in blocks, not one write per object.
                try git.run(["cat-file", "--batch", "--buffer"], input: request) { parser.feed($0) }
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
/// `<name> missing\n`.
private struct BatchParser {
    let chunk: Int
    let chunkBytes: Int
    let emit: ([(id: String, blob: Git.Blob)]) -> Void
    var buffer: [UInt8] = []
    var start = 0
    var pending: [(id: String, blob: Git.Blob)] = []
    var pendingBytes = 0
    /// The object whose content is being read, and its size.
    var current: (id: String, size: Int)?

    init(chunk: Int, chunkBytes: Int, emit: @escaping ([(id: String, blob: Git.Blob)]) -> Void) {
        self.chunk = chunk
        self.chunkBytes = chunkBytes
        self.emit = emit
    }

    mutating func feed(_ bytes: ArraySlice<UInt8>) {
        buffer.append(contentsOf: bytes)
        while true {
            if let (id, size) = current {
                guard buffer.count - start >= size + 1 else { break }
                pending.append((id, .content(Data(buffer[start..<(start + size)]))))
                pendingBytes += size
                start += size + 1
                current = nil
                if pending.count >= chunk || pendingBytes >= chunkBytes {
                    emit(pending)
                    pending = []
                    pendingBytes = 0
                }
            } else {
                guard let newline = buffer[start...].firstIndex(of: 0x0A) else { break }
                let fields = String(decoding: buffer[start..<newline], as: UTF8.self).split(separator: " ")
                start = newline + 1
                if fields.count == 3, let size = Int(fields[2]), size >= 0 {
                    current = (String(fields[0]), size)
                } else if let name = fields.first {
                    pending.append((String(name), .missing))
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
        if !pending.isEmpty { emit(pending) }
        pending = []
    }
}
