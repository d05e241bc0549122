using Mproc.Protocol.Messages;

namespace Mproc.Coordinator.Cli;

/// <summary>
/// NUnit's own settings for a run, as nunit3-console and dotnet test pass them: test parameters
/// (TestContext.Parameters), the tests' culture and UI culture (names; null for the machine's), the
/// work directory (TestContext.WorkDirectory; null for the test assembly's folder) and the default
/// timeout of a test in milliseconds (0: none). Every worker applies them the same way.
/// </summary>
public sealed record NUnitRunSettings(
    IReadOnlyList<TestParameter> TestParameters,
    string? Culture,
    string? UICulture,
    string? WorkDirectory,
    int DefaultTimeout)
{
    public static NUnitRunSettings None { get; } = new([], null, null, null, 0);

    /// <summary>Whether NUnit needs some of them when it loads the tests (test parameters, the work directory).</summary>
    public bool LoadedWithTheTests => TestParameters.Count > 0 || WorkDirectory is not null;
}
