namespace FastNet.Tests.Reliability;

/// <summary>The kinds of damage <see cref="JsonMutator"/> does to a valid file.</summary>
public enum MutationKind
{
    /// <summary>Cut the file at a byte.</summary>
    Truncate,
    /// <summary>Flip one bit of one byte.</summary>
    FlipBit,
    /// <summary>Overwrite one byte with any value (invalid UTF-8 included).</summary>
    SetByte,
    /// <summary>Delete a run of bytes.</summary>
    DeleteBytes,
    /// <summary>Insert a hostile token (NaN, 1e39, a huge integer, a lone surrogate, ...) between two tokens.</summary>
    InsertToken,
    /// <summary>Replace a scalar token (number, string, literal) with a hostile token.</summary>
    ReplaceToken,
    /// <summary>Replace a whole value (scalar, array or object) with another type of value.</summary>
    SwapValue,
    /// <summary>Replace a whole value with another value taken from elsewhere in the same file.</summary>
    TransplantValue,
    /// <summary>Remove a whole value, leaving its neighbours (and often a dangling comma or key).</summary>
    DeleteValue,
    /// <summary>Repeat a property (a duplicate key) or an array element (a ragged row, one sample too many).</summary>
    DuplicateValue,
    /// <summary>Wrap a value in many levels of arrays (deep nesting).</summary>
    Nest,
    /// <summary>Copy a run of bytes and insert it again.</summary>
    DuplicateBytes,
}

/// <summary>One mutation: what to do, where (an index taken modulo the file's bytes or tokens) and with what.</summary>
public readonly record struct JsonMutation(MutationKind Kind, int Where, int With)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Kind}@{Where}/{With}";
}
