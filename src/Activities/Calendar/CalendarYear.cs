using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflows.Activities.Calendar;

/// <summary>
/// The official calendar of one year, as the State Council's notice on the holiday arrangements gives it
/// (国务院办公厅关于某年部分节假日安排的通知): the holiday periods (放假) and the weekend days declared working
/// days (调休上班). Every other day follows the week: Monday to Friday work, Saturday and Sunday rest.
/// Table <c>calendar_years</c>; the lists are the child tables <c>calendar_holidays</c> and <c>calendar_workdays</c>.
/// </summary>
public sealed class CalendarYear
{
    /// <summary>The calendar year (the key).</summary>
    public int Year { get; set; }

    /// <summary>Where the facts come from, e.g. the title of the notice, or "test data".</summary>
    public string SourceNote { get; set; } = "";

    /// <summary>When the year was last written (seeded or put by an administrator), UTC.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The holiday periods of the year.</summary>
    public List<CalendarHoliday> Holidays { get; set; } = [];

    /// <summary>The weekend days that are working days (调休上班).</summary>
    public List<CalendarWorkday> AdjustedWorkdays { get; set; } = [];
}

/// <summary>One holiday period (放假): consecutive days off from <see cref="FirstDay"/> to <see cref="LastDay"/>, both included.</summary>
public sealed class CalendarHoliday
{
    public int Year { get; set; }

    /// <summary>The name of the holiday, e.g. 春节 or 国庆节、中秋节.</summary>
    public string Name { get; set; } = "";

    public DateOnly FirstDay { get; set; }

    public DateOnly LastDay { get; set; }
}

/// <summary>A Saturday or Sunday that is a working day (调休上班).</summary>
public sealed class CalendarWorkday
{
    public int Year { get; set; }

    public DateOnly Date { get; set; }

    /// <summary>The holiday this working day makes up for, e.g. 春节 (may be empty).</summary>
    public string Holiday { get; set; } = "";
}

internal sealed class CalendarYearConfiguration : IEntityTypeConfiguration<CalendarYear>
{
    public void Configure(EntityTypeBuilder<CalendarYear> builder)
    {
        builder.ToTable("calendar_years");
        builder.HasKey(x => x.Year);
        builder.Property(x => x.Year).ValueGeneratedNever();
        builder.Property(x => x.SourceNote).HasMaxLength(CalendarLimits.SourceNoteLength);
        builder.HasMany(x => x.Holidays).WithOne().HasForeignKey(x => x.Year).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(x => x.AdjustedWorkdays).WithOne().HasForeignKey(x => x.Year).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(x => x.Holidays).AutoInclude();
        builder.Navigation(x => x.AdjustedWorkdays).AutoInclude();
    }
}

internal sealed class CalendarHolidayConfiguration : IEntityTypeConfiguration<CalendarHoliday>
{
    public void Configure(EntityTypeBuilder<CalendarHoliday> builder)
    {
        builder.ToTable("calendar_holidays");
        builder.HasKey(x => new { x.Year, x.FirstDay });
        builder.Property(x => x.Name).HasMaxLength(CalendarLimits.NameLength);
    }
}

internal sealed class CalendarWorkdayConfiguration : IEntityTypeConfiguration<CalendarWorkday>
{
    public void Configure(EntityTypeBuilder<CalendarWorkday> builder)
    {
        builder.ToTable("calendar_workdays");
        builder.HasKey(x => new { x.Year, x.Date });
        builder.Property(x => x.Holiday).HasMaxLength(CalendarLimits.NameLength);
    }
}

/// <summary>Bounds of the calendar data (validation and column sizes).</summary>
public static class CalendarLimits
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;
    public const int NameLength = 50;
    public const int SourceNoteLength = 500;

    /// <summary>The longest holiday period accepted (a guard against typos; the longest real one is 9 days).</summary>
    public const int MaxHolidayDays = 31;
}
