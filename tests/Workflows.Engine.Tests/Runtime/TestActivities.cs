using Workflows.Engine.Activities;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>Activities used by the runtime tests.</summary>
public static class TestActivities
{
    public static ActivityRegistry Registry() => new ActivityRegistry()
        .Register(Descriptor("test.double", "把 value 乘以二", "Doubles value"), () => new Double())
        .Register(Descriptor("test.fail", "抛出业务错误", "Raises a BPMN error"), () => new Fail())
        .Register(Descriptor("test.crash", "抛出异常", "Throws an exception"), () => new Crash());

    private static ActivityDescriptor Descriptor(string type, string zh, string en) =>
        new() { Type = type, Category = "test", DisplayNameZh = zh, DisplayNameEn = en };

    private sealed class Double : IWorkflowActivity
    {
        public ValueTask<IReadOnlyDictionary<string, object?>> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
        {
            var value = Convert.ToInt64(context.Get("value"), System.Globalization.CultureInfo.InvariantCulture);
            return ValueTask.FromResult<IReadOnlyDictionary<string, object?>>(new Dictionary<string, object?> { ["doubled"] = value * 2 });
        }
    }

    private sealed class Fail : IWorkflowActivity
    {
        public ValueTask<IReadOnlyDictionary<string, object?>> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken) =>
            throw new BpmnErrorException(context.Get("code") as string ?? "E1", "failed on purpose");
    }

    private sealed class Crash : IWorkflowActivity
    {
        public ValueTask<IReadOnlyDictionary<string, object?>> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the activity crashed");
    }
}
