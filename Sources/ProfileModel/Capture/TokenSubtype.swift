/// The subtypes of an "Other" token (§5.3 of the format), with MemoryProfiler2's enum names.
public enum TokenSubtype: Int32, Sendable, CaseIterable {
  case endOfStream = 0
  case endOfFile = 1
  case snapshot = 2
  case frameTime = 3
  case text = 4
  case totalUsed = 5
  case totalAllocated = 6
  case cpuUsed = 7
  case cpuSlack = 8
  case cpuWaste = 9
  case gpuUsed = 10
  case gpuSlack = 11
  case gpuWaste = 12
  case osOverhead = 13
  case imageSize = 14
  case loadMapStart = 21
  case loadMapMid = 22
  case loadMapEnd = 23
  case gcStart = 24
  case gcEnd = 25
  case levelStreamStart = 26
  case levelStreamEnd = 27
  case memoryAllocationStats = 31

  /// MemoryProfiler2's `EProfilingPayloadSubType` name, for example `SUBTYPE_SnapshotMarker_GC_End`.
  public var enumName: String {
    switch self {
    case .endOfStream: return "SUBTYPE_EndOfStreamMarker"
    case .endOfFile: return "SUBTYPE_EndOfFileMarker"
    case .snapshot: return "SUBTYPE_SnapshotMarker"
    case .frameTime: return "SUBTYPE_FrameTimeMarker"
    case .text: return "SUBTYPE_TextMarker"
    case .totalUsed: return "SUBTYPE_TotalUsed"
    case .totalAllocated: return "SUBTYPE_TotalAllocated"
    case .cpuUsed: return "SUBTYPE_CPUUsed"
    case .cpuSlack: return "SUBTYPE_CPUSlack"
    case .cpuWaste: return "SUBTYPE_CPUWaste"
    case .gpuUsed: return "SUBTYPE_GPUUsed"
    case .gpuSlack: return "SUBTYPE_GPUSlack"
    case .gpuWaste: return "SUBTYPE_GPUWaste"
    case .osOverhead: return "SUBTYPE_OSOverhead"
    case .imageSize: return "SUBTYPE_ImageSize"
    case .loadMapStart: return "SUBTYPE_SnapshotMarker_LoadMap_Start"
    case .loadMapMid: return "SUBTYPE_SnapshotMarker_LoadMap_Mid"
    case .loadMapEnd: return "SUBTYPE_SnapshotMarker_LoadMap_End"
    case .gcStart: return "SUBTYPE_SnapshotMarker_GC_Start"
    case .gcEnd: return "SUBTYPE_SnapshotMarker_GC_End"
    case .levelStreamStart: return "SUBTYPE_SnapshotMarker_LevelStream_Start"
    case .levelStreamEnd: return "SUBTYPE_SnapshotMarker_LevelStream_End"
    case .memoryAllocationStats: return "SUBTYPE_MemoryAllocationStats"
    }
  }

  /// True for the markers that can create a named snapshot.
  public var isSnapshotMarker: Bool {
    self == .snapshot || (rawValue >= 21 && rawValue <= 27)
  }

  /// The kind word MemoryProfiler2 puts in front of a snapshot's number.
  public var snapshotKind: String {
    switch self {
    case .loadMapStart: return "LoadMap Start"
    case .loadMapMid: return "LoadMap Mid"
    case .loadMapEnd: return "LoadMap End"
    case .gcStart: return "GC Start"
    case .gcEnd: return "GC End"
    case .levelStreamStart: return "LevelStream Start"
    case .levelStreamEnd: return "LevelStream End"
    default: return "Snapshot"
    }
  }
}
