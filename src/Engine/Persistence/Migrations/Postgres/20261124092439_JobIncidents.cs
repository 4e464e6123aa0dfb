using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Engine.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class JobIncidents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "attempts",
                table: "jobs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "last_error",
                table: "jobs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_error_at",
                table: "jobs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_jobs_last_error_at",
                table: "jobs",
                column: "last_error_at",
                filter: "last_error IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_jobs_last_error_at",
                table: "jobs");

            migrationBuilder.DropColumn(
                name: "attempts",
                table: "jobs");

            migrationBuilder.DropColumn(
                name: "last_error",
                table: "jobs");

            migrationBuilder.DropColumn(
                name: "last_error_at",
                table: "jobs");
        }
    }
}
