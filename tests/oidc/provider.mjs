// A real OpenID Connect provider for the login tests: panva's oidc-provider (OpenID Certified),
// pinned in package-lock.json.
//
//   node tests/oidc/provider.mjs PROVIDER_PORT APP_PORT
//
// Listens on 127.0.0.1:PROVIDER_PORT with one confidential client, `loo-dashboard`, whose
// redirect URI is http://127.0.0.1:APP_PORT/oauth2callback, and the test accounts below. The
// login page is the provider's own (devInteractions); only its submit is ours, to check the
// test password and to record how the account authenticated (amr, acr), as a real provider
// does after a second factor. The ID token carries sub, groups, amr, acr, name and email.
// Prints "klaar" once it listens.

import { Provider } from 'oidc-provider';

const [providerPort, appPort] = process.argv.slice(2).map(Number);
if (!providerPort || !appPort) {
  console.error('gebruik: node tests/oidc/provider.mjs PROVIDER_PORT APP_PORT');
  process.exit(2);
}

const PASSWORD = 'test-wachtwoord';
const CLIENT_SECRET = 'loo-dashboard-test-client-secret-0123456789';

// Account id (= the subject claim) -> groups and how the login authenticated.
const ACCOUNTS = {
  'sub-regisseur-mfa': { groups: ['LOO-Regisseurs'], amr: ['pwd', 'mfa'] },
  'sub-regisseur-zonder-mfa': { groups: ['LOO-Regisseurs'], amr: ['pwd'] },
  'sub-loo-mfa': { groups: ['LOO-Leden', 'Alle-medewerkers'], amr: ['pwd', 'otp', 'mfa'] },
  'sub-manager-zonder-mfa': { groups: ['LOO-Managers'], amr: ['pwd'] },
  'sub-zonder-groep': { groups: ['Alle-medewerkers'], amr: ['pwd', 'mfa'] },
  'sub-keycloak-loa2': { groups: ['LOO-Leden'], amr: ['pwd'], acr: '2' },
  // a Keycloak-style UUID whose last group holds nine digits in a row (BSN-shaped)
  '5f0e1c2a-7b3d-4e8f-9a1b-123456789abc': { groups: ['LOO-Managers'], amr: ['pwd'] },
};

const redirectUri = `http://127.0.0.1:${appPort}/oauth2callback`;

const provider = new Provider(`http://127.0.0.1:${providerPort}`, {
  clients: [{
    client_id: 'loo-dashboard',
    client_secret: CLIENT_SECRET,
    redirect_uris: [redirectUri],
    post_logout_redirect_uris: [redirectUri],
  }],
  // groups, amr and acr in every ID token (the openid scope), as Entra ID sends its group
  // claim and amr
  claims: {
    openid: ['sub', 'groups', 'amr', 'acr'], profile: ['name'], email: ['email'],
    auth_time: null, sid: null,
  },
  conformIdTokenClaims: false, // the claims in the ID token itself: Streamlit reads only that
  async findAccount(ctx, id) {
    if (!ACCOUNTS[id]) return undefined;
    return {
      accountId: id,
      async claims() {
        return {
          sub: id, groups: ACCOUNTS[id].groups, name: `Test ${id}`, email: `${id}@test.invalid`,
        };
      },
    };
  },
  // a first-party client: no consent screen
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid profile email');
    await grant.save();
    return grant;
  },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['loo-dashboard-test-provider-cookie-key'] },
  pkce: { required: () => false },
});

// The submit of the provider's login page: the test password, and the account's amr/acr.
provider.use(async (ctx, next) => {
  const match = ctx.method === 'POST' && ctx.path.match(/^\/interaction\/([^/]+)$/);
  if (!match) return next();
  const body = new URLSearchParams(await readBody(ctx.req));
  if (body.get('prompt') !== 'login') return next();
  const account = ACCOUNTS[body.get('login')];
  if (!account || body.get('password') !== PASSWORD) {
    ctx.status = 401;
    ctx.type = 'text/plain';
    ctx.body = 'Onjuiste inloggegevens';
    return undefined;
  }
  const login = { accountId: body.get('login'), amr: account.amr };
  if (account.acr) login.acr = account.acr;
  const to = await provider.interactionResult(ctx.req, ctx.res, { login }, {
    mergeWithLastSubmission: false,
  });
  ctx.status = 303;
  ctx.redirect(to);
  return undefined;
});

function readBody(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => { data += chunk; });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

provider.listen(providerPort, '127.0.0.1', () => {
  console.log('klaar');
});
