/// A backend in memory: scripted input, every presented frame kept.
///
/// Tests drive the real input loop with it.
public final class HeadlessBackend: TerminalBackend {
  public private(set) var width: Int
  public private(set) var height: Int
  private var script: [InputEvent]
  public private(set) var frames: [CellGrid] = []
  public private(set) var controlSequences: [String] = []
  public private(set) var suspendCount = 0
  public private(set) var repaintCount = 0

  public init(width: Int, height: Int, script: [InputEvent] = []) {
    self.width = width
    self.height = height
    self.script = script
  }

  public var size: (width: Int, height: Int) { (width, height) }

  /// The last frame presented.
  public var lastFrame: CellGrid? { frames.last }

  public func present(_ grid: CellGrid) { frames.append(grid) }

  public func nextEvent(timeoutMilliseconds: Int?) -> BackendInput {
    guard !script.isEmpty else { return .endOfInput }
    let event = script.removeFirst()
    if case .resize(let w, let h) = event {
      width = w
      height = h
    }
    return .event(event)
  }

  public func suspend() { suspendCount += 1 }

  public func repaintAll() { repaintCount += 1 }

  public func writeControlSequence(_ text: String) { controlSequences.append(text) }
}
