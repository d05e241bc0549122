using Mproc.Protocol;
using Mproc.Protocol.Messages;

namespace Mproc.Tests.Protocol;

/// <summary>One message of every type with a non-default value in every field, and variants with nulls and empty lists.</summary>
internal static class SampleMessages
{
    public static TestOutcome FullOutcome { get; } = new(
        Status: "Failed",
        Label: "Error",
        Site: "TearDown",
        Message: "Expected: 3\nBut was:  4 — «ünïcödé» 🚀",
        StackTrace: "   at Tests.Math.Add() in /src/Math.cs:line 12",
        Output: "console output\r\nwith CRLF and \0 nul",
        StartTicks: 638_000_000_000_000_000,
        EndTicks: long.MaxValue,
        DurationSeconds: 0.000_123_4,
        AssertCount: 7,
        Attachments: [new TestAttachment("/tmp/shots/ünï 1.png", "screen «at» the failure"), new TestAttachment("/tmp/log.txt", "the log")]);

    public static TestOutcome SparseOutcome { get; } = new(
        Status: "Passed",
        Label: string.Empty,
        Site: "Test",
        Message: null,
        StackTrace: null,
        Output: null,
        StartTicks: 1,
        EndTicks: 2,
        DurationSeconds: 1e-9,
        AssertCount: 0);

    public static TestNode FullNode { get; } = new(
        ParentIndex: 4,
        Ordinal: 123_456,
        Id: "0-1042",
        TestType: "TestMethod",
        Name: "Adds(1,2)",
        FullName: "Tests.Math.Adds(1,2)",
        ClassName: "Tests.Math",
        MethodName: "Adds",
        RunState: "Runnable",
        Seed: -1_234_567,
        Properties: ["Category", "Fast", "Description", "测试 ✓"]);

    public static TestNode SparseNode { get; } = new(
        ParentIndex: -1,
        Ordinal: -1,
        Id: "0-1000",
        TestType: "Assembly",
        Name: "Tests.dll",
        FullName: "/tmp/Tests.dll",
        ClassName: null,
        MethodName: null,
        RunState: "Runnable",
        Seed: 0,
        Properties: []);

    /// <summary>Every message type once; every field, nested ones included, holds a non-default value.</summary>
    public static IReadOnlyList<IMessage> Full { get; } =
    [
        new Hello(ProtocolConstants.Version, WorkerId: 3, ProcessId: 98_765, Secret: "s3cr€t-✓", RuntimeVersion: "10.0.1", AppDomain: "Mproc.Worker ✓"),
        new Welcome(ProtocolConstants.Version, RunId: "run-Ωmega", WorkerCount: 8, Assemblies: ["/a/Tests.dll", "/b/测试.dll"], FilterXml: "<filter><cat>Fast</cat></filter>", RandomSeed: -42, ReorderTests: true, TestParameters: [new TestParameter("url", "http://x/?a=1;b=2"), new TestParameter("ü", "ß")], DefaultCulture: "fr-FR", DefaultUICulture: "de-DE", WorkDirectory: "/work/dir", DefaultTimeout: 2500, MaxFail: 3, FailedFirst: ["Ns.Fixture.Test(\"ü\")", "X.Y"], Timings: [new AssemblyTimings("Tests.dll", ExpectedDurations.Of([("Ns.Fixture.Test(\"ü\")", 1.25), ("Ns.Fixture.Other", 0.0625)])), new AssemblyTimings("测试.dll", ExpectedDurations.Of([("X.Y", 0.5)]))]),
        new Rejected("版本 mismatch 🚫"),
        new Discovered(
        [
            new AssemblyDiscovery("/a/Tests.dll", "4.4.0", "could not load Foo", [FullNode, FullNode with { Ordinal = 9, Name = "Other" }]),
            new AssemblyDiscovery("/b/More.dll", "3.14.0", "second", [FullNode]),
        ]),
        new StartRun(),
        new AbortRun("discovery differs at test 12: «Tests.A» vs «Tests.B»"),
        new ClaimRequest(int.MaxValue),
        new ClaimGrant(Mine: [1, 5, 100, 3, 65_536, 1], Taken: [int.MinValue, -1, 70_000, int.MaxValue], QueueEmpty: true),
        new TestStarted(42),
        new SuiteStarted(1_000_000),
        new TestUnreported(7),
        new TestFinished(7, FullOutcome),
        new SuiteFinished(3, FullOutcome),
        new WorkerDone(TestsRun: 10_000, BusySeconds: 12.5),
        new WorkerFailed("boom", "System.InvalidOperationException: boom\n   at Worker.Main()"),
        new GlobalFixtureRequest("Tests.Database, Tests, Version=1.0.0.0, Culture=neutral, PublicKeyToken=null", "/a/测试.dll", GlobalFixtureScope.Node),
        new GlobalFixtureValue(Json: "{\"ConnectionString\":\"Host=db;Port=5432 ✓\"}", Error: "global fixture Tests.Database: SetUp threw «boom»", FixtureType: "Tests.Database, Tests"),
        new TestOutputLine(12, "Progress", "half a line ✓ «"),
        new EventOnConnection(),
        new OutputPart(IsSuite: true, Target: 1_000_000, Text: "a piece of output ✓ «"),
        new FixtureHostEnd(),
        new FixtureHostEnded(["global fixture Tests.Database: TearDown threw «boom»", "second ✓"]),
        new FixtureHostStage("Tests.Database ✓", "SetUp", Ended: true),
        new FixtureOutputLine("Tests.Database", "container started on port 5432 ✓"),
    ];

    /// <summary>Nulls where nullable, empty lists and strings, zero and negative numbers.</summary>
    public static IReadOnlyList<IMessage> Sparse { get; } =
    [
        new Hello(0, WorkerId: -1, ProcessId: 0, Secret: string.Empty, RuntimeVersion: string.Empty),
        new Welcome(ProtocolConstants.Version, RunId: string.Empty, WorkerCount: 0, Assemblies: [], FilterXml: string.Empty, RandomSeed: 0, Timings: []),
        new Discovered([]),
        new Discovered([new AssemblyDiscovery("/a/Tests.dll", "5.0.0", null, [])]),
        new Discovered([new AssemblyDiscovery("/a/Tests.dll", "5.0.0", null, [SparseNode])]),
        new ClaimGrant([], [], QueueEmpty: false),
        new TestFinished(0, SparseOutcome),
        new SuiteFinished(-1, SparseOutcome),
        new WorkerDone(0, double.NaN),
        new WorkerDone(int.MinValue, double.Epsilon),
        new WorkerFailed(string.Empty, null),
        new GlobalFixtureRequest(string.Empty, string.Empty),
        new GlobalFixtureValue(Json: null, Error: null),
        new GlobalFixtureValue(Json: "null", Error: null),
        new TestOutputLine(-1, string.Empty, string.Empty),
        new OutputPart(IsSuite: false, Target: 0, Text: string.Empty),
        new FixtureHostEnded([]),
        new FixtureHostStage(string.Empty, string.Empty, Ended: false),
        new FixtureOutputLine(string.Empty, string.Empty),
    ];

    public static IMessage FullOf(MessageTypeId typeId) => Full.Single(message => message.TypeId == typeId);
}
