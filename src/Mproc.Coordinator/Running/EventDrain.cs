using Mproc.Protocol;
using Mproc.Protocol.Messages;
using Mproc.Protocol.Transport;

namespace Mproc.Coordinator.Running;

/// <summary>
/// Takes one worker's events out of its event log and hands them on in the order the worker sent
/// them: every <see cref="WorkerConnection.EventLogInterval"/>, before each message of the
/// connection (<see cref="Before"/>), and a last time when the connection has ended
/// (<see cref="EndAsync"/>). A marker (<see cref="EventOnConnection"/>) stops the taking until the
/// event it announces has come on the connection. A log that breaks the protocol, found by the
/// periodic look, cancels <c>ended</c> and is kept in <see cref="BrokenBy"/>.
/// </summary>
public sealed class EventDrain : IDisposable
{
    private readonly Lock _gate = new();
    private readonly EventLogReader _log;
    private readonly Func<IMessage, bool> _handle;
    private readonly CancellationTokenSource _ended;
    private readonly PeriodicTimer _timer;
    private readonly Task _loop;
    private bool _awaitingEventOnConnection;
    private bool _done;

    /// <param name="handle">Handles one event; false for a message that is not an event.</param>
    public EventDrain(EventLogReader log, Func<IMessage, bool> handle, CancellationTokenSource ended)
    {
        _log = log;
        _handle = handle;
        _ended = ended;
        _timer = new PeriodicTimer(WorkerConnection.EventLogInterval);
        _loop = LoopAsync();
    }

    public Exception? BrokenBy { get; private set; }

    /// <summary>
    /// Takes out the events logged before <paramref name="message"/> arrived on the connection. True
    /// when <paramref name="message"/> was the event a marker announced, and is handled.
    /// </summary>
    public bool Before(IMessage message)
    {
        lock (_gate)
        {
            Take();
            if (_awaitingEventOnConnection)
            {
                if (!_handle(message))
                {
                    throw new ProtocolException($"The event log announced an event on the connection, which sent {message.TypeId}.");
                }

                _awaitingEventOnConnection = false;
                Take();
                return true;
            }

            if (IsEvent(message))
            {
                throw new ProtocolException($"{message.TypeId} came on the connection of a worker with an event log, unannounced.");
            }

            return false;
        }
    }

    public void ThrowIfBroken()
    {
        if (BrokenBy is { } broken)
        {
            throw new ProtocolException(broken.Message, broken);
        }
    }

    /// <summary>Stops the periodic look, takes what is left (what a worker that died appended last) and closes the log; what broke, if anything new did.</summary>
    public async Task<string?> EndAsync()
    {
        _timer.Dispose();
        await _loop.ConfigureAwait(false);
        string? problem = null;
        lock (_gate)
        {
            if (BrokenBy is null)
            {
                try
                {
                    Take();
                }
#pragma warning disable CA1031 // Whatever a peer wrote must not take the coordinator down.
                catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
                {
                    problem = ex.Message;
                }
            }

            _done = true;
            _log.Dispose();
        }

        return problem;
    }

    /// <summary>Stops the periodic look (<see cref="EndAsync"/> does too).</summary>
    public void Dispose() => _timer.Dispose();

    private static bool IsEvent(IMessage message) =>
        message is TestStarted or TestFinished or TestUnreported or SuiteStarted or SuiteFinished or TestOutputLine or OutputPart;

    // Under the gate.
    private void Take()
    {
        if (_awaitingEventOnConnection || _done)
        {
            return;
        }

        _log.Drain(message =>
        {
            if (message is EventOnConnection)
            {
                _awaitingEventOnConnection = true;
                return false;
            }

            if (!_handle(message))
            {
                throw new ProtocolException($"{message.TypeId} is not an event, yet it is in the event log.");
            }

            return true;
        });
    }

    private async Task LoopAsync()
    {
        while (await _timer.WaitForNextTickAsync().ConfigureAwait(false))
        {
            try
            {
                lock (_gate)
                {
                    Take();
                }
            }
#pragma warning disable CA1031 // A broken log ends this worker's connection, not the run.
            catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
            {
                BrokenBy = ex;
                await _ended.CancelAsync().ConfigureAwait(false);
                return;
            }
        }
    }
}
