using System.Diagnostics;
using Mproc.Protocol;
using Mproc.Protocol.Bridging;
using Mproc.Protocol.Messages;
using Mproc.Protocol.Transport;
using Mproc.Worker.Fixtures;
using Mproc.Worker.Loading;

namespace Mproc.Worker.Session;

/// <summary>
/// A worker's whole life on one channel to the coordinator: handshake, loading and discovery of
/// every assembly, then one NUnit session per assembly that pulls its share of tests as it goes.
/// Runs the same in a worker process and inside the coordinator (--disable-mproc), connected to the
/// queue's socket either way (<see cref="QueueClient"/>).
/// </summary>
public sealed class WorkerSession : ITestSessionHost, IDisposable
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);

    private readonly FrameReader _reader;
    private readonly FrameWriter _writer;
    private readonly int _workerId;
    private readonly string _secret;
    private readonly TextWriter _diagnostics;
    private readonly Preloader _preloader;
    private readonly EventLogWriter? _events;
    private readonly object _eventsGate = new();
    private readonly Stopwatch _waiting = new();
    private readonly object _exchange = new();
    private Ownership _ownership = new(0);
    private int _testsRun;
    private int _maxFail;
    private int _failures;
    private bool _verdictPending;
    private bool _aborted;
    private bool _coordinatorGone;

    /// <param name="preloader">Test assemblies loaded before the Welcome named them, if any.</param>
    /// <param name="events">
    /// The event log the coordinator made for this worker: test and suite starts and results and live
    /// output go there instead of on <paramref name="channel"/> (see <see cref="SendEvent"/>).
    /// </param>
    public WorkerSession(Stream channel, int workerId, string secret, TextWriter diagnostics, Preloader? preloader = null, EventLogWriter? events = null)
    {
        _events = events;
        _preloader = preloader ?? Preloader.None;
        ArgumentNullException.ThrowIfNull(channel);
        _reader = new FrameReader(channel, leaveOpen: true);
        _writer = new FrameWriter(channel, leaveOpen: true);
        _workerId = workerId;
        _secret = secret;
        _diagnostics = diagnostics;
    }

    /// <summary>Runs the worker to its end and returns its exit code.</summary>
    public int Run()
    {
        _writer.Send(new Hello(ProtocolConstants.Version, _workerId, Environment.ProcessId, _secret, Environment.Version.ToString(), AppDomain.CurrentDomain.FriendlyName));
        _writer.Flush();
        switch (_reader.Read())
        {
            case Welcome welcome:
                return Run(welcome);
            case Rejected rejected:
                _diagnostics.WriteLine($"worker {_workerId}: rejected by the coordinator: {rejected.Reason}");
                return WorkerExitCode.Rejected;
            case null:
                return WorkerExitCode.CoordinatorGone;
            case var other:
                _diagnostics.WriteLine($"worker {_workerId}: expected Welcome, got {other.TypeId}");
                return WorkerExitCode.InternalError;
        }
    }

    public void Dispose()
    {
        _writer.Dispose();
        _reader.Dispose();
    }

    private int Run(Welcome welcome)
    {
        var (sessions, total) = OpenSessions(welcome);
        _writer.Send(new Discovered(sessions.Select(s => s.Discovery).ToList()));
        _writer.Flush();
        RunTrace.Mark("worker sent its discovery");

        // The coordinator's verdict on the discovery (StartRun or AbortRun) is read just before the
        // first exchange: NUnit sets up its run meanwhile, and runs no test before that exchange.
        _verdictPending = true;
        _ownership = new Ownership(total);
        _maxFail = welcome.MaxFail;
        var busy = Stopwatch.StartNew();
        using (new Timer(_ => FlushQuietly(), null, FlushInterval, FlushInterval))
        {
            foreach (var session in sessions)
            {
                if (_aborted)
                {
                    break;
                }

                session.Run(this);
            }
        }

        busy.Stop();
        RunTrace.Mark("worker ran its tests");
        lock (_exchange)
        {
            AwaitVerdict();
        }

        if (_coordinatorGone)
        {
            return WorkerExitCode.CoordinatorGone;
        }

        if (_aborted)
        {
            return WorkerExitCode.Aborted;
        }

        _writer.Send(new WorkerDone(_testsRun, (busy.Elapsed - _waiting.Elapsed).TotalSeconds));
        _writer.Flush();
        return WorkerExitCode.Ok;
    }

    /// <summary>A session per assembly of the Welcome, and how many tests they selected in all.</summary>
    private (List<ITestSession> Sessions, int TestCount) OpenSessions(Welcome welcome)
    {
        var sessions = new List<ITestSession>();
        var ordinalOffset = 0;
        var nodeOffset = 0;
        foreach (var path in welcome.Assemblies)
        {
            ITestSession session;
            try
            {
                var loaded = _preloader.Take(path, welcome.RandomSeed, welcome.TestParameterList, welcome.WorkDirectory);
                loaded.RouteGlobalFixtures(fixtureType => RequestGlobalFixture(fixtureType, loaded.FullPath));
                loaded.Session.SelectTests(new SessionSettings(welcome.FilterXml, ordinalOffset, TimingsOf(welcome, path), welcome.ReorderTests, welcome.DefaultCulture, welcome.DefaultUICulture, welcome.DefaultTimeout, welcome.FailedFirst), nodeOffset);
                session = loaded.Session;
            }
#pragma warning disable CA1031 // Any load failure is reported to the coordinator as this assembly's error.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                session = new FailedSession(new AssemblyDiscovery(path, string.Empty, $"{ex.GetType().Name}: {ex.Message}", []));
            }

            sessions.Add(session);
            ordinalOffset += session.Discovery.Nodes.Count(n => n.Ordinal >= 0);
            nodeOffset += session.Discovery.Nodes.Count;
        }

        return (sessions, ordinalOffset);
    }

    private static ExpectedDurations TimingsOf(Welcome welcome, string assemblyPath)
    {
        var name = Path.GetFileName(assemblyPath);
        return welcome.Timings.LastOrDefault(t => string.Equals(t.Assembly, name, StringComparison.Ordinal))?.Durations ?? ExpectedDurations.None;
    }

    /// <summary>
    /// --max-fail was reached: this worker's own failures (known at once) and those of the rest of
    /// the run (as the coordinator last published them) add up to the limit. No further test starts
    /// here; the coordinator reports what was not run.
    /// </summary>
    private bool Stopped => _maxFail > 0 && _failures + (_events?.FailuresElsewhere ?? 0) >= _maxFail;

    public bool ShouldRunTest(int ordinal)
    {
        if (Stopped)
        {
            return false;
        }

        if (!_ownership.IsKnown(ordinal))
        {
            Claim(ordinal);
        }

        return _ownership.IsMine(ordinal);
    }

    public bool ShouldRunSuite(int firstOrdinal, int lastOrdinal)
    {
        while (!Stopped)
        {
            if (_ownership.AnyMine(firstOrdinal, lastOrdinal))
            {
                return true;
            }

            var unknown = _ownership.FirstUnknown(firstOrdinal, lastOrdinal);
            if (unknown < 0)
            {
                return false;
            }

            Claim(unknown);
        }

        return false;
    }

    /// <summary>
    /// Sent at once (with any results still buffered): if this test kills the process, the
    /// coordinator must know which test it was and which results came before it.
    /// </summary>
    public void TestStarted(int ordinal) => SendEvent(new TestStarted(ordinal), flush: true);

    public void TestFinished(int ordinal, TestOutcome outcome)
    {
        _testsRun++;
        _failures += outcome.Status == "Failed" ? 1 : 0;
        SendEvent(new TestFinished(ordinal, Fitted(isSuite: false, ordinal, outcome)), flush: false);
    }

    public void TestUnreported(int ordinal) => SendEvent(new TestUnreported(ordinal), flush: false);

    public void SuiteFinished(int nodeIndex, TestOutcome outcome) => SendEvent(new SuiteFinished(nodeIndex, Fitted(isSuite: true, nodeIndex, outcome)), flush: false);

    /// <summary>
    /// An outcome that fits in one frame: output too large for one message goes ahead in
    /// <see cref="OutputPart"/>s (NUnit keeps it whole, so does the report); a message or stack
    /// trace that large is cut, saying how much was left out.
    /// </summary>
    private TestOutcome Fitted(bool isSuite, int target, TestOutcome outcome)
    {
        if (outcome.Output is { Length: > OutputPart.MaxCharacters } output)
        {
            var pieces = TextPieces.Split(output, OutputPart.MaxCharacters);
            for (var i = 0; i < pieces.Count - 1; i++)
            {
                SendEvent(new OutputPart(isSuite, target, pieces[i]), flush: false);
            }

            outcome = outcome with { Output = pieces[^1] };
        }

        return outcome.Message is { Length: > OutputPart.MaxCharacters } || outcome.StackTrace is { Length: > OutputPart.MaxCharacters }
            ? outcome with { Message = Cut(outcome.Message), StackTrace = Cut(outcome.StackTrace) }
            : outcome;

        static string? Cut(string? text) => text is { Length: > OutputPart.MaxCharacters }
            ? $"{TextPieces.Split(text, OutputPart.MaxCharacters)[0]}... ({text.Length - OutputPart.MaxCharacters} more characters left out)"
            : text;
    }

    /// <summary>Sent at once, like <see cref="TestStarted"/>: if the suite's one-time setup kills the process, the coordinator knows where.</summary>
    public void SuiteStarted(int nodeIndex) => SendEvent(new SuiteStarted(nodeIndex), flush: true);

    public void TestOutput(int ordinal, string stream, string text)
    {
        // The coordinator joins live output into lines, so a huge write may come in pieces.
        foreach (var piece in TextPieces.Split(text, OutputPart.MaxCharacters))
        {
            SendEvent(new TestOutputLine(ordinal, stream, piece), flush: false);
        }
    }

    /// <summary>
    /// Sends a one-way event from inside the NUnit run; a broken connection ends the session quietly
    /// instead of crashing it. With an event log, the event is in the coordinator's reach (and
    /// survives this process) once appended: no write to the connection, so <paramref name="flush"/>
    /// is moot. An event too large for the log leaves a marker there and goes on the connection at
    /// once, so the coordinator still reads every event in the order it was sent. Without a log,
    /// <paramref name="flush"/> puts the event (and everything before it) on the connection now.
    /// </summary>
    private void SendEvent(IMessage message, bool flush)
    {
        if (_coordinatorGone)
        {
            return;
        }

        try
        {
            if (_events is null)
            {
                _writer.Send(message);
                if (flush)
                {
                    _writer.Flush();
                }

                return;
            }

            lock (_eventsGate)
            {
                if (!_events.TryAppend(message))
                {
                    _events.TryAppend(new EventOnConnection());
                    _writer.Send(message);
                    _writer.Flush();
                }
            }
        }
        catch (IOException)
        {
            StopEverything(coordinatorGone: true);
        }
        catch (ObjectDisposedException)
        {
            StopEverything(coordinatorGone: true);
        }
    }

    private void Claim(int position)
    {
        lock (_exchange)
        {
            ClaimExchange(position);
        }
    }

    private void ClaimExchange(int position)
    {
        _waiting.Start();
        try
        {
            if (!AwaitVerdict())
            {
                return;
            }

            IMessage? reply;
            try
            {
                _writer.Send(new ClaimRequest(position));
                _writer.Flush();
                reply = _reader.Read();
            }
            catch (IOException)
            {
                reply = null;
            }

            switch (reply)
            {
                case ClaimGrant grant:
                    _ownership.Apply(grant.Mine, grant.Taken, grant.QueueEmpty);
                    if (!_ownership.IsKnown(position))
                    {
                        throw new InvalidDataException($"The coordinator's grant left test {position} undecided.");
                    }

                    break;
                case AbortRun abort:
                    _diagnostics.WriteLine($"worker {_workerId}: run aborted: {abort.Reason}");
                    StopEverything(coordinatorGone: false);
                    break;
                case null:
                    StopEverything(coordinatorGone: true);
                    break;
                case var other:
                    throw new InvalidDataException($"Expected ClaimGrant, got {other.TypeId}.");
            }
        }
        finally
        {
            _waiting.Stop();
        }
    }

    /// <summary>
    /// A test asks for a global fixture's value: one request/reply with the coordinator, which sets the
    /// fixture up once for the whole run. Usually called on NUnit's thread; the lock keeps a test's own
    /// thread from reading while a claim does.
    /// </summary>
    private (string? Json, string? Error) RequestGlobalFixture(Type fixtureType, string assemblyPath)
    {
        lock (_exchange)
        {
            if (!AwaitVerdict() || _aborted)
            {
                return (null, $"global fixture {fixtureType.FullName}: the run was stopped");
            }

            _waiting.Start();
            try
            {
                _writer.Send(new GlobalFixtureRequest(fixtureType.AssemblyQualifiedName ?? fixtureType.FullName ?? fixtureType.Name, assemblyPath, LoadedFixture.ScopeOf(fixtureType)));
                _writer.Flush();
                switch (_reader.Read())
                {
                    case GlobalFixtureValue { Json: null, Error: null }:
                        return (null, $"global fixture {fixtureType.FullName}: the coordinator sent no value");
                    case GlobalFixtureValue value:
                        return (value.Json, value.Error);
                    case AbortRun abort:
                        _diagnostics.WriteLine($"worker {_workerId}: run aborted: {abort.Reason}");
                        StopEverything(coordinatorGone: false);
                        return (null, $"global fixture {fixtureType.FullName}: the run was aborted");
                    case null:
                        StopEverything(coordinatorGone: true);
                        return (null, $"global fixture {fixtureType.FullName}: the coordinator is gone");
                    case var other:
                        throw new InvalidDataException($"Expected GlobalFixtureValue, got {other.TypeId}.");
                }
            }
            finally
            {
                _waiting.Stop();
            }
        }
    }

    /// <summary>
    /// Reads the verdict on this worker's discovery if it has not been read yet (callers hold the
    /// exchange lock). False when the run does not go on here: aborted, or the coordinator is gone.
    /// </summary>
    private bool AwaitVerdict()
    {
        if (!_verdictPending)
        {
            return !_aborted;
        }

        _verdictPending = false;
        IMessage? verdict;
        try
        {
            verdict = _reader.Read();
        }
        catch (IOException)
        {
            verdict = null;
        }

        switch (verdict)
        {
            case StartRun:
                return true;
            case AbortRun abort:
                _diagnostics.WriteLine($"worker {_workerId}: run aborted: {abort.Reason}");
                StopEverything(coordinatorGone: false);
                return false;
            case null:
                StopEverything(coordinatorGone: true);
                return false;
            case var other:
                throw new InvalidDataException($"Expected StartRun, got {other.TypeId}.");
        }
    }

    /// <summary>Marks every undecided test (every test, when the coordinator is gone) as someone else's, so the NUnit session skips to its end.</summary>
    private void StopEverything(bool coordinatorGone)
    {
        _aborted = true;
        _coordinatorGone |= coordinatorGone;
        if (coordinatorGone)
        {
            _ownership.GiveUpAll();
        }
        else
        {
            _ownership.Apply([], [], queueEmpty: true);
        }
    }

    /// <summary>
    /// The timer's flush: it skips a tick while another thread writes (a test writing much output to
    /// a coordinator slow to read), rather than hold a thread-pool thread per tick until the write
    /// ends; in-process those are the coordinator's threads, the ones it needs to read.
    /// </summary>
    private void FlushQuietly()
    {
        try
        {
            _writer.TryFlush();
        }
        catch (IOException)
        {
            // The coordinator is gone; the next claim notices.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private sealed class FailedSession(AssemblyDiscovery discovery) : ITestSession
    {
        public AssemblyDiscovery Discovery { get; } = discovery;

        public void SelectTests(SessionSettings settings, int nodeOffset)
        {
        }

        public void Run(ITestSessionHost host)
        {
        }
    }
}
