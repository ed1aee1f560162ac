import FieldnotesSupport
import Foundation

/// Checks many files, on every core, keeping the input order.
public enum Batch {
    public static func check(_ files: [Workspace.AccountFile], context: CheckContext) -> [AccountReport] {
        check(files, context: context) { $0 }
    }

    /// Checks `files`, each report turned by `then` into what the caller keeps, on the same core
    /// (rendering is as much work as checking); results in input order.
    /// - Parameter findings: the findings each check makes (`Checker.Findings`).
    public static func check<T>(
        _ files: [Workspace.AccountFile], context: CheckContext, findings: Checker.Findings = .all,
        then: @Sendable (AccountReport) -> T
    ) -> [T] {
        map(files.count) { i in
            let file = files[i]
            return then(Checker.check(FileReader.read(file), path: file.path, context: context, findings: findings))
        }
    }

    /// `transform` over 0..<count on every core; results in index order.
    public static func map<T>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        let results = ResultBox<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            results.set(i, transform(i))
        }
        return results.values
    }

    private final class ResultBox<T>: @unchecked Sendable {
        private var storage: [T?]
        private let lock = NSLock()
        init(count: Int) { storage = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ value: T) {
            lock.lock()
            storage[i] = value
            lock.unlock()
        }
        var values: [T] { storage.map { $0! } }
    }
}
