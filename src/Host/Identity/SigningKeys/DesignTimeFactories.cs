using Microsoft.EntityFrameworkCore.Design;

namespace Workflows.Host.Identity.SigningKeys;

// Migrations of the data-protection keys table, one set per provider (run from the repository root):
//
//   dotnet tool restore
//   dotnet ef migrations add <Name> --project src/Host --context SqliteKeysDbContext   --output-dir Identity/SigningKeys/Migrations/Sqlite
//   dotnet ef migrations add <Name> --project src/Host --context PostgresKeysDbContext --output-dir Identity/SigningKeys/Migrations/Postgres
//
// The factories below let the tool build the contexts; no database is touched.

/// <summary>Lets <c>dotnet ef migrations add … --context SqliteKeysDbContext</c> build the context.</summary>
internal sealed class SqliteKeysDesignTimeFactory : IDesignTimeDbContextFactory<SqliteKeysDbContext>
{
    public SqliteKeysDbContext CreateDbContext(string[] args) => new(KeysDatabase.SqliteOptions("Data Source=design-time.db"));
}

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresKeysDbContext</c> build the context.</summary>
internal sealed class PostgresKeysDesignTimeFactory : IDesignTimeDbContextFactory<PostgresKeysDbContext>
{
    public PostgresKeysDbContext CreateDbContext(string[] args) => new(KeysDatabase.PostgresOptions("Host=localhost;Database=workflows_design"));
}
