using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Mproc.Coordinator.Workers;
using Mproc.Protocol;
using Mproc.Protocol.Messages;
using Mproc.Protocol.Transport;
using Mproc.Worker.Fixtures;

namespace Mproc.Coordinator.Fixtures;

/// <summary>
/// One fixture host process (the worker program started with <c>--fixture-host</c>), spoken to with
/// the protocol's frames over its standard input and output. Knows whose fixture code runs in it (the
/// host says so before and after each SetUp and TearDown), so that when it dies every request still
/// open is answered with an error naming the fixture, the stage, and the exit code or signal.
/// </summary>
internal sealed class FixtureHostProcess : IAsyncDisposable
{
    private const int StderrLinesKept = 5;
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(10);

    private readonly object _gate = new();
    private readonly Process _process;
    private readonly FrameWriter _writer;
    private readonly ILogger _logger;
    private readonly Action<string, string> _output;
    private readonly Action<FixtureHostProcess, IReadOnlyList<string>> _died;
    private readonly string? _runtimeKey;
    private readonly Dictionary<string, TaskCompletionSource<GlobalFixtureValue>> _pending = new(StringComparer.Ordinal);
    private readonly List<(string Fixture, string Stage)> _running = [];
    private readonly List<string> _setUp = [];
    private readonly List<string> _stderr = [];
    private readonly TaskCompletionSource<IReadOnlyList<string>> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _reading;
    private CancellationTokenSource? _silence;
    private TimeSpan _silenceLimit = Timeout.InfiniteTimeSpan;
    private string? _killedBecause;
    private bool _gone;

    private FixtureHostProcess(Process process, ILogger logger, Action<string, string> output, Action<FixtureHostProcess, IReadOnlyList<string>> died)
    {
        _process = process;
        _logger = logger;
        _output = output;
        _died = died;
        _runtimeKey = RuntimeLeftovers.KeyOf(process.Id);
        _writer = new FrameWriter(process.StandardInput.BaseStream);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_stderr)
            {
                if (_stderr.Count < StderrLinesKept)
                {
                    _stderr.Add(e.Data);
                }
            }

            GlobalFixtureLog.HostOutput(_logger, e.Data);
        };
        process.BeginErrorReadLine();
        _reading = Task.Run(ReadAsync);
    }

    /// <param name="output">Gets each line a fixture wrote to its context's log: (fixture, line).</param>
    /// <param name="died">Told once when the process died (also during <see cref="EndAsync"/>), with the teardowns that are lost.</param>
    public static FixtureHostProcess Start(FixtureRunInfo run, ILogger logger, Action<string, string> output, Action<FixtureHostProcess, IReadOnlyList<string>> died)
    {
        var info = new ProcessStartInfo(WorkerProgram.Path)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Environment.CurrentDirectory,
        };
        if (WorkerProgram.Assembly is { } workerAssembly)
        {
            info.ArgumentList.Add(workerAssembly);
        }

        info.ArgumentList.Add(FixtureHostArguments.Flag);
        info.ArgumentList.Add("--parent-pid");
        info.ArgumentList.Add(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add("--run-id");
        info.ArgumentList.Add(run.RunId);
        info.ArgumentList.Add("--worker-count");
        info.ArgumentList.Add(run.WorkerCount.ToString(CultureInfo.InvariantCulture));
        info.Environment[ProtocolConstants.RunIdVariable] = run.RunId;
        info.Environment[ProtocolConstants.WorkerCountVariable] = run.WorkerCount.ToString(CultureInfo.InvariantCulture);
        var process = Process.Start(info) ?? throw new InvalidOperationException("the fixture host did not start");
        GlobalFixtureLog.HostStarted(logger, process.Id);
        return new FixtureHostProcess(process, logger, output, died);
    }

    /// <summary>
    /// Asks the host for a fixture; the answer comes when its SetUp is done, or is an error when the
    /// host dies first. With a <paramref name="timeout"/>, a SetUp that takes longer kills the host.
    /// </summary>
    public Task<GlobalFixtureValue> AskAsync(GlobalFixtureRequest request, TimeSpan? timeout, TimeProvider time)
    {
        var answer = new TaskCompletionSource<GlobalFixtureValue>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_gone)
            {
                return Task.FromResult(new GlobalFixtureValue(null, $"global fixture {NameOf(request.FixtureType)}: the fixture host is gone"));
            }

            _pending[request.FixtureType] = answer;
            Send(request);
        }

        if (timeout is { } limit)
        {
            _ = KillIfLateAsync(answer.Task, limit, time, request.FixtureType);
        }

        return answer.Task;
    }

    /// <summary>
    /// The run is over: the host tears its fixtures down and exits. Returns one line per problem (a
    /// TearDown that threw, or the host's death). With a <paramref name="silenceLimit"/>, a host that
    /// says nothing for that long (a hung TearDown) is killed.
    /// </summary>
    public async Task<IReadOnlyList<string>> EndAsync(TimeSpan? silenceLimit, TimeProvider time)
    {
        lock (_gate)
        {
            if (!_gone)
            {
                if (silenceLimit is { } limit)
                {
                    _silenceLimit = limit;
                    _silence = new CancellationTokenSource(limit, time);
                    _silence.Token.Register(() => Kill($"it was silent longer than --test-timeout {limit.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s while tearing down"));
                }

                Send(new FixtureHostEnd());
            }
        }

        var problems = await _ended.Task.ConfigureAwait(false);
        _silence?.Dispose();
        return problems;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(ExitWait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Kill("it did not exit after tearing down");
        }

        await _reading.ConfigureAwait(false);
        _writer.Dispose();
        _process.Dispose();
    }

    /// <summary>A fixture's full name from its assembly-qualified one, for messages.</summary>
    internal static string NameOf(string fixtureType)
    {
        var comma = fixtureType.IndexOf(',', StringComparison.Ordinal);
        return comma < 0 ? fixtureType : fixtureType[..comma];
    }

    private async Task KillIfLateAsync(Task answered, TimeSpan limit, TimeProvider time, string fixtureType)
    {
        if (await Task.WhenAny(answered, Task.Delay(limit, time)).ConfigureAwait(false) != answered)
        {
            Kill($"the SetUp of {NameOf(fixtureType)} ran longer than --test-timeout {limit.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
    }

    private void Kill(string because)
    {
        lock (_gate)
        {
            if (_gone)
            {
                return;
            }

            _killedBecause ??= because;
        }

        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>Under the gate: the host reads its input on its own thread, so a write never waits long.</summary>
    private void Send(IMessage message)
    {
        try
        {
            _writer.Send(message);
            _writer.Flush();
        }
        catch (IOException)
        {
            // The host is dying: the read loop sees it and answers what is open.
        }
    }

    private async Task ReadAsync()
    {
        var reader = new PipeFrameReader(_process.StandardOutput.BaseStream);
        string? broken = null;
        try
        {
            while (await reader.ReadAsync().ConfigureAwait(false) is { } message)
            {
                if (_silence is { IsCancellationRequested: false } silence)
                {
                    silence.CancelAfter(_silenceLimit);
                }

                switch (message)
                {
                    case GlobalFixtureValue value:
                        Answer(value);
                        break;
                    case FixtureHostStage stage:
                        Staged(stage);
                        break;
                    case FixtureOutputLine line:
                        _output(line.Fixture, line.Line);
                        break;
                    case FixtureHostEnded ended:
                        lock (_gate)
                        {
                            _gone = true;
                        }

                        _ended.TrySetResult(ended.Problems);
                        return;
                    default:
                        throw new InvalidDataException($"unexpected {message.TypeId} from the fixture host");
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or ProtocolException)
        {
            broken = ex.Message;
        }
        finally
        {
            await reader.DisposeAsync().ConfigureAwait(false);
        }

        await HostEndedAsync(broken).ConfigureAwait(false);
    }

    private void Answer(GlobalFixtureValue value)
    {
        TaskCompletionSource<GlobalFixtureValue>? answer;
        lock (_gate)
        {
            if (value.FixtureType is null || !_pending.Remove(value.FixtureType, out answer))
            {
                return;
            }

            if (value.Json is not null)
            {
                _setUp.Add(NameOf(value.FixtureType));
            }
        }

        answer.TrySetResult(value with { FixtureType = null });
    }

    private void Staged(FixtureHostStage stage)
    {
        lock (_gate)
        {
            if (stage.Ended)
            {
                _running.Remove((stage.Fixture, stage.Stage));
                if (stage.Stage == "TearDown")
                {
                    _setUp.Remove(stage.Fixture);
                }
            }
            else
            {
                _running.Add((stage.Fixture, stage.Stage));
            }
        }
    }

    /// <summary>The host's output ended without its goodbye: it died (or broke the protocol and is killed). Answers everything still open.</summary>
    private async Task HostEndedAsync(string? broken)
    {
        if (broken is not null)
        {
            Kill($"it broke the protocol ({broken})");
        }

        int? exitCode = null;
        try
        {
            await _process.WaitForExitAsync().WaitAsync(ExitWait).ConfigureAwait(false);
            _process.WaitForExit();
            exitCode = _process.ExitCode;
        }
        catch (TimeoutException)
        {
            Kill("its output ended but it did not exit");
        }

        if (exitCode > 128 && _runtimeKey is not null)
        {
            RuntimeLeftovers.Remove(_process.Id, _runtimeKey);
        }

        string what;
        string[] stderr;
        KeyValuePair<string, TaskCompletionSource<GlobalFixtureValue>>[] pending;
        List<string> problems = [];
        lock (_stderr)
        {
            stderr = [.. _stderr];
        }

        lock (_gate)
        {
            _gone = true;
            var how = exitCode is { } code ? ExitDescription.Brief(code) : "no exit code";
            var where = _running.Count > 0 ? $" in the {_running[^1].Stage} of {_running[^1].Fixture}" : string.Empty;
            what = _killedBecause is { } because
                ? $"the fixture host process was killed ({how}): {because}"
                : $"the fixture host process crashed ({how}){where}";
            pending = [.. _pending];
            _pending.Clear();
            if (_running.LastOrDefault(r => r.Stage == "TearDown") is { Fixture: not null } tearingDown)
            {
                problems.Add($"global fixture {tearingDown.Fixture}: TearDown did not finish: {what}");
                _setUp.Remove(tearingDown.Fixture);
            }

            problems.AddRange(_setUp.Select(fixture => $"global fixture {fixture}: not torn down: {what}"));
        }

        var details = stderr.Length == 0 ? string.Empty : Environment.NewLine + string.Join(Environment.NewLine, stderr);
        GlobalFixtureLog.HostExited(_logger, _process.Id, what);
        foreach (var (fixtureType, answer) in pending)
        {
            answer.TrySetResult(new GlobalFixtureValue(null, $"global fixture {NameOf(fixtureType)}: {what}{details}"));
        }

        _died(this, problems);

        _ended.TrySetResult(problems);
    }
}
