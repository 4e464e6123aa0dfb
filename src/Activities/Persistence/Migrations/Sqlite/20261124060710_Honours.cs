using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Activities.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Honours : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "honour_types",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name_zh = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    name_en = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    nominee_kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    cycle = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    prerequisite_honour_codes = table.Column<string>(type: "TEXT", nullable: false),
                    prerequisite_within_years = table.Column<int>(type: "INTEGER", nullable: true),
                    certificate_prefix = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    form_fields = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_honour_types", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "nominees",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    identifier_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    identifier_masked = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    gender = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ethnicity = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    birth_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    organisation_path = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    position = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    categories = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_nominees", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "campaigns",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    honour_type_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    notice_text = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    organisation_path = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    window_opens_at = table.Column<long>(type: "INTEGER", nullable: false),
                    window_closes_at = table.Column<long>(type: "INTEGER", nullable: false),
                    deadline = table.Column<long>(type: "INTEGER", nullable: false),
                    reference_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    veto_years = table.Column<int>(type: "INTEGER", nullable: false),
                    unit_notice_working_days = table.Column<int>(type: "INTEGER", nullable: false),
                    provincial_notice_days = table.Column<int>(type: "INTEGER", nullable: false),
                    provincial_notice_in_working_days = table.Column<bool>(type: "INTEGER", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    required_materials = table.Column<string>(type: "TEXT", nullable: false),
                    opinion_rules = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    concurrency_stamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaigns", x => x.id);
                    table.ForeignKey(
                        name: "fk_campaigns_honour_types_honour_type_code",
                        column: x => x.honour_type_code,
                        principalTable: "honour_types",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "honour_records",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    nominee_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    nominee_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    nominee_kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    organisation_path = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    honour_type_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    certificate_number = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    campaign_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    nomination_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    awarded_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    registered_at = table.Column<long>(type: "INTEGER", nullable: false),
                    registered_by = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    revoked_at = table.Column<long>(type: "INTEGER", nullable: true),
                    revocation_reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    revoked_by = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_honour_records", x => x.id);
                    table.ForeignKey(
                        name: "fk_honour_records_honour_types_honour_type_code",
                        column: x => x.honour_type_code,
                        principalTable: "honour_types",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_honour_records_nominees_nominee_id",
                        column: x => x.nominee_id,
                        principalTable: "nominees",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "incidents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    organisation_path = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    nominee_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    occurred_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    resolved_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incidents", x => x.id);
                    table.ForeignKey(
                        name: "fk_incidents_nominees_nominee_id",
                        column: x => x.nominee_id,
                        principalTable: "nominees",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "composition_rules",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    campaign_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name_zh = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    scope = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    categories = table.Column<int>(type: "INTEGER", nullable: false),
                    base_categories = table.Column<int>(type: "INTEGER", nullable: false),
                    percent = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: true),
                    count = table.Column<int>(type: "INTEGER", nullable: true),
                    position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_composition_rules", x => x.id);
                    table.ForeignKey(
                        name: "fk_composition_rules_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "honour_decisions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    campaign_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    document_number = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    published_at = table.Column<long>(type: "INTEGER", nullable: false),
                    published_by = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    honour_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_honour_decisions", x => x.id);
                    table.ForeignKey(
                        name: "fk_honour_decisions_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "level_lists",
                columns: table => new
                {
                    campaign_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    unit_path = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    batches = table.Column<int>(type: "INTEGER", nullable: false),
                    last_submitted_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_level_lists", x => new { x.campaign_id, x.unit_path });
                    table.ForeignKey(
                        name: "fk_level_lists_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "level_submissions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    campaign_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    unit_path = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    next_level_path = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    submitted_by = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    submitted_at = table.Column<long>(type: "INTEGER", nullable: false),
                    nomination_ids = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_level_submissions", x => x.id);
                    table.ForeignKey(
                        name: "fk_level_submissions_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "nominations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    campaign_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    nominee_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    filed_by_organisation_path = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    filed_by_user_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    form_data = table.Column<string>(type: "TEXT", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    level_path = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    stage = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    process_instance_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    state_reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    submitted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    concurrency_stamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_nominations", x => x.id);
                    table.ForeignKey(
                        name: "fk_nominations_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_nominations_nominees_nominee_id",
                        column: x => x.nominee_id,
                        principalTable: "nominees",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "public_notices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    campaign_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    level = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    organisation_path = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    days = table.Column<int>(type: "INTEGER", nullable: false),
                    in_working_days = table.Column<bool>(type: "INTEGER", nullable: false),
                    closes_at = table.Column<long>(type: "INTEGER", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    opened_at = table.Column<long>(type: "INTEGER", nullable: false),
                    opened_by = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    closed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    report = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    source_key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_public_notices", x => x.id);
                    table.ForeignKey(
                        name: "fk_public_notices_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "quotas",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    campaign_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    allocation_unit_path = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    categories = table.Column<int>(type: "INTEGER", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_quotas", x => x.id);
                    table.ForeignKey(
                        name: "fk_quotas_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "attachments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    nomination_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    instance_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    task_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    material_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    uploaded_by = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    uploaded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    organisation_path = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attachments", x => x.id);
                    table.ForeignKey(
                        name: "fk_attachments_nominations_nomination_id",
                        column: x => x.nomination_id,
                        principalTable: "nominations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "objections",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    notice_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    nomination_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    objector_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    objector_contact = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    by_unit = table.Column<bool>(type: "INTEGER", nullable: false),
                    seal_attachment_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    content = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    findings = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    concluded_at = table.Column<long>(type: "INTEGER", nullable: true),
                    concluded_by = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    source_key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_objections", x => x.id);
                    table.ForeignKey(
                        name: "fk_objections_nominations_nomination_id",
                        column: x => x.nomination_id,
                        principalTable: "nominations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_objections_public_notices_notice_id",
                        column: x => x.notice_id,
                        principalTable: "public_notices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "public_notice_entries",
                columns: table => new
                {
                    notice_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    nomination_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_public_notice_entries", x => new { x.notice_id, x.nomination_id });
                    table.ForeignKey(
                        name: "fk_public_notice_entries_nominations_nomination_id",
                        column: x => x.nomination_id,
                        principalTable: "nominations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_public_notice_entries_public_notices_notice_id",
                        column: x => x.notice_id,
                        principalTable: "public_notices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "attachment_contents",
                columns: table => new
                {
                    attachment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    bytes = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attachment_contents", x => x.attachment_id);
                    table.ForeignKey(
                        name: "fk_attachment_contents_attachments_attachment_id",
                        column: x => x.attachment_id,
                        principalTable: "attachments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_attachments_instance_id",
                table: "attachments",
                column: "instance_id");

            migrationBuilder.CreateIndex(
                name: "ix_attachments_nomination_id",
                table: "attachments",
                column: "nomination_id");

            migrationBuilder.CreateIndex(
                name: "ix_attachments_task_id",
                table: "attachments",
                column: "task_id");

            migrationBuilder.CreateIndex(
                name: "ix_campaigns_honour_type_code_year",
                table: "campaigns",
                columns: new[] { "honour_type_code", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_campaigns_state",
                table: "campaigns",
                column: "state");

            migrationBuilder.CreateIndex(
                name: "ix_composition_rules_campaign_id",
                table: "composition_rules",
                column: "campaign_id");

            migrationBuilder.CreateIndex(
                name: "ix_honour_decisions_campaign_id",
                table: "honour_decisions",
                column: "campaign_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_honour_records_campaign_id",
                table: "honour_records",
                column: "campaign_id");

            migrationBuilder.CreateIndex(
                name: "ix_honour_records_certificate_number",
                table: "honour_records",
                column: "certificate_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_honour_records_honour_type_code_year",
                table: "honour_records",
                columns: new[] { "honour_type_code", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_honour_records_nominee_id_honour_type_code_year",
                table: "honour_records",
                columns: new[] { "nominee_id", "honour_type_code", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_incidents_nominee_id",
                table: "incidents",
                column: "nominee_id");

            migrationBuilder.CreateIndex(
                name: "ix_incidents_organisation_path",
                table: "incidents",
                column: "organisation_path");

            migrationBuilder.CreateIndex(
                name: "ix_level_submissions_campaign_id_unit_path",
                table: "level_submissions",
                columns: new[] { "campaign_id", "unit_path" });

            migrationBuilder.CreateIndex(
                name: "ix_nominations_campaign_id_filed_by_organisation_path",
                table: "nominations",
                columns: new[] { "campaign_id", "filed_by_organisation_path" });

            migrationBuilder.CreateIndex(
                name: "ix_nominations_campaign_id_level_path_state",
                table: "nominations",
                columns: new[] { "campaign_id", "level_path", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_nominations_campaign_id_nominee_id",
                table: "nominations",
                columns: new[] { "campaign_id", "nominee_id" },
                unique: true,
                filter: "state <> 'Withdrawn'");

            migrationBuilder.CreateIndex(
                name: "ix_nominations_nominee_id",
                table: "nominations",
                column: "nominee_id");

            migrationBuilder.CreateIndex(
                name: "ix_nominations_process_instance_id",
                table: "nominations",
                column: "process_instance_id");

            migrationBuilder.CreateIndex(
                name: "ix_nominees_kind_identifier_hash",
                table: "nominees",
                columns: new[] { "kind", "identifier_hash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_nominees_organisation_path",
                table: "nominees",
                column: "organisation_path");

            migrationBuilder.CreateIndex(
                name: "ix_objections_nomination_id",
                table: "objections",
                column: "nomination_id");

            migrationBuilder.CreateIndex(
                name: "ix_objections_notice_id",
                table: "objections",
                column: "notice_id");

            migrationBuilder.CreateIndex(
                name: "ix_objections_source_key",
                table: "objections",
                column: "source_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_public_notice_entries_nomination_id",
                table: "public_notice_entries",
                column: "nomination_id");

            migrationBuilder.CreateIndex(
                name: "ix_public_notices_campaign_id_state",
                table: "public_notices",
                columns: new[] { "campaign_id", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_public_notices_source_key",
                table: "public_notices",
                column: "source_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_quotas_campaign_id_allocation_unit_path_categories",
                table: "quotas",
                columns: new[] { "campaign_id", "allocation_unit_path", "categories" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "attachment_contents");

            migrationBuilder.DropTable(
                name: "composition_rules");

            migrationBuilder.DropTable(
                name: "honour_decisions");

            migrationBuilder.DropTable(
                name: "honour_records");

            migrationBuilder.DropTable(
                name: "incidents");

            migrationBuilder.DropTable(
                name: "level_lists");

            migrationBuilder.DropTable(
                name: "level_submissions");

            migrationBuilder.DropTable(
                name: "objections");

            migrationBuilder.DropTable(
                name: "public_notice_entries");

            migrationBuilder.DropTable(
                name: "quotas");

            migrationBuilder.DropTable(
                name: "attachments");

            migrationBuilder.DropTable(
                name: "public_notices");

            migrationBuilder.DropTable(
                name: "nominations");

            migrationBuilder.DropTable(
                name: "campaigns");

            migrationBuilder.DropTable(
                name: "nominees");

            migrationBuilder.DropTable(
                name: "honour_types");
        }
    }
}
