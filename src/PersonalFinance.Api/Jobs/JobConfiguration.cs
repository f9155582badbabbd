using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using PersonalFinance.Api.Auth;
using PersonalFinance.Api.Data;

namespace PersonalFinance.Api.Jobs;

internal sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> builder)
    {
        builder.ToTable("jobs");
        builder.Property(j => j.JobType).HasMaxLength(32);
        builder.Property(j => j.Status).HasConversion(LowerCaseEnumConverter.For<JobStatus>()).HasMaxLength(16);
        builder.Property(j => j.EntityType).HasMaxLength(32);
        builder.Property(j => j.EngineJobId).HasMaxLength(128);
        builder.Property(j => j.ErrorMessage).HasMaxLength(1024);
        builder.HasIndex(j => new { j.UserId, j.Status });
        builder.HasIndex(j => new { j.EntityType, j.EntityId });
        builder.HasOne<User>().WithMany().HasForeignKey(j => j.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
