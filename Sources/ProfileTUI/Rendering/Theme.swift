import ProfileModel

/// How many colours the terminal shows.
public enum ColorDepth: Sendable, Equatable {
  case none
  case ansi16
  case xterm256
}

/// Styles by role, so views never name colours (ncdu's `UIC_*`, htop's `ColorElements`).
public struct Theme: Sendable {
  public enum Role: Sendable, CaseIterable {
    case normal, tabActive, tabInactive, columnHeader, selection, filterLine, filterLabel, footerKey, footerText,
      status, statusError, dim, match, matchSelected, panel, panelTitle, progressFill, progressEmpty, negative,
      busy,
      /// A chart's filled area (live bytes), its overlaid line (Used Physical), its snapshot lines and its cursor.
      chartArea, chartLine, chartMarker, chartCursor,
      /// The live-bytes line over stacked areas, and the allocator stats stacked under it
      /// (MemoryProfiler2's Gray, Plum, Green and SkyBlue).
      chartLive, chartOverhead, chartWaste, chartSlack, chartUsed,
      /// The background of a GC or map-load span.
      chartSpan,
      /// Time markers A–D (Unreal Insights' hues 0°, 72°, 144°, 216°).
      markA, markB, markC, markD,
      /// The memory map: blocks live at the diff base too (dimmed so new ones stand out), and the
      /// end of a band's last row past the used space (MemoryProfiler2's dark magenta).
      mapOld, mapOutside,
      /// Growth between two captures (decline is `negative`).
      growth

    /// The role of a time marker.
    public static func marker(_ marker: QueryRule.Marker) -> Role {
      [.markA, .markB, .markC, .markD][marker.rawValue]
    }
  }

  public let depth: ColorDepth
  public let glyphs: Glyphs
  /// Growth and decline in orange and blue instead of red and green (Gregg's colour-blind-safe
  /// differential flame graphs).
  public let colorBlindSafe: Bool

  public init(depth: ColorDepth, glyphs: Glyphs, colorBlindSafe: Bool = false) {
    self.depth = depth
    self.glyphs = glyphs
    self.colorBlindSafe = colorBlindSafe
  }

  public subscript(role: Role) -> Style {
    switch depth {
    case .none: return monochrome(role)
    case .ansi16, .xterm256: return colour(role)
    }
  }

  private func monochrome(_ role: Role) -> Style {
    switch role {
    case .normal, .panel, .footerText, .filterLine, .progressEmpty, .negative, .chartArea, .chartLine: return .plain
    case .chartMarker, .chartLive: return Style(attributes: .bold)
    case .chartCursor: return Style(attributes: .reverse)
    case .chartOverhead, .chartWaste, .chartSlack, .chartUsed, .chartSpan: return .plain
    case .markA, .markB, .markC, .markD: return Style(attributes: [.reverse, .bold])
    case .mapOld, .mapOutside: return Style(attributes: .dim)
    case .growth: return Style(attributes: .bold)
    case .tabActive, .selection, .status, .progressFill: return Style(attributes: .reverse)
    case .tabInactive, .dim: return Style(attributes: .dim)
    case .columnHeader, .panelTitle, .footerKey, .filterLabel, .busy: return Style(attributes: .bold)
    case .statusError: return Style(attributes: [.reverse, .bold])
    case .match: return Style(attributes: [.bold, .underline])
    case .matchSelected: return Style(attributes: [.bold, .underline, .reverse])
    }
  }

  private func colour(_ role: Role) -> Style {
    let rich = depth == .xterm256
    func c(_ rich256: UInt8, _ basic: UInt8) -> TermColor { .indexed(rich ? rich256 : basic) }
    switch role {
    case .normal, .panel: return .plain
    case .tabActive: return Style(foreground: c(16, 0), background: c(75, 14), attributes: .bold)
    case .tabInactive: return Style(foreground: c(250, 7), background: c(237, 8))
    case .columnHeader: return Style(foreground: c(16, 0), background: c(109, 6), attributes: .bold)
    case .selection: return Style(foreground: c(16, 0), background: c(152, 14))
    case .filterLine: return Style(foreground: c(252, 7), background: c(236, 8))
    case .filterLabel: return Style(foreground: c(222, 11), background: c(236, 8), attributes: .bold)
    case .footerKey: return Style(foreground: c(16, 0), background: c(109, 6), attributes: .bold)
    case .footerText: return Style(foreground: c(252, 7), background: c(236, 8))
    case .status: return Style(foreground: c(16, 0), background: c(250, 7))
    case .statusError: return Style(foreground: c(231, 15), background: c(124, 1), attributes: .bold)
    case .dim: return Style(foreground: c(244, 8))
    case .match: return Style(foreground: c(231, 15), background: c(69, 4), attributes: .bold)
    case .matchSelected: return Style(foreground: c(231, 15), background: c(33, 12), attributes: [.bold, .underline])
    case .panelTitle: return Style(foreground: c(75, 14), attributes: .bold)
    case .progressFill: return Style(foreground: c(75, 14))
    case .progressEmpty: return Style(foreground: c(240, 8))
    case .negative: return Style(foreground: colorBlindSafe ? c(75, 12) : c(114, 10))
    case .busy: return Style(foreground: c(16, 0), background: c(222, 11), attributes: .bold)
    case .chartArea: return Style(foreground: c(75, 12))
    case .chartLine: return Style(foreground: c(203, 9), attributes: .bold)
    case .chartMarker: return Style(foreground: c(222, 11))
    case .chartCursor: return Style(foreground: c(16, 0), background: c(252, 7))
    case .chartLive: return Style(foreground: c(231, 15), attributes: .bold)
    case .chartOverhead: return Style(foreground: c(244, 8))
    case .chartWaste: return Style(foreground: c(176, 5))
    case .chartSlack: return Style(foreground: c(71, 2))
    case .chartUsed: return Style(foreground: c(117, 6))
    case .chartSpan: return Style(background: c(236, 8))
    case .markA: return Style(foreground: c(16, 0), background: c(203, 9), attributes: .bold)
    case .markB: return Style(foreground: c(16, 0), background: c(191, 11), attributes: .bold)
    case .markC: return Style(foreground: c(16, 0), background: c(85, 10), attributes: .bold)
    case .markD: return Style(foreground: c(16, 0), background: c(75, 12), attributes: .bold)
    case .mapOld: return Style(foreground: c(240, 8))
    case .mapOutside: return Style(foreground: c(53, 5))
    case .growth: return Style(foreground: colorBlindSafe ? c(214, 11) : c(203, 9))
    }
  }

  /// The style of a change from `a` to `b` between two builds: growth or decline by role, bold
  /// from a 2× difference on (new and gone included), dim when the change is under 1% of the
  /// larger side (Tracy's saturation, pprof's grey for near zero).
  public func change(from a: Int64, to b: Int64) -> Style {
    let delta = b - a
    let larger = max(a.magnitude, b.magnitude)
    guard delta != 0, delta.magnitude * 100 >= larger else { return self[.dim] }
    let style = self[delta > 0 ? .growth : .negative]
    let doubled = a == 0 || b == 0 || larger >= 2 * min(a.magnitude, b.magnitude)
    return doubled ? style.adding(.bold) : style
  }

  /// The heat ramp of 256-colour screens, dark red to white (a "hot" ramp); others draw
  /// `heatCharacters`.
  static let heatRamp: [UInt8] = [52, 88, 124, 160, 196, 202, 208, 214, 220, 226, 227, 228, 229, 230, 231]
  /// The heat ramp as characters, empty to full.
  public static let heatCharacters: [Character] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]

  /// The colour of a heat level from 0 (cold) to 1 (hottest), or `nil` when the screen draws
  /// heat as characters.
  public func heatColor(_ level: Double) -> TermColor? {
    guard depth == .xterm256 else { return nil }
    let i = Int((min(max(level, 0), 1) * Double(Self.heatRamp.count - 1)).rounded())
    return .indexed(Self.heatRamp[i])
  }

  /// The foreground style of a class group's colour.
  public func group(_ color: GroupColor) -> Style {
    switch depth {
    case .none: return .plain
    case .ansi16: return Style(foreground: .indexed(UInt8(color.ansi16)))
    case .xterm256: return Style(foreground: .indexed(UInt8(color.xterm256)))
    }
  }
}
