namespace Mproc.Coordinator.Reporting;

/// <summary>What the NUnit 3 result file says beyond the run report itself.</summary>
public sealed record NUnit3XmlWriterOptions
{
    /// <summary>Written as the test-run's engine-version.</summary>
    public string EngineVersion { get; init; } =
        typeof(NUnit3XmlWriterOptions).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";

    /// <summary>Written as the test-run's clr-version.</summary>
    public string ClrVersion { get; init; } = System.Environment.Version.ToString();

    /// <summary>
    /// The NUnit filter XML (a <c>&lt;filter&gt;</c> element, e.g. from the engine's
    /// ITestFilterService) to copy into the file. When null, the run's where expression, if any,
    /// is written as <c>&lt;filter&gt;&lt;where&gt;expression&lt;/where&gt;&lt;/filter&gt;</c>.
    /// </summary>
    public string? FilterXml { get; init; }

    /// <summary>When set, each assembly suite gets an <c>&lt;environment&gt;</c> element.</summary>
    public ResultEnvironment? Environment { get; init; }
}
