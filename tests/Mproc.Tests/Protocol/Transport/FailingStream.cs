namespace Mproc.Tests.Protocol.Transport;

/// <summary>A stream whose every write fails, as a socket whose peer is gone.</summary>
internal sealed class FailingStream : MemoryStream
{
    public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("Broken pipe");

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromException(new IOException("Broken pipe"));
}
