namespace Workflows.TodoBench;

/// <summary>
/// The generated open tasks, kept in memory compactly so that every store gets the same rows and every query's
/// answer can be checked. Distributions (all skewed by Zipf laws, so that there are heavy users and groups):
/// <list type="bullet">
/// <item>~30 % of the tasks are assigned (assignee Zipf over the users); 40 % of these were claimed from a group and
/// keep that candidate group (so the "no one else is the assignee" rule has work to do), 10 % from candidate users;</item>
/// <item>~30 % have 1–3 candidate users (Zipf over the users) and no assignee;</item>
/// <item>the rest have 1–2 candidate groups (Zipf over the groups, province roles heaviest, then city, district, unit
/// roles) and no assignee;</item>
/// <item>users hold 1–3 groups (50 / 35 / 15 %), drawn by a Zipf law of the same skew over the groups in a random order
/// (groups with many members are not the groups with many tasks), or with <c>heavyMembers</c> in the order of the
/// task law (the groups with the most tasks also have the most members: the stress case);</item>
/// <item>created within the last 180 days, ~60 % with a due date 1–30 days after creation;</item>
/// <item>an organisation path per task (the applicant's unit): below the organisation of the task's first candidate
/// group (a city reviewer's tasks come from that city), otherwise below a random organisation; drawn from a random
/// sequence of its own, so that the other columns are those of earlier runs.</item>
/// </list>
/// </summary>
internal sealed class Dataset
{
    private static readonly string[] Roles = ["reviewer", "approver", "finance", "clerk", "chair", "auditor", "hr", "legal"];

    private static readonly string[] Cities =
    [
        "gz", "sz", "zh", "st", "fs", "sg", "zj", "zq", "jm", "mm", "hz", "mz", "sw", "hy", "yj", "qy", "dg", "zs", "cz", "jy", "yf",
    ];

    private static readonly string[] DefinitionKeys =
    [
        "member-join", "member-transfer", "hardship-aid", "medical-aid", "education-aid", "model-worker", "union-election",
        "fund-allocation", "legal-aid", "labour-dispute", "cultural-event", "training-apply",
    ];

    private static readonly string[] Elements = ["review", "approve", "countersign", "finance-check", "archive", "notify"];

    public Dataset(int tasks, int users, int groups, double skew, bool heavyMembers, int seed)
    {
        var rng = new Random(seed);
        TaskCount = tasks;
        UserCount = users;
        GroupNames = MakeGroupNames(groups);
        UserNames = [.. Enumerable.Range(0, users).Select(i => "u" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture))];

        // Users: a random permutation decides who is heavy (rank 0 = heaviest).
        var userOfRank = Enumerable.Range(0, users).ToArray();
        rng.Shuffle(userOfRank);
        var userLaw = new Zipf(users, skew, rng);
        var groupLaw = new Zipf(groups, skew, rng);
        int User() => userOfRank[userLaw.Sample()];
        var groupOfMemberRank = Enumerable.Range(0, groups).ToArray();
        if (!heavyMembers)
        {
            rng.Shuffle(groupOfMemberRank);
        }

        // Memberships.
        UserGroups = new int[users][];
        var members = new List<int>[groups];
        for (var g = 0; g < groups; g++)
        {
            members[g] = [];
        }

        for (var u = 0; u < users; u++)
        {
            var roll = rng.NextDouble();
            var count = Math.Min(groups, roll < 0.50 ? 1 : roll < 0.85 ? 2 : 3);
            var held = new List<int>(count);
            while (held.Count < count)
            {
                var g = groupOfMemberRank[groupLaw.Sample()];
                if (!held.Contains(g))
                {
                    held.Add(g);
                    members[g].Add(u);
                }
            }

            UserGroups[u] = [.. held];
        }

        GroupMembers = [.. members.Select(m => m.Count)];

        // Tasks.
        Ids = new Guid[tasks];
        InstanceIds = new Guid[tasks];
        CreatedTicks = new long[tasks];
        DueTicks = new long[tasks];
        Assignee = new int[tasks];
        Definition = new byte[tasks];
        Element = new byte[tasks];
        Priority = new byte[tasks];
        var userStart = new int[tasks + 1];
        var groupStart = new int[tasks + 1];
        var userList = new List<int>(tasks / 2);
        var groupList = new List<int>(tasks);
        var now = new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero).UtcTicks;
        Span<byte> bytes = stackalloc byte[16];
        for (var i = 0; i < tasks; i++)
        {
            Ids[i] = NewGuid(rng, bytes);
            InstanceIds[i] = NewGuid(rng, bytes);
            CreatedTicks[i] = now - (long)(rng.NextDouble() * TimeSpan.FromDays(180).Ticks) / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond;
            DueTicks[i] = rng.NextDouble() < 0.6 ? CreatedTicks[i] + (TimeSpan.TicksPerDay * rng.Next(1, 31)) : 0;
            Definition[i] = (byte)rng.Next(DefinitionKeys.Length);
            Element[i] = (byte)rng.Next(Elements.Length);
            Priority[i] = (byte)(rng.NextDouble() < 0.1 ? 80 : 50);
            Assignee[i] = -1;
            var roll = rng.NextDouble();
            if (roll < 0.30)
            {
                Assignee[i] = User();
                var from = rng.NextDouble();
                if (from < 0.40)
                {
                    groupList.Add(groupLaw.Sample()); // claimed from a group: the candidate group stays
                }
                else if (from < 0.50)
                {
                    AddDistinct(userList, userStart[i], 1 + rng.Next(3), User);
                }
            }
            else if (roll < 0.60)
            {
                AddDistinct(userList, userStart[i], 1 + rng.Next(3), User);
            }
            else
            {
                AddDistinct(groupList, groupStart[i], rng.NextDouble() < 0.8 ? 1 : 2, groupLaw.Sample);
            }

            userStart[i + 1] = userList.Count;
            groupStart[i + 1] = groupList.Count;
        }

        UserStart = userStart;
        GroupStart = groupStart;
        CandidateUsers = [.. userList];
        CandidateGroups = [.. groupList];

        // Inverted lists for the expected to-do of a user: assigned tasks, claimable tasks per candidate user/group.
        AssignedTo = Invert(users, i => Assignee[i] >= 0 ? [Assignee[i]] : []);
        ClaimableByUser = Invert(users, i => Assignee[i] < 0 ? CandidateUsers.AsSpan(UserStart[i], UserStart[i + 1] - UserStart[i]).ToArray() : []);
        ClaimableByGroup = Invert(groups, i => Assignee[i] < 0 ? CandidateGroups.AsSpan(GroupStart[i], GroupStart[i + 1] - GroupStart[i]).ToArray() : []);

        // Organisation paths: units below the organisations of the groups.
        var pathRng = new Random(seed + 7);
        var organisations = GroupNames.Select(OrganizationOf).Distinct().ToArray();
        var organisationIndex = organisations.Select((o, n) => (o, n)).ToDictionary(x => x.o, x => x.n, StringComparer.Ordinal);
        Paths = [.. organisations.SelectMany(o => Enumerable.Range(0, UnitsPerOrganisation).Select(u => o + "/ent-" + u.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)))];
        PathOf = new int[tasks];
        for (var i = 0; i < tasks; i++)
        {
            var organisation = GroupStart[i + 1] > GroupStart[i]
                ? organisationIndex[OrganizationOf(GroupNames[CandidateGroups[GroupStart[i]]])]
                : pathRng.Next(organisations.Length);
            PathOf[i] = (organisation * UnitsPerOrganisation) + pathRng.Next(UnitsPerOrganisation);
        }
    }

    private const int UnitsPerOrganisation = 4;

    public int TaskCount { get; }

    public int UserCount { get; }

    public string[] UserNames { get; }

    public string[] GroupNames { get; }

    public int[][] UserGroups { get; }

    public int[] GroupMembers { get; }

    public Guid[] Ids { get; }

    public Guid[] InstanceIds { get; }

    public long[] CreatedTicks { get; }

    /// <summary>0: no due date.</summary>
    public long[] DueTicks { get; }

    /// <summary>-1: unassigned.</summary>
    public int[] Assignee { get; }

    public byte[] Definition { get; }

    public byte[] Element { get; }

    public byte[] Priority { get; }

    public int[] UserStart { get; }

    public int[] CandidateUsers { get; }

    public int[] GroupStart { get; }

    public int[] CandidateGroups { get; }

    public int[][] AssignedTo { get; }

    public int[][] ClaimableByUser { get; }

    public int[][] ClaimableByGroup { get; }

    public int CandidateRows => CandidateUsers.Length + CandidateGroups.Length;

    /// <summary>The organisation paths of the tasks (units below the organisations of the groups).</summary>
    public string[] Paths { get; }

    /// <summary>Per task, its path in <see cref="Paths"/>.</summary>
    public int[] PathOf { get; }

    /// <summary>The organisation of a group key (<c>role@/gd/gz</c> → <c>/gd/gz</c>).</summary>
    public static string OrganizationOf(string group) => group[(group.IndexOf('@', StringComparison.Ordinal) + 1)..];

    public static string DefinitionKey(byte i) => DefinitionKeys[i];

    public static string ElementId(byte i) => Elements[i];

    public static string ElementName(byte i) => Elements[i] switch
    {
        "review" => "审核",
        "approve" => "审批",
        "countersign" => "会签",
        "finance-check" => "财务审核",
        "archive" => "归档",
        _ => "通知",
    };

    /// <summary>The tasks of the to-do rule for a user, as task indexes (no duplicates).</summary>
    public HashSet<int> ToDo(int user)
    {
        var set = new HashSet<int>(AssignedTo[user]);
        set.UnionWith(ClaimableByUser[user]);
        foreach (var g in UserGroups[user])
        {
            set.UnionWith(ClaimableByGroup[g]);
        }

        return set;
    }

    private static Guid NewGuid(Random rng, Span<byte> bytes)
    {
        rng.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (Guid's byte layout)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private static void AddDistinct(List<int> list, int start, int count, Func<int> next)
    {
        for (var attempt = 0; list.Count - start < count && attempt < 20; attempt++)
        {
            var v = next();
            var seen = false;
            for (var k = start; k < list.Count; k++)
            {
                seen |= list[k] == v;
            }

            if (!seen)
            {
                list.Add(v);
            }
        }
    }

    private int[][] Invert(int size, Func<int, int[]> keys)
    {
        var lists = new List<int>?[size];
        for (var i = 0; i < TaskCount; i++)
        {
            foreach (var k in keys(i))
            {
                (lists[k] ??= []).Add(i);
            }
        }

        return [.. lists.Select(l => l is null ? [] : l.ToArray())];
    }

    /// <summary>Roles scoped to organisations, heaviest first: province, cities, districts, then grassroots units.</summary>
    private static string[] MakeGroupNames(int count)
    {
        var names = new List<string>(count);
        void Add(string org, int roles)
        {
            for (var r = 0; r < roles && names.Count < count; r++)
            {
                names.Add(Roles[r] + "@" + org);
            }
        }

        Add("/gd", Roles.Length);
        foreach (var c in Cities)
        {
            Add("/gd/" + c, Roles.Length);
        }

        for (var d = 1; names.Count < count && d <= 8; d++)
        {
            foreach (var c in Cities)
            {
                Add($"/gd/{c}/d{d}", 4);
            }
        }

        for (var u = 1; names.Count < count; u++)
        {
            foreach (var c in Cities)
            {
                for (var d = 1; d <= 8 && names.Count < count; d++)
                {
                    Add($"/gd/{c}/d{d}/u{u:D3}", 2);
                }
            }
        }

        return [.. names];
    }

    /// <summary>Ranks 0..n-1 with P(k) ∝ 1/(k+1)^s.</summary>
    private sealed class Zipf
    {
        private readonly double[] _cdf;
        private readonly Random _rng;

        public Zipf(int n, double s, Random rng)
        {
            _rng = rng;
            _cdf = new double[n];
            var sum = 0.0;
            for (var k = 0; k < n; k++)
            {
                sum += 1 / Math.Pow(k + 1, s);
                _cdf[k] = sum;
            }

            for (var k = 0; k < n; k++)
            {
                _cdf[k] /= sum;
            }
        }

        public int Sample()
        {
            var i = Array.BinarySearch(_cdf, _rng.NextDouble());
            return Math.Min(_cdf.Length - 1, i >= 0 ? i : ~i);
        }
    }
}
