/// A loaded module of the captured process (the module table).
public struct ModuleInfo: Sendable, Equatable {
  public var baseOfImage: UInt64
  public var imageSize: UInt32
  public var timeDateStamp: UInt32
  public var pdbSig: UInt32
  public var pdbAge: UInt32
  public var moduleName: String
  public var imageName: String
  public var loadedImageName: String
}
