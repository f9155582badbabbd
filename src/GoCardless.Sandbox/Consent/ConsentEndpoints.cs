using System.Globalization;
using System.Net;
using System.Text;

namespace GoCardless.Sandbox;

/// <summary>
/// Server-rendered consent pages at <c>&lt;prefix&gt;/ob-psd2/start/&lt;linkId&gt;/&lt;INSTITUTION&gt;</c>: plain HTML forms that POST back
/// to the same URL and redirect (303) to it, so they work without JavaScript and a reload resumes the current step.
/// </summary>
internal static class ConsentEndpoints
{
    /// <summary>What a consent request ends in: a redirect (302 to the app, 303 back to the page) or a rendered page.</summary>
    private sealed record Outcome(int Status, string? Location = null, string? Page = null)
    {
        public static Outcome ToApp(string url) => new(StatusCodes.Status302Found, url);

        public static Outcome Self(HttpContext context) => new(StatusCodes.Status303SeeOther, context.Request.PathBase + context.Request.Path);
    }

    public static async Task HandleAsync(HttpContext context, string prefix)
    {
        var state = context.RequestServices.GetRequiredService<SandboxState>();
        var path = ApiDispatcher.RelativePath(context, prefix + "/ob-psd2");
        var segments = path.TrimEnd('/').Split('/');
        if (segments.Length != 3 || segments[0] != "start" || !RequestBody.TryParseId(segments[1], out var linkId))
        {
            await NotFoundAsync(context);
            return;
        }

        var isPost = HttpMethods.IsPost(context.Request.Method);
        if (!isPost && !HttpMethods.IsGet(context.Request.Method))
        {
            await NotFoundAsync(context);
            return;
        }

        var fault = isPost ? null : FaultEndpoints.Take(state, "GET", ["ob-psd2", .. segments]);
        if (fault is not null && !FaultEndpoints.ConsentKinds.Contains(fault.Kind))
        {
            switch (fault.Kind)
            {
                case "drop_connection":
                    context.Abort();
                    return;
                case "timeout":
                    await FaultEndpoints.HoldAsync(context, fault.DelayMs);
                    context.Abort();
                    return;
                case "delay":
                    if (!await FaultEndpoints.HoldAsync(context, fault.DelayMs))
                    {
                        return;
                    }

                    fault = null;
                    break;
                default:
                    await SandboxJson.WriteRawAsync(context, 502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>\n");
                    return;
            }
        }

        var form = isPost && context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        Outcome outcome;
        lock (state.Gate)
        {
            var requisition = state.Requisitions.Values.FirstOrDefault(q => q.LinkId == linkId);
            if (requisition is null || !string.Equals(requisition.InstitutionId, segments[2], StringComparison.Ordinal))
            {
                outcome = new Outcome(StatusCodes.Status404NotFound);
            }
            else if (requisition.RedirectIssued)
            {
                outcome = Outcome.ToApp(ConsentFlow.ReturnUrl(requisition, "RequisitionLinkReused"));
            }
            else if (fault is not null)
            {
                outcome = Outcome.ToApp(fault.Kind == "SSNVerificationFailed"
                    ? ConsentFlow.Reject(requisition, fault.Kind)
                    : ConsentFlow.Redirect(requisition, fault.Kind));
            }
            else if (!isPost)
            {
                if (requisition.Status == "CR")
                {
                    requisition.Status = "GC";
                }

                outcome = new Outcome(StatusCodes.Status200OK, Page: Render(state, requisition, null));
            }
            else
            {
                outcome = Post(state, requisition, form, context);
            }
        }

        context.Response.Headers.CacheControl = "no-store";
        if (outcome.Location is not null)
        {
            context.Response.StatusCode = outcome.Status;
            context.Response.Headers.Location = outcome.Location;
            return;
        }

        if (outcome.Page is null)
        {
            await NotFoundAsync(context);
            return;
        }

        await SandboxJson.WriteRawAsync(context, outcome.Status, "text/html; charset=utf-8", outcome.Page);
    }

    private static Outcome Post(SandboxState state, Requisition requisition, IFormCollection? form, HttpContext context)
    {
        var action = form?["action"].ToString();
        if (action == "reject")
        {
            return Outcome.ToApp(ConsentFlow.Reject(requisition));
        }

        if (action == "cancel")
        {
            return Outcome.ToApp(ConsentFlow.Redirect(requisition, "UserCancelledSession"));
        }

        // A stale page (back button, double submit) just shows the current step again.
        if (form is null || action != "approve" || form["step"].ToString() != requisition.Status)
        {
            return Outcome.Self(context);
        }

        var institution = InstitutionCatalogue.Find(requisition.InstitutionId)!;
        switch (requisition.Status)
        {
            case "GC":
                requisition.Status = "UA";
                return Outcome.Self(context);
            case "UA":
                var psu = form["psu_id"].ToString().Trim();
                requisition.Psu = psu.Length == 0 ? "user" : psu;
                if (requisition.AccountSelection && institution.Supports("account_selection"))
                {
                    requisition.Status = "SA";
                    return Outcome.Self(context);
                }

                return Granting(state, requisition, context);
            case "SA":
                var chosen = form["account"]
                    .Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : -1)
                    .Where(o => o >= 0 && o < institution.Accounts.Length)
                    .Distinct()
                    .ToList();
                if (chosen.Count == 0)
                {
                    return new Outcome(StatusCodes.Status400BadRequest, Page: Render(state, requisition, "Select at least one account."));
                }

                requisition.SelectedOrdinals = chosen;
                return Granting(state, requisition, context);
            case "GA":
                return Outcome.ToApp(ConsentFlow.Link(state, requisition, requisition.Psu, null));
            default:
                return Outcome.Self(context);
        }
    }

    /// <summary>GA, or straight to LN when the requisition asked for <c>redirect_immediate</c>.</summary>
    private static Outcome Granting(SandboxState state, Requisition requisition, HttpContext context)
    {
        if (requisition.RedirectImmediate)
        {
            return Outcome.ToApp(ConsentFlow.Link(state, requisition, requisition.Psu, null));
        }

        requisition.Status = "GA";
        return Outcome.Self(context);
    }

    private static string Render(SandboxState state, Requisition requisition, string? error)
    {
        var institution = InstitutionCatalogue.Find(requisition.InstitutionId)!;
        state.Agreements.TryGetValue(requisition.Agreement, out var agreement);
        var body = new StringBuilder();
        if (error is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p id=\"error\" role=\"alert\">{E(error)}</p>");
        }

        switch (requisition.Status)
        {
            case "GC":
                body.Append("<h1>Connect your account</h1>");
                body.Append(CultureInfo.InvariantCulture, $"<p>GoCardless (sandbox) will access your data at <strong>{E(institution.Name)}</strong>.</p>");
                if (agreement is not null)
                {
                    body.Append("<ul id=\"scopes\">");
                    foreach (var scope in agreement.AccessScope)
                    {
                        body.Append(CultureInfo.InvariantCulture, $"<li>{E(scope)}</li>");
                    }

                    body.Append(CultureInfo.InvariantCulture,
                        $"</ul><p id=\"history\">Transaction history: {agreement.MaxHistoricalDays} days.</p><p id=\"access\">Access valid for {agreement.AccessValidForDays} days.</p>");
                }

                body.Append(Form("GC", "", "I agree"));
                break;
            case "UA":
                body.Append(CultureInfo.InvariantCulture, $"<h1>Log in to {E(institution.Name)}</h1><p>Any user id and code are accepted.</p>");
                body.Append(Form("UA",
                    "<p><label for=\"psu-id\">User id</label> <input id=\"psu-id\" name=\"psu_id\" type=\"text\" autocomplete=\"off\"></p>" +
                    "<p><label for=\"psu-code\">Code</label> <input id=\"psu-code\" name=\"psu_code\" type=\"password\" autocomplete=\"off\"></p>",
                    "Log in"));
                break;
            case "SA":
                var accounts = new StringBuilder("<fieldset><legend>Choose the accounts to share</legend>");
                for (var ordinal = 0; ordinal < institution.Accounts.Length; ordinal++)
                {
                    var identity = AccountIdentity.Create(state.Options.Seed, institution, requisition.Psu ?? "user", ordinal);
                    var label = identity.Template.Name + " (" + identity.Template.Currency + ") " + Mask(identity.Iban ?? identity.MaskedPan ?? "");
                    accounts.Append(CultureInfo.InvariantCulture,
                        $"<p><label><input type=\"checkbox\" name=\"account\" value=\"{ordinal}\" checked> {E(label)}</label></p>");
                }

                accounts.Append("</fieldset>");
                body.Append("<h1>Select accounts</h1>");
                body.Append(Form("SA", accounts.ToString(), "Continue"));
                break;
            case "GA":
                body.Append(CultureInfo.InvariantCulture, $"<h1>Grant access</h1><p>Allow access to your {E(institution.Name)} accounts?</p>");
                body.Append(Form("GA", "", "Grant access"));
                break;
            default:
                body.Append(CultureInfo.InvariantCulture, $"<h1>Nothing to do</h1><p id=\"status\">This requisition is {E(requisition.Status)}.</p>");
                break;
        }

        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>{E(institution.Name)} - GoCardless sandbox</title>
            <meta name="viewport" content="width=device-width, initial-scale=1"></head>
            <body data-status="{E(requisition.Status)}">
            <header><img id="logo" src="{E(institution.Logo)}" alt="{E(institution.Name)}" width="48" height="48"> <span id="institution">{E(institution.Name)}</span></header>
            <main>{body}</main>
            </body>
            </html>

            """;
        return html;
    }

    /// <summary>Every step's form carries the step it was rendered for and all three buttons.</summary>
    private static string Form(string step, string fields, string approveLabel) =>
        $"<form method=\"post\"><input type=\"hidden\" name=\"step\" value=\"{step}\">{fields}" +
        $"<p><button id=\"approve\" type=\"submit\" name=\"action\" value=\"approve\">{E(approveLabel)}</button> " +
        "<button id=\"reject\" type=\"submit\" name=\"action\" value=\"reject\">Reject</button> " +
        "<button id=\"cancel\" type=\"submit\" name=\"action\" value=\"cancel\">Cancel</button></p></form>";

    private static string Mask(string value) => value.Length <= 4 ? value : "••••" + value[^4..];

    private static string E(string value) => WebUtility.HtmlEncode(value);

    private static Task NotFoundAsync(HttpContext context) =>
        SandboxJson.WriteRawAsync(context, 404, "text/html; charset=utf-8",
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head>" +
            "<body><h1>Not found</h1><p>This consent link does not exist.</p></body></html>\n");
}
