using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace PersonalFinance.Api.Data;

internal static class DataServiceCollectionExtensions
{
    public static IServiceCollection AddAppDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var options = DatabaseOptions.FromConfiguration(configuration);
        services.AddSingleton(Options.Create(options));
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();

        // Pooled contexts: options are built once and a context is reset rather than rebuilt for every request.
        if (options.EffectiveProvider == DatabaseProvider.Postgres)
        {
            services.AddDbContextPool<PostgresAppDbContext>(builder => ConfigurePostgres(builder, options.PostgresConnectionString!));
            services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<PostgresAppDbContext>());
        }
        else
        {
            var connectionString = PrepareSqlite(options.SqliteConnectionString!);
            services.AddDbContextPool<SqliteAppDbContext>(builder => ConfigureSqlite(builder, connectionString));
            services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqliteAppDbContext>());
        }

        return services;
    }

    public static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder builder, string connectionString) =>
        builder
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName))
            .AddInterceptors(SqliteConnectionSetup.Instance)
            .UseSnakeCaseNamingConvention();

    public static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder builder, string connectionString) =>
        builder
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName))
            .UseSnakeCaseNamingConvention();

    /// WAL lets readers work while a sync writes. The mode is stored in the file, so it is set once here rather than on
    /// every connection open (which would cost every request a statement).
    public static void UseWriteAheadLog(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            return;
        }

        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }

    /// The default SQLite file lives under ./data, which may not exist on a fresh clone.
    private static string PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:")
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        builder.Pooling = true;
        // Microsoft.Data.Sqlite retries a busy database until the command timeout: that is our busy timeout.
        builder.DefaultTimeout = 30;
        var prepared = builder.ToString();
        UseWriteAheadLog(prepared);
        return prepared;
    }
}
