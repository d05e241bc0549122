using System.IO.Pipelines;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport;

/// <summary>
/// Writes messages as frames (<see cref="FrameLayout"/>) to a stream through a <see cref="PipeWriter"/>:
/// the coordinator's side, which answers one message at a time and never blocks a thread on a write
/// (a worker, which must, writes with <see cref="FrameWriter"/>). Used by one caller at a time.
/// <para>
/// If a write to the stream fails or is cancelled, a frame may be cut in half: the writer is then
/// broken, every later send throws <see cref="IOException"/>, and disposing writes nothing more.
/// </para>
/// </summary>
public sealed class PipeFrameWriter : IAsyncDisposable
{
    private readonly PipeWriter output;

    // A frame is encoded here first: its header, written first, needs the length of its body.
    private readonly SegmentedBufferWriter frame = new();
    private Exception? brokenBy;

    public PipeFrameWriter(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        output = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: leaveOpen));
    }

    /// <summary>Writes <paramref name="message"/> as one frame and flushes it to the stream.</summary>
    public async ValueTask SendAsync(IMessage message, CancellationToken cancellationToken = default)
    {
        if (brokenBy is not null)
        {
            throw new IOException("The frame stream is unusable: an earlier write failed.", brokenBy);
        }

        try
        {
            FrameWriter.AppendFrame(frame, message);
            frame.CopyTo(output);
        }
        finally
        {
            frame.Reset();
        }

        try
        {
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            brokenBy = ex;
            throw;
        }
    }

    /// <summary>Closes the stream unless left open.</summary>
    public async ValueTask DisposeAsync()
    {
        // Every send flushed its frame; a broken writer leaves what the pipe still holds unwritten.
        await output.CompleteAsync(brokenBy).ConfigureAwait(false);
        frame.Dispose();
    }
}
