package org.saphan.sandbox.digitalid;

import java.util.List;
import org.springframework.web.util.HtmlUtils;

/** The sign-in page of the Digital ID stand-in: one button per persona, or any subject. */
final class PersonaLoginPage {

  private PersonaLoginPage() {}

  /**
   * The page; its forms have no action, so they post back to the authorization URL with its query
   * (client, redirect URI, state), which is how mock-oauth2-server takes a login.
   */
  static String render(List<Persona> personas) {
    StringBuilder html =
        new StringBuilder(
            """
            <!DOCTYPE html>
            <html lang="th">
            <head>
              <meta charset="utf-8">
              <title>Digital ID (sandbox) - sign in</title>
              <style>
                body { font-family: sans-serif; max-width: 44rem; margin: 2rem auto; }
                button.persona { display: block; width: 100%; text-align: left; margin: .3rem 0;
                                 padding: .5rem; cursor: pointer; }
                small { color: #555; }
                textarea, input[type=text] { width: 100%; }
              </style>
            </head>
            <body>
              <h1>Digital ID (sandbox)</h1>
              <p>All people here are invented. Choose a persona to sign in as.</p>
              <form method="post">
            """);
    for (Persona p : personas) {
      html.append("    <button class=\"persona\" type=\"submit\" name=\"username\" value=\"")
          .append(HtmlUtils.htmlEscape(p.persona()))
          .append("\"><strong>")
          .append(HtmlUtils.htmlEscape(p.persona()))
          .append("</strong> - ")
          .append(HtmlUtils.htmlEscape(p.name()))
          .append(" (")
          .append(HtmlUtils.htmlEscape(p.givenNameEn() + " " + p.familyNameEn()))
          .append("), IAL ")
          .append(HtmlUtils.htmlEscape(p.ialLevel()))
          .append("<br><small>")
          .append(HtmlUtils.htmlEscape(p.description() == null ? "" : p.description()))
          .append("</small></button>\n");
    }
    html.append(
        """
          </form>
          <h2>Or any subject</h2>
          <form method="post">
            <label>Persona name, persona sub, or any subject
              <input type="text" name="username" required></label>
            <label>Extra claims (JSON object; they override the persona's)
              <textarea name="claims" rows="5" placeholder='{"ial_level": "1.1"}'></textarea></label>
            <input type="submit" value="Sign in">
          </form>
        </body>
        </html>
        """);
    return html.toString();
  }

  /**
   * What the bare sign-in URL answers: it only works with an OIDC client's parameters, so the page
   * links to a complete sign-in and lists the personas.
   */
  static String help(List<Persona> personas, String startUrl) {
    StringBuilder html =
        new StringBuilder(
            """
            <!DOCTYPE html>
            <html lang="th">
            <head><meta charset="utf-8"><title>Digital ID (sandbox)</title></head>
            <body>
              <h1>Digital ID (sandbox)</h1>
              <p>This is the OpenID Connect sign-in endpoint. A client (the portal) sends people
              here with its parameters (client_id, response_type, redirect_uri, state).</p>
              <p><a id="start" href="%s">Sign in as a persona</a> (as the sandbox portal client;
              the code is shown by mock-oauth2-server's debugger).</p>
              <p>A token without signing in: <code>curl -s -X POST
              localhost:8090/sandbox/v1/digital-id/personas/citizen-somchai/token</code></p>
              <ul>
            """
                .formatted(HtmlUtils.htmlEscape(startUrl)));
    for (Persona p : personas) {
      html.append("    <li><strong>")
          .append(HtmlUtils.htmlEscape(p.persona()))
          .append("</strong> - ")
          .append(HtmlUtils.htmlEscape(p.name()))
          .append(", IAL ")
          .append(HtmlUtils.htmlEscape(p.ialLevel()))
          .append("</li>\n");
    }
    html.append("  </ul>\n</body>\n</html>\n");
    return html.toString();
  }
}
