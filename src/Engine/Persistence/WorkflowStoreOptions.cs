namespace Workflows.Engine.Persistence;

/// <summary>Which database keeps the engine's state.</summary>
public enum WorkflowStoreProvider
{
    /// <summary>A SQLite file (WAL journal). One writer at a time; the store serializes commits.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database.</summary>
    PostgreSql,

    /// <summary>Process memory only: nothing survives a restart. For tests and benchmarks.</summary>
    InMemory,
}

/// <summary>How to reach the store. See <see cref="WorkflowStores.Create"/>.</summary>
public sealed class WorkflowStoreOptions
{
    public WorkflowStoreProvider Provider { get; set; } = WorkflowStoreProvider.Sqlite;

    /// <summary>
    /// A Microsoft.Data.Sqlite connection string (<c>Data Source=/path/workflows.db</c>) or an Npgsql one
    /// (<c>Host=…;Port=…;Database=…;Username=…;Password=…</c>). Ignored for <see cref="WorkflowStoreProvider.InMemory"/>.
    /// </summary>
    public string ConnectionString { get; set; } = "";
}
