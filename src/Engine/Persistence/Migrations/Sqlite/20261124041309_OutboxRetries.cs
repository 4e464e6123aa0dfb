using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Engine.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutboxRetries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_dispatched_at_created_at",
                table: "outbox");

            migrationBuilder.AddColumn<long>(
                name: "failed_at",
                table: "outbox",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "next_attempt_at",
                table: "outbox",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_failed_at",
                table: "outbox",
                column: "failed_at",
                filter: "failed_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_next_attempt_at_created_at",
                table: "outbox",
                columns: new[] { "next_attempt_at", "created_at" },
                filter: "dispatched_at IS NULL AND failed_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_failed_at",
                table: "outbox");

            migrationBuilder.DropIndex(
                name: "ix_outbox_next_attempt_at_created_at",
                table: "outbox");

            migrationBuilder.DropColumn(
                name: "failed_at",
                table: "outbox");

            migrationBuilder.DropColumn(
                name: "next_attempt_at",
                table: "outbox");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_dispatched_at_created_at",
                table: "outbox",
                columns: new[] { "dispatched_at", "created_at" });
        }
    }
}
