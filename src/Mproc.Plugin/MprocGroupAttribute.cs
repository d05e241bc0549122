using NUnit.Framework;

namespace Mproc.Plugin;

/// <summary>
/// Puts a test, or every test of a fixture, in a named group: nunit-mproc runs all tests of a group
/// serially in one worker, never alongside each other in another; or, with
/// <see cref="Scope"/> = <see cref="MprocGroupScope.Node"/>, on one machine over any of its workers.
/// Shows up as the NUnit property <c>MprocGroup</c>; other runners ignore it. A test in two different
/// groups is an error, and so is a group given two different scopes.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class MprocGroupAttribute : PropertyAttribute
{
    private int _priority = PropertyNames.DefaultPriority;
    private MprocGroupScope _scope;

    /// <summary>Puts the test, or the fixture's tests, in the group <paramref name="name"/>.</summary>
    /// <param name="name">The group's name; the same name anywhere in the assembly is the same group.</param>
    public MprocGroupAttribute(string name)
        : base(PropertyNames.Group, name)
    {
        Name = name;
    }

    /// <summary>The group's name.</summary>
    public string Name { get; }

    /// <summary>
    /// The group's place in the run, as <see cref="MprocPriorityAttribute"/> gives a test's: lower runs
    /// earlier. When set, it is the priority of every test of the group, wherever they are, in place of
    /// their own <see cref="MprocPriorityAttribute"/>, so the group is claimed as one unit at that
    /// priority; given differently in several places, the lowest counts. When not set (it then reads
    /// <see cref="MprocProperties.DefaultPriority"/>), the tests keep their own priorities and the group
    /// goes where its first test is. Shows up as the NUnit property <c>MprocGroupPriority</c>.
    /// </summary>
    public int Priority
    {
        get => _priority;
        set
        {
            _priority = value;
            Properties.Set(PropertyNames.GroupPriority, value);
        }
    }

    /// <summary>
    /// How far the group keeps its tests together: <see cref="MprocGroupScope.Worker"/> (the default)
    /// runs them serially in one worker; <see cref="MprocGroupScope.Node"/> runs them on one machine,
    /// over any of its workers at once. Where the group is declared in several places, every place
    /// must give the same scope (not giving one is <see cref="MprocGroupScope.Worker"/>). Shows up as
    /// the NUnit property <c>MprocGroupScope</c> (<c>Worker</c> or <c>Node</c>).
    /// </summary>
    public MprocGroupScope Scope
    {
        get => _scope;
        set
        {
            _scope = value;
            Properties.Set(PropertyNames.GroupScope, value == MprocGroupScope.Node ? PropertyNames.NodeScope : PropertyNames.WorkerScope);
        }
    }
}
