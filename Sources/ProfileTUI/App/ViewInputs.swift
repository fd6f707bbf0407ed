import ProfileModel

/// Everything the computed view data depends on. When it changes, the data is recomputed.
public struct ViewInputs: Sendable, Equatable {
  public var filter = FilterState()
  /// Callgraph walks from the allocation site outward.
  public var inverted = false
  /// Callgraph keeps only callstacks through this function and starts there.
  public var parentFunction: Int32? = nil
  public var exclusiveSort: ExclusiveView.Column = .size
  public var exclusiveAscending = false
  public var showContainers = false

  public init() {}
}
