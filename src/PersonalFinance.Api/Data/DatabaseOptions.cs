using Microsoft.Extensions.Options;

namespace PersonalFinance.Api.Data;

/// Section "Database". PostgreSQL is chosen when <c>ConnectionStrings:Postgres</c> is set (or Provider says so).
internal sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string DefaultSqliteConnectionString = "Data Source=./data/personalfinance.db";

    public DatabaseProvider? Provider { get; set; }
    public string? SqliteConnectionString { get; set; }
    public string? PostgresConnectionString { get; set; }

    public DatabaseProvider EffectiveProvider =>
        Provider ?? (string.IsNullOrWhiteSpace(PostgresConnectionString) ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres);

    public static DatabaseOptions FromConfiguration(IConfiguration configuration)
    {
        var options = new DatabaseOptions();
        configuration.GetSection(SectionName).Bind(options);
        options.SqliteConnectionString ??= configuration.GetConnectionString("Sqlite") ?? DefaultSqliteConnectionString;
        options.PostgresConnectionString ??= configuration.GetConnectionString("Postgres");
        return options;
    }
}

internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options) =>
        options.EffectiveProvider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(options.PostgresConnectionString)
            ? ValidateOptionsResult.Fail("ConnectionStrings:Postgres is required when Database:Provider is Postgres.")
            : ValidateOptionsResult.Success;
}
