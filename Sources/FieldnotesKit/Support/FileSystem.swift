#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file-system calls the hot paths need, straight to POSIX: Foundation's
/// `attributesOfItem` costs a dozen system calls per file (and a user-name lookup).
enum FileSystem {
    enum Kind: Equatable { case regular, directory, symbolicLink, other }

    /// The kind of `path` itself (a link is a link), or nil when it does not exist.
    static func kindOfLink(_ path: String) -> Kind? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        return kind(st.st_mode)
    }

    /// The kind of what `path` leads to (links followed), or nil when nothing is there.
    static func kind(_ path: String) -> Kind? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return kind(st.st_mode)
    }

    private static func kind(_ mode: mode_t) -> Kind {
        switch mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    /// The entries of a folder (without `.` and `..`), each with its kind when the folder
    /// listing tells it (else nil: ask `kindOfLink`). Nil when the folder cannot be read.
    static func list(_ path: String) -> [(name: String, kind: Kind?)]? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        var out: [(String, Kind?)] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let kind: Kind?
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): kind = .regular
            case Int32(DT_DIR): kind = .directory
            case Int32(DT_LNK): kind = .symbolicLink
            case Int32(DT_UNKNOWN): kind = nil
            default: kind = .other
            }
            out.append((name, kind))
        }
        return out
    }

    enum ReadResult {
        case bytes([UInt8])
        case missing, folder, notRegular, tooLarge(Int), denied, failed(String)
    }

    /// Reads a regular file of at most `maxSize` bytes. Never blocks on a pipe or a device:
    /// the file is opened non-blocking and refused unless it is a regular file.
    static func read(_ path: String, maxSize: Int) -> ReadResult {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            switch errno {
            case ENOENT, ELOOP, ENOTDIR: return .missing
            case EACCES, EPERM: return .denied
            case EISDIR: return .folder
            default: return .failed(String(cString: strerror(errno)))
            }
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failed(String(cString: strerror(errno))) }
        switch st.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .folder
        default: return .notRegular
        }
        let size = Int(st.st_size)
        if size > maxSize { return .tooLarge(size) }
        // The size may change while reading: read until end of file, one byte past the limit at most.
        var buffer = [UInt8](repeating: 0, count: size + 1)
        var count = 0
        while true {
            if count == buffer.count {
                if buffer.count > maxSize { return .tooLarge(count) }
                buffer += [UInt8](repeating: 0, count: min(max(buffer.count, 4096), maxSize + 1 - buffer.count))
            }
            let n = buffer.withUnsafeMutableBytes { raw in
                systemRead(fd, raw.baseAddress! + count, raw.count - count)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return .failed(String(cString: strerror(errno)))
            }
            if n == 0 { break }
            count += n
        }
        if count > maxSize { return .tooLarge(count) }
        buffer.removeSubrange(count...)
        return .bytes(buffer)
    }

    /// Writes all of `bytes` to `fd`, again after an interruption; false when the other end is gone.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return false
            }
            offset += n
        }
        return true
    }
}

#if canImport(Glibc)
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { Glibc.read(fd, buffer, count) }
#elseif canImport(Darwin)
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { Darwin.read(fd, buffer, count) }
#endif
