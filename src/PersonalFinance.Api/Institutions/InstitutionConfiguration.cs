using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PersonalFinance.Api.Institutions;

internal sealed class InstitutionConfiguration : IEntityTypeConfiguration<Institution>
{
    public void Configure(EntityTypeBuilder<Institution> builder)
    {
        builder.ToTable("institutions");
        builder.Property(i => i.Id).HasMaxLength(128);
        builder.Property(i => i.Provider).HasMaxLength(32);
        builder.Property(i => i.Name).HasMaxLength(256);
        builder.Property(i => i.LogoUrl).HasMaxLength(1024);
        builder.HasIndex(i => i.Name);
    }
}
