using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Workflows.Engine.Persistence.Sql;

/// <summary>
/// SQLite: one long-lived writer connection with prepared statements, guarded by an async lock (SQLite has one
/// writer at a time; queuing in process avoids SQLITE_BUSY storms), and a small pool of reader connections with
/// their own prepared statements (WAL lets them read while the writer writes). Journal WAL, synchronous NORMAL:
/// a commit is atomic and survives a process crash; the last commits may be lost on power failure.
/// </summary>
internal sealed class SqliteBackend : StoreBackend
{
    private const int MaxIdleReaders = 16;
    private const int BusyTimeoutMs = 30_000;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentBag<Session> _readers = [];
    private readonly PooledDbContextFactory<SqliteWorkflowDbContext> _contexts;
    private Session? _writer;
    private int _idleReaders;
    private bool _disposed;

    public SqliteBackend(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new ArgumentException("The SQLite store needs a database file (Data Source=path/to/file.db).", nameof(connectionString));
        }

        builder.Pooling = true;
        if (!connectionString.Contains("Default Timeout", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("DefaultTimeout", StringComparison.OrdinalIgnoreCase))
        {
            builder.DefaultTimeout = BusyTimeoutMs / 1000;
        }

        _connectionString = builder.ToString();
        var options = new DbContextOptionsBuilder<SqliteWorkflowDbContext>()
            .UseSqlite(_connectionString)
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .Options;
        _contexts = new PooledDbContextFactory<SqliteWorkflowDbContext>(options);
    }

    public override SqlDialect Dialect => SqliteDialect.Instance;

    public override WorkflowDbContext CreateContext() => _contexts.CreateDbContext();

    public override async Task MigrateAsync(CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            using (var conn = new SqliteConnection(_connectionString))
            {
                conn.Open();
                Exec(conn, "PRAGMA journal_mode=WAL;");
            }

            await using var db = CreateContext();
            await db.Database.MigrateAsync(ct).ConfigureAwait(false);

            // The schema may have changed under prepared statements.
            _writer?.Dispose();
            _writer = null;
            while (_readers.TryTake(out var r))
            {
                r.Dispose();
            }

            _idleReaders = 0;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public override Task<T> ReadAsync<T>(Stmt stmt, object[] args, Func<DbDataReader, SqlDialect, CancellationToken, Task<T>> read, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var session = RentReader();
        var ok = false;
        try
        {
            var cmd = session.Get(stmt);
            Bind(cmd, args);
            Task<T> result;
            using (var reader = cmd.ExecuteReader())
            {
                // Completes synchronously: SqliteDataReader reads synchronously.
                result = read(reader, SqliteDialect.Instance, ct);
                if (!result.IsCompleted)
                {
                    throw new InvalidOperationException("SQLite readers complete synchronously.");
                }
            }

            ok = true;
            return result;
        }
        finally
        {
            if (ok)
            {
                ReturnReader(session);
            }
            else
            {
                session.Dispose();
            }
        }
    }

    public override async Task CommitAsync(ChangeSet changes, Func<ChangeSet, Task>? beforeCommit, CancellationToken ct)
    {
        var plan = CommitPlan.Build(changes, SqliteDialect.Instance);
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var writer = Writer();
            using var tx = writer.Connection.BeginTransaction(deferred: false);
            try
            {
                foreach (var s in plan)
                {
                    var cmd = writer.Get(s.Stmt);
                    cmd.Transaction = tx;
                    Bind(cmd, s.Args);
                    int rows;
                    try
                    {
                        rows = cmd.ExecuteNonQuery();
                    }
                    catch (SqliteException e) when (s.Check == StmtCheck.Request && SqliteDialect.Instance.IsUniqueViolation(e, "processed_requests"))
                    {
                        throw new DuplicateRequestException(changes.Request!.RequestId, e);
                    }

                    if (rows == 0 && s.Check is StmtCheck.InstanceVersion or StmtCheck.TaskExists)
                    {
                        throw Conflict(s);
                    }
                }

                if (beforeCommit is not null)
                {
                    await beforeCommit(changes).ConfigureAwait(false);
                }

                tx.Commit();
            }
            catch
            {
                SafeRollback(tx);
                throw;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public override async Task<T> WriteAsync<T>(Func<IStatementRunner, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var writer = Writer();
            using var tx = writer.Connection.BeginTransaction(deferred: false);
            try
            {
                var result = await work(new Runner(writer, tx), ct).ConfigureAwait(false);
                tx.Commit();
                return result;
            }
            catch
            {
                SafeRollback(tx);
                throw;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            _writer?.Dispose();
            _writer = null;
            while (_readers.TryTake(out var r))
            {
                r.Dispose();
            }

            using var conn = new SqliteConnection(_connectionString);
            SqliteConnection.ClearPool(conn);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static void SafeRollback(SqliteTransaction tx)
    {
        try
        {
            tx.Rollback();
        }
        catch (SqliteException)
        {
            // The transaction may already be gone (e.g. SQLite rolled it back itself); nothing is committed.
        }
        catch (InvalidOperationException)
        {
        }
    }

    private Session Writer()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _writer ??= Session.Open(_connectionString);
    }

    private Session RentReader()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_readers.TryTake(out var s))
        {
            Interlocked.Decrement(ref _idleReaders);
            return s;
        }

        return Session.Open(_connectionString);
    }

    private void ReturnReader(Session s)
    {
        if (_disposed || Interlocked.Increment(ref _idleReaders) > MaxIdleReaders)
        {
            Interlocked.Decrement(ref _idleReaders);
            s.Dispose();
            return;
        }

        _readers.Add(s);
    }

    private static void Exec(SqliteConnection conn, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <summary>An open connection with its prepared statements.</summary>
    private sealed class Session : IDisposable
    {
        private readonly Dictionary<Stmt, SqliteCommand> _commands = [];

        private Session(SqliteConnection connection) => Connection = connection;

        public SqliteConnection Connection { get; }

        public static Session Open(string connectionString)
        {
            var conn = new SqliteConnection(connectionString);
            try
            {
                conn.Open();
                Exec(conn, $"PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={BusyTimeoutMs}; PRAGMA foreign_keys=OFF; PRAGMA temp_store=MEMORY;");
                return new Session(conn);
            }
            catch
            {
                conn.Dispose();
                throw;
            }
        }

        public SqliteCommand Get(Stmt stmt)
        {
            if (!_commands.TryGetValue(stmt, out var cmd))
            {
                cmd = (SqliteCommand)SqliteDialect.Instance.CreateCommand(Connection, stmt);
                cmd.Prepare();
                _commands.Add(stmt, cmd);
            }

            return cmd;
        }

        public void Dispose()
        {
            foreach (var cmd in _commands.Values)
            {
                cmd.Dispose();
            }

            _commands.Clear();
            Connection.Dispose();
        }
    }

    private sealed class Runner(Session session, SqliteTransaction tx) : IStatementRunner
    {
        public Task<int> ExecuteAsync(Stmt stmt, object[] args, CancellationToken ct)
        {
            var cmd = session.Get(stmt);
            cmd.Transaction = tx;
            Bind(cmd, args);
            return Task.FromResult(cmd.ExecuteNonQuery());
        }

        public Task<object?> ScalarAsync(Stmt stmt, object[] args, CancellationToken ct)
        {
            var cmd = session.Get(stmt);
            cmd.Transaction = tx;
            Bind(cmd, args);
            var value = cmd.ExecuteScalar();
            return Task.FromResult(value is DBNull ? null : value);
        }
    }
}
