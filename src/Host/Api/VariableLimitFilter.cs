using System.Text;
using System.Text.Json;
using Workflows.Engine.Runtime;
using Workflows.Host.Configuration;
using Workflows.Host.Errors;

namespace Workflows.Host.Api;

/// <summary>A request body that carries process variables.</summary>
public interface IVariablesRequest
{
    Dictionary<string, JsonElement>? Variables { get; }
}

/// <summary>
/// Refuses the variables of a request before the engine sees them: more than <c>Workflows:Variables:MaxCount</c>
/// (422), more than <c>MaxRequestJsonBytes</c> of JSON (413), or a name with control characters (400). The engine
/// bounds the total of each instance (<see cref="VariableLimits"/>).
/// </summary>
internal static class VariableLimitFilter
{
    public static TBuilder WithVariableLimits<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            foreach (var argument in context.Arguments)
            {
                if (argument is IVariablesRequest { Variables: { } variables })
                {
                    Check(variables, context.HttpContext.RequestServices.GetRequiredService<WorkflowsSettings>().Variables);
                }
            }

            return await next(context);
        });

    public static void Check(Dictionary<string, JsonElement> variables, VariableSettings limits)
    {
        if (variables.Count > limits.MaxCount)
        {
            throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "Too many variables",
                $"The request has {variables.Count:N0} variables; the limit is {limits.MaxCount:N0} (Workflows:Variables:MaxCount). 变量过多。");
        }

        long bytes = 0;
        foreach (var (name, value) in variables)
        {
            if (TextRules.HasControlCharacters(name))
            {
                throw ApiProblemException.BadRequest("A variable name contains control characters (NUL, line breaks, tabs). 变量名不能含控制字符。");
            }

            bytes += Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(value.GetRawText());
            if (bytes > limits.MaxRequestJsonBytes)
            {
                throw new ApiProblemException(StatusCodes.Status413PayloadTooLarge, "The variables are too large",
                    $"The variables of the request take more than {limits.MaxRequestJsonBytes:N0} bytes of JSON (Workflows:Variables:MaxRequestJsonBytes). 变量过大。");
            }
        }
    }
}
