namespace FastNet;

/// <summary>The base of every error FastNet reports on purpose: bad arguments, bad files, a network used outside its plan.</summary>
public class FastNetException : Exception
{
    /// <summary>Creates the exception with a message that says what is wrong.</summary>
    public FastNetException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public FastNetException(string message, Exception inner) : base(message, inner) { }
}
