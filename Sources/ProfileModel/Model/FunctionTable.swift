/// The distinct functions of a capture: every address maps to one dense function id, so views
/// merge frames by function and matchers run once per function, not once per frame.
public struct FunctionTable: Sendable {
  /// Function id of each address.
  public internal(set) var idOfAddress: [Int32] = []
  /// Display name of each function id.
  public internal(set) var names: [String] = []

  public var count: Int { names.count }

  init(addresses: AddressTable, names nameTable: [String]) {
    var idOfName = [Int32](repeating: -1, count: nameTable.count)
    idOfAddress.reserveCapacity(addresses.count)
    for a in 0..<addresses.count {
      let nameIndex = Int(addresses.functionNameIndex[a])
      if nameIndex >= 0 && nameIndex < nameTable.count {
        if idOfName[nameIndex] < 0 {
          idOfName[nameIndex] = Int32(names.count)
          names.append(nameTable[nameIndex])
        }
        idOfAddress.append(idOfName[nameIndex])
      } else {
        idOfAddress.append(Int32(names.count))
        names.append("0x" + String(addresses.programCounter[a], radix: 16, uppercase: true))
      }
    }
  }
}
