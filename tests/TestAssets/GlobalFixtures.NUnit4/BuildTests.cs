using Mproc.GlobalFixtures;

namespace GlobalFixtureSuite;

public sealed record MachineInfo(Guid Token);

/// <summary>Once per machine in a build shared by several machines (once per run on one).</summary>
[GlobalFixture(Scope = FixtureScope.Node)]
public sealed class Machine : IGlobalFixture<MachineInfo>
{
    public MachineInfo SetUp()
    {
        FixtureLog.SetUp(nameof(Machine));
        return new MachineInfo(Guid.NewGuid());
    }

    public void TearDown(MachineInfo value) => FixtureLog.TearDown(nameof(Machine), value.Token.ToString("N"));
}

/// <summary>
/// Slow enough tests in several fixtures that every machine of a shared build gets some; each logs
/// "{database token}+{machine token}".
/// </summary>
[Category("Build")]
public class BuildOrderTests
{
    [Test]
    public void Uses([Range(1, 8)] int n) => BuildUse.Log();
}

[Category("Build")]
public class BuildStockTests
{
    [Test]
    public void Uses([Range(1, 8)] int n) => BuildUse.Log();
}

[Category("Build")]
public class BuildInvoiceTests
{
    [Test]
    public void Uses([Range(1, 8)] int n) => BuildUse.Log();
}

/// <summary>Asks for the fixture whose SetUp throws, from enough slow tests that every machine gets some.</summary>
[Category("BuildBroken")]
public class BuildBrokenTests
{
    public const int Tests = 12;

    [Test]
    public void AsksForBroken([Range(1, Tests)] int n)
    {
        Thread.Sleep(150);
        FixtureLog.Test("asked");
        GlobalFixture.Get<Broken, int>();
    }
}

/// <summary>
/// The first test sets the database up; the second holds its worker while the file named by
/// MPROC_GF_HOLD_FILE exists (at most a minute), so a machine can be killed after the SetUp.
/// </summary>
[Category("Held")]
public class HeldTests
{
    public const string HoldVariable = "MPROC_GF_HOLD_FILE";

    [Test]
    public void A_SetsUpTheDatabase() => FixtureLog.Test(GlobalFixture.Get<Database, DatabaseInfo>().Token.ToString("N"));

    [Test]
    public void B_HoldsWhileTheFileExists()
    {
        var path = Environment.GetEnvironmentVariable(HoldVariable);
        var until = DateTime.UtcNow.AddMinutes(1);
        while (!string.IsNullOrEmpty(path) && File.Exists(path) && DateTime.UtcNow < until)
        {
            Thread.Sleep(50);
        }

        FixtureLog.Test(GlobalFixture.Get<Database, DatabaseInfo>().Token.ToString("N"));
    }
}

internal static class BuildUse
{
    public static void Log()
    {
        var database = GlobalFixture.Get<Database, DatabaseInfo>();
        var machine = GlobalFixture.Get<Machine, MachineInfo>();
        Thread.Sleep(150);
        FixtureLog.Test($"{database.Token:N}+{machine.Token:N}");
    }
}
