using Workflows.Designs.Maps.Pages;
using Workflows.Designs.Maps.Rendering;

namespace Workflows.Designs.Tests;

/// <summary>Wrapping names without fonts, and saying durations and handlers in plain Chinese.</summary>
public sealed class TextTests
{
    [Fact]
    public void Chinese_wraps_between_characters_and_Latin_between_words()
    {
        TextLayout.Wrap("市总工会审核人员复核", 60, 12).Should().Equal("市总工会审", "核人员复核");
        TextLayout.Wrap("Review the nomination files", 90, 12).Should().Equal("Review the", "nomination files");
        TextLayout.Wrap("第一行\n第二行", 200, 12).Should().Equal("第一行", "第二行");
        TextLayout.Wrap("   ", 100, 12).Should().BeEmpty();
    }

    [Fact]
    public void Closing_punctuation_stays_on_the_line_before_and_long_words_are_cut()
    {
        TextLayout.Wrap("审核通过。然后", 48, 12).Should().Equal("审核通过。", "然后");
        var cut = TextLayout.Wrap("Supercalifragilisticexpialidocious", 60, 12);
        cut.Should().HaveCountGreaterThan(1);
        string.Concat(cut).Should().Be("Supercalifragilisticexpialidocious");
    }

    [Fact]
    public void Widths_count_a_full_em_for_chinese_and_less_for_latin()
    {
        TextLayout.Width("审核", 12).Should().Be(24);
        TextLayout.Width("a", 12).Should().BeLessThan(TextLayout.Width("审", 12));
        TextLayout.Width("MW", 12).Should().BeGreaterThan(TextLayout.Width("il", 12));
        TextLayout.Width("（５）", 10).Should().Be(30, "full-width forms take a full em");
    }

    [Theory]
    [InlineData("P5WD", "5 个工作日")]
    [InlineData("P10WD", "10 个工作日")]
    [InlineData("PT4H", "4 小时")]
    [InlineData("P1DT12H", "1 天 12 小时")]
    [InlineData("P2W", "2 周")]
    [InlineData("PT30M", "30 分钟")]
    [InlineData("P1Y2M", "1 年 2 个月")]
    [InlineData("2026-04-30T17:00:00+08:00", "截止于 `2026-04-30T17:00:00+08:00`")]
    [InlineData("${deadline}", "表达式 `${deadline}`")]
    [InlineData("P", "`P`")]
    [InlineData("PT", "`PT`")]
    public void Durations_are_said_in_plain_chinese(string iso, string expected)
    {
        DurationText.Describe(iso).Should().Be(expected);
    }

    [Theory]
    [InlineData(null, "P5WD", null, "等待 5 个工作日")]
    [InlineData(null, null, "R3/P1D", "每 1 天，共 3 次")]
    [InlineData(null, null, "R/PT1H", "每 1 小时，不限次数")]
    [InlineData(null, null, "R2/2026-01-05T09:00+08:00/P1WD", "自 `2026-01-05T09:00+08:00` 起每 1 个工作日，共 2 次")]
    [InlineData("2026-05-01T00:00:00+08:00", null, null, "于 `2026-05-01T00:00:00+08:00`")]
    public void Timers_are_said_in_plain_chinese(string? date, string? duration, string? cycle, string expected)
    {
        DurationText.Timer(date, duration, cycle).Should().Be(expected);
    }

    [Theory]
    [InlineData("city-reviewer@${cityOf(initiatorOrg)}", "发起单位所在市总工会 审核人 (city-reviewer)")]
    [InlineData("district-reviewer@${districtOf(initiatorOrg)}", "发起单位所在县(区)总工会 审核人 (district-reviewer)")]
    [InlineData("enterprise-filer@${initiatorOrg}", "发起单位 申报人 (enterprise-filer)")]
    [InlineData("province-reviewer@/gd", "广东省总工会 审核人 (province-reviewer)")]
    [InlineData("committee-member@/gd/committee", "广东省总工会评审委员会 评审委员 (committee-member)")]
    [InlineData("department-reviewer@/gd/dept-rs", "组织 `/gd/dept-rs` 联审人 (department-reviewer)")]
    [InlineData("city-reviewer@${reviewOrg}", "流程变量 `reviewOrg` 指定的组织 审核人 (city-reviewer)")]
    [InlineData("auditor@/gd", "广东省总工会 `auditor`")]
    [InlineData("city-reviewer@${pick(a, b)}", "`${pick(a, b)}` 审核人 (city-reviewer)")]
    [InlineData("province-reviewer", "省总工会 审核人 (province-reviewer)")]
    [InlineData("finance", "组 `finance`")]
    public void Candidate_groups_are_said_in_plain_chinese_where_recognisable(string group, string expected)
    {
        ParticipantText.Group(group).Should().Be(expected);
    }

    [Fact]
    public void Every_role_of_the_organisation_tree_has_a_chinese_name()
    {
        ParticipantText.KnownRoles.Should().BeEquivalentTo(Workflows.Activities.Organisations.Roles.All);
        foreach (var role in Workflows.Activities.Organisations.Roles.All)
        {
            ParticipantText.Role(role).Should().EndWith($" ({role})").And.NotContain("`", $"the role {role} is said in Chinese");
        }
    }

    [Theory]
    [InlineData("${initiator}", "发起人")]
    [InlineData("${owner}", "流程变量 `owner` 指定的人员")]
    [InlineData("${leaderOf(initiatorOrg)}", "表达式 `${leaderOf(initiatorOrg)}` 算出的人员")]
    [InlineData("li.lei", "用户 `li.lei`")]
    public void Assignees_are_said_in_plain_chinese(string assignee, string expected)
    {
        ParticipantText.Person(assignee).Should().Be(expected);
    }
}
