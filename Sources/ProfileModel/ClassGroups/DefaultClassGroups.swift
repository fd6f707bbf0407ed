/// The built-in class groups: the same text as the repository's `ClassGroups.xml` (a test
/// keeps the two identical), used when no file is found.
enum DefaultClassGroups {
  static let xml = #"""
<?xml version="1.0" encoding="utf-8"?>
<!--
  mprof-tui default class groups. Same schema as MemoryProfiler2's ClassGroups.xml.
  A callstack belongs to the first pattern that matches one of its frames (function names,
  outermost frame first). Patterns are tried by PatternOrderGroup (Specific, SubPools, General,
  CatchAll), then OrderBias (lower first), then group name, then their order in the group.
  Specific subsystems use bias 0; callers seen in many stacks (gameplay, levels, threads) and
  generic containers and allocators use higher biases so the specific group wins.
-->
<SettableOptions>
	<ClassGroups>
		<ClassGroup Name="Animation" bFilter="true" Color="PeachPuff">
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UAnim</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FAnim</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UAnimSequence</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FAnimationRuntime</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UPoseAsset</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FBoneContainer</StackFramePatterns>
			</CallStackPatterns>
		</ClassGroup>
		<ClassGroup Name="Audio" bFilter="true" Color="Blue">
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FAudio</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UAudio</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^USound</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FSound</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FMixer</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FXAudio2</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FAsyncVorbisDecompressWorker</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FAudioDevice</StackFramePatterns>
			</CallStackPatterns>
		</ClassGroup>
		<ClassGroup Name="Script &amp; Reflection" bFilter="true" Color="Silver">
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^\[Script\] </StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UFunction::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FFrame::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UBlueprint</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UClass::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UStruct::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UScriptStruct::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FProperty::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UProperty::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UEnum::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FScriptArray::</StackFramePatterns>
			</CallStackPatterns>
		</ClassGroup>
		<ClassGroup Name="UObjects" bFilter="true" Color="Gray">
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="50">
				<StackFramePatterns>^StaticAllocateObject</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="50">
				<StackFramePatterns>^StaticConstructObject</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="50">
				<StackFramePatterns>^NewObject</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="50">
				<StackFramePatterns>^FUObjectArray::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="50">
				<StackFramePatterns>^UObjectBase::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="50">
				<StackFramePatterns>^UObject::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="50">
				<StackFramePatterns>^FObjectInitializer::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="50">
				<StackFramePatterns>^FUObjectHashTables</StackFramePatterns>
			</CallStackPatterns>
		</ClassGroup>
		<ClassGroup Name="Names &amp; Text" bFilter="true" Color="Chocolate">
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FName::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FNameEntry</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FNamePool</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FText::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FTextHistory</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>AllocateNameEntry</StackFramePatterns>
			</CallStackPatterns>
		</ClassGroup>
		<ClassGroup Name="Config" bFilter="true" Color="Red">
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FConfigCacheIni::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FConfigFile::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FConfigSection::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^GConfig</StackFramePatterns>
			</CallStackPatterns>
		</ClassGroup>
		<ClassGroup Name="Materials &amp; Shaders" bFilter="true" Color="Lime">
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UMaterial</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FMaterial</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FShader</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FGlobalShader</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FShaderMap</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FMaterialShaderMap</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FShaderCompilingManager</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FShaderCodeLibrary</StackFramePatterns>
			</CallStackPatterns>
		</ClassGroup>
		<ClassGroup Name="Meshes" bFilter="true" Color="DodgerBlue">
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UStaticMesh</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FStaticMesh</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^USkeletalMesh</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FSkeletalMesh</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FStaticLODModel</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FSkeletalMeshLODRenderData</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FRawStaticIndexBuffer</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FPositionVertexBuffer</StackFramePatterns>
			</CallStackPatterns>
		</ClassGroup>
		<ClassGroup Name="Textures" bFilter="true" Color="CornflowerBlue">
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UTexture</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FTexture</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FStreamingManagerTexture</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FRenderAssetStreamingManager</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FTexture2DResource</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FTexturePlatformData</StackFramePatterns>
			</CallStackPatterns>
		</ClassGroup>
		<ClassGroup Name="RHI" bFilter="true" Color="DarkSeaGreen">
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FRHI</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^RHICreate</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FD3D11</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FD3D12</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FVulkan</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FOpenGL</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FMetal</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FDynamicRHI</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FRenderResource::</StackFramePatterns>
			</CallStackPatterns>
		</ClassGroup>
		<ClassGroup Name="Scene Rendering" bFilter="true" Color="DarkGreen">
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FScene::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FSceneRenderer</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FPrimitiveSceneInfo</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FPrimitiveSceneProxy</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FDeferredShadingSceneRenderer</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FMeshDrawCommand</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FLightSceneInfo</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FSceneViewState</StackFramePatterns>
			</CallStackPatterns>
		</ClassGroup>
		<ClassGroup Name="Particles &amp; FX" bFilter="true" Color="DeepSkyBlue">
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UParticle</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FParticle</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UNiagara</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FNiagara</StackFramePatterns>
			</CallStackPatterns>
		</ClassGroup>
		<ClassGroup Name="Physics" bFilter="true" Color="SkyBlue">
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FPhys</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UPhys</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FBodyInstance</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^Px</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^physx::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^Chaos::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FChaos</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FPhysScene</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UBodySetup</StackFramePatterns>
			</CallStackPatterns>
		</ClassGroup>
		<ClassGroup Name="Navigation &amp; AI" bFilter="true" Color="Teal">
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UNavigation</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^ARecastNavMesh</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FNavMesh</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^dtNavMesh</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FRecast</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UAIPerception</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UBehaviorTree</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UBlackboard</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UPathFollowingComponent</StackFramePatterns>
			</CallStackPatterns>
		</ClassGroup>
		<ClassGroup Name="UI &amp; Slate" bFilter="true" Color="Orchid">
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FSlate</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^SWidget</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^SCompoundWidget</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UWidget</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UUserWidget</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FSlateApplication</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UCanvas</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FCanvas</StackFramePatterns>
			</CallStackPatterns>
		</ClassGroup>
		<ClassGroup Name="Levels &amp; Streaming" bFilter="true" Color="Yellow">
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="100">
				<StackFramePatterns>^ULevel::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="100">
				<StackFramePatterns>^UWorld::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="100">
				<StackFramePatterns>^FLevelStreaming</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="100">
				<StackFramePatterns>^ULevelStreaming</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="100">
				<StackFramePatterns>^FAsyncLoading</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="100">
				<StackFramePatterns>^FAsyncPackage</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="100">
				<StackFramePatterns>^FLinkerLoad</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="100">
				<StackFramePatterns>^UEngine::LoadMap</StackFramePatterns>
			</CallStackPatterns>
		</ClassGroup>
		<ClassGroup Name="Packages &amp; IO" bFilter="true" Color="Aqua">
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UPackage::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FPak</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FArchive</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FFileHandle</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^IFileHandle</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^IPlatformFile</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FPlatformFile</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FBulkData</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FIoDispatcher</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^fopen</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^fread</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^std::basic_filebuf</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^std::basic_ifstream</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^std::basic_ofstream</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^std::__cxx11::basic_stringstream</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^std::basic_stringstream</StackFramePatterns>
			</CallStackPatterns>
		</ClassGroup>
		<ClassGroup Name="Networking" bFilter="true" Color="Salmon">
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UNetDriver</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UNetConnection</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FSocket</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UChannel</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^UActorChannel</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FBitWriter</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FBitReader</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FNetGUIDCache</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FRepLayout</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^FObjectReplicator</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^socket</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^recv</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="0">
				<StackFramePatterns>^send</StackFramePatterns>
			</CallStackPatterns>
		</ClassGroup>
		<ClassGroup Name="Gameplay" bFilter="true" Color="Orange">
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="100">
				<StackFramePatterns>^AActor::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="100">
				<StackFramePatterns>^APawn::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="100">
				<StackFramePatterns>^ACharacter::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="100">
				<StackFramePatterns>^UActorComponent::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="100">
				<StackFramePatterns>^USceneComponent::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="100">
				<StackFramePatterns>^AGameMode</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="100">
				<StackFramePatterns>^APlayerController::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="100">
				<StackFramePatterns>^UGameInstance::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="100">
				<StackFramePatterns>^UCharacterMovementComponent::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="100">
				<StackFramePatterns>^UGameplayStatics::</StackFramePatterns>
			</CallStackPatterns>
		</ClassGroup>
		<ClassGroup Name="Tasks &amp; Threads" bFilter="true" Color="Khaki">
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="150">
				<StackFramePatterns>^FTaskGraph</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="150">
				<StackFramePatterns>^FQueuedThreadPool</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="150">
				<StackFramePatterns>^FRunnableThread</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="150">
				<StackFramePatterns>^FRunnable</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="150">
				<StackFramePatterns>^TGraphTask</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="150">
				<StackFramePatterns>^FAsyncTask</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="150">
				<StackFramePatterns>^FNamedTaskThread</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="150">
				<StackFramePatterns>^std::thread</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="150">
				<StackFramePatterns>^std::async</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="150">
				<StackFramePatterns>^pthread_</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="150">
				<StackFramePatterns>^start_thread</StackFramePatterns>
			</CallStackPatterns>
		</ClassGroup>
		<ClassGroup Name="Engine Containers" bFilter="true" Color="Tan">
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="200">
				<StackFramePatterns>^TArray&lt;</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="200">
				<StackFramePatterns>^TMap&lt;</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="200">
				<StackFramePatterns>^TSet&lt;</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="200">
				<StackFramePatterns>^TSparseArray&lt;</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="200">
				<StackFramePatterns>^TBitArray&lt;</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="200">
				<StackFramePatterns>^TSortedMap&lt;</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="200">
				<StackFramePatterns>^TMultiMap&lt;</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="200">
				<StackFramePatterns>^TQueue&lt;</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="200">
				<StackFramePatterns>^TChunkedArray&lt;</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="200">
				<StackFramePatterns>^FString::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="200">
				<StackFramePatterns>^TStringBuilder</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="200">
				<StackFramePatterns>^FMemStack</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="200">
				<StackFramePatterns>^FMemStackBase::</StackFramePatterns>
			</CallStackPatterns>
		</ClassGroup>
		<ClassGroup Name="C++ Containers &amp; Strings" bFilter="true" Color="Wheat">
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="250">
				<StackFramePatterns>^std::vector&lt;</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="250">
				<StackFramePatterns>^std::__cxx11::basic_string</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="250">
				<StackFramePatterns>^std::basic_string</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="250">
				<StackFramePatterns>^std::map&lt;</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="250">
				<StackFramePatterns>^std::multimap&lt;</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="250">
				<StackFramePatterns>^std::set&lt;</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="250">
				<StackFramePatterns>^std::unordered_map&lt;</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="250">
				<StackFramePatterns>^std::unordered_set&lt;</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="250">
				<StackFramePatterns>^std::_Rb_tree</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="250">
				<StackFramePatterns>^std::_Hashtable</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="250">
				<StackFramePatterns>^std::__detail::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="250">
				<StackFramePatterns>^std::deque&lt;</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="250">
				<StackFramePatterns>^std::list&lt;</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="250">
				<StackFramePatterns>^std::__cxx11::list&lt;</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="250">
				<StackFramePatterns>^std::function&lt;</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="250">
				<StackFramePatterns>^std::shared_ptr&lt;</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="250">
				<StackFramePatterns>^std::make_shared</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="250">
				<StackFramePatterns>^std::__shared_count</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="250">
				<StackFramePatterns>^std::allocator&lt;</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="250">
				<StackFramePatterns>^__gnu_cxx::new_allocator</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="250">
				<StackFramePatterns>^absl::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="250">
				<StackFramePatterns>^boost::</StackFramePatterns>
			</CallStackPatterns>
		</ClassGroup>
		<ClassGroup Name="Allocators &amp; C Runtime" bFilter="true" Color="LightSlateGray">
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="300">
				<StackFramePatterns>^malloc</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="300">
				<StackFramePatterns>^calloc</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="300">
				<StackFramePatterns>^realloc</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="300">
				<StackFramePatterns>^posix_memalign</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="300">
				<StackFramePatterns>^aligned_alloc</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="300">
				<StackFramePatterns>^strdup</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="300">
				<StackFramePatterns>^__libc_</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="300">
				<StackFramePatterns>^_dl_</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="300">
				<StackFramePatterns>^je_</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="300">
				<StackFramePatterns>^tc_</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="300">
				<StackFramePatterns>^mi_</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="300">
				<StackFramePatterns>^FMallocBinned</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="300">
				<StackFramePatterns>^FMallocAnsi</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="300">
				<StackFramePatterns>^FMallocTBB</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="300">
				<StackFramePatterns>^FMallocMimalloc</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="300">
				<StackFramePatterns>^FMallocStomp</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="300">
				<StackFramePatterns>^FMemory::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="300">
				<StackFramePatterns>^FPlatformMemory::</StackFramePatterns>
			</CallStackPatterns>
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="General" OrderBias="300">
				<StackFramePatterns>^operator new</StackFramePatterns>
			</CallStackPatterns>
		</ClassGroup>
		<ClassGroup Name="Ungrouped" bFilter="true" Color="Purple">
			<CallStackPatterns UseRegexes="true" PatternOrderGroup="CatchAll" OrderBias="32767">
				<StackFramePatterns>.</StackFramePatterns>
			</CallStackPatterns>
		</ClassGroup>
	</ClassGroups>
	<MemoryPoolFilterState>15</MemoryPoolFilterState>
	<InvertCallStacksInCallGraphView>false</InvertCallStacksInCallGraphView>
	<FilterOutObjectVMFunctions>false</FilterOutObjectVMFunctions>
	<TrimAllocatorFunctions>true</TrimAllocatorFunctions>
	<AllocatorFunctions>
		<FCallStackFunctionFilter FilterPattern="FMallocProfiler::" FilterMode="StartsWith" />
		<FCallStackFunctionFilter FilterPattern="FMallocGcmProfiler::" FilterMode="StartsWith" />
		<FCallStackFunctionFilter FilterPattern="FMallocPoisonProxy::" FilterMode="StartsWith" />
		<FCallStackFunctionFilter FilterPattern="FMemory::" FilterMode="StartsWith" />
		<FCallStackFunctionFilter FilterPattern="operator new" FilterMode="StartsWith" />
		<FCallStackFunctionFilter FilterPattern="FSlateControlledConstruction::" FilterMode="StartsWith" />
	</AllocatorFunctions>
</SettableOptions>

"""#
}
