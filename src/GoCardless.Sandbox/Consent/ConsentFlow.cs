using System.Net;

namespace GoCardless.Sandbox;

/// <summary>The requisition state machine behind the consent pages and <c>_sandbox/requisitions/&lt;id&gt;/complete</c>.</summary>
internal static class ConsentFlow
{
    public const string RejectedDetails = "The session was rejected due to incorrect credentials or a business exception.";
    public const string CancelledDetails = "User cancelled the session.";
    public const string ReusedDetails = "This link has already been used for authorization and is no longer valid.";

    public static string Details(string error) => error switch
    {
        "UserSessionRejected" => RejectedDetails,
        "UserCancelledSession" => CancelledDetails,
        "RequisitionLinkReused" => ReusedDetails,
        "SSNVerificationFailed" => "SSN Verification has failed",
        "InstitutionTimeoutError" => "A timeout occurred while trying to connect to the institution, please try again.",
        "InstitutionTechnicalError" => "The institution returned a technical error, please try again later.",
        _ => "A technical error occurred on our side, please try again later.",
    };

    /// <summary>
    /// LN: accounts created with new UUIDs for the chosen ordinals, EUA accepted now, redirect issued. Call under the state lock.
    /// </summary>
    public static string Link(SandboxState state, Requisition requisition, string? psu, IReadOnlyList<int>? ordinals)
    {
        var institution = InstitutionCatalogue.Find(requisition.InstitutionId)!;
        var now = state.Now;
        requisition.Psu = string.IsNullOrWhiteSpace(psu) ? requisition.Psu ?? "user" : psu.Trim();
        var chosen = ordinals ?? requisition.SelectedOrdinals ?? [.. Enumerable.Range(0, institution.Accounts.Length)];
        var delay = state.Options.ProcessingDelay;
        foreach (var ordinal in chosen.Distinct().Where(o => o >= 0 && o < institution.Accounts.Length).Order())
        {
            var account = new SandboxAccount
            {
                Id = Guid.NewGuid(),
                Created = now,
                RequisitionId = requisition.Id,
                InstitutionId = institution.Id,
                Psu = requisition.Psu,
                Ordinal = ordinal,
                Status = delay > TimeSpan.Zero ? "PROCESSING" : "READY",
                ProcessingUntil = delay > TimeSpan.Zero ? now + delay : null,
            };
            state.Accounts[account.Id] = account;
            requisition.Accounts.Add(account.Id);
        }

        if (state.Agreements.TryGetValue(requisition.Agreement, out var agreement))
        {
            agreement.Accepted = now;
        }

        requisition.Status = "LN";
        return Redirect(requisition, null);
    }

    public static string Reject(Requisition requisition, string error = "UserSessionRejected")
    {
        requisition.Status = "RJ";
        return Redirect(requisition, error);
    }

    /// <summary>The return URL: <c>ref</c> always, <c>error</c>/<c>details</c> on failure; marks the link as used.</summary>
    public static string Redirect(Requisition requisition, string? error)
    {
        requisition.RedirectIssued = true;
        return ReturnUrl(requisition, error);
    }

    public static string ReturnUrl(Requisition requisition, string? error)
    {
        var url = requisition.Redirect + (requisition.Redirect.Contains('?', StringComparison.Ordinal) ? "&" : "?") +
            "ref=" + WebUtility.UrlEncode(requisition.Reference);
        if (error is not null)
        {
            url += "&error=" + error + "&details=" + WebUtility.UrlEncode(Details(error));
        }

        return url;
    }
}
