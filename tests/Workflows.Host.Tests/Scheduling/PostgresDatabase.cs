using Npgsql;

namespace Workflows.Host.Tests.Scheduling;

/// <summary>
/// A fresh PostgreSQL database on the server of <c>WORKFLOWS_TEST_PG</c> (scripts/test.sh starts one), dropped on
/// dispose. Without the variable the test fails: PostgreSQL cases are never skipped.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string _admin;

    private PostgresDatabase(string admin, string name, string connectionString)
    {
        _admin = admin;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<PostgresDatabase> CreateAsync(string? server = null)
    {
        server ??= Environment.GetEnvironmentVariable("WORKFLOWS_TEST_PG");
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException("Set WORKFLOWS_TEST_PG (scripts/test.sh --setup-only starts a PostgreSQL server and prints it).");
        }

        var builder = new NpgsqlConnectionStringBuilder(server);
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString;
        var name = "wf_sched_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        builder.Database = name;
        builder.Remove("Include Error Detail");
        return new PostgresDatabase(admin, name, builder.ConnectionString);
    }

    /// <summary>Runs a query that returns one value.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Runs a query and returns its rows as (first column text, second column long).</summary>
    public async Task<IReadOnlyList<(string Key, long Count)>> PairsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, long)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.IsDBNull(0) ? "" : reader.GetValue(0).ToString()!, Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
