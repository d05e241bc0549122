namespace Mproc.GlobalFixtures;

/// <summary>
/// How widely a global fixture's one value is shared. On one machine both scopes mean once per run;
/// they differ when several machines share a build (nunit-mproc's <c>--queue</c>).
/// </summary>
public enum FixtureScope
{
    /// <summary>Once per build: the first machine whose test asks sets it up, every machine gets its value, and it is torn down there after the build's last test.</summary>
    Build = 0,

    /// <summary>Once per machine: each machine sets up its own, and tears it down when its share of the build is done.</summary>
    Node = 1,
}
