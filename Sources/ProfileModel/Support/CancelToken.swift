import Foundation

/// A flag a computation polls in its long loops: set from another thread when its result is
/// no longer wanted (a newer request replaced it).
public final class CancelToken: @unchecked Sendable {
  private let lock = NSLock()
  private var cancelled = false

  public init() {}

  /// A token that is never cancelled (batch commands, tests).
  public static let never = CancelToken()

  /// Asks the computation to stop.
  public func cancel() {
    lock.lock()
    cancelled = true
    lock.unlock()
  }

  /// Whether `cancel()` was called.
  public var isCancelled: Bool {
    lock.lock()
    defer { lock.unlock() }
    return cancelled
  }

  /// Throws `CancellationError` once cancelled.
  public func check() throws {
    if isCancelled { throw CancellationError() }
  }

  /// How many rows a loop handles between two checks (a few hundred microseconds of work).
  public static let stride = 1 << 16
}
