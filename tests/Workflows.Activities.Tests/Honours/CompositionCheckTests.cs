using Workflows.Activities.Honours;
using Workflows.Activities.Honours.Rules;

namespace Workflows.Activities.Tests.Honours;

/// <summary>The arithmetic of composition rules and quotas on lists in memory.</summary>
public sealed class CompositionCheckTests
{
    [Theory]
    [InlineData(20, 6, 7, 1)]
    [InlineData(20, 7, 7, 0)]
    [InlineData(19, 6, 7, 1)]
    [InlineData(3, 0, 2, 2)]
    [InlineData(0, 0, 0, 0)]
    public void A_minimum_share_needs_the_share_rounded_up(int listSize, int industrial, int required, int shortfall)
    {
        var list = List((NomineeCategories.IndustrialWorker, industrial), (NomineeCategories.ScienceEducation, listSize - industrial));

        var line = CompositionCheck.Apply(Rule(CompositionRuleKind.MinimumShare, NomineeCategories.IndustrialWorker, percent: 35), list);

        (line.Required, line.Actual, line.Shortfall, line.Passed).Should().Be((required, industrial, shortfall, shortfall == 0));
    }

    [Fact]
    public void A_maximum_share_allows_the_share_rounded_down()
    {
        var list = List((NomineeCategories.EnterpriseHead | NomineeCategories.OtherFrontlineWorker, 5), (NomineeCategories.IndustrialWorker, 16));

        var line = CompositionCheck.Apply(Rule(CompositionRuleKind.MaximumShare, NomineeCategories.EnterpriseHead, percent: 20, name: "企业负责人不超过20%"), list);

        (line.Required, line.Actual, line.Excess).Should().Be((4, 5, 1));
        line.MessageZh.Should().Be("超出「企业负责人不超过20%」：名单共 21 名，企业负责人 5 名（23.8%），按 20% 至多 4 名，超出 1 名。");
    }

    [Fact]
    public void A_share_of_a_group_counts_only_within_the_group()
    {
        // 农民工 ≥ 25% of the farmer group (农民工 and 产业工人 here), whatever the rest of the list.
        var list = List((NomineeCategories.MigrantWorker, 1), (NomineeCategories.IndustrialWorker, 7), (NomineeCategories.ScienceEducation, 12));
        var rule = Rule(CompositionRuleKind.MinimumShare, NomineeCategories.MigrantWorker, percent: 25, name: "农民工不少于25%",
            baseCategories: NomineeCategories.MigrantWorker | NomineeCategories.IndustrialWorker);

        var line = CompositionCheck.Apply(rule, list);

        (line.BaseSize, line.Required, line.Actual, line.Shortfall).Should().Be((8, 2, 1, 1));
        line.MessageZh.Should().Be("未达到「农民工不少于25%」：名单中产业工人、农民工共 8 名，农民工 1 名（12.5%），按 25% 至少需要 2 名，还差 1 名。");
    }

    [Fact]
    public void Women_and_minorities_are_counted_from_gender_and_ethnicity()
    {
        var nominee = new Nominee { Kind = NomineeKind.Individual, Gender = Gender.Female, Ethnicity = "壮族", Categories = NomineeCategories.IndustrialWorker };

        nominee.AllCategories.Should().Be(NomineeCategories.IndustrialWorker | NomineeCategories.Women | NomineeCategories.EthnicMinority);
        new Nominee { Gender = Gender.Male, Ethnicity = "汉族" }.AllCategories.Should().Be(NomineeCategories.None);
    }

    [Fact]
    public void Quotas_of_other_units_do_not_apply()
    {
        var list = List((NomineeCategories.IndustrialWorker, 3));
        Quota[] quotas = [new() { AllocationUnitPath = "/gd/sz", Number = 1 }, new() { AllocationUnitPath = "/gd/gz", Number = 3 }];

        var result = QuotaCheck.Evaluate("/gd/gz", "广州市总工会", quotas, list);

        result.Passed.Should().BeTrue();
        result.Lines.Should().ContainSingle().Which.MessageZh.Should().Be("广州市总工会总名额为 3 名，名单中有 3 名。");
    }

    [Fact]
    public void Categories_read_from_codes_and_Chinese_names()
    {
        NomineeCategoryNames.Parse(["industrialWorker", "女性", "NonStateEnterprise"]).Should()
            .Be(NomineeCategories.IndustrialWorker | NomineeCategories.Women | NomineeCategories.NonStateEnterprise);
        var unknown = () => NomineeCategoryNames.Parse(["个体户"]);
        unknown.Should().Throw<HonoursException>().WithMessage("未知的人员类别「个体户」。可用类别：产业工人、*");
    }

    private static CompositionRule Rule(CompositionRuleKind kind, NomineeCategories categories, decimal? percent = null, int? count = null,
        string name = "产业工人不少于35%", NomineeCategories baseCategories = NomineeCategories.None) => new()
    {
        Id = Guid.NewGuid(), NameZh = name, Kind = kind, Categories = categories, Percent = percent, Count = count, BaseCategories = baseCategories,
    };

    private static List<ListMember> List(params (NomineeCategories Categories, int Count)[] groups) =>
        [.. groups.SelectMany(g => Enumerable.Range(0, g.Count).Select(_ => new ListMember(Guid.NewGuid(), Guid.NewGuid(), "某", g.Categories)))];
}
