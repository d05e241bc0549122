using Microsoft.Extensions.Logging;
using Mproc.Protocol.Messages;
using Mproc.Worker.Fixtures;

namespace Mproc.Coordinator.Fixtures;

/// <summary>
/// The run's global fixtures, served by a fixture host process so that fixture code never runs in the
/// coordinator: a SetUp or TearDown that ends its process ends the host, not the run. The host is
/// started on the first request (a run without fixtures starts none). Each fixture is asked for once;
/// every later request gets the same answer, kept here. When the host dies, the requests it had open
/// are answered with an error naming the fixture and what happened, the next request for another
/// fixture starts a new host, and the fixtures set up in the dead one are reported as not torn down.
/// </summary>
public sealed class FixtureHostClient : IGlobalFixtureService
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Task<GlobalFixtureValue>> _answers = new(StringComparer.Ordinal);
    private readonly List<string> _lost = [];
    private readonly FixtureRunInfo _run;
    private readonly TimeSpan? _timeout;
    private readonly TimeProvider _time;
    private readonly Action<string, string> _output;
    private readonly ILogger _logger;
    private FixtureHostProcess? _host;
    private bool _closed;

    /// <param name="timeout">--test-timeout: the longest a SetUp may take, and a TearDown may stay silent.</param>
    /// <param name="output">Gets each line a fixture wrote to its context's log: (fixture, line).</param>
    public FixtureHostClient(FixtureRunInfo run, TimeSpan? timeout, TimeProvider time, Action<string, string> output, ILogger logger)
    {
        _run = run;
        _timeout = timeout;
        _time = time;
        _output = output;
        _logger = logger;
    }

    public bool AnyRequested
    {
        get
        {
            lock (_gate)
            {
                return _answers.Count > 0;
            }
        }
    }

    public Task<GlobalFixtureValue> GetAsync(GlobalFixtureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Task<GlobalFixtureValue> answer;
        lock (_gate)
        {
            if (_closed)
            {
                return Task.FromResult(new GlobalFixtureValue(null, $"global fixture {request.FixtureType}: the run is over"));
            }

            if (!_answers.TryGetValue(request.FixtureType, out answer!))
            {
                answer = Ask(request);
                _answers.Add(request.FixtureType, answer);
                _ = LogAsync(answer, request.FixtureType);
            }
        }

        return answer.WaitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> TearDownAsync()
    {
        FixtureHostProcess? host;
        lock (_gate)
        {
            _closed = true;
            host = _host;
            _host = null;
        }

        var problems = new List<string>();
        if (host is not null)
        {
            problems.AddRange(await host.EndAsync(_timeout, _time).ConfigureAwait(false));
            await host.DisposeAsync().ConfigureAwait(false);
        }

        lock (_gate)
        {
            problems.InsertRange(0, _lost);
        }

        return problems;
    }

    /// <summary>Under the gate: asks the running host, starting one if there is none.</summary>
    private Task<GlobalFixtureValue> Ask(GlobalFixtureRequest request)
    {
        if (_host is null)
        {
            try
            {
                _host = FixtureHostProcess.Start(_run, _logger, _output, HostDied);
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
            {
                return Task.FromResult(new GlobalFixtureValue(null, $"global fixture {request.FixtureType}: the fixture host cannot be started: {ex.Message}"));
            }
        }

        return _host.AskAsync(request, _timeout, _time);
    }

    private void HostDied(FixtureHostProcess host, IReadOnlyList<string> lostTearDowns)
    {
        var dead = false;
        lock (_gate)
        {
            // A host being ended reports its problems to TearDownAsync instead.
            if (ReferenceEquals(_host, host))
            {
                _host = null;
                _lost.AddRange(lostTearDowns);
                dead = true;
            }
        }

        if (dead)
        {
            _ = host.DisposeAsync().AsTask();
        }
    }

    private async Task LogAsync(Task<GlobalFixtureValue> answer, string fixtureType)
    {
        var started = _time.GetTimestamp();
        var value = await answer.ConfigureAwait(false);
        if (value.Error is null)
        {
            GlobalFixtureLog.SetUp(_logger, fixtureType, _time.GetElapsedTime(started).TotalSeconds);
        }
        else
        {
            GlobalFixtureLog.Failed(_logger, value.Error);
        }
    }
}
