import FieldnotesCore
import FieldnotesSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// JSON-RPC framing of the Language Server Protocol: `Content-Length: N\r\n\r\n` then N bytes.
public struct MessageFramer {
    /// Larger messages are refused (the connection cannot be trusted after that).
    public static let maxContentLength = 64 * 1024 * 1024
    public static let maxHeaderLength = 8 * 1024

    public enum Frame: Equatable {
        case message([UInt8])
        /// The stream cannot be read any further (a header that makes no sense).
        case broken(String)
    }

    private var buffer: [UInt8] = []
    private var start = 0

    public init() {}

    public mutating func append(_ bytes: some Collection<UInt8>) { buffer += bytes }

    /// The next complete frame in what was appended, or nil until more bytes arrive.
    public mutating func next() -> Frame? {
        // The header ends at the first empty line.
        guard let headerEnd = findHeaderEnd() else {
            if buffer.count - start > Self.maxHeaderLength {
                return .broken("header longer than \(Self.maxHeaderLength) bytes")
            }
            return nil
        }
        let header = String(decoding: buffer[start..<headerEnd], as: UTF8.self)
        var length: Int?
        for line in header.split(separator: "\r\n", omittingEmptySubsequences: true) {
            guard let colon = line.firstIndex(of: ":") else {
                return .broken("malformed header line '\(line.prefix(80))'")
            }
            let name = line[..<colon].lowercased().trimmingSpaces()
            let value = line[line.index(after: colon)...].trimmingSpaces()
            if name == "content-length" {
                guard let n = Int(value), n >= 0 else { return .broken("invalid Content-Length '\(value.prefix(40))'") }
                length = n
            }
        }
        guard let length else { return .broken("message without a Content-Length header") }
        if length > Self.maxContentLength {
            return .broken("message of \(length) bytes is larger than \(Self.maxContentLength)")
        }
        let bodyStart = headerEnd + 4
        guard buffer.count - bodyStart >= length else { return nil }
        let body = Array(buffer[bodyStart..<bodyStart + length])
        start = bodyStart + length
        if start > 1 << 20 || start == buffer.count {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        return .message(body)
    }

    private func findHeaderEnd() -> Int? {
        var i = start
        while i + 3 < buffer.count {
            if buffer[i] == 0x0D && buffer[i + 1] == 0x0A && buffer[i + 2] == 0x0D && buffer[i + 3] == 0x0A { return i }
            i += 1
        }
        return nil
    }

    public static func frame(_ json: String) -> [UInt8] {
        let body = Array(json.utf8)
        return Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }
}

/// The server's connection to its editor over two file descriptors, without threads: `poll`
/// waits for input or for the next debounce deadline.
public enum LSPConnection {
    public static func run(input: Int32, output: Int32, server: LanguageServer) -> Int32 {
        signal(SIGPIPE, SIG_IGN)  // a vanished editor makes write fail, not the process die
        var framer = MessageFramer()
        var chunk = [UInt8](repeating: 0, count: 65536)
        server.send = { message in
            if !FileSystem.writeAll(output, MessageFramer.frame(JSONWriter.compact(message))) {
                server.clientGone = true
            }
        }
        while true {
            if let code = server.exitCode { return code }
            if server.clientGone { return 1 }
            // Wait for input, or until the next document is due to be checked.
            var timeout: Int32 = -1
            if let deadline = server.nextDeadline() {
                timeout = Int32(max(0, min(60_000, (deadline - LanguageServer.now()) * 1000)))
            }
            var fds = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
            let ready = poll(&fds, 1, timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                return 1
            }
            if ready == 0 {
                server.flush(now: LanguageServer.now())
                continue
            }
            let n = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return 1
            }
            if n == 0 {
                // The editor closed the pipe: exit as if it had sent 'exit'.
                return server.shutdownRequested ? 0 : 1
            }
            framer.append(chunk[0..<n])
            while let frame = framer.next() {
                switch frame {
                case .message(let body):
                    server.receive(body)
                case .broken(let why):
                    server.logError("fieldnotes lsp: cannot read the stream from the editor: \(why)")
                    return 1
                }
                if server.exitCode != nil || server.clientGone { break }
            }
            server.flush(now: LanguageServer.now())
        }
    }
}
