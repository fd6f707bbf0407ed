import Foundation
import Testing

@testable import mprof_tui

/// What the benchmarks measure of a child: its wall time, status and its own peak resident size
/// (not this process's, which a spawned child would inherit into its rusage).
@Suite struct MeasuredRunTests {
  @Test func aChildsPeakIsItsOwn() throws {
    // This process holds 96 MB, touched; a small program run from it must not report as much.
    let held = UnsafeMutableRawBufferPointer.allocate(byteCount: 96 << 20, alignment: 4096)
    defer { held.deallocate() }
    for page in stride(from: 0, to: held.count, by: 4096) { held[page] = 1 }
    let run = try MeasuredRun.run(["/bin/true"])
    #expect(run.status == 0 && run.seconds >= 0)
    #expect(run.peakBytes > 0 && run.peakBytes < 32 << 20, "\(run.peakBytes)")
    let failing = try MeasuredRun.run(["sh", "-c", "exit 3"])
    #expect(failing.status == 3)
    #expect(throws: (any Error).self) { try MeasuredRun.run(["no-such-program-here"]) }
  }
}
