namespace Workflows.Activities.Honours;

/// <summary>
/// Bad input to the honours domain (a form with problems, a file of a refused type, a state change that is not
/// allowed …). <see cref="Exception.Message"/> is Chinese and says what to change; <see cref="Problems"/> lists every
/// problem when there are several (the API turns them into problem details). Rule checks do not throw: they return
/// results (see <c>Honours/Rules</c>).
/// </summary>
public sealed class HonoursException : Exception
{
    public HonoursException(string message)
        : this(message, [message])
    {
    }

    public HonoursException(string message, IReadOnlyList<string> problems, Exception? inner = null)
        : base(message, inner)
    {
        Problems = problems;
    }

    public HonoursException()
        : this("荣誉业务数据有误。")
    {
    }

    public HonoursException(string message, Exception inner)
        : this(message, [message], inner)
    {
    }

    /// <summary>Every problem found, each a Chinese sentence.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>True when the thing asked for does not exist (the API answers 404).</summary>
    public bool NotFound { get; init; }

    /// <summary>True when the request conflicts with the current state and may succeed later (the API answers 409).</summary>
    public bool Conflict { get; init; }

    /// <summary>Throws one exception listing <paramref name="problems"/> when there are any.</summary>
    public static void ThrowIfAny(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count > 0)
        {
            throw new HonoursException(string.Join("\n", problems), problems);
        }
    }

    /// <summary>A "not found" exception.</summary>
    public static HonoursException Missing(string message) => new(message) { NotFound = true };
}
