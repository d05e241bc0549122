using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Mproc.Coordinator.Input;

/// <summary>
/// Checks, before any worker starts, that each path is a .NET assembly that references NUnit,
/// so a bad path gets a one-line error instead of a worker failure.
/// </summary>
public static class AssemblyValidator
{
    private const string NUnitFrameworkName = "nunit.framework";

    /// <summary>Null when the file looks like an NUnit test assembly, else the reason it does not.</summary>
    public static string? Validate(string path)
    {
        if (!File.Exists(path))
        {
            return $"file not found: {path}";
        }

        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                return $"not a .NET assembly: {path}";
            }

            var metadata = pe.GetMetadataReader();
            if (!metadata.IsAssembly)
            {
                return $"not a .NET assembly (a module without an assembly manifest): {path}";
            }

            var referencesNUnit = metadata.AssemblyReferences
                .Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name))
                .Any(name => string.Equals(name, NUnitFrameworkName, StringComparison.OrdinalIgnoreCase));
            if (!referencesNUnit)
            {
                return $"not an NUnit test assembly (it does not reference {NUnitFrameworkName}): {path}";
            }

            var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
            if (!File.Exists(Path.Combine(folder, NUnitFrameworkName + ".dll")))
            {
                return $"{NUnitFrameworkName}.dll is missing beside {path}; build the test project so its output folder holds its dependencies";
            }

            return null;
        }
        catch (BadImageFormatException)
        {
            return $"not a .NET assembly: {path}";
        }
        catch (InvalidOperationException)
        {
            return $"not a .NET assembly: {path}";
        }
        catch (UnauthorizedAccessException ex)
        {
            return $"cannot read {path}: {ex.Message}";
        }
        catch (IOException ex)
        {
            return $"cannot read {path}: {ex.Message}";
        }
    }
}
