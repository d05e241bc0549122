using System.Diagnostics;
using System.Text.RegularExpressions;
using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>--watch on a real test project in a new folder: edits, builds, re-runs, keys from redirected standard input.</summary>
public sealed class WatchModeTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Watch_RerunsTheFailuresOnEachEdit_UntilTheyPass_ThenEverything_SurvivesABrokenBuild_AndQuitsOnQ()
    {
        var folder = TestTemp.CreateDirectory("watch-").FullName;
        var project = Path.Combine(folder, "Watched.Tests.csproj");
        File.WriteAllText(project, """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally><IsPackable>false</IsPackable><CopyLocalLockFileAssemblies>true</CopyLocalLockFileAssemblies></PropertyGroup>
              <ItemGroup><PackageReference Include="NUnit" Version="4.4.0" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "WatchedTests.cs"), """
            using NUnit.Framework;
            namespace Watched;
            public class WatchedTests
            {
                [Test] public void A() => Assert.That(Values.A, Is.EqualTo(1));
                [Test] public void B() => Assert.That(Values.B, Is.EqualTo(1));
                [Test] public void C() => Assert.Pass();
                [Test] public void D() => Assert.Pass();
            }
            """);
        var values = Path.Combine(folder, "Values.cs");
        WriteValues(values, "0", "0");

        using var watch = WatchedProcess.Start(["--watch", "--cores", "1", "--no-timings", folder]);

        await watch.WaitForAsync("waiting for changes (2 failing: Watched.WatchedTests.A, Watched.WatchedTests.B)");
        Assert.Contains("Test Count: 4, Pass: 2, Fail: 2", watch.Output, StringComparison.Ordinal);

        WriteValues(values, "1", "0");
        await watch.WaitForAsync("now passing: Watched.WatchedTests.A");
        await watch.WaitForAsync("waiting for changes (1 failing: Watched.WatchedTests.B)");
        Assert.Contains("running the 2 failing tests", watch.Output, StringComparison.Ordinal);
        Assert.Contains("Test Count: 2, Pass: 1, Fail: 1", watch.Output, StringComparison.Ordinal);

        WriteValues(values, "1", "1");
        await watch.WaitForAsync("now passing: Watched.WatchedTests.B");
        await watch.WaitForAsync("waiting for changes (all 4 tests passed)");
        Assert.Contains("Test Count: 1, Pass: 1, Fail: 0", watch.Output, StringComparison.Ordinal);
        Assert.Contains("Test Count: 4, Pass: 4, Fail: 0", watch.Output, StringComparison.Ordinal);

        File.WriteAllText(values, "namespace Watched; public static class Values { this does not compile }");
        await watch.WaitForAsync("waiting for changes (the build failed)");
        Assert.Matches(new Regex(@"Values\.cs\(\d+,\d+\): error CS\d+"), watch.Output);

        watch.Send("q");
        Assert.Equal(0, await watch.ExitCodeAsync());
        // The first run, the one after both fixes, and the one the broken edit asked for (nothing failed then).
        Assert.Equal(3, Regex.Count(watch.Output, "running everything"));
    }

    private static void WriteValues(string path, string a, string b) =>
        File.WriteAllText(path, $"namespace Watched; public static class Values {{ public const int A = {a}; public const int B = {b}; }}");

    /// <summary>nunit-mproc in watch mode: its standard output and error as one list of lines, its standard input to type into.</summary>
    private sealed class WatchedProcess : IDisposable
    {
        private readonly Process _process;
        private readonly List<string> _lines = [];
        private readonly SemaphoreSlim _changed = new(0);

        private WatchedProcess(Process process) => _process = process;

        public string Output
        {
            get
            {
                lock (_lines)
                {
                    return string.Join('\n', _lines);
                }
            }
        }

        public static WatchedProcess Start(IEnumerable<string> args)
        {
            var (info, _) = MprocTool.StartInfo(args, null);
            info.RedirectStandardInput = true;
            var watched = new WatchedProcess(new Process { StartInfo = info });
            DataReceivedEventHandler add = (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (watched._lines)
                    {
                        watched._lines.Add(e.Data);
                    }
                }

                watched._changed.Release();
            };
            watched._process.OutputDataReceived += add;
            watched._process.ErrorDataReceived += add;
            watched._process.Start();
            watched._process.BeginOutputReadLine();
            watched._process.BeginErrorReadLine();
            return watched;
        }

        /// <summary>Waits for a line ending with <paramref name="text"/> that came after the previous one waited for.</summary>
        public async Task WaitForAsync(string text)
        {
            using var timeout = new CancellationTokenSource(StepTimeout);
            while (true)
            {
                lock (_lines)
                {
                    var index = _lines.FindIndex(_seen, l => l.EndsWith(text, StringComparison.Ordinal));
                    if (index >= 0)
                    {
                        _seen = index + 1;
                        return;
                    }
                }

                if (_process.HasExited)
                {
                    Assert.Fail($"nunit-mproc ended (exit {_process.ExitCode}) before \"{text}\":\n{Output}");
                }

                try
                {
                    await _changed.WaitAsync(TimeSpan.FromSeconds(1), timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    Assert.Fail($"no \"{text}\" within {StepTimeout}:\n{Output}");
                }
            }
        }

        private int _seen;

        public void Send(string line)
        {
            _process.StandardInput.WriteLine(line);
            _process.StandardInput.Flush();
        }

        public async Task<int> ExitCodeAsync()
        {
            using var timeout = new CancellationTokenSource(StepTimeout);
            await _process.WaitForExitAsync(timeout.Token);
            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
            _changed.Dispose();
        }
    }
}
