import Foundation
import ProfileModel

/// One recomputation running on a background queue; the input loop polls or waits for it.
final class ComputeJob: @unchecked Sendable {
  let inputs: ViewInputs
  private let lock = NSLock()
  private let done = DispatchSemaphore(value: 0)
  private var outcome: Result<ViewData, Error>?

  init(profile: Profile, assignment: GroupAssignment, inputs: ViewInputs, previous: ViewData?) {
    self.inputs = inputs
    DispatchQueue.global(qos: .userInitiated).async { [self] in
      let result = Result {
        try ViewData.compute(profile: profile, assignment: assignment, inputs: inputs, previous: previous)
      }
      lock.lock()
      outcome = result
      lock.unlock()
      done.signal()
    }
  }

  /// Waits up to `milliseconds` (`nil`: until done) and returns the outcome if it is ready.
  func wait(milliseconds: Int?) -> Result<ViewData, Error>? {
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
