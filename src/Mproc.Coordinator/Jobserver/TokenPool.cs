namespace Mproc.Coordinator.Jobserver;

/// <summary>
/// Job slots for busy workers under a make jobserver. This process already owns one slot (the one
/// make started it with): the first busy worker runs on it. Every further busy worker needs a token
/// from the jobserver; a worker that goes idle gives its slot back at once, and everything goes back
/// at the end. Without a jobserver every worker may be busy.
/// </summary>
public sealed class TokenPool : IDisposable
{
    private const int ImplicitSlot = -1;

    private readonly JobserverClient? _jobserver;
    private readonly Dictionary<int, int> _held = [];
    private readonly Lock _gate = new();

    public TokenPool(JobserverClient? jobserver) => _jobserver = jobserver;

    public bool Limited => _jobserver is not null;

    /// <summary>Workers holding a slot now (implicit one included).</summary>
    public int Busy
    {
        get
        {
            lock (_gate)
            {
                return _held.Count;
            }
        }
    }

    /// <summary>Returns once <paramref name="workerId"/> holds a slot.</summary>
    public async ValueTask EnsureSlotAsync(int workerId, CancellationToken cancellationToken)
    {
        if (_jobserver is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_held.ContainsKey(workerId))
            {
                return;
            }

            if (!_held.ContainsValue(ImplicitSlot))
            {
                _held[workerId] = ImplicitSlot;
                return;
            }
        }

        var token = await _jobserver.AcquireAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (_held.ContainsKey(workerId))
            {
                _jobserver.Release(token);
                return;
            }

            _held[workerId] = token;
        }
    }

    /// <summary>The worker has nothing to run: its slot goes back now.</summary>
    public void Idle(int workerId)
    {
        if (_jobserver is null)
        {
            return;
        }

        lock (_gate)
        {
            if (!_held.Remove(workerId, out var token))
            {
                return;
            }

            if (token == ImplicitSlot)
            {
                // Hand the implicit slot to a worker that holds a token, and give that token back.
                var other = _held.FirstOrDefault(h => h.Value != ImplicitSlot);
                if (_held.Count == 0 || other.Value == ImplicitSlot)
                {
                    return;
                }

                token = other.Value;
                _held[other.Key] = ImplicitSlot;
            }

            _jobserver.Release((byte)token);
        }
    }

    /// <summary>Gives every token back (end of run, failure, Ctrl+C).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var token in _held.Values)
            {
                if (token != ImplicitSlot)
                {
                    _jobserver!.Release((byte)token);
                }
            }

            _held.Clear();
        }

        _jobserver?.Dispose();
    }
}
