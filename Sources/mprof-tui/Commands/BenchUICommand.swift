import ArgumentParser
import Foundation
import ProfileModel
import ProfileTUI

/// `mprof-tui bench-ui`: times the viewer's reactions on a big capture — a filter change
/// (recompute + render) and a cursor move (render) — with the same code the terminal runs,
/// drawing into the in-memory screen.
struct BenchUICommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench-ui", abstract: "Measure filter-change and cursor-move latency of the viewer.")

  @Option(help: "Capture to measure (default: a generated demo capture of --operations).") var file: String?
  @Option(help: "Operations of the generated capture.") var operations = 5_000_000
  @Option(help: "Callstacks per call chain of the generated capture (21 chains).") var variants = 2000
  @Option(help: "Folder for the generated capture.") var workDir = "bench-data"
  @Option(help: "Repetitions of each interaction; median and max are reported.") var runs = 7
  @Option(help: "Screen width.") var width = 120
  @Option(help: "Screen height.") var height = 40

  func validate() throws {
    guard runs >= 1 else { throw ValidationError("--runs must be 1 or more, found \(runs)") }
    guard operations >= 1 && variants >= 1 else {
      throw ValidationError("--operations and --variants must be 1 or more")
    }
    guard width >= 40 && height >= 10 else { throw ValidationError("the screen must be at least 40×10") }
  }

  func run() throws {
    try runReportingErrors {
      let capture = try file ?? BenchCapture.path(operations: operations, variants: variants, workDir: workDir)
      let groups = ClassGroupsLocator.builtIn()
      let loadStart = Date()
      let profile = try ProfileLoader.load(path: capture, options: groups.loadOptions)
      let assignment = try GroupAssignment(profile: profile, groups: groups)
      let loadTime = Date().timeIntervalSince(loadStart)
      let app = App(
        profile: profile, assignment: assignment, theme: Theme(depth: .xterm256, glyphs: .unicode),
        size: (width, height), clipboardPath: NSTemporaryDirectory() + "mprof-tui-bench.csv")
      let first = Date()
      app.computeNow()
      _ = app.frame()
      let firstScreen = Date().timeIntervalSince(first)

      var out = "capture: \(capture) (\(SizeFormat.count(Int64(profile.tokenCounts.tokenCount))) events, "
      out += "\(SizeFormat.count(Int64(profile.callstacks.count))) callstacks)\n"
      out += String(format: "load + group assignment: %.3f s; first screen: %.1f ms\n\n", loadTime, firstScreen * 1000)
      out += "interaction (key → data → frame)            median      max   target\n"

      func key(_ k: Key) {
        app.handle(.key(k))
        if app.needsCompute { app.computeNow() }
        _ = app.frame()
      }
      /// A key that flips a setting: measured, then pressed once more if needed so the next
      /// scenario starts from the same state.
      func toggle(_ label: String, _ k: Key) {
        measure(label, target: 100) { key(k) }
        if runs % 2 == 1 { key(k) }
      }
      /// Switching to a tab that a filter change (`a` on another tab) left behind.
      func switchAfterFilterChange(to digit: Character, from other: Character, target: Double) {
        measure(
          "\(digit)  switch to the tab after a filter change", target: target,
          setup: {
            key(.character(other))
            key(.character("a"))
          }
        ) { key(.character(digit)) }
      }
      func measure(_ label: String, target: Double, setup: () -> Void = {}, _ body: () -> Void) {
        var times: [Double] = []
        for _ in 0..<runs {
          setup()
          let start = DispatchTime.now().uptimeNanoseconds
          body()
          times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        times.sort()
        let median = times[times.count / 2]
        let worst = times[times.count - 1]
        out +=
          pad(label, 42)
          + String(
            format: "%8.1f ms %7.1f ms  ≤ %3.0f ms %@\n", median, worst, target, worst <= target ? "met" : "MISSED")
      }

      // Filter changes on the Callgraph: shared query + the visible tab's figures + render. At
      // End the per-callstack totals answer directly; with a diff start the allocation rows are
      // scanned, the expensive case.
      out += "Callgraph tab\n"
      toggle("a  active ↔ lifetime (at End)", .character("a"))
      let middle = max(profile.snapshots.count / 2, 1)
      key(.character("["))
      for _ in 0..<middle { key(.character("j")) }
      key(.enter)
      out += "(diff start: \(profile.label(app.filter.diffStart)))\n"
      toggle("a  active ↔ lifetime (diff)", .character("a"))
      toggle("o  filter in ↔ out", .character("o"))
      var step = 0
      /// `[` then Enter on the snapshot next to the current diff start (alternately below and above).
      func pickAnotherDiffStart() {
        measure(
          "[  diff start → another snapshot", target: 100,
          setup: {
            step += 1
            key(.character("["))
            key(.character(step % 2 == 0 ? "j" : "k"))
          }
        ) { key(.enter) }
      }
      pickAnotherDiffStart()
      key(.character("c"))
      for _ in 0..<3 { key(.character("j")) }  // past All and None, to a group
      toggle("c  check / uncheck a class group", .character(" "))
      key(.escape)
      measure(
        "\\  type a text-filter character", target: 100,
        setup: {
          key(.character("\\"))
          key(.control("u"))
          for c in "Textur" { key(.character(c)) }
        }
      ) { key(.character("e")) }
      key(.escape)
      measure(
        "\\  type a regex character", target: 100,
        setup: {
          key(.character("\\"))
          key(.control("u"))
          key(.control("r"))
          for c in "Serialize|Tic" { key(.character(c)) }
        }
      ) { key(.character("k")) }
      key(.escape)
      out += "  tab only (no shared recompute)\n"
      toggle("s  size ↔ count", .character("s"))
      toggle("i  invert the call graph", .character("i"))
      measure(
        "F  find all 'Serialize'", target: 100,
        setup: {
          key(.character("/"))
          key(.control("u"))
          for c in "Serialize" { key(.character(c)) }
          key(.enter)
        }
      ) {
        key(.character("F"))
        key(.enter)
      }
      key(.character("u"))
      switchAfterFilterChange(to: "1", from: "2", target: 100)

      out += "\nExclusive tab\n"
      key(.character("2"))
      toggle("a  active ↔ lifetime (diff)", .character("a"))
      toggle("o  filter in ↔ out", .character("o"))
      out += "  tab only (no shared recompute, no call graph)\n"
      toggle("s  size ↔ count", .character("s"))
      measure(">  sort by the next column", target: 100) { key(.character(">")) }
      toggle("C  containers shown / hidden", .character("C"))
      switchAfterFilterChange(to: "2", from: "1", target: 100)

      out += "\nTimeline tab (a bucket per column, the whole capture)\n"
      key(.character("3"))
      switchAfterFilterChange(to: "3", from: "1", target: 100)
      measure("+  zoom in around the cursor", target: 100, setup: { key(.character("0")) }) { key(.character("+")) }
      key(.character("0"))
      toggle("f  all memory ↔ what passes the filters", .character("f"))
      measure("→  cursor right (Timeline)", target: 16, setup: { key(.home) }) { key(.right) }
      measure("]  cursor to the next snapshot", target: 16, setup: { key(.home) }) { key(.character("]")) }
      measure(
        "r  a query rule (Active Allocs, every tab)", target: 100,
        setup: { while app.filter.rule != nil { key(.character("r")) } }
      ) { key(.character("r")) }
      while app.filter.rule != nil { key(.character("r")) }

      out += "\nHistory tab (the diff range, a bucket per column)\n"
      key(.character("2"))
      measure(
        "H  one callstack (an Exclusive row)", target: 50,
        setup: {
          key(.character("2"))
          key(.character("j"))
        }
      ) { key(.character("H")) }
      measure(
        "H  every callstack (groups panel: All)", target: 200,
        setup: {
          key(.character("2"))
          key(.character("H"))
          key(.character("c"))
          key(.home)
        }
      ) { key(.character("H")) }
      measure("→  cursor right (History: readout's largest change)", target: 16, setup: { key(.home) }) {
        key(.right)
      }

      out += "\nHistogram tab\n"
      key(.character("5"))
      measure("a  active ↔ lifetime (diff)", target: 100) { key(.character("a")) }
      measure("z  allocation sizes ↔ groups", target: 200) { key(.character("z")) }
      key(.character("1"))
      key(.character("a"))
      switchAfterFilterChange(to: "5", from: "1", target: 100)

      out += "\nMemory tab (the address space at \(width)×\(height))\n"
      let spaceStart = DispatchTime.now().uptimeNanoseconds
      _ = try AddressSpace(profile: profile, poolMask: MemoryPool.allMask)
      out += String(
        format: "(the used address space, once per pool selection: %.1f ms)\n",
        Double(DispatchTime.now().uptimeNanoseconds - spaceStart) / 1e6)
      key(.character("6"))
      switchAfterFilterChange(to: "6", from: "1", target: 100)
      if runs % 2 == 1 {
        // Back to the allocation kind the later rows were measured with.
        key(.character("1"))
        key(.character("a"))
        key(.character("6"))
      }
      toggle("H  heat map ↔ class groups", .character("H"))
      measure("→  cursor right (Memory)", target: 16, setup: { key(.character("g")) }) { key(.right) }
      measure("j  cursor down a pixel row (Memory)", target: 16, setup: { key(.character("g")) }) {
        key(.character("j"))
      }
      measure(
        "Enter  address history (a pass over every row)", target: 50,
        setup: {
          // Esc closes an open history (on the map it would leave the tab).
          if app.tabKeyContextIDs.first == "memory-history" { key(.escape) }
          key(.character("g"))
          for _ in 0..<4 { key(.right) }
        }
      ) { key(.enter) }
      if app.tabKeyContextIDs.first == "memory-history" { key(.escape) }
      measure(
        "A  every block live in the rows on screen", target: 100,
        setup: { if app.tabKeyContextIDs.first == "memory-history" { key(.escape) } }
      ) { key(.character("A")) }
      if app.tabKeyContextIDs.first == "memory-history" { key(.escape) }
      measure("+  half the bytes per pixel", target: 100, setup: { key(.character("0")) }) { key(.character("+")) }
      key(.character("0"))

      out += "\nShort-lived tab\n"
      key(.character("7"))
      for _ in 0..<6 { key(.character("-")) }
      measure("a  active ↔ lifetime (diff)", target: 200) { key(.character("a")) }
      measure(">  sort by the next column", target: 200) { key(.character(">")) }
      switchAfterFilterChange(to: "7", from: "1", target: 200)
      measure("j  cursor down (Short-lived)", target: 16) { key(.character("j")) }

      out += "\nDetails tab\n"
      key(.character("8"))
      pickAnotherDiffStart()
      switchAfterFilterChange(to: "8", from: "1", target: 100)
      measure("j  scroll (Details, stacked)", target: 16, setup: { key(.character("g")) }) { key(.character("j")) }

      // Cursor moves: render only, over a fully expanded tree and the Exclusive list.
      key(.character("1"))
      key(.character("-"))
      key(.character("*"))
      let callgraph = app.tabRowCount
      out += "\n(callgraph fully expanded: \(SizeFormat.count(Int64(callgraph))) rows)\n"
      measure("j  cursor down (Callgraph)", target: 16) { key(.character("j")) }
      measure("PgDn  page down (Callgraph)", target: 16) { key(.pageDown) }
      measure(
        "Enter  expand a node (Callgraph)", target: 16,
        setup: {
          key(.character("-"))
          key(.character("j"))
        }
      ) {
        key(.enter)
      }
      key(.character("2"))
      out += "(exclusive list: \(SizeFormat.count(Int64(app.tabRowCount))) rows)\n"
      measure("j  cursor down (Exclusive)", target: 16) { key(.character("j")) }
      measure("G  last row (Exclusive)", target: 16, setup: { key(.character("g")) }) { key(.character("G")) }
      // Comparing two builds (`--base`): the matching, then the first screen of the Exclusive tab.
      if file == nil {
        let next = try BenchCapture.path(
          operations: operations, variants: variants, nextBuild: true, workDir: workDir)
        let other = try ProfileLoader.load(path: next, options: groups.loadOptions)
        let otherAssignment = try GroupAssignment(profile: other, groups: groups)
        out += "\nCompare (\((next as NSString).lastPathComponent) against the capture above as base)\n"
        var base: BaseCapture? = try BaseCapture(
          profile: profile, assignment: assignment, name: "base", matching: other)
        measure("matching callstacks by name", target: 1000) {
          base = try? BaseCapture(profile: profile, assignment: assignment, name: "base", matching: other)
        }
        // A new viewer of the next build each run: its first screen on the Callgraph, then on
        // the Exclusive tab.
        var compare: App?
        func newViewer() {
          compare = App(
            profile: other, assignment: otherAssignment, theme: Theme(depth: .xterm256, glyphs: .unicode),
            size: (width, height), clipboardPath: NSTemporaryDirectory() + "mprof-tui-bench.csv", base: base)
        }
        measure("1  first compare Callgraph (both trees)", target: 200, setup: newViewer) {
          compare?.computeNow()
          _ = compare?.frame()
        }
        measure("2  first compare screen (B − A)", target: 200, setup: newViewer) {
          compare?.handle(.key(.character("2")))
          compare?.computeNow()
          _ = compare?.frame()
        }
        // Short-lived's pass on each build (its single-capture target, twice).
        measure("7  first compare Short-lived (both builds)", target: 400, setup: newViewer) {
          compare?.handle(.key(.character("7")))
          compare?.computeNow()
          _ = compare?.frame()
        }
      }
      emit(out)
    }
  }
}
