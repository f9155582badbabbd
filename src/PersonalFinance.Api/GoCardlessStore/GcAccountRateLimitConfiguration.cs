using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PersonalFinance.Api.GoCardlessStore;

internal sealed class GcAccountRateLimitConfiguration : IEntityTypeConfiguration<GcAccountRateLimit>
{
    public void Configure(EntityTypeBuilder<GcAccountRateLimit> builder)
    {
        builder.ToTable("gc_account_rate_limits");
        builder.HasKey(r => new { r.AccountId, r.Scope });
        builder.Property(r => r.AccountId).HasMaxLength(64);
        builder.Property(r => r.Scope).HasMaxLength(16);
        builder.Property(r => r.Version).IsConcurrencyToken();
    }
}
