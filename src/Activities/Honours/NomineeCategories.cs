namespace Workflows.Activities.Honours;

/// <summary>
/// The categories a nominee is counted in by quotas and composition rules (名额分类与结构比例). A nominee usually has
/// one occupational category (产业工人, 其他一线职工 …) and any of the attributes (women, ethnic minority, non-state
/// enterprise, priority industry). Stored as an integer of flags. A quota or rule that names several flags counts a
/// nominee who has any of them (e.g. 其他一线职工和专业技术人员).
/// </summary>
[Flags]
public enum NomineeCategories
{
    None = 0,

    /// <summary>产业工人.</summary>
    IndustrialWorker = 1 << 0,

    /// <summary>其他一线职工.</summary>
    OtherFrontlineWorker = 1 << 1,

    /// <summary>专业技术人员.</summary>
    ProfessionalTechnical = 1 << 2,

    /// <summary>科教人员.</summary>
    ScienceEducation = 1 << 3,

    /// <summary>农民工.</summary>
    MigrantWorker = 1 << 4,

    /// <summary>企业负责人.</summary>
    EnterpriseHead = 1 << 5,

    /// <summary>党政干部.</summary>
    PartyGovernmentCadre = 1 << 6,

    /// <summary>女性.</summary>
    Women = 1 << 7,

    /// <summary>少数民族.</summary>
    EthnicMinority = 1 << 8,

    /// <summary>非公有制企业.</summary>
    NonStateEnterprise = 1 << 9,

    /// <summary>重点产业（战略性新兴产业、先进制造业等）.</summary>
    PriorityIndustry = 1 << 10,

    /// <summary>国有企业 (its heads need the opinions of 审计 and 纪检监察 as well).</summary>
    StateOwnedEnterprise = 1 << 11,
}

/// <summary>Chinese names of <see cref="NomineeCategories"/> and parsing of category lists.</summary>
public static class NomineeCategoryNames
{
    private static readonly (NomineeCategories Flag, string Zh, string Code)[] Names =
    [
        (NomineeCategories.IndustrialWorker, "产业工人", "industrialWorker"),
        (NomineeCategories.OtherFrontlineWorker, "其他一线职工", "otherFrontlineWorker"),
        (NomineeCategories.ProfessionalTechnical, "专业技术人员", "professionalTechnical"),
        (NomineeCategories.ScienceEducation, "科教人员", "scienceEducation"),
        (NomineeCategories.MigrantWorker, "农民工", "migrantWorker"),
        (NomineeCategories.EnterpriseHead, "企业负责人", "enterpriseHead"),
        (NomineeCategories.PartyGovernmentCadre, "党政干部", "partyGovernmentCadre"),
        (NomineeCategories.Women, "女性", "women"),
        (NomineeCategories.EthnicMinority, "少数民族", "ethnicMinority"),
        (NomineeCategories.NonStateEnterprise, "非公有制企业", "nonStateEnterprise"),
        (NomineeCategories.PriorityIndustry, "重点产业", "priorityIndustry"),
        (NomineeCategories.StateOwnedEnterprise, "国有企业", "stateOwnedEnterprise"),
    ];

    /// <summary>Every single flag, in the order above.</summary>
    public static IReadOnlyList<NomineeCategories> All { get; } = [.. Names.Select(n => n.Flag)];

    /// <summary>The Chinese name: one flag (产业工人), several joined with 、 (其他一线职工、专业技术人员), none: 全部.</summary>
    public static string Zh(NomineeCategories categories)
    {
        if (categories == NomineeCategories.None)
        {
            return "全部";
        }

        return string.Join("、", Names.Where(n => categories.HasFlag(n.Flag)).Select(n => n.Zh));
    }

    /// <summary>The camelCase codes of the flags set (for JSON and process variables).</summary>
    public static IReadOnlyList<string> Codes(NomineeCategories categories) =>
        [.. Names.Where(n => categories.HasFlag(n.Flag)).Select(n => n.Code)];

    /// <summary>
    /// Parses one category by its code (<c>industrialWorker</c>), its enum name (<c>IndustrialWorker</c>) or its Chinese
    /// name (产业工人); false when unknown.
    /// </summary>
    public static bool TryParseOne(string text, out NomineeCategories category)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        foreach (var (flag, zh, code) in Names)
        {
            if (string.Equals(t, code, StringComparison.OrdinalIgnoreCase) || string.Equals(t, flag.ToString(), StringComparison.OrdinalIgnoreCase) || t == zh)
            {
                category = flag;
                return true;
            }
        }

        category = NomineeCategories.None;
        return false;
    }

    /// <summary>Parses several categories (codes or Chinese names); throws with the unknown name in Chinese.</summary>
    /// <exception cref="HonoursException">An unknown category.</exception>
    public static NomineeCategories Parse(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = NomineeCategories.None;
        foreach (var text in texts)
        {
            if (!TryParseOne(text, out var one))
            {
                throw new HonoursException($"未知的人员类别「{text}」。可用类别：{string.Join("、", Names.Select(n => n.Zh))}。");
            }

            result |= one;
        }

        return result;
    }
}
