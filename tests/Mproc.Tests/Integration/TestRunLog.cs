using System.Globalization;

namespace Mproc.Tests.Integration;

/// <summary>
/// One line of the log the Scheduling asset's tests write when MPROC_ASSET_LOG_DIR is set:
/// "test FULLNAME worker=ID start=TICKS end=TICKS", in "{pid}.log" (tests/TestAssets/Scheduling.NUnit4/RunLog.cs).
/// </summary>
internal sealed record TestRunLog(string Name, string Pid, int Worker, long Start, long End)
{
    /// <summary>Every line of every "*.log" file in <paramref name="directory"/>.</summary>
    public static List<TestRunLog> Read(string directory)
    {
        var log = new List<TestRunLog>();
        foreach (var file in Directory.GetFiles(directory, "*.log"))
        {
            var pid = Path.GetFileNameWithoutExtension(file);
            foreach (var line in File.ReadAllLines(file))
            {
                var parts = line.Split(' ');
                log.Add(new TestRunLog(
                    parts[1],
                    pid,
                    int.Parse(parts[2]["worker=".Length..], CultureInfo.InvariantCulture),
                    long.Parse(parts[3]["start=".Length..], CultureInfo.InvariantCulture),
                    long.Parse(parts[4]["end=".Length..], CultureInfo.InvariantCulture)));
            }
        }

        return log;
    }
}
