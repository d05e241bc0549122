using NUnit.Framework;

namespace Mproc.Plugin;

/// <summary>
/// Puts a test, or every test of a fixture, in a named group: nunit-mproc runs all tests of a group
/// serially in one worker, never alongside each other in another. Shows up as the NUnit property
/// <c>MprocGroup</c>; other runners ignore it. A test in two different groups is an error.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class MprocGroupAttribute : PropertyAttribute
{
    public MprocGroupAttribute(string name)
        : base(MprocProperties.Group, name)
    {
        Name = name;
    }

    public string Name { get; }
}
