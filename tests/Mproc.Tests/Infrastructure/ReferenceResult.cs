namespace Mproc.Tests.Infrastructure;

/// <summary>One test case's outcome as the NUnit engine reports it in its result XML.</summary>
/// <param name="Result">Passed, Failed, Warning, Inconclusive or Skipped.</param>
/// <param name="Label">Error, Invalid, Cancelled, Ignored, Explicit... or null.</param>
/// <param name="Site">Test, SetUp, TearDown, Parent, Child or null.</param>
/// <param name="Message">The failure, warning or reason message, or null.</param>
public sealed record ReferenceResult(string Result, string? Label, string? Site, string? Message);
