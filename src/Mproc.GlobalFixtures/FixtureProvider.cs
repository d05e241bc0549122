namespace Mproc.GlobalFixtures;

/// <summary>
/// The hook through which nunit-mproc serves global fixtures. It crosses load contexts, so it uses
/// BCL types only: the worker (and the fixture host, for fixtures that use other fixtures) puts a
/// <c>Func&lt;Type, (string? Json, string? Error)&gt;</c> into <see cref="AppContext"/> under
/// <see cref="Key"/>. Given a fixture type, it returns the value's JSON, or an error message, or
/// neither when it does not serve the load context the type lives in (then the fixture is set up
/// in this process, as outside nunit-mproc).
/// </summary>
internal static class FixtureProvider
{
    public const string Key = "Mproc.GlobalFixtures.Provider";

    /// <summary>Asks the registered provider; false when there is none or it does not serve this type.</summary>
    public static bool TryProvide(Type fixtureType, out string? json, out string? error)
    {
        json = null;
        error = null;
        if (AppContext.GetData(Key) is not Func<Type, (string? Json, string? Error)> provider)
        {
            return false;
        }

        (json, error) = provider(fixtureType);
        return json is not null || error is not null;
    }
}
