using Microsoft.Extensions.Logging;
using Mproc.Protocol;
using Mproc.Protocol.Messages;
using Mproc.Protocol.Transport;

namespace Mproc.Coordinator.Running;

/// <summary>
/// Speaks the protocol with one worker over one stream (a Unix domain socket, or an in-memory pipe
/// for --disable-mproc): handshake, discovery check, then claims and results until the worker is
/// done or the stream ends. A peer that breaks the protocol is dropped with a log line.
/// </summary>
public sealed class WorkerConnection
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(30);

    private readonly TestRun _run;
    private readonly ILogger _logger;

    public WorkerConnection(TestRun run, ILogger logger)
    {
        _run = run;
        _logger = logger;
    }

    public async Task RunAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var workerId = -1;
        var reason = "closed its connection";
        var writer = new FrameWriter(stream, leaveOpen: true);
        var reader = new FrameReader(stream, leaveOpen: true);
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
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (reply is Rejected rejected)
                {
                    CoordinatorLog.ConnectionDropped(_logger, rejected.Reason);
                    return;
                }

                workerId = hello.WorkerId;
            }

            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) is { } message)
            {
                if (!await HandleAsync(workerId, message, writer, cancellationToken).ConfigureAwait(false))
                {
                    break;
                }
            }
        }
        catch (ProtocolException ex)
        {
            reason = $"broke the protocol ({ex.Message})";
            CoordinatorLog.ConnectionDropped(_logger, ex.Message);
        }
        catch (InvalidDataException ex)
        {
            reason = $"broke the protocol ({ex.Message})";
            CoordinatorLog.ConnectionDropped(_logger, ex.Message);
        }
        catch (IOException ex)
        {
            reason = $"lost its connection ({ex.Message})";
        }
        catch (OperationCanceledException)
        {
            reason = "was stopped";
            if (workerId < 0)
            {
                CoordinatorLog.ConnectionDropped(_logger, "no handshake in time");
            }
        }
        finally
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            reader.Dispose();
            await stream.DisposeAsync().ConfigureAwait(false);
            if (workerId >= 0)
            {
                _run.WorkerEnded(workerId, reason);
            }
        }
    }

    private async ValueTask<bool> HandleAsync(int workerId, IMessage message, FrameWriter writer, CancellationToken cancellationToken)
    {
        switch (message)
        {
            case Discovered discovered:
                var verdict = _run.AcceptDiscovery(workerId, discovered);
                await writer.SendAsync(verdict, cancellationToken).ConfigureAwait(false);
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                return verdict is StartRun;
            case ClaimRequest claim:
                await writer.SendAsync(_run.Claim(workerId, claim.Position), cancellationToken).ConfigureAwait(false);
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                return true;
            case TestStarted started:
                _run.TestStarted(workerId, started.Ordinal);
                return true;
            case TestFinished finished:
                _run.TestFinished(workerId, finished.Ordinal, finished.Outcome);
                return true;
            case SuiteFinished suite:
                _run.SuiteFinished(workerId, suite.NodeIndex, suite.Outcome);
                return true;
            case TestOutputLine line:
                _run.WorkerOutput(workerId, line);
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
