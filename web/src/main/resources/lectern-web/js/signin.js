// Sign-in at the school's OpenID Connect provider: the authorization code flow with PKCE (RFC 7636,
// S256) for a public client, done entirely in the browser. The verifier, state and nonce live in
// sessionStorage (this tab only) until the provider sends the browser back to `/?code=…&state=…`.
import { setToken } from './api.js';

const PENDING_KEY = 'lectern.oidc.pending';
const SIGNED_IN_AT_KEY = 'lectern.oidc.signedInAt';
// Kept only to name the session when signing out (id_token_hint); the API never sees it unless
// the server chose id tokens as bearer tokens.
const ID_TOKEN_KEY = 'lectern.idToken';

let config = null;

/** {mode: 'embedded'} or {mode: 'oidc', authorizationEndpoint, tokenEndpoint, clientId, …}. */
export function signInConfig() {
  if (!config) {
    config = fetch('/auth/config', { headers: { Accept: 'application/json' } }).then((response) => {
      if (!response.ok) throw new Error(`The sign-in settings could not be loaded (HTTP ${response.status}).`);
      return response.json();
    });
    config.catch(() => { config = null; });
  }
  return config;
}

function base64url(bytes) {
  let binary = '';
  for (const b of new Uint8Array(bytes)) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(byteCount) {
  return base64url(crypto.getRandomValues(new Uint8Array(byteCount)));
}

/** Sends the browser to the provider; it comes back to this origin's `/`, then to `returnTo`. */
export async function beginSignIn(returnTo) {
  const cfg = await signInConfig();
  // 32 random bytes make a 43-character verifier, the shortest RFC 7636 allows.
  const verifier = randomString(32);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const state = randomString(16);
  const nonce = randomString(16);
  const redirectUri = `${location.origin}/`;
  const back = typeof returnTo === 'string' && returnTo.startsWith('#/') && returnTo !== '#/signin' ? returnTo : '#/';
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ state, nonce, verifier, redirectUri, returnTo: back }));
  const url = new URL(cfg.authorizationEndpoint);
  for (const [key, value] of Object.entries({
    response_type: 'code',
    client_id: cfg.clientId,
    redirect_uri: redirectUri,
    scope: cfg.scopes,
    state,
    nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  })) url.searchParams.set(key, value);
  location.assign(url.href);
}

/** Whether the address carries the provider's answer (`?code=…` or `?error=…`). */
export function isProviderAnswer() {
  const params = new URLSearchParams(location.search);
  return params.has('code') || params.has('error');
}

/**
 * Finishes a sign-in the provider answered: checks `state`, redeems the code with the verifier,
 * checks the id token's nonce, keeps the chosen token. Throws an Error with a plain message.
 */
export async function completeSignIn() {
  const params = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) || 'null');
  // Single use, and the code leaves the address bar and history whatever happens next.
  sessionStorage.removeItem(PENDING_KEY);
  history.replaceState(null, '', `${location.pathname}${pending?.returnTo || '#/'}`);
  if (params.has('error')) throw new Error(providerError(params.get('error'), params.get('error_description')));
  if (!pending || params.get('state') !== pending.state) {
    throw new Error('This sign-in answer does not belong to a sign-in started in this tab, so it was refused. Please sign in again.');
  }
  const cfg = await signInConfig();
  let response;
  try {
    response = await fetch(cfg.tokenEndpoint, {
      method: 'POST',
      headers: { Accept: 'application/json' },
      // A URLSearchParams body is sent as application/x-www-form-urlencoded.
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: params.get('code') || '',
        redirect_uri: pending.redirectUri,
        client_id: cfg.clientId,
        code_verifier: pending.verifier,
      }),
    });
  } catch {
    throw new Error("Your school's sign-in service could not be reached. Please try again.");
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(`Your school's sign-in service did not finish the sign-in (${body.error || `HTTP ${response.status}`}). Please sign in again.`);
  }
  const claims = jwtClaims(body.id_token);
  if (!claims || claims.nonce !== pending.nonce) {
    throw new Error('The sign-in answer was not issued for this sign-in (its nonce does not match), so it was refused. Please sign in again.');
  }
  if (claims.iss !== cfg.issuer || ![].concat(claims.aud).includes(cfg.clientId)) {
    throw new Error('The sign-in answer came from another issuer or for another application, so it was refused.');
  }
  const chosen = body[cfg.bearerToken];
  if (!chosen) throw new Error(`Your school's sign-in service sent no ${cfg.bearerToken}.`);
  setToken(chosen);
  localStorage.setItem(ID_TOKEN_KEY, body.id_token);
  sessionStorage.setItem(SIGNED_IN_AT_KEY, String(Date.now()));
  return pending.returnTo;
}

function providerError(code, description) {
  if (code === 'access_denied') {
    return 'Sign-in was cancelled or not allowed at your school\'s sign-in page. You can try again.';
  }
  return `Your school's sign-in service answered "${code}"${description ? `: ${description}` : ''}.`;
}

/** The payload of a JWT, or null. The signature is the API's business: it checks every call. */
function jwtClaims(jwt) {
  const part = typeof jwt === 'string' ? jwt.split('.')[1] : null;
  if (!part) return null;
  try {
    const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
  } catch {
    return null;
  }
}

/**
 * Whether a sign-in finished in this tab within the last minute: a token refused that soon is a
 * configuration mismatch, and sending the user round again would loop.
 */
export function recentlySignedIn() {
  return Date.now() - Number(sessionStorage.getItem(SIGNED_IN_AT_KEY) || 0) < 60_000;
}

/** The provider's sign-out address (null when it has none), then forgets the session here. */
export async function endSession() {
  const idToken = localStorage.getItem(ID_TOKEN_KEY);
  localStorage.removeItem(ID_TOKEN_KEY);
  sessionStorage.removeItem(SIGNED_IN_AT_KEY);
  const cfg = await signInConfig().catch(() => null);
  if (cfg?.mode !== 'oidc' || !cfg.endSessionEndpoint) return null;
  const url = new URL(cfg.endSessionEndpoint);
  url.searchParams.set('client_id', cfg.clientId);
  url.searchParams.set('post_logout_redirect_uri', `${location.origin}/`);
  if (idToken) url.searchParams.set('id_token_hint', idToken);
  return url.href;
}
