using System.Buffers;
using System.IO.Pipelines;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport;

/// <summary>
/// Reads frames (<see cref="FrameLayout"/>) from a stream through a <see cref="PipeReader"/> and decodes
/// their messages: the coordinator's side, which never blocks a thread on a read (a worker, which must,
/// reads with <see cref="FrameReader"/>). One reader per stream, used by one caller at a time.
/// <para>
/// The end of the stream, also in the middle of a frame, is a clean end: the read returns null (and
/// so does every later read). A length out of range, an unknown type id or a body that does not
/// decode throw <see cref="ProtocolException"/>; the reader cannot go on after that.
/// </para>
/// </summary>
public sealed class PipeFrameReader : IAsyncDisposable
{
    // As large as a burst of a worker's events usually is, and below the large-object threshold.
    private const int SegmentSize = 64 * 1024;

    private readonly PipeReader input;
    private readonly FrameIntercept? intercept;

    // What the last read from the pipe gave and no frame has taken yet; the pipe is told how far the
    // frames got only once none is left whole in it, so a burst of frames costs one read.
    private ReadOnlySequence<byte> unread;
    private bool holding;
    private bool ended;

    /// <param name="intercept">
    /// Sees each frame's type id and body first; a message it returns stands for the frame, which is
    /// then not decoded (null: decode as usual). For a reader that can tell a frame without reading it.
    /// </param>
    public PipeFrameReader(Stream stream, bool leaveOpen = false, FrameIntercept? intercept = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: SegmentSize, leaveOpen: leaveOpen));
        this.intercept = intercept;
    }

    /// <summary>The next message, or null when the stream has ended.</summary>
    public async ValueTask<IMessage?> ReadAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (holding)
            {
                if (FrameParser.TryParse(ref unread, out MessageTypeId typeId, out ReadOnlySequence<byte> body))
                {
                    return intercept?.Invoke(typeId, body) ?? MessageSerializer.Decode(typeId, body);
                }

                if (ended)
                {
                    return null;
                }

                // Everything left was looked at: the next read waits for more bytes.
                input.AdvanceTo(unread.Start, unread.End);
                holding = false;
            }

            ReadResult result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            unread = result.Buffer;
            ended = result.IsCompleted;
            holding = true;
        }
    }

    /// <summary>Stops reading and closes the stream unless left open.</summary>
    public ValueTask DisposeAsync() => input.CompleteAsync();
}
