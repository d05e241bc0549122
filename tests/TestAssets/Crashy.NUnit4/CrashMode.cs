namespace Crashy;

/// <summary>
/// CRASHY_MODE is a comma-separated list of what to do: exit, failfast, stackoverflow, thread,
/// sigkill, hang, onetimesetup, bigoutput (the passing NormalTests write 600,000 characters each),
/// hugeoutput (one passing test writes more than a protocol frame holds), setuphang, teardownhang (a
/// OneTimeSetUp or OneTimeTearDown that never returns); or all (every crash in a test: none of hang,
/// onetimesetup, bigoutput, hugeoutput, setuphang, teardownhang). Unset: nothing crashes.
/// </summary>
public static class CrashMode
{
    public const string Variable = "CRASHY_MODE";

    public static bool Is(string kind)
    {
        var modes = (Environment.GetEnvironmentVariable(Variable) ?? string.Empty).Split(',', StringSplitOptions.TrimEntries);
        return modes.Contains(kind) || (modes.Contains("all") && kind is not ("hang" or "onetimesetup" or "bigoutput" or "hugeoutput" or "setuphang" or "teardownhang"));
    }
}
