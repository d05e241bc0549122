namespace Mproc.Tests.Infrastructure;

/// <summary>
/// The Reports suite (tests/TestAssets/Reports.Shared, built against NUnit 3.14, 4.4 and 5.0): what
/// reports must carry beyond plain outcomes. Each namespace is one concern, selected by --where.
/// </summary>
public static class ReportsAsset
{
    /// <summary>A fixture whose OneTimeTearDown throws over 6 passing tests and 1 failing one, and a SetUpFixture whose OneTimeTearDown throws over 2 passing tests.</summary>
    public const string TearDownWhere = "test =~ /^Reports\\.(TearDown|SetUpTearDown)\\./";
    public const int TearDownTests = 9;
    public const string FailingTearDownFixture = "Reports.TearDown.FailingTearDownFixture";
    public const string FailingTearDownSetUpFixture = "Reports.SetUpTearDown.BrokenTearDownSetUp";

    /// <summary>A fixture NUnit cannot construct, beside an ordinary failing test.</summary>
    public const string InvalidWhere = "test =~ /^Reports\\.(Invalid|TearDown)\\./";

    /// <summary>Tests that call TestContext.AddTestAttachment (two files, one file and a failure, none).</summary>
    public const string AttachmentsWhere = "class == Reports.Attachments.AttachmentTests";
    public const string AttachesTwoFiles = "Reports.Attachments.AttachmentTests.AttachesTwoFiles";
    public const string FailsWithScreenshot = "Reports.Attachments.AttachmentTests.FailsWithScreenshot";
    public const string AttachesNothing = "Reports.Attachments.AttachmentTests.AttachesNothing";
    public const string LogDescription = "the log of the run";

    /// <summary>Lone surrogates and DEL in names, messages and output; an empty TestCaseSource.</summary>
    public const string TextWhere = "test =~ /^Reports\\.Text\\./";

    /// <summary>A fixture with a TestCaseSource that yields nothing and an ordinary test.</summary>
    public const string EmptySourceWhere = "class == Reports.Text.EmptySourceTests";

    public static string For(int nunitMajor) => TestAssets.AssetPath($"Reports.NUnit{nunitMajor}");
}
