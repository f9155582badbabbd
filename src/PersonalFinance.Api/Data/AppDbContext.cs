using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Accounts;
using PersonalFinance.Api.Auth;
using PersonalFinance.Api.Connections;
using PersonalFinance.Api.GoCardlessStore;
using PersonalFinance.Api.Institutions;
using PersonalFinance.Api.Jobs;
using PersonalFinance.Api.Transactions;

namespace PersonalFinance.Api.Data;

/// The model shared by both providers; <see cref="SqliteAppDbContext"/> and <see cref="PostgresAppDbContext"/> own one migration set each.
internal abstract class AppDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<LoginThrottle> LoginThrottles => Set<LoginThrottle>();
    public DbSet<Institution> Institutions => Set<Institution>();
    public DbSet<Connection> Connections => Set<Connection>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<Transaction> Transactions => Set<Transaction>();
    public DbSet<Job> Jobs => Set<Job>();

    public DbSet<GcInstitution> GcInstitutions => Set<GcInstitution>();
    public DbSet<GcRequisitionLink> GcRequisitionLinks => Set<GcRequisitionLink>();
    public DbSet<GcEndUserAgreement> GcEndUserAgreements => Set<GcEndUserAgreement>();
    public DbSet<GcBankAccount> GcBankAccounts => Set<GcBankAccount>();
    public DbSet<GcBalance> GcBalances => Set<GcBalance>();
    public DbSet<GcTransaction> GcTransactions => Set<GcTransaction>();
    public DbSet<GcAccountRateLimit> GcAccountRateLimits => Set<GcAccountRateLimit>();

    public abstract DatabaseProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
