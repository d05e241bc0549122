using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Mproc.Coordinator.Cli;

/// <summary>
/// The <c>nunit-mproc</c> command line. Help text sits next to each option. Parsing never runs
/// anything: it yields options, or an error, or says help/version was printed.
/// </summary>
public sealed class CommandLineParser
{
    public const string DefaultResultPath = "TestResult.xml";

    private readonly Argument<string[]> _assemblies = new("assemblies")
    {
        Arity = ArgumentArity.ZeroOrMore,
        Description = "NUnit test assemblies (.dll) to run; several share one worker pool and one report.",
    };

    private readonly Option<string> _cores = new("--cores", "-n")
    {
        Description = "Worker processes: N, auto (logical processors), auto*K or auto/K.",
        DefaultValueFactory = _ => "auto",
        HelpName = "N|auto|auto*K|auto/K",
    };

    private readonly Option<bool> _disableMproc = new("--disable-mproc")
    {
        Description = "Run the same selection in this process, without workers; same reports.",
    };

    private readonly Option<string?> _where = new("--where")
    {
        Description = "NUnit test selection language, e.g. \"cat != Slow && class =~ /Db/\".",
        HelpName = "EXPRESSION",
    };

    private readonly Option<string> _result = new("--result")
    {
        Description = "Where to write the merged NUnit3 result file.",
        DefaultValueFactory = _ => DefaultResultPath,
        HelpName = "FILE",
    };

    private readonly Option<bool> _noResult = new("--no-result")
    {
        Description = "Do not write a result file.",
    };

    private readonly Option<string?> _junit = new("--junit")
    {
        Description = "Also write the results as JUnit XML (Jenkins/GitLab/Surefire shape).",
        HelpName = "FILE",
    };

    private readonly Option<string?> _trx = new("--trx")
    {
        Description = "Also write the results as a Visual Studio TRX file (Azure DevOps, dotnet test's format).",
        HelpName = "FILE",
    };

    private readonly Option<bool> _list = new("--list", "--explore")
    {
        Description = "Print the selected tests' full names, one per line in run order, without running them.",
    };

    private readonly Option<string?> _seed = new("--seed")
    {
        Description = "Random seed for [Random] and Randomizer (default: a new one per run, printed in the summary).",
        HelpName = "N",
    };

    private readonly Option<string> _timings = new("--timings")
    {
        Description = "Timings of earlier runs: read to run longer tests first, updated after the run.",
        DefaultValueFactory = _ => Scheduling.TimingsFile.DefaultPath,
        HelpName = "FILE",
    };

    private readonly Option<bool> _noTimings = new("--no-timings")
    {
        Description = "Neither read nor write timings; NUnit's order, by priority only.",
    };

    private readonly Option<bool> _reorderTests = new("--reorder-tests")
    {
        Description = "Also run the tests inside a fixture longest first (from the timings); by default they keep NUnit's order.",
    };

    private readonly Option<string?> _durations = new("--durations")
    {
        Description = "At the end, print the N slowest tests, fixtures and groups.",
        HelpName = "N",
    };

    private readonly Option<string?> _jobserver = new("--jobserver")
    {
        Description = "A GNU make jobserver fifo to share job slots with (default: the one in CARGO_MAKEFLAGS, MAKEFLAGS or MFLAGS, if any).",
        HelpName = "PATH",
    };

    private readonly Option<bool> _verbose = new("--verbose", "-v")
    {
        Description = "Log what the coordinator and workers do to standard error.",
    };

    private readonly Option<string?> _maxWorkerRestarts = new("--max-worker-restarts")
    {
        Description = "How many crashed or hung workers are replaced (default 4); past that, the tests left are reported as not run (exit code -7).",
        HelpName = "N",
    };

    private readonly Option<string?> _testTimeout = new("--test-timeout")
    {
        Description = "Fail a test that runs longer than this many seconds (or a one-time setup or teardown silent that long, or a global fixture's SetUp), kill its worker and start a new one (default: no limit).",
        HelpName = "SECONDS",
    };

    private readonly Option<string?> _framework = new("--framework", "-f")
    {
        Description = "The target framework to build and run a test project for when it targets several (e.g. net10.0), as dotnet test -f.",
        HelpName = "TFM",
    };

    private readonly Option<bool> _noCiOutput = new("--no-ci-output")
    {
        Description = "On GitHub Actions or Azure Pipelines, write no job summary and no failure annotations.",
    };

    private readonly RootCommand _root;

    public CommandLineParser()
    {
        _root = new RootCommand(
            "nunit-mproc: runs NUnit test assemblies across worker processes that pull tests from one queue, "
            + "and reports one merged result.\n\nExit codes: 0 all passed; 1-100 number of failed tests (capped); "
            + "-1 invalid argument; -2 invalid assembly; -3 interrupted; -4 invalid test fixture (as nunit3-console); -6 workers discovered different tests; -7 tests not run because workers kept crashing (--max-worker-restarts); -100 internal error.")
        {
            _assemblies, _cores, _disableMproc, _where, _result, _noResult, _junit, _trx, _list, _seed, _timings, _noTimings, _reorderTests, _durations, _jobserver, _verbose,
        };
        _root.Options.Add(_maxWorkerRestarts);
        _root.Options.Add(_testTimeout);
        _root.Options.Add(_framework);
        _root.Options.Add(_noCiOutput);
        _root.SetAction(_ => 0);
    }

    /// <summary>
    /// Parses <paramref name="args"/>; help and version are written to <paramref name="output"/>.
    /// <paramref name="settingsFor"/> gives the configured values (mproc.json, MPROC_* variables)
    /// for the first assembly named on the command line (or null); the command line wins over them.
    /// </summary>
    public ParseOutcome Parse(string[] args, int processorCount, TextWriter output, Func<string?, MprocSettings>? settingsFor = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var parsed = _root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            return ParseOutcome.Failed(parsed.Errors[0].Message);
        }

        if (parsed.Action is not null && parsed.Action != _root.Action)
        {
            parsed.Invoke(new InvocationConfiguration { Output = output });
            return ParseOutcome.Informational();
        }

        var assemblies = parsed.GetValue(_assemblies) ?? [];
        var unknown = assemblies.FirstOrDefault(a => a.StartsWith('-'));
        if (unknown is not null)
        {
            return ParseOutcome.Failed($"unknown option '{unknown}'");
        }

        MprocSettings settings;
        try
        {
            settings = settingsFor?.Invoke(assemblies.FirstOrDefault()) ?? MprocSettings.Empty;
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or IOException or UnauthorizedAccessException)
        {
            return ParseOutcome.Failed($"cannot read {MprocConfiguration.FileName}: {ex.Message}");
        }

        var values = new OptionValues(parsed, settings);
        if (assemblies.Length == 0)
        {
            try
            {
                assemblies = settings.List("assemblies") is { } configured ? [.. configured.Values] : [];
            }
            catch (FormatException ex)
            {
                return ParseOutcome.Failed($"invalid assemblies: {ex.Message}");
            }
        }

        if (assemblies.Length == 0)
        {
            return ParseOutcome.Failed("no test assembly given; usage: nunit-mproc [options] Tests.dll [more.dll ...]");
        }

        var (coresText, coresOrigin) = values.Text(_cores);
        coresText ??= "auto";
        if (!CoresValue.TryParse(coresText, processorCount, out var workers, out var coresError))
        {
            return ParseOutcome.Failed(coresError + coresOrigin);
        }

        int? seed = null;
        var (seedText, seedOrigin) = values.Text(_seed);
        if (seedText is not null)
        {
            if (!int.TryParse(seedText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seedValue))
            {
                return ParseOutcome.Failed($"invalid --seed value '{seedText}'; expected a whole number{seedOrigin}");
            }

            seed = seedValue;
        }

        var durations = 0;
        var (durationsText, durationsOrigin) = values.Text(_durations);
        if (durationsText is not null && (!int.TryParse(durationsText, NumberStyles.None, CultureInfo.InvariantCulture, out durations) || durations < 1))
        {
            return ParseOutcome.Failed($"invalid --durations value '{durationsText}'; expected a positive whole number{durationsOrigin}");
        }

        var (where, whereOrigin) = values.Text(_where);
        if (where is not null && string.IsNullOrWhiteSpace(where))
        {
            return ParseOutcome.Failed($"--where needs an expression, e.g. --where \"cat == Fast\"{whereOrigin}");
        }

        var flags = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var flag in new[] { _disableMproc, _noResult, _noTimings, _reorderTests, _verbose, _list, _noCiOutput })
        {
            var (value, error) = values.Flag(flag);
            if (error is not null)
            {
                return ParseOutcome.Failed(error);
            }

            flags[flag.Name] = value;
        }

        var disableMproc = flags[_disableMproc.Name];
        var resultPath = values.Disabled(_noResult, _result, flags[_noResult.Name]) ? null : values.Text(_result).Value;
        var timingsPath = values.Disabled(_noTimings, _timings, flags[_noTimings.Name]) ? null : values.Text(_timings).Value;

        if (!TryParseSupervision(values, out var maxWorkerRestarts, out var testTimeout, out var supervisionError))
        {
            return ParseOutcome.Failed(supervisionError);
        }
        return ParseOutcome.Succeeded(new MprocOptions(
            assemblies,
            disableMproc ? 1 : workers,
            coresText,
            disableMproc,
            where,
            resultPath,
            seed,
            flags[_verbose.Name],
            string.Join(' ', args.Select(Quote)),
            timingsPath,
            durations,
            values.Text(_jobserver).Value)
        {
            JUnitPath = values.Text(_junit).Value,
            TrxPath = values.Text(_trx).Value,
            ListOnly = flags[_list.Name] || values.ConfiguredFlag("explore"),
            MaxWorkerRestarts = maxWorkerRestarts,
            TestTimeout = testTimeout,
            Framework = values.Text(_framework).Value,
            NoCiOutput = flags[_noCiOutput.Name],
            ReorderTests = flags[_reorderTests.Name],
        });
    }

    private bool TryParseSupervision(OptionValues values, out int maxWorkerRestarts, out TimeSpan? testTimeout, [NotNullWhen(false)] out string? error)
    {
        maxWorkerRestarts = MprocOptions.DefaultMaxWorkerRestarts;
        testTimeout = null;
        error = null;
        var (restartsText, restartsOrigin) = values.Text(_maxWorkerRestarts);
        if (restartsText is not null)
        {
            if (!int.TryParse(restartsText, NumberStyles.None, CultureInfo.InvariantCulture, out maxWorkerRestarts))
            {
                error = $"invalid --max-worker-restarts value '{restartsText}'; expected a whole number, 0 or more{restartsOrigin}";
                return false;
            }
        }

        var (timeoutText, timeoutOrigin) = values.Text(_testTimeout);
        if (timeoutText is not null)
        {
            if (!double.TryParse(timeoutText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
                || seconds <= 0 || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
            {
                error = $"invalid --test-timeout value '{timeoutText}'; expected a positive number of seconds, e.g. 60 or 2.5{timeoutOrigin}";
                return false;
            }

            testTimeout = TimeSpan.FromSeconds(seconds);
        }

        return true;
    }

    private static string Quote(string arg) =>
        arg.Length > 0 && !arg.Any(c => char.IsWhiteSpace(c) || c == '"') ? arg : "\"" + arg.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
