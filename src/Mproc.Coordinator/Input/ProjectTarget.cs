namespace Mproc.Coordinator.Input;

/// <summary>
/// A project as MSBuild evaluates it in Release: the assembly it builds (<paramref name="Path"/>,
/// empty when unknown) for <paramref name="Framework"/> (null: its only one), the target frameworks
/// it lists, and whether it references the NUnit package (a test project).
/// </summary>
internal sealed record ProjectTarget(string Project, string Path, string? Framework, string[] Frameworks, bool ReferencesNUnit);
