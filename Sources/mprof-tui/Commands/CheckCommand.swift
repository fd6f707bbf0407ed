import ArgumentParser
import Foundation
import ProfileModel

/// `mprof-tui check B.mprof --base A.mprof --max-growth 5%`, a memory gate for CI.
///
/// Exit 0 when live memory (or, with `--per-group`, every class group's) grew no more than the
/// limit, 1 with the top growing callstacks when it did, 2 on bad input.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Compare live memory with a base capture; exit 1 when it grew past a limit (a CI gate).",
    discussion: """
      Exit status: 0 within the limit, 1 grown past it (the top growing callstacks are printed), \
      2 for bad input (an unreadable capture, an unknown snapshot or group, a bad limit).
      """)

  @OptionGroup var capture: CaptureOptions
  @OptionGroup var filters: FilterOptions
  @Option(help: "The capture of the previous build (A).") var base: String
  @Option(
    name: .customLong("max-growth"),
    help: "The growth allowed: a share of A's live bytes (5%) or a size (10MB, 512K, 4096); default 0.")
  var maxGrowth = "0"
  @Flag(name: .customLong("per-group"), help: "Check every class group against the limit (a share of its own A size).")
  var perGroup = false
  @Option(help: "The snapshot compared in both captures, by name or index (default: End).") var snapshot: String?
  @Option(help: "Growing callstacks printed when the gate fails.") var top = 10
  @Flag(name: .customLong("match-lines"), help: "Match callstacks on file and line too, not names alone.")
  var matchLines = false

  /// A limit: a share of the base, or bytes.
  enum Limit {
    case percent(Double)
    case bytes(Int64)

    init?(_ text: String) {
      let trimmed = text.trimmingCharacters(in: .whitespaces)
      if trimmed.hasSuffix("%") {
        guard let p = Double(trimmed.dropLast()), p.isFinite, p >= 0 else { return nil }
        self = .percent(p)
      } else {
        guard let bytes = parseByteCount(trimmed), bytes <= UInt64(Int64.max) else { return nil }
        self = .bytes(Int64(bytes))
      }
    }

    /// The largest growth allowed from `base` bytes.
    func allowed(from base: Int64) -> Int64 {
      switch self {
      case .percent(let p): return Int64((Double(abs(base)) * p / 100).rounded(.down))
      case .bytes(let b): return b
      }
    }

    var text: String {
      switch self {
      case .percent(let p): return SizeFormat.grouped(p, decimals: 2) + "%"
      case .bytes(let b): return SizeFormat.size(b)
      }
    }
  }

  func validate() throws {
    guard Limit(maxGrowth) != nil else {
      throw ValidationError("--max-growth must be a share like 5% or a size like 10MB, found \"\(maxGrowth)\"")
    }
    guard top >= 0 else { throw ValidationError("--top must be 0 or more, found \(top)") }
    guard filters.start == "start" && !filters.lifetime && filters.rule == nil else {
      throw ValidationError(
        "check compares live memory at one snapshot of each capture (--snapshot, End by default); --start, --lifetime and --rule do not apply"
      )
    }
  }

  func run() throws {
    var failed = false
    try runReportingErrors {
      let (b, groups) = try capture.load()
      let a = try capture.loadCapture(at: base, groups: groups)
      var stateB = try filters.state(for: b, groups: groups)
      var stateA = try filters.state(for: a, groups: groups)
      // Live memory at one snapshot of each (End unless named), not a diff.
      stateB.diffStart = .start
      stateA.diffStart = .start
      stateB.kind = .active
      stateA.kind = .active
      if let snapshot {
        stateB.diffEnd = try b.resolveSnapshot(snapshot)
        stateA.diffEnd = try a.resolveSnapshot(snapshot)
      }
      let comparison = try Comparison(
        a: a, b: b, groups: groups, stateA: stateA, stateB: stateB,
        options: CaptureComparison.Options(fileAndLine: matchLines), normalize: false)
      let limit = Limit(maxGrowth) ?? .bytes(0)
      var out = "Live memory at \(b.label(stateB.diffEnd)): A \(SizeFormat.size(comparison.totalA)) → "
      out +=
        "B \(SizeFormat.size(comparison.totalB)) (\(Comparison.signed(comparison.totalB - comparison.totalA)), "
        + "\(comparison.percent(comparison.totalB - comparison.totalA))); limit \(limit.text)\n"
      var over: [String] = []
      if perGroup {
        for g in comparison.groupRows() where g.sizeB - g.sizeA > limit.allowed(from: g.sizeA) {
          over.append(
            "\(shown(g.name)): \(SizeFormat.size(g.sizeA)) → \(SizeFormat.size(g.sizeB)) "
              + "(\(Comparison.signed(g.sizeB - g.sizeA)))")
        }
      } else if comparison.totalB - comparison.totalA > limit.allowed(from: comparison.totalA) {
        over.append("live memory grew \(Comparison.signed(comparison.totalB - comparison.totalA))")
      }
      guard !over.isEmpty else {
        emit(out + "OK: within the limit\n")
        return
      }
      failed = true
      out += "FAILED: grew past the limit:\n" + over.map { "  " + $0 + "\n" }.joined()
      var growing = comparison.rows.filter { $0.deltaSize > 0 }
      growing.sort { $0.deltaSize != $1.deltaSize ? $0.deltaSize > $1.deltaSize : $0.stack < $1.stack }
      var classifierA = ContainerFrames.Classifier(profile: a)
      var classifierB = ContainerFrames.Classifier(profile: b)
      if top > 0 && !growing.isEmpty {
        out += "Top growing callstacks:\n"
        for row in growing.prefix(top) {
          let name = comparison.name(of: row.stack, classifierA: &classifierA, classifierB: &classifierB)
          out +=
            pad(Comparison.signed(row.deltaSize), 13, right: true) + "  "
            + pad(SizeFormat.size(row.sizeA), 11, right: true)
            + " → " + pad(SizeFormat.size(row.sizeB), 11) + (row.status == .new ? " new  " : "      ")
            + shown(comparison.group(of: row.stack)) + " / " + shown(name) + "\n"
        }
      }
      emit(out)
    }
    if failed { throw ExitCode(1) }
  }
}
