namespace Mproc.Coordinator.Cli;

/// <summary>
/// --labels, as nunit3-console writes test names to the console: <see cref="Off"/> none; <see cref="On"/>
/// "=> name" before a test's live output; <see cref="Before"/> "=> name" when a test starts;
/// <see cref="After"/> "PASSED => name" (its result) when it ends; <see cref="All"/> both.
/// </summary>
public enum LabelMode
{
    Off,
    On,
    Before,
    After,
    All,
}
