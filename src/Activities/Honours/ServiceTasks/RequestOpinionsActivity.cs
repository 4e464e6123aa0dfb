using Workflows.Activities.Honours.Opinions;
using Workflows.Engine.Activities;

namespace Workflows.Activities.Honours.ServiceTasks;

/// <summary>
/// <c>honours.requestOpinions</c> (征求联审部门意见): lists the joint-review departments the nominee's kind and categories
/// need (an enterprise head: 市场监管, 税务, 人社, 应急管理, 生态环境 …), as a collection for a parallel multi-instance
/// user task: <c>opinionGroups</c> are the candidate groups (<c>department-reviewer@/gd/dept-scjg</c>).
/// </summary>
public sealed class RequestOpinionsActivity(OpinionRouting routing) : IWorkflowActivity
{
    public const string ActivityType = "honours.requestOpinions";

    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = ActivityType,
        Category = HonoursActivities.Category,
        DisplayNameZh = "确定征求意见部门",
        DisplayNameEn = "Departments to ask for opinions",
        DescriptionZh = "按被推荐对象的类型确定须征求意见的联审部门：企业负责人征求市场监管、税务、人社、应急管理、生态环境部门意见，国有企业另征求审计、纪检监察；党政干部征求纪检监察；一线职工和农民由单位出具意见。输出部门列表，供并行多实例任务使用。",
        DescriptionEn = "Lists the joint-review departments the nominee type needs (enterprise heads: market regulation, tax, human resources, emergency management, ecology; state-owned also audit and discipline inspection; cadres: discipline inspection; front-line workers: none), for a parallel multi-instance task.",
        Inputs =
        [
            new ActivityPort("nominationId", "string", "推荐", "Nomination", Required: true),
        ],
        Outputs =
        [
            new ActivityPort("opinionDepartments", "list", "征求意见部门（代码、名称、路径、候选组）", "Departments (code, name, path, group key)"),
            new ActivityPort("opinionGroups", "list", "各部门审核人的候选组", "Candidate group of each department's reviewers"),
            new ActivityPort("opinionsNeeded", "boolean", "是否需要征求意见", "Whether any opinion is needed"),
        ],
    };

    public async ValueTask<IReadOnlyDictionary<string, object?>> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var departments = await routing.DepartmentsForAsync(ActivityInputs.RequireGuid(context, ActivityType, "nominationId"), cancellationToken).ConfigureAwait(false);
        return new Dictionary<string, object?>
        {
            ["opinionDepartments"] = departments.Select(d => new Dictionary<string, object?>
            {
                ["code"] = d.Code,
                ["name"] = d.Name,
                ["path"] = d.Path,
                ["groupKey"] = d.GroupKey,
            }).ToList(),
            ["opinionGroups"] = departments.Select(d => d.GroupKey).ToList(),
            ["opinionsNeeded"] = departments.Count > 0,
        };
    }
}
