using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalFinance.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "gc_account_rate_limits",
                columns: table => new
                {
                    account_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    scope = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    limit = table.Column<int>(type: "INTEGER", nullable: true),
                    remaining = table.Column<int>(type: "INTEGER", nullable: true),
                    reset_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    successful_calls = table.Column<string>(type: "TEXT", nullable: false),
                    success_count = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gc_account_rate_limits", x => new { x.account_id, x.scope });
                });

            migrationBuilder.CreateTable(
                name: "gc_end_user_agreements",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created = table.Column<DateTime>(type: "TEXT", nullable: true),
                    institution_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    max_historical_days = table.Column<int>(type: "INTEGER", nullable: false),
                    access_valid_for_days = table.Column<int>(type: "INTEGER", nullable: false),
                    access_scope = table.Column<string>(type: "TEXT", nullable: false),
                    accepted = table.Column<DateTime>(type: "TEXT", nullable: true),
                    reconfirmation = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gc_end_user_agreements", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "gc_institutions",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    bic = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    logo = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    countries = table.Column<string>(type: "TEXT", nullable: false),
                    transaction_total_days = table.Column<int>(type: "INTEGER", nullable: false),
                    max_access_valid_for_days = table.Column<int>(type: "INTEGER", nullable: false),
                    supported_features = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gc_institutions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "gc_requisition_links",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created = table.Column<DateTime>(type: "TEXT", nullable: true),
                    updated = table.Column<DateTime>(type: "TEXT", nullable: true),
                    redirect = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    institution_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    agreement = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    reference = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    link = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    ssn = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    account_selection = table.Column<bool>(type: "INTEGER", nullable: false),
                    redirect_immediate = table.Column<bool>(type: "INTEGER", nullable: false),
                    user_language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    friendly_name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    accounts = table.Column<string>(type: "TEXT", nullable: false),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gc_requisition_links", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "institutions",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    provider = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    logo_url = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    countries = table.Column<string>(type: "TEXT", nullable: false),
                    transaction_total_days = table.Column<int>(type: "INTEGER", nullable: false),
                    max_access_valid_for_days = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_institutions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "login_throttles",
                columns: table => new
                {
                    username = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    failed_count = table.Column<int>(type: "INTEGER", nullable: false),
                    first_failed_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    locked_until = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_login_throttles", x => x.username);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    username = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    first_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    last_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "gc_bank_accounts",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    requisition_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    iban = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    bban = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    bic = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    resource_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    owner_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    owner_address_unstructured = table.Column<string>(type: "TEXT", nullable: true),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    product = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    cash_account_type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    details = table.Column<string>(type: "TEXT", nullable: true),
                    linked_accounts = table.Column<string>(type: "TEXT", nullable: true),
                    msisdn = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    usage = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    created = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_accessed = table.Column<DateTime>(type: "TEXT", nullable: true),
                    transactions_synced_to = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    details_fetched_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    consecutive_failures = table.Column<int>(type: "INTEGER", nullable: false),
                    next_sync_after = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gc_bank_accounts", x => x.id);
                    table.ForeignKey(
                        name: "fk_gc_bank_accounts_gc_requisition_links_requisition_id",
                        column: x => x.requisition_id,
                        principalTable: "gc_requisition_links",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "connections",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    provider = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    provider_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    institution_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    friendly_name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_synced_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    sync_lease_until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    sync_lease_owner = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_connections", x => x.id);
                    table.ForeignKey(
                        name: "fk_connections_institutions_institution_id",
                        column: x => x.institution_id,
                        principalTable: "institutions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_connections_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "jobs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    job_type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    entity_type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    entity_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    engine_job_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    error_message = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_jobs", x => x.id);
                    table.ForeignKey(
                        name: "fk_jobs_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "refresh_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    family_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    issued_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    revoked_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    replaced_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    user_agent = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    ip_address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refresh_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_refresh_tokens_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "gc_balances",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    balance_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    credit_limit_included = table.Column<bool>(type: "INTEGER", nullable: true),
                    last_change_date_time = table.Column<DateTime>(type: "TEXT", nullable: true),
                    reference_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    fetched_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gc_balances", x => x.id);
                    table.ForeignKey(
                        name: "fk_gc_balances_gc_bank_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "gc_bank_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "gc_transactions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    provider_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    transaction_id = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    internal_transaction_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    entry_reference = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    booking_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    value_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    booking_date_time = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    value_date_time = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    creditor_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    creditor_account = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    debtor_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    debtor_account = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    remittance_information = table.Column<string>(type: "TEXT", nullable: true),
                    bank_transaction_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    proprietary_bank_transaction_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    raw = table.Column<string>(type: "TEXT", nullable: false),
                    fetched_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gc_transactions", x => x.id);
                    table.ForeignKey(
                        name: "fk_gc_transactions_gc_bank_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "gc_bank_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "accounts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    connection_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    provider_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    iban = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    balance_amount = table.Column<long>(type: "INTEGER", nullable: true),
                    balance_currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    balance_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    balance_updated_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_synced_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounts", x => x.id);
                    table.ForeignKey(
                        name: "fk_accounts_connections_connection_id",
                        column: x => x.connection_id,
                        principalTable: "connections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "transactions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    provider_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    booking_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    value_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    booked_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    counterparty_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    counterparty_account = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    description = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    category = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_transactions", x => x.id);
                    table.ForeignKey(
                        name: "fk_transactions_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_accounts_connection_id",
                table: "accounts",
                column: "connection_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounts_connection_id_provider_id",
                table: "accounts",
                columns: new[] { "connection_id", "provider_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_connections_institution_id",
                table: "connections",
                column: "institution_id");

            migrationBuilder.CreateIndex(
                name: "ix_connections_provider_provider_id",
                table: "connections",
                columns: new[] { "provider", "provider_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_connections_user_id",
                table: "connections",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_gc_balances_account_id_balance_type",
                table: "gc_balances",
                columns: new[] { "account_id", "balance_type" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_gc_bank_accounts_requisition_id",
                table: "gc_bank_accounts",
                column: "requisition_id");

            migrationBuilder.CreateIndex(
                name: "ix_gc_requisition_links_reference",
                table: "gc_requisition_links",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_gc_requisition_links_status",
                table: "gc_requisition_links",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_gc_transactions_account_id",
                table: "gc_transactions",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_gc_transactions_account_id_provider_key",
                table: "gc_transactions",
                columns: new[] { "account_id", "provider_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_institutions_name",
                table: "institutions",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_jobs_entity_type_entity_id",
                table: "jobs",
                columns: new[] { "entity_type", "entity_id" });

            migrationBuilder.CreateIndex(
                name: "ix_jobs_user_id_status",
                table: "jobs",
                columns: new[] { "user_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_refresh_tokens_family_id",
                table: "refresh_tokens",
                column: "family_id");

            migrationBuilder.CreateIndex(
                name: "ix_refresh_tokens_token_hash",
                table: "refresh_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_refresh_tokens_user_id",
                table: "refresh_tokens",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_transactions_account_id",
                table: "transactions",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_transactions_account_id_provider_key",
                table: "transactions",
                columns: new[] { "account_id", "provider_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_transactions_booking_date",
                table: "transactions",
                column: "booking_date");

            migrationBuilder.CreateIndex(
                name: "ix_users_username",
                table: "users",
                column: "username",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "gc_account_rate_limits");

            migrationBuilder.DropTable(
                name: "gc_balances");

            migrationBuilder.DropTable(
                name: "gc_end_user_agreements");

            migrationBuilder.DropTable(
                name: "gc_institutions");

            migrationBuilder.DropTable(
                name: "gc_transactions");

            migrationBuilder.DropTable(
                name: "jobs");

            migrationBuilder.DropTable(
                name: "login_throttles");

            migrationBuilder.DropTable(
                name: "refresh_tokens");

            migrationBuilder.DropTable(
                name: "transactions");

            migrationBuilder.DropTable(
                name: "gc_bank_accounts");

            migrationBuilder.DropTable(
                name: "accounts");

            migrationBuilder.DropTable(
                name: "gc_requisition_links");

            migrationBuilder.DropTable(
                name: "connections");

            migrationBuilder.DropTable(
                name: "institutions");

            migrationBuilder.DropTable(
                name: "users");
        }
    }
}
