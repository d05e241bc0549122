using System.Text;

namespace Mproc.Worker.Fixtures;

/// <summary>A fixture's context log: each whole line it writes goes to the run's output under the fixture's name.</summary>
internal sealed class FixtureLogWriter : TextWriter
{
    private readonly string _fixture;
    private readonly Action<string, string> _output;
    private readonly StringBuilder _line = new();

    public FixtureLogWriter(string fixture, Action<string, string> output)
    {
        _fixture = fixture;
        _output = output;
    }

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        string? line = null;
        lock (_line)
        {
            if (value == '\n')
            {
                line = _line.ToString().TrimEnd('\r');
                _line.Clear();
            }
            else
            {
                _line.Append(value);
            }
        }

        if (line is not null)
        {
            _output(_fixture, line);
        }
    }

    /// <summary>A last line without its line break is still shown.</summary>
    public override void Flush()
    {
        string line;
        lock (_line)
        {
            if (_line.Length == 0)
            {
                return;
            }

            line = _line.ToString();
            _line.Clear();
        }

        _output(_fixture, line);
    }
}
