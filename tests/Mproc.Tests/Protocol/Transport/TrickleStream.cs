namespace Mproc.Tests.Protocol.Transport;

/// <summary>A read-only stream that hands out at most <c>chunk</c> bytes per read, as a slow socket may.</summary>
internal sealed class TrickleStream(byte[] data, int chunk) : Stream
{
    private int position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => data.Length;

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = Math.Min(Math.Min(count, chunk), data.Length - position);
        Array.Copy(data, position, buffer, offset, n);
        position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n = Math.Min(Math.Min(buffer.Length, chunk), data.Length - position);
        data.AsSpan(position, n).CopyTo(buffer.Span);
        position += n;
        return ValueTask.FromResult(n);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
