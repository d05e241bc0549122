using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Mproc.Protocol.Messages;

namespace Mproc.Coordinator.Cli;

/// <summary>
/// What nunit-mproc takes from a <c>.runsettings</c> file (dotnet test's --settings), so a team's
/// existing file works unchanged: <c>TestRunParameters/Parameter</c> (name, value) become test
/// parameters; the <c>NUnit</c> section's <c>DefaultTimeout</c> (milliseconds) and
/// <c>WorkDirectory</c> are honoured as NUnit honours them; its other settings, e.g.
/// <c>NumberOfTestWorkers</c> (worker processes are --cores), are not, and each is named in one notice.
/// Everything else in the file belongs to other tools and is left alone.
/// </summary>
public sealed record RunSettingsFile(IReadOnlyList<TestParameter> TestParameters, int DefaultTimeout, string? WorkDirectory, IReadOnlyList<string> Ignored)
{
    /// <summary>Reads <paramref name="path"/>; returns the settings, or null and one line saying why not.</summary>
    public static (RunSettingsFile? Settings, string? Error) Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        XDocument document;
        try
        {
            document = XDocument.Load(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or XmlException)
        {
            return (null, $"cannot read the runsettings file {path}: {OneLine(ex.Message)}");
        }

        var root = document.Root;
        if (root is null || root.Name.LocalName != "RunSettings")
        {
            return (null, $"{path} is not a runsettings file (its root element is not <RunSettings>)");
        }

        var parameters = new List<TestParameter>();
        foreach (var parameter in root.Elements("TestRunParameters").Elements("Parameter"))
        {
            var name = (string?)parameter.Attribute("name");
            if (string.IsNullOrEmpty(name))
            {
                return (null, $"a <Parameter> in {path} has no name attribute");
            }

            parameters.Add(new TestParameter(name, (string?)parameter.Attribute("value") ?? string.Empty));
        }

        var defaultTimeout = 0;
        string? workDirectory = null;
        var ignored = new List<string>();
        foreach (var setting in root.Elements("NUnit").Elements())
        {
            var value = setting.Value.Trim();
            switch (setting.Name.LocalName)
            {
                case "DefaultTimeout":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out defaultTimeout))
                    {
                        return (null, $"invalid NUnit DefaultTimeout '{value}' in {path}; expected milliseconds, a whole number");
                    }

                    break;
                case "WorkDirectory":
                    workDirectory = value.Length > 0 ? value : null;
                    break;
                default:
                    ignored.Add(setting.Name.LocalName);
                    break;
            }
        }

        return (new RunSettingsFile(parameters, defaultTimeout, workDirectory, ignored), null);
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
