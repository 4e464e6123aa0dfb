using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Engine.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TodoIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_tasks_id_assignee_created_at_due_at",
                table: "tasks",
                columns: new[] { "id", "assignee", "created_at", "due_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_tasks_id_assignee_created_at_due_at",
                table: "tasks");
        }
    }
}
