using Microsoft.Extensions.Logging;
using Mproc.Protocol;
using Mproc.Protocol.Messages;
using Mproc.Protocol.Transport;
using Mproc.Worker.Fixtures;

namespace Mproc.Coordinator.Running;

/// <summary>
/// Speaks the protocol with one worker over one stream (its connection to the queue's socket, also
/// for the session --disable-mproc runs in-process): handshake, discovery check, then claims and
/// results until the worker is done or the stream ends. A peer that breaks the protocol is dropped
/// with a log line.
/// <para>
/// A worker process started with an event log (<see cref="EventLogReader"/>) puts its one-way events
/// there instead: they are taken out every <see cref="EventLogInterval"/>, before every message of
/// the stream (so a claim or the worker's last word comes after every event sent before it), and
/// once more when the stream ends (so the test a dying worker was running is known).
/// </para>
/// </summary>
public sealed class WorkerConnection
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How often a worker's event log is read when nothing else makes it so: the delay of progress and of a hung test's start.</summary>
    public static readonly TimeSpan EventLogInterval = TimeSpan.FromMilliseconds(10);

    private readonly TestRun _run;
    private readonly ILogger _logger;
    private readonly IGlobalFixtureService? _fixtures;
    private readonly Jobserver.TokenPool? _slots;
    private readonly Func<int, EventLogReader?>? _eventLogOf;

    /// <param name="eventLogOf">The event log of a worker process, by the pid its Hello gives; null when workers have none (in-process).</param>
    public WorkerConnection(TestRun run, ILogger logger, IGlobalFixtureService? fixtures = null, Jobserver.TokenPool? slots = null, Func<int, EventLogReader?>? eventLogOf = null)
    {
        _eventLogOf = eventLogOf;
        _slots = slots;
        _run = run;
        _logger = logger;
        _fixtures = fixtures;
    }

    public async Task RunAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var workerId = -1;
        var reason = "closed its connection";
        var endedByWorker = true;
        var writer = new PipeFrameWriter(stream, leaveOpen: true);
        var reader = new PipeFrameReader(stream, leaveOpen: true, CapturedDiscovery.Intercept);
        EventDrain? events = null;
        var outputParts = new OutputParts();
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            using (var handshake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                handshake.CancelAfter(HandshakeTimeout);
                if (await reader.ReadAsync(handshake.Token).ConfigureAwait(false) is not Hello hello)
                {
                    CoordinatorLog.ConnectionDropped(_logger, "the first frame was not a Hello");
                    return;
                }

                var (reply, _) = _run.Handshake(hello);
                await writer.SendAsync(reply, cancellationToken).ConfigureAwait(false);
                if (reply is Rejected rejected)
                {
                    CoordinatorLog.ConnectionDropped(_logger, rejected.Reason);
                    return;
                }

                workerId = hello.WorkerId;
                if (_eventLogOf?.Invoke(hello.ProcessId) is { } log)
                {
                    _run.AttachEventLog(hello.WorkerId, log);
                    events = new EventDrain(log, message => HandleEvent(hello.WorkerId, message, outputParts), ended);
                }
            }

            while (await reader.ReadAsync(ended.Token).ConfigureAwait(false) is { } message)
            {
                if (events is not null && events.Before(message))
                {
                    continue;
                }

                if (!await HandleAsync(workerId, message, outputParts, writer, ended.Token).ConfigureAwait(false))
                {
                    break;
                }
            }

            events?.ThrowIfBroken();
        }
        catch (ProtocolException ex)
        {
            reason = $"broke the protocol ({ex.Message})";
            endedByWorker = false;
            CoordinatorLog.ConnectionDropped(_logger, ex.Message);
        }
        catch (InvalidDataException ex)
        {
            reason = $"broke the protocol ({ex.Message})";
            endedByWorker = false;
            CoordinatorLog.ConnectionDropped(_logger, ex.Message);
        }
        catch (IOException ex)
        {
            reason = $"lost its connection ({ex.Message})";
        }
        catch (OperationCanceledException) when (events?.BrokenBy is { } broken)
        {
            reason = $"broke the protocol ({broken.Message})";
            endedByWorker = false;
            CoordinatorLog.ConnectionDropped(_logger, broken.Message);
        }
        catch (OperationCanceledException)
        {
            reason = "was stopped";
            endedByWorker = false;
            if (workerId < 0)
            {
                CoordinatorLog.ConnectionDropped(_logger, "no handshake in time");
            }
        }
#pragma warning disable CA1031 // Whatever a peer sends must not take the coordinator down: drop that peer.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            reason = $"broke the protocol ({ex.GetType().Name}: {ex.Message})";
            endedByWorker = false;
            CoordinatorLog.ConnectionDropped(_logger, $"{ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            await reader.DisposeAsync().ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
            if (events is not null && await events.EndAsync().ConfigureAwait(false) is { } lastProblem)
            {
                CoordinatorLog.ConnectionDropped(_logger, lastProblem);
            }

            events?.Dispose();

            if (workerId >= 0)
            {
                _slots?.Idle(workerId);
                await _run.WorkerEndedAsync(workerId, reason, endedByWorker).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A one-way event of the worker's, from the stream or its event log; false for any other message.</summary>
    private bool HandleEvent(int workerId, IMessage message, OutputParts outputParts)
    {
        switch (message)
        {
            case TestStarted started:
                _run.TestStarted(workerId, started.Ordinal);
                return true;
            case TestFinished finished:
                _run.TestFinished(workerId, finished.Ordinal, outputParts.Complete(isSuite: false, finished.Ordinal, finished.Outcome));
                return true;
            case TestUnreported unreported:
                _run.TestUnreported(workerId, unreported.Ordinal);
                return true;
            case SuiteStarted suiteStarted:
                _run.SuiteStarted(workerId, suiteStarted.NodeIndex);
                return true;
            case SuiteFinished suite:
                _run.SuiteFinished(workerId, suite.NodeIndex, outputParts.Complete(isSuite: true, suite.NodeIndex, suite.Outcome));
                return true;
            case OutputPart part:
                outputParts.Add(part);
                return true;
            case TestOutputLine line:
                _run.WorkerOutput(workerId, line);
                return true;
            default:
                return false;
        }
    }

    private async ValueTask<bool> HandleAsync(int workerId, IMessage message, OutputParts outputParts, PipeFrameWriter writer, CancellationToken cancellationToken)
    {
        if (HandleEvent(workerId, message, outputParts))
        {
            return true;
        }

        switch (message)
        {
            case CapturedDiscovery captured:
                // The reader captures every Discovered frame (CapturedDiscovery.Intercept).
                var verdict = await _run.AcceptDiscoveryAsync(workerId, captured.Body, cancellationToken).ConfigureAwait(false);
                await writer.SendAsync(verdict, cancellationToken).ConfigureAwait(false);
                return verdict is StartRun;
            case ClaimRequest claim:
                // Under a make jobserver a worker needs a job slot before it gets work, and gives it
                // back as soon as it has none.
                if (_slots is not null)
                {
                    _run.AwaitingCoordinator(workerId, awaiting: true);
                    await _slots.EnsureSlotAsync(workerId, cancellationToken).ConfigureAwait(false);
                }

                var grant = await _run.Claim(workerId, claim.Position).WaitAsync(cancellationToken).ConfigureAwait(false);
                if (grant.Mine.Count == 0)
                {
                    _slots?.Idle(workerId);
                }

                await writer.SendAsync(grant, cancellationToken).ConfigureAwait(false);
                return true;
            case GlobalFixtureRequest request:
                // A fixture's SetUp may take long (a container, a database): the worker waits on us meanwhile.
                _run.AwaitingCoordinator(workerId, awaiting: true);
                var value = _fixtures is null
                    ? new GlobalFixtureValue(null, $"global fixture {request.FixtureType}: global fixtures are not served in this run")
                    : await _fixtures.GetAsync(request, cancellationToken).ConfigureAwait(false);
                _run.AwaitingCoordinator(workerId, awaiting: false);
                await writer.SendAsync(value, cancellationToken).ConfigureAwait(false);
                return true;
            case WorkerDone done:
                _run.WorkerDone(workerId, done);
                return false;
            case WorkerFailed failed:
                _run.Abort($"worker {workerId} failed: {failed.Message}", Reporting.ExitCodes.UnexpectedError);
                return false;
            default:
                throw new InvalidDataException($"unexpected {message.TypeId} from worker {workerId}");
        }
    }
}
