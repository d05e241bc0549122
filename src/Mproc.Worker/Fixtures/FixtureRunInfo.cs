namespace Mproc.Worker.Fixtures;

/// <summary>What a global fixture's SetUp is told of the run it serves.</summary>
public sealed record FixtureRunInfo(string RunId, int WorkerCount);
