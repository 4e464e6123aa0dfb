using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Calendar;
using Workflows.Activities.Honours;
using Workflows.Activities.Identity;
using Workflows.Activities.Organisations;
using Workflows.Engine.Persistence;

namespace Workflows.Activities.Persistence;

/// <summary>
/// The EF Core model of the honours domain (organisations, campaigns, nominations …, and the official calendar).
/// It lives in the engine's database but has its own tables (snake_case names) and its own migrations history
/// table, <see cref="MigrationsHistoryTable"/>, so the two schemas evolve independently. Provider specific
/// subclasses (<see cref="SqliteHonoursDbContext"/>, <see cref="PostgresHonoursDbContext"/>) carry the migrations;
/// <see cref="HonoursDatabase"/> creates them.
/// <para>
/// A feature adds its entities with a <see cref="DbSet{TEntity}"/> here and an
/// <see cref="IEntityTypeConfiguration{TEntity}"/> next to the entity (picked up from this assembly); table names
/// are set by the configuration, column, key, foreign key and index names are made snake_case here. Then add a
/// migration for each provider (the commands are at the top of <c>DesignTimeFactories.cs</c>).
/// </para>
/// <para>
/// Identity: the context is an <see cref="IdentityUserContext{TUser}"/> of <see cref="WorkflowUser"/> (users, claims,
/// logins, tokens; tables <c>users</c>, <c>user_claims</c>, <c>user_logins</c>, <c>user_tokens</c>). Roles are not
/// Identity roles: they are held in an organisation (<see cref="RoleAssignment"/>).
/// </para>
/// </summary>
public abstract class HonoursDbContext : IdentityUserContext<WorkflowUser>
{
    /// <summary>The table in which EF Core records the applied honours migrations (the engine uses its own).</summary>
    public const string MigrationsHistoryTable = "__honours_migrations";

    protected HonoursDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>The official working-day calendar, one row per year (holidays and adjusted workdays in child tables).</summary>
    public DbSet<CalendarYear> CalendarYears => Set<CalendarYear>();

    // ---- Identity and organisations (src/Activities/Organisations, src/Activities/Identity) ----

    /// <summary>The organisation tree (province → city and industry unions → districts → enterprises …).</summary>
    public DbSet<Organisation> Organisations => Set<Organisation>();

    /// <summary>Paths organisations had before a move (open items started there finish there).</summary>
    public DbSet<OrganisationFormerPath> OrganisationFormerPaths => Set<OrganisationFormerPath>();

    /// <summary>The roles users hold in organisations.</summary>
    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();

    /// <summary>Review committees and their members.</summary>
    public DbSet<Committee> Committees => Set<Committee>();

    /// <summary>Seats on review committees.</summary>
    public DbSet<CommitteeMember> CommitteeMembers => Set<CommitteeMember>();

    /// <summary>The audit log (操作日志) of administrative changes (src/Activities/Audit).</summary>
    public DbSet<Audit.AuditEntry> AuditEntries => Set<Audit.AuditEntry>();

    // ---- Honours (src/Activities/Honours) ----

    /// <summary>The honour types (五一劳动奖章, 工人先锋号 …) and their nomination forms.</summary>
    public DbSet<HonourType> HonourTypes => Set<HonourType>();

    /// <summary>Selection campaigns with their quotas and composition rules.</summary>
    public DbSet<Campaign> Campaigns => Set<Campaign>();

    /// <summary>Quotas per campaign, allocation unit and category.</summary>
    public DbSet<Quota> Quotas => Set<Quota>();

    /// <summary>Composition rules per campaign.</summary>
    public DbSet<CompositionRule> CompositionRules => Set<CompositionRule>();

    /// <summary>Persons, units and teams nominated (identifiers hashed and masked).</summary>
    public DbSet<Nominee> Nominees => Set<Nominee>();

    /// <summary>Nominations with their form data, state and level.</summary>
    public DbSet<Nomination> Nominations => Set<Nomination>();

    /// <summary>Batches passed on by a level.</summary>
    public DbSet<LevelSubmission> LevelSubmissions => Set<LevelSubmission>();

    /// <summary>One row per campaign and submitting level (the submission lock).</summary>
    public DbSet<LevelList> LevelLists => Set<LevelList>();

    /// <summary>Uploaded files (their bytes are in <see cref="AttachmentContents"/>).</summary>
    public DbSet<Attachment> Attachments => Set<Attachment>();

    /// <summary>The bytes of uploaded files.</summary>
    public DbSet<AttachmentContent> AttachmentContents => Set<AttachmentContent>();

    /// <summary>The honours registry.</summary>
    public DbSet<HonourRecord> HonourRecords => Set<HonourRecord>();

    /// <summary>Incidents that veto nominations.</summary>
    public DbSet<Incident> Incidents => Set<Incident>();

    /// <summary>Public notices (公示) and their entries.</summary>
    public DbSet<PublicNotice> PublicNotices => Set<PublicNotice>();

    /// <summary>Objections raised during public notices.</summary>
    public DbSet<Objection> Objections => Set<Objection>();

    /// <summary>Published decisions (表彰决定).</summary>
    public DbSet<HonourDecision> HonourDecisions => Set<HonourDecision>();

    /// <summary>Every view in full, export and erasure of personal data (src/Activities/Privacy).</summary>
    public DbSet<Privacy.PersonalDataAccess> PersonalDataAccess => Set<Privacy.PersonalDataAccess>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        ConfigureTimestamps(configurationBuilder);
    }

    /// <summary>How <see cref="DateTimeOffset"/> columns are stored by the provider.</summary>
    protected abstract void ConfigureTimestamps(ModelConfigurationBuilder configurationBuilder);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder); // Identity's model (users, claims, logins, tokens)
        builder.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        builder.ApplyConfigurationsFromAssembly(typeof(HonoursDbContext).Assembly);
        SnakeCaseNames.Apply(builder);
    }
}

/// <summary>
/// The SQLite flavour: timestamps are INTEGER columns of UTC ticks (they sort and compare correctly, as in the
/// engine's tables); dates (<see cref="DateOnly"/>) are ISO <c>yyyy-MM-dd</c> text.
/// </summary>
public sealed class SqliteHonoursDbContext(DbContextOptions<SqliteHonoursDbContext> options) : HonoursDbContext(options)
{
    protected override void ConfigureTimestamps(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
}

/// <summary>The PostgreSQL flavour: timestamps are <c>timestamptz</c> (written in UTC), dates are <c>date</c>.</summary>
public sealed class PostgresHonoursDbContext(DbContextOptions<PostgresHonoursDbContext> options) : HonoursDbContext(options)
{
    protected override void ConfigureTimestamps(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<ToUtcConverter>();
}
