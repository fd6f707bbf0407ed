import ProfileModel

/// Everything a key can do.
///
/// Keys map to actions through the binding tables (`KeyMap`), which also carry each action's help line and footer
/// label: dispatch, help and footer read one table.
public enum Action: Hashable, Sendable {
  // Everywhere
  case quit, help, nextTab, previousTab
  case showTab(Int)
  case suspend, redraw, dismissMessage
  // The shared filter
  case pickDiffStart, pickDiffEnd, toggleAllocationKind, toggleFilterMode, classGroupsPanel, textFilter, poolsPanel,
    tagsPanel, clearFilters, cycleRule, toggleGrowthOnly, toggleNormalize
  // Lists
  case moveUp, moveDown, pageUp, pageDown, top, bottom
  // Panels and prompts
  case closePanel, choose, toggleRow, checkAll, checkNone, expandRow, collapseRow, resetSelection, clearText,
    deleteBackward, deleteForward, deleteWord, cursorLeft, cursorRight, lineStart, lineEnd, historyPrevious,
    historyNext, typeText, toggleRegex, toggleCase, submit, cancel, startSearch, toggleGCMarkers
  // Callgraph
  case expand, collapse, expandSubtree, collapseAll, invert, setParent, resetParent, find, findNext, findPrevious,
    findAll, unhighlight, copyHighlighted, toggleSort, foldChains, scrollNameLeft, scrollNameRight, toggleSplitByChange
  // Exclusive
  case nextSortColumn, previousSortColumn, reverseSort, toggleContainers, focusDetail, showFrameInCallgraph, leavePane,
    toggleGroupColumn
  // Details
  case toggleLayout
  // Histogram
  case toggleSizes
  // Short-lived
  case raiseMinimum, lowerMinimum
  // Timeline
  case zoomIn, zoomOut, zoomReset, panLeft, panRight, previousSnapshot, nextSnapshot, toggleFiltered,
    toggleUsedPhysical, cycleTimeUnit
  case dropMarker(QueryRule.Marker)
  // History
  case showHistory, toggleWholeCapture, toggleBraille
  // Memory
  case startRowSelection, undoZoom, toggleHeat, toggleFolding, listBlocksInView
}
