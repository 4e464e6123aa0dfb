using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Workflows.Engine.Persistence.Sql;

/// <summary>
/// SQLite: one long-lived writer connection with prepared statements, guarded by an async lock (SQLite has one
/// writer at a time; queuing in process avoids SQLITE_BUSY storms), and a small pool of reader connections with
/// their own prepared statements (WAL lets them read while the writer writes).
/// <para>
/// Durability: journal WAL, synchronous NORMAL — a commit is atomic and survives a crash of the process; on
/// power loss the last commits may be lost, never half of one. A commit only appends to the WAL (no fsync);
/// checkpoints, which fsync, run on a background connection instead of inside a commit (automatic checkpoints
/// are off on the writer). When the WAL has grown past 16,384 pages (64 MB) the checkpointer holds the write lock
/// once so that it catches up completely and the WAL starts over.
/// </para>
/// </summary>
internal sealed class SqliteBackend : StoreBackend
{
    private const int MaxIdleReaders = 16;
    private const int BusyTimeoutMs = 30_000;

    /// <summary>Commits between two background checkpoints.</summary>
    private readonly int _checkpointEveryCommits;

    /// <summary>WAL size (pages) from which a checkpoint briefly stops writers so that the WAL can restart.</summary>
    private readonly int _walRestartFrames;

    private const string SessionPragmas = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16384; ";

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentBag<Session> _readers = [];
    private readonly PooledDbContextFactory<SqliteWorkflowDbContext> _contexts;
    private Session? _writer;
    private SqliteConnection? _checkpointConnection;
    private Task _checkpoint = Task.CompletedTask;
    private int _commitsSinceCheckpoint;
    private int _idleReaders;
    private volatile bool _disposed;

    public SqliteBackend(string connectionString, int checkpointEveryCommits = 256, int walRestartFrames = 16_384)
    {
        _checkpointEveryCommits = checkpointEveryCommits;
        _walRestartFrames = walRestartFrames;
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
        await LockWithoutCheckpointAsync(ct).ConfigureAwait(false);
        try
        {
            using (var conn = new SqliteConnection(_connectionString))
            {
                conn.Open();
                Exec(conn, "PRAGMA journal_mode=WAL;");
            }

            await using (var db = CreateContext())
            {
                await db.Database.MigrateAsync(ct).ConfigureAwait(false);
            }

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
                RunPlan(writer, tx, plan, changes);
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

            AfterCommit();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Runs a commit plan's statements in <paramref name="tx"/>, checking each one's outcome.</summary>
    private static void RunPlan(Session writer, SqliteTransaction tx, List<PlannedStatement> plan, ChangeSet changes)
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

            if (rows == 0 && MustAffectRows(s.Check))
            {
                throw Conflict(s);
            }
        }
    }

    /// <summary>
    /// A transaction on the writer connection that holds the write lock until it ends: enlisted commits run their
    /// plans in it, and other contexts join the connection (see <see cref="CommandTransaction"/>).
    /// </summary>
    public override async Task<CommandTransaction> BeginTransactionAsync(CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var writer = Writer();
            var tx = writer.Connection.BeginTransaction(deferred: false);
            return new SqlCommandTransaction(
                writer.Connection,
                tx,
                (changes, _) =>
                {
                    RunPlan(writer, tx, CommitPlan.Build(changes, SqliteDialect.Instance), changes);
                    return Task.CompletedTask;
                },
                (request, _) =>
                {
                    var cmd = writer.Get(Statements.AnswerRequest);
                    cmd.Transaction = tx;
                    Bind(cmd, [request.ResponseJson, request.Actor, request.RequestId]);
                    cmd.ExecuteNonQuery();
                    return Task.CompletedTask;
                },
                _ =>
                {
                    tx.Commit();
                    AfterCommit();
                    return Task.CompletedTask;
                },
                () =>
                {
                    try
                    {
                        SafeRollback(tx);
                        tx.Dispose();
                    }
                    finally
                    {
                        _writeLock.Release();
                    }

                    return ValueTask.CompletedTask;
                });
        }
        catch
        {
            _writeLock.Release();
            throw;
        }
    }

    public override async Task<T> WriteAsync<T>(Func<IStatementRunner, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var writer = Writer();
            T result;
            using (var tx = writer.Connection.BeginTransaction(deferred: false))
            {
                try
                {
                    result = await work(new Runner(writer, tx), ct).ConfigureAwait(false);
                    tx.Commit();
                }
                catch
                {
                    SafeRollback(tx);
                    throw;
                }
            }

            AfterCommit();
            return result;
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

        await LockWithoutCheckpointAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _checkpointConnection?.Dispose();
            _checkpointConnection = null;
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

    /// <summary>
    /// Takes the write lock with no checkpoint running. A checkpoint may itself wait for the lock, so it is awaited
    /// outside; holding the lock, none can start (they start after commits, under the lock).
    /// </summary>
    private async Task LockWithoutCheckpointAsync(CancellationToken ct)
    {
        while (true)
        {
            await _checkpoint.ConfigureAwait(false);
            await _writeLock.WaitAsync(ct).ConfigureAwait(false);
            if (_checkpoint.IsCompleted)
            {
                return;
            }

            _writeLock.Release();
        }
    }

    /// <summary>Called under the write lock after a commit: starts a background checkpoint now and then.</summary>
    private void AfterCommit()
    {
        if (++_commitsSinceCheckpoint >= _checkpointEveryCommits && _checkpoint.IsCompleted && !_disposed)
        {
            _commitsSinceCheckpoint = 0;
            _checkpoint = Task.Run(CheckpointAsync);
        }
    }

    /// <summary>
    /// Copies committed WAL pages into the database file (and fsyncs) while writers go on. If the WAL has grown
    /// large (writers never let a checkpoint finish), a second pass under the write lock completes it so that
    /// the next commit restarts the WAL from its beginning.
    /// </summary>
    private async Task CheckpointAsync()
    {
        try
        {
            var conn = _checkpointConnection ??= OpenConnection(_connectionString);
            var walFrames = Checkpoint(conn);
            if (walFrames < _walRestartFrames)
            {
                return;
            }

            await _writeLock.WaitAsync().ConfigureAwait(false);
            try
            {
                if (!_disposed)
                {
                    Checkpoint(conn);
                }
            }
            finally
            {
                _writeLock.Release();
            }
        }
        catch (SqliteException)
        {
            // A failed checkpoint loses nothing: the pages stay in the WAL and the next checkpoint copies them.
        }
    }

    /// <summary>A passive checkpoint; returns the number of frames in the WAL.</summary>
    private static long Checkpoint(SqliteConnection conn)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        using var reader = cmd.ExecuteReader();
        return reader.Read() ? reader.GetInt64(1) : 0;
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
        if (_writer is null)
        {
            var conn = OpenConnection(_connectionString);
            // Checkpoints run in the background (see CheckpointAsync); a restarted WAL is cut back to 64 MB.
            // Foreign keys on: the domain's tables join the writer's transactions (the engine's tables have none).
            Exec(conn, "PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit=67108864; PRAGMA foreign_keys=ON;");
            _writer = new Session(conn);
        }

        return _writer;
    }

    private Session RentReader()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_readers.TryTake(out var s))
        {
            Interlocked.Decrement(ref _idleReaders);
            return s;
        }

        return new Session(OpenConnection(_connectionString));
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

    private static SqliteConnection OpenConnection(string connectionString)
    {
        var conn = new SqliteConnection(connectionString);
        try
        {
            conn.Open();
            Exec(conn, SessionPragmas + $"PRAGMA busy_timeout={BusyTimeoutMs};");
            return conn;
        }
        catch
        {
            conn.Dispose();
            throw;
        }
    }

    private static void Exec(SqliteConnection conn, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <summary>An open connection with its prepared statements.</summary>
    private sealed class Session(SqliteConnection connection) : IDisposable
    {
        private readonly Dictionary<Stmt, SqliteCommand> _commands = [];

        public SqliteConnection Connection { get; } = connection;

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
