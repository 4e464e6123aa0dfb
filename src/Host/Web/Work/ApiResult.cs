namespace Workflows.Host.Web.Work;

/// <summary>
/// The answer of an API call made by a page: the value when it succeeded, otherwise the status and the problem's text
/// in the UI's language (<see cref="ProblemText"/>).
/// </summary>
public sealed record ApiResult<T>(bool Ok, int Status, T? Value, string? Problem)
{
    public static ApiResult<T> Success(int status, T? value) => new(true, status, value, null);

    public static ApiResult<T> Failure(int status, string problem) => new(false, status, default, problem);
}

/// <summary>What the browser module answers for a request (see ClientApp/src/inbox.js).</summary>
public sealed record ApiAnswer(bool Ok, int Status, string Text);

/// <summary>What the browser module answers for an upload; <see cref="Cancelled"/> when no file was chosen.</summary>
public sealed record UploadAnswer(bool Cancelled, bool Ok, int Status, string Text, string FileName);

/// <summary>What the viewer answers after painting an instance: the marked steps with their names.</summary>
public sealed record PictureAnswer(bool Ok, int Status, IReadOnlyList<MarkedStep> Active, IReadOnlyList<MarkedStep> Finished, IReadOnlyList<MarkedStep> Rejected);

/// <summary>A step marked on the process picture.</summary>
public sealed record MarkedStep(string Id, string Name);
