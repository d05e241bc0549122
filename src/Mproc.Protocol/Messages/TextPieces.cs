namespace Mproc.Protocol.Messages;

/// <summary>Cuts text too long for one message into pieces, never between the two halves of a surrogate pair.</summary>
public static class TextPieces
{
    /// <summary><paramref name="text"/> in order, in pieces of at most <paramref name="maxCharacters"/> (the whole text when it fits).</summary>
    public static IReadOnlyList<string> Split(string text, int maxCharacters)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCharacters, 2);
        if (text.Length <= maxCharacters)
        {
            return [text];
        }

        var pieces = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var length = Math.Min(maxCharacters, text.Length - start);
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1]) && char.IsLowSurrogate(text[start + length]))
            {
                length--;
            }

            pieces.Add(text.Substring(start, length));
            start += length;
        }

        return pieces;
    }
}
