namespace Mproc.Coordinator.Results;

/// <summary>NUnit's <c>FailureSite</c> names: where a result came from.</summary>
public static class FailureSites
{
    public const string Test = "Test";
    public const string SetUp = "SetUp";
    public const string TearDown = "TearDown";
    public const string Parent = "Parent";
    public const string Child = "Child";
}
