using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PersonalFinance.Api.GoCardlessStore;

internal sealed class GcBankAccountConfiguration : IEntityTypeConfiguration<GcBankAccount>
{
    public void Configure(EntityTypeBuilder<GcBankAccount> builder)
    {
        builder.ToTable("gc_bank_accounts");
        builder.Property(a => a.Id).HasMaxLength(64);
        builder.Property(a => a.RequisitionId).HasMaxLength(64);
        builder.HasIndex(a => a.RequisitionId);
        builder.HasOne<GcRequisitionLink>().WithMany().HasForeignKey(a => a.RequisitionId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(a => a.Iban).HasMaxLength(64);
        builder.Property(a => a.Bban).HasMaxLength(64);
        builder.Property(a => a.Bic).HasMaxLength(32);
        builder.Property(a => a.ResourceId).HasMaxLength(128);
        builder.Property(a => a.OwnerName).HasMaxLength(256);
        builder.Property(a => a.Name).HasMaxLength(256);
        builder.Property(a => a.DisplayName).HasMaxLength(256);
        builder.Property(a => a.Product).HasMaxLength(256);
        builder.Property(a => a.CashAccountType).HasMaxLength(16);
        builder.Property(a => a.Currency).HasMaxLength(3);
        builder.Property(a => a.Msisdn).HasMaxLength(64);
        builder.Property(a => a.Usage).HasMaxLength(16);
        builder.Property(a => a.Status).HasMaxLength(32);
    }
}
