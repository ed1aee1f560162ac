import FieldnotesCore
import FieldnotesSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard input, read as a note is (`check --stdin-filename PATH -`).
enum StandardInput {
    /// Standard input's bytes, at most `limit` kept; the size counts what was there beyond it
    /// (read and dropped, up to a gigabyte), so a note too large is refused like a file.
    static func readAll(limit: Int) -> (bytes: [UInt8], size: Int)? {
        var kept: [UInt8] = []
        var size = 0
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while size <= 1 << 30 {
            let n = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { break }
            if kept.count < limit { kept.append(contentsOf: buffer[0..<min(n, limit - kept.count)]) }
            size += n
        }
        return (kept, size)
    }

    /// The note on standard input, as the file `displayPath` would be read.
    static func outcome(_ input: (bytes: [UInt8], size: Int)?, displayPath: String) -> FileReader.Outcome {
        guard let input else {
            return FileReader.Refusal("cannot read standard input").outcome(displayPath: displayPath)
        }
        if input.size > FileReader.maxSize {
            return FileReader.Refusal.tooLarge(input.size).outcome(displayPath: displayPath)
        }
        return FileReader.decode(input.bytes, displayPath: displayPath)
    }
}
