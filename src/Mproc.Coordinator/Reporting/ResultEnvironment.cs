using System.Globalization;
using System.Runtime.InteropServices;

namespace Mproc.Coordinator.Reporting;

/// <summary>
/// The <c>&lt;environment&gt;</c> element NUnit writes on each assembly suite. The framework
/// version comes from each assembly's report; everything else is described here.
/// </summary>
public sealed record ResultEnvironment(
    string ClrVersion,
    string OsVersion,
    string Platform,
    string Cwd,
    string MachineName,
    string User,
    string UserDomain,
    string Culture,
    string UiCulture,
    string OsArchitecture)
{
    /// <summary>The environment of the current process.</summary>
    public static ResultEnvironment Capture() => new(
        Environment.Version.ToString(),
        RuntimeInformation.OSDescription,
        Environment.OSVersion.Platform.ToString(),
        Environment.CurrentDirectory,
        Environment.MachineName,
        Environment.UserName,
        Environment.UserDomainName,
        CultureInfo.CurrentCulture.Name,
        CultureInfo.CurrentUICulture.Name,
        RuntimeInformation.OSArchitecture.ToString());
}
