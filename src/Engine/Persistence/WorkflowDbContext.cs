using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Workflows.Engine.Persistence;

/// <summary>
/// The EF Core model of the engine's tables (snake_case names). Provider specific subclasses
/// (<see cref="SqliteWorkflowDbContext"/>, <see cref="PostgresWorkflowDbContext"/>) carry their own migrations.
/// The store reads through no-tracking queries; its commit path writes with prepared ADO.NET commands.
/// </summary>
public abstract class WorkflowDbContext : DbContext
{
    /// <summary>The covering index of the to-do look-ups by task id (see <c>QueryStatements</c>).</summary>
    internal const string ToDoIndex = "ix_tasks_to_do";

    protected WorkflowDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<DefinitionRecord> Definitions => Set<DefinitionRecord>();
    public DbSet<InstanceRecord> Instances => Set<InstanceRecord>();
    public DbSet<TaskRecord> Tasks => Set<TaskRecord>();
    public DbSet<TaskCandidate> TaskCandidates => Set<TaskCandidate>();
    public DbSet<JobRecord> Jobs => Set<JobRecord>();
    public DbSet<SubscriptionRecord> Subscriptions => Set<SubscriptionRecord>();
    public DbSet<HistoryEvent> HistoryEvents => Set<HistoryEvent>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<ProcessedRequest> ProcessedRequests => Set<ProcessedRequest>();
    public DbSet<CopyRecord> Copies => Set<CopyRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DefinitionState>().HaveConversion<string>();
        configurationBuilder.Properties<InstanceStatus>().HaveConversion<string>();
        configurationBuilder.Properties<DelegationState>().HaveConversion<string>();
        ConfigureTimestamps(configurationBuilder);
    }

    /// <summary>How <see cref="DateTimeOffset"/> columns are stored by the provider.</summary>
    protected abstract void ConfigureTimestamps(ModelConfigurationBuilder configurationBuilder);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<DefinitionRecord>(e =>
        {
            e.ToTable("definitions");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.Key, x.Version }).IsUnique();
        });

        modelBuilder.Entity<InstanceRecord>(e =>
        {
            e.ToTable("instances");
            e.HasKey(x => x.Id);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.BusinessKey);
            e.HasIndex(x => new { x.DefinitionKey, x.Status });

            // The lists of issue 4: an organisation's subtree (a range on the path), 我发起的 newest first, a campaign.
            e.HasIndex(x => x.OrganizationPath);
            e.HasIndex(x => new { x.StartedBy, x.StartedAt });
            e.HasIndex(x => x.Campaign);
        });

        modelBuilder.Entity<TaskRecord>(e =>
        {
            e.ToTable("tasks");
            e.HasKey(x => x.Id);
            e.Ignore(x => x.CandidateUsers);
            e.Ignore(x => x.CandidateGroups);
            e.HasIndex(x => x.Assignee);
            e.HasIndex(x => x.InstanceId);

            // Covering look-up by id for the to-do list: the candidate rows give task ids, and whether a task is
            // claimable (assignee), where it sorts (created_at, due_at) and whether it passes the list filters
            // (organisation path, campaign) is read from this index, not the table. Named explicitly: the derived
            // name would pass PostgreSQL's 63 characters.
            e.HasIndex(x => new { x.Id, x.Assignee, x.CreatedAt, x.DueAt, x.OrganizationPath, x.Campaign }, ToDoIndex);
            e.HasIndex(x => x.OrganizationPath);
        });

        modelBuilder.Entity<TaskCandidate>(e =>
        {
            e.ToTable("task_candidates");
            e.HasKey(x => new { x.TaskId, x.Kind, x.Value });
            e.HasIndex(x => new { x.Kind, x.Value, x.TaskId });
        });

        modelBuilder.Entity<JobRecord>(e =>
        {
            e.ToTable("jobs");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.DueAt);
            e.HasIndex(x => x.InstanceId);

            // Partial index of the incidents (jobs whose last attempt failed): the monitor's list.
            e.HasIndex(x => x.LastErrorAt).HasFilter("last_error IS NOT NULL");
        });

        modelBuilder.Entity<SubscriptionRecord>(e =>
        {
            e.ToTable("subscriptions");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.MessageName, x.CorrelationKey });
            e.HasIndex(x => x.InstanceId);
        });

        modelBuilder.Entity<HistoryEvent>(e =>
        {
            e.ToTable("history_events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedOnAdd();
            e.HasIndex(x => new { x.InstanceId, x.Id });

            // The done list (已办): a user's events newest first (at desc, id desc) read backwards from this index;
            // partial, over the events that make a done entry only (see DoneListIndex).
            e.HasIndex(x => new { x.Actor, x.At, x.Id }).HasFilter(DoneListIndex.Filter());
        });

        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("outbox");
            e.HasKey(x => x.Id);

            // Partial indexes: the rows still to dispatch (due look-ups by next attempt) and the failed ones
            // (the administrators' list). Dispatched rows, the bulk of the table, are in neither.
            e.HasIndex(x => new { x.NextAttemptAt, x.CreatedAt }).HasFilter("dispatched_at IS NULL AND failed_at IS NULL");
            e.HasIndex(x => x.FailedAt).HasFilter("failed_at IS NOT NULL");
        });

        modelBuilder.Entity<ProcessedRequest>(e =>
        {
            e.ToTable("processed_requests");
            e.HasKey(x => new { x.Actor, x.RequestId });
            e.Property(x => x.Actor).HasDefaultValue("");
        });

        modelBuilder.Entity<CopyRecord>(e =>
        {
            e.ToTable("task_copies");
            e.HasKey(x => x.Id);

            // A reader's copies newest first (copied_at desc, id desc).
            e.HasIndex(x => new { x.Reader, x.CopiedAt, x.Id });
        });

        ApplySnakeCaseNames(modelBuilder);
    }

    private static void ApplySnakeCaseNames(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }

            entity.FindPrimaryKey()?.SetName("pk_" + table);
            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(index.Name ?? "ix_" + table + "_" + string.Join("_", index.Properties.Select(p => ToSnakeCase(p.Name))));
            }
        }
    }

    internal static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}

/// <summary>
/// The SQLite flavour: timestamps are INTEGER columns of UTC ticks (sort and compare correctly); history ids are
/// plain rowids (no AUTOINCREMENT bookkeeping per insert; history rows are never deleted, so ids only grow).
/// </summary>
public sealed class SqliteWorkflowDbContext(DbContextOptions<SqliteWorkflowDbContext> options) : WorkflowDbContext(options)
{
    protected override void ConfigureTimestamps(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // INTEGER PRIMARY KEY without AUTOINCREMENT: SQLite still numbers rows itself (rowid), the store never
        // inserts history through EF.
        modelBuilder.Entity<HistoryEvent>().Property(x => x.Id).ValueGeneratedNever();
    }
}

/// <summary>
/// The PostgreSQL flavour: timestamps are <c>timestamptz</c> (written in UTC). Organisation paths use the byte-wise
/// collation "C" whatever the database's default: an organisation scope is a range on the path
/// (<c>path &gt;= '/gd/gz/' AND path &lt; '/gd/gz0'</c>), exact only when strings compare byte by byte (a linguistic
/// collation sorts punctuation differently and would let <c>/gd/gz%</c> into that range), and the index serves it.
/// </summary>
public sealed class PostgresWorkflowDbContext(DbContextOptions<PostgresWorkflowDbContext> options) : WorkflowDbContext(options)
{
    /// <summary>The byte-wise collation of organisation paths.</summary>
    public const string PathCollation = "C";

    protected override void ConfigureTimestamps(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<ToUtcConverter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<InstanceRecord>().Property(x => x.OrganizationPath).UseCollation(PathCollation);
        modelBuilder.Entity<TaskRecord>().Property(x => x.OrganizationPath).UseCollation(PathCollation);
    }
}

/// <summary>Stores a <see cref="DateTimeOffset"/> as its UTC ticks; reads it back with offset zero.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

/// <summary>Npgsql writes only UTC <see cref="DateTimeOffset"/>s to <c>timestamptz</c>.</summary>
public sealed class ToUtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
