import ProfileModel

/// One tab of the viewer: its state, keys, figures and drawing (tig's `view_ops`).
///
/// The app owns one instance per registered tab and reaches it only through this protocol.
/// Figures are a `Sendable` value computed off the input loop from a `Sendable` request and the
/// shared filter's figures, so a tab's state never leaves the loop's thread. Shared code names
/// no tab: cross-tab moves are `TabOutcome.reveal` values the app hands to whichever tab takes
/// them.
protocol TabView: AnyObject, SendableMetatype {
  /// What the figures depend on besides the shared query: sort column, chosen callstacks, search.
  associatedtype Request: Sendable & Equatable
  /// The computed rows, series or raster.
  associatedtype Figures: Sendable

  /// On the tab bar when there is room.
  static var title: String { get }
  /// On the tab bar when the terminal is narrow.
  static var shortTitle: String { get }
  /// The tab's bindings, sub-panes included, in help order. Dispatch, help and footer read them.
  static var bindings: [KeyMap.Binding] { get }

  init(setup: TabSetup)

  /// The request for the tab's current state.
  var request: Request { get }
  /// Computes the figures on any thread; checks `cancel` in long loops.
  ///
  /// - Throws: `CancellationError` when cancelled; a model error the status line shows.
  static func compute(_ request: Request, shared: SharedFigures, cancel: CancelToken) throws -> Figures
  /// Takes figures computed for `request`; keeps the selection by identity and clamps cursors.
  func accept(_ figures: Figures, for request: Request, context: TabContext) -> TabOutcome

  /// The key contexts in force now, most specific first (`.global` is added by the app).
  var keyContexts: [KeyContext] { get }
  /// Carries out one of the tab's actions (list movement included).
  func perform(_ action: Action, context: TabContext) -> TabOutcome
  /// A click or the wheel inside the body.
  func mouse(_ event: MouseEvent, context: TabContext) -> TabOutcome
  /// A prompt the tab opened was submitted.
  func submit(_ prompt: Prompt, context: TabContext) -> TabOutcome
  /// Shows something another tab asked for: `nil` when this tab does not show such things, an
  /// error message when it cannot show this one.
  func reveal(_ target: Reveal, context: TabContext) -> TabOutcome?
  /// Draws into `context.area`.
  func draw(into grid: inout CellGrid, context: TabContext)
  /// What the filter line adds for this tab ("by Size").
  var filterSegments: [String] { get }
  /// `R`: back to the tab's defaults (sort, parent, highlights).
  func reset()
  /// Rows of the tab's main list (benchmarks and tests).
  var rowCount: Int { get }
  /// The tab's area changed (the terminal was resized); tabs whose figures follow the screen's
  /// resolution (charts) change their request here.
  func resize(to area: Rect)
}

extension TabView {
  func submit(_ prompt: Prompt, context: TabContext) -> TabOutcome { .unhandled }
  func reveal(_ target: Reveal, context: TabContext) -> TabOutcome? { nil }
  var filterSegments: [String] { [] }
  func resize(to area: Rect) {}
}

/// What every tab is made with.
struct TabSetup {
  let profile: Profile
  let assignment: GroupAssignment
  /// Where `y` writes copied rows.
  let clipboardPath: String
  /// The tab's area on the first screen.
  let area: Rect
  /// The colours and glyphs the screen has (fixed for a run).
  let theme: Theme
}

/// What a tab sees while it handles input or draws: the capture, the theme, its area, and the
/// shared filter's figures (nil until the first computation).
struct TabContext {
  let profile: Profile
  let assignment: GroupAssignment
  let theme: Theme
  let filter: FilterState
  let shared: SharedFigures?
  /// The tab's part of the screen.
  let area: Rect
  /// True while this tab's figures are behind its request.
  let isComputing: Bool
}

/// A mouse event, with the app's own double-click detection applied.
struct MouseEvent: Equatable {
  let x: Int
  let y: Int
  let button: MouseButton
}

/// What a tab asks the app to do after a key or a click (htop's `HandlerResult`).
enum TabOutcome {
  case handled
  /// The key is not the tab's after all; the app says so.
  case unhandled
  case say(String, isError: Bool)
  /// Open a prompt on the footer line; its result comes back through `submit`.
  case prompt(Prompt)
  /// Something outside the screen (OSC 52), with a message.
  case effect(AppEffect, message: String, isError: Bool)
  /// Show something in whichever tab takes it (the app switches to that tab).
  case reveal(Reveal)
  /// Put a time marker on a point of the stream (dropped on a chart): A and B are the shared diff
  /// start and end and join the snapshot pickers' list; C and D are read by the query rules.
  case dropMarker(SnapshotRef, QueryRule.Marker)
}

/// Where to go in another tab.
enum Reveal: Sendable, Equatable {
  /// A frame of a callstack (Exclusive's callstack pane → Callgraph).
  case frame(callstack: Int, frame: Int)
  /// The live bytes over time of some callstacks (`H` from wherever callstacks are shown).
  case history(HistorySelection)
}
