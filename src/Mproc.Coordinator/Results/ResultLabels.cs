namespace Mproc.Coordinator.Results;

/// <summary>The labels NUnit puts on a result state (empty for none).</summary>
public static class ResultLabels
{
    public const string None = "";
    public const string Error = "Error";
    public const string Invalid = "Invalid";
    public const string Ignored = "Ignored";
    public const string Explicit = "Explicit";
    public const string Cancelled = "Cancelled";
}
