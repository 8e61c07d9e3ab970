using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Einthoven.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TokenScopes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Scopes",
                table: "AccessTokens",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Scopes",
                table: "AccessTokens");
        }
    }
}
