using Mproc.Protocol.Messages;

namespace Mproc.Coordinator.Results;

/// <summary>
/// How a suite's own reported outcome takes part in aggregation. A worker's suite result also
/// contains what it derived from its own share of the children; only the parts that come from the
/// suite itself are kept: results set before the children ran (OneTimeSetUp failure, ignored,
/// explicit or not-runnable fixture, parent failure) and those set after (OneTimeTearDown
/// failure, cancellation).
/// </summary>
internal enum SuiteOutcomeKind
{
    Derived,
    BeforeChildren,
    AfterChildren,
}

internal static class SuiteOutcomeKinds
{
    public static SuiteOutcomeKind Classify(TestOutcome? own)
    {
        if (own is null)
        {
            return SuiteOutcomeKind.Derived;
        }

        if (own.Label == ResultLabels.Cancelled && own.Status == TestStatuses.Failed)
        {
            return SuiteOutcomeKind.AfterChildren;
        }

        return own.Site switch
        {
            FailureSites.SetUp or FailureSites.Parent => SuiteOutcomeKind.BeforeChildren,
            FailureSites.TearDown => SuiteOutcomeKind.AfterChildren,
            FailureSites.Child => SuiteOutcomeKind.Derived,
            _ => own.Status is TestStatuses.Failed or TestStatuses.Skipped
                ? SuiteOutcomeKind.BeforeChildren
                : SuiteOutcomeKind.Derived,
        };
    }
}
