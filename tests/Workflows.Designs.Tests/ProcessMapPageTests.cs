using Workflows.Designs.Maps;
using Workflows.Designs.Maps.Pages;

namespace Workflows.Designs.Tests;

/// <summary>The page of a design: steps in flow order with who, approval, deadline, reminders and timeout; roles, gateways, timers, messages, activities, rules, errors.</summary>
public sealed class ProcessMapPageTests
{
    [Fact]
    public void The_sample_design_page_lists_its_steps_in_flow_order_with_handlers_and_deadlines()
    {
        var design = DesignFile.Load(Repository.SampleDesign, "src/Designs/Processes/sample-approval.bpmn");
        var page = ProcessMapPage.Write(design, "sample-approval.svg", "../../src/Designs/Processes/sample-approval.bpmn");

        page.Should().StartWith("# 示例审批流程\n");
        page.Should().Contain("![示例审批流程](sample-approval.svg)");
        var steps = Table(page, "## 步骤 (Steps)");
        steps.Select(r => r[1]).Should().Equal(
            "`start`", "`submit`", "`cityReview`", "`reviewPassed`", "`endRejected`", "`committeeVote`", "`votePassed`", "`publicity`", "`endVotedDown`", "`end`");
        var review = steps.Single(r => r[1] == "`cityReview`");
        review[2].Should().Be("市总工会审核");
        review[3].Should().Be("用户任务");
        review[4].Should().Be("发起单位所在市总工会 审核人 (city-reviewer)");
        review[6].Should().Be("5 个工作日");
        review[7].Should().Be("到期前 2 个工作日提醒；此后每 1 天提醒一次");
        review[8].Should().Be("再次提醒");
        var vote = steps.Single(r => r[1] == "`committeeVote`");
        vote[5].Should().Be("会签，同意票达到 2/3 即通过");
        vote[4].Should().Be("表达式 `${membersOf('committee-member', provinceOf(initiatorOrg) + '/committee')}` 算出的人员", "the voters come from the organisation tree, never from a start variable");
        steps.Single(r => r[1] == "`submit`")[4].Should().Be("发起人");
        steps.Single(r => r[1] == "`publicity`")[3].Should().Be("定时中间捕获事件");

        Table(page, "## 定时 (Timers)").Single().Should().Equal("「公示（5个工作日）」 (`publicity`)", "流程在此等待", "等待 5 个工作日");
        var gateways = Table(page, "## 网关与条件 (Gateways and conditions)");
        gateways.Should().ContainEquivalentOf(new[] { "「审核通过？」 (`reviewPassed`)", "排他网关", "是：→ 「评审委员会表决」 (`committeeVote`)", "`${approved}`" });
        gateways.Should().ContainEquivalentOf(new[] { "「审核通过？」 (`reviewPassed`)", "排他网关", "否：→ 「审核未通过」 (`endRejected`)", "默认（其他条件都不成立时）" });
        var rules = Table(page, "## 规则 (Rules)");
        rules.Single(r => r[0].Contains("`cityReview`", StringComparison.Ordinal)).Skip(1).Take(2).Should().Equal("必须填写审批意见", "退回到 「提交申报」 (`submit`)");
        rules.Single(r => r[0].Contains("`committeeVote`", StringComparison.Ordinal))[2].Should().BeEmpty("on a vote a rejection is a vote against: the engine refuses wf:rejectAction there");
        Table(page, "## 角色 (Roles)").Select(r => r[0]).Should().Equal("发起人", "发起单位所在市总工会 审核人 (city-reviewer)", "表达式 `${membersOf('committee-member', provinceOf(initiatorOrg) + '/committee')}` 算出的人员");
    }

    [Fact]
    public void Boundary_events_follow_their_activity_and_a_sub_process_lists_its_inside()
    {
        using var workspace = new Designs.Workspace();
        var path = workspace.AddDesign("nomination.bpmn", Designs.Nomination());
        var design = DesignFile.Load(path, "nomination.bpmn");
        StepOrder.Of(design.Processes.Single()).Select(s => $"{s.Number} {s.Node.Id}").Should().Equal(
            "1 start", "2 file", "3 late", "4 quota", "5 remind", "6 review", "6.1 reviewStart", "6.2 waitOpinion", "6.3 reviewEnd", "7 end", "8 full");
    }

    [Fact]
    public void Timers_messages_activities_escalation_and_errors_are_described()
    {
        using var workspace = new Designs.Workspace();
        var design = DesignFile.Load(workspace.AddDesign("nomination.bpmn", Designs.Nomination()), "nomination.bpmn");
        var page = ProcessMapPage.Write(design, "nomination.svg", "nomination.bpmn");

        Table(page, "## 定时 (Timers)").Single().Should().Equal("「超时提醒」 (`late`)", "附在 「企业申报」 (`file`) 上，到时不中断该步骤", "等待 2 个工作日");
        Table(page, "## 消息 (Messages)").Single().Should().Equal("「等待联审意见」 (`waitOpinion`)", "等待接收", "`联审意见`", "`${nomineeId}`");
        Table(page, "## 活动 (Activities)").Single().Should().Equal("「检查名额」 (`quota`)", "服务任务", "活动类型 `honours.checkQuota`", "`campaign` = `${campaignId}`", "`left` = `${remaining}`");
        Table(page, "## 错误 (Errors)").Single().Should().Equal("「名额已满」 (`full`)", "抛出错误并结束", "`QUOTA_FULL` 名额已满");
        var file = Table(page, "## 步骤 (Steps)").Single(r => r[1] == "`file`");
        file[4].Should().Be("发起单位 申报人 (enterprise-filer)");
        file[8].Should().Be("转交 县(区)总工会 审核人 (district-reviewer)");
        Table(page, "## 角色 (Roles)").Select(r => r[1]).Should().Contain("「企业申报」 (`file`)（超时后接手）");
        Table(page, "## 网关与条件 (Gateways and conditions)").Should().BeEmpty();
        page.Should().Contain("## 网关与条件 (Gateways and conditions)\n\n无。\n");
    }

    [Fact]
    public void Markup_in_names_cannot_break_the_tables()
    {
        using var workspace = new Designs.Workspace();
        var design = DesignFile.Load(workspace.AddDesign("nomination.bpmn", Designs.Nomination("申报 | 审核 *重要* `x`")), "nomination.bpmn");
        var page = ProcessMapPage.Write(design, "nomination.svg", "nomination.bpmn");
        var file = Table(page, "## 步骤 (Steps)").Single(r => r[1] == "`file`");
        file.Should().HaveCount(9, "the pipe in the name is escaped");
        file[2].Should().Be("申报 \\| 审核 \\*重要\\* \\`x\\`");
    }

    /// <summary>The body rows of the first table after <paramref name="heading"/>, cells trimmed.</summary>
    private static List<string[]> Table(string page, string heading)
    {
        var lines = page.Split('\n');
        var start = Array.IndexOf(lines, heading);
        start.Should().BeGreaterThanOrEqualTo(0, $"the page has the section {heading}");
        var rows = new List<string[]>();
        for (var i = start + 1; i < lines.Length && !lines[i].StartsWith("## ", StringComparison.Ordinal); i++)
        {
            if (!lines[i].StartsWith('|') || lines[i].StartsWith("|---", StringComparison.Ordinal))
            {
                continue;
            }

            rows.Add(SplitRow(lines[i]));
        }

        return rows.Skip(1).ToList(); // the header row
    }

    /// <summary>Splits a table row at pipes that are not escaped.</summary>
    private static string[] SplitRow(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length)
            {
                cell.Append(line[i]).Append(line[i + 1]);
                i++;
            }
            else if (line[i] == '|')
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
            {
                cell.Append(line[i]);
            }
        }

        return [.. cells];
    }
}
