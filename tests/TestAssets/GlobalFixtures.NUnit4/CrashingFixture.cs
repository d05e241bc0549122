using Mproc.GlobalFixtures;

namespace GlobalFixtureSuite;

/// <summary>
/// A global fixture that ends its process when MPROC_GF_FIXTURE_CRASH says so: "exit-setup"
/// (Environment.Exit(7) in SetUp), "exit-teardown" (in TearDown), "stackoverflow-setup" (a stack
/// overflow in SetUp) or "hang-setup" (a SetUp that never returns). Otherwise an ordinary fixture.
/// </summary>
[GlobalFixture]
public sealed class Crashing : IGlobalFixture<string>
{
    public const string ModeVariable = "MPROC_GF_FIXTURE_CRASH";

    private static string Mode => Environment.GetEnvironmentVariable(ModeVariable) ?? string.Empty;

    public string SetUp()
    {
        FixtureLog.SetUp(nameof(Crashing));
        switch (Mode)
        {
            case "exit-setup":
                Environment.Exit(7);
                break;
            case "stackoverflow-setup":
                return Recurse(1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            case "hang-setup":
                Thread.Sleep(Timeout.Infinite);
                break;
        }

        return "crashing-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public void TearDown(string value)
    {
        FixtureLog.TearDown(nameof(Crashing), value);
        if (Mode == "exit-teardown")
        {
            Environment.Exit(7);
        }
    }

    private static int Recurse(int depth) => depth == int.MaxValue ? depth : Recurse(depth + 1) + 1;
}
