using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Workflows.Activities.Persistence;

/// <summary>
/// Names columns, primary keys, foreign keys and indexes in snake_case (<c>SourceNote</c> → <c>source_note</c>,
/// <c>pk_calendar_years</c>, <c>fk_calendar_holidays_calendar_years_year</c>, <c>ix_…</c>), like the engine's tables.
/// Table names are given by each entity's configuration.
/// </summary>
internal static class SnakeCaseNames
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            if (table is null)
            {
                continue;
            }

            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }

            entity.FindPrimaryKey()?.SetName("pk_" + table);
            foreach (var key in entity.GetKeys().Where(k => !k.IsPrimaryKey()))
            {
                key.SetName("ak_" + table + "_" + Columns(key.Properties));
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                var principal = foreignKey.PrincipalEntityType.GetTableName();
                foreignKey.SetConstraintName("fk_" + table + "_" + principal + "_" + Columns(foreignKey.Properties));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName("ix_" + table + "_" + Columns(index.Properties));
            }
        }
    }

    public static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
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

    private static string Columns(IEnumerable<IReadOnlyProperty> properties) =>
        string.Join("_", properties.Select(p => ToSnakeCase(p.Name)));
}
