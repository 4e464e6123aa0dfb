namespace Workflows.Designs.Maps;

/// <summary>A design or diagram that cannot be drawn or described; the message says which file and what to change.</summary>
public sealed class ProcessMapException : Exception
{
    public ProcessMapException(string message)
        : base(message)
    {
    }

    public ProcessMapException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ProcessMapException()
    {
    }
}
