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
        var rest = _pending
            .Where(p => p.Value.Length > 0)
            .OrderBy(p => p.Key.WorkerId)
            .Select(p => (p.Key.WorkerId, p.Value.ToString().TrimEnd('\r')))
            .ToList();
        _pending.Clear();
        return rest;
    }
}
