namespace Mproc.GlobalFixtures;

/// <summary>
/// Values served by nunit-mproc, deserialized once per process (and load context) and cached, as is
/// an error: SetUp ran once for the whole run and is never retried.
/// </summary>
internal static class ServedFixtures
{
    private static readonly object Gate = new();
    private static readonly Dictionary<Type, (object? Value, string? Error)> Cache = [];

    public static bool TryGet<T>(Type fixtureType, out T value)
    {
        value = default!;
        lock (Gate)
        {
            if (Cache.TryGetValue(fixtureType, out var cached))
            {
                value = cached.Error is null ? (T)cached.Value! : throw new GlobalFixtureException(cached.Error);
                return true;
            }
        }

        // Not under the lock: the provider may block while the fixture host runs SetUp, and that SetUp
        // may itself ask for other fixtures from another thread.
        if (!FixtureProvider.TryProvide(fixtureType, out var json, out var error))
        {
            return false;
        }

        (object? Value, string? Error) result;
        if (error is not null)
        {
            result = (null, error);
        }
        else
        {
            try
            {
                result = (FixtureJson.Deserialize<T>(fixtureType, json!), null);
            }
            catch (GlobalFixtureException ex)
            {
                result = (null, ex.Message);
            }
        }

        lock (Gate)
        {
            if (!Cache.TryAdd(fixtureType, result))
            {
                result = Cache[fixtureType];
            }
        }

        value = result.Error is null ? (T)result.Value! : throw new GlobalFixtureException(result.Error);
        return true;
    }
}
