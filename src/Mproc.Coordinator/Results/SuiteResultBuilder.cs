namespace Mproc.Coordinator.Results;

/// <summary>
/// The result state of one suite while its children are merged in, following NUnit's
/// <c>TestSuiteResult.MergeChildResult</c>: it starts Inconclusive, a passed child makes it
/// Passed, a warning makes it Warning/Child, a failure Failed/Child, an ignored child
/// Skipped/Ignored/Child; a Cancelled result sticks.
/// </summary>
internal sealed class SuiteResultBuilder
{
    internal const string ChildErrorsMessage = "One or more child tests had errors";
    internal const string ChildWarningsMessage = "One or more child tests had warnings";
    internal const string ChildIgnoredMessage = "One or more child tests were ignored";
    internal const string NoTestCasesMessage = "No test cases were provided";

    public string Status { get; private set; } = TestStatuses.Inconclusive;

    public string Label { get; private set; } = ResultLabels.None;

    public string Site { get; private set; } = FailureSites.Test;

    public string? Message { get; private set; }

    public string? StackTrace { get; private set; }

    private bool IsCancelled => Status == TestStatuses.Failed && Label == ResultLabels.Cancelled;

    /// <summary>Like NUnit's <c>SetResult</c>: a Child result's message is kept and extended.</summary>
    public void Set(string status, string label, string site, string? message, string? stackTrace)
    {
        if (Site == FailureSites.Child && !string.IsNullOrEmpty(Message)
            && (message is null || !message.StartsWith(Message, StringComparison.Ordinal)))
        {
            message = Message + Environment.NewLine + message;
        }

        Status = status;
        Label = label;
        Site = site;
        Message = message;
        StackTrace = stackTrace;
    }

    public void MergeChild(NodeResult child)
    {
        if (IsCancelled)
        {
            return;
        }

        switch (child.Status)
        {
            case TestStatuses.Passed:
                if (Status == TestStatuses.Inconclusive)
                {
                    Set(TestStatuses.Passed, ResultLabels.None, FailureSites.Test, null, null);
                }

                break;
            case TestStatuses.Warning:
                if (Status is TestStatuses.Inconclusive or TestStatuses.Passed)
                {
                    Set(TestStatuses.Warning, ResultLabels.None, FailureSites.Child, ChildWarningsMessage, null);
                }

                break;
            case TestStatuses.Failed:
                if (child.Label == ResultLabels.Cancelled)
                {
                    Set(TestStatuses.Failed, ResultLabels.Cancelled, FailureSites.Test, "Test run cancelled by user", null);
                }
                else if (Status != TestStatuses.Failed)
                {
                    Set(TestStatuses.Failed, ResultLabels.None, FailureSites.Child, ChildErrorsMessage, null);
                }

                break;
            case TestStatuses.Skipped:
                if (child.Label == ResultLabels.Ignored && Status is TestStatuses.Inconclusive or TestStatuses.Passed)
                {
                    Set(TestStatuses.Skipped, ResultLabels.Ignored, FailureSites.Child, ChildIgnoredMessage, null);
                }

                break;
            default:
                break;
        }
    }
}
