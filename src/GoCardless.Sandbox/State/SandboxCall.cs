namespace GoCardless.Sandbox;

/// <summary>One API call the sandbox received: when it arrived, the method, the path below <c>api/v2/</c>, and the status it answered.</summary>
internal sealed record SandboxCall(DateTimeOffset At, string Method, string Path, int Status);
