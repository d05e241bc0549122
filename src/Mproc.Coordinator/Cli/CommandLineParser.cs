using System.CommandLine;
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

    private readonly Option<string?> _durations = new("--durations")
    {
        Description = "At the end, print the N slowest tests and groups.",
        HelpName = "N",
    };

    private readonly Option<bool> _verbose = new("--verbose", "-v")
    {
        Description = "Log what the coordinator and workers do to standard error.",
    };

    private readonly RootCommand _root;

    public CommandLineParser()
    {
        _root = new RootCommand(
            "nunit-mproc: runs NUnit test assemblies across worker processes that pull tests from one queue, "
            + "and reports one merged result.\n\nExit codes: 0 all passed; 1-100 number of failed tests (capped); "
            + "-1 invalid argument; -2 invalid assembly; -3 interrupted; -4 workers discovered different tests; -100 internal error.")
        {
            _assemblies, _cores, _disableMproc, _where, _result, _noResult, _junit, _trx, _list, _seed, _timings, _noTimings, _durations, _verbose,
        };
        _root.SetAction(_ => 0);
    }

    /// <summary>Parses <paramref name="args"/>; help and version are written to <paramref name="output"/>.</summary>
    public ParseOutcome Parse(string[] args, int processorCount, TextWriter output)
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

        if (assemblies.Length == 0)
        {
            return ParseOutcome.Failed("no test assembly given; usage: nunit-mproc [options] Tests.dll [more.dll ...]");
        }

        var coresText = parsed.GetValue(_cores) ?? "auto";
        if (!CoresValue.TryParse(coresText, processorCount, out var workers, out var coresError))
        {
            return ParseOutcome.Failed(coresError);
        }

        int? seed = null;
        var seedText = parsed.GetValue(_seed);
        if (seedText is not null)
        {
            if (!int.TryParse(seedText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seedValue))
            {
                return ParseOutcome.Failed($"invalid --seed value '{seedText}'; expected a whole number");
            }

            seed = seedValue;
        }

        var durations = 0;
        var durationsText = parsed.GetValue(_durations);
        if (durationsText is not null && (!int.TryParse(durationsText, NumberStyles.None, CultureInfo.InvariantCulture, out durations) || durations < 1))
        {
            return ParseOutcome.Failed($"invalid --durations value '{durationsText}'; expected a positive whole number");
        }

        var where = parsed.GetValue(_where);
        if (where is not null && string.IsNullOrWhiteSpace(where))
        {
            return ParseOutcome.Failed("--where needs an expression, e.g. --where \"cat == Fast\"");
        }

        var resultPath = parsed.GetValue(_noResult) ? null : parsed.GetValue(_result);
        return ParseOutcome.Succeeded(new MprocOptions(
            assemblies,
            parsed.GetValue(_disableMproc) ? 1 : workers,
            coresText,
            parsed.GetValue(_disableMproc),
            where,
            resultPath,
            seed,
            parsed.GetValue(_verbose),
            string.Join(' ', args.Select(Quote)),
            parsed.GetValue(_noTimings) ? null : parsed.GetValue(_timings),
            durations)
        {
            JUnitPath = parsed.GetValue(_junit),
            TrxPath = parsed.GetValue(_trx),
            ListOnly = parsed.GetValue(_list),
        });
    }

    private static string Quote(string arg) =>
        arg.Length > 0 && !arg.Any(c => char.IsWhiteSpace(c) || c == '"') ? arg : "\"" + arg.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
