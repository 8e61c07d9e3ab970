using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Einthoven.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ModelRegistry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DatasetVersions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    Standard = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Recordings = table.Column<int>(type: "integer", nullable: false),
                    Patients = table.Column<int>(type: "integer", nullable: false),
                    HoldoutRecordings = table.Column<int>(type: "integer", nullable: false),
                    Beats = table.Column<int>(type: "integer", nullable: false),
                    HoldoutBeats = table.Column<int>(type: "integer", nullable: false),
                    Disagreements = table.Column<int>(type: "integer", nullable: false),
                    VerificationSets = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DatasetVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ModelEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    PreviousChampion = table.Column<int>(type: "integer", nullable: true),
                    ActorId = table.Column<Guid>(type: "uuid", nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ModelVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    WeightsSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CardJson = table.Column<string>(type: "text", nullable: false),
                    DatasetVersionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    MetricsJson = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RunId = table.Column<Guid>(type: "uuid", nullable: true),
                    PromotedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PromotedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    RetiredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RetiredBy = table.Column<Guid>(type: "uuid", nullable: true),
                    RolledBackAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetrainingRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Trigger = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RequestedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    DatasetVersionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ChampionVersion = table.Column<int>(type: "integer", nullable: true),
                    ChallengerVersion = table.Column<int>(type: "integer", nullable: true),
                    MetricsJson = table.Column<string>(type: "text", nullable: true),
                    Decision = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ExitCode = table.Column<int>(type: "integer", nullable: true),
                    StderrTail = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetrainingRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DatasetRecordings",
                columns: table => new
                {
                    DatasetVersionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordName = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RecordingId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Holdout = table.Column<bool>(type: "boolean", nullable: false),
                    Beats = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DatasetRecordings", x => new { x.DatasetVersionId, x.RecordName });
                    table.ForeignKey(
                        name: "FK_DatasetRecordings_DatasetVersions_DatasetVersionId",
                        column: x => x.DatasetVersionId,
                        principalTable: "DatasetVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DatasetRecordings_RecordingId",
                table: "DatasetRecordings",
                column: "RecordingId");

            migrationBuilder.CreateIndex(
                name: "IX_DatasetVersions_CreatedAt",
                table: "DatasetVersions",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ModelEvents_Kind_At",
                table: "ModelEvents",
                columns: new[] { "Kind", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ModelVersions_Kind_Status",
                table: "ModelVersions",
                columns: new[] { "Kind", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ModelVersions_Kind_Version",
                table: "ModelVersions",
                columns: new[] { "Kind", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RetrainingRuns_StartedAt",
                table: "RetrainingRuns",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_RetrainingRuns_Status",
                table: "RetrainingRuns",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DatasetRecordings");

            migrationBuilder.DropTable(
                name: "ModelEvents");

            migrationBuilder.DropTable(
                name: "ModelVersions");

            migrationBuilder.DropTable(
                name: "RetrainingRuns");

            migrationBuilder.DropTable(
                name: "DatasetVersions");
        }
    }
}
