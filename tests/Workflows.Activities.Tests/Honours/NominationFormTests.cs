using Workflows.Activities.Honours;
using Workflows.Activities.Honours.Forms;
using Workflows.Activities.Tests.Persistence;

namespace Workflows.Activities.Tests.Honours;

/// <summary>The nomination form of each honour type: required fields, the 500- and 2,000-character deeds, kinds of values, every problem named.</summary>
public sealed class NominationFormTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    private static readonly HonourType Medal = HonourCatalog.Defaults().Single(t => t.Code == HonourCatalog.LabourMedal);
    private static readonly HonourType Certificate = HonourCatalog.Defaults().Single(t => t.Code == HonourCatalog.LabourCertificate);

    [Fact]
    public void The_deeds_may_have_500_and_2000_characters_and_not_one_more()
    {
        Validate(Medal, new { position = "技师", deedsSummary = HonoursWorld.Deeds(500), deeds = HonoursWorld.Deeds(2000) }).Should().BeEmpty();

        Validate(Medal, new { position = "技师", deedsSummary = HonoursWorld.Deeds(501), deeds = HonoursWorld.Deeds(2001) }).Should().Equal(
            "「事迹摘要」不得超过 500 字，现为 501 字，请删减 1 字。",
            "「主要事迹」不得超过 2000 字，现为 2001 字，请删减 1 字。");
    }

    [Fact]
    public void A_character_is_what_a_reader_counts_as_one()
    {
        var text = HonoursWorld.Deeds(498) + "👷🏽";
        NominationFormValidator.CharacterCount(text).Should().Be(499);
        Validate(Medal, new { position = "技师", deedsSummary = text, deeds = "事迹" }).Should().BeEmpty();
    }

    [Fact]
    public void Every_problem_is_named_with_its_field()
    {
        var problems = NominationFormValidator.Validate(Certificate, HonoursWorld.Json(new
        {
            unitType = "个体户",
            employeeCount = "许多",
            deedsSummary = "  ",
            deeds = 42,
            slogan = "奋斗",
        }));

        problems.Select(p => p.MessageZh).Should().Equal(
            "「slogan」不是「广东省五一劳动奖状」申报表的字段（可填写：单位性质、法定代表人、职工人数、事迹摘要、主要事迹）。",
            "「单位性质」须为以下之一：企业、事业单位、机关、社会组织。",
            "「法定代表人」为必填项，请填写。",
            "「职工人数」须为数字。",
            "「事迹摘要」为必填项，请填写。",
            "「主要事迹」须为文字。");
        problems.Select(p => p.Field).Should().Equal("slogan", "unitType", "legalRepresentative", "employeeCount", "deedsSummary", "deeds");
    }

    [Fact]
    public void Dates_must_be_dates_and_the_form_must_be_an_object()
    {
        Validate(Medal, new { position = "技师", workStartDate = "2005年7月", deedsSummary = "事迹", deeds = "事迹" }).Should().Equal("「参加工作时间」须为日期，格式如 2026-04-30。");
        NominationFormValidator.Validate(Medal, "[1,2]").Single().MessageZh.Should().Be("申报表数据须为 JSON 对象（字段名: 值）。");
        NominationFormValidator.Validate(Medal, "{ position: ").Single().MessageZh.Should().Be("申报表数据不是有效的 JSON。");
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task Filing_refuses_a_form_with_problems_listing_them_all(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync();
        var person = await world.PersonAsync("郑强", NomineeCategories.IndustrialWorker);

        var filing = () => world.Services.Nominations.FileAsync(new Workflows.Activities.Honours.Nominations.NominationInput
        {
            CampaignId = campaign.Id,
            NomineeId = person.Id,
            FiledByOrganisationPath = Workflows.Activities.Identity.DemoSeed.Enterprise1UnionPath,
            FiledByUserId = HonoursWorld.Filer,
            FormData = HonoursWorld.Json(new { deedsSummary = HonoursWorld.Deeds(600), deeds = "事迹" }),
        });

        (await filing.Should().ThrowAsync<HonoursException>()).Which.Problems.Should().Equal(
            "「职务/职称」为必填项，请填写。",
            "「事迹摘要」不得超过 500 字，现为 600 字，请删减 100 字。");
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task Filing_is_open_only_while_the_window_runs(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync();
        var person = await world.PersonAsync("冯刚", NomineeCategories.IndustrialWorker);
        world.Time.SetUtcNow(campaign.WindowClosesAt.AddSeconds(1));

        var late = () => world.FileAsync(campaign, person);

        (await late.Should().ThrowAsync<HonoursException>()).Which.Message.Should().Be(
            "「2026年广东省五一劳动奖章评选」的申报时间为 2026-03-01 09:00 至 2026-03-31 17:00，当前不在申报时间内。");
    }

    private static IReadOnlyList<string> Validate(HonourType type, object form) =>
        [.. NominationFormValidator.Validate(type, HonoursWorld.Json(form)).Select(p => p.MessageZh)];
}
