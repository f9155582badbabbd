using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PersonalFinance.Api.GoCardlessStore;

internal sealed class GcRequisitionLinkConfiguration : IEntityTypeConfiguration<GcRequisitionLink>
{
    public void Configure(EntityTypeBuilder<GcRequisitionLink> builder)
    {
        builder.ToTable("gc_requisition_links");
        builder.Property(r => r.Id).HasMaxLength(64);
        builder.Property(r => r.Redirect).HasMaxLength(1024);
        builder.Property(r => r.Status).HasMaxLength(8);
        builder.Property(r => r.InstitutionId).HasMaxLength(128);
        builder.Property(r => r.Agreement).HasMaxLength(64);
        builder.Property(r => r.Reference).HasMaxLength(256);
        builder.HasIndex(r => r.Reference).IsUnique();
        builder.Property(r => r.Link).HasMaxLength(2048);
        builder.Property(r => r.Ssn).HasMaxLength(64);
        builder.Property(r => r.UserLanguage).HasMaxLength(8);
        builder.Property(r => r.FriendlyName).HasMaxLength(128);
        builder.HasIndex(r => r.Status);
    }
}
