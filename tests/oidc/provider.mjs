// A real OpenID provider for the tests (node's oidc-provider): one native public client
// with PKCE and a loopback redirect on any port, the device flow, refresh tokens,
// introspection (for Dovecot and the SMTP server) and revocation; and a confidential client
// a career center signs its people in with (its redirect on any loopback port); and a public
// client a center's students sign in to their own mail with (insidetrack-mail).
// PORT: where to listen; ACCESS_TOKEN_TTL: seconds an access token lasts; GROUPS: JSON,
// each login's groups (the role claim of the center's sign-in); UNVERIFIED: JSON, the
// logins whose e-mail address the provider does not say it verified; CENTER_REDIRECT: a
// center behind a TLS-terminating proxy, whose public https redirect URI its client registers
// instead (as a web client: the loopback rule is for native ones, over http).
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const ttl = Number(process.env.ACCESS_TOKEN_TTL || 3600);
const issuer = `http://127.0.0.1:${port}`;
const groups = JSON.parse(process.env.GROUPS || '{}');
const unverified = JSON.parse(process.env.UNVERIFIED || '[]'); // logins whose e-mail is not
const center = process.env.CENTER_REDIRECT
  ? { application_type: 'web', redirect_uris: [process.env.CENTER_REDIRECT] }
  : { application_type: 'native', redirect_uris: ['http://127.0.0.1/login/sso/back'] };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'insidetrack-test',
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      redirect_uris: ['http://127.0.0.1/'],
      grant_types: ['authorization_code', 'refresh_token',
        'urn:ietf:params:oauth:grant-type:device_code'],
      response_types: ['code'],
    },
    {
      client_id: 'insidetrack-center',
      client_secret: 'insidetrack-center-secret',
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      ...center,
    },
    {
      // A center's students' own mail (/my-mail): public, PKCE, any loopback port.
      client_id: 'insidetrack-mail',
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      redirect_uris: ['http://127.0.0.1/my-mail/oauth/back'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      scope: 'openid email offline_access mail',
    },
    {
      client_id: 'mail-servers',
      client_secret: 'mail-servers-secret',
      redirect_uris: [],
      grant_types: [],
      response_types: [],
    },
  ],
  features: {
    devInteractions: { enabled: true }, // the login and consent pages
    deviceFlow: { enabled: true },
    introspection: { enabled: true },
    revocation: { enabled: true },
  },
  pkce: { required: () => true },
  scopes: ['openid', 'offline_access', 'email', 'profile', 'mail'],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
  conformIdTokenClaims: false, // the ID token carries the e-mail and groups asked for
  issueRefreshToken: async (ctx, client, code) =>
    client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
  ttl: { AccessToken: ttl, DeviceCode: 600, RefreshToken: 86400, Grant: 86400 },
  findAccount: async (ctx, id) => ({
    accountId: id,
    claims: async () => ({ sub: id, email: id, email_verified: !unverified.includes(id), name: id,
      groups: groups[id] || [] }),
  }),
  // The servers read the mail address from the introspection answer.
  extraTokenClaims: async (ctx, token) => (token.accountId ? { email: token.accountId } : {}),
});
provider.proxy = false;
provider.listen(port, '127.0.0.1', () => console.log(`listening ${issuer}`));
