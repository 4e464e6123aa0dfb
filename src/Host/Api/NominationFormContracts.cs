using System.Text.Json;
using Workflows.Activities.Honours;

namespace Workflows.Host.Api;

/// <summary>
/// What the portal needs to draw a campaign's nomination form: the campaign, its honour type and the kind of nominee
/// it takes, the fields of the honour type's form (with their lengths and choices), and the campaign's required materials.
/// </summary>
public sealed record NominationFormDto(
    Guid CampaignId,
    string CampaignTitle,
    string HonourType,
    string HonourName,
    NomineeKind NomineeKind,
    DateTimeOffset WindowOpensAt,
    DateTimeOffset WindowClosesAt,
    DateTimeOffset Deadline,
    IReadOnlyList<FormFieldDto> Fields,
    IReadOnlyList<MaterialDto> RequiredMaterials);

/// <summary>One field of a nomination form: its key in the form data, Chinese label, kind, whether required, length limit and choices.</summary>
public sealed record FormFieldDto(string Key, string Label, string Kind, bool Required, int? MaxLength, IReadOnlyList<string> Options)
{
    public static FormFieldDto From(HonourFormField f) =>
        new(f.Key, f.LabelZh, f.Kind.ToString().ToLowerInvariant(), f.Required, f.MaxLength, f.Options);
}

/// <summary>The corrected form of a returned nomination (a JSON object: field → value).</summary>
public sealed record UpdateNominationRequest(JsonElement? Form);
