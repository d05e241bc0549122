using System.Runtime.Loader;

namespace Mproc.GlobalFixtures;

/// <summary>
/// Global fixtures outside nunit-mproc (plain dotnet test, an IDE): set up once per process on first
/// use, torn down in reverse order when the process exits or the load context holding this assembly
/// is unloaded. One lock for every SetUp, so a fixture may use another one and a cycle is found on
/// the stack of fixtures being set up.
/// </summary>
internal static class LocalFixtures
{
    private static readonly object Gate = new();
    private static readonly Dictionary<Type, (object? Value, string? Error)> Entries = [];
    private static readonly List<Type> SettingUp = [];
    private static readonly List<(Type Fixture, Action TearDown)> TearDowns = [];
    // Cancelled when the process ends (or the load context is unloaded): the run is over.
    private static readonly CancellationTokenSource RunEnding = new();
    private static readonly string RunId = Guid.NewGuid().ToString("N");
    private static bool _hooked;
    private static bool _tornDown;

    public static T Get<TFixture, T>()
        where TFixture : IGlobalFixtureOf<T>, new()
    {
        var fixtureType = typeof(TFixture);
        lock (Gate)
        {
            if (Entries.TryGetValue(fixtureType, out var entry))
            {
                return entry.Error is null ? (T)entry.Value! : throw new GlobalFixtureException(entry.Error);
            }

            var cycleStart = SettingUp.IndexOf(fixtureType);
            if (cycleStart >= 0)
            {
                throw new GlobalFixtureException(FixtureErrors.Cycle([.. SettingUp.Skip(cycleStart), fixtureType]));
            }

            HookTearDown();
            SettingUp.Add(fixtureType);
            try
            {
                var fixture = new TFixture();
                T original;
                try
                {
                    original = SetUp<T>(fixture, fixtureType);
                }
#pragma warning disable CA1031 // Whatever SetUp throws is the fixture's failure, reported to every test that asks.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    return Remember<T>(fixtureType, (null, FixtureErrors.SetUpFailed(fixtureType, ex)));
                }

                TearDowns.Add((fixtureType, () => TearDown(fixture, original)));
                try
                {
                    return Remember<T>(fixtureType, (FixtureJson.RoundTrip(fixtureType, original), null));
                }
                catch (GlobalFixtureException ex)
                {
                    return Remember<T>(fixtureType, (null, ex.Message));
                }
            }
            finally
            {
                SettingUp.RemoveAt(SettingUp.Count - 1);
            }
        }
    }

    private static T SetUp<T>(IGlobalFixtureOf<T> fixture, Type fixtureType) => fixture switch
    {
        IGlobalFixture<T> sync => sync.SetUp(),
        IAsyncGlobalFixture<T> async => async.SetUpAsync(
            new GlobalFixtureContext(RunId, 1, Path.GetDirectoryName(fixtureType.Assembly.Location) ?? AppContext.BaseDirectory, new PrefixedLineWriter(Console.Out, $"[{fixtureType.FullName}] ")),
            RunEnding.Token).GetAwaiter().GetResult(),
        _ => throw new InvalidOperationException($"{fixtureType.FullName} implements neither IGlobalFixture<T> nor IAsyncGlobalFixture<T>"),
    };

    private static void TearDown<T>(IGlobalFixtureOf<T> fixture, T value)
    {
        switch (fixture)
        {
            case IGlobalFixture<T> sync:
                sync.TearDown(value);
                break;
            case IAsyncGlobalFixture<T> async:
                async.TearDownAsync(value, CancellationToken.None).GetAwaiter().GetResult();
                break;
        }
    }

    private static T Remember<T>(Type fixtureType, (object? Value, string? Error) entry)
    {
        Entries[fixtureType] = entry;
        return entry.Error is null ? (T)entry.Value! : throw new GlobalFixtureException(entry.Error);
    }

    private static void HookTearDown()
    {
        if (_hooked)
        {
            return;
        }

        _hooked = true;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        var context = AssemblyLoadContext.GetLoadContext(typeof(LocalFixtures).Assembly);
        if (context is { IsCollectible: true })
        {
            context.Unloading += OnUnloading;
        }
    }

    private static void OnProcessExit(object? sender, EventArgs e) => TearDownAll();

    private static void OnUnloading(AssemblyLoadContext context)
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        TearDownAll();
    }

    private static void TearDownAll()
    {
        List<(Type Fixture, Action TearDown)> tearDowns;
        lock (Gate)
        {
            if (_tornDown)
            {
                return;
            }

            _tornDown = true;
            RunEnding.Cancel();
            tearDowns = [.. TearDowns];
            TearDowns.Clear();
        }

        for (var i = tearDowns.Count - 1; i >= 0; i--)
        {
            try
            {
                tearDowns[i].TearDown();
            }
#pragma warning disable CA1031 // One failing TearDown must not keep the others from running.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Console.Error.WriteLine($"global fixture {tearDowns[i].Fixture.FullName}: TearDown threw {ex.GetType().Name}: {ex.Message}");
            }
        }
    }
}
