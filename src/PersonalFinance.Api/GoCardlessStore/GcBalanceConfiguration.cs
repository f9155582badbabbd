using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PersonalFinance.Api.Data;

namespace PersonalFinance.Api.GoCardlessStore;

internal sealed class GcBalanceConfiguration : IEntityTypeConfiguration<GcBalance>
{
    public void Configure(EntityTypeBuilder<GcBalance> builder)
    {
        builder.ToTable("gc_balances");
        builder.Property(b => b.AccountId).HasMaxLength(64);
        builder.Property(b => b.BalanceType).HasMaxLength(64);
        builder.Property(b => b.Amount).HasConversion(MoneyConverter.Instance);
        builder.Property(b => b.Currency).HasMaxLength(3);
        builder.HasIndex(b => new { b.AccountId, b.BalanceType }).IsUnique();
        builder.HasOne<GcBankAccount>().WithMany().HasForeignKey(b => b.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
