using System.Globalization;
using Workflows.Engine.Expressions;

namespace Workflows.Engine.Runtime;

/// <summary>
/// Functions every expression may call: <c>now()</c>, <c>addWorkingDays(date, n)</c>,
/// <c>workingDaysBetween(from, to)</c>, <c>addDays(date, n)</c>. Dates are ISO-8601 strings.
/// </summary>
internal sealed class BuiltInFunctions(WorkflowEngine engine) : IExpressionFunctions
{
    public void Register(ExpressionSandbox sandbox)
    {
        sandbox.SetFunction("now", () => Format(engine.Time.GetUtcNow()));
        sandbox.SetFunction("addWorkingDays", (string date, int days) => Format(engine.WorkingDays.Add(Parse(date), days)));
        sandbox.SetFunction("workingDaysBetween", (string from, string to) => engine.WorkingDays.Count(Parse(from), Parse(to)));
        sandbox.SetFunction("addDays", (string date, int days) => Format(Parse(date).AddDays(days)));
    }

    private static DateTimeOffset Parse(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new FormatException($"'{text}' is not an ISO-8601 date.");

    private static string Format(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffK", CultureInfo.InvariantCulture);
}
