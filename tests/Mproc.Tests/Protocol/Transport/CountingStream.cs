namespace Mproc.Tests.Protocol.Transport;

/// <summary>A memory stream that counts its writes and flushes and knows whether it was disposed.</summary>
internal sealed class CountingStream : MemoryStream
{
    public int Writes { get; private set; }

    public int Flushes { get; private set; }

    public bool Disposed { get; private set; }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Writes++;
        base.Write(buffer);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Writes++;
        return base.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush()
    {
        Flushes++;
        base.Flush();
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        Flushes++;
        return base.FlushAsync(cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
