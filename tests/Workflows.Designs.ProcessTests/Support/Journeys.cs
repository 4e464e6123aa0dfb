namespace Workflows.Designs.ProcessTests.Support;

/// <summary>What the tests know about each design: its review levels and the answers of a successful nomination.</summary>
public static class Journeys
{
    public static TheoryData<string> AllDesigns => [.. DesignCatalog.All.Select(d => d.Key)];

    /// <summary>Every review level of every design where the nomination can be returned to the enterprise (退回补正).</summary>
    public static TheoryData<string, string> ReviewLevels
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var design in DesignCatalog.All)
            {
                foreach (var (element, _) in Reviews(design.Key))
                {
                    data.Add(design.Key, element);
                }
            }

            return data;
        }
    }

    /// <summary>The review tasks of a design with their outcome variables, in route order.</summary>
    public static IReadOnlyList<(string Element, string Variable)> Reviews(string design)
    {
        var levels = new List<(string, string)>();
        if (design != DesignCatalog.NanyueBestWorker)
        {
            levels.Add(("districtReview", "districtDecision"));
        }

        levels.Add(("cityReview", "cityDecision"));
        if (design == DesignCatalog.ModelWorker)
        {
            levels.Add(("hrReview", "hrDecision"));
        }

        levels.Add(("provinceReview", "provinceDecision"));
        if (design == DesignCatalog.NanyueCraftsman)
        {
            levels.Add(("expertReview", "expertDecision"));
            levels.Add(("interview", "interviewDecision"));
        }

        return levels;
    }

    /// <summary>The answers of a nomination that passes every stage; the committee votes 4 to 1.</summary>
    public static Answers Approving(string design)
    {
        var answers = new Answers()
            .Repeat("unitRecommendation", new { }, 3)
            .Repeat("submitNomination", new { }, 3)
            .Repeat("departmentOpinion", new { opinionAgreed = true }, 7)
            .On("committeeVote", new { vote = "for" }, new { vote = "for" }, new { vote = "against" }, new { vote = "for" }, new { vote = "for" })
            .Repeat("approval", new { approvalDecision = "approved" }, 1);
        foreach (var (element, variable) in Reviews(design))
        {
            answers.Repeat(element, Decision(variable, "approved"), 3);
        }

        return answers;
    }

    public static IReadOnlyDictionary<string, object?> Decision(string variable, string value) =>
        new Dictionary<string, object?>(StringComparer.Ordinal) { [variable] = value };

    /// <summary>The tasks of the five departments an enterprise head needs, in the order the driver lists them.</summary>
    public static readonly string[] EnterpriseHeadOpinions =
    [
        "departmentOpinion → department-reviewer@/gd/dept-rs",
        "departmentOpinion → department-reviewer@/gd/dept-scjg",
        "departmentOpinion → department-reviewer@/gd/dept-sthj",
        "departmentOpinion → department-reviewer@/gd/dept-sw",
        "departmentOpinion → department-reviewer@/gd/dept-yjgl",
    ];

    public static readonly string[] CommitteeVotes =
    [
        "committeeVote → committee1", "committeeVote → committee2", "committeeVote → committee3", "committeeVote → committee4", "committeeVote → committee5",
    ];
}
