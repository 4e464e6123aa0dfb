using System.Text.Json;
using System.Text.Json.Serialization;
using Workflows.Activities.Honours;
using Workflows.Activities.Honours.Registry;
using Workflows.Activities.Honours.Rules;
using Workflows.Activities.Honours.Submission;
using Workflows.Host.Errors;

namespace Workflows.Host.Api;

/// <summary>A campaign to create (a draft): honour type, year, notice, window, deadline, notice lengths, materials, quotas and rules.</summary>
public sealed record CreateCampaignRequest(
    string? HonourType,
    int? Year,
    string? Title,
    string? NoticeText,
    string? OrganisationPath,
    DateTimeOffset? WindowOpensAt,
    DateTimeOffset? WindowClosesAt,
    DateTimeOffset? Deadline,
    DateOnly? ReferenceDate,
    int? VetoYears,
    int? UnitNoticeWorkingDays,
    int? ProvincialNoticeDays,
    bool? ProvincialNoticeInWorkingDays,
    IReadOnlyList<MaterialRequest>? RequiredMaterials,
    IReadOnlyList<QuotaRequest>? Quotas,
    IReadOnlyList<CompositionRuleRequest>? CompositionRules);

/// <summary>A required material: its code (attachments name it), its Chinese name, and whom it concerns.</summary>
public sealed record MaterialRequest(string? Code, string? Name, bool? Required, IReadOnlyList<string>? OnlyForCategories);

/// <summary>A quota (名额): the allocation unit's path, the categories it counts (none: the total) and the number.</summary>
public sealed record QuotaRequest(string? UnitPath, IReadOnlyList<string>? Categories, int? Number);

/// <summary>A composition rule (结构比例): "categories are at least / at most percent (or count) of the list (or of its base categories)".</summary>
public sealed record CompositionRuleRequest(
    string? Name,
    CompositionRuleKind? Kind,
    IReadOnlyList<string>? Categories,
    decimal? Percent,
    int? Count,
    CompositionScope? Scope,
    IReadOnlyList<string>? BaseCategories);

/// <summary>The decision (表彰决定) to publish: its title and document number (文号), both optional.</summary>
public sealed record PublishDecisionRequest(string? Title, string? DocumentNumber);

/// <summary>A level's batch (整批报送): the nominations it passes on, and a comment for the record.</summary>
public sealed record LevelSubmissionRequest(IReadOnlyList<Guid>? NominationIds, string? Comment);

/// <summary>
/// A nomination to file: the campaign, the nominee, the form of the honour type (a JSON object), and optionally the
/// filing organisation (when the filer files for several). Nothing else: who reviews or votes comes from the design,
/// the campaign's committee and the organisation tree, never from the filer, so a request with any other field (such
/// as the former <c>committee</c>) is refused with a 400 that names it (<see cref="RefuseUnknownFields"/>).
/// </summary>
public sealed record FileNominationRequest(Guid? CampaignId, NomineeRequest? Nominee, JsonElement? Form, string? FiledBy)
{
    /// <summary>The fields of the request that are not part of the contract.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }

    /// <summary>Throws a 400 naming the first field that is not part of the contract.</summary>
    public void RefuseUnknownFields()
    {
        if (Unknown is not { Count: > 0 } unknown)
        {
            return;
        }

        var names = string.Join(", ", unknown.Keys.Order(StringComparer.Ordinal).Select(k => $"'{k}'"));
        throw unknown.Keys.Any(k => string.Equals(k, "committee", StringComparison.OrdinalIgnoreCase))
            ? ApiProblemException.BadRequest(
                $"A nomination cannot name who votes on it: {names} is not a field of a nomination. The committee vote is cast by the campaign's review committee. 推荐申报不能指定评审委员：表决人由评选活动的评审委员会确定，请去掉 committee。")
            : ApiProblemException.BadRequest(
                $"{names} is not a field of a nomination; send campaignId, nominee, form and optionally filedBy. 申报内容含有不支持的字段 {names}。");
    }
}

/// <summary>
/// The nominee: person, unit or team; name; ID number or credit code (none for a team); the organisation (within the
/// filer's enterprise; the enterprise itself when not given); categories by code or Chinese name.
/// </summary>
public sealed record NomineeRequest(
    NomineeKind? Kind,
    string? Name,
    string? Identifier,
    string? OrganisationPath,
    Gender? Gender,
    string? Ethnicity,
    string? Position,
    IReadOnlyList<string>? Categories);

/// <summary>A campaign in a list.</summary>
public sealed record CampaignSummaryDto(
    Guid Id,
    string HonourType,
    string? HonourName,
    int Year,
    string Title,
    CampaignState State,
    string StateName,
    string OrganisationPath,
    DateTimeOffset WindowOpensAt,
    DateTimeOffset WindowClosesAt,
    DateTimeOffset Deadline)
{
    public static CampaignSummaryDto From(Campaign c) => new(
        c.Id, c.HonourTypeCode, c.HonourType?.NameZh, c.Year, c.Title, c.State, CampaignStates.Zh(c.State),
        c.OrganisationPath, c.WindowOpensAt, c.WindowClosesAt, c.Deadline);
}

/// <summary>A campaign with its rules, the use of every allocation unit's quotas, and its decision once published.</summary>
public sealed record CampaignDto(
    CampaignSummaryDto Campaign,
    string NoticeText,
    string? Design,
    DateOnly ReferenceDate,
    int VetoYears,
    int UnitNoticeWorkingDays,
    int ProvincialNoticeDays,
    bool ProvincialNoticeInWorkingDays,
    IReadOnlyList<MaterialDto> RequiredMaterials,
    IReadOnlyList<QuotaDto> Quotas,
    IReadOnlyList<CompositionRuleDto> CompositionRules,
    IReadOnlyList<UnitQuotaUseDto> QuotaUse,
    DecisionDto? Decision);

/// <summary>A required material.</summary>
public sealed record MaterialDto(string Code, string Name, bool Required, IReadOnlyList<string> OnlyForCategories)
{
    public static MaterialDto From(RequiredMaterial m) => new(m.Code, m.NameZh, m.Required, NomineeCategoryNames.Codes(m.OnlyForCategories));
}

/// <summary>A quota: unit, categories (codes; empty: the total), the quota's Chinese name and number.</summary>
public sealed record QuotaDto(string UnitPath, IReadOnlyList<string> Categories, string Name, int Number)
{
    public static QuotaDto From(Quota q) => new(q.AllocationUnitPath, NomineeCategoryNames.Codes(q.Categories), q.NameZh, q.Number);
}

/// <summary>A composition rule.</summary>
public sealed record CompositionRuleDto(Guid Id, string Name, CompositionRuleKind Kind, CompositionScope Scope, IReadOnlyList<string> Categories, IReadOnlyList<string> BaseCategories, decimal? Percent, int? Count)
{
    public static CompositionRuleDto From(CompositionRule r) => new(
        r.Id, r.NameZh, r.Kind, r.Scope, NomineeCategoryNames.Codes(r.Categories), NomineeCategoryNames.Codes(r.BaseCategories), r.Percent, r.Count);
}

/// <summary>How an allocation unit uses its quotas: held now (not passed on), and each quota against what it passed on.</summary>
public sealed record UnitQuotaUseDto(string UnitPath, string UnitName, int Held, int PassedOn, IReadOnlyList<QuotaLineDto> Lines)
{
    public static UnitQuotaUseDto From(UnitQuotaUse use) => new(use.UnitPath, use.UnitName, use.Held, use.Quota.ListSize, use.Quota.Lines.Select(QuotaLineDto.From).ToList());
}

/// <summary>One quota against a list: the number, how many it counts, the excess and the Chinese sentence.</summary>
public sealed record QuotaLineDto(string Name, IReadOnlyList<string> Categories, int Quota, int Used, int Excess, bool Passed, string Message)
{
    public static QuotaLineDto From(QuotaLine l) => new(l.QuotaNameZh, NomineeCategoryNames.Codes(l.Categories), l.Quota, l.Used, l.Excess, l.Passed, l.MessageZh);
}

/// <summary>One composition rule against a list: the base size, the count, what is required, shortfall or excess, and the sentence.</summary>
public sealed record CompositionLineDto(string Rule, CompositionRuleKind Kind, int ListSize, int Actual, int Required, int Shortfall, int Excess, bool Passed, string Message)
{
    public static CompositionLineDto From(CompositionLine l) => new(l.RuleNameZh, l.Kind, l.BaseSize, l.Actual, l.Required, l.Shortfall, l.Excess, l.Passed, l.MessageZh);
}

/// <summary>A published decision (表彰决定) and its roll.</summary>
public sealed record DecisionDto(Guid Id, string Title, string DocumentNumber, DateTimeOffset PublishedAt, string PublishedBy, int HonourCount, IReadOnlyList<HonourRollEntryDto> Roll)
{
    public static DecisionDto From(HonourDecision d, IReadOnlyList<HonourRollEntry> roll) =>
        new(d.Id, d.Title, d.DocumentNumber, d.PublishedAt, d.PublishedBy, d.HonourCount, roll.Select(HonourRollEntryDto.From).ToList());
}

/// <summary>A name on the honour roll.</summary>
public sealed record HonourRollEntryDto(Guid NominationId, string Name, NomineeKind Kind, string OrganisationPath, string? Organisation)
{
    public static HonourRollEntryDto From(HonourRollEntry e) => new(e.NominationId, e.NomineeName, e.NomineeKind, e.OrganisationPath, e.OrganisationName);
}

/// <summary>The answer to a published decision: the decision and the nominees' processes it reached (each registers its nominee).</summary>
public sealed record PublishedDecisionDto(DecisionDto Decision, IReadOnlyList<Guid> InstancesReached);

/// <summary>
/// An accepted batch: where the nominations went, the list's size with this batch, the quota and rule lines, and the
/// review task of each nomination that the submission completed.
/// </summary>
public sealed record LevelSubmissionDto(
    Guid SubmissionId,
    string UnitPath,
    string UnitName,
    string NextLevelPath,
    string NextLevelName,
    int BatchSize,
    int ListSize,
    string Message,
    IReadOnlyList<QuotaLineDto> Quota,
    IReadOnlyList<CompositionLineDto> Composition,
    IReadOnlyList<AdvancedTaskDto> Tasks);

/// <summary>The level's review task of a nomination that a batch completed (or why it could not).</summary>
public sealed record AdvancedTaskDto(Guid NominationId, Guid? InstanceId, Guid? TaskId, string? ElementId, bool Completed, string? Problem);

/// <summary>One reason a batch was refused: what kind, the rule or quota, the sentence, and the numbers.</summary>
public sealed record SubmissionProblemDto(string Kind, string Name, string Message, int? Limit, int? Actual, int? Shortfall, int? Excess, Guid? NominationId)
{
    public static SubmissionProblemDto From(SubmissionProblem p) => new(
        p.Kind.ToString().ToLowerInvariant(), p.NameZh, p.MessageZh, p.Limit, p.Actual, p.Shortfall, p.Excess, p.NominationId);
}

/// <summary>A nomination in a list.</summary>
public sealed record NominationSummaryDto(
    Guid Id,
    Guid CampaignId,
    string NomineeName,
    NomineeKind NomineeKind,
    string NomineeOrganisationPath,
    IReadOnlyList<string> Categories,
    string FiledBy,
    NominationState State,
    string StateName,
    string LevelPath,
    Guid? InstanceId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static NominationSummaryDto From(Nomination n) => new(
        n.Id, n.CampaignId, n.Nominee!.Name, n.Nominee.Kind, n.Nominee.OrganisationPath, NomineeCategoryNames.Codes(n.Nominee.AllCategories),
        n.FiledByOrganisationPath, n.State, NominationStates.Zh(n.State), n.LevelPath, n.ProcessInstanceId, n.CreatedAt, n.UpdatedAt);
}

/// <summary>The nominee as reviewers see it: the identifier masked, never in full.</summary>
public sealed record NomineeDto(
    Guid Id,
    NomineeKind Kind,
    string Name,
    string IdentifierMasked,
    Gender? Gender,
    string Ethnicity,
    DateOnly? BirthDate,
    string Position,
    string OrganisationPath,
    string? OrganisationName,
    IReadOnlyList<string> Categories)
{
    public static NomineeDto From(Nominee n, string? organisationName) => new(
        n.Id, n.Kind, n.Name, n.IdentifierMasked, n.Gender, n.Ethnicity, n.BirthDate, n.Position, n.OrganisationPath, organisationName,
        NomineeCategoryNames.Codes(n.AllCategories));
}

/// <summary>
/// A nomination with its nominee, form, state, the level that holds it, its process (open tasks), its files, the
/// materials still missing and its entries in the honours registry.
/// </summary>
public sealed record NominationDto(
    Guid Id,
    Guid CampaignId,
    string CampaignTitle,
    string HonourType,
    NomineeDto Nominee,
    JsonElement Form,
    string FiledBy,
    NominationState State,
    string StateName,
    string? StateReason,
    string LevelPath,
    string? LevelName,
    Guid? InstanceId,
    string? InstanceStatus,
    IReadOnlyList<WorkTaskDto> Tasks,
    IReadOnlyList<AttachmentDto> Attachments,
    IReadOnlyList<MaterialDto> MissingMaterials,
    IReadOnlyList<HonourRecordDto> Honours,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SubmittedAt);

/// <summary>An entry of the honours registry (荣誉库) with its certificate number.</summary>
public sealed record HonourRecordDto(Guid Id, string HonourType, int Year, string CertificateNumber, DateOnly AwardedOn, DateTimeOffset? RevokedAt)
{
    public static HonourRecordDto From(HonourRecord r) => new(r.Id, r.HonourTypeCode, r.Year, r.CertificateNumber, r.AwardedOn, r.RevokedAt);
}
