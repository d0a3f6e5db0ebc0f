namespace Veil.Sidecar.Auth;

/// <summary>How a request proved who sent it.</summary>
internal enum Credential
{
    None,

    /// <summary>The stream server's token: it may post events and nothing else.</summary>
    IngestToken,

    /// <summary>The machine admin token from the settings (scripts, and creating the first admin user).</summary>
    AdminToken,

    /// <summary>A session token sent as <c>Authorization: Bearer</c> (scripts that signed in).</summary>
    BearerSession,

    /// <summary>A session token in the <c>veil_session</c> cookie (browsers): state-changing requests need the CSRF header.</summary>
    CookieSession,
}
