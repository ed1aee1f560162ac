#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few file-system calls the hot paths need, straight to POSIX: Foundation's
/// `attributesOfItem` costs a dozen system calls per file (and a user-name lookup).
package enum FileSystem {
    package enum Kind: Equatable { case regular, directory, symbolicLink, other }

    /// The kind of `path` itself (a link is a link), or nil when it does not exist.
    package static func kindOfLink(_ path: String) -> Kind? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        return kind(st.st_mode)
    }

    /// The kind of what `path` leads to (links followed), or nil when nothing is there.
    package static func kind(_ path: String) -> Kind? {
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

    /// A folder entry: its name, whether the name is UTF-8, and its kind when the listing tells it.
    package struct Entry {
        /// The name; a name that is not UTF-8 shows each bad byte as `\xNN` (see `displayName`).
        package var name: String
        /// False when the name is not UTF-8: it cannot be opened by `name`.
        package var isUTF8: Bool
        /// The kind when the folder listing tells it (else nil: ask `kindOfLink`).
        package var kind: Kind?
    }

    /// A folder's entries, or why it cannot be read (an `errno` value).
    package enum Listing {
        case entries([Entry])
        case failed(Int32)
    }

    /// The entries of a folder (without `.` and `..`), or the error that stopped reading it.
    package static func listing(_ path: String) -> Listing {
        guard let dir = opendir(path) else { return .failed(errno) }
        defer { closedir(dir) }
        var out: [Entry] = []
        while true {
            errno = 0
            guard let entry = readdir(dir) else {
                if errno != 0 { return .failed(errno) }
                break
            }
            let (name, isUTF8) = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                displayName(raw.prefix { $0 != 0 })
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
            out.append(Entry(name: name, isUTF8: isUTF8, kind: kind))
        }
        return .entries(out)
    }

    /// The entries of a folder (without `.` and `..`), each with its kind when the folder
    /// listing tells it (else nil: ask `kindOfLink`). Nil when the folder cannot be read.
    package static func list(_ path: String) -> [(name: String, kind: Kind?)]? {
        guard case .entries(let entries) = listing(path) else { return nil }
        return entries.map { ($0.name, $0.kind) }
    }

    /// A path or name from the file system or git, as text for messages, and whether it is UTF-8.
    /// Paths are bytes: a name that is not UTF-8 is shown with each bad byte as `\xNN` (a
    /// backslash is shown as itself), so two different names never read the same by accident.
    package static func displayName<C: Collection>(_ bytes: C) -> (text: String, isUTF8: Bool)
    where C.Element == UInt8 {
        // Most names are ASCII: read in place, not copied first (a year of git log is tens of
        // thousands of them).
        let ascii = bytes.withContiguousStorageIfAvailable {
            Bytes.isASCII($0) ? String(decoding: $0, as: UTF8.self) : nil
        }
        if let text = ascii ?? nil { return (text, true) }
        let array = Array(bytes)
        guard var bad = Bytes.firstInvalidUTF8(array) else {
            return (String(decoding: array, as: UTF8.self), true)
        }
        var text = ""
        var start = 0
        while true {
            text += String(decoding: array[start..<bad], as: UTF8.self)
            let hex = String(array[bad], radix: 16, uppercase: true)
            text += "\\x" + (hex.count == 1 ? "0" : "") + hex
            start = bad + 1
            guard let next = Bytes.firstInvalidUTF8(Array(array[start...])) else { break }
            bad = start + next
        }
        text += String(decoding: array[start...], as: UTF8.self)
        return (text, false)
    }

    /// The path with every link and `.`/`..` resolved, or nil when it does not exist.
    package static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(decoding: UnsafeRawBufferPointer(start: resolved, count: strlen(resolved)), as: UTF8.self)
    }

    /// Whether `path` is `folder` or inside it (both real paths), comparing bytes.
    package static func isInside(_ path: String, _ folder: String) -> Bool {
        let p = Array(path.utf8), f = Array(folder.utf8)
        if p == f { return true }
        let base = f.last == UInt8(ascii: "/") ? f : f + [UInt8(ascii: "/")]
        return p.starts(with: base)
    }

    package enum ReadResult {
        case bytes([UInt8])
        case missing, folder, notRegular, tooLarge(Int), denied, failed(String)
    }

    /// Reads a regular file of at most `maxSize` bytes. Never blocks on a pipe or a device:
    /// the file is opened non-blocking and refused unless it is a regular file.
    package static func read(_ path: String, maxSize: Int) -> ReadResult {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            switch errno {
            case ENOENT, ELOOP, ENOTDIR: return .missing
            case EACCES, EPERM: return .denied
            case EISDIR: return .folder
            case ENXIO, EOPNOTSUPP: return .notRegular  // a socket, or a device without a driver
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
    package static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { writeAll(fd, $0) }
    }

    /// Writes all of `text` to `fd` as UTF-8, without copying it first (a report of 50k accounts
    /// is tens of megabytes); false when the other end is gone.
    package static func writeAll(_ fd: Int32, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { writeAll(fd, UnsafeRawBufferPointer($0)) }
    }

    /// `writeAll` of raw bytes.
    package static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
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
    private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        Glibc.read(fd, buffer, count)
    }
#elseif canImport(Darwin)
    private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        Darwin.read(fd, buffer, count)
    }
#endif
