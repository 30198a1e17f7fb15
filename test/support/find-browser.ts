import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Which Chromium the browser tests drive, and how. A fresh clone must run `npm test` without
 * anyone installing a browser by hand, so discovery falls back to the Chromium that the dev
 * dependency `@sparticuz/chromium` carries inside its npm package.
 */
export interface BrowserChoice {
  executablePath: string;
  /** Extra command-line switches for this build (the packaged one is a headless shell). */
  args: string[];
  /** Environment for the browser process; undefined inherits ours. */
  env?: Record<string, string>;
  /** Where it came from, for the one line the harness prints. */
  source: string;
}

/** Installed browsers, in the order they are preferred after CHROMIUM_PATH. */
export const INSTALLED_BROWSER_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/chromium-browser',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export const INSTALL_HINT =
  'install one (apt-get install -y chromium), set CHROMIUM_PATH to a Chrome or Chromium, ' +
  'or run npm install on Linux x64 to get the packaged @sparticuz/chromium';

export interface FindBrowserOptions {
  /** CHROMIUM_PATH and BROWSER (`packaged` forces the packaged build) are read from here. */
  env?: NodeJS.ProcessEnv;
  installedPaths?: readonly string[];
  /** Unpacks the packaged Chromium; undefined when the package is absent or unusable here. */
  packaged?: () => Promise<BrowserChoice | undefined>;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds a browser: CHROMIUM_PATH, then an installed Chromium or Chrome, then the packaged one.
 * Throws one line saying what to install when nothing serves.
 */
export async function findBrowser(options: FindBrowserOptions = {}): Promise<BrowserChoice> {
  const env = options.env ?? process.env;
  const loadPackaged = options.packaged ?? unpackPackagedChromium;
  const forced = env.BROWSER;
  if (forced !== undefined && forced !== '' && forced !== 'packaged' && forced !== 'installed') {
    throw new Error(`BROWSER must be "packaged" or "installed", not "${forced}".`);
  }

  if (forced !== 'packaged') {
    // An explicit path that is wrong is a mistake to report, not a reason to try something else.
    if (env.CHROMIUM_PATH) {
      if (!isExecutable(env.CHROMIUM_PATH)) {
        throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file.`);
      }
      return { executablePath: env.CHROMIUM_PATH, args: [], source: 'CHROMIUM_PATH' };
    }
    const installed = (options.installedPaths ?? INSTALLED_BROWSER_PATHS).find(isExecutable);
    if (installed) return { executablePath: installed, args: [], source: 'installed' };
    if (forced === 'installed') {
      throw new Error(
        `BROWSER=installed but no installed Chromium or Chrome was found: ${INSTALL_HINT}.`,
      );
    }
  }

  const packaged = await loadPackaged();
  if (packaged) return packaged;
  throw new Error(
    forced === 'packaged'
      ? `BROWSER=packaged but @sparticuz/chromium is not installed or not usable here (it ships Linux x64 only): run npm install on Linux x64.`
      : `No Chromium found for the browser tests: ${INSTALL_HINT}.`,
  );
}

/**
 * Unpacks @sparticuz/chromium's brotli archives once per package version into
 * node_modules/.cache, staged in a private folder and renamed into place, so a half-written binary
 * is never picked up and two runs at once do not write over each other. The package unpacks
 * into `os.tmpdir()`, so TMPDIR points it at the staging folder while it works. Its own
 * libraries (nss, expat: built for Amazon Linux 2023, which this one binary is built against)
 * are put first on the library path, so the host needs none of Chromium's packages.
 */
export async function unpackPackagedChromium(): Promise<BrowserChoice | undefined> {
  if (process.platform !== 'linux' || process.arch !== 'x64') return undefined;
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  } catch {
    return undefined;
  }
  const packageRoot = join(dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
  const target = join(projectRoot, 'node_modules/.cache/packaged-chromium', version);
  const binary = join(target, 'chromium');

  if (!existsSync(binary)) {
    const staging = `${target}.${process.pid}.partial`;
    await rm(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    const previousTmpdir = process.env.TMPDIR;
    process.env.TMPDIR = staging;
    try {
      const { default: Chromium, inflate } = await import('@sparticuz/chromium');
      await Chromium.executablePath();
      await inflate(join(packageRoot, 'bin/al2023.tar.br'));
      // Its fonts.conf names /tmp/fonts; ours names where the fonts are, plus the host's.
      await writeFile(
        join(staging, 'fonts.conf'),
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n' +
          `  <dir>${join(target, 'fonts')}</dir>\n  <dir>/usr/share/fonts</dir>\n` +
          `  <cachedir>${join(target, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
      );
    } finally {
      if (previousTmpdir === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previousTmpdir;
    }
    try {
      renameSync(staging, target);
    } catch (error) {
      // Another run got there first; its copy is as good as ours.
      if (!existsSync(binary)) throw error;
      await rm(staging, { recursive: true, force: true });
    }
  }

  return {
    executablePath: binary,
    // No zygote: the headless shell is built to run without one, as in its own recommended args.
    args: ['--no-zygote'],
    env: {
      ...stringEnv(process.env),
      FONTCONFIG_FILE: join(target, 'fonts.conf'),
      LD_LIBRARY_PATH: [join(target, 'al2023/lib'), process.env.LD_LIBRARY_PATH]
        .filter(Boolean)
        .join(':'),
    },
    source: `packaged @sparticuz/chromium ${version}`,
  };
}

function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
