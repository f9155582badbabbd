using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PersonalFinance.Api.GoCardlessStore;

internal sealed class GcInstitutionConfiguration : IEntityTypeConfiguration<GcInstitution>
{
    public void Configure(EntityTypeBuilder<GcInstitution> builder)
    {
        builder.ToTable("gc_institutions");
        builder.Property(i => i.Id).HasMaxLength(128);
        builder.Property(i => i.Name).HasMaxLength(256);
        builder.Property(i => i.Bic).HasMaxLength(32);
        builder.Property(i => i.Logo).HasMaxLength(1024);
    }
}
