using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Mproc.Coordinator.Cli;

/// <summary>
/// The <c>nunit-mproc</c> command line. Help text sits next to each option. Parsing never runs
/// anything: it yields options, or an error, or says help/version was printed.
/// </summary>
public sealed partial class CommandLineParser
{
    public const string DefaultResultPath = "TestResult.xml";

    private readonly Argument<string[]> _assemblies = new("assemblies")
    {
        Arity = ArgumentArity.ZeroOrMore,
        Description = "NUnit test assemblies (.dll) to run, or test projects, solutions (.sln, .slnx) or folders holding one (built first); several share one worker pool and one report. None: the current folder's solution or project.",
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

    private readonly Option<string[]> _testParam = new("--testparam", "--tp")
    {
        Description = "A test parameter NAME=VALUE for TestContext.Parameters (repeatable); wins over --settings and configuration.",
        HelpName = "NAME=VALUE",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string[]> _params = new("--params", "-p")
    {
        Description = "Test parameters NAME=VALUE;NAME2=VALUE2 (repeatable; as nunit3-console's --params).",
        HelpName = "NAME=VALUE;...",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string?> _settings = new("--settings", "-s")
    {
        Description = "A .runsettings file (as dotnet test --settings): its TestRunParameters, and its NUnit DefaultTimeout and WorkDirectory.",
        HelpName = "FILE",
    };

    private readonly Option<string?> _setCulture = new("--set-culture")
    {
        Description = "The culture tests run in (CultureInfo.CurrentCulture), e.g. fr-FR.",
        HelpName = "NAME",
    };

    private readonly Option<string?> _setUiCulture = new("--set-ui-culture")
    {
        Description = "The UI culture tests run in (CultureInfo.CurrentUICulture), e.g. fr-FR.",
        HelpName = "NAME",
    };

    private readonly Option<string?> _workDirectory = new("--workdirectory", "--work")
    {
        Description = "TestContext.WorkDirectory (default: the test assembly's folder), and where relative result file paths go (as nunit3-console's --work); created if missing.",
        HelpName = "PATH",
    };

    private readonly Option<string?> _labels = new("--labels")
    {
        Description = "Test names on the console, as nunit3-console: Off (default), On (before a test's live output), Before (when it starts), After (with its result), All (Before and After).",
        HelpName = "Off|On|Before|After|All",
    };

    private readonly Option<bool> _teamCity = new("--teamcity")
    {
        Description = "Also write TeamCity service messages (##teamcity[...]) for every test (default: on when TEAMCITY_VERSION is set).",
    };

    private readonly Option<bool> _exitFirst = new("--exit-first", "-x")
    {
        Description = "Stop after the first failed test: --max-fail 1.",
    };

    private readonly Option<string?> _maxFail = new("--max-fail")
    {
        Description = "Stop after N failed tests: nothing more starts, running tests finish, the rest are reported as skipped (not run).",
        HelpName = "N",
    };

    private readonly Option<bool> _lastFailed = new("--last-failed", "--lf")
    {
        Description = "Run only the tests that failed when they last ran (all of them when none did).",
    };

    private readonly Option<bool> _failedFirst = new("--failed-first", "--ff")
    {
        Description = "Run the tests that failed when they last ran first, then the rest.",
    };

    private readonly Option<bool> _looponfail = new("--looponfail", "--watch")
    {
        Description = "Run, then watch the test project's sources: on a change, build and re-run the failed tests until they pass, then everything. Keys: Enter runs everything, f the failed tests, q quits (also from redirected standard input).",
    };

    private readonly QueueCommandLine _queue = new(node: true);

    private readonly RootCommand _root;

    private readonly RootCommand _reportRoot;

    private readonly CiEnvironment _environment;

    /// <param name="environment">Where a shared build's defaults come from (CI variables, host name, process id); this process's by default.</param>
    public CommandLineParser(CiEnvironment? environment = null)
    {
        _environment = environment ?? CiEnvironment.Current;
        _root = new RootCommand(
            "nunit-mproc: runs NUnit test assemblies across worker processes that pull tests from one queue, "
            + "and reports one merged result."
            + "\n\nMany machines: nunit-mproc report waits for a build shared through --queue and writes its merged reports (see nunit-mproc report --help)."
            + "\n\nExit codes: 0 all passed; 1-100 number of failed tests (capped); "
            + "-1 invalid argument; -2 invalid assembly; -3 interrupted; -4 invalid test fixture (as nunit3-console); -6 workers discovered different tests; -7 tests not run because workers kept crashing (--max-worker-restarts); -100 internal error.")
        {
            _assemblies, _cores, _disableMproc, _where, _result, _noResult, _junit, _trx, _list, _seed, _timings, _noTimings, _reorderTests, _durations, _jobserver, _verbose,
        };
        _root.Options.Add(_maxWorkerRestarts);
        _root.Options.Add(_testTimeout);
        _root.Options.Add(_framework);
        _root.Options.Add(_noCiOutput);
        foreach (var option in new Option[] { _testParam, _params, _settings, _setCulture, _setUiCulture, _workDirectory, _labels, _teamCity })
        {
            _root.Options.Add(option);
        }

        _root.Options.Add(_exitFirst);
        _root.Options.Add(_maxFail);
        _root.Options.Add(_lastFailed);
        _root.Options.Add(_failedFirst);
        _root.Options.Add(_looponfail);
        _queue.AddTo(_root);
        _report = CreateReportCommand();
        _reportRoot = new RootCommand(_root.Description!) { _report };
        _root.SetAction(_ => 0);
    }

    /// <summary>
    /// Parses <paramref name="args"/>; help and version are written to <paramref name="output"/>.
    /// <paramref name="settingsFor"/> gives the configured values (mproc.json, MPROC_* variables)
    /// for the first assembly named on the command line (or null, as for the report command); the
    /// command line wins over them. <c>report</c> as the first argument is the report command
    /// (<see cref="ParseOutcome.Report"/>).
    /// </summary>
    /// <param name="workingDirectory">
    /// When no input is given at all, the folder to run (as dotnet test does) if it holds a solution or
    /// a project; null to require an input.
    /// </param>
    public ParseOutcome Parse(string[] args, int processorCount, TextWriter output, Func<string?, MprocSettings>? settingsFor = null, string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        // The report command only as the first argument: anywhere else, "report" is an input's path.
        var parsed = (args.Length > 0 && args[0] == ReportCommandName ? _reportRoot : _root).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            return ParseOutcome.Failed(parsed.Errors[0].Message);
        }

        if (parsed.Action is not null && parsed.Action != _root.Action && parsed.Action != _report.Action)
        {
            parsed.Invoke(new InvocationConfiguration { Output = output });
            return ParseOutcome.Informational();
        }

        if (parsed.CommandResult.Command == _report)
        {
            return ParseReport(args, parsed, settingsFor);
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

        if (assemblies.Length == 0 && workingDirectory is not null && Input.SolutionInput.HoldsSolutionOrProject(workingDirectory))
        {
            assemblies = [workingDirectory];
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
        foreach (var flag in new[] { _disableMproc, _noResult, _noTimings, _reorderTests, _verbose, _list, _noCiOutput, _exitFirst, _lastFailed, _failedFirst, _looponfail })
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

        var (nunit, notices, nunitError) = ParseNUnitSettings(parsed, values, settings);
        if (nunitError is not null)
        {
            return ParseOutcome.Failed(nunitError);
        }

        var (labelsText, labelsOrigin) = values.Text(_labels);
        var labels = LabelMode.Off;
        if (labelsText is not null && !TryParseLabels(labelsText, out labels))
        {
            return ParseOutcome.Failed($"invalid --labels value '{labelsText}'; expected Off, On, Before, After or All{labelsOrigin}");
        }

        var (teamCity, teamCityError) = values.OptionalFlag(_teamCity);
        if (teamCityError is not null)
        {
            return ParseOutcome.Failed(teamCityError);
        }

        // As nunit3-console: a relative result path is relative to the work directory.
        if (nunit.WorkDirectory is { } workDirectory)
        {
            resultPath = resultPath is null ? null : Path.Combine(workDirectory, resultPath);
        }

        var maxFail = 0;
        var (maxFailText, maxFailOrigin) = values.Text(_maxFail);
        if (maxFailText is not null && (!int.TryParse(maxFailText, NumberStyles.None, CultureInfo.InvariantCulture, out maxFail) || maxFail < 1))
        {
            return ParseOutcome.Failed($"invalid --max-fail value '{maxFailText}'; expected a positive whole number{maxFailOrigin}");
        }

        if (flags[_exitFirst.Name])
        {
            maxFail = maxFail == 0 ? 1 : Math.Min(maxFail, 1);
        }

        var (queue, queueNotices, queueError) = _queue.Read(values, _environment, fixedNodeId: string.Empty);
        if (queueError is not null)
        {
            return ParseOutcome.Failed(queueError);
        }

        var options = new MprocOptions(
            assemblies,
            disableMproc ? 1 : workers,
            coresText,
            disableMproc,
            where,
            resultPath,
            seed,
            flags[_verbose.Name],
            JoinCommandLine(args),
            timingsPath,
            durations,
            values.Text(_jobserver).Value)
        {
            JUnitPath = InWorkDirectory(nunit, values.Text(_junit).Value),
            TrxPath = InWorkDirectory(nunit, values.Text(_trx).Value),
            ListOnly = flags[_list.Name] || values.ConfiguredFlag("explore"),
            MaxWorkerRestarts = maxWorkerRestarts,
            TestTimeout = testTimeout,
            Framework = values.Text(_framework).Value,
            NoCiOutput = flags[_noCiOutput.Name],
            ReorderTests = flags[_reorderTests.Name],
            NUnit = nunit,
            Notices = [.. notices, .. queueNotices],
            Labels = labels,
            TeamCity = teamCity,
            MaxFail = maxFail,
            LastFailed = flags[_lastFailed.Name] || values.ConfiguredFlag("lf"),
            FailedFirst = flags[_failedFirst.Name] || values.ConfiguredFlag("ff"),
            Watch = flags[_looponfail.Name] || values.ConfiguredFlag("watch"),
            Queue = queue,
        };

        // A shared build runs every test once on some machine: not in this process alone, not a
        // subset chosen from this machine's history, not a loop, not a listing.
        var conflict = options.Queue is null ? null : new (bool Set, string Name)[]
        {
            (options.DisableMproc, "--disable-mproc"),
            (options.Watch, "--looponfail (--watch)"),
            (options.ListOnly, "--list (--explore)"),
            (options.LastFailed, "--last-failed (--lf)"),
        }.FirstOrDefault(o => o.Set).Name;
        return conflict is null ? ParseOutcome.Succeeded(options) : ParseOutcome.Failed($"--queue cannot be combined with {conflict}");
    }

    /// <summary>The arguments as one line for reports, a queue password left out.</summary>
    private static string JoinCommandLine(string[] args) => string.Join(' ', args.Select(a => Quote(QueueCommandLine.Redact(a))));

    private static string? InWorkDirectory(NUnitRunSettings nunit, string? path) =>
        path is null || nunit.WorkDirectory is null ? path : Path.Combine(nunit.WorkDirectory, path);

    /// <summary>
    /// Test parameters (a runsettings file's, then configuration's, then the command line's: the later
    /// wins for a name), cultures, work directory and default timeout; notices name what a runsettings
    /// file sets that is not honoured.
    /// </summary>
    private (NUnitRunSettings Settings, IReadOnlyList<string> Notices, string? Error) ParseNUnitSettings(ParseResult parsed, OptionValues values, MprocSettings settings)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var notices = new List<string>();
        var defaultTimeout = 0;
        string? runSettingsWorkDirectory = null;
        var (settingsPath, settingsOrigin) = values.Text(_settings);
        if (settingsPath is not null)
        {
            var (file, error) = RunSettingsFile.Read(Path.GetFullPath(settingsPath));
            if (file is null)
            {
                return (NUnitRunSettings.None, notices, error + settingsOrigin);
            }

            foreach (var parameter in file.TestParameters)
            {
                parameters[parameter.Name] = parameter.Value;
            }

            defaultTimeout = file.DefaultTimeout;
            runSettingsWorkDirectory = file.WorkDirectory;
            if (file.Ignored.Count > 0)
            {
                notices.Add($"NUnit settings in {settingsPath} that nunit-mproc does not use: {string.Join(", ", file.Ignored)} (worker processes are --cores; each runs one test at a time)");
            }
        }

        try
        {
            var configured = new List<(string Text, string Option, string Origin)>();
            if (settings.List("testparam") is { } testParams)
            {
                configured.AddRange(testParams.Values.Select(v => (v, "--testparam", $" (from {testParams.Origin})")));
            }

            if (settings.List("params") is { } paramLists)
            {
                configured.AddRange(paramLists.Values.SelectMany(v => v.Split(';')).Select(v => (v, "--params", $" (from {paramLists.Origin})")));
            }

            configured.AddRange((parsed.GetValue(_testParam) ?? []).Select(v => (v, "--testparam", string.Empty)));
            configured.AddRange((parsed.GetValue(_params) ?? []).SelectMany(v => v.Split(';')).Select(v => (v, "--params", string.Empty)));
            foreach (var (text, option, origin) in configured)
            {
                var equals = text.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    return (NUnitRunSettings.None, notices, $"invalid {option} value '{text}'; expected NAME=VALUE{origin}");
                }

                parameters[text[..equals]] = text[(equals + 1)..];
            }
        }
        catch (FormatException ex)
        {
            return (NUnitRunSettings.None, notices, $"invalid test parameters: {ex.Message}");
        }

        var cultures = new string?[2];
        var cultureOptions = new[] { _setCulture, _setUiCulture };
        for (var i = 0; i < cultureOptions.Length; i++)
        {
            var (name, origin) = values.Text(cultureOptions[i]);
            if (name is null)
            {
                continue;
            }

            try
            {
                cultures[i] = CultureInfo.GetCultureInfo(name, predefinedOnly: true).Name;
            }
            catch (CultureNotFoundException)
            {
                return (NUnitRunSettings.None, notices, $"invalid {cultureOptions[i].Name} value '{name}'; expected a culture name such as en-US or fr-FR{origin}");
            }
        }

        var workDirectory = values.Text(_workDirectory).Value ?? runSettingsWorkDirectory;
        return (new NUnitRunSettings(
            [.. parameters.Select(p => new Protocol.Messages.TestParameter(p.Key, p.Value))],
            cultures[0],
            cultures[1],
            workDirectory is null ? null : Path.GetFullPath(workDirectory),
            defaultTimeout), notices, null);
    }

    private static bool TryParseLabels(string text, out LabelMode labels)
    {
        switch (text.Trim().ToUpperInvariant())
        {
            case "OFF":
                labels = LabelMode.Off;
                return true;
            case "ON" or "ONOUTPUT":
                labels = LabelMode.On;
                return true;
            case "BEFORE":
                labels = LabelMode.Before;
                return true;
            case "AFTER":
                labels = LabelMode.After;
                return true;
            case "ALL" or "BEFOREANDAFTER":
                labels = LabelMode.All;
                return true;
            default:
                labels = LabelMode.Off;
                return false;
        }
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
