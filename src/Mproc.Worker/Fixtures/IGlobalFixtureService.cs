using Mproc.Protocol.Messages;

namespace Mproc.Worker.Fixtures;

/// <summary>
/// What the coordinator needs of the run's global fixtures: each set up once, on the first request,
/// and all torn down once at the end. Served in a fixture host process, or in-process with
/// --disable-mproc (<see cref="GlobalFixtureManager"/>).
/// </summary>
public interface IGlobalFixtureService
{
    /// <summary>Whether any worker asked for a global fixture (so there may be something to tear down).</summary>
    bool AnyRequested { get; }

    /// <summary>The answer to a worker's request: the value as JSON, or the error its tests fail with.</summary>
    Task<GlobalFixtureValue> GetAsync(GlobalFixtureRequest request, CancellationToken cancellationToken);

    /// <summary>Ends the run's fixtures: TearDown once for every fixture whose SetUp returned; one line per problem.</summary>
    Task<IReadOnlyList<string>> TearDownAsync();
}
