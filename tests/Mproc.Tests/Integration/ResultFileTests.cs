using System.Xml.Linq;
using Mproc.Tests.Infrastructure;
using Mproc.Tests.Reporting;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>The merged result file of a real run is a valid NUnit 3 result with the whole suite tree.</summary>
public sealed class ResultFileTests
{
    [Fact]
    public async Task RealRun_WritesASchemaValidResultWithTheFullTree()
    {
        var run = await MprocTool.RunAsync("--cores", "3", "--result", "out/merged.xml", TestAssets.OutcomesFor(4));
        var path = Path.Combine(run.WorkDirectory, "out", "merged.xml");
        Assert.True(File.Exists(path), run.ToString());

        var xml = File.ReadAllText(path);
        Assert.Empty(ResultSchema.Validate(xml));
        var document = XDocument.Parse(xml);
        var types = document.Descendants("test-suite").Select(s => (string?)s.Attribute("type")).ToHashSet();
        Assert.Superset(new HashSet<string?> { "Assembly", "TestSuite", "SetUpFixture", "TestFixture", "ParameterizedMethod", "ParameterizedFixture" }, types);
        var output = document.Descendants("test-case").Single(t => (string?)t.Attribute("fullname") == OutcomesAsset.ConsoleOutTest).Element("output");
        Assert.NotNull(output);
        Assert.Contains("merged.xml", run.Stdout, StringComparison.Ordinal);

        // Workers leave NUnit's process properties out of their discovery; the assembly gets the reference worker's.
        var assembly = document.Descendants("test-suite").Single(s => (string?)s.Attribute("type") == "Assembly");
        var properties = assembly.Element("properties")!.Elements("property").ToDictionary(p => (string)p.Attribute("name")!, p => (string)p.Attribute("value")!);
        Assert.Equal("Mproc.Worker", properties["_APPDOMAIN"]);
        Assert.True(int.TryParse(properties["_PID"], System.Globalization.CultureInfo.InvariantCulture, out var pid) && pid > 0 && pid != Environment.ProcessId, properties["_PID"]);
        Assert.Single(assembly.Element("properties")!.Elements("property"), p => (string?)p.Attribute("name") == "_PID");
    }

    [Fact]
    public async Task NoResultOption_WritesNoFile()
    {
        var run = await MprocTool.RunAsync("--cores", "2", "--no-result", TestAssets.DependencyNUnit4);

        Assert.Equal(0, run.ExitCode);
        Assert.False(File.Exists(run.ResultPath));
    }
}
