using System.Runtime.CompilerServices;
using Mproc.Protocol.Messages;
using NUnit.Framework.Interfaces;
using TestAttachment = Mproc.Protocol.Messages.TestAttachment;

namespace Mproc.NUnitBridge;

/// <summary>Turns an NUnit result into the wire form.</summary>
internal static class OutcomeConverter
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static TestOutcome From(ITestResult result)
    {
        var state = result.ResultState;
        return new TestOutcome(
            state.Status.ToString(),
            state.Label ?? string.Empty,
            state.Site.ToString(),
            NullIfEmpty(result.Message),
            NullIfEmpty(result.StackTrace),
            NullIfEmpty(result.Output),
            ToUtcTicks(result.StartTime),
            ToUtcTicks(result.EndTime),
            result.Duration,
            result.AssertCount,
            Attachments(result));
    }

    private static List<TestAttachment>? Attachments(ITestResult result)
    {
        var attached = result.TestAttachments;
        if (attached is null || attached.Count == 0)
        {
            return null;
        }

        var attachments = new List<TestAttachment>(attached.Count);
        foreach (var attachment in attached)
        {
            attachments.Add(new TestAttachment(attachment.FilePath, NullIfEmpty(attachment.Description)));
        }

        return attachments;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static long ToUtcTicks(DateTime time) =>
        time == default ? 0 : (time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time).Ticks;
}
