import ProfileModel

extension App {
  /// Whether the screen is behind what is asked for (and no failed attempt explains it).
  public var needsCompute: Bool {
    if shared?.filter != filter { return sharedFailure?.filter != filter }
    guard let shared else { return true }
    return slots[tabIndex].isStale(shared) && slots[tabIndex].failure(shared) == nil
  }

  /// Starts what the screen is behind on: the shared figures after a filter change, then the visible tab's figures.
  ///
  /// A newer request cancels an older job. Returns whether a job runs.
  ///
  /// - Parameter synchronous: run the work here, now (tests, the first screen).
  @discardableResult
  func startJobs(synchronous: Bool) -> Bool {
    let wanted = filter
    if shared?.filter != wanted {
      if sharedFailure?.filter == wanted {
        sharedJob?.job.cancel()
        sharedJob = nil
        return false
      }
      if sharedJob?.filter != wanted {
        sharedJob?.job.cancel()
        sharedComputations += 1
        let (profile, assignment, previous, next, base) = (profile, assignment, shared, generation + 1, base)
        let job = ComputeJob<SharedFigures>(synchronous: synchronous) { token in
          try SharedFigures.compute(
            profile: profile, assignment: assignment, filter: wanted, previous: previous, generation: next,
            base: base, cancel: token)
        }
        sharedJob = (wanted, job)
      }
      return true
    }
    sharedJob?.job.cancel()
    sharedJob = nil
    guard let shared else { return false }
    for index in slots.indices where index != tabIndex { slots[index].cancel() }
    return slots[tabIndex].refresh(shared, synchronous: synchronous)
  }

  /// Takes finished work: waits up to `milliseconds` (`nil`: until it is done) for the job in front.
  ///
  /// Returns whether something arrived.
  @discardableResult
  func pollJobs(milliseconds: Int?) -> Bool {
    if let (wanted, job) = sharedJob {
      guard let outcome = job.wait(milliseconds: milliseconds) else { return false }
      sharedJob = nil
      switch outcome {
      case .success(let figures):
        shared = figures
        generation = figures.generation
        sharedFailure = nil
      case .failure(let error):
        if !(error is CancellationError) { sharedFailure = (wanted, "\(error)") }
      }
      return true
    }
    guard let outcome = slots[tabIndex].poll(milliseconds: milliseconds, context: context(for: tabIndex)) else {
      return false
    }
    apply(outcome)
    return true
  }

  /// What is running, for the filter line: the shared filter or the visible tab.
  var runningWork: String? {
    if sharedJob != nil { return "filter" }
    return slots[tabIndex].isRunning ? TabRegistry.types[tabIndex].title : nil
  }

  /// Brings everything on screen up to date now, on this thread (tests, the first screen).
  public func computeNow() {
    while startJobs(synchronous: true) {
      pollJobs(milliseconds: nil)
    }
  }
}

extension App {
  /// Rows of the visible tab's list (benchmarks).
  public var tabRowCount: Int {
    tab.rowCount
  }

  /// The ids of the visible tab's key contexts, most specific first (benchmarks: which pane has
  /// the keys).
  public var tabKeyContextIDs: [String] {
    tab.keyContexts.map(\.id)
  }
}
