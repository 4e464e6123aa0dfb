using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Honours.Forms;
using Workflows.Activities.Honours.Rules;
using Workflows.Activities.Persistence;

namespace Workflows.Activities.Honours.Nominations;

/// <summary>A person, unit or team to register as a nominee.</summary>
public sealed record NomineeInput
{
    public required NomineeKind Kind { get; init; }

    public required string Name { get; init; }

    /// <summary>The ID number of a person, the credit code of a unit; not used for a team.</summary>
    public string? Identifier { get; init; }

    /// <summary>The employer, the unit itself, or the team's organisation.</summary>
    public required string OrganisationPath { get; init; }

    /// <summary>Taken from the ID number when not given.</summary>
    public Gender? Gender { get; init; }

    public string? Ethnicity { get; init; }

    public string? Position { get; init; }

    public NomineeCategories Categories { get; init; }
}

/// <summary>A nomination to file.</summary>
public sealed record NominationInput
{
    public required Guid CampaignId { get; init; }

    public required Guid NomineeId { get; init; }

    /// <summary>The filing organisation (an enterprise union).</summary>
    public required string FiledByOrganisationPath { get; init; }

    public required string FiledByUserId { get; init; }

    /// <summary>The form data, a JSON object checked against the honour type's form.</summary>
    public string FormData { get; init; } = "{}";
}

/// <summary>
/// Registers nominees and files nominations: the nominee's identifier checked (ID number or credit code with its
/// check character), hashed and masked; a nomination only while the campaign is open and its window runs, with a
/// valid form and an eligible nominee (every problem listed at once, in Chinese); reviewers' moves
/// (<see cref="NominationStates.CanMove"/>). Thread-safe (a short-lived context per call).
/// </summary>
public sealed class NominationService(HonoursDatabase database, NomineeIdentity identity, TimeProvider? time = null, Privacy.PersonalDataProtector? personalData = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Privacy.PersonalDataProtector _personalData = personalData ?? Privacy.PersonalDataProtector.Ephemeral();

    /// <summary>
    /// The nominee with this identifier, updated with the input's name, organisation, position and categories (people
    /// change jobs), or a new one.
    /// </summary>
    /// <exception cref="HonoursException">The identifier or the name is not valid.</exception>
    public async Task<Nominee> RegisterNomineeAsync(NomineeInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<string>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0 || name.Length > HonoursLimits.NameLength)
        {
            problems.Add($"「名称/姓名」须填写，且不超过 {HonoursLimits.NameLength} 字。");
        }

        if (Workflows.Engine.Runtime.TextRules.HasControlCharacters(input.Name) || Workflows.Engine.Runtime.TextRules.HasControlCharacters(input.Position))
        {
            problems.Add("「名称/姓名」和「职务」不能含有控制字符（如换行、制表符、NUL）。The name and position must not contain control characters.");
        }

        if (string.IsNullOrWhiteSpace(input.OrganisationPath))
        {
            problems.Add("须注明被推荐对象所在单位。");
        }

        var (normalised, problem) = NomineeIdentity.Check(input.Kind, input.Identifier, input.OrganisationPath, name);
        if (problem is not null)
        {
            problems.Add(problem);
        }

        HonoursException.ThrowIfAny(problems);
        var hash = identity.Hash(input.Kind, normalised!);

        await using var db = database.CreateDbContext();
        var nominee = await db.Nominees.FirstOrDefaultAsync(n => n.Kind == input.Kind && n.IdentifierHash == hash, ct).ConfigureAwait(false);
        if (nominee is null)
        {
            nominee = new Nominee
            {
                Id = Guid.CreateVersion7(),
                Kind = input.Kind,
                IdentifierHash = hash,
                IdentifierMasked = NomineeIdentity.Mask(input.Kind, normalised!),
                CreatedAt = _time.GetUtcNow(),
            };
            db.Nominees.Add(nominee);
        }

        // Kept sealed for those who may see it in full; a nominee registered before it was kept gets it now.
        if (input.Kind != NomineeKind.Team && nominee.IdentifierSealed is null)
        {
            nominee.IdentifierSealed = _personalData.Seal(normalised);
        }

        nominee.Name = name;
        nominee.OrganisationPath = input.OrganisationPath.Trim();
        nominee.Position = input.Position?.Trim() ?? nominee.Position;
        nominee.Categories = input.Categories;
        nominee.Ethnicity = input.Ethnicity?.Trim() ?? nominee.Ethnicity;
        if (input.Kind == NomineeKind.Individual)
        {
            nominee.BirthDate = NomineeIdentity.BirthDate(normalised!);
            nominee.Gender = input.Gender ?? NomineeIdentity.GenderOf(normalised!);
        }

        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException) when (db.Entry(nominee).State == EntityState.Added)
        {
            // Registered by someone else at the same moment: use theirs.
            await using var again = database.CreateDbContext();
            return await again.Nominees.AsNoTracking().FirstAsync(n => n.Kind == input.Kind && n.IdentifierHash == hash, ct).ConfigureAwait(false);
        }

        return nominee;
    }

    /// <summary>Files a nomination as a draft held by the filing organisation.</summary>
    /// <exception cref="HonoursException">The campaign is not open or its window is closed, the form has problems, or the nominee is not eligible (all listed).</exception>
    public async Task<Nomination> FileAsync(NominationInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = database.CreateDbContext();
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.HonourType).FirstOrDefaultAsync(c => c.Id == input.CampaignId, ct).ConfigureAwait(false)
            ?? throw HonoursException.Missing($"评选活动 {input.CampaignId} 不存在。");
        var now = _time.GetUtcNow();
        var problems = new List<string>();
        if (campaign.State != CampaignState.Open)
        {
            problems.Add($"「{campaign.Title}」当前不接受申报（状态：{CampaignStates.Zh(campaign.State)}）。");
        }
        else if (now < campaign.WindowOpensAt || now > campaign.WindowClosesAt)
        {
            problems.Add($"「{campaign.Title}」的申报时间为 {CampaignStates.Time(campaign.WindowOpensAt)} 至 {CampaignStates.Time(campaign.WindowClosesAt)}，当前不在申报时间内。");
        }

        problems.AddRange(NominationFormValidator.Validate(campaign.HonourType!, input.FormData).Select(p => p.MessageZh));
        var eligibility = await EligibilityCheck.CheckAsync(db, campaign.Id, input.NomineeId, null, ct).ConfigureAwait(false);
        problems.AddRange(eligibility.MessagesZh);
        HonoursException.ThrowIfAny(problems);

        var nomination = new Nomination
        {
            Id = Guid.CreateVersion7(),
            CampaignId = campaign.Id,
            NomineeId = input.NomineeId,
            FiledByOrganisationPath = input.FiledByOrganisationPath,
            FiledByUserId = input.FiledByUserId,
            FormData = string.IsNullOrWhiteSpace(input.FormData) ? "{}" : input.FormData,
            State = NominationState.Draft,
            LevelPath = input.FiledByOrganisationPath,
            CreatedAt = now,
            UpdatedAt = now,
            ConcurrencyStamp = Guid.NewGuid(),
        };
        db.Nominations.Add(nomination);
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException e)
        {
            // The unique index (campaign, nominee) caught a nomination filed at the same moment.
            await using var check = database.CreateDbContext();
            var again = await EligibilityCheck.CheckAsync(check, campaign.Id, input.NomineeId, nomination.Id, ct).ConfigureAwait(false);
            if (again.Eligible)
            {
                throw;
            }

            throw new HonoursException(string.Join("\n", again.MessagesZh), again.MessagesZh, e);
        }

        return nomination;
    }

    /// <summary>Replaces the form data of a draft or returned nomination.</summary>
    /// <exception cref="HonoursException">Unknown nomination, a state that does not allow editing, or form problems.</exception>
    public async Task<Nomination> UpdateFormAsync(Guid nominationId, string formData, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        var nomination = await FindTrackedAsync(db, nominationId, ct).ConfigureAwait(false);
        if (nomination.State is not (NominationState.Draft or NominationState.Returned))
        {
            throw new HonoursException($"推荐状态为「{NominationStates.Zh(nomination.State)}」，不能修改申报表。");
        }

        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.HonourType).FirstAsync(c => c.Id == nomination.CampaignId, ct).ConfigureAwait(false);
        NominationFormValidator.ThrowIfInvalid(campaign.HonourType!, formData);
        nomination.FormData = formData;
        Touch(nomination);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return nomination;
    }

    /// <summary>
    /// A reviewer's move (退回, 撤回, 受理, 审定, 不予通过). A returned nomination goes back to its filer; the reason is
    /// kept.
    /// </summary>
    /// <exception cref="HonoursException">Unknown nomination, or the move is not allowed from its state.</exception>
    public async Task<Nomination> MoveAsync(Guid nominationId, NominationState to, string? reason = null, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        var nomination = await FindTrackedAsync(db, nominationId, ct).ConfigureAwait(false);
        if (!NominationStates.CanMove(nomination.State, to))
        {
            throw new HonoursException($"推荐状态为「{NominationStates.Zh(nomination.State)}」，不能改为「{NominationStates.Zh(to)}」。");
        }

        nomination.State = to;
        nomination.StateReason = reason;
        if (to == NominationState.Returned)
        {
            nomination.LevelPath = nomination.FiledByOrganisationPath;
        }

        Touch(nomination);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return nomination;
    }

    /// <summary>
    /// 撤回: the level at <paramref name="levelPath"/> took back, through its process, what it had passed on, before the
    /// level above acted on it. The nomination is held at <paramref name="levelPath"/> again (off the list of the level
    /// above), and is a draft again when that level is its filer's own. Null, and nothing changed, when the nomination
    /// was not passed on from <paramref name="levelPath"/> (it lies elsewhere, or it is no longer under review).
    /// </summary>
    public async Task<Nomination?> TakeBackAsync(Guid nominationId, string levelPath, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(levelPath);
        await using var db = database.CreateDbContext();
        var nomination = await FindTrackedAsync(db, nominationId, ct).ConfigureAwait(false);
        var onItsPath = nomination.FiledByOrganisationPath == levelPath
            || nomination.FiledByOrganisationPath.StartsWith(levelPath + "/", StringComparison.Ordinal);
        if (nomination.State is not (NominationState.Submitted or NominationState.UnderReview)
            || !onItsPath || !levelPath.StartsWith(nomination.LevelPath + "/", StringComparison.Ordinal))
        {
            return null;
        }

        nomination.LevelPath = levelPath;
        if (levelPath == nomination.FiledByOrganisationPath)
        {
            nomination.State = NominationState.Draft;
            nomination.StateReason = "填报单位已撤回，修改后可重新报送。";
            nomination.SubmittedAt = null;
        }

        Touch(nomination);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return nomination;
    }

    /// <summary>Records the process instance that carries the nomination and the step it is at.</summary>
    public async Task AttachProcessAsync(Guid nominationId, Guid instanceId, string? stage = null, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        var nomination = await FindTrackedAsync(db, nominationId, ct).ConfigureAwait(false);
        nomination.ProcessInstanceId = instanceId;
        nomination.Stage = stage ?? nomination.Stage;
        Touch(nomination);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The nomination with its nominee, or null.</summary>
    public async Task<Nomination?> FindAsync(Guid nominationId, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        return await db.Nominations.AsNoTracking().Include(n => n.Nominee).FirstOrDefaultAsync(n => n.Id == nominationId, ct).ConfigureAwait(false);
    }

    /// <summary>The nominations of a campaign, optionally those a level holds, oldest first.</summary>
    public async Task<IReadOnlyList<Nomination>> ListAsync(Guid campaignId, string? levelPath = null, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        var query = db.Nominations.AsNoTracking().Include(n => n.Nominee).Where(n => n.CampaignId == campaignId);
        if (levelPath is not null)
        {
            query = query.Where(n => n.LevelPath == levelPath);
        }

        return await query.OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).ToListAsync(ct).ConfigureAwait(false);
    }

    private static async Task<Nomination> FindTrackedAsync(HonoursDbContext db, Guid id, CancellationToken ct) =>
        await db.Nominations.FirstOrDefaultAsync(n => n.Id == id, ct).ConfigureAwait(false)
        ?? throw HonoursException.Missing($"推荐 {id} 不存在。");

    private void Touch(Nomination nomination)
    {
        nomination.UpdatedAt = _time.GetUtcNow();
        nomination.ConcurrencyStamp = Guid.NewGuid();
    }
}
