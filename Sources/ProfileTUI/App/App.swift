import Foundation
import ProfileModel

/// The viewer's state and its reactions to input. Views draw from it; the run loop feeds it
/// events and computed data. No terminal calls here.
public final class App {
  public let profile: Profile
  public let assignment: GroupAssignment
  public let theme: Theme
  public let keyMap: KeyMap
  /// Where `y` writes the highlighted rows.
  public let clipboardPath: String

  public internal(set) var tab: Tab = .callgraph
  /// What the user asked for; `data` catches up with it.
  public internal(set) var inputs = ViewInputs()
  /// The last computed figures (for `inputs`, or for earlier inputs while a recompute runs).
  public internal(set) var data: ViewData?
  /// Inputs whose computation failed (an invalid regex): not retried.
  var failedInputs: ViewInputs?
  /// Why `failedInputs` failed.
  var computeError = ""
  public internal(set) var callgraph = CallgraphState()
  public internal(set) var exclusive = ExclusiveState()
  public internal(set) var overlay: Overlay?
  public internal(set) var message: (text: String, isError: Bool)?
  /// The last find (`/`), for `n`, `N` and `F`.
  public internal(set) var lastSearch: NameSearch?
  public internal(set) var layout: Layout
  public internal(set) var shouldQuit = false
  /// True while a recompute runs longer than a frame (the screen says so).
  public internal(set) var isComputing = false
  var effects: [AppEffect] = []
  /// Function id → whether the last search matches it.
  var searchVerdicts: [Bool]?

  public init(
    profile: Profile, assignment: GroupAssignment, theme: Theme, keyMap: KeyMap = .standard, size: (Int, Int),
    clipboardPath: String
  ) {
    self.profile = profile
    self.assignment = assignment
    self.theme = theme
    self.keyMap = keyMap
    self.clipboardPath = clipboardPath
    layout = Layout(width: size.0, height: size.1)
    inputs.filter.checkedGroups = App.defaultCheckedGroups(assignment)
  }

  /// Whether the data is behind the inputs and no failed attempt explains it.
  public var needsCompute: Bool { data?.inputs != inputs && failedInputs != inputs }

  /// Computes the data now, on this thread (tests, and the first screen).
  public func computeNow() {
    accept(
      Result { try ViewData.compute(profile: profile, assignment: assignment, inputs: inputs, previous: data) },
      for: inputs)
  }

  /// Takes a computation's outcome.
  func accept(_ outcome: Result<ViewData, Error>, for computed: ViewInputs) {
    switch outcome {
    case .success(let newData):
      if data == nil && newData.callGraph.nodes[Int(CallGraph.truncatedRoot)].count == 0 {
        callgraph.selectedPath = [CallGraph.fullRoot]
      }
      data = newData
      failedInputs = nil
      callgraph.rebuildRows(newData.callGraph)
      callgraph.cursor.clamp(count: callgraph.rows.count, height: layout.callgraphRows)
      refreshExclusiveSelection()
      if let lastSearch { searchVerdicts = lastSearch.functionMatches(in: profile) }
    case .failure(let error):
      failedInputs = computed
      computeError = "\(error)"
    }
  }

  /// Effects queued by the last events.
  public func takeEffects() -> [AppEffect] {
    defer { effects = [] }
    return effects
  }

  /// Handles one input event.
  public func handle(_ event: InputEvent) {
    switch event {
    case .resize(let width, let height):
      layout = Layout(width: width, height: height)
      callgraph.cursor.clamp(count: callgraph.rows.count, height: layout.callgraphRows)
      exclusive.cursor.clamp(count: data?.exclusive.rows.count ?? 0, height: layout.exclusiveListRows)
    case .mouse(let x, let y, let button):
      handleMouse(x: x, y: y, button: button)
    case .key(let key):
      handleKey(key)
    }
  }

  func say(_ text: String, error: Bool = false) { message = (text, error) }

  /// What the status line reports: a failed computation of the current inputs, else the last
  /// message.
  public var statusMessage: (text: String, isError: Bool)? {
    if let failedInputs, failedInputs == inputs { return (computeError, true) }
    return message
  }

  /// Keeps the Exclusive selection on the same callstack after a recompute.
  func refreshExclusiveSelection() {
    guard let rows = data?.exclusive.rows else { return }
    if let callstack = exclusive.selectedCallstack, let index = rows.firstIndex(where: { $0.callstack == callstack }) {
      exclusive.cursor.selected = index
    }
    exclusive.cursor.clamp(count: rows.count, height: layout.exclusiveListRows)
    syncExclusiveSelection()
  }

  func syncExclusiveSelection() {
    guard let rows = data?.exclusive.rows, rows.indices.contains(exclusive.cursor.selected) else {
      exclusive.selectedCallstack = nil
      return
    }
    let callstack = rows[exclusive.cursor.selected].callstack
    if callstack != exclusive.selectedCallstack {
      exclusive.selectedCallstack = callstack
      exclusive.detailCursor = ListCursor()
    }
  }
}
