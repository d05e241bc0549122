using Mproc.Protocol.Messages;

namespace Mproc.Worker.Fixtures;

/// <summary>
/// The run's global fixtures, owned by one process so that each is set up exactly once however
/// many workers ask (and however many are replaced), and torn down once at the end of the run even
/// when workers crashed or the run was interrupted. SetUp runs lazily on the first request; requests
/// that arrive meanwhile wait for that one SetUp; its value (as JSON) or its error is kept and every
/// later request gets the same answer. A fixture's SetUp may ask for another fixture; a cycle, even
/// across threads, is answered with an error naming it instead of waiting forever.
/// <para>
/// It runs in the fixture host process (see <see cref="FixtureHost"/>), so that fixture code that
/// ends its process does not end the run; with --disable-mproc, in the coordinator itself.
/// </para>
/// </summary>
#pragma warning disable CA1001 // Its token sources have no timer: nothing to release; they live as long as the run.
public sealed class GlobalFixtureManager : IGlobalFixtureService
#pragma warning restore CA1001
{
    private static readonly TimeSpan PendingSetUpGrace = TimeSpan.FromSeconds(30);

    private readonly object _gate = new();
    private readonly Dictionary<string, FixtureEntry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<FixtureEntry, FixtureEntry> _waitsFor = [];
    private readonly List<FixtureEntry> _setUpOrder = [];
    private readonly AsyncLocal<FixtureEntry?> _settingUp = new();
    // Made when a worker first asks for a fixture: a run without any does not load the test load contexts' code.
    private readonly Lazy<FixtureLoader> _loader;
    private readonly FixtureRunInfo _run;
    private readonly Action<string, string, bool>? _onStage;
    private readonly Action<string, string>? _onOutput;
    // The fixtures' token: cancelled on Ctrl+C (Interrupt) and when the run ends (TearDownAsync).
    private readonly CancellationTokenSource _runEnding = new();
    // TearDown's token: cancelled by a Ctrl+C during the teardown.
    private readonly CancellationTokenSource _tearDownCut = new();
    private bool _closed;

    /// <param name="run">What fixtures are told of the run.</param>
    /// <param name="onStage">Told before and after each fixture's SetUp and TearDown: (fixture, "SetUp" or "TearDown", ended).</param>
    /// <param name="onOutput">Gets each whole line a fixture writes to its context's log: (fixture, line).</param>
    public GlobalFixtureManager(FixtureRunInfo run, Action<string, string, bool>? onStage = null, Action<string, string>? onOutput = null)
    {
        _run = run;
        _onStage = onStage;
        _onOutput = onOutput;
        _loader = new(() => new FixtureLoader(GetNested));
    }

    /// <summary>The answer to a worker's request; sets the fixture up (on its own thread) if nobody asked before.</summary>
    public Task<GlobalFixtureValue> GetAsync(GlobalFixtureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            if (_closed)
            {
                return Task.FromResult(RunIsOver(request.FixtureType));
            }
        }

        Type type;
        try
        {
            type = _loader.Value.Resolve(request.FixtureType, request.AssemblyPath);
        }
        catch (InvalidOperationException ex)
        {
            return Task.FromResult(new GlobalFixtureValue(null, ex.Message));
        }

        FixtureEntry entry;
        bool start;
        lock (_gate)
        {
            if (_closed)
            {
                return Task.FromResult(RunIsOver(request.FixtureType));
            }

            (entry, start) = GetOrAdd(type);
        }

        if (start)
        {
            _ = Task.Factory.StartNew(() => SetUp(entry), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        return entry.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Ctrl+C: cancels the token the fixtures' SetUps got; once the teardown has begun, the token
    /// their TearDowns got.
    /// </summary>
    public void Interrupt()
    {
        lock (_gate)
        {
            (_closed ? _tearDownCut : _runEnding).Cancel();
        }
    }

    /// <summary>Whether any worker asked for a global fixture (so there may be something to tear down).</summary>
    public bool AnyRequested
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count > 0;
            }
        }
    }

    /// <summary>
    /// Ends the run's fixtures: waits a little for SetUps still running, then runs TearDown once for
    /// every fixture whose SetUp returned, in reverse order of setup. Returns one line per problem.
    /// </summary>
    public async Task<IReadOnlyList<string>> TearDownAsync()
    {
        Task[] pending;
        lock (_gate)
        {
            _closed = true;
            _runEnding.Cancel();
            pending = [.. _entries.Values.Select(e => e.Completion.Task).Where(t => !t.IsCompleted)];
        }

        var problems = new List<string>();
        try
        {
            await Task.WhenAll(pending).WaitAsync(PendingSetUpGrace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            lock (_gate)
            {
                problems.AddRange(_entries.Values.Where(e => !e.Completion.Task.IsCompleted)
                    .Select(e => $"global fixture {e.Name}: SetUp still running after {PendingSetUpGrace.TotalSeconds:F0}s at the end of the run; not torn down"));
            }
        }

        List<FixtureEntry> order;
        lock (_gate)
        {
            order = [.. _setUpOrder];
            _setUpOrder.Clear();
        }

        for (var i = order.Count - 1; i >= 0; i--)
        {
            var entry = order[i];
            try
            {
                await Task.Factory.StartNew(() => Staged(entry.Name, "TearDown", () => WithLog(entry.Name, log => entry.Fixture!.TearDown(entry.Value, _tearDownCut.Token))), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
                    .ConfigureAwait(false);
            }
#pragma warning disable CA1031 // User code: one failing TearDown is reported and must not keep the others from running.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                problems.Add($"global fixture {entry.Name}: TearDown threw {ex.GetType().Name}: {ex.Message}");
            }
        }

        return problems;
    }

    private static GlobalFixtureValue RunIsOver(string fixture) => new(null, $"global fixture {fixture}: the run is over");

    /// <summary>
    /// The entry of a fixture class, keyed by its assembly-qualified name: one per run even when
    /// several test assemblies carry a copy of the assembly that defines it.
    /// </summary>
    private (FixtureEntry Entry, bool Start) GetOrAdd(Type type)
    {
        var key = type.AssemblyQualifiedName ?? type.FullName ?? type.Name;
        if (_entries.TryGetValue(key, out var entry))
        {
            return (entry, false);
        }

        entry = new FixtureEntry(type);
        _entries.Add(key, entry);
        return (entry, true);
    }

    /// <summary>A fixture asked for inside this process (by another fixture's SetUp), on that SetUp's thread.</summary>
    private (string? Json, string? Error) GetNested(Type fixtureType)
    {
        var waiter = _settingUp.Value;
        FixtureEntry entry;
        bool start;
        lock (_gate)
        {
            if (_closed)
            {
                return (null, RunIsOver(fixtureType.FullName ?? fixtureType.Name).Error);
            }

            (entry, start) = GetOrAdd(fixtureType);
            if (waiter is not null && !entry.Completion.Task.IsCompleted)
            {
                var cycle = FindCycle(waiter, entry);
                if (cycle is not null)
                {
                    return (null, cycle);
                }

                _waitsFor[waiter] = entry;
            }
        }

        try
        {
            if (start)
            {
                SetUp(entry);
            }

            var value = entry.Completion.Task.GetAwaiter().GetResult();
            return (value.Json, value.Error);
        }
        finally
        {
            if (waiter is not null)
            {
                lock (_gate)
                {
                    _waitsFor.Remove(waiter);
                }
            }
        }
    }

    /// <summary>
    /// Would <paramref name="waiter"/> waiting for <paramref name="target"/> close a cycle of waits?
    /// Then its description, from the fixture asked for round to it again.
    /// </summary>
    private string? FindCycle(FixtureEntry waiter, FixtureEntry target)
    {
        var path = new List<FixtureEntry> { target };
        for (var current = target; !ReferenceEquals(current, waiter);)
        {
            if (path.Count > _entries.Count || !_waitsFor.TryGetValue(current, out var next))
            {
                return null;
            }

            path.Add(next);
            current = next;
        }

        path.Add(target);
        return $"global fixture cycle: {string.Join(" -> ", path.Select(e => e.Name))}";
    }

    private void SetUp(FixtureEntry entry)
    {
        var previous = _settingUp.Value;
        _settingUp.Value = entry;
        GlobalFixtureValue result;
        try
        {
            result = RunSetUp(entry);
        }
        finally
        {
            _settingUp.Value = previous;
        }

        entry.Completion.TrySetResult(result);
    }

    private T Staged<T>(string fixture, string stage, Func<T> code)
    {
        _onStage?.Invoke(fixture, stage, false);
        try
        {
            return code();
        }
        finally
        {
            _onStage?.Invoke(fixture, stage, true);
        }
    }

    private void Staged(string fixture, string stage, Action code) => Staged(fixture, stage, () =>
    {
        code();
        return true;
    });

    /// <summary>Runs a fixture's code with its context log; a last line without a line break is shown at the end.</summary>
    private T WithLog<T>(string fixture, Func<TextWriter, T> code)
    {
        // Not disposed: a fixture may keep its log for work it started (lines still reach the run's output).
        var log = new FixtureLogWriter(fixture, _onOutput ?? ((_, _) => { }));
        try
        {
            return code(log);
        }
        finally
        {
            log.Flush();
        }
    }

    private void WithLog(string fixture, Action<TextWriter> code) => WithLog(fixture, log =>
    {
        code(log);
        return true;
    });

    private GlobalFixtureValue RunSetUp(FixtureEntry entry)
    {
        LoadedFixture fixture;
        try
        {
            fixture = LoadedFixture.Create(entry.Type);
        }
        catch (InvalidOperationException ex)
        {
            return new GlobalFixtureValue(null, ex.Message);
        }

        object? value;
        try
        {
            value = Staged(fixture.Name, "SetUp", () => WithLog(fixture.Name, log => fixture.SetUp(_run, log, _runEnding.Token)));
        }
#pragma warning disable CA1031 // Whatever SetUp throws is the fixture's failure, given to every test that asks.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new GlobalFixtureValue(null, $"global fixture {fixture.Name}: SetUp threw {ex.GetType().Name}: {ex.Message}");
        }

        lock (_gate)
        {
            entry.Fixture = fixture;
            entry.Value = value;
            _setUpOrder.Add(entry);
        }

        var (json, error) = fixture.Serialize(value);
        return new GlobalFixtureValue(json, error);
    }
}
