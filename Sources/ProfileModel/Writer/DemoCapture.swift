/// Writes a realistic game-like capture: engine start-up, map loads with level-scoped objects, per-frame temporaries,
/// garbage collections, buffers grown by realloc, leaks, several threads' roots and real-looking C++ names with
/// file:line.
///
/// The viewer opens one when given no file.
public enum DemoCapture {
  /// The generator's version: a change to what it writes bumps it, so a cached demo of an older
  /// generator is written again (2: blocks of 128 KiB and more are mapped apart from the heap).
  public static let version = 2

  public struct Configuration: Sendable {
    /// Memory operations to write (mallocs, frees and reallocs).
    public var operations = 200_000
    public var seed: UInt64 = 2026
    /// Callstacks per subsystem call chain.
    ///
    /// Above 6, each variant also gets its own handler frame, so the call tree grows wide as real captures' trees do
    /// (benchmarks).
    public var variantsPerChain = 6
    public var writer = MprofWriter.Configuration()
    /// The "next build" of the same program, for comparing two captures: code and heap at other
    /// addresses, every line three lower, the texture streaming sites allocating half as much,
    /// the leak sites leaking about twice as often, and one new leaking call site.
    public var variant = false
    public init() {}
  }

  private enum Behaviour { case startup, level, frame, gc, growing, leak }

  private struct Site {
    var callstack: Int32
    var behaviour: Behaviour
    var minSize: Int
    var maxSize: Int
    var tags: Int32
    /// Allocates half as much in the variant.
    var shrinks = false
  }

  private struct Block {
    var pointer: UInt64
    var size: UInt32
    var site: Int
  }

  /// Writes the capture to `path`.
  public static func write(to path: String, configuration: Configuration = Configuration()) throws {
    var rng = SplitMix64(seed: configuration.seed)
    let w = try MprofWriter(path: path, configuration: configuration.writer)
    w.addMetadata(key: "SelfFile", value: "/Game/Binaries/Linux/UE4Game")
    w.addModule(
      ModuleInfo(
        baseOfImage: 0x5555_0000_0000, imageSize: 0x0400_0000, timeDateStamp: 0x5C8A_1B2C, pdbSig: 0, pdbAge: 1,
        moduleName: "UE4Game", imageName: "UE4Game", loadedImageName: "/Game/Binaries/Linux/UE4Game"))
    let variant = configuration.variant
    // The variant's own choices come from another stream, so both builds share every other one.
    var variantRng = SplitMix64(seed: configuration.seed ^ 0x5EED)
    var nextPC: UInt64 = variant ? 0x5555_0003_0000 : 0x5555_0001_0000
    func frame(_ function: String, _ file: String) -> Int32 {
      nextPC += UInt64(16 + rng.below(400))
      let line = Int32(20 + rng.below(1800)) + (variant ? 3 : 0)
      return w.address(pc: nextPC, function: function, file: file, line: line)
    }
    let hasTags = configuration.writer.version >= 7
    let tagChoices =
      hasTags
      ? [
        "Subsystem:Rendering;", "Subsystem:Audio;", "Asset:Textures/World;", "Asset:Meshes/Props;Streaming:Level;",
        "Subsystem:Physics;", "Subsystem:UI/Slate;", "Streaming:Textures;Asset:Textures/Characters;",
        "Subsystem:Animation;",
      ].map { w.tagSet($0) } : []

    // Thread roots, outermost first.
    let gameRoot = [
      frame("main", "Launch/Private/Linux/LaunchLinux.cpp"),
      frame("GuardedMain(wchar_t const*)", "Launch/Private/Launch.cpp"),
      frame("FEngineLoop::Tick()", "Launch/Private/LaunchEngineLoop.cpp"),
      frame("UGameEngine::Tick(float, bool)", "Engine/Private/GameEngine.cpp"),
      frame("UWorld::Tick(ELevelTick, float)", "Engine/Private/LevelTick.cpp"),
    ]
    let tickRoot =
      gameRoot + [
        frame("FTickTaskManager::RunTickGroup(ETickingGroup, bool)", "Engine/Private/TickTaskManager.cpp"),
        frame(
          "FActorTickFunction::ExecuteTick(float, ELevelTick, ENamedThreads::Type, TRefCountPtr<FGraphEvent> const&)",
          "Engine/Private/Actor.cpp"),
      ]
    let loadRoot = [
      gameRoot[0], gameRoot[1], gameRoot[2],
      frame("UEngine::LoadMap(FWorldContext&, FURL, UPendingNetGame*, FString&)", "Engine/Private/UnrealEngine.cpp"),
      frame(
        "LoadPackage(UPackage*, wchar_t const*, unsigned int, FArchive*)",
        "CoreUObject/Private/UObject/UObjectGlobals.cpp"),
      frame("FAsyncPackage::CreateExports()", "CoreUObject/Private/Serialization/AsyncLoading.cpp"),
      frame("FLinkerLoad::CreateExport(int)", "CoreUObject/Private/UObject/LinkerLoad.cpp"),
    ]
    let renderRoot = [
      frame("FRunnableThreadPThread::_ThreadProc(void*)", "Core/Private/HAL/PThreadRunnableThread.h"),
      frame("FRenderingThread::Run()", "RenderCore/Private/RenderingThread.cpp"),
      frame("RenderingThreadMain(FEvent*)", "RenderCore/Private/RenderingThread.cpp"),
      frame(
        "FDeferredShadingSceneRenderer::Render(FRHICommandListImmediate&)",
        "Renderer/Private/DeferredShadingRenderer.cpp"),
    ]
    let audioRoot = [
      frame("FRunnableThreadPThread::_ThreadProc(void*)", "Core/Private/HAL/PThreadRunnableThread.h"),
      frame("FAudioThread::Run()", "Engine/Private/AudioThread.cpp"),
      frame(
        "Audio::FMixerDevice::OnProcessAudioStream(Audio::AlignedFloatBuffer&)",
        "AudioMixer/Private/AudioMixerDevice.cpp"),
    ]
    let workerRoot = [
      frame("FRunnableThreadPThread::_ThreadProc(void*)", "Core/Private/HAL/PThreadRunnableThread.h"),
      frame("FQueuedThread::Run()", "Core/Private/HAL/ThreadingBase.cpp"),
      frame("FAsyncTask<FStreamingTextureLevelContext>::DoWork()", "Core/Public/Async/AsyncWork.h"),
    ]
    let startupRoot = [
      gameRoot[0], gameRoot[1],
      frame("FEngineLoop::PreInit(wchar_t const*)", "Launch/Private/LaunchEngineLoop.cpp"),
      frame("FEngineLoop::LoadStartupCoreModules()", "Launch/Private/LaunchEngineLoop.cpp"),
    ]
    let gcRoot =
      gameRoot + [
        frame("UEngine::ConditionalCollectGarbage()", "Engine/Private/UnrealEngine.cpp"),
        frame("CollectGarbage(unsigned long long, bool)", "CoreUObject/Private/UObject/GarbageCollection.cpp"),
      ]
    // The allocator frames every stack ends in; trimming removes them.
    let profilerFrame = frame(
      "FMallocProfiler::Malloc(unsigned long, unsigned int)", "Core/Private/ProfilingDebugging/MallocProfiler.cpp")
    let memoryFrame = frame("FMemory::Malloc(unsigned long, unsigned int)", "Core/Public/HAL/FMemory.inl")
    let reallocFrame = frame("FMemory::Realloc(void*, unsigned long, unsigned int)", "Core/Public/HAL/FMemory.inl")

    // Subsystem call chains (outermost first) with their leaf behaviour.
    let chains: [(root: [Int32], chain: [(String, String)], behaviour: Behaviour, sizes: ClosedRange<Int>)] = [
      (
        startupRoot,
        [
          (
            "FConfigCacheIni::LoadFile(FString const&, FConfigFile const*, wchar_t const*)",
            "Core/Private/Misc/ConfigCacheIni.cpp"
          ), ("FConfigFile::ProcessInputFileContents(FString const&)", "Core/Private/Misc/ConfigCacheIni.cpp"),
        ], .startup, 32...512
      ),
      (
        startupRoot,
        [
          ("FName::Init(wchar_t const*, int, EFindName, bool, int)", "Core/Private/UObject/UnrealNames.cpp"),
          ("FNamePool::Store(FNameStringView)", "Core/Private/UObject/UnrealNames.cpp"),
        ], .startup, 16...96
      ),
      (
        startupRoot,
        [
          ("FShaderCodeLibrary::InitForRuntime(EShaderPlatform)", "RenderCore/Private/ShaderCodeLibrary.cpp"),
          ("FShaderMapResource_SharedCode::CreateShader(int)", "RenderCore/Private/ShaderCodeLibrary.cpp"),
        ], .startup, 1024...65536
      ),
      (
        loadRoot,
        [
          ("UStaticMesh::Serialize(FArchive&)", "Engine/Private/StaticMesh.cpp"),
          ("FStaticMeshRenderData::Serialize(FArchive&, UStaticMesh*, bool)", "Engine/Private/StaticMesh.cpp"),
          (
            "TArray<FStaticMeshBuildVertex, TSizedDefaultAllocator<32> >::ResizeGrow(int)",
            "Core/Public/Containers/Array.h"
          ),
        ], .level, 1024...65536
      ),
      (
        loadRoot,
        [
          ("UTexture2D::Serialize(FArchive&)", "Engine/Private/Texture2D.cpp"),
          ("FTexturePlatformData::Serialize(FArchive&, UTexture*)", "Engine/Private/TextureDerivedData.cpp"),
        ], .level, 4096...262_144
      ),
      (
        loadRoot,
        [
          ("USkeletalMesh::Serialize(FArchive&)", "Engine/Private/SkeletalMesh.cpp"),
          (
            "FSkeletalMeshLODRenderData::Serialize(FArchive&, UObject*, int)",
            "Engine/Private/SkeletalMeshLODRenderData.cpp"
          ),
        ], .level, 8192...131072
      ),
      (
        loadRoot,
        [
          (
            "StaticConstructObject_Internal(FStaticConstructObjectParameters const&)",
            "CoreUObject/Private/UObject/UObjectGlobals.cpp"
          ),
          (
            "StaticAllocateObject(UClass const*, UObject*, FName, EObjectFlags, EInternalObjectFlags, bool, bool*)",
            "CoreUObject/Private/UObject/UObjectGlobals.cpp"
          ),
        ], .level, 64...2048
      ),
      (
        loadRoot,
        [
          ("ULevel::Serialize(FArchive&)", "Engine/Private/Level.cpp"),
          ("TArray<AActor*, TSizedDefaultAllocator<32> >::ResizeGrow(int)", "Core/Public/Containers/Array.h"),
        ], .level, 256...8192
      ),
      (
        loadRoot,
        [
          ("UMaterialInstance::Serialize(FArchive&)", "Engine/Private/Materials/MaterialInstance.cpp"),
          ("FMaterialShaderMap::Serialize(FArchive&, bool, bool)", "Engine/Private/Materials/MaterialShader.cpp"),
        ], .level, 512...16384
      ),
      (
        tickRoot,
        [
          ("AShooterCharacter::Tick(float)", "ShooterGame/Private/Player/ShooterCharacter.cpp"),
          (
            "UCharacterMovementComponent::PerformMovement(float)",
            "Engine/Private/Components/CharacterMovementComponent.cpp"
          ), ("TArray<FHitResult, TSizedDefaultAllocator<32> >::ResizeGrow(int)", "Core/Public/Containers/Array.h"),
        ], .frame, 64...1024
      ),
      (
        tickRoot,
        [
          ("AAIController::Tick(float)", "AIModule/Private/AIController.cpp"),
          ("UPathFollowingComponent::UpdatePathSegment()", "AIModule/Private/Navigation/PathFollowingComponent.cpp"),
          (
            "dtNavMeshQuery::findPath(unsigned long long, unsigned long long, float const*, float const*, dtQueryFilter const*, unsigned long long*, int*, int)",
            "Navmesh/Private/Detour/DetourNavMeshQuery.cpp"
          ),
        ], .frame, 128...4096
      ),
      (
        tickRoot,
        [
          (
            "UWidgetComponent::TickComponent(float, ELevelTick, FActorComponentTickFunction*)",
            "UMG/Private/Components/WidgetComponent.cpp"
          ), ("FSlateApplication::Tick(ESlateTickType)", "Slate/Private/Framework/Application/SlateApplication.cpp"),
          (
            "SWidget::Paint(FPaintArgs const&, FGeometry const&, FSlateRect const&, FSlateWindowElementList&, int, FWidgetStyle const&, bool) const",
            "SlateCore/Private/Widgets/SWidget.cpp"
          ),
        ], .frame, 32...512
      ),
      (
        renderRoot,
        [
          (
            "FSceneRenderer::InitViews(FRHICommandListImmediate&, FExclusiveDepthStencil::Type, FILCUpdatePrimTaskData&, TArray<TRefCountPtr<FGraphEvent>, TInlineAllocator<4, TSizedDefaultAllocator<32> > >&)",
            "Renderer/Private/SceneVisibility.cpp"
          ),
          (
            "FMeshDrawCommand::MatchesForDynamicInstancing(FMeshDrawCommand const&) const",
            "Renderer/Private/MeshDrawCommands.cpp"
          ),
        ], .frame, 256...16384
      ),
      (
        renderRoot,
        [
          ("FRHICommandListImmediate::ImmediateFlush(EImmediateFlushType::Type)", "RHI/Private/RHICommandList.cpp"),
          (
            "FVulkanDynamicRHI::RHICreateUniformBuffer(void const*, FRHIUniformBufferLayout const&, EUniformBufferUsage, EUniformBufferValidation)",
            "VulkanRHI/Private/VulkanUniformBuffer.cpp"
          ),
        ], .frame, 256...4096
      ),
      (
        audioRoot,
        [
          ("FAudioDevice::Update(bool)", "Engine/Private/AudioDevice.cpp"),
          ("USoundWave::GeneratePCMData(unsigned char*, int)", "Engine/Private/SoundWave.cpp"),
        ], .frame, 4096...32768
      ),
      (
        tickRoot,
        [
          ("AShooterWeapon::FireWeapon()", "ShooterGame/Private/Weapons/ShooterWeapon.cpp"),
          (
            "UGameplayStatics::SpawnEmitterAtLocation(UObject const*, UParticleSystem*, FVector, FRotator, FVector, bool, EPSCPoolMethod, bool)",
            "Engine/Private/GameplayStatics.cpp"
          ), ("UParticleSystemComponent::InitializeSystem()", "Engine/Private/Particles/ParticleComponents.cpp"),
        ], .gc, 512...8192
      ),
      (
        tickRoot,
        [
          ("AShooterGameMode::SpawnBot(AActor*)", "ShooterGame/Private/Online/ShooterGameMode.cpp"),
          (
            "UWorld::SpawnActor(UClass*, FTransform const*, FActorSpawnParameters const&)",
            "Engine/Private/LevelActor.cpp"
          ),
          (
            "StaticAllocateObject(UClass const*, UObject*, FName, EObjectFlags, EInternalObjectFlags, bool, bool*)",
            "CoreUObject/Private/UObject/UObjectGlobals.cpp"
          ),
        ], .gc, 1024...16384
      ),
      (
        workerRoot,
        [
          (
            "FStreamingTextureLevelContext::ProcessMaterial(FStreamingTextureBuildInfo const&)",
            "Engine/Private/Streaming/TextureStreamingHelpers.cpp"
          ),
          (
            "TArray<FStreamingRenderAssetPrimitiveInfo, TSizedDefaultAllocator<32> >::ResizeGrow(int)",
            "Core/Public/Containers/Array.h"
          ),
        ], .growing, 256...262144
      ),
      (
        tickRoot,
        [
          ("UNetDriver::TickFlush(float)", "Engine/Private/NetDriver.cpp"),
          (
            "FRepLayout::ReplicateProperties(FSendingRepState*, FRepChangelistState*, unsigned char const*, UClass*, UActorChannel*, FNetBitWriter&, FReplicationFlags const&) const",
            "Engine/Private/RepLayout.cpp"
          ), ("FBitWriter::FBitWriter(long long, bool)", "Core/Private/Serialization/BitWriter.cpp"),
        ], .growing, 128...65536
      ),
      (
        tickRoot,
        [
          (
            "AShooterPlayerController::ClientSendRoundEndEvent(bool, int)",
            "ShooterGame/Private/Player/ShooterPlayerController.cpp"
          ), ("FString::Printf(wchar_t const*, ...)", "Core/Private/Containers/String.cpp"),
        ], .leak, 48...320
      ),
      (
        gcRoot,
        [
          ("FGCReferenceTokenStream::Fixup(void*, bool)", "CoreUObject/Private/UObject/GarbageCollection.cpp"),
          ("TArray<unsigned int, TSizedDefaultAllocator<32> >::ResizeGrow(int)", "Core/Public/Containers/Array.h"),
        ], .leak, 64...1024
      ),
    ]
    var sites: [Site] = []
    for (c, chain) in chains.enumerated() {
      // Several variants per chain: a different caller line makes a different stack.
      for variant in 0..<max(configuration.variantsPerChain, 1) {
        var outer = chain.root
        if configuration.variantsPerChain > 6 {
          outer.append(
            frame("FDispatch\(variant % 64)::Handle\(variant / 64)(int)", "Dispatch/Dispatch\(variant % 64).cpp"))
        }
        for (function, file) in chain.chain { outer.append(frame(function, file)) }
        outer.append(frame(chain.chain.last?.0 ?? "main", "Variant\(variant).cpp"))
        var inner: [Int32] = outer.reversed()
        inner.insert(
          contentsOf: chain.behaviour == .growing ? [profilerFrame, reallocFrame] : [profilerFrame, memoryFrame], at: 0)
        let tags: Int32 = hasTags ? tagChoices[(c + variant) % tagChoices.count] : -1
        sites.append(
          Site(
            callstack: w.callstack(innermostFirst: inner), behaviour: chain.behaviour, minSize: chain.sizes.lowerBound,
            maxSize: chain.sizes.upperBound, tags: rng.below(3) > 0 ? tags : -1,
            shrinks: chain.chain.contains { $0.0.hasPrefix("FTexture") || $0.0.hasPrefix("UTexture") }))
      }
    }
    // The variant's new call site: a leak the previous build did not have.
    let newLeak: Int? =
      variant
      ? {
        let inner =
          [
            profilerFrame, memoryFrame,
            frame("FShaderPipelineCache::PrecompileNewPSO(int)", "RenderCore/ShaderPipelineCache.cpp"),
          ] + Array(chains[chains.count - 1].root.reversed())
        sites.append(
          Site(callstack: w.callstack(innermostFirst: inner), behaviour: .leak, minSize: 256, maxSize: 4096, tags: -1))
        return sites.count - 1
      }() : nil
    let byBehaviour = { (b: Behaviour) in sites.indices.filter { sites[$0].behaviour == b } }
    let startupSites = byBehaviour(.startup)
    let levelSites = byBehaviour(.level)
    let frameSites = byBehaviour(.frame)
    let gcSites = byBehaviour(.gc)
    let growingSites = byBehaviour(.growing)
    let leakSites = byBehaviour(.leak)

    // A heap with per-size-class free lists, so addresses get reused as they do in a real heap.
    var freeLists = [[UInt64]](repeating: [], count: 64)
    var bump: UInt64 = variant ? 0x7F10_0000_0000 : 0x7F00_0000_0000
    // Blocks of 128 KiB and more are mapped apart from the heap, as glibc's default mmap
    // threshold does: the address space has a gap to fold.
    var mapped: UInt64 = variant ? 0x7FB0_0000_0000 : 0x7FA0_0000_0000
    func allocateAddress(_ size: Int) -> UInt64 {
      if size >= 128 << 10 {
        let p = mapped
        mapped += UInt64((size + 4095) & ~4095) + 4096
        return p
      }
      let sizeClass = min((size + 15) / 16, 63)
      if sizeClass < 63, let reused = freeLists[sizeClass].popLast() { return reused }
      let p = bump
      bump += UInt64((size + 15) & ~15) + 16
      return p
    }
    func releaseAddress(_ p: UInt64, _ size: Int) {
      let sizeClass = (size + 15) / 16
      if sizeClass < 63 { freeLists[sizeClass].append(p) }
    }
    var operations = 0
    let usedPhysical: Int64 = 900 << 20
    var liveBytes: Int64 = 0
    var drawsFromVariant = false
    func randomSize(_ site: Site) -> Int {
      // Skewed towards small sizes, as real heaps are.
      let span = max(site.maxSize - site.minSize, 1)
      // The variant's extra blocks draw from its own stream, leaving the shared one as it was.
      let draw = drawsFromVariant ? variantRng.below(1 << 20) : rng.below(1 << 20)
      let r = Double(draw) / Double(1 << 20)
      let size = site.minSize + Int(Double(span) * r * r * r)
      return variant && site.shrinks ? max(size / 2, 1) : size
    }
    func statsValues() -> [(String, Int64)] {
      [
        ("Used Physical", usedPhysical + liveBytes), ("Binned Waste Current", liveBytes / 12),
        ("Binned Used Current", liveBytes), ("Binned Slack Current", liveBytes / 20),
        ("Memory Profiling Overhead", Int64(operations) * 3 + 4096),
      ]
    }
    func tick() throws {
      operations += 1
      if operations % 1024 == 1 { try w.stats(statsValues()) }
    }
    func malloc(_ s: Int) throws -> Block {
      let site = sites[s]
      let size = randomSize(site)
      let p = allocateAddress(size)
      try w.malloc(pointer: p, size: UInt32(size), callstack: site.callstack, tags: site.tags)
      liveBytes += Int64(size)
      try tick()
      return Block(pointer: p, size: UInt32(size), site: s)
    }
    func free(_ b: Block) throws {
      try w.free(pointer: b.pointer)
      releaseAddress(b.pointer, Int(b.size))
      liveBytes -= Int64(b.size)
      try tick()
    }
    func pick(_ list: [Int]) -> Int { list[rng.below(list.count)] }

    let total = max(configuration.operations, 2000)
    let maps = ["/Game/Maps/Highrise", "/Game/Maps/Canyon", "/Game/Maps/Docks"]
    var gcLive: [Block] = []
    var survivors: [Block] = []
    var growing: [Block] = []

    // Engine start-up: long-lived allocations.
    while operations < total / 20 { _ = try malloc(pick(startupSites)) }
    try w.snapshot(.snapshot, label: "Start", stats: statsValues())
    var frameTime: Float = 0
    for (m, map) in maps.enumerated() {
      try w.snapshot(.loadMapStart, label: map, stats: statsValues())
      // Loading: level-scoped objects, freed when the next map loads (the last map's stay).
      var levelBlocks: [Block] = []
      let loadOps = total / 24
      let loadEnd = operations + loadOps
      while operations < loadEnd {
        levelBlocks.append(try malloc(pick(levelSites)))
        if operations == loadEnd - loadOps / 2 { try w.snapshot(.loadMapMid, label: map, stats: statsValues()) }
        if rng.below(40) == 0 { try w.frame(deltaTime: 0.25 + Float(rng.below(100)) / 200) }
      }
      try w.snapshot(.loadMapEnd, label: map, stats: statsValues())
      // Gameplay frames until this map's share of the budget is used.
      let mapEnd = total / 20 + (m + 1) * (total - total / 20) / maps.count
      var frameIndex = 0
      var midGameDone = m != 1
      while operations < mapEnd {
        frameIndex += 1
        var temporaries: [Block] = []
        for _ in 0..<(8 + rng.below(24)) where operations < mapEnd { temporaries.append(try malloc(pick(frameSites))) }
        if rng.below(3) == 0 && operations < mapEnd { gcLive.append(try malloc(pick(gcSites))) }
        if operations < mapEnd {
          if growing.count < 40 || rng.below(2) == 0 {
            let site = pick(growingSites)
            let block = try malloc(site)
            growing.append(block)
          } else {
            let i = rng.below(growing.count)
            let old = growing[i]
            let newSize = min(Int(old.size) * 2 + 64, 8 << 20)
            let newPointer = allocateAddress(newSize)
            try w.realloc(
              old: old.pointer, new: newPointer, size: UInt32(newSize), callstack: sites[old.site].callstack,
              tags: sites[old.site].tags)
            releaseAddress(old.pointer, Int(old.size))
            liveBytes += Int64(newSize) - Int64(old.size)
            try tick()
            growing[i] = Block(pointer: newPointer, size: UInt32(newSize), site: old.site)
            if newSize > 1 << 20 {
              try free(growing[i])
              growing.remove(at: i)
            }
          }
        }
        if rng.below(50) == 0 && operations < mapEnd { _ = try malloc(pick(leakSites)) }
        if let newLeak, variantRng.below(40) == 0 && operations < mapEnd {
          drawsFromVariant = true
          _ = try malloc(variantRng.below(2) == 0 ? newLeak : leakSites[variantRng.below(leakSites.count)])
          drawsFromVariant = false
        }
        // Most temporaries die in their frame; a few survive into the next one.
        for block in survivors { try free(block) }
        survivors.removeAll(keepingCapacity: true)
        for block in temporaries {
          if rng.below(10) > 0 { try free(block) } else { survivors.append(block) }
        }
        let delta = 1 / Float(50 + rng.below(30))
        frameTime += delta
        try w.frame(deltaTime: delta)
        if frameIndex % 120 == 0 {
          // Garbage collection: most collectable objects go.
          var kept: [Block] = []
          for block in gcLive { if rng.below(5) == 0 { kept.append(block) } else { try free(block) } }
          gcLive = kept
          try w.snapshot(.gcEnd, label: "", stats: statsValues())
        }
        if !midGameDone && operations > (mapEnd + loadEnd) / 2 {
          try w.snapshot(.snapshot, label: "MidGame", stats: statsValues())
          midGameDone = true
        }
      }
      if m < maps.count - 1 {
        for block in levelBlocks { try free(block) }
      }
    }
    try w.snapshot(.snapshot, label: "BeforeQuit", stats: statsValues())
    try w.finish(endStats: statsValues())
  }
}
