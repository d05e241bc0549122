using System.Text;

namespace Mproc.Coordinator.Running;

/// <summary>
/// Joins the pieces of text each worker's tests write (per worker and stream) into whole lines, so a
/// line is printed once it is complete and never mixed with another worker's.
/// </summary>
public sealed class OutputLineJoiner
{
    private readonly Dictionary<(int WorkerId, string Stream), StringBuilder> _pending = [];

    /// <summary>Adds a piece of text; returns the lines it completed (without their line ends).</summary>
    public IReadOnlyList<string> Add(int workerId, string stream, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!_pending.TryGetValue((workerId, stream), out var buffer))
        {
            _pending[(workerId, stream)] = buffer = new StringBuilder();
        }

        buffer.Append(text);
        var lines = new List<string>();
        var content = buffer.ToString();
        var start = 0;
        int end;
        while ((end = content.IndexOf('\n', start)) >= 0)
        {
            lines.Add(content[start..end].TrimEnd('\r'));
            start = end + 1;
        }

        buffer.Remove(0, start);
        return lines;
    }

    /// <summary>The unfinished last lines of every worker and stream, emptied.</summary>
    public IReadOnlyList<(int WorkerId, string Line)> Flush()
    {
        // Plain loops: this runs once at the end of every run, where compiling LINQ over these
        // value-type pairs would cost more than the usual empty answer.
        if (_pending.Count == 0)
        {
            return [];
        }

        var rest = new List<(int WorkerId, string Line)>();
        foreach (var (key, buffer) in _pending)
        {
            if (buffer.Length > 0)
            {
                rest.Add((key.WorkerId, buffer.ToString().TrimEnd('\r')));
            }
        }

        _pending.Clear();

        // By worker, then in the order the pieces came (OrderBy is stable).
        return rest.Count > 1 ? [.. rest.OrderBy(r => r.WorkerId)] : rest;
    }
}
