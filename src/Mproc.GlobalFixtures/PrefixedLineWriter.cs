using System.Text;

namespace Mproc.GlobalFixtures;

/// <summary>A fixture's log outside nunit-mproc: each whole line goes to <c>target</c> with the fixture's name before it.</summary>
internal sealed class PrefixedLineWriter : TextWriter
{
    private readonly TextWriter _target;
    private readonly string _prefix;
    private readonly StringBuilder _line = new();

    public PrefixedLineWriter(TextWriter target, string prefix)
    {
        _target = target;
        _prefix = prefix;
    }

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_line)
        {
            if (value == '\n')
            {
                _target.WriteLine(_prefix + _line.ToString().TrimEnd('\r'));
                _line.Clear();
            }
            else
            {
                _line.Append(value);
            }
        }
    }
}
