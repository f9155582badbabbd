using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using PersonalFinance.Api.Connections;
using PersonalFinance.Api.Data;

namespace PersonalFinance.Api.Accounts;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ToTable("accounts");
        builder.Property(a => a.ProviderId).HasMaxLength(128);
        builder.Property(a => a.DisplayName).HasMaxLength(128);
        builder.Property(a => a.Name).HasMaxLength(256);
        builder.Property(a => a.Iban).HasMaxLength(64);
        builder.Property(a => a.Currency).HasMaxLength(3);
        builder.Property(a => a.Status).HasConversion(LowerCaseEnumConverter.For<AccountStatus>()).HasMaxLength(16);
        builder.Property(a => a.BalanceAmount).HasConversion(MoneyConverter.Nullable);
        builder.Property(a => a.BalanceCurrency).HasMaxLength(3);
        builder.Property(a => a.BalanceType).HasMaxLength(64);
        builder.HasIndex(a => new { a.ConnectionId, a.ProviderId }).IsUnique();
        builder.HasIndex(a => a.ConnectionId);
        builder.HasOne<Connection>().WithMany().HasForeignKey(a => a.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}
