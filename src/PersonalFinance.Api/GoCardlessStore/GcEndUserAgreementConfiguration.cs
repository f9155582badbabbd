using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PersonalFinance.Api.GoCardlessStore;

internal sealed class GcEndUserAgreementConfiguration : IEntityTypeConfiguration<GcEndUserAgreement>
{
    public void Configure(EntityTypeBuilder<GcEndUserAgreement> builder)
    {
        builder.ToTable("gc_end_user_agreements");
        builder.Property(a => a.Id).HasMaxLength(64);
        builder.Property(a => a.InstitutionId).HasMaxLength(128);
    }
}
