using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Einthoven.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Verification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CardiologistAssignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CardiologistId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssignedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CardiologistAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CardiologistAssignments_AspNetUsers_CardiologistId",
                        column: x => x.CardiologistId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CardiologistAssignments_AspNetUsers_PatientId",
                        column: x => x.PatientId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VerificationRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordingId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    RequestedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VerificationRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VerificationRequests_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_VerificationRequests_Recordings_RecordingId",
                        column: x => x.RecordingId,
                        principalTable: "Recordings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BeatVerifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordingId = table.Column<Guid>(type: "uuid", nullable: false),
                    CardiologistId = table.Column<Guid>(type: "uuid", nullable: false),
                    AiModel = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    BeatCount = table.Column<int>(type: "integer", nullable: false),
                    ReviewedCount = table.Column<int>(type: "integer", nullable: false),
                    Data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BeatVerifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BeatVerifications_AspNetUsers_CardiologistId",
                        column: x => x.CardiologistId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BeatVerifications_Recordings_RecordingId",
                        column: x => x.RecordingId,
                        principalTable: "Recordings",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_BeatVerifications_VerificationRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "VerificationRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BeatVerifications_CardiologistId",
                table: "BeatVerifications",
                column: "CardiologistId");

            migrationBuilder.CreateIndex(
                name: "IX_BeatVerifications_RecordingId_CompletedAt",
                table: "BeatVerifications",
                columns: new[] { "RecordingId", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_BeatVerifications_RequestId_CardiologistId",
                table: "BeatVerifications",
                columns: new[] { "RequestId", "CardiologistId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CardiologistAssignments_CardiologistId_PatientId",
                table: "CardiologistAssignments",
                columns: new[] { "CardiologistId", "PatientId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CardiologistAssignments_PatientId",
                table: "CardiologistAssignments",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_VerificationRequests_OrganisationId_Status",
                table: "VerificationRequests",
                columns: new[] { "OrganisationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_VerificationRequests_PatientId_Status",
                table: "VerificationRequests",
                columns: new[] { "PatientId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_VerificationRequests_RecordingId",
                table: "VerificationRequests",
                column: "RecordingId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BeatVerifications");

            migrationBuilder.DropTable(
                name: "CardiologistAssignments");

            migrationBuilder.DropTable(
                name: "VerificationRequests");
        }
    }
}
