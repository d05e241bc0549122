using Mproc.Tests.Infrastructure;
using Mproc.Coordinator.Running;
using Mproc.Protocol;
using Mproc.Protocol.Messages;
using Mproc.Protocol.Transport;
using Xunit;

namespace Mproc.Tests.Coordinator.Running;

public sealed class EventDrainTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly string _directory = TestTemp.CreateDirectory("eventdrain-").FullName;
    private readonly List<IMessage> _handled = [];
    private readonly CancellationTokenSource _ended = new();
    private readonly EventLogReader _log;
    private readonly EventLogWriter _worker;

    public EventDrainTests()
    {
        _log = EventLogReader.Create(Path.Combine(_directory, "w.events"));
        _worker = EventLogWriter.Open(_log.Path);
    }

    public void Dispose()
    {
        _worker.Dispose();
        _log.Dispose();
        _ended.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Before_AMessageOfTheConnection_HandsOnTheEventsLoggedBeforeIt()
    {
        using var drain = NewDrain();
        Append(new TestStarted(1), new TestFinished(1, Outcome), new SuiteFinished(0, Outcome));

        Assert.False(drain.Before(new ClaimRequest(2)));

        Assert.Equal([typeof(TestStarted), typeof(TestFinished), typeof(SuiteFinished)], Handled());
        Assert.Null(await drain.EndAsync().WaitAsync(Bound));
    }

    [Fact]
    public async Task Marker_HoldsBackLaterEvents_UntilTheAnnouncedEventCameOnTheConnection()
    {
        using var drain = NewDrain();
        Append(new TestStarted(1), new EventOnConnection(), new TestStarted(2));

        // The periodic look may run meanwhile: it must not pass the marker either.
        await Task.Delay(WorkerConnection.EventLogInterval * 5);
        Assert.Equal([typeof(TestStarted)], Handled());

        Assert.True(drain.Before(new TestFinished(1, Outcome)));

        Assert.Equal([1, 1, 2], _handled.Select(Ordinal));
        Assert.Equal([typeof(TestStarted), typeof(TestFinished), typeof(TestStarted)], Handled());
        Assert.Null(await drain.EndAsync().WaitAsync(Bound));
    }

    [Fact]
    public void Before_AnEventOnTheConnectionWithoutAMarker_IsAProtocolError()
    {
        using var drain = NewDrain();

        Assert.Throws<ProtocolException>(() => drain.Before(new TestStarted(1)));
    }

    [Fact]
    public void Before_AMessageInTheLogThatIsNoEvent_IsAProtocolError()
    {
        using var drain = NewDrain();
        Append(new ClaimRequest(0));

        Assert.Throws<ProtocolException>(() => drain.Before(new WorkerDone(0, 0)));
    }

    [Fact]
    public async Task TheLog_IsReadWithoutAnyMessageOnTheConnection()
    {
        using var drain = NewDrain();
        Append(new TestStarted(5));

        await WaitUntil(() => Count() == 1);

        Assert.Equal([5], _handled.Select(Ordinal));
        Assert.Null(await drain.EndAsync().WaitAsync(Bound));
    }

    [Fact]
    public async Task EndAsync_TakesWhatWasAppendedLast_AndClosesTheLog()
    {
        using var drain = NewDrain();
        await drain.EndAsync().WaitAsync(Bound);

        Assert.False(File.Exists(_log.Path));
    }

    [Fact]
    public async Task EndAsync_ReturnsOnlyOnceTheLastAppendedEventIsHandedOn()
    {
        var drain = NewDrain();
        Append(new TestStarted(8));

        Assert.Null(await drain.EndAsync().WaitAsync(Bound));
        drain.Dispose();

        Assert.Equal([8], _handled.Select(Ordinal));
    }

    [Fact]
    public async Task APeriodicLookAtABrokenLog_EndsTheConnection()
    {
        using var drain = NewDrain();
        Append(new Hello(1, 0, 1, "s", "10"));

        await Task.Delay(Bound / 2, _ended.Token).ContinueWith(_ => { }, TaskScheduler.Default);

        Assert.True(_ended.IsCancellationRequested);
        Assert.IsType<ProtocolException>(drain.BrokenBy);
        Assert.Throws<ProtocolException>(drain.ThrowIfBroken);
        Assert.Null(await drain.EndAsync().WaitAsync(Bound));
    }

    private static TestOutcome Outcome => new("Passed", string.Empty, string.Empty, null, null, null, 1, 2, 0, 0);

    private static int Ordinal(IMessage message) => message switch
    {
        TestStarted s => s.Ordinal,
        TestFinished f => f.Ordinal,
        _ => -1,
    };

    private EventDrain NewDrain() => new(_log, message =>
    {
        lock (_handled)
        {
            _handled.Add(message);
        }

        return message is TestStarted or TestFinished or SuiteStarted or SuiteFinished or TestOutputLine;
    }, _ended);

    private void Append(params IMessage[] messages)
    {
        foreach (var message in messages)
        {
            Assert.True(_worker.TryAppend(message));
        }
    }

    private Type[] Handled()
    {
        lock (_handled)
        {
            return [.. _handled.Select(m => m.GetType())];
        }
    }

    private int Count()
    {
        lock (_handled)
        {
            return _handled.Count;
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < Bound, "the condition did not become true in time");
            await Task.Delay(5);
        }
    }
}
