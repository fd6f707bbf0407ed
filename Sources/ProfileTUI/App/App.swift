import Foundation
import ProfileModel

/// The viewer's shell: the shared filter and its figures, the tabs, the open panel or prompt, the status message.
///
/// It names no tab: tabs are reached through `TabView`. No terminal calls.
public final class App {
  public let profile: Profile
  public let assignment: GroupAssignment
  public let theme: Theme
  public let keyMap: KeyMap
  /// One slot per registered tab, in tab-bar order.
  let slots: [any AnyTabSlot]

  /// The visible tab's position.
  public internal(set) var tabIndex = 0
  /// What the user asked for; `shared` catches up with it.
  public internal(set) var filter = FilterState()
  /// The shared figures on screen (for `filter`, or an earlier filter while a recompute runs).
  public internal(set) var shared: SharedFigures?
  var sharedJob: (filter: FilterState, job: ComputeJob<SharedFigures>)?
  /// A filter whose computation failed (an invalid regex), and why: not retried.
  var sharedFailure: (filter: FilterState, message: String)?
  var generation = 0
  /// Shared computations started so far (tests check what a key recomputes).
  var sharedComputations = 0

  public internal(set) var overlay: Overlay? {
    didSet {
      // A panel's search belongs to the panel it was typed in.
      if overlay.map({ Self.sameKind($0, oldValue) }) != true { panelSearch = nil }
    }
  }
  /// The type-ahead of the open picker, groups or pools panel (`/`): its text, and whether keys
  /// still go to it.
  var panelSearch: (query: String, typing: Bool)?
  /// The snapshot pickers leave out GC markers (thousands in long captures).
  public internal(set) var pickerHidesGC = false
  /// The tab that opened the prompt on screen (`nil`: the shell's own text filter).
  var promptOwner: Int?
  /// Submitted prompt texts by kind (text filter, find), oldest first.
  var promptHistory: [Prompt.Purpose: [String]] = [:]
  public internal(set) var message: (text: String, isError: Bool)?
  public internal(set) var layout: Layout {
    didSet {
      if layout != oldValue { for slot in slots { slot.view.resize(to: layout.body) } }
    }
  }
  public internal(set) var shouldQuit = false
  /// What is computing for longer than a frame ("filter", a tab's title), shown on the filter line.
  public internal(set) var computing: String?
  var effects: [AppEffect] = []
  /// The last press of the mouse, to tell a double click (two presses on one cell within
  /// `doubleClickSeconds`) whatever the terminal reports.
  var lastPress: (x: Int, y: Int, time: Double)?
  static let doubleClickSeconds = 0.3
  /// The clock for double clicks (tests set their own).
  var now: () -> Double = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
  /// The tab a reveal came from: Esc goes back to it.
  var returnTab: Int?
  /// Points of the stream dropped as diff bounds (Mark A, Mark B), listed in the pickers, with
  /// their made-up snapshots (computed once: each is a pass over the rows).
  var marks: [SnapshotRef] = []
  var markSnapshots: [SnapshotRef: Snapshot] = [:]

  /// The snapshot a picker row stands for; a mark's is kept from when it was dropped.
  func pickerSnapshot(_ ref: SnapshotRef) -> Snapshot? {
    if case .event = ref { return markSnapshots[ref] ?? profile.snapshot(ref) }
    return profile.snapshot(ref)
  }

  /// The capture of another build this one is compared with (`--base`), if any.
  public let base: BaseCapture?

  public init(
    profile: Profile, assignment: GroupAssignment, theme: Theme, keyMap: KeyMap = .standard, size: (Int, Int),
    clipboardPath: String, base: BaseCapture? = nil
  ) {
    self.base = base
    self.profile = profile
    self.assignment = assignment
    self.theme = theme
    self.keyMap = keyMap
    layout = Layout(width: size.0, height: size.1)
    slots = TabRegistry.makeSlots(
      TabSetup(
        profile: profile, assignment: assignment, clipboardPath: clipboardPath, area: layout.body, theme: theme))
    filter = FilterState.defaults(for: .filterIn, assignment: assignment)
  }

  static func sameKind(_ a: Overlay, _ b: Overlay?) -> Bool {
    switch (a, b) {
    case (.help, .help?), (.snapshotPicker, .snapshotPicker?), (.groups, .groups?), (.pools, .pools?),
      (.tags, .tags?), (.prompt, .prompt?):
      return true
    default:
      return false
    }
  }

  /// The references the snapshot pickers list: Start, the snapshots (GC markers left out when
  /// asked), End.
  var pickerRefs: [SnapshotRef] {
    // Marks go among the snapshots in stream order (before a snapshot at the same event).
    var refs = profile.snapshotRefs
    for mark in marks {
      let at = profile.streamIndex(mark) ?? 0
      let index = refs.indices.dropFirst().first { (profile.streamIndex(refs[$0]) ?? 0) >= at } ?? refs.count
      refs.insert(mark, at: index)
    }
    guard pickerHidesGC else { return refs }
    return refs.filter { ref in
      guard case .snapshot = ref, let s = profile.snapshot(ref) else { return true }
      return s.subtype != .gcStart && s.subtype != .gcEnd
    }
  }

  /// The visible tab.
  var tab: any TabView { slots[tabIndex].view }

  /// The tab of a given type (tests, bench).
  func tab<T: TabView>(_ type: T.Type) -> T? {
    slots.lazy.compactMap { $0.view as? T }.first
  }

  /// What a tab sees now.
  func context(for index: Int) -> TabContext {
    TabContext(
      profile: profile, assignment: assignment, theme: theme, filter: filter, shared: shared, area: layout.body,
      isComputing: shared.map { slots[index].isStale($0) } ?? true)
  }

  /// The groups checked by default in the current mode.
  var defaultCheckedGroups: Set<String>? {
    FilterState.defaults(for: filter.mode, assignment: assignment).checkedGroups
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
      _ = tab.perform(.redraw, context: context(for: tabIndex))
    case .mouse(let x, let y, let button):
      handleMouse(MouseEvent(x: x, y: y, button: button))
    case .key(let key):
      handleKey(key)
    }
  }

  func say(_ text: String, error: Bool = false) { message = (SafeText.terminal(text), error) }

  /// Shows a message on the status line until the next key (where the class groups came from).
  public func announce(_ text: String) { say(text) }

  /// What the status line reports: a failed computation of what is asked for, else the message.
  public var statusMessage: (text: String, isError: Bool)? {
    if let sharedFailure, sharedFailure.filter == filter { return (sharedFailure.message, true) }
    if let shared, let failure = slots[tabIndex].failure(shared) { return (failure, true) }
    return message
  }

  /// Carries out what a tab asked for.
  func apply(_ outcome: TabOutcome) {
    switch outcome {
    case .handled:
      break
    case .unhandled:
      say("No action here; ? lists the keys")
    case .say(let text, let isError):
      say(text, error: isError)
    case .dropMarker(let ref, let marker):
      if case .event(_, let name) = ref {
        marks.removeAll { if case .event(_, name) = $0 { return true } else { return false } }
        marks.append(ref)
        markSnapshots = [:]
        for mark in marks { markSnapshots[mark] = profile.snapshot(mark) }
      }
      switch marker {
      case .a: filter.diffStart = ref
      case .b: filter.diffEnd = ref
      case .c: filter.markC = ref
      case .d:
        guard filter.markC != nil else { return say("Drop Mark C (C) before Mark D", error: true) }
        filter.markD = ref
      }
      let role = marker <= .b ? (marker == .a ? "diff start" : "diff end") + " of every tab" : "for the query rules (r)"
      say("\(profile.label(ref)): \(role)")
    case .prompt(var prompt):
      promptOwner = tabIndex
      prompt.history = promptHistory[prompt.purpose == .textFilter ? .textFilter : .find] ?? []
      overlay = .prompt(prompt)
    case .effect(let effect, let text, let isError):
      effects.append(effect)
      say(text, error: isError)
    case .reveal(let target):
      // Another tab first; the visible one last (a panel can ask the tab under it).
      for index in slots.indices.filter({ $0 != tabIndex }) + [tabIndex] {
        guard let outcome = slots[index].view.reveal(target, context: context(for: index)) else { continue }
        if case .say(_, true) = outcome {
          apply(outcome)
        } else if index == tabIndex {
          apply(outcome)
        } else {
          let from = tabIndex
          switchTab(to: index)
          returnTab = from
          apply(outcome)
        }
        return
      }
      say("No tab shows that", error: true)
    }
  }
}
