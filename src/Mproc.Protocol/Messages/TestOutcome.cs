namespace Mproc.Protocol.Messages;

/// <summary>
/// An NUnit result state and its details, as NUnit reports them. <paramref name="Status"/> is one of
/// Passed, Failed, Warning, Inconclusive, Skipped; <paramref name="Label"/> e.g. Error, Ignored,
/// Explicit, Invalid, Cancelled; <paramref name="Site"/> Test, SetUp, TearDown, Parent, Child.
/// Times are UTC ticks. <paramref name="Attachments"/> are the files the test attached, in
/// NUnit's order (empty when none).
/// </summary>
public sealed record TestOutcome(
    string Status,
    string Label,
    string Site,
    string? Message,
    string? StackTrace,
    string? Output,
    long StartTicks,
    long EndTicks,
    double DurationSeconds,
    int AssertCount,
    IReadOnlyList<TestAttachment>? Attachments = null)
{
    /// <summary>The attached files, never null.</summary>
    public IReadOnlyList<TestAttachment> AttachmentList => Attachments ?? [];
}
