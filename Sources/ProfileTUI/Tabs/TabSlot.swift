import ProfileModel

/// The request a tab's figures are for, tied to the shared figures they were computed from.
struct Stamp<Request: Equatable>: Equatable {
  var generation: Int
  var request: Request
}

/// The app's handle on one tab: the tab, what its figures are for, and its job in flight.
final class TabSlot<T: TabView> {
  let tab: T
  private var shown: Stamp<T.Request>?
  private var running: (stamp: Stamp<T.Request>, job: ComputeJob<T.Figures>)?
  /// A stamp whose computation failed, and why (not retried until the request changes).
  private var failed: (stamp: Stamp<T.Request>, message: String)?
  /// Computations started so far (tests check what a key recomputes).
  private(set) var computations = 0

  init(_ tab: T) { self.tab = tab }
}

/// What the app sees of a slot: no associated types, so slots sit in one array.
protocol AnyTabSlot: AnyObject {
  var view: any TabView { get }
  /// Whether the shown figures are behind the tab's request (or the shared figures).
  func isStale(_ shared: SharedFigures) -> Bool
  /// Starts (or restarts) a computation when the tab wants something other than what it shows
  /// or what runs; returns whether a job is running.
  func refresh(_ shared: SharedFigures, synchronous: Bool) -> Bool
  /// Hands finished figures to the tab; returns the tab's outcome when a job finished.
  func poll(milliseconds: Int?, context: TabContext) -> TabOutcome?
  var isRunning: Bool { get }
  /// Whether the tab has shown figures at all (keys for a tab with none wait for its first).
  var hasShownFigures: Bool { get }
  /// Computations started so far.
  var computations: Int { get }
  /// Why the figures for the current request failed, if they did.
  func failure(_ shared: SharedFigures) -> String?
  /// Cancels the running job.
  func cancel()
}

extension TabSlot: AnyTabSlot {
  var view: any TabView { tab }
  var isRunning: Bool { running != nil }
  var hasShownFigures: Bool { shown != nil }

  func isStale(_ shared: SharedFigures) -> Bool {
    shown != Stamp(generation: shared.generation, request: tab.request)
  }

  func refresh(_ shared: SharedFigures, synchronous: Bool) -> Bool {
    let stamp = Stamp(generation: shared.generation, request: tab.request)
    if stamp == shown || stamp == failed?.stamp {
      cancel()
      return false
    }
    if stamp == running?.stamp { return true }
    cancel()
    computations += 1
    let request = stamp.request
    let job = ComputeJob<T.Figures>(synchronous: synchronous) { token in
      try T.compute(request, shared: shared, cancel: token)
    }
    running = (stamp, job)
    return true
  }

  func poll(milliseconds: Int?, context: TabContext) -> TabOutcome? {
    guard let current = running, let outcome = current.job.wait(milliseconds: milliseconds) else { return nil }
    running = nil
    switch outcome {
    case .success(let figures):
      shown = current.stamp
      failed = nil
      return tab.accept(figures, for: current.stamp.request, context: context)
    case .failure(let error):
      if error is CancellationError { return .handled }
      failed = (current.stamp, "\(error)")
      return .handled
    }
  }

  func failure(_ shared: SharedFigures) -> String? {
    guard let failed, failed.stamp == Stamp(generation: shared.generation, request: tab.request) else { return nil }
    return failed.message
  }

  func cancel() {
    running?.job.cancel()
    running = nil
  }
}
