// The stand-in and app server pairs the end-to-end tests use. Ports are fixed
// because the stand-in registers each app's address as its redirect URI.

export interface Site {
  name: string;
  mode: 'accepting' | 'as-ion-today';
  tokenLifetime: number;
  standinPort: number;
  appPort: number;
  standinUrl: string;
  appUrl: string;
  /** Copies of the site with other settings, served under /<folder>/. */
  variants: { folder: string; options: string }[];
  /** Paths besides / registered as redirect URIs at the stand-in. */
  redirectPaths: string[];
}

function site(
  name: string,
  mode: Site['mode'],
  tokenLifetime: number,
  standinPort: number,
  appPort: number,
  variants: Site['variants'] = [],
  redirectPaths: string[] = [],
): Site {
  return {
    name,
    mode,
    tokenLifetime,
    standinPort,
    appPort,
    standinUrl: `http://127.0.0.1:${standinPort}`,
    appUrl: `http://127.0.0.1:${appPort}/`,
    variants,
    redirectPaths,
  };
}

/** Where the main site serves the build under a subpath, and embedded in a host page. */
export const SUBPATH = 'my-site/';
export const EMBED = 'embed/';
/** Where each site serves the build configured for the authorization-code grant with PKCE. */
export const CODE = 'code/';
const CODE_VARIANT = { folder: 'code', options: '--grant code --client-id ion-pages-local-code' };

export const SITES = {
  /** An Ion that accepts this app, with Ion's token lifetime. */
  main: site(
    'main',
    'accepting',
    36000,
    18000,
    18080,
    [
      { folder: 'no-client-id', options: '--client-id ""' },
      { folder: 'bad-ion-url', options: '--ion-url ion.tjhsst.edu' },
      { folder: 'my-site', options: '' },
      CODE_VARIANT,
    ],
    ['/my-site/', '/embed/', `/${CODE}`],
  ),
  /** Like Ion at commit 557054c: no implicit grant, no cross-origin requests. */
  ionToday: site('ion-today', 'as-ion-today', 36000, 18001, 18081, [CODE_VARIANT], [`/${CODE}`]),
  /** Tokens that expire after 20 seconds. */
  shortTokens: site('short-tokens', 'accepting', 20, 18002, 18082, [CODE_VARIANT], [`/${CODE}`]),
};
