using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PersonalFinance.Api.Data;

namespace PersonalFinance.Api.GoCardlessStore;

internal sealed class GcTransactionConfiguration : IEntityTypeConfiguration<GcTransaction>
{
    public void Configure(EntityTypeBuilder<GcTransaction> builder)
    {
        builder.ToTable("gc_transactions");
        builder.Property(t => t.AccountId).HasMaxLength(64);
        builder.Property(t => t.ProviderKey).HasMaxLength(200);
        builder.HasIndex(t => new { t.AccountId, t.ProviderKey }).IsUnique();
        builder.HasIndex(t => t.AccountId);
        builder.HasOne<GcBankAccount>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(t => t.TransactionId).HasMaxLength(256);
        builder.Property(t => t.InternalTransactionId).HasMaxLength(64);
        builder.Property(t => t.EntryReference).HasMaxLength(256);
        builder.Property(t => t.Status).HasMaxLength(16);
        builder.Property(t => t.BookingDateTime).HasMaxLength(64);
        builder.Property(t => t.ValueDateTime).HasMaxLength(64);
        builder.Property(t => t.Amount).HasConversion(MoneyConverter.Instance);
        builder.Property(t => t.Currency).HasMaxLength(3);
        builder.Property(t => t.CreditorName).HasMaxLength(256);
        builder.Property(t => t.CreditorAccount).HasMaxLength(128);
        builder.Property(t => t.DebtorName).HasMaxLength(256);
        builder.Property(t => t.DebtorAccount).HasMaxLength(128);
        builder.Property(t => t.BankTransactionCode).HasMaxLength(64);
        builder.Property(t => t.ProprietaryBankTransactionCode).HasMaxLength(64);
    }
}
