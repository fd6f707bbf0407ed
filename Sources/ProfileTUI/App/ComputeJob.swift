import Foundation
import ProfileModel

/// One computation on a background queue, cancellable; the input loop polls or waits for it.
final class ComputeJob<Output: Sendable>: @unchecked Sendable {
  let cancelToken = CancelToken()
  private let lock = NSLock()
  private let done = DispatchSemaphore(value: 0)
  private var outcome: Result<Output, Error>?

  /// Starts `work` on a global queue; `synchronous` runs it here, now (tests, the first screen).
  init(synchronous: Bool = false, _ work: @escaping @Sendable (CancelToken) throws -> Output) {
    let token = cancelToken
    if synchronous {
      finish(Result { try work(token) })
      return
    }
    DispatchQueue.global(qos: .userInitiated).async { [self] in
      finish(Result { try work(token) })
    }
  }

  private func finish(_ result: Result<Output, Error>) {
    lock.lock()
    outcome = result
    lock.unlock()
    done.signal()
  }

  /// Asks the work to stop; its outcome, if it still arrives, is ignored by the caller.
  func cancel() { cancelToken.cancel() }

  /// Waits up to `milliseconds` (`nil`: until done) and returns the outcome if it is ready.
  func wait(milliseconds: Int?) -> Result<Output, Error>? {
    if let milliseconds {
      if done.wait(timeout: .now() + .milliseconds(milliseconds)) == .timedOut { return nil }
    } else {
      done.wait()
    }
    done.signal()
    lock.lock()
    defer { lock.unlock() }
    return outcome
  }
}
