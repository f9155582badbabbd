using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using PersonalFinance.Api.Accounts;
using PersonalFinance.Api.Data;

namespace PersonalFinance.Api.Transactions;

internal sealed class TransactionConfiguration : IEntityTypeConfiguration<Transaction>
{
    public void Configure(EntityTypeBuilder<Transaction> builder)
    {
        builder.ToTable("transactions");
        builder.Property(t => t.ProviderKey).HasMaxLength(200);
        builder.Property(t => t.Status).HasConversion(LowerCaseEnumConverter.For<TransactionStatus>()).HasMaxLength(16);
        builder.Property(t => t.Amount).HasConversion(MoneyConverter.Instance);
        builder.Property(t => t.Currency).HasMaxLength(3);
        builder.Property(t => t.CounterpartyName).HasMaxLength(256);
        builder.Property(t => t.CounterpartyAccount).HasMaxLength(64);
        builder.Property(t => t.Description).HasMaxLength(1024);
        builder.Property(t => t.Category).HasMaxLength(64);
        builder.HasIndex(t => new { t.AccountId, t.ProviderKey }).IsUnique();
        builder.HasIndex(t => t.AccountId);
        builder.HasIndex(t => t.BookingDate);
        builder.HasOne<Account>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
