using Mproc.Tests.Infrastructure;
using Mproc.Coordinator.Scheduling;
using Mproc.Protocol.Messages;
using Xunit;

namespace Mproc.Tests.Coordinator.Scheduling;

public sealed class TimingsFileTests : IDisposable
{
    private readonly string _folder = TestTemp.CreateDirectory("timings-").FullName;

    private string PathIn(string name) => Path.Combine(_folder, name);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Save_ThenLoad_GivesBackEveryTiming()
    {
        var path = PathIn(".mproc/timings.json");
        TestTiming[] measured =
        [
            new("A.dll", "Ns.Fixture.Slow", 1.5),
            new("A.dll", "Ns.Fixture.Fast(\"quoted\", 1)", 0.000125),
            new("B.dll", "Other.Test", 0),
        ];

        TimingsFile.Save(path, [], measured);
        var (timings, warning) = TimingsFile.Load(path);

        Assert.Null(warning);
        Assert.Equal(measured.OrderBy(t => t.Assembly).ThenBy(t => t.FullName, StringComparer.Ordinal), timings.OrderBy(t => t.Assembly).ThenBy(t => t.FullName, StringComparer.Ordinal));
    }

    [Fact]
    public void Save_MeasuredWinsOverPrevious_AndPreviousIsKept()
    {
        var path = PathIn("t.json");

        TimingsFile.Save(path, [new("A.dll", "T.One", 1), new("A.dll", "T.Two", 2)], [new("A.dll", "T.Two", 0.5), new("C.dll", "T.Three", 3)]);
        var (timings, _) = TimingsFile.Load(path);

        Assert.Equal(
            ["A.dll T.One 1", "A.dll T.Two 0.5", "C.dll T.Three 3"],
            timings.Select(t => $"{t.Assembly} {t.FullName} {t.Seconds}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Save_WritesTheDocumentedShape_SortedByName()
    {
        var path = PathIn("t.json");

        TimingsFile.Save(path, [], [new("A.dll", "T.b", 2), new("A.dll", "T.a", 1)]);

        var text = File.ReadAllText(path);
        Assert.Matches("""^\{\s*"version": 1,\s*"assemblies": \{\s*"A.dll": \{\s*"T.a": 1,\s*"T.b": 2\s*\}\s*\}\s*\}$""", text);
    }

    [Fact]
    public void Save_WritesDurationsAsMicrosecondDecimals_ThatReadBackAsTheRoundedValue()
    {
        var path = PathIn("t.json");
        var random = new Random(12345);
        var values = Enumerable.Range(0, 2000).Select(i => i switch
        {
            0 => 0,
            1 => 2,
            2 => 0.5,
            3 => 0.000125,
            4 => 0.0000004,
            5 => 0.0000006,
            6 => 123456.000001,
            _ => random.NextDouble() * Math.Pow(10, random.Next(-6, 5)),
        }).ToArray();

        TimingsFile.Save(path, [], values.Select((v, i) => new TestTiming("A.dll", $"T.{i:D4}", v)));

        var text = File.ReadAllText(path);
        foreach (var literal in new[] { "\"T.0000\": 0,", "\"T.0001\": 2,", "\"T.0002\": 0.5,", "\"T.0003\": 0.000125,", "\"T.0004\": 0,", "\"T.0005\": 0.000001,", "\"T.0006\": 123456.000001," })
        {
            Assert.Contains(literal, text, StringComparison.Ordinal);
        }

        var read = TimingsFile.Load(path).Timings.ToDictionary(t => t.FullName, t => t.Seconds);
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(Math.Round(values[i], 6), read[$"T.{i:D4}"]);
        }
    }

    [Fact]
    public void Save_OfNamesThatNeedEscaping_WritesValidJsonThatReadsBackTheSameNames()
    {
        var path = PathIn("t.json");
        string[] names = ["Ns.T(\"quoted\")", "Ns.T(\"back\\slash\")", "Ns.T(\"new\nline\ttab\")", "Ns.T(\"bell\u0007\")", "Ns.Tést(\"ü\")", "Ns.测试", "Ns.T(\"😀\")", "Ns.T(\"/<>&'\")"];

        TimingsFile.Save(path, [], names.Select(n => new TestTiming("Ä.dll", n, 0.25)));

        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(path));
        Assert.Equal(names.Length, document.RootElement.GetProperty("assemblies").GetProperty("Ä.dll").EnumerateObject().Count());
        var (timings, warning) = TimingsFile.Load(path);
        Assert.Null(warning);
        Assert.Equal(names.Order(StringComparer.Ordinal), timings.Select(t => t.FullName));
        Assert.All(timings, t => Assert.Equal(("Ä.dll", 0.25), (t.Assembly, t.Seconds)));
        Assert.Contains("\"Ns.测试\": 0.25", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Save_OfALoneSurrogate_EscapesIt()
    {
        var path = PathIn("t.json");

        TimingsFile.Save(path, [], [new TestTiming("A.dll", "Ns.T(\"\ud800\")", 1)]);

        Assert.Contains("\\ud800", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OfAFileWithALoneSurrogateName_KeepsTheOtherTimingsWithoutWarning()
    {
        var path = PathIn("t.json");
        TimingsFile.Save(path, [], [new TestTiming("A.dll", "Ns.T(\"\ud800\")", 1), new TestTiming("A.dll", "Ns.Other", 2)]);

        var (timings, warning) = TimingsFile.Load(path);

        Assert.Null(warning);
        Assert.Contains(timings, t => t.FullName == "Ns.Other" && t.Seconds == 2);
    }

    [Fact]
    public void Load_MissingFile_IsNoHistoryWithoutWarning()
    {
        var (timings, warning) = TimingsFile.Load(PathIn("absent.json"));

        Assert.Empty(timings);
        Assert.Null(warning);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"version\": 1, \"assemblies\": {\"A.dll\": {\"T\": 1}")]
    [InlineData("[1, 2]")]
    [InlineData("{\"version\": 2, \"assemblies\": {}}")]
    [InlineData("{\"assemblies\": {\"A.dll\": {\"T\": 1}}}")]
    [InlineData("{\"version\": 1}")]
    public void Load_UnusableFile_IsNoHistoryWithAWarningNamingIt(string content)
    {
        var path = PathIn("bad.json");
        File.WriteAllText(path, content);

        var (timings, warning) = TimingsFile.Load(path);

        Assert.Empty(timings);
        Assert.NotNull(warning);
        Assert.Contains(path, warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SkipsValuesThatAreNotDurations()
    {
        var path = PathIn("t.json");
        File.WriteAllText(path, """
            { "comment": { "nested": [1, 2] }, "version": 1, "assemblies": {
                "A.dll": { "T.ok": 0.25, "T.negative": -1, "T.text": "3", "T.obj": { "x": 1 }, "T.list": [1] },
                "B.dll": [ "not", "an", "object" ] } }
            """);

        var (timings, warning) = TimingsFile.Load(path);

        Assert.Null(warning);
        Assert.Equal([new TestTiming("A.dll", "T.ok", 0.25)], timings);
    }
}
