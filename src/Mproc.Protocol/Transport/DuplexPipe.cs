using System.IO.Pipelines;

namespace Mproc.Protocol.Transport;

/// <summary>In-memory connections, so a worker can run in-process over the same framing code as over a socket.</summary>
public static class DuplexPipe
{
    // Like a socket's send buffer: a writer waits once this much is unread.
    private const long PauseWriterThreshold = 1024 * 1024;

    /// <summary>
    /// Two connected duplex streams: what <c>A</c> writes <c>B</c> reads, and the other way round.
    /// Disposing one side ends the other side's reads with 0 bytes (after what was already written)
    /// and makes its writes throw <see cref="IOException"/>, as a closed socket would.
    /// </summary>
    public static (Stream A, Stream B) CreatePair()
    {
        var options = new PipeOptions(
            pauseWriterThreshold: PauseWriterThreshold,
            resumeWriterThreshold: PauseWriterThreshold / 2,
            useSynchronizationContext: false);
        var aToB = new Pipe(options);
        var bToA = new Pipe(options);
        var aToBSignal = new PipeSignal();
        var bToASignal = new PipeSignal();
        return (
            new PipeDuplexStream(bToA.Reader, bToASignal, aToB.Writer, aToBSignal),
            new PipeDuplexStream(aToB.Reader, aToBSignal, bToA.Writer, bToASignal));
    }
}
