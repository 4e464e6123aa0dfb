using System.Data.Common;

namespace Workflows.Engine.Persistence;

public sealed partial class InMemoryWorkflowStore
{
    /// <summary>
    /// A transaction of the in-memory store: enlisted change sets are checked when enlisted and again, with the
    /// participants' commits, under the store's lock when it commits (see <see cref="CommandTransaction"/>).
    /// </summary>
    public Task<CommandTransaction> BeginTransactionAsync(CancellationToken ct = default) =>
        Task.FromResult<CommandTransaction>(new MemoryTransaction(this) { Owner = this });

    private sealed class MemoryTransaction(InMemoryWorkflowStore store) : CommandTransaction
    {
        private readonly List<ChangeSet> _pending = [];

        public override DbConnection? Connection => null;

        public override DbTransaction? Transaction => null;

        internal override Task EnlistAsync(ChangeSet changes, CancellationToken ct)
        {
            lock (store._gate)
            {
                store.Validate(changes);
                foreach (var earlier in _pending)
                {
                    if (changes.Request is { } r && earlier.Request is { } e && r.Actor == e.Actor && r.RequestId == e.RequestId)
                    {
                        throw new DuplicateRequestException(r.RequestId);
                    }
                }
            }

            _pending.Add(changes);
            return Task.CompletedTask;
        }

        internal override Task AnswerRequestAsync(ProcessedRequest request, CancellationToken ct)
        {
            var claimed = _pending.Select(c => c.Request).LastOrDefault(r => r is not null && r.Actor == request.Actor && r.RequestId == request.RequestId)
                ?? throw new InvalidOperationException($"Request '{request.RequestId}' was not claimed in this transaction.");
            claimed.ResponseJson = request.ResponseJson;
            return Task.CompletedTask;
        }

        protected override Task CommitCoreAsync(CancellationToken ct)
        {
            lock (store._gate)
            {
                foreach (var changes in _pending)
                {
                    store.Validate(changes);
                }

                CommitParticipants();
                foreach (var changes in _pending)
                {
                    store.Apply(changes);
                }
            }

            return Task.CompletedTask;
        }

        protected override ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;
    }
}
