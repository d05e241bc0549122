namespace Mproc.Coordinator.Scheduling;

/// <summary>Disjoint sets over 0..n-1 that can grow (path halving, union by size).</summary>
internal sealed class UnionFind
{
    private readonly List<int> _parent;
    private readonly List<int> _size;

    public UnionFind(int count)
    {
        _parent = new List<int>(count);
        _size = new List<int>(count);
        for (var i = 0; i < count; i++)
        {
            Add();
        }
    }

    /// <summary>A new set of its own; its element.</summary>
    public int Add()
    {
        _parent.Add(_parent.Count);
        _size.Add(1);
        return _parent.Count - 1;
    }

    public int Find(int element)
    {
        while (_parent[element] != element)
        {
            _parent[element] = _parent[_parent[element]];
            element = _parent[element];
        }

        return element;
    }

    public void Union(int a, int b)
    {
        a = Find(a);
        b = Find(b);
        if (a == b)
        {
            return;
        }

        if (_size[a] < _size[b])
        {
            (a, b) = (b, a);
        }

        _parent[b] = a;
        _size[a] += _size[b];
    }
}
