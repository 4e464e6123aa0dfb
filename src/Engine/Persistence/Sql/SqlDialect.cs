using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Workflows.Engine.Persistence.Sql;

/// <summary>The type of a statement parameter; decides how a value is bound per provider.</summary>
internal enum ColType
{
    Guid,
    Text,
    Int,
    Long,
    Time,
}

/// <summary>
/// What differs between SQLite and PostgreSQL for the hand-written statements: parameter types and the
/// representation of <see cref="System.Guid"/> and <see cref="DateTimeOffset"/>. It matches the EF model exactly
/// (SQLite: upper-case TEXT guids and INTEGER UTC ticks; PostgreSQL: uuid and timestamptz in UTC).
/// </summary>
internal abstract class SqlDialect
{
    public abstract DbParameter CreateParameter(string name, ColType type);

    public abstract object Guid(Guid value);

    public abstract object Time(DateTimeOffset value);

    public abstract Guid ReadGuid(DbDataReader reader, int ordinal);

    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    public object Guid(Guid? value) => value is { } g ? Guid(g) : DBNull.Value;

    public object Time(DateTimeOffset? value) => value is { } t ? Time(t) : DBNull.Value;

    public static object Text(string? value) => value is null ? DBNull.Value : value;

    public Guid? ReadGuidOrNull(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : ReadGuid(reader, ordinal);

    public DateTimeOffset? ReadTimeOrNull(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : ReadTime(reader, ordinal);

    public static string? ReadTextOrNull(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public DbCommand CreateCommand(DbConnection connection, Stmt stmt)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = stmt.Sql;
        foreach (var (name, type) in stmt.Parameters)
        {
            cmd.Parameters.Add(CreateParameter(name, type));
        }

        return cmd;
    }

    /// <summary>A primary key or unique constraint violation, optionally on a given table.</summary>
    public abstract bool IsUniqueViolation(Exception exception, string? table);
}

internal sealed class SqliteDialect : SqlDialect
{
    public static readonly SqliteDialect Instance = new();

    public override DbParameter CreateParameter(string name, ColType type) => new SqliteParameter
    {
        ParameterName = "@" + name,
        SqliteType = type switch
        {
            ColType.Int or ColType.Long or ColType.Time => SqliteType.Integer,
            _ => SqliteType.Text,
        },
        Value = DBNull.Value,
    };

    // EF Core's SQLite provider stores guids as upper-case TEXT; queries through EF must find these rows.
    public override object Guid(Guid value) => value.ToString().ToUpperInvariant();

    public override object Time(DateTimeOffset value) => value.UtcTicks;

    public override Guid ReadGuid(DbDataReader reader, int ordinal) => reader.GetGuid(ordinal);

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);

    public override bool IsUniqueViolation(Exception exception, string? table) =>
        exception is SqliteException { SqliteErrorCode: 19 } e
        && e.SqliteExtendedErrorCode is 1555 or 2067
        && (table is null || e.Message.Contains(table + ".", StringComparison.Ordinal));
}

internal sealed class PostgresDialect : SqlDialect
{
    public static readonly PostgresDialect Instance = new();

    public override DbParameter CreateParameter(string name, ColType type) => new NpgsqlParameter
    {
        ParameterName = name,
        NpgsqlDbType = type switch
        {
            ColType.Guid => NpgsqlDbType.Uuid,
            ColType.Int => NpgsqlDbType.Integer,
            ColType.Long => NpgsqlDbType.Bigint,
            ColType.Time => NpgsqlDbType.TimestampTz,
            _ => NpgsqlDbType.Text,
        },
        Value = DBNull.Value,
    };

    public override object Guid(Guid value) => value;

    public override object Time(DateTimeOffset value) => value.ToUniversalTime();

    public override Guid ReadGuid(DbDataReader reader, int ordinal) => reader.GetGuid(ordinal);

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public override bool IsUniqueViolation(Exception exception, string? table) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } e
        && (table is null || e.TableName == table);
}
