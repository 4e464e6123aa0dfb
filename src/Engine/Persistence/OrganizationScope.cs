namespace Workflows.Engine.Persistence;

/// <summary>
/// The rule of organisation scopes (<see cref="TaskQuery.OrganizationScopes"/>, <see cref="InstanceQuery.OrganizationScopes"/>):
/// a materialised path lies in the scope of an organisation when it is that organisation's path or starts with it
/// followed by <c>/</c>. So <c>/gd/gz</c> covers <c>/gd/gz</c> and <c>/gd/gz/th/ent-001</c>, not <c>/gd/gzx</c>;
/// characters are compared exactly (ordinal: <c>%</c> and <c>_</c> are plain characters), and a null path lies in no scope.
/// Every store applies this rule; the databases as the range <c>scope &lt;= path &lt; scope + '0'</c> ('0' follows '/')
/// with the residual test <c>path = scope OR path &gt;= scope + '/'</c>, on a byte-wise collation.
/// </summary>
public static class OrganizationScope
{
    /// <summary>The separator of path segments.</summary>
    public const char Separator = '/';

    /// <summary>Whether <paramref name="path"/> lies in the scope of <paramref name="scope"/>.</summary>
    public static bool Covers(string scope, string? path)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (path is null || !path.StartsWith(scope, StringComparison.Ordinal))
        {
            return false;
        }

        return path.Length == scope.Length || path[scope.Length] == Separator;
    }

    /// <summary>
    /// Whether <paramref name="path"/> lies in one of <paramref name="scopes"/>: null scopes are no filter (true),
    /// an empty list matches nothing.
    /// </summary>
    public static bool CoversAny(IReadOnlyList<string>? scopes, string? path)
    {
        if (scopes is null)
        {
            return true;
        }

        foreach (var scope in scopes)
        {
            if (Covers(scope, path))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The scopes of a query without repeats, checked: a null or empty scope is an error (an empty string would cover
    /// every path that starts with '/', surely not what the caller meant).
    /// </summary>
    internal static string[] Distinct(IReadOnlyList<string> scopes, string parameterName)
    {
        foreach (var scope in scopes)
        {
            if (string.IsNullOrEmpty(scope))
            {
                throw new ArgumentException("An organisation scope must be a non-empty path such as /gd/gz.", parameterName);
            }
        }

        return scopes.Count == 1 ? [scopes[0]] : [.. scopes.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The bounds of a scope's range: the scope itself, the scope followed by '/', and the first string past its subtree.</summary>
    internal static (string Path, string Below, string End) Bounds(string scope) =>
        (scope, scope + Separator, scope + (char)(Separator + 1));
}
