namespace Workflows.Web.Tests;

/// <summary>
/// A nomination of the test approval (<see cref="ApprovalProcess"/>) brought to a stage through the API: deployed by
/// the administrator, started and filled in by the enterprise filer; the demo city reviewer of 广州 has it next.
/// </summary>
internal sealed class Nomination
{
    private Nomination(string key, string businessKey, string instanceId)
    {
        Key = key;
        BusinessKey = businessKey;
        InstanceId = instanceId;
    }

    public string Key { get; }

    public string BusinessKey { get; }

    public string InstanceId { get; }

    /// <summary>Deploys a fresh copy of the approval, starts it as <c>filer</c> and submits the filled-in form.</summary>
    public static async Task<Nomination> AtCityReviewAsync(WebHost host, string prefix)
    {
        var key = ApprovalProcess.NewKey(prefix);
        using (var admin = await ApiUser.SignInAsync(host, "admin", "Admin#2026"))
        {
            await admin.DeployAndPublishAsync(ApprovalProcess.Xml(key));
        }

        using var filer = await ApiUser.SignInAsync(host, "filer");
        var businessKey = ApprovalProcess.NewBusinessKey();
        var id = await filer.StartAsync(key, businessKey, new { nominee = "张三", deeds = "初稿：爱岗敬业二十年" });
        var fill = await filer.MyTaskAsync(id);
        await filer.PostAsync($"/api/tasks/{fill}/approve", new { comment = "提交推荐材料" });
        return new Nomination(key, businessKey, id);
    }

    /// <summary>The city reviewer approves: the committee votes next.</summary>
    public async Task ApproveAtCityAsync(WebHost host)
    {
        using var city = await ApiUser.SignInAsync(host, "city-reviewer");
        await city.PostAsync($"/api/tasks/{await city.MyTaskAsync(InstanceId)}/approve", new { comment = "同意推荐" });
    }
}
