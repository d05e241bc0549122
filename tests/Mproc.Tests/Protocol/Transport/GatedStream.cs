namespace Mproc.Tests.Protocol.Transport;

/// <summary>A memory stream whose writes wait until <see cref="Open"/> is set, as a socket whose reader has fallen behind.</summary>
internal sealed class GatedStream : MemoryStream
{
    /// <summary>Set once a write has started waiting.</summary>
    public ManualResetEventSlim Entered { get; } = new();

    public ManualResetEventSlim Open { get; } = new();

    // MemoryStream's span overload of a derived type goes through the array overload: gate that one only.
    public override void Write(byte[] buffer, int offset, int count)
    {
        Entered.Set();
        Open.Wait();
        base.Write(buffer, offset, count);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Entered.Dispose();
            Open.Dispose();
        }

        base.Dispose(disposing);
    }
}
