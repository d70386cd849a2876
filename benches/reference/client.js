// Reference client for benches/run.mjs: the app's implicit-grant sign-in,
// written by hand with no framework and no build step. The benchmark compares
// the app against it, so it does the same job with the least code that is
// still correct: the same <meta> settings, a random `state` checked on return,
// the authorization response removed from the address bar, the token kept in
// local storage and the profile fetched with a Bearer token.
'use strict';

// A started sign-in is accepted for 15 minutes, as in the app.
const PENDING_LIFETIME_MS = 15 * 60 * 1000;
// django-oauth-toolkit's default lifetime, which Ion keeps, for a response without expires_in.
const DEFAULT_EXPIRES_IN_SECS = 36000;
const STATE_RANDOM_BYTES = 32;
// The parameters of an authorization response (RFC 6749 sections 4.2.2 and 4.2.2.1).
const RESPONSE_PARAMETERS = [
  'access_token', 'token_type', 'expires_in', 'scope', 'state', 'error', 'error_description', 'error_uri',
];
// Characters of a Bearer token (RFC 6750 section 2.1, b64token).
const BEARER_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

const ui = {
  message: document.getElementById('message'),
  signedOut: document.getElementById('signed-out'),
  signedIn: document.getElementById('signed-in'),
  signIn: document.getElementById('sign-in'),
  signOut: document.getElementById('sign-out'),
  profileName: document.getElementById('profile-name'),
};

function readSetting(name) {
  const meta = document.querySelector(`meta[name="ion-pages:${name}"]`);
  const value = meta ? meta.content.trim() : '';
  return value === '' ? null : value;
}

/** Reads the <meta> settings. Throws an Error that names a missing or invalid one. */
function readConfig() {
  const ionUrl = readSetting('ion-url');
  const clientId = readSetting('client-id');
  if (ionUrl === null) throw new Error('The setting ion-pages:ion-url is missing. Set it to Ion\'s base URL.');
  if (clientId === null) throw new Error('The setting ion-pages:client-id is missing. Set it to the client id Ion shows.');

  let ion;
  try {
    ion = new URL(ionUrl);
  } catch {
    throw new Error(`The setting ion-pages:ion-url is not a valid URL: "${ionUrl}".`);
  }
  if (ion.protocol !== 'https:' && ion.protocol !== 'http:') {
    throw new Error(`The setting ion-pages:ion-url must be an http or https URL, not "${ionUrl}".`);
  }

  const page = new URL(location.href);
  page.search = '';
  page.hash = '';
  return {
    ionBase: ion.href.endsWith('/') ? ion.href : `${ion.href}/`,
    ionOrigin: ion.origin,
    clientId,
    redirectUri: readSetting('redirect-uri') ?? page.href,
    scope: readSetting('scope') ?? 'read',
    pendingKey: `ion-reference|${ion.origin}|${clientId}|pending`,
    sessionKey: `ion-reference|${ion.origin}|${clientId}|session`,
  };
}

function setMessage(text) {
  ui.message.textContent = text;
  ui.message.hidden = text === '';
}

function showSignedOut(message) {
  setMessage(message);
  ui.signedIn.hidden = true;
  ui.signedOut.hidden = false;
}

/** Stores a fresh `state` for this tab and sends the browser to Ion's authorization endpoint. */
function startSignIn(config) {
  const bytes = crypto.getRandomValues(new Uint8Array(STATE_RANDOM_BYTES));
  const state = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  try {
    sessionStorage.setItem(config.pendingKey, JSON.stringify({ state, createdAt: Date.now() }));
  } catch (error) {
    setMessage(`The sign-in cannot start because this browser blocks session storage (${error.message}).`);
    return;
  }

  const url = new URL('oauth/authorize/', config.ionBase);
  url.search = new URLSearchParams({
    response_type: 'token',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: config.scope,
    state,
  }).toString();
  location.assign(url.href);
}

/**
 * Takes the authorization response out of the address bar and history entry.
 * Returns null when the address contains none, {params} for one response, or
 * {error} for a response that cannot be trusted. A token always comes in the
 * fragment, but django-oauth-toolkit sends some errors in the query.
 */
function takeAuthorizationResponse() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const query = new URLSearchParams(location.search);
  const inFragment = fragment.has('access_token') || fragment.has('error');
  const inQuery = query.has('error');
  if (!inFragment && !inQuery) return null;

  const clean = new URL(location.href);
  if (inFragment) clean.hash = '';
  if (inQuery) {
    for (const name of RESPONSE_PARAMETERS) clean.searchParams.delete(name);
  }
  history.replaceState(history.state, '', clean.href);

  if (inFragment && inQuery) {
    return { error: 'The address contained two sign-in responses at once, so neither was trusted.' };
  }
  const params = inFragment ? fragment : query;
  for (const name of RESPONSE_PARAMETERS) {
    if (params.getAll(name).length > 1) {
      return { error: `Ion's response contained the parameter "${name}" more than once, so it was not trusted.` };
    }
  }
  return { params };
}

/** Checks a response against the attempt this tab started. Returns a session, or throws an Error to show. */
function completeSignIn(config, params) {
  const pendingJson = sessionStorage.getItem(config.pendingKey);
  // An attempt is usable once, whatever the response.
  sessionStorage.removeItem(config.pendingKey);
  let pending = null;
  try {
    pending = JSON.parse(pendingJson);
  } catch {
    pending = null;
  }
  if (!pending || typeof pending.state !== 'string' || typeof pending.createdAt !== 'number') {
    throw new Error('This page received a sign-in response it was not expecting, so it was ignored.');
  }
  // The state is checked first, for error responses too, so that a forged error cannot put its text on screen.
  if (params.get('state') !== pending.state) {
    throw new Error('The response from Ion did not match the sign-in this page started (wrong state), so it was ignored.');
  }
  if (Date.now() - pending.createdAt > PENDING_LIFETIME_MS) {
    throw new Error('The sign-in took longer than 15 minutes, so Ion\'s response was ignored.');
  }

  const error = params.get('error');
  if (error !== null) {
    const description = params.get('error_description');
    throw new Error(`Ion did not sign you in (${error})${description ? `: ${description}` : '.'}`);
  }

  const token = params.get('access_token') ?? '';
  if (!BEARER_TOKEN.test(token)) throw new Error('Ion\'s response did not contain a valid access token.');
  if ((params.get('token_type') ?? '').toLowerCase() !== 'bearer') {
    throw new Error('Ion\'s response did not contain a Bearer token.');
  }
  const expiresIn = params.get('expires_in') ?? String(DEFAULT_EXPIRES_IN_SECS);
  if (!/^[0-9]{1,9}$/.test(expiresIn)) {
    throw new Error(`Ion's response gave the token lifetime "${expiresIn}", which is not a number of seconds.`);
  }
  return { accessToken: token, expiresAt: Date.now() + Number(expiresIn) * 1000 };
}

/** Returns the stored session while it is valid, and removes an expired or unreadable one. */
function loadSession(config) {
  const stored = localStorage.getItem(config.sessionKey);
  if (stored === null) return null;
  try {
    const session = JSON.parse(stored);
    if (typeof session.accessToken === 'string' && typeof session.expiresAt === 'number' && session.expiresAt > Date.now()) {
      return session;
    }
  } catch {
    // An unreadable session is removed below, like an expired one.
  }
  localStorage.removeItem(config.sessionKey);
  return null;
}

/** Fetches {ion}/api/profile with the session's token and shows the user's name. */
async function showProfile(config, session) {
  ui.signedOut.hidden = true;
  ui.signedIn.hidden = false;
  ui.profileName.textContent = '';
  setMessage('Loading your profile from Ion…');

  let response;
  try {
    // Cross-origin fetches send no cookies by default, so Ion judges the request by the token alone.
    response = await fetch(new URL('api/profile', config.ionBase), {
      headers: { Authorization: `Bearer ${session.accessToken}`, Accept: 'application/json' },
    });
  } catch {
    setMessage(`Ion at ${config.ionOrigin} could not be reached, or it does not allow requests from this site.`);
    return;
  }

  if (response.status === 403) {
    localStorage.removeItem(config.sessionKey);
    showSignedOut('Ion no longer accepts this sign-in. Sign in again.');
    return;
  }
  if (!response.ok) {
    setMessage(`The profile request to Ion failed with HTTP status ${response.status}.`);
    return;
  }
  let profile;
  try {
    profile = await response.json();
  } catch {
    setMessage('Ion sent a profile that is not valid JSON.');
    return;
  }
  const name = [profile.display_name, profile.full_name].find((value) => typeof value === 'string' && value.trim() !== '');
  ui.profileName.textContent = name ?? profile.ion_username;
  setMessage('');
}

function start() {
  let config;
  try {
    config = readConfig();
  } catch (error) {
    setMessage(error.message);
    return;
  }

  ui.signIn.addEventListener('click', () => startSignIn(config));
  ui.signOut.addEventListener('click', () => {
    localStorage.removeItem(config.sessionKey);
    showSignedOut('You signed out.');
  });

  const authorization = takeAuthorizationResponse();
  let problem = '';
  if (authorization?.error) {
    problem = authorization.error;
  } else if (authorization) {
    try {
      const session = completeSignIn(config, authorization.params);
      localStorage.setItem(config.sessionKey, JSON.stringify(session));
    } catch (error) {
      problem = error.message;
    }
  }

  const session = loadSession(config);
  if (session) {
    showProfile(config, session);
  } else {
    showSignedOut(problem);
  }
}

start();
