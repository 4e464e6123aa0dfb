using System.Reflection;

namespace Workflows.Designs;

/// <summary>
/// The honour processes shipped with the product, one BPMN file per honour (<c>src/Designs/Processes</c>, written by
/// <c>src/Designs/tools/generate_designs.py</c>). Each is one nomination's journey through the common procedure:
/// unit stage (民主推荐, a unit notice of at least five working days) → opinions of the joint-review departments →
/// vetoes → district and city review within the quota → provincial review → committee vote (2/3) → provincial
/// notice with objections → approval → published decision → registry → notification.
/// </summary>
/// <remarks>
/// The designs start only through <c>POST /api/nominations</c> (<c>wf:startVia="domain"</c>). The engine sets
/// <c>initiator</c> (the filer's user name) and <c>initiatorOrg</c> (the filing organisation's path) from the filing;
/// the starter passes <c>campaignId</c> and <c>nominationId</c> (also the correlation key of the <c>objection</c>
/// message during the provincial notice). The voters (<c>committee</c>) are set by <c>honours.formCommittee</c> from
/// the campaign's committee, never from the filer.
/// Review tasks decide with their outcome variable (<c>districtDecision</c>, <c>cityDecision</c>,
/// <c>provinceDecision</c> …) set to <c>approved</c>, <c>returned</c> (退回补正: back to the enterprise's filing
/// task) or <c>rejected</c>.
/// </remarks>
public static class DesignCatalog
{
    /// <summary>The prefix of the embedded resource names of the designs.</summary>
    public const string ResourcePrefix = "designs/Processes/";

    /// <summary>五一劳动奖章 (individuals, yearly).</summary>
    public const string LabourMedal = "labour-medal";

    /// <summary>五一劳动奖状 (units, yearly).</summary>
    public const string LabourCertificate = "labour-certificate";

    /// <summary>工人先锋号 (teams, yearly).</summary>
    public const string PioneerTeam = "pioneer-team";

    /// <summary>劳动模范和先进工作者 (every five years, with the human-resources department).</summary>
    public const string ModelWorker = "model-worker";

    /// <summary>南粤工匠 (with the propaganda department: expert review and interview).</summary>
    public const string NanyueCraftsman = "nanyue-craftsman";

    /// <summary>南粤最美职工 (from the year's medal holders, by city recommendation).</summary>
    public const string NanyueBestWorker = "nanyue-best-worker";

    private static readonly Assembly Assembly = typeof(DesignCatalog).Assembly;

    /// <summary>Every design, in a fixed order.</summary>
    public static IReadOnlyList<ProcessDesign> All { get; } =
    [
        Design(LabourMedal, "广东省五一劳动奖章推荐评选", "Guangdong May Day Labour Medal", "labour-medal"),
        Design(LabourCertificate, "广东省五一劳动奖状推荐评选", "Guangdong May Day Labour Certificate", "labour-certificate"),
        Design(PioneerTeam, "广东省工人先锋号推荐评选", "Guangdong Workers' Pioneer Team", "pioneer-team"),
        Design(ModelWorker, "广东省劳动模范和先进工作者评选表彰", "Guangdong Model Workers and Advanced Workers", "model-worker"),
        Design(NanyueCraftsman, "南粤工匠推荐评选", "Nanyue Craftsman", "craftsman"),
        Design(NanyueBestWorker, "南粤最美职工推荐评选", "Nanyue Loveliest Worker", "loveliest-worker"),
    ];

    /// <summary>The design with process key <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">No design has that key; the message lists the keys.</exception>
    public static ProcessDesign Get(string key) =>
        TryGet(key, out var design)
            ? design
            : throw new KeyNotFoundException($"No design has the key '{key}'. The designs are: {string.Join(", ", All.Select(d => d.Key))}.");

    /// <summary>The design with process key <paramref name="key"/>, if there is one.</summary>
    public static bool TryGet(string key, out ProcessDesign design)
    {
        design = All.FirstOrDefault(d => string.Equals(d.Key, key, StringComparison.Ordinal))!;
        return design is not null;
    }

    /// <summary>The design that awards the honour type <paramref name="honourType"/>, if there is one.</summary>
    public static ProcessDesign? ForHonourType(string honourType) =>
        All.FirstOrDefault(d => string.Equals(d.HonourType, honourType, StringComparison.Ordinal));

    /// <summary>The names of every embedded design file, <c>designs/Processes/*.bpmn</c> (separators normalised to <c>/</c>).</summary>
    public static IReadOnlyList<string> EmbeddedFiles() =>
        Assembly.GetManifestResourceNames()
            .Select(n => n.Replace('\\', '/'))
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".bpmn", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static ProcessDesign Design(string key, string nameZh, string nameEn, string honourType) =>
        new(key, nameZh, nameEn, honourType, () => Read(ResourcePrefix + key + ".bpmn"));

    private static string Read(string resourceName)
    {
        // The build may write the folder separator of the machine into the logical name.
        var actual = Assembly.GetManifestResourceNames().FirstOrDefault(n => n.Replace('\\', '/') == resourceName)
            ?? throw new InvalidOperationException($"The design file {resourceName} is not embedded in {Assembly.GetName().Name}.");
        using var stream = Assembly.GetManifestResourceStream(actual)!;
        using var reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
