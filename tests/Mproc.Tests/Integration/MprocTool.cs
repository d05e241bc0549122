using System.Diagnostics;
using System.Text;
using System.Xml;
using Mproc.Tests.Infrastructure;

namespace Mproc.Tests.Integration;

/// <summary>Runs the real nunit-mproc command as its own process, in a fresh working folder.</summary>
internal static class MprocTool
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);

    private static readonly string ToolPath = Path.Combine(AppContext.BaseDirectory, "nunit-mproc.dll");

    /// <param name="workingDirectory">The folder to run in; a fresh one when null.</param>
    public static async Task<MprocResult> RunAsync(IEnumerable<string> args, IDictionary<string, string>? environment = null, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var (info, workDirectory) = StartInfo(args, environment, workingDirectory);
        var (exitCode, stdout, stderr) = await ChildProcess.RunToEndAsync(info, timeout ?? DefaultTimeout);
        return new MprocResult(exitCode, stdout, stderr, workDirectory);
    }

    public static Task<MprocResult> RunAsync(params string[] args) => RunAsync(args, null);

    /// <summary>
    /// Starts nunit-mproc, sends it SIGINT (as Ctrl+C) once <paramref name="interruptWhen"/> holds
    /// (polled every 100 ms), and waits for it to end; killed if it outlives <see cref="DefaultTimeout"/>.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunAndInterruptAsync(IEnumerable<string> args, IDictionary<string, string>? environment, string? workingDirectory, Func<bool> interruptWhen)
    {
        var (info, _) = StartInfo(args, environment, workingDirectory);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        try
        {
            while (!interruptWhen())
            {
                await Task.Delay(100, timeout.Token);
            }

            using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await interrupt.WaitForExitAsync(timeout.Token);
            }

            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, $"exit {process.ExitCode}\n{await stdout}\n{await stderr}");
    }

    /// <summary>How to start nunit-mproc with <paramref name="args"/> in a fresh working folder.</summary>
    public static (ProcessStartInfo Info, string WorkDirectory) StartInfo(IEnumerable<string> args, IDictionary<string, string>? environment, string? workingDirectory = null)
    {
        var workDirectory = workingDirectory ?? TestTemp.CreateDirectory("it-").FullName;
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workDirectory,
        };
        info.ArgumentList.Add(ToolPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return (info, workDirectory);
    }
}

/// <summary>What one nunit-mproc invocation did.</summary>
internal sealed record MprocResult(int ExitCode, string Stdout, string Stderr, string WorkDirectory)
{
    public string ResultPath => Path.Combine(WorkDirectory, "TestResult.xml");

    public string ResultXml => File.ReadAllText(ResultPath, Encoding.UTF8);

    public ReferenceRun Results
    {
        get
        {
            var document = new XmlDocument();
            document.Load(ResultPath);
            return ReferenceRun.FromResultXml(document.DocumentElement!);
        }
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
