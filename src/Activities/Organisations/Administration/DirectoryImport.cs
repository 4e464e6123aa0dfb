using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Workflows.Activities.Audit;
using Workflows.Activities.Identity;
using Workflows.Activities.Persistence;

namespace Workflows.Activities.Organisations.Administration;

/// <summary>What an import did: the numbers added, or every problem found (then nothing was added).</summary>
public sealed record ImportReport(int Organisations, int Users, int Roles, int Rows, long ElapsedMilliseconds, IReadOnlyList<AdminProblem> Problems);

/// <summary>
/// Bulk import of organisations and people from an Excel workbook (<see cref="ImportSheets"/>). <b>All or nothing</b>:
/// every row is checked first (against the database and against the other rows of the file) and every problem is
/// listed with its sheet, row number, column and a Chinese sentence; only a file without problems is written, in one
/// transaction with its audit entries. Why: the rows of a file depend on each other (people belong to organisations of
/// the same file, a child to its parent), so a half-imported file would leave people without their organisation, and
/// the administrator fixes the listed rows and sends the same file again without removing what already went in.
/// Accounts are created without a password (an administrator sets one before the first sign-in). The checks run in
/// memory on dictionaries and the rows are written in one batch, so 10,000 rows take seconds.
/// </summary>
public sealed class DirectoryImport(HonoursDbContext db, IAuditLog audit, OrganisationDirectory directory, TimeProvider? time = null)
{
    /// <summary>The most data rows a file may have (both sheets together).</summary>
    public const int MaxRows = 100_000;

    /// <summary>The most problems listed (the rest are counted in the last one).</summary>
    public const int MaxProblems = 1_000;

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<AdminResult<ImportReport>> ImportAsync(string actor, Stream workbook, string? fileName, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        var watch = Stopwatch.StartNew();
        var scope = await AdminScope.LoadAsync(db, actor, ct).ConfigureAwait(false);
        if (scope.Paths.Count == 0)
        {
            return AdminResult<ImportReport>.Fail(AdminOutcome.Forbidden, AdminProblems.OutsideScope("/"));
        }

        if (Read(workbook) is not { } sheets)
        {
            return AdminResult<ImportReport>.Fail(AdminOutcome.Invalid, new AdminProblem("import.file",
                "文件不是有效的 Excel 工作簿（.xlsx），请使用下载的模板。", "The file is not an Excel workbook (.xlsx); use the downloadable template."));
        }

        var (organisationRows, peopleRows) = sheets;
        var problems = new List<AdminProblem>();
        if (organisationRows is null && peopleRows is null)
        {
            problems.Add(new AdminProblem("import.sheets", $"工作簿中没有「{ImportSheets.Organisations}」或「{ImportSheets.People}」工作表。",
                $"The workbook has neither a '{ImportSheets.Organisations}' nor a '{ImportSheets.People}' sheet."));
            return AdminResult<ImportReport>.Fail(AdminOutcome.Invalid, problems);
        }

        var rowCount = (organisationRows?.Count ?? 0) + (peopleRows?.Count ?? 0);
        if (rowCount > MaxRows)
        {
            return AdminResult<ImportReport>.Fail(AdminOutcome.Invalid, new AdminProblem("import.too-many",
                $"一个文件最多 {MaxRows} 行，本文件有 {rowCount} 行，请分成几个文件。", $"A file may have at most {MaxRows} rows; this one has {rowCount}."));
        }

        var existing = await db.Organisations.AsNoTracking()
            .Select(o => new ImportPlan.Known(o.Id, o.Path, o.Kind, o.ClosedAt != null, o.Name))
            .ToDictionaryAsync(o => o.Path, StringComparer.Ordinal, ct).ConfigureAwait(false);
        var former = (await db.OrganisationFormerPaths.AsNoTracking().Select(f => f.Path).ToListAsync(ct).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        var userNames = (await db.Users.AsNoTracking().Select(u => u.NormalizedUserName!).ToListAsync(ct).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);

        var plan = new ImportPlan(scope, existing, former, userNames, problems);
        plan.CheckOrganisations(organisationRows ?? []);
        plan.CheckPeople(peopleRows ?? []);
        if (problems.Count > 0)
        {
            var listed = problems.Take(MaxProblems).ToList();
            if (problems.Count > MaxProblems)
            {
                listed.Add(new AdminProblem("import.more", $"另有 {problems.Count - MaxProblems} 个错误未列出。", $"{problems.Count - MaxProblems} more problems are not listed."));
            }

            return AdminResult<ImportReport>.Fail(AdminOutcome.Invalid, listed);
        }

        var now = _time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var previous = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            // Parents come before their children in NewOrganisations; the rows go out in chunks (one transaction), so
            // that the change tracker stays small.
            foreach (var organisation in plan.NewOrganisations)
            {
                db.Organisations.Add(organisation);
                audit.Add(actor, "organisation.import", organisation.Path, new { after = OrganisationAdministration.Describe(organisation) });
                await FlushIfFullAsync(2, ct).ConfigureAwait(false);
            }

            await FlushAsync(ct).ConfigureAwait(false);

            foreach (var person in plan.NewUsers)
            {
                var user = new WorkflowUser
                {
                    Id = Guid.CreateVersion7().ToString(),
                    UserName = person.UserName,
                    NormalizedUserName = person.UserName.ToUpperInvariant(),
                    DisplayName = person.DisplayName,
                    Email = person.Email,
                    NormalizedEmail = person.Email?.ToUpperInvariant(),
                    EmailConfirmed = person.Email is not null,
                    OrganisationId = person.OrganisationId,
                    LockoutEnabled = true,
                    SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
                    ConcurrencyStamp = Guid.NewGuid().ToString(),
                };
                db.Users.Add(user);
                audit.Add(actor, "user.import", person.UserName, new { after = new { user.UserName, user.DisplayName, user.Email, organisation = person.OrganisationPath, roles = person.Roles.Select(r => r.Key) } });
                foreach (var role in person.Roles)
                {
                    if (role.Role == Roles.CommitteeMember)
                    {
                        var committee = await CommitteeOfAsync(role.OrganisationId, role.OrganisationName, ct).ConfigureAwait(false);
                        db.CommitteeMembers.Add(new CommitteeMember { CommitteeId = committee.Id, UserId = user.Id });
                    }
                    else
                    {
                        db.RoleAssignments.Add(new RoleAssignment { Id = Guid.CreateVersion7(), UserId = user.Id, Role = role.Role, OrganisationId = role.OrganisationId });
                    }
                }

                await FlushIfFullAsync(2 + person.Roles.Count, ct).ConfigureAwait(false);
            }

            var report = new ImportReport(plan.NewOrganisations.Count, plan.NewUsers.Count, plan.NewUsers.Sum(u => u.Roles.Count), rowCount, 0, []);
            audit.Add(actor, "directory.import", fileName ?? "", new { report.Organisations, report.Users, report.Roles, report.Rows, at = now });
            await FlushAsync(ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
            await directory.ReloadAsync(ct).ConfigureAwait(false);
            return AdminResult<ImportReport>.Ok(report with { ElapsedMilliseconds = watch.ElapsedMilliseconds });
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = previous;
        }
    }

    /// <summary>The tracked rows after which a chunk is saved and the change tracker cleared.</summary>
    private const int ChunkSize = 1_000;

    private readonly Dictionary<Guid, Committee> _committees = [];

    private int _tracked;

    private async Task FlushIfFullAsync(int added, CancellationToken ct)
    {
        _tracked += added;
        if (_tracked >= ChunkSize)
        {
            await FlushAsync(ct).ConfigureAwait(false);
        }
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        _committees.Clear();
        _tracked = 0;
    }

    private async Task<Committee> CommitteeOfAsync(Guid organisationId, string name, CancellationToken ct)
    {
        if (_committees.TryGetValue(organisationId, out var committee))
        {
            return committee;
        }

        committee = await db.Committees.FirstOrDefaultAsync(c => c.OrganisationId == organisationId, ct).ConfigureAwait(false);
        if (committee is null)
        {
            committee = new Committee { Id = Guid.CreateVersion7(), OrganisationId = organisationId, Name = name };
            db.Committees.Add(committee);
        }

        _committees[organisationId] = committee;
        return committee;
    }

    /// <summary>The rows of the two sheets (null: the sheet is missing), or null when the file is no workbook.</summary>
    private static (List<IDictionary<string, object?>>? Organisations, List<IDictionary<string, object?>>? People)? Read(Stream workbook)
    {
        try
        {
            using var copy = new MemoryStream();
            workbook.CopyTo(copy);
            copy.Position = 0;
            var names = copy.GetSheetNames();
            List<IDictionary<string, object?>>? Sheet(string name)
            {
                if (!names.Contains(name))
                {
                    return null;
                }

                copy.Position = 0;
                return [.. copy.Query(useHeaderRow: true, sheetName: name, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>()];
            }

            return (Sheet(ImportSheets.Organisations), Sheet(ImportSheets.People));
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or System.Xml.XmlException or IOException or NotSupportedException or ArgumentException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
