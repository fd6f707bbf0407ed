import Foundation
import Testing

@testable import ProfileModel
@testable import ProfileTUI

@Suite struct ComputeTests {
  /// (shared, Callgraph, Exclusive, every other tab together) computations started so far.
  static func counts(_ h: Harness) -> [Int] {
    let slots = h.app.slots.map(\.computations)
    return [h.app.sharedComputations, slots[0], slots[1], slots.dropFirst(2).reduce(0, +)]
  }

  @Test func onlyTheVisibleTabComputesAndATabChangeSkipsTheSharedQuery() throws {
    let h = try Harness()
    #expect(Self.counts(h) == [1, 1, 0, 0])  // the first screen: the Callgraph only
    h.press("2")
    #expect(Self.counts(h) == [1, 1, 1, 0])
    // A sort in Exclusive: its own figures only, no shared query, no call graph.
    h.press(">")
    #expect(Self.counts(h) == [1, 1, 2, 0])
    h.press("I", "C")
    #expect(Self.counts(h) == [1, 1, 4, 0])
    // A filter change: the shared query and the visible tab; the hidden Callgraph waits.
    h.press("a")
    #expect(Self.counts(h) == [2, 1, 5, 0])
    h.press("1")
    #expect(Self.counts(h) == [2, 2, 5, 0])
    // Back to Exclusive with nothing changed: nothing to compute.
    h.press("2")
    #expect(Self.counts(h) == [2, 2, 5, 0])
  }

  @Test func aCancelledComputationStops() throws {
    let (_, profile, assignment) = Captures.viewer
    var filter = FilterState()
    filter.diffStart = .snapshot(1)  // a diff scans the allocation rows, polling the token
    let token = CancelToken()
    token.cancel()
    #expect(throws: CancellationError.self) {
      _ = try SharedFigures.compute(
        profile: profile, assignment: assignment, filter: filter, previous: nil, generation: 1, cancel: token)
    }
    let job = ComputeJob<Int> { token in
      while !token.isCancelled { usleep(100) }
      throw CancellationError()
    }
    #expect(job.wait(milliseconds: 20) == nil)
    job.cancel()
    let outcome = job.wait(milliseconds: nil)
    guard case .failure(let error) = outcome else {
      Issue.record("the job did not stop")
      return
    }
    #expect(error is CancellationError)
  }

  @Test func aNewerRequestCancelsTheRunningJob() throws {
    let h = try Harness()
    // Asynchronous: start a filter change, then ask for another before it is taken.
    h.app.perform(.toggleAllocationKind)
    #expect(h.app.startJobs(synchronous: false))
    let first = try #require(h.app.sharedJob?.job)
    h.app.perform(.toggleFilterMode)
    #expect(h.app.startJobs(synchronous: false))
    #expect(first.cancelToken.isCancelled)
    h.app.computeNow()
    #expect(h.app.shared?.filter == h.app.filter)
  }

  @Test func computingNamesWhatRuns() throws {
    let h = try Harness()
    h.app.perform(.toggleAllocationKind)
    h.app.startJobs(synchronous: false)
    #expect(h.app.runningWork == "filter")
    h.app.computeNow()
    h.press("2")
    _ = h.app.startJobs(synchronous: false)
    #expect(h.app.runningWork == nil)
    h.app.handle(.key(.character(">")))
    h.app.startJobs(synchronous: false)
    #expect(h.app.runningWork == "Exclusive")
    h.app.computeNow()
  }
}
