using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using PersonalFinance.Api.Auth;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.Institutions;

namespace PersonalFinance.Api.Connections;

internal sealed class ConnectionConfiguration : IEntityTypeConfiguration<Connection>
{
    public void Configure(EntityTypeBuilder<Connection> builder)
    {
        builder.ToTable("connections");
        builder.Property(c => c.Provider).HasMaxLength(32);
        builder.Property(c => c.ProviderId).HasMaxLength(128);
        builder.Property(c => c.InstitutionId).HasMaxLength(128);
        builder.Property(c => c.FriendlyName).HasMaxLength(128);
        builder.Property(c => c.Status).HasConversion(LowerCaseEnumConverter.For<ConnectionStatus>()).HasMaxLength(16);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => new { c.Provider, c.ProviderId }).IsUnique();
        builder.HasIndex(c => c.UserId);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Institution>().WithMany().HasForeignKey(c => c.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}
