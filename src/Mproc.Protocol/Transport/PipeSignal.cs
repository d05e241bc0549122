namespace Mproc.Protocol.Transport;

/// <summary>
/// Tells a synchronous reader of one <see cref="DuplexPipe"/> direction that something changed (data
/// written, writer completed, reader cancelled), so it can block without a thread-pool thread having
/// to run a continuation for it.
/// </summary>
internal sealed class PipeSignal
{
    private readonly object gate = new();
    private long version;

    public long Version
    {
        get
        {
            lock (gate)
            {
                return version;
            }
        }
    }

    public void Notify()
    {
        lock (gate)
        {
            version++;
            Monitor.PulseAll(gate);
        }
    }

    /// <summary>Blocks until <see cref="Notify"/> is called after <see cref="Version"/> returned <paramref name="seen"/>.</summary>
    public void WaitForChange(long seen)
    {
        lock (gate)
        {
            while (version == seen)
            {
                Monitor.Wait(gate);
            }
        }
    }
}
