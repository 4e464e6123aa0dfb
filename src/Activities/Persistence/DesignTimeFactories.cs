using Microsoft.EntityFrameworkCore.Design;

namespace Workflows.Activities.Persistence;

// Migrations of the honours tables, one set per provider (run from the repository root):
//
//   dotnet tool restore
//   dotnet ef migrations add <Name> --project src/Activities --context SqliteHonoursDbContext   --output-dir Persistence/Migrations/Sqlite
//   dotnet ef migrations add <Name> --project src/Activities --context PostgresHonoursDbContext --output-dir Persistence/Migrations/Postgres
//
// The factories below let the tool build the contexts; no database is touched.

/// <summary>Lets <c>dotnet ef migrations add … --context SqliteHonoursDbContext</c> build the context (no database is touched).</summary>
internal sealed class SqliteHonoursDesignTimeFactory : IDesignTimeDbContextFactory<SqliteHonoursDbContext>
{
    public SqliteHonoursDbContext CreateDbContext(string[] args) => new(HonoursDatabase.SqliteOptions("Data Source=design-time.db"));
}

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresHonoursDbContext</c> build the context (no database is touched).</summary>
internal sealed class PostgresHonoursDesignTimeFactory : IDesignTimeDbContextFactory<PostgresHonoursDbContext>
{
    public PostgresHonoursDbContext CreateDbContext(string[] args) => new(HonoursDatabase.PostgresOptions("Host=localhost;Database=workflows_design"));
}
